"""The demo on Spark (local, and through Spark Connect): the values DuckDB computes.

The oracle is ``tests/data/demo_metric_values.json``, the demo's values and ledger as DuckDB
computes them from the demo's CSV files (the demo test checks DuckDB still gives them).
The Parquet copy keeps the client's headers and values, so Spark maps them as DuckDB does;
the one difference is the ledger's 12 resolution times written '待定', which are nulls in a
typed Parquet column rather than values that fail to parse.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from evalkit.demo.generate import generate_demo
from tests.conftest import RunCli
from tests.fixtures.metric_values import assert_same_values, compact
from tests.fixtures.spark import demo_as_parquet

pytestmark = pytest.mark.spark

EXPECTED_VALUES = Path(__file__).parents[1] / "data" / "demo_metric_values.json"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's data and spec as ``evalkit demo`` writes them (not evaluated)."""
    folder = tmp_path_factory.mktemp("demo")
    generate_demo(folder)
    return folder


def _evaluate(run_cli: RunCli, demo: Path, folder: Path, master: str) -> dict[str, Any]:
    spec = demo_as_parquet(demo, folder, master)
    args = ("run", str(spec), "--out", str(folder / "out"), "--format", "json")
    if master.startswith("sc://"):
        # a process holds a local session or a Connect client, not both (pyspark refuses)
        ran = subprocess.run(
            [sys.executable, "-m", "evalkit", *args], capture_output=True, text=True, check=False
        )
        assert ran.returncode == 0, ran.stderr
    else:
        outcome = run_cli(*args)
        assert outcome.exit_code == 0, outcome.stderr
    loaded: dict[str, Any] = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    return loaded


def _assert_duckdb_values(result: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED_VALUES.read_text("utf-8"))
    found = compact(result)
    assert_same_values(found["metrics"], expected["metrics"])
    unparsed = [e for e in expected["data_quality"] if e["reason"] == "unparseable_timestamp"]
    assert [e["rows"] for e in unparsed] == [12]
    assert found["data_quality"] == [e for e in expected["data_quality"] if e not in unparsed]


def test_demo_on_spark_local_equals_duckdb(
    spark_session: Any, demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    result = _evaluate(run_cli, demo, tmp_path, "local[1]")
    _assert_duckdb_values(result)
    data = {d["table"]: d for d in result["provenance"]["data"]}
    assert data["tickets"]["source"] == "data/tickets.parquet"
    assert data["tickets"]["engine"] == f"Spark {spark_session.version} (local[1])"
    # the demo writes 20 000 tickets and 9 500 customers (evalkit/demo)
    assert (data["tickets"]["rows"], data["customers"]["rows"]) == (20_000, 9_500)


def test_demo_through_spark_connect_equals_duckdb(
    spark_connect: str, demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    result = _evaluate(run_cli, demo, tmp_path, spark_connect)
    _assert_duckdb_values(result)
    assert result["provenance"]["data"][0]["engine"].endswith(f"({spark_connect})")
