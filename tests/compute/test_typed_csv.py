"""CSV numbers and ISO timestamps are parsed by DuckDB's CSV reader; a file holding a value that
does not parse is read again as text, so the value reaches the ledger and its row still counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

import evalkit.compute.engine as engine
import evalkit.compute.sources as sources
from evalkit.compute import ComputeOutcome, ComputeRequest, MetricRequest, compute_metrics
from evalkit.data import DataSpec, SourceSpec
from evalkit.data.periods import build_windows, parse_period
from evalkit.location import Location

COLUMNS = {"ticket_id": "编号", "created_at": "创建", "first_response_at": "响应"}
CLEAN = [
    "编号,创建,响应",
    "T1,2026-07-01 09:00:00,2026-07-01 09:30:00",
    "T2,2026-07-02 09:00:00,2026-07-02 10:00:00",
    "T3,2026-04-02 09:00:00,2026-04-02 09:06:00",
]
# T4's response is not a time: its first response time is unknown, the row still counts
DIRTY = [*CLEAN, "T4,2026-07-03 09:00:00,回复中"]


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``typed_csv`` of each opening of the sources during a run."""
    seen: list[bool] = []

    class Recording(sources.Sources):
        def __init__(self, workdir: Path, typed_csv: bool = True) -> None:
            seen.append(typed_csv)
            super().__init__(workdir, typed_csv)

    monkeypatch.setattr(engine, "Sources", Recording)
    return seen


def _run(path: Path) -> ComputeOutcome:
    source = SourceSpec("tickets", Location("spec.yaml", 3, 5), path=path, columns=COLUMNS)
    request = ComputeRequest(
        (MetricRequest("frt", FIRST_RESPONSE_TIME, {}),),
        DataSpec({"tickets": source}),
        build_windows(parse_period("2026Q3"), date(2026, 1, 15)),
        (),
        path.parent,
    )
    return compute_metrics(request)


@pytest.mark.parametrize("as_view", [False, True], ids=["small file", "large file"])
def test_clean_csv_is_read_with_types_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attempts: list[bool], as_view: bool
) -> None:
    if as_view:  # files above the limit stay views: the reader runs within the metric query
        monkeypatch.setattr(sources, "MATERIALISE_BELOW", 0)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(CLEAN), encoding="utf-8")
    outcome = _run(path)
    assert attempts == [True]
    assert outcome.metrics["frt"].values["2026Q3"] == (30 + 60) / 2
    assert outcome.data[0].rows == 3
    assert not [e for e in outcome.ledger if e.reason.startswith("unparseable")]


@pytest.mark.parametrize("as_view", [False, True], ids=["small file", "large file"])
def test_a_value_that_does_not_parse_is_counted_and_its_row_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attempts: list[bool], as_view: bool
) -> None:
    if as_view:
        monkeypatch.setattr(sources, "MATERIALISE_BELOW", 0)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(DIRTY), encoding="utf-8")
    outcome = _run(path)
    # a small file falls back as it is opened; a large one when the run has read it
    assert attempts == ([True, False] if as_view else [True])
    assert outcome.metrics["frt"].values["2026Q3"] == (30 + 60) / 2
    assert outcome.data[0].rows == 4
    bad = [e for e in outcome.ledger if e.reason == "unparseable_timestamp"]
    assert [(e.column, e.rows) for e in bad] == [("first_response_at", 1)]
