"""Files as DuckDB relations: CSV/TSV (encoding and delimiter detected), Parquet, JSON, Excel."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from evalkit import __version__
from evalkit.data.dialect import check_csv
from evalkit.data.digests import FileCounts
from evalkit.data.encoding import (
    FileDigest,
    detect_encoding,
    transcode_to_utf8,
    verify_encoding,
)
from evalkit.data.spec import SourceSpec
from evalkit.errors import DataError

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class RawRelation:
    """A source as DuckDB reads it: the SQL of a relation, its columns and types, its hash."""

    sql: str
    columns: dict[str, str]
    """Header → DuckDB type."""
    sha256: str | FileDigest
    """The file's SHA-256 (``str()`` of a ``FileDigest`` waits for its background thread)."""
    verify: Callable[[], None] | None = None
    """For a file DuckDB decodes and evalkit only sampled: raises ``DataError`` naming the first
    byte that does not decode (called when a query on the file fails)."""
    typed: Callable[[Mapping[str, str]], str] | None = None
    """For CSV: the SQL of the relation with the given headers read as the given DuckDB types
    by the CSV reader itself; a row holding a value that does not parse is skipped and recorded
    in DuckDB's ``reject_errors`` table (see ``sources.Sources.rejected``)."""
    counts: Callable[[str], FileCounts] | None = None
    """For CSV: the counts over its rows, remembered for the file read by the given SQL
    (``digests.FileCounts``)."""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_file(con: duckdb.DuckDBPyConnection, source: SourceSpec, workdir: Path) -> RawRelation:
    """Make ``source``'s file readable as a DuckDB relation (registering Excel sheets as tables)."""
    assert source.path is not None
    path = source.path
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    suffix = path.suffix.lower()
    sha: str | FileDigest
    if suffix in (".csv", ".tsv", ".txt"):
        return _csv(con, source, path, workdir)
    if suffix == ".parquet":
        sql, sha = f"read_parquet({_quote(str(path))})", FileDigest(path)
    elif suffix in (".json", ".jsonl"):
        fmt = "newline_delimited" if suffix == ".jsonl" else "auto"
        sql = f"read_json_auto({_quote(str(path))}, format={_quote(fmt)})"
        sha = FileDigest(path)
    elif suffix == ".xlsx":
        name = f"_xlsx_{source.table}"
        sheet = _excel(path, source.sheet)
        con.register(name, sheet)
        sql, sha = name, _sheet_sha256(sheet)
    else:
        raise DataError(f"{path}: unsupported file type '{suffix}'")
    described = _read(con, f"DESCRIBE SELECT * FROM {sql}", path)
    return RawRelation(sql, {str(row[0]): str(row[1]) for row in described}, sha)


