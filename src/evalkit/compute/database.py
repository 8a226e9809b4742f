"""A database table (PostgreSQL) as a canonical Ibis table, mapped in place for pushdown."""

from __future__ import annotations

from collections.abc import Collection

import ibis
import ibis.expr.types as ir

from evalkit.compute.canonical import missing_column
from evalkit.compute.failures import raise_source_failure
from evalkit.data.canonical import TABLES
from evalkit.data.credentials import redact
from evalkit.data.spec import SourceSpec
from evalkit.data.timestamps import ISO, detect_format
from evalkit.errors import DataError

_TRUE = ("true", "t", "1", "yes", "y", "是")


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
        raise_source_failure(source.shown, exc, source.location)
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
