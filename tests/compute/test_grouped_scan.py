"""The grouped scan: rows in overlapping windows, rows in no window, the same values from CSV
(rows outside the windows kept) and Parquet (dropped early) — every number worked out by hand.

Windows of 2026Q3 with go-live 2026-01-15: trend 2025Q4, 2026Q1, 2026Q2, 2026Q3 (2026Q2 is
also the previous quarter) and the baseline 2025-10-15 – 2026-01-15, which overlaps 2025Q4 and
2026Q1.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

from evalkit.compute import ComputeOutcome, ComputeRequest, MetricRequest, compute_metrics
from evalkit.compute.protocol import Aggregate, Frame, Measure, count
from evalkit.data import DataSpec, SourceSpec
from evalkit.data.periods import build_windows, parse_period
from evalkit.location import Location
from evalkit.metric import MetricDefinition

HEADERS = ("ticket_id", "created_at", "first_response_at", "segment")
ROWS = (
    ("T1", "2025-12-20 09:00", "2025-12-20 09:30", "A"),  # 30 min; 2025Q4 and baseline
    ("T2", "2026-01-10 09:00", "2026-01-10 08:00", "A"),  # −60: 2026Q1 and baseline, left out
    ("T3", "2026-01-20 09:00", "2026-01-20 10:00", "B"),  # 60 min; 2026Q1 only
    ("T4", "2024-03-01 09:00", "2024-03-01 09:10", "C"),  # in no window
    ("T5", "2026-08-01 09:00", "2026-08-01 09:20", "B"),  # 20 min; 2026Q3
)
# mean first response by window: T1 alone in 2025Q4 and in the baseline (T2 is negative);
# T3 alone in 2026Q1; nothing in 2026Q2; T5 in 2026Q3.
OVERALL = {"2025Q4": 30.0, "baseline": 30.0, "2026Q1": 60.0, "2026Q2": None, "2026Q3": 20.0}
BY_SEGMENT = {
    "A": {"2025Q4": 30.0, "baseline": 30.0, "2026Q1": None, "2026Q2": None, "2026Q3": None},
    "B": {"2025Q4": None, "baseline": None, "2026Q1": 60.0, "2026Q2": None, "2026Q3": 20.0},
}


def _csv(folder: Path) -> Path:
    path = folder / "tickets.csv"
    path.write_text("\n".join(",".join(r) for r in (HEADERS, *ROWS)) + "\n", encoding="utf-8")
    return path


def _parquet(folder: Path) -> Path:
    path = folder / "tickets.parquet"
    columns = list(zip(*ROWS, strict=True))
    times = [[datetime.strptime(t, "%Y-%m-%d %H:%M") for t in c] for c in columns[1:3]]
    table = pa.table(
        {
            "ticket_id": pa.array(columns[0]),
            "created_at": pa.array(times[0], pa.timestamp("us")),
            "first_response_at": pa.array(times[1], pa.timestamp("us")),
            "segment": pa.array(columns[3]),
        }
    )
    pq.write_table(table, path)
    return path


def _run(path: Path, *others: MetricRequest) -> ComputeOutcome:
    """The mean first response time (``frt``), and ``others``, over the tickets in ``path``."""
    windows = build_windows(parse_period("2026Q3"), date(2026, 1, 15))
    source = SourceSpec("tickets", Location("spec.yaml", 1, 1), path=path)
    request = ComputeRequest(
        (MetricRequest("frt", FIRST_RESPONSE_TIME, {}), *others),
        DataSpec({"tickets": source}),
        windows,
        ("segment",),
        path.parent,
    )
    return compute_metrics(request)


@pytest.mark.parametrize("write", [_csv, _parquet], ids=["csv", "parquet"])
def test_overlapping_windows_and_rows_in_no_window(
    write: Callable[[Path], Path], tmp_path: Path
) -> None:
    outcome = _run(write(tmp_path))
    metric = outcome.metrics["frt"]
    assert metric.error is None
    assert metric.values == OVERALL  # single durations of whole minutes: exact
    # C has rows only outside every window: no breakdown, from either file type
    assert metric.segments == {"segment": BY_SEGMENT}
    ledger = {(e.metric, e.reason): e.rows for e in outcome.ledger}
    # T2 lies in two windows and is one row left out
    assert ledger == {("frt", "negative_duration"): 1}
    # the row count covers every row of the file, T4 included
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 5}


@pytest.mark.parametrize("limit", [None, "1GB"], ids=["no limit", "memory limit"])
def test_a_memory_limit_gives_each_percentile_a_scan_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str | None
) -> None:
    """A percentile's state holds every value of its group and cannot spill: with
    EVALKIT_MEMORY_LIMIT set it runs in statements of its own, one per grouping set, with the
    same values."""
    import evalkit.compute.fused as fused

    statements: list[int] = []
    real = fused.grouped_rows

    def counting(*args: object, **kwargs: object) -> object:
        statements.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fused, "grouped_rows", counting)
    if limit:
        monkeypatch.setenv("EVALKIT_MEMORY_LIMIT", limit)
    else:
        monkeypatch.delenv("EVALKIT_MEMORY_LIMIT", raising=False)
    path = _parquet(tmp_path)
    windows = build_windows(parse_period("2026Q3"), date(2026, 1, 15))
    request = ComputeRequest(
        (
            MetricRequest("frt", FIRST_RESPONSE_TIME, {}),
            MetricRequest("frt_median", FIRST_RESPONSE_TIME, {"statistic": "median"}),
        ),
        DataSpec({"tickets": SourceSpec("tickets", Location("spec.yaml", 1, 1), path=path)}),
        windows,
        ("segment",),
        path.parent,
    )
    outcome = compute_metrics(request)
    # one value per window: the median is that value, as the mean is
    assert outcome.metrics["frt"].values == OVERALL
    assert outcome.metrics["frt_median"].values == OVERALL
    assert outcome.metrics["frt_median"].segments == {"segment": BY_SEGMENT}
    # the grouped scan and the Parquet file's row count; under a limit the median apart, once
    # per grouping set (by window, by window and segment)
    assert len(statements) == (4 if limit else 2)


@pytest.fixture
def remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and CSV files read in place as large ones are (a
    view the grouped scan reads, not a table parsed when opened): the cache's ``counts.json``."""
    import evalkit.compute.sources as sources

    monkeypatch.setattr(sources, "MATERIALISE_BELOW", 0)
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "counts.json"


