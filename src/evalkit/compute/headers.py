"""The headers of every source, read from its first rows only (validate's look at the data).

CSV/TSV: the first line, in the encoding given or detected; Excel: the first row of the sheet;
Parquet and JSON: DuckDB's description (Parquet's from the footer); a database table: its
column list.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from evalkit.compute.files import SheetNotFound, excel_sheet
from evalkit.data.encoding import CANDIDATES
from evalkit.data.spec import DataSpec, SourceSpec
from evalkit.errors import DataError, Problem

DELIMITERS = (",", ";", "\t", "|")
"""Delimiters a text file's header line is split on: the most frequent one wins (as DuckDB's
sniffer, which reads the rows, mostly agrees on a header line)."""
HEADER_SAMPLE = 1 << 16
"""Bytes read for a text file's header line."""


@dataclass(frozen=True)
class Headers:
    """The headers of each source that could be opened, and a problem for each that could not."""

    found: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Canonical table → the client's headers in its source."""
    problems: tuple[Problem, ...] = ()


def read_headers(data: DataSpec) -> Headers:
    """The headers of every source of ``data``; an unreadable source is a located problem."""
    found: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for table, source in data.sources.items():
        if source.refused:
            continue  # parse_data_section reported it; nothing may open it
        if data.spark is not None and (
            source.path is None or not source.path.is_file() or source.format != "parquet"
        ):
            continue  # a catalog table, a remote path, a folder, ORC: only Spark reads it
        try:
            found[table] = _headers(source)
        except SheetNotFound as exc:
            problems.append(Problem(str(exc), source.sheet_location or source.location))
        except DataError as exc:
            problems.append(Problem(str(exc), source.location))
    return Headers(found, tuple(problems))


def _headers(source: SourceSpec) -> tuple[str, ...]:
    if source.url is not None:
        return _database_headers(source)
    path = source.path
    if path is None or not path.is_file():
        raise DataError(f"{source.shown}: file not found")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        first = _first_line(path, source.encoding)
        delimiter = "\t" if suffix == ".tsv" else max(DELIMITERS, key=first.count)
        row = next(csv.reader([first], delimiter=delimiter), [])
        return tuple(h.strip() for h in row)
    if suffix == ".xlsx":
        return _excel_headers(source)
    quoted = "'" + str(path).replace("'", "''") + "'"
    if suffix == ".parquet":  # the schema, from the file's footer
        relation = f"read_parquet({quoted})"
    else:
        fmt = "newline_delimited" if suffix == ".jsonl" else "auto"
        relation = f"read_json_auto({quoted}, format='{fmt}')"
    try:
        with duckdb.connect() as con:
            described = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
            return tuple(str(r[0]) for r in described)
    except duckdb.Error as exc:
        raise DataError(f"{path}: cannot be read: {exc}") from None


def _first_line(path: Path, encoding: str | None) -> str:
    """The first line of a text file, decoded with ``encoding`` or the first candidate that
    decodes it (only the first bytes are read)."""
    with path.open("rb") as handle:
        head = handle.read(HEADER_SAMPLE)
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if line.startswith(codecs.BOM_UTF8):
        return line[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    for name in (encoding,) if encoding else CANDIDATES:
        try:
            return line.decode(name)
        except UnicodeDecodeError:
            continue
    hint = "give the right 'encoding:'" if encoding else "save it as UTF-8 or give 'encoding:'"
    raise DataError(f"{path}: cannot decode the header line; {hint}")


def _excel_headers(source: SourceSpec) -> tuple[str, ...]:
    assert source.path is not None
    _, sheet = excel_sheet(source.path, source.sheet)
    rows = sheet.to_python(skip_empty_area=True, nrows=1)
    return tuple(str(h).strip() for h in rows[0]) if rows else ()


def _database_headers(source: SourceSpec) -> tuple[str, ...]:
    import ibis

    from evalkit.compute.sources import timeouts
    from evalkit.data.credentials import redact

    assert source.url is not None and source.db_table is not None
    schema, _, name = source.db_table.rpartition(".")
    try:
        url = source.url.replace("postgresql+psycopg", "postgresql")
        backend = ibis.connect(url, **timeouts(source.url))
    except Exception as exc:
        message = f"{source.shown}: cannot connect: {redact(str(exc).strip())}"
        raise DataError(message, source.location) from None
    try:
        return tuple(backend.table(name, database=schema or None).columns)
    except Exception as exc:
        message = f"{source.shown}: cannot open the table: {redact(str(exc).strip())}"
        raise DataError(message, source.location) from None
    finally:
        backend.disconnect()
