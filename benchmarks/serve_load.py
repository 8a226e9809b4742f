"""Load check of ``evalkit serve``: concurrent readers against the local server.

Usage: ``python benchmarks/serve_load.py [--clients 5] [--quarters 12] [--users 20]
[--seconds 30]``.

The history is generated cheaply: the demo is run once (``evalkit demo --format json``), then
each client × quarter gets a copy of its Result whose metric scores are moved by a seeded
generator (Gaussian, σ 8 points, clamped to 0–100); the overall score before rules is
recomputed as Σ global weight × metric score, the demo's rule effect added back, and the grade
taken from its bands; criterion scores stay the demo's. Each copy is filed with the history's
own ``archive`` (as ``evalkit run --history`` does). The server runs as ``evalkit serve`` in a
child process on 127.0.0.1; ``--users`` threads, each with its own keep-alive connection, ask
for random pages (portfolio, evaluation, metric and diff pages, result.json downloads) for
``--seconds``. Prints the request count, errors, latency percentiles and the load average.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from evalkit.history.store import archive

SEED = 20260115


def demo_result(folder: Path) -> dict[str, Any]:
    """The demo's result.json, made once."""
    subprocess.run(
        [sys.executable, "-m", "evalkit", "demo", "--out", str(folder), "--format", "json"],
        check=True,
        capture_output=True,
    )
    data: dict[str, Any] = json.loads((folder / "report" / "result.json").read_text("utf-8"))
    return data


def varied(base: dict[str, Any], period: str, stamp: str, rng: random.Random) -> dict[str, Any]:
    """``base`` for another period, its metric scores moved and the overall score recomputed."""
    result = copy.deepcopy(base)
    total = 0.0
    for m in result["metrics"]:
        if m.get("score") is not None:
            m["score"] = min(100.0, max(0.0, m["score"] + rng.gauss(0, 8)))
            total += (m.get("global_weight") or 0.0) * m["score"]
    overall = result["overall"]
    rules = overall["score"] - overall["score_before_rules"]
    bands = sorted(result["scoring"]["grades"].items(), key=lambda g: -g[1])
    overall["score_before_rules"] = total
    overall["score"] = min(100.0, max(0.0, total + rules))
    overall["grade"] = next((g for g, low in bands if overall["score"] >= low), bands[-1][0])
    result["evaluation"]["period"] = period
    result["provenance"]["generated_at"] = stamp
    return result


def build(folder: Path, base: dict[str, Any], clients: int, quarters: int) -> list[str]:
    """The history folders; returns the paths to ask for."""
    rng = random.Random(SEED)
    urls = ["/"]
    for c in range(clients):
        name = f"client-{c + 1:02d}"
        runs = []
        for q in range(quarters):
            year, quarter = 2024 + q // 4, q % 4 + 1
            period = f"{year}Q{quarter}"
            stamp = f"{year + (quarter == 4)}-{(quarter * 3) % 12 + 1:02d}-05T09:00:00+00:00"
            archive(varied(base, period, stamp, rng), folder / name)
            runs.append(f"/{name}/{period}/1")
        for run in runs:
            urls += [f"{run}/index.html", f"{run}/files/result.json"]
            urls += [f"{run}/metrics/{m['id']}.html" for m in base["metrics"]]
        for a, b in itertools.pairwise(runs):
            urls.append(f"/{name}/diff/{a.split('/', 2)[2]}/{b.split('/', 2)[2]}.html")
    return urls


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def reader(port: int, urls: list[str], until: float, seed: int, out: list[tuple[float, int]]):
    """One user: random pages over a keep-alive connection until ``until``."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        url = rng.choice(urls)
        start = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        out.append((time.perf_counter() - start, status))
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        urls = build(work / "clients", demo_result(work / "demo"), args.clients, args.quarters)
        print(f"history: {args.clients} clients × {args.quarters} quarters, {len(urls)} URLs, "
              f"made in {time.perf_counter() - started:.1f} s")  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "evalkit", "serve", str(work / "clients"), "--port", str(port)]
        )
        try:
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            load_before = os.getloadavg()[0]
            results: list[tuple[float, int]] = []
            until = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=reader, args=(port, urls, until, SEED + i, results))
                for i in range(args.users)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            load_after = os.getloadavg()[0]
        finally:
            server.terminate()
            server.wait(timeout=30)
    times = sorted(t for t, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    cuts = statistics.quantiles(times, n=100)
    print(
        f"{len(results)} requests in {args.seconds:.0f} s by {args.users} users "
        f"({len(results) / args.seconds:.0f}/s), errors {errors}; latency ms: "
        f"p50 {cuts[49] * 1000:.0f}, p95 {cuts[94] * 1000:.0f}, p99 {cuts[98] * 1000:.0f}, "
        f"max {times[-1] * 1000:.0f}; load average {load_before:.2f} → {load_after:.2f} "
        f"({os.cpu_count()} cores)"
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
