"""Connections get libpq timeouts unless the URL sets its own."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest
import yaml

from evalkit.compute.sources import Sources, timeouts
from tests.conftest import RunCli
from tests.fixtures.golive_postgres import load_golive, spec_text
from tests.security.conftest import SPEC


def test_defaults_are_added_to_a_plain_url() -> None:
    assert timeouts("postgresql://u@h/db") == {
        "connect_timeout": "10",
        "options": "-c statement_timeout=600s",
    }


def test_a_url_keeps_its_own_settings() -> None:
    url = "postgresql://u@h/db?connect_timeout=30&options=-c%20statement_timeout%3D1800s"
    assert timeouts(url) == {}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "10min"), ("?options=-c%20statement_timeout%3D90s", "90s")],
)
def test_the_server_applies_the_statement_timeout(
    postgres_url: str, tmp_path: Path, query: str, expected: str
) -> None:
    sources = Sources(tmp_path)
    try:
        backend = sources.database(postgres_url + query)
        with backend.raw_sql("SHOW statement_timeout") as cursor:  # type: ignore[attr-defined]
            assert cursor.fetchone()[0] == expected
    finally:
        sources.close()


def _slow_tickets(url: str, fast: int = 0) -> None:
    """Put the tickets behind a view that sleeps 5 s in every statement that reads it, after
    the first ``fast`` ones; each ticket is there 8 times, so that a quarter has enough first
    responses for a median's interval."""
    with psycopg.connect(url, autocommit=True) as con:
        con.execute('ALTER TABLE crm."工单" RENAME TO "工单_rows"')
        for _ in range(3):
            con.execute('INSERT INTO crm."工单_rows" SELECT * FROM crm."工单_rows"')
        con.execute("CREATE SEQUENCE crm.reads")
        con.execute(
            'CREATE VIEW crm."工单" AS SELECT t.* FROM crm."工单_rows" t CROSS JOIN ('
            f"SELECT CASE WHEN nextval('crm.reads') > {fast} THEN pg_sleep(5) END) AS slow"
        )


def _spec(folder: Path, url: str, spec: str = SPEC, where: str | None = None) -> Path:
    """``spec`` with the go-live database at ``url`` as its data (tickets kept by ``where``)."""
    full = yaml.safe_load(spec) | {"data": yaml.safe_load(spec_text(url))["data"]}
    if where is not None:
        full["data"]["sources"]["tickets"]["where"] = where
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(full, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.integration
@pytest.mark.parametrize(
    ("fast", "metric", "where"),
    [
        (0, "{metric: first_response_time, unit: hours", None),  # the grouped scan
        # the scan runs; the median's order-statistic interval query is cancelled
        (1, "{metric: first_response_time, params: {statistic: median}, unit: hours", None),
        # counting the rows a where: removes
        (0, "{metric: first_response_time, unit: hours", "created_at >= '2025-01-01'"),
    ],
)
def test_a_cancelled_statement_is_exit_2_at_the_source(
    run_cli: RunCli, postgres_url: str, tmp_path: Path, fast: int, metric: str, where: str | None
) -> None:
    """The database cancels a query of the tickets (statement timeout): the run stops with
    exit 2 naming the source, the database's reason and how to give the query more time, not
    a report of failed metrics."""
    load_golive(postgres_url)
    _slow_tickets(postgres_url, fast)
    url = postgres_url + "?options=-c%20statement_timeout%3D300ms&password=S3CRET"
    text = SPEC.replace("{metric: first_response_time, unit: hours", metric)
    spec = _spec(tmp_path, url, text, where)
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert out.exit_code == 2, out.stdout
    assert out.stderr.startswith(f"error: {spec}:")
    assert "crm.工单" in out.stderr
    assert "canceling statement due to statement timeout" in out.stderr
    assert out.stderr.rstrip().endswith("?options=-c%20statement_timeout%3D1800s")
    assert "S3CRET" not in out.stderr and "password=***" in out.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.integration
def test_a_terminated_connection_is_exit_2_at_the_source(
    run_cli: RunCli, postgres_url: str, tmp_path: Path
) -> None:
    """An administrator ends the run's connection while the tickets' query runs
    (``pg_terminate_backend``): exit 2 naming the source and the reason, not a report whose
    metrics all failed on a closed connection."""
    load_golive(postgres_url)
    _slow_tickets(postgres_url)
    spec = _spec(tmp_path, postgres_url)

    def terminate() -> None:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            for _ in range(200):  # up to 10 s for the query to start sleeping
                ended = con.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()"
                ).fetchall()
                if ended:
                    return
                time.sleep(0.05)

    killer = threading.Thread(target=terminate)
    killer.start()
    out = run_cli("run", spec, "--out", tmp_path / "out")
    killer.join()
    assert out.exit_code == 2, out.stdout
    assert out.stderr.startswith(f"error: {spec}:")
    assert "crm.工单" in out.stderr
    # psycopg reports the server's notice (SQLSTATE 57P01) or, having read it first, a lost
    # connection without a SQLSTATE: either is the source's failure
    assert (
        "terminating connection due to administrator command" in out.stderr
        or "OperationalError: the connection is lost" in out.stderr
    )
    assert not (tmp_path / "out").exists()
