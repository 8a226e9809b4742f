"""Reading sources: file types, column mapping errors, the same metric on every format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

from evalkit.compute import ComputeRequest, MetricRequest, compute_metrics
from evalkit.data import DataSpec, SourceSpec
from evalkit.data.encoding import SAMPLE
from evalkit.data.periods import build_windows, parse_period
from evalkit.errors import DataError
from evalkit.location import Location
from tests.conftest import RunCli

HEADERS = ("编号", "创建", "响应")
ROWS = (
    ("T1", "2026-07-01 09:00:00", "2026-07-01 09:30:00"),
    ("T2", "2026-07-02 09:00:00", "2026-07-02 10:00:00"),
    ("T3", "2026-04-02 09:00:00", "2026-04-02 09:06:00"),
)
COLUMNS = {"ticket_id": "编号", "created_at": "创建", "first_response_at": "响应"}
# by hand: 2026Q3 mean of 30 and 60 minutes; 2026Q2 the single 6 minutes
EXPECTED = {"2026Q3": (30 + 60) / 2, "2026Q2": 6.0}


def _frt(path: Path, **extra: object) -> dict[str, float | None]:
    source = SourceSpec("tickets", Location("spec.yaml", 3, 5), path=path, columns=COLUMNS)
    source = SourceSpec(**{**source.__dict__, **extra})  # type: ignore[arg-type]
    windows = build_windows(parse_period("2026Q3"), date(2026, 1, 15))
    request = ComputeRequest(
        (MetricRequest("frt", FIRST_RESPONSE_TIME, {}),),
        DataSpec({"tickets": source}),
        windows,
        (),
        path.parent,
    )
    outcome = compute_metrics(request).metrics["frt"]
    assert outcome.error is None
    return {k: outcome.values[k] for k in EXPECTED}


def test_tsv_in_utf8_sig(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    lines = ["\t".join(HEADERS), *("\t".join(r) for r in ROWS)]
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    assert _frt(path) == EXPECTED


def test_semicolon_csv_detected(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n".join(";".join(r) for r in (HEADERS, *ROWS)), encoding="utf-8")
    assert _frt(path) == EXPECTED


def test_parquet_with_native_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    columns = list(zip(*ROWS, strict=True))
    table = pa.table(
        {
            HEADERS[0]: pa.array(columns[0]),
            HEADERS[1]: pa.array(columns[1]).cast(pa.timestamp("us")),
            HEADERS[2]: pa.array(columns[2]).cast(pa.timestamp("us")),
        }
    )
    pq.write_table(table, path)
    assert _frt(path) == EXPECTED


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        "\n".join(json.dumps(dict(zip(HEADERS, r, strict=True)), ensure_ascii=False) for r in ROWS),
        encoding="utf-8",
    )
    assert _frt(path) == EXPECTED


def test_excel_sheet_by_name(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write(0, 0, "not this one")
    sheet = book.add_worksheet("工单")
    for i, row in enumerate((HEADERS, *ROWS)):
        for j, value in enumerate(row):
            sheet.write_string(i, j, value)
    book.close()
    assert _frt(path, sheet="工单") == EXPECTED
    with pytest.raises(DataError, match="no sheet 'tickets'; sheets: 说明, 工单"):
        _frt(path, sheet="tickets")


def test_missing_mapped_column_names_expected_present_and_closest(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("编号,创建时间,响应\nT1,2026-07-01 09:00,2026-07-01 09:30\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        _frt(path)
    assert str(caught.value) == (
        f"spec.yaml:3:5: {path}: no column '创建' for tickets.created_at; "
        "headers present: '编号', '创建时间', '响应'; closest: '创建时间'"
    )


def test_bad_byte_beyond_the_encoding_sample_names_its_offset(tmp_path: Path) -> None:
    # detection decodes the first SAMPLE bytes only; DuckDB rejects the bad byte while reading,
    # and the error then names it as full detection would
    path = tmp_path / "big.csv"
    row = ",".join(ROWS[0]) + "\n"
    good = (",".join(HEADERS) + "\n" + row * (SAMPLE // len(row) + 10)).encode()
    path.write_bytes(good + b"T9,\xff,\n")
    with pytest.raises(DataError, match=rf"not utf-8 \(byte 0xff at offset {len(good) + 3}\)"):
        _frt(path)


def test_memory_limit_and_spill_directory_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n".join(",".join(r) for r in (HEADERS, *ROWS)), encoding="utf-8")
    monkeypatch.setenv("EVALKIT_MEMORY_LIMIT", "64MB")
    monkeypatch.setenv("EVALKIT_TEMP_DIRECTORY", str(tmp_path / "spill"))
    assert _frt(path) == EXPECTED
    monkeypatch.setenv("EVALKIT_MEMORY_LIMIT", "lots")
    with pytest.raises(DataError, match=r"^EVALKIT_MEMORY_LIMIT=lots: .*number"):
        _frt(path)


def test_timestamp_format_detected_past_the_first_rows(tmp_path: Path) -> None:
    """The response column is empty in the first 1,100 rows (tickets of 2024, no response):
    its format, in Chinese, is detected from the values after them."""
    path = tmp_path / "t.csv"
    empty = [f"E{i},2024-01-01 09:00:00," for i in range(1100)]
    chinese = [f"{t},{c},{r[:4]}年{r[5:7]}月{r[8:10]}日{r[10:]}" for t, c, r in ROWS]
    path.write_text("\n".join([",".join(HEADERS), *empty, *chinese]), encoding="utf-8")
    assert _frt(path) == EXPECTED


def test_out_of_memory_is_exit_2_not_a_report_of_failed_metrics(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """400,000 tickets under a 4 MB memory limit: DuckDB cannot hold even one metric's
    statement, so the run stops with exit 2 saying how to give it memory, and writes nothing
    (not a report whose two metrics are errors and whose score rests on nothing)."""
    duckdb.sql(
        "COPY (SELECT 'T' || i AS ticket_id,"
        " TIMESTAMP '2026-07-01' + to_seconds(i * 20) AS created_at,"
        " TIMESTAMP '2026-07-01' + to_seconds(i * 20 + hash(i) % 7200) AS first_response_at"
        f" FROM range(400000) t(i)) TO '{tmp_path / 'tickets.parquet'}'"
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "version: 1\n"
        "evaluation: {title: T, client: C, go_live: 2026-01-15, period: 2026Q3}\n"
        "data:\n  sources:\n    tickets: {path: tickets.parquet}\n"
        "criteria:\n  speed: {title: Speed, metrics: [frt_mean, frt_median]}\n"
        "metrics:\n"
        "  frt_mean: {metric: first_response_time, target: {goal: 60, red_flag: 240}}\n"
        "  frt_median: {metric: first_response_time, params: {statistic: median},"
        " target: {goal: 60, red_flag: 240}}\n",
        encoding="utf-8",
    )
    out = run_cli("run", spec, "--out", tmp_path / "out", env={"EVALKIT_MEMORY_LIMIT": "4MB"})
    assert out.exit_code == 2, out.stdout
    assert out.stderr.startswith(f"error: {spec}:5:5: {tmp_path / 'tickets.parquet'}: cannot be")
    assert "computed within the memory limit: OutOfMemoryException" in out.stderr
    assert "raise EVALKIT_MEMORY_LIMIT" in out.stderr
    assert not (tmp_path / "out").exists()
