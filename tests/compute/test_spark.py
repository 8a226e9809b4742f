"""The demo on Spark (local, and through Spark Connect): the values DuckDB computes.

The oracle is ``tests/data/demo_metric_values.json``, the demo's values and ledger as DuckDB
computes them from the demo's CSV files (the demo test checks DuckDB still gives them).
The Parquet copy keeps the client's headers and values, so Spark maps them as DuckDB does;
the one difference is the ledger's 12 resolution times written '待定', which are nulls in a
typed Parquet column rather than values that fail to parse.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

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


def _spec_with(demo: Path, folder: Path, master: str, **tickets: Any) -> Path:
    """The demo on Spark ``master`` with the tickets source replaced by ``tickets``."""
    spec = demo_as_parquet(demo, folder, master)
    text = spec.read_text("utf-8")
    loaded = yaml.safe_load(text)
    loaded["data"]["sources"]["tickets"] = tickets or loaded["data"]["sources"]["tickets"]
    spec.write_text(yaml.safe_dump(loaded, allow_unicode=True, sort_keys=False), "utf-8")
    return spec


def _line_of(spec: Path, text: str) -> int:
    return next(i for i, line in enumerate(spec.read_text("utf-8").splitlines(), 1) if text in line)


def test_an_unreachable_connect_server_is_a_located_error(
    demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    spec = _spec_with(demo, tmp_path, f"sc://127.0.0.1:{port}/;token=s3cret")
    ran = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json")
    assert ran.exit_code == 2
    assert "s3cret" not in ran.stderr
    line = _line_of(spec, "spark:")
    assert ran.stderr.startswith(f"error: {spec}:{line}:5: Spark Connect server 127.0.0.1:{port}")
    assert "cannot be reached (Connection refused)" in ran.stderr
    assert len(ran.stderr.splitlines()) == 1
    assert not (tmp_path / "out" / "result.json").exists()


def test_no_java_is_a_located_error(
    demo: Path, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec_with(demo, tmp_path, "local[2]")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    ran = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json")
    assert ran.exit_code == 2
    line = _line_of(spec, "spark:")
    assert ran.stderr == (
        f"error: {spec}:{line}:5: Spark master local[2] needs Java 17 or later on this machine: "
        "install it (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME\n"
    )


def test_a_missing_catalog_table_is_a_located_error(
    spark_session: Any, demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    spec = _spec_with(demo, tmp_path, "local[1]", table="crm_tickets")
    ran = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json")
    assert ran.exit_code == 2
    line = _line_of(spec, "tickets:")
    assert ran.stderr == (
        f"error: {spec}:{line}:5: Spark table crm_tickets: no such table in the Spark catalog; "
        "check table: (db.table or table)\n"
    )


def test_a_master_spark_does_not_know_is_a_located_spec_error(
    demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    spec = _spec_with(demo, tmp_path, "local[two]")
    ran = run_cli("validate", spec)
    assert ran.exit_code == 2
    line = _line_of(spec, "master:")
    assert f"{spec}:{line}:15: " in ran.stderr and "local[two]" in ran.stderr


def test_a_csv_source_on_spark_is_a_located_spec_error(
    demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    (tmp_path / "tickets.csv").write_text("ticket_id\n1\n", "utf-8")
    spec = _spec_with(demo, tmp_path, "local[1]", path="tickets.csv", encoding="gbk")
    ran = run_cli("validate", spec)
    assert ran.exit_code == 2
    path_line, encoding_line = _line_of(spec, "path: tickets.csv"), _line_of(spec, "encoding:")
    assert ran.stderr.splitlines() == [
        f"error: {spec}:{path_line}:13: 'tickets.csv': Spark reads parquet, orc, delta; write "
        "the data as Parquet or set format:",
        f"error: {spec}:{encoding_line}:7: 'encoding:' applies to text and Excel files, which "
        "Spark does not read; write the data as Parquet",
    ]


def test_remote_paths_and_catalog_tables_are_left_to_spark_by_validate(
    demo: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    spec = _spec_with(demo, tmp_path, "yarn", path="s3a://service-lake/tickets/")
    loaded = yaml.safe_load(spec.read_text("utf-8"))
    loaded["data"]["sources"]["customers"] = {"table": "crm.customers"}
    spec.write_text(yaml.safe_dump(loaded, allow_unicode=True, sort_keys=False), "utf-8")
    ran = run_cli("validate", spec)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.startswith(f"{spec}: ok")


SMALL_SPEC = """\
version: 1
evaluation: {{title: Percentiles, client: Test, go_live: 2026-01-15, period: 2026Q3, locale: en}}
data:
  sources:
    tickets: {{path: tickets.parquet}}
  engine: {{spark: {{master: "local[1]"{extra}}}}}
criteria:
  speed: {{title: Speed, metrics: [frt_median]}}