def _aged(path: Path, seconds: float = 60) -> Path:
    """``path`` last modified ``seconds`` ago: a file written just now is not remembered."""
    then = datetime.now().timestamp() - seconds
    os.utime(path, (then, then))
    return path


def _assert_as_by_hand(outcome: ComputeOutcome) -> None:
    """``frt``'s values, breakdown and ledger line, and the row count, as worked out above."""
    assert outcome.metrics["frt"].values == OVERALL
    assert outcome.metrics["frt"].segments == {"segment": BY_SEGMENT}
    assert [(e.metric, e.reason, e.rows) for e in outcome.ledger] == [
        ("frt", "negative_duration", 1)
    ]
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 5}


ROWS_COUNT = "__rows"
"""The key of a file's row count among its remembered counts."""


def test_an_unchanged_csv_is_counted_once_with_the_same_numbers(
    tmp_path: Path, remembered: Path
) -> None:
    """The first run counts the file's rows in its grouped scan (T4, in no window, included)
    and remembers the count; the next reads only the rows in the windows, with the same
    values, breakdown, ledger and count."""
    path = _aged(_csv(tmp_path))
    first = _run(path)
    assert list(json.loads(remembered.read_text("utf-8")).values()) == [{ROWS_COUNT: 5}]
    second = _run(path)
    for outcome in (first, second):
        _assert_as_by_hand(outcome)


def test_a_remembered_count_is_not_counted_again(tmp_path: Path, remembered: Path) -> None:
    """The count the next run reports is the remembered one (here one written over), not a
    count of the file: its grouped scan no longer reads the rows outside the windows."""
    path = _aged(_csv(tmp_path))
    _run(path)
    counts = json.loads(remembered.read_text("utf-8"))
    remembered.write_text(json.dumps({key: {ROWS_COUNT: 7} for key in counts}), encoding="utf-8")
    outcome = _run(path)
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 7}
    assert outcome.metrics["frt"].values == OVERALL


def test_a_changed_csv_is_counted_again(tmp_path: Path, remembered: Path) -> None:
    path = _aged(_csv(tmp_path), 120)
    _run(path)
    with path.open("a", encoding="utf-8") as handle:  # T6: 40 min in 2026Q3
        handle.write("T6,2026-09-01 09:00,2026-09-01 09:40,B\n")
    outcome = _run(_aged(path))
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 6}
    assert outcome.metrics["frt"].values == {**OVERALL, "2026Q3": (20 + 40) / 2}
    counts = json.loads(remembered.read_text("utf-8")).values()
    assert sorted(c[ROWS_COUNT] for c in counts) == [5, 6]


