"""A file source as a canonical DuckDB view: client headers renamed, values mapped, types parsed.

Each column that is parsed from text gets a companion ``_bad__<column>`` flag (a value was
present but did not parse), which the fused query counts into the data-quality ledger.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping

import duckdb

from evalkit.compute.files import RawRelation
from evalkit.data.canonical import TABLES, ColumnType
from evalkit.data.spec import SourceSpec
from evalkit.data.timestamps import ISO, detect_format
from evalkit.errors import DataError

BAD_PREFIX = "_bad__"
_TRUE = ("true", "t", "1", "yes", "y", "是", "对", "√")
_FALSE = ("false", "f", "0", "no", "n", "否", "错", "×")
_TEXT_TYPES = ("VARCHAR", "JSON")


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def canonical_select(
    con: duckdb.DuckDBPyConnection,
    source: SourceSpec,
    raw: RawRelation,
    needed: Collection[str],
    typed: bool = False,
) -> tuple[str, dict[str, str]]:
    """The SELECT that turns ``raw`` into the canonical table, and the bad-value flag per column.

    ``typed``: the numbers and ISO timestamps a metric needs are parsed by the CSV reader
    (``RawRelation.typed``) instead of cast from text, with no bad-value flag: a value that
    does not parse makes the reader skip its row into DuckDB's reject table, and the caller
    then reads the file as text (``typed=False``) so that the value reaches the ledger.

    Raises ``DataError`` when a mapped header, or a column a metric needs, is not in the file.
    """
    table = TABLES.get(source.table)
    types: Mapping[str, ColumnType] = {**(table.columns if table else {}), **source.extra_types}
    wanted = [*types, *(c for c in source.columns if c not in types)]
    for column in [*source.columns, *needed]:
        if source.header_for(column) not in raw.columns:
            raise missing_column(source, column, raw.columns)
    parts: list[str] = []
    flags: dict[str, str] = {}
    read_as: dict[str, str] = {}
    # column → (its value expression, the type the file gives it), for the columns present
    read = {
        column: (
            _mapped(ident(header), source.values.get(column)),
            "VARCHAR" if column in source.values else raw.columns[header],
        )
        for column in wanted
        if (header := source.header_for(column)) in raw.columns
    }
    texts = {
        column: value
        for column, (value, duck_type) in read.items()
        if types.get(column) in ("timestamp", "date") and duck_type.upper() in _TEXT_TYPES
    }
    formats = _time_formats(con, raw, source, texts)
    for column, (value, duck_type) in read.items():
        header = source.header_for(column)
        kind = types.get(column, "string")
        fmt = formats.get(column)
        if typed and raw.typed is not None and column in needed and duck_type == "VARCHAR":
            reader = "DOUBLE" if kind == "number" else "TIMESTAMP" if fmt == ISO else None
            if reader is not None:
                read_as[header] = duck_type = reader
        expr, bad = _typed(value, duck_type, kind, fmt, source.timezone)
        parts.append(f"{expr} AS {ident(column)}")
        if bad is not None:
            flag = BAD_PREFIX + column
            parts.append(f"({bad}) AS {ident(flag)}")
            flags[column] = flag
    relation = raw.typed(read_as) if read_as and raw.typed is not None else raw.sql
    return f"SELECT {', '.join(parts)} FROM {relation}", flags


def missing_column(source: SourceSpec, column: str, present: Collection[str]) -> DataError:
    """A mapped column the source lacks: the header expected, the headers present, the closest."""
    header = source.header_for(column)
    close = difflib.get_close_matches(header, list(present), n=1, cutoff=0.4)
    hint = f"; closest: '{close[0]}'" if close else ""
    where = source.column_locations.get(column) or source.location
    prefix = f"{where}: " if where else ""
    headers = ", ".join(f"'{h}'" for h in present)
    return DataError(
        f"{prefix}{source.shown}: no column '{header}' for {source.table}.{column}; "
        f"headers present: {headers}{hint}"
    )


def _mapped(expr: str, mapping: Mapping[str, str] | None) -> str:
    if not mapping:
        return expr
    cases = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"(CASE CAST({expr} AS VARCHAR) {cases} ELSE CAST({expr} AS VARCHAR) END)"


def _typed(
    value: str, duck_type: str, kind: ColumnType, fmt: str | None, timezone: str | None
) -> tuple[str, str | None]:
    is_text = duck_type.upper() in _TEXT_TYPES
    text = _text(value)
    if kind == "string":
        return (text if is_text else f"CAST({value} AS VARCHAR)"), None
    if not is_text:
        return _native(value, duck_type, kind, timezone), None
    if kind in ("timestamp", "date"):
        parsed = (
            f"TRY_CAST({text} AS TIMESTAMP)"
            if fmt == ISO
            else f"TRY_STRPTIME({text}, {literal(str(fmt))})"
        )
        if kind == "date":
            parsed = f"CAST({parsed} AS DATE)"
        return parsed, f"{text} IS NOT NULL AND {parsed} IS NULL"
    if kind == "number":
        parsed = f"TRY_CAST(REPLACE({text}, ',', '') AS DOUBLE)"
        return parsed, f"{text} IS NOT NULL AND {parsed} IS NULL"
    trues = ", ".join(literal(v) for v in _TRUE)
    falses = ", ".join(literal(v) for v in _FALSE)
    parsed = (
        f"(CASE WHEN LOWER({text}) IN ({trues}) THEN TRUE "
        f"WHEN LOWER({text}) IN ({falses}) THEN FALSE END)"
    )
    return parsed, f"{text} IS NOT NULL AND {parsed} IS NULL"


def _native(value: str, duck_type: str, kind: ColumnType, timezone: str | None) -> str:
    upper = duck_type.upper()
    if kind == "timestamp":
        if "WITH TIME ZONE" in upper and timezone:
            return f"timezone({literal(timezone)}, {value})"
        return f"CAST({value} AS TIMESTAMP)"
    if kind == "date":
        return f"CAST({value} AS DATE)"
    if kind == "number":
        return f"CAST({value} AS DOUBLE)"
    if upper == "BOOLEAN":
        return value
    return f"({value} <> 0)"


def _text(value: str) -> str:
    return f"NULLIF(TRIM(CAST({value} AS VARCHAR)), '')"


SAMPLE = 500
"""Values of a text timestamp column its format is detected from: the first non-null ones."""


def _time_formats(
    con: duckdb.DuckDBPyConnection,
    raw: RawRelation,
    source: SourceSpec,
    texts: Mapping[str, str],
) -> dict[str, str]:
    """The format of each text timestamp column (column → its value expression): the spec's
    ``timestamp_format``, or the one detected from the column's first ``SAMPLE`` non-null
    values. One read of the file's first rows samples every column; a column with fewer
    non-null values there is read on its own."""
    if not texts:
        return {}
    if source.timestamp_format is not None:
        return dict.fromkeys(texts, source.timestamp_format)
    columns = ", ".join(_text(value) for value in texts.values())
    rows = con.execute(f"SELECT {columns} FROM {raw.sql} LIMIT {2 * SAMPLE}").fetchall()
    found: dict[str, str] = {}
    for i, (column, value) in enumerate(texts.items()):
        sample = [str(row[i]) for row in rows if row[i] is not None][:SAMPLE]
        if len(sample) < SAMPLE and len(rows) == 2 * SAMPLE:
            text = _text(value)
            query = f"SELECT {text} FROM {raw.sql} WHERE {text} IS NOT NULL LIMIT {SAMPLE}"
            sample = [str(row[0]) for row in con.execute(query).fetchall()]
        fmt = detect_format(sample)
        if fmt is None:
            shown = ", ".join(repr(v) for v in sample[:3])
            raise DataError(
                f"{source.shown}: column '{source.header_for(column)}' holds no timestamps "
                f"evalkit recognises (e.g. {shown}); give 'timestamp_format:' such as "
                "'%Y/%m/%d %H:%M'"
            )
        found[column] = fmt
    return found