def _read(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> list[tuple[Any, ...]]:
    try:
        return con.execute(query).fetchall()
    except duckdb.Error as exc:
        raise DataError(f"{path}: cannot be read: {_first_line(exc)}") from None


def _csv(
    con: duckdb.DuckDBPyConnection, source: SourceSpec, path: Path, workdir: Path
) -> RawRelation:
    """The file as text columns, read with the quote and escape DuckDB's sniffer chooses.

    The sniffer runs again on every statement that reads the file (30 ms on a 1 GB file, and
    a run has about five); given its own choice of quote and escape it takes 13 ms, and the
    rest it detects (line ends, header) comes from the same sample, so each read is the same.
    """
    text = detect_encoding(path, source.encoding)
    readable = path
    verify = None
    if text.is_utf8 and not text.verified:  # DuckDB decodes the rest of the file as it reads
        verify = partial(verify_encoding, path, text.encoding)
    if not text.is_utf8:  # transcoding decodes every byte
        with tempfile.NamedTemporaryFile(dir=workdir, suffix=".csv", delete=False) as handle:
            readable = Path(handle.name)
        transcode_to_utf8(path, text.encoding, readable)
    given = "\t" if path.suffix.lower() == ".tsv" else None
    delimiter = check_csv(readable, "utf-8" if readable != path else text.encoding, given)
    options = ["header=true", "all_varchar=true"]
    if delimiter is not None:
        options.append(f"delim={_quote(delimiter)}")
    reader = f"{_quote(str(readable))}, {', '.join(options)}"
    sniffed = f"SELECT Quote, Escape, Columns FROM sniff_csv({reader})"
    quote, escape, columns = _read(con, sniffed, path)[0]
    sql = f"read_csv({reader}, quote={_sniffed(quote)}, escape={_sniffed(escape)})"
    found = {str(c["name"]): str(c["type"]) for c in columns}
    counts = partial(_file_counts, path, readable)
    return RawRelation(sql, found, text.sha256, verify, partial(_typed_csv, sql), counts)


def _file_counts(path: Path, readable: Path, read: str) -> FileCounts:
    """The counts of ``path`` read by ``read``, a read of ``readable`` (the file itself, or its
    UTF-8 copy, made anew under another name each run, whose name the key leaves out) by this
    evalkit and DuckDB."""
    read = read.replace(_quote(str(readable)), _quote(str(path)))
    return FileCounts(path, f"evalkit {__version__}, DuckDB {duckdb.__version__}: {read}")


def _sniffed(character: str) -> str:
    """A quote or escape character ``sniff_csv`` gives, as a ``read_csv`` option value."""
    return "''" if character == "(empty)" else _quote(character)


def _typed_csv(sql: str, types: Mapping[str, str]) -> str:
    """``sql`` (a ``read_csv`` of text columns) with ``types`` parsed by the reader, as a
    user's ``read_csv`` would: far cheaper than casting text. Rows that do not parse are
    skipped into ``reject_errors``; the caller reads them as text instead."""
    if not types:
        return sql
    given = ", ".join(f"{_quote(h)}: {_quote(t)}" for h, t in types.items())
    return f"{sql[:-1]}, types={{{given}}}, ignore_errors=true, store_rejects=true)"


def _excel(path: Path, sheet: str | None) -> pa.Table:
    import pyarrow as pa  # only for Excel: a run on other files does not import it

    chosen, found = excel_sheet(path, sheet)
    rows = found.to_python(skip_empty_area=True)
    if not rows:
        raise DataError(f"{path}: sheet '{chosen}' is empty")
    headers = [str(h).strip() for h in rows[0]]
    columns = {
        h: [_cell(r[i]) if i < len(r) else None for r in rows[1:]] for i, h in enumerate(headers)
    }
    return pa.table({h: pa.array(v, pa.string()) for h, v in columns.items()})


def _sheet_sha256(sheet: pa.Table) -> str:
    """The SHA-256 of a sheet's cells (as read), so that each table of a workbook has its own
    fingerprint: editing the tickets sheet does not change the customers table's."""
    digest = hashlib.sha256()
    for column in sheet.column_names:
        cells = sheet.column(column).to_pylist()
        digest.update(json.dumps([column, cells], ensure_ascii=False).encode())
    return digest.hexdigest()


class SheetNotFound(DataError):
    """A workbook has no sheet of the name ``sheet:`` gives."""


def excel_sheet(path: Path, sheet: str | None) -> tuple[str | int, Any]:
    """The sheet ``sheet`` (a name, an index as text, or None: the first) of a workbook."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise DataError(f"{path}: cannot be read as Excel: {exc}") from None
    names = book.sheet_names
    chosen: str | int = 0 if sheet is None else sheet
    if isinstance(chosen, str) and chosen.isdigit() and chosen not in names:
        chosen = int(chosen)
    if isinstance(chosen, str) and chosen not in names:
        raise SheetNotFound(f"{path}: no sheet '{chosen}'; sheets: {', '.join(names)}")
    if isinstance(chosen, int) and not 0 <= chosen < len(names):
        raise SheetNotFound(
            f"{path}: no sheet number {chosen} (numbered from 0); the file has {len(names)}: "
            f"{', '.join(names)}"
        )
    found = (
        book.get_sheet_by_name(chosen)
        if isinstance(chosen, str)
        else book.get_sheet_by_index(chosen)
    )
    return chosen, found


def _cell(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
