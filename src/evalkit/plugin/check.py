"""``evalkit plugin check``: what the engine relies on in a plugin's metrics, one problem a line.

Each check reads a ``MetricDefinition`` as registered; the last ones run the metric with the
testing kit on generated sample data (every canonical column of the tables it reads, from July
2025 to June 2026, with a segment) for every window and segment, twice, to see numbers or
``None`` that do not change between runs.
"""

from __future__ import annotations

import math
import random
import re
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from evalkit.compute import MetricOutcome
from evalkit.data.canonical import COLUMN_TYPES, SEGMENT_SOURCE, TABLES
from evalkit.errors import EvalkitError
from evalkit.metric import UNITS, MetricDefinition
from evalkit.registry import build_registry
from evalkit.testing import run_metric

PREFIXED = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
"""A third-party metric id: ``prefix.name`` in lower case."""

SAMPLE_PERIOD = "2026Q2"
SAMPLE_GO_LIVE = date(2026, 1, 1)
SAMPLE_START = datetime(2025, 7, 1)
SAMPLE_DAYS = 365
SAMPLE_ROWS = 60
SAMPLE_SEGMENT = "segment"


def check_metrics(
    targets: Iterable[tuple[str, MetricDefinition]],
    every: Iterable[tuple[str, MetricDefinition]],
) -> list[str]:
    """The problems of the ``targets`` metrics (plugin name, definition); ``every`` is all the
    metrics registered, for the uniqueness of ids. An empty list means the plugin is clean."""
    owners: dict[str, list[str]] = {}
    for plugin, definition in every:
        owners.setdefault(getattr(definition, "id", ""), []).append(plugin)
    problems: list[str] = []
    for plugin, definition in targets:
        if not isinstance(definition, MetricDefinition):
            problems.append(f"plugin '{plugin}': registered {definition!r}, not a MetricDefinition")
            continue
        where = f"plugin '{plugin}' metric '{definition.id}'"
        found = list(_static(definition, owners.get(definition.id, [])))
        if not found:
            found = list(_runs(definition))
        problems.extend(f"{where}: {p}" for p in found)
    return problems


def _static(d: MetricDefinition, owners: list[str]) -> Iterable[str]:
    if not PREFIXED.fullmatch(d.id):
        yield (
            f"id {d.id!r} has no prefix; name it 'yourplugin.{d.id.rpartition('.')[2]}' "
            "(lower-case letters, digits, '_')"
        )
    if len(owners) > 1:
        yield f"id is registered by plugins {', '.join(sorted(owners))}; ids must be unique"
    try:
        build_registry([("", d)])
    except EvalkitError as exc:
        yield str(exc).split(": ", 1)[-1]
    for lang in ("en", "zh"):
        if not str(d.title.get(lang, "")).strip():
            yield f"title has no {lang!r} text; give title={{'en': '…', 'zh': '…'}}"
    for text in ("description", "formula"):
        if not str(getattr(d, text)).strip():
            yield f"{text} is empty; write it in English"
        elif not str(d.translations.get("zh", {}).get(text, "")).strip():
            yield f"{text} has no zh translation; add translations={{'zh': {{'{text}': '…'}}}}"
    if d.unit not in UNITS:
        yield f"unit {d.unit!r} is not one of {', '.join(UNITS)}"
    try:
        Draft202012Validator.check_schema(dict(d.params_schema))
    except SchemaError as exc:
        yield f"params_schema is not a valid JSON Schema: {exc.message}"
    yield from _columns(d)


def _columns(d: MetricDefinition) -> Iterable[str]:
    for table, columns in d.columns.items():
        if table not in TABLES:
            yield f"columns: table {table!r} is not canonical; use one of {', '.join(TABLES)}"
            continue
        extra = d.extra_columns.get(table, {})
        for column in columns:
            if column not in TABLES[table].columns and column not in extra:
                yield (
                    f"columns: {table}.{column} is not in the canonical model; declare it in "
                    f"extra_columns={{'{table}': {{'{column}': 'string'}}}} (or fix its name)"
                )
        for column, kind in extra.items():
            if kind not in COLUMN_TYPES:
                yield (
                    f"extra_columns: {table}.{column} has type {kind!r}; use one of "
                    f"{', '.join(COLUMN_TYPES)}"
                )


