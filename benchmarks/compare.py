"""Time whole processes: evalkit vs hand-written DuckDB SQL vs pandas on the same KPIs.

    python benchmarks/compare.py benchmarks/data/1m --format parquet --repeat 5

Each contender runs as its own process (``workloads.py``), round-robin, ``--repeat`` times;
prints the median wall time, the ratio to DuckDB SQL and the peak resident memory (the child's
``ru_maxrss`` from ``wait4``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CONTENDERS = ("evalkit", "duckdb", "pandas")
WORKLOADS = Path(__file__).with_name("workloads.py")


def run_once(name: str, folder: Path, fmt: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(WORKLOADS), name, str(folder), fmt])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name} failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--format", default="parquet", choices=("parquet", "csv"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=list(CONTENDERS))
    args = parser.parse_args()
    times: dict[str, list[float]] = {n: [] for n in args.only}
    peaks: dict[str, int] = dict.fromkeys(args.only, 0)
    for _ in range(args.repeat):
        for name in args.only:
            elapsed, peak = run_once(name, args.folder, args.format)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    base = statistics.median(times["duckdb"]) if "duckdb" in times else None
    print(f"{args.folder} ({args.format}), median of {args.repeat}, round-robin")
    print(f"{'contender':<10} {'median s':>9} {'vs duckdb':>10} {'peak MiB':>9}")
    for name in args.only:
        median = statistics.median(times[name])
        ratio = f"{median / base:.2f}x" if base else "-"
        print(f"{name:<10} {median:>9.2f} {ratio:>10} {peaks[name] / 2**20:>9.0f}")


if __name__ == "__main__":
    main()
