"""A database table (PostgreSQL) as a canonical Ibis table, mapped in place for pushdown."""

from __future__ import annotations

from collections.abc import Collection

import ibis
import ibis.expr.types as ir

from evalkit.compute.canonical import missing_column
from evalkit.data.canonical import TABLES
from evalkit.data.credentials import described, redact
from evalkit.data.spec import SourceSpec
from evalkit.data.timestamps import ISO, detect_format
from evalkit.errors import DataError
from evalkit.location import Location

_TRUE = ("true", "t", "1", "yes", "y", "是")
_STOPPED = ("08", "53", "57", "58")
"""SQLSTATE classes of a statement the database itself stopped: connection exception,
insufficient resources, operator intervention (a statement timeout, a cancel), system error."""


def stopped_by_the_database(exc: BaseException) -> bool:
    """Whether ``exc`` is the database stopping a statement, whatever the statement: the
    source's failure (exit 2), not a metric's."""
    state = getattr(exc, "sqlstate", None)
    return isinstance(state, str) and state[:2] in _STOPPED


def stopped_error(shown: str, exc: BaseException, location: Location | None) -> DataError:
    """The error for a source whose statement the database stopped, saying how to give a
    statement more time when a timeout stopped it."""
    hint = ""
    if getattr(exc, "sqlstate", None) == "57014":  # query_canceled: a timeout or a cancel
        hint = (
            "; if the query needs more time, set a longer limit in the url, "
            "e.g. ?options=-c%20statement_timeout%3D1800s"
        )
    return DataError(f"{shown}: cannot be read: {described(exc)}{hint}", location)


def open_database_table(
    backend: ibis.BaseBackend,
    source: SourceSpec,
    needed: Collection[str],
    joinable: Collection[str] = (),
) -> ir.Table:
    """``source.db_table`` (``schema.table`` or ``table``) with canonical names and types;
    a needed column in ``joinable`` that the table lacks is left for the customers join."""
    assert source.db_table is not None
    schema, _, name = source.db_table.rpartition(".")
    try:
        raw = backend.table(name, database=schema or None)
    except Exception as exc:
        if stopped_by_the_database(exc):
            raise stopped_error(source.shown, exc, source.location) from None
        raise DataError(
            f"{source.shown}: cannot open the table: {redact(str(exc).strip())}", source.location
        ) from None
    canonical = TABLES.get(source.table)
    types = {**(canonical.columns if canonical else {}), **source.extra_types}
    for column in [*source.columns, *needed]:
        header = source.header_for(column)
        if header not in raw.columns and not (column in joinable and column not in source.columns):
            raise missing_column(source, column, raw.columns)
    wanted = [*types, *(c for c in source.columns if c not in types)]
    selected: dict[str, ir.Value] = {}
    for column in wanted:
        header = source.header_for(column)
        if header not in raw.columns:
            continue
        value: ir.Value = raw[header]
        if column in source.values:
            value = value.cast("string").substitute(dict(source.values[column]))
        selected[column] = _typed(raw, source, value, types.get(column, "string"))
    return raw.select(**selected)


def _typed(raw: ir.Table, source: SourceSpec, value: ir.Value, kind: str) -> ir.Value:
    dtype = value.type()
    if kind == "string":
        return value if dtype.is_string() else value.cast("string")
    if kind in ("timestamp", "date"):
        if dtype.is_string():
            text = value.strip().nullif("")
            fmt = source.timestamp_format or detect_format(
                str(v)
                for v in raw.select(v=text)
                .filter(text.notnull())
                .limit(500)
                .to_pyarrow()["v"]
                .to_pylist()
            )
            parsed = text.cast("timestamp") if fmt in (None, ISO) else text.as_timestamp(fmt)
            return parsed.cast("date") if kind == "date" else parsed
        if dtype.is_timestamp() and dtype.timezone and source.timezone:
            value = value.cast(ibis.dtype(f"timestamp('{source.timezone}')"))
            return value.cast("timestamp")
        return value.cast("date") if kind == "date" else value.cast("timestamp")
    if kind == "number":
        return value.cast("float64")
    if dtype.is_boolean():
        return value
    if dtype.is_string():
        return value.lower().isin(list(_TRUE))
    return value != 0
