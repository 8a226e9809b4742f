"""Time whole processes: ``evalkit run`` vs hand-written DuckDB SQL vs pandas on the same KPIs.

    python benchmarks/compare.py benchmarks/data/1m --format parquet --repeat 5 --check

Each contender runs as its own process, round-robin, ``--repeat`` times: ``evalkit run
benchmarks/spec.yaml --format json`` (interpreter start, imports, plugins, spec, query, scoring
and result.json included) and the two hand-written workloads of ``workloads.py``. Prints the
median wall time, the ratio to the DuckDB SQL, the peak resident memory (the child's
``ru_maxrss`` from ``wait4``) and the load average before and after (other jobs on the machine
slow every contender). ``--check`` first compares evalkit's current-quarter values with the
SQL's.
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

CONTENDERS = ("evalkit", "duckdb", "pandas")
HERE = Path(__file__).parent
WORKLOADS = HERE / "workloads.py"
SPEC = HERE / "spec.yaml"
EVALKIT = Path(sys.executable).with_name("evalkit")


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


def check(folder: Path, fmt: str, out: Path) -> None:
    """evalkit's 2026Q3 values equal the hand-written SQL's (to 1e-9 relative)."""
    run_once("evalkit", folder, fmt, out)
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    ours = {m["id"]: m["value"] for m in result["metrics"]}
    printed = subprocess.run(
        [sys.executable, str(WORKLOADS), "duckdb", str(folder), fmt, "--print"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    theirs = json.loads(printed)
    for kpi, value in theirs.items():
        if not math.isclose(ours[kpi], value, rel_tol=1e-9):
            raise SystemExit(f"{kpi}: evalkit {ours[kpi]} ≠ DuckDB SQL {value}")
    print(f"check: the {len(theirs)} KPIs of 2026Q3 agree with the DuckDB SQL")


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
    peaks: dict[str, int] = dict.fromkeys(args.only, 0)
    with tempfile.TemporaryDirectory(prefix="evalkit-bench-") as tmp:
        out = Path(tmp)
        if args.check:
            check(args.folder, args.format, out)
        before = os.getloadavg()
        for _ in range(args.repeat):
            for name in args.only:
                elapsed, peak = run_once(name, args.folder, args.format, out)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
        after = os.getloadavg()
    base = statistics.median(times["duckdb"]) if "duckdb" in times else None
    print(f"{args.folder} ({args.format}), median of {args.repeat}, round-robin")
    print(f"load average (1 min) before {before[0]:.2f}, after {after[0]:.2f}")
    print(f"{'contender':<10} {'median s':>9} {'min s':>7} {'vs duckdb':>10} {'peak MiB':>9}")
    for name in args.only:
        median = statistics.median(times[name])
        ratio = f"{median / base:.2f}x" if base else "-"
        print(
            f"{name:<10} {median:>9.2f} {min(times[name]):>7.2f} {ratio:>10} "
            f"{peaks[name] / 2**20:>9.0f}"
        )


if __name__ == "__main__":
    main()