def test_a_csv_written_just_now_or_with_a_value_that_does_not_parse_is_not_remembered(
    tmp_path: Path, remembered: Path
) -> None:
    """A file modified within the last 2 s could change again without changing its identity;
    a file whose typed read skipped a row was read again as text, and is counted every run."""
    fresh = _csv(tmp_path)
    assert {f.table: f.rows for f in _run(fresh).data} == {"tickets": 5}
    dirty = tmp_path / "dirty" / "tickets.csv"
    dirty.parent.mkdir()
    dirty.write_text(fresh.read_text("utf-8") + "T6,2026-09-01 09:00,回复中,B\n", "utf-8")
    outcome = _run(_aged(dirty))
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 6}
    assert [(e.reason, e.rows) for e in outcome.ledger if e.metric == "*"] == [
        ("unparseable_timestamp", 1)
    ]
    assert not remembered.exists()


def test_a_column_no_metric_reads_is_checked_once_too(tmp_path: Path, remembered: Path) -> None:
    """A standard column in the file that no metric reads (resolved_at) is parsed from text,
    and its bad values are counted over the whole file: the first run counts them (one, in a
    row outside every window) with the rows, the next reports the remembered counts and reads
    only the rows in the windows."""
    path = tmp_path / "tickets.csv"
    lines = [",".join((*HEADERS, "resolved_at"))]
    lines += [",".join((*row, "")) for row in ROWS[:3]]
    lines += [",".join((*ROWS[3], "回复中")), ",".join((*ROWS[4], "2026-08-02 09:00"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _aged(path)
    expected = [("*", "unparseable_timestamp", 1), ("frt", "negative_duration", 1)]
    first = _run(path)
    [counts] = json.loads(remembered.read_text("utf-8")).values()
    assert counts == {ROWS_COUNT: 5, "bad:resolved_at": 1}
    second = _run(path)
    for outcome in (first, second):
        assert outcome.metrics["frt"].values == OVERALL
        assert outcome.metrics["frt"].segments == {"segment": BY_SEGMENT}
        assert sorted((e.metric, e.reason, e.rows) for e in outcome.ledger) == expected
        assert {f.table: f.rows for f in outcome.data} == {"tickets": 5}
    key = next(iter(json.loads(remembered.read_text("utf-8"))))
    planted = {key: {ROWS_COUNT: 5, "bad:resolved_at": 3}}
    remembered.write_text(json.dumps(planted), encoding="utf-8")
    third = _run(path)
    assert ("*", "unparseable_timestamp", 3) in [(e.metric, e.reason, e.rows) for e in third.ledger]


def _text_as_number(frame: Frame) -> dict[str, Measure]:
    return {"n": count(frame.table.ticket_id.cast("int64") > 0)}  # "T1": fails as the query runs


FAILS_IN_QUERY = MetricDefinition(
    id="fails_in_query",
    title={"en": "Fails in its query"},
    description="A ticket id read as a number.",
    formula="count",
    unit="count",
    direction="none",
    columns={"tickets": ("ticket_id", "created_at")},
    computation=Aggregate("tickets", _text_as_number, lambda m, p: m.get("n")),
)


@pytest.mark.parametrize("write", [_csv, _parquet], ids=["csv", "parquet"])
def test_a_metric_failing_in_the_query_leaves_the_others_as_they_were(
    write: Callable[[Path], Path], tmp_path: Path
) -> None:
    """The grouped statement fails, so each metric runs alone: the one that fails gets its
    error, the others the values, breakdown (C, in no window, has none) and counts of the
    grouped scan."""
    outcome = _run(write(tmp_path), MetricRequest("broken", FAILS_IN_QUERY, {}))
    assert outcome.metrics["broken"].error is not None
    assert "T1" in outcome.metrics["broken"].error
    _assert_as_by_hand(outcome)


def test_the_counts_of_a_gbk_csv_are_remembered_too(tmp_path: Path, remembered: Path) -> None:
    """A GBK file is read through a UTF-8 copy made anew each run: its counts are still the
    file's, found again on the next run."""
    path = tmp_path / "tickets.csv"
    text = (
        "\n".join(",".join(r) for r in (HEADERS, *ROWS))
        .replace(",A", ",企业")
        .replace(",B", ",个人")
    )
    path.write_bytes((text + "\n").encode("gbk"))
    _aged(path)
    by_segment = {"企业": BY_SEGMENT["A"], "个人": BY_SEGMENT["B"]}
    first = _run(path)
    key = next(iter(json.loads(remembered.read_text("utf-8"))))
    remembered.write_text(json.dumps({key: {ROWS_COUNT: 7}}), encoding="utf-8")
    second = _run(path)
    assert {f.table: f.rows for f in first.data} == {"tickets": 5}
    assert {f.table: f.rows for f in second.data} == {"tickets": 7}  # the remembered count
    for outcome in (first, second):
        assert outcome.metrics["frt"].values == OVERALL
        assert outcome.metrics["frt"].segments == {"segment": by_segment}