metrics:
  frt_median:
    metric: first_response_time
    params: {{statistic: median}}
    target: {{goal: 60, red_flag: 240}}
"""


def _median_run(run_cli: RunCli, folder: Path, extra: str) -> dict[str, Any]:
    """1 000 tickets of 2026Q3 answered after 1, 2, …, 1 000 minutes."""
    from datetime import datetime, timedelta

    import pyarrow as pa
    import pyarrow.parquet as pq

    start = datetime(2026, 7, 1)
    created = [start + timedelta(hours=i) for i in range(1000)]
    answered = [c + timedelta(minutes=i + 1) for i, c in enumerate(created)]
    table = pa.table(
        {
            "ticket_id": [f"T{i}" for i in range(1000)],
            "created_at": pa.array(created, pa.timestamp("us")),
            "first_response_at": pa.array(answered, pa.timestamp("us")),
        }
    )
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, folder / "tickets.parquet")
    (folder / "spec.yaml").write_text(SMALL_SPEC.format(extra=extra), "utf-8")
    out = folder / "out"
    outcome = run_cli("run", str(folder / "spec.yaml"), "--out", str(out), "--format", "json,html")
    assert outcome.exit_code == 0, outcome.stderr
    result: dict[str, Any] = json.loads((out / "result.json").read_text("utf-8"))
    result["_html"] = (out / "report.html").read_text("utf-8")
    return result


def test_percentiles_exact_by_default_approximate_when_asked(
    spark_session: Any, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evalkit.compute.sql as sql

    statements: list[str] = []
    real = sql._fetch

    def seen(backend: Any, text: str) -> list[dict[str, Any]]:
        statements.append(text)
        return real(backend, text)

    monkeypatch.setattr(sql, "_fetch", seen)
    exact = _median_run(run_cli, tmp_path / "exact", "")
    (metric,) = exact["metrics"]
    assert metric["value"] == 500.5  # the mean of the 500th and 501st of 1 … 1 000
    assert exact["scoring"]["percentiles"] == {"method": "exact"}
    assert "approx_percentile" not in exact["_html"]

    approximate = _median_run(
        run_cli, tmp_path / "approximate", ", approximate: true, accuracy: 100"
    )
    (metric,) = approximate["metrics"]
    # approx_percentile returns one of the values, ranked within n / accuracy = 10 places of
    # the median's rank (500.5): 491 … 510 minutes
    assert metric["value"] == int(metric["value"])
    assert 490.5 <= metric["value"] <= 510.5
    assert approximate["scoring"]["percentiles"] == {"method": "approx_percentile", "accuracy": 100}
    assert "approx_percentile with accuracy 100" in approximate["_html"]
    # the accuracy reaches Spark (Ibis writes approx_percentile without one)
    assert any(re.search(r"(?i)approx_percentile\(.*, 100\)", s) for s in statements)


@pytest.mark.parametrize(("tickets", "filtered"), [(1000, 500), (0, 0)])
def test_a_where_on_spark_counts_the_rows_it_removes(
    spark_session: Any, tmp_path: Path, run_cli: RunCli, tickets: int, filtered: int
) -> None:
    """The first responses after 1 … 1 000 minutes, the even ones kept: 500 removed, and the
    median of 2, 4, …, 1 000 is 501; a source with no rows removes none (Spark's filtered
    count over no rows is null)."""
    from datetime import datetime, timedelta

    import pyarrow as pa
    import pyarrow.parquet as pq

    created = [datetime(2026, 7, 1) + timedelta(hours=i) for i in range(tickets)]
    pq.write_table(
        pa.table(
            {
                "ticket_id": [f"T{i}" for i in range(tickets)],
                "created_at": pa.array(created, pa.timestamp("us")),
                "first_response_at": pa.array(
                    [c + timedelta(minutes=i + 1) for i, c in enumerate(created)],
                    pa.timestamp("us"),
                ),
                "kept": pa.array([i % 2 for i in range(tickets)], pa.float64()),
            }
        ),
        tmp_path / "tickets.parquet",
    )
    spec = SMALL_SPEC.format(extra="").replace(
        "tickets: {path: tickets.parquet}",
        'tickets: {path: tickets.parquet, where: "kept == 1", '
        "extra_columns: {kept: {type: number}}}",
    )
    (tmp_path / "spec.yaml").write_text(spec, "utf-8")
    outcome = run_cli("run", str(tmp_path / "spec.yaml"), "--out", str(tmp_path / "out"))
    assert outcome.exit_code == 0, outcome.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text("utf-8"))
    removed = [d["rows"] for d in result["data_quality"] if d["reason"] == "filtered"]
    assert removed == ([filtered] if filtered else [])
    (metric,) = result["metrics"]
    assert metric["value"] == (501 if tickets else None)