def _sample_params(d: MetricDefinition) -> tuple[dict[str, Any], list[str]]:
    """Params for the sample run: each param's ``default``, a required one's first of
    ``examples``; the problems: required params with neither."""
    params: dict[str, Any] = {}
    problems = []
    properties = d.params_schema.get("properties", {})
    for name, schema in properties.items():
        if isinstance(schema, Mapping) and "default" in schema:
            params[name] = schema["default"]
    for name in d.params_schema.get("required", ()):
        schema = properties.get(name, {})
        if name in params:
            continue
        if isinstance(schema, Mapping) and schema.get("examples"):
            params[name] = schema["examples"][0]
        else:
            problems.append(
                f"param {name!r} is required and its schema has no default or examples; add "
                f'"examples": [...] so that the sample run can use one'
            )
    return params, problems


def _runs(d: MetricDefinition) -> Iterable[str]:
    params, missing = _sample_params(d)
    if missing:
        yield from missing
        return
    tables = sample_tables(d)
    results = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as folder:
            try:
                outcome, _ledger = run_metric(
                    Path(folder),
                    d,
                    tables,
                    params,
                    current=SAMPLE_PERIOD,
                    go_live=SAMPLE_GO_LIVE,
                    segments=(SAMPLE_SEGMENT,),
                )
            except AssertionError as exc:
                yield f"fails on sample data: {str(exc).split(': ', 1)[-1]}"
                return
            except Exception as exc:
                yield f"fails on sample data: {type(exc).__name__}: {exc}"
                return
        results.append(_values(outcome))
    for key, value in results[0].items():
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            yield f"returns {value!r} for {key}; return a finite number or None (no data)"
            return
    if results[0] != results[1]:
        changed = next(k for k in results[0] if results[0][k] != results[1].get(k))
        yield (
            f"is not deterministic: two runs on the same data differ for {changed} "
            f"({results[0][changed]!r}, {results[1][changed]!r})"
        )


def _values(outcome: MetricOutcome) -> dict[str, Any]:
    """Window (and segment) → value, flattened: ``2026Q2``, ``segment=a 2026Q2``."""
    flat: dict[str, Any] = {f"window {k}": v for k, v in outcome.values.items()}
    for column, by_value in outcome.segments.items():
        for segment, values in by_value.items():
            for k, v in values.items():
                flat[f"window {k} of {column}={segment}"] = v
    return flat


def sample_tables(d: MetricDefinition) -> dict[str, list[dict[str, Any]]]:
    """Deterministic sample rows for every table the metric reads, plus ``customers``: every
    canonical column and the metric's extra columns, timestamps from July 2025 to June 2026
    (2026Q2, the previous quarter and a baseline before the 2026-01-01 go-live), three segment
    values."""
    rng = random.Random(20)
    names = [t for t in d.columns if t in TABLES]
    if SEGMENT_SOURCE not in names:
        names.append(SEGMENT_SOURCE)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        types = {**TABLES[name].columns, **d.extra_columns.get(name, {})}
        rows = []
        for i in range(SAMPLE_ROWS):
            rows.append({c: _sample(c, kind, i, rng) for c, kind in types.items()})
        tables[name] = rows
    return tables


def _sample(column: str, kind: str, i: int, rng: random.Random) -> Any:
    moment = SAMPLE_START + timedelta(days=rng.uniform(0, SAMPLE_DAYS))
    if kind == "timestamp":
        return moment.replace(microsecond=0)
    if kind == "date":
        return moment.date()
    if kind == "number":
        return rng.randint(0, 10)
    if kind == "boolean":
        return rng.random() < 0.5
    if column == "customer_id":
        return f"c{i % 10}"
    if column.endswith("_id"):
        return f"{column[:-3]}{i}"
    if column == "period":
        return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"
    return f"{column}_{'abc'[i % 3]}"
