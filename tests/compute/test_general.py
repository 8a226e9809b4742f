"""A General metric's failure: its own error, unless the database stopped its query."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import ibis
import psycopg.errors
import pytest
from evalkit_service_process.process import REPEAT_ISSUE_RATE

from evalkit.compute.failures import stopped_by_the_database
from evalkit.compute.general import run_general
from evalkit.compute.outcome import ComputeRequest, LedgerEntry, MetricOutcome, MetricRequest
from evalkit.compute.protocol import General, GeneralContext, GeneralResult
from evalkit.compute.sources import CanonicalTable
from evalkit.data.periods import build_windows, parse_period
from evalkit.data.spec import DataSpec
from evalkit.errors import DataError
from evalkit.location import Location

WHERE = Location("spec.yaml", 7, 5)


def _run(error: Exception) -> tuple[MetricOutcome, list[LedgerEntry]]:
    def compute(context: GeneralContext) -> GeneralResult:
        raise error

    definition = replace(REPEAT_ISSUE_RATE, computation=General(("tickets",), compute))
    table = CanonicalTable(
        "tickets",
        ibis.table({"ticket_id": "string"}, name="t"),
        "postgresql://h/db",
        "postgresql://h/db table crm.tickets",
        "",
        location=WHERE,
    )
    windows = build_windows(parse_period("2026Q2"), None)
    request = ComputeRequest((), DataSpec({}, ()), windows, (), Path("."))
    return run_general(MetricRequest("repeat", definition, {}), {"tickets": table}, request)


def test_a_metric_bug_is_the_metric_error() -> None:
    outcome, ledger = _run(ZeroDivisionError("division by zero"))
    assert outcome.error == "ZeroDivisionError: division by zero"
    assert ledger == []


def test_a_statement_the_database_stopped_is_the_source_error() -> None:
    with pytest.raises(DataError) as raised:
        _run(psycopg.errors.QueryCanceled("canceling statement due to statement timeout"))
    [line] = raised.value.lines()
    assert line.startswith(
        "spec.yaml:7:5: postgresql://h/db table crm.tickets: cannot be read: "
        "QueryCanceled: canceling statement due to statement timeout; "
    )
    assert line.endswith("?options=-c%20statement_timeout%3D1800s")


@pytest.mark.parametrize(
    ("error", "stopped"),
    [
        (psycopg.errors.QueryCanceled("timeout"), True),  # 57014
        (psycopg.errors.AdminShutdown("shutdown"), True),  # 57P01
        (psycopg.errors.DiskFull("no space"), True),  # 53100
        # the client saw the server go: no SQLSTATE
        (psycopg.OperationalError("server closed the connection unexpectedly"), True),
        (psycopg.ProgrammingError("the connection is closed"), False),
        (psycopg.errors.UndefinedColumn("no such column"), False),  # 42703
        (psycopg.errors.DivisionByZero("division by zero"), False),  # 22012
        (ValueError("not a database error"), False),
    ],
)
def test_stopped_by_the_database(error: Exception, stopped: bool) -> None:
    assert stopped_by_the_database(error) is stopped
