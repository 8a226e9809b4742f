"""Time whole processes: ``evalkit run`` vs hand-written DuckDB SQL, polars and pandas.

    python benchmarks/compare.py benchmarks/data/1m --format parquet --repeat 5 --check

Each contender runs as its own process, round-robin, ``--repeat`` times: ``evalkit run
benchmarks/spec.yaml --format json`` (interpreter start, imports, plugins, spec, query, scoring
and result.json included) and the workloads of ``workloads.py``. Prints the median wall time,
the median of the per-round ratios to the DuckDB SQL (each round's contenders ran back to back,
so the ratio of a round cancels most of the load other jobs put on the machine), the peak
resident memory (the child's ``ru_maxrss`` from ``wait4``) and the load average before and
after. ``--check`` first compares every value: evalkit's (each window overall, the current
quarter per segment) and the other contenders' (every window × group) with the SQL's, to 1e-9
relative.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CONTENDERS = ("evalkit", "duckdb", "polars", "pandas")
HERE = Path(__file__).parent
WORKLOADS = HERE / "workloads.py"
SPEC = HERE / "spec.yaml"
EVALKIT = Path(sys.executable).with_name("evalkit")
sys.path.insert(0, str(HERE))
from workloads import KPIS, QUARTERS  # noqa: E402


def command(name: str, folder: Path, fmt: str, out: Path) -> list[str]:
    """The command line of one contender."""
    if name == "evalkit":
        return [str(EVALKIT), "run", str(SPEC), "--format", "json", "--out", str(out)]
    return [sys.executable, str(WORKLOADS), name, str(folder), fmt]


def run_once(name: str, folder: Path, fmt: str, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process."""
    env = {**os.environ, "EVALKIT_BENCH_TICKETS": str((folder / f"tickets.{fmt}").resolve())}
    started = time.perf_counter()
    process = subprocess.Popen(command(name, folder, fmt, out), env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    # evalkit run exits 1 when a gate rule fires; the benchmark spec has none
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name} failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024


Values = dict[str, list[float | None]]


def evalkit_values(result: dict[str, Any]) -> Values:
    """result.json's values as ``window|group`` → KPIs: each window overall, and the current
    quarter per segment (the breakdown result.json carries)."""
    metrics = {m["id"]: m for m in result["metrics"]}
    found: Values = {}

    def put(key: str, kpi: int, value: float | None) -> None:
        found.setdefault(key, [None] * len(KPIS))[kpi] = value

    for i, kpi in enumerate(KPIS):
        m = metrics[kpi]
        put(f"{QUARTERS[-1]}|all", i, m["value"])
        put("baseline|all", i, m["baseline"]["value"])
        for point in m["trend"]:
            put(f"{point['period']}|all", i, point["value"])
        for group, entry in m["breakdown"]["segment"].items():
            put(f"{QUARTERS[-1]}|{group}", i, entry["value"])
    return found


def printed(name: str, folder: Path, fmt: str) -> Values:
    """The values a workload prints with ``--print``."""
    text = subprocess.run(
        [*command(name, folder, fmt, folder), "--print"], check=True, capture_output=True, text=True
    ).stdout
    loaded: Values = json.loads(text)
    return loaded


def same(a: float | None, b: float | None) -> bool:
    """Equal to 1e-9 relative (both missing counts as equal)."""
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def check(names: list[str], folder: Path, fmt: str, out: Path) -> None:
    """Every contender's values equal the hand-written SQL's."""
    sql = printed("duckdb", folder, fmt)
    for name in names:
        if name == "duckdb":
            continue
        if name == "evalkit":
            run_once("evalkit", folder, fmt, out)
            theirs = evalkit_values(json.loads((out / "result.json").read_text("utf-8")))
        else:
            theirs = printed(name, folder, fmt)
        for key, values in theirs.items():
            for kpi, value, expected in zip(KPIS, values, sql[key], strict=True):
                if not same(value, expected):
                    raise SystemExit(f"{name} {key} {kpi}: {value} ≠ DuckDB SQL {expected}")
        print(f"check: {name} agrees with the DuckDB SQL on {len(theirs)} window × group rows")


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--format", default="parquet", choices=("parquet", "csv"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=list(CONTENDERS))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    times: dict[str, list[float]] = {n: [] for n in args.only}
    ratios: dict[str, list[float]] = {n: [] for n in args.only}
    peaks: dict[str, int] = dict.fromkeys(args.only, 0)
    with tempfile.TemporaryDirectory(prefix="evalkit-bench-") as tmp:
        out = Path(tmp)
        if args.check:
            check(args.only, args.folder, args.format, out)
        before = os.getloadavg()
        for _ in range(args.repeat):
            for name in args.only:
                elapsed, peak = run_once(name, args.folder, args.format, out)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
            if "duckdb" in times:
                for name in args.only:
                    ratios[name].append(times[name][-1] / times["duckdb"][-1])
        after = os.getloadavg()
    print(f"{args.folder} ({args.format}), median of {args.repeat}, round-robin")
    print(f"load average (1 min) before {before[0]:.2f}, after {after[0]:.2f}")
    print(
        f"{'contender':<10} {'median s':>9} {'min s':>7} {'max s':>7} {'vs duckdb':>10} "
        f"{'peak MiB':>9}"
    )
    for name in args.only:
        ratio = f"{statistics.median(ratios[name]):.2f}x" if ratios[name] else "-"
        print(
            f"{name:<10} {statistics.median(times[name]):>9.2f} {min(times[name]):>7.2f} "
            f"{max(times[name]):>7.2f} {ratio:>10} {peaks[name] / 2**20:>9.0f}"
        )


if __name__ == "__main__":
    main()
