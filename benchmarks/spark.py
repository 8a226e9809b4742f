"""Time ``evalkit run`` on Spark local against ``evalkit run`` on DuckDB, same spec and data.

    python benchmarks/spark.py benchmarks/data/1m --master 'local[2]' --driver-memory 4g

Each run is its own process on ``tickets.parquet`` of the folder: ``evalkit run
benchmarks/spec.yaml`` (DuckDB), the same spec with ``data.engine.spark`` (Spark), and a
process that only starts and stops the same Spark session (its start-up; the Spark run's
query time is its wall time less that). Every value of the Spark run is checked against the
DuckDB run's, to 1e-9 relative. Prints one Markdown table row per measurement, with the load
average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from compare import EVALKIT, SPEC, evalkit_values, same  # noqa: E402

START = """
import sys
from pyspark.sql import SparkSession
builder = SparkSession.builder.master(sys.argv[1])
for pair in sys.argv[2:]:
    key, _, value = pair.partition("=")
    builder = builder.config(key, value)
builder.getOrCreate().stop()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one process (which must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    """Run the three processes ``--repeat`` times and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    conf = {
        "spark.driver.memory": args.driver_memory,
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.enabled": "false",
    }
    tickets = (args.folder / "tickets.parquet").resolve()
    env = {**os.environ, "EVALKIT_BENCH_TICKETS": str(tickets)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        spec = yaml.safe_load(SPEC.read_text("utf-8"))
        spec["data"]["engine"] = {"spark": {"master": args.master, "conf": conf}}
        spark_spec = work / "spec.yaml"
        spark_spec.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
        runs: dict[str, list[float]] = {"duckdb": [], "spark": [], "start": []}
        before = os.getloadavg()[0]
        for _ in range(args.repeat):
            duck = [str(EVALKIT), "run", str(SPEC), "--format", "json", "--out", str(work / "d")]
            runs["duckdb"].append(timed(duck, env))
            spark = [str(EVALKIT), "run", str(spark_spec), "--format", "json"]
            runs["spark"].append(timed([*spark, "--out", str(work / "s")], env))
            start = [sys.executable, "-c", START, args.master]
            runs["start"].append(timed([*start, *(f"{k}={v}" for k, v in conf.items())], env))
        after = os.getloadavg()[0]
        ours = evalkit_values(json.loads((work / "s" / "result.json").read_text("utf-8")))
        theirs = evalkit_values(json.loads((work / "d" / "result.json").read_text("utf-8")))
        for key, values in theirs.items():
            if not all(same(a, b) for a, b in zip(values, ours[key], strict=True)):
                raise SystemExit(f"values differ in {key}: duckdb {values}, spark {ours[key]}")
    median = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
    print(
        f"| {args.folder.name} | {median['duckdb']:.1f} | {median['spark']:.1f} | "
        f"{median['start']:.1f} | {median['spark'] - median['start']:.1f} | "
        f"{before:.1f} → {after:.1f} |"
    )


if __name__ == "__main__":
    main()
