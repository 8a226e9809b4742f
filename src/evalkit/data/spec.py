"""The spec's ``data:`` section as frozen data: sources, column and value mappings, segments."""

from __future__ import annotations

import codecs
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import urlsplit

from evalkit.data.canonical import COLUMN_TYPES, TABLES, ColumnType
from evalkit.data.credentials import redact
from evalkit.data.where import parse_where
from evalkit.errors import Problem, did_you_mean
from evalkit.location import LocatedDocument, Location, Path

FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet", ".json", ".jsonl")
DB_SCHEMES = ("postgresql", "postgres")
SPARK_FORMATS = ("parquet", "orc", "delta")
"""What Spark reads from a ``path:``: a file or folder of Parquet or ORC, or a Delta table."""


@dataclass(frozen=True)
class SparkEngine:
    """``data.engine.spark``: the whole evaluation runs on this Spark (see docs/scale.md)."""

    master: str
    """``local[4]``, ``sc://host:15002`` (Spark Connect), ``yarn``, ``spark://…``, ``k8s://…``."""
    location: Location
    conf: Mapping[str, str] = field(default_factory=dict)
    """Spark configuration (``spark.executor.memory: 8g``), applied when the session starts."""
    approximate: bool = False
    """Percentiles by ``approx_percentile`` (faster on large data; the report says so)."""
    accuracy: int = 10000
    """``approx_percentile``'s accuracy: a value's rank is off by at most n / accuracy."""

    @property
    def accuracy_used(self) -> int | None:
        """The accuracy of approximate percentiles; None when they are exact."""
        return self.accuracy if self.approximate else None

    @property
    def shown(self) -> str:
        """The master as messages and provenance show it: a Spark Connect address without its
        ``;token=…`` and other parameters."""
        return self.master.split(";")[0].removesuffix("/")


@dataclass(frozen=True)
class SourceSpec:
    """Where one canonical table comes from and how its columns and values map."""

    table: str
    location: Location
    path: FsPath | None = None
    url: str | None = None
    db_table: str | None = None
    """A database table, or (on Spark) a catalog table, ``db.table`` or ``table``."""
    uri: str | None = None
    """On Spark: a ``path:`` with a scheme (``s3a://…``, ``hdfs://…``), read where it is."""
    format: str | None = None
    """On Spark: how a ``path:`` is read, one of ``SPARK_FORMATS`` (default: from its suffix)."""
    encoding: str | None = None
    timestamp_format: str | None = None
    sheet: str | None = None
    timezone: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    """Canonical column → the client's header (unmapped columns keep their canonical name)."""
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Canonical column → {client value: canonical value}."""
    column_locations: Mapping[str, Location] = field(default_factory=dict)
    extra_types: Mapping[str, ColumnType] = field(default_factory=dict)
    """``extra_columns:``: column → type (their headers are in ``columns``)."""
    sheet_location: Location | None = None
    where: Any = None
    """The checked row filter (``evalkit.rules.nodes.Node``); None keeps every row."""
    where_text: str = ""
    refused: bool = False
    """The source has errors of its own (a missing or linked file, a bad URL): reported by
    ``parse_data_section``, and nothing may open it (nothing of it is then quoted)."""

    def header_for(self, column: str) -> str:
        """The header in the source that holds canonical ``column``."""
        return self.columns.get(column, column)

    @property
    def shown(self) -> str:
        """The source as printed in messages and provenance (a URL without its password)."""
        if self.path is not None or self.uri is not None:
            return str(self.path or self.uri)
        if self.url is None:
            return f"Spark table {self.db_table}"
        return f"{redact(self.url)} table {self.db_table}"

    @property
    def shown_table(self) -> str:
        """The source with its sheet, for a workbook that holds several tables."""
        return f"{self.shown} sheet '{self.sheet}'" if self.sheet else self.shown


@dataclass(frozen=True)
class DataSpec:
    """The parsed ``data:`` section."""

    sources: Mapping[str, SourceSpec]
    segments: tuple[str, ...] = ()
    location: Location | None = None
    columns_location: Mapping[str, Location] = field(default_factory=dict)
    """Canonical table → where its ``columns:`` mapping is (or its source, if it has none)."""
    spark: SparkEngine | None = None
    """``engine: {spark: …}``: every source is read and every metric computed on Spark."""


def parse_data_section(
    doc: LocatedDocument, path: Path, base_dir: FsPath
) -> tuple[DataSpec, list[Problem]]:
    """Parse the ``data:`` mapping at ``path`` in ``doc``; relative paths are from ``base_dir``.

    Shape errors are the JSON Schema's job (``DATA_SCHEMA``); this adds what a schema cannot say:
    files that do not exist, unknown encodings, a source that is neither a file nor a database.
    """
    raw = _get(doc.data, path)
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        return DataSpec({}, (), doc.where(path)), problems
    sources: dict[str, SourceSpec] = {}
    columns_at: dict[str, Location] = {}
    spark = _spark_engine(doc, (*path, "engine"), raw.get("engine"))
    for table, body in (raw.get("sources") or {}).items():
        at = (*path, "sources", table)
        if not isinstance(body, Mapping):
            continue
        if spark is not None:
            source, found = _parse_spark_source(doc, at, str(table), body, base_dir)
        else:
            source, found = _parse_source(doc, at, str(table), body, base_dir)
        problems.extend(found)
        if any(p.severity == "error" for p in found):
            source = replace(source, refused=True)
        sources[str(table)] = source
        columns_at[str(table)] = (
            doc.where_key((*at, "columns")) if "columns" in body else doc.where_key(at)
        )
    segments = tuple(str(s) for s in raw.get("segments") or ())
    return DataSpec(sources, segments, doc.where(path), columns_at, spark), problems


def _spark_engine(doc: LocatedDocument, at: Path, raw: Any) -> SparkEngine | None:
    """``engine:`` as settings (its shape is checked by ``DATA_SCHEMA``)."""
    body = raw.get("spark") if isinstance(raw, Mapping) else None
    if not isinstance(body, Mapping):
        return None
    conf = {str(k): _conf_text(v) for k, v in (body.get("conf") or {}).items()}
    return SparkEngine(
        str(body.get("master", "local[*]")),
        doc.where_key((*at, "spark")),
        conf,
        bool(body.get("approximate", False)),
        int(body.get("accuracy", 10000)),
    )


def _conf_text(value: Any) -> str:
    """A conf value as Spark reads it (YAML ``true`` is Spark's ``true``, not ``True``)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _parse_spark_source(
    doc: LocatedDocument, at: Path, table: str, body: Mapping[str, Any], base_dir: FsPath
) -> tuple[SourceSpec, list[Problem]]:
    """A source read by Spark: ``path:`` (Parquet, ORC or Delta; local, or a URI with a
    scheme) or ``table:`` (a catalog table); mappings and ``where:`` as for a file."""
    problems: list[Problem] = []
    file, catalog = body.get("path"), body.get("table")
    if (file is None) == (catalog is None) or body.get("url") is not None:
        problems.append(
            Problem(
                f"source '{table}' needs exactly one of 'path:' (Parquet, ORC or Delta) or "
                "'table:' (a Spark catalog table) when data.engine is spark",
                doc.where_key(at),
            )
        )
    for key in ("encoding", "timestamp_format", "sheet"):
        if body.get(key) is not None:
            problems.append(
                Problem(
                    f"'{key}:' applies to text and Excel files, which Spark does not read; "
                    "write the data as Parquet",
                    doc.where_key((*at, key)),
                )
            )
    source, found = _mapped(doc, at, table, body, None)
    problems += found
    if isinstance(catalog, str):
        return replace(source, db_table=catalog), problems
    if not isinstance(file, str):
        return source, problems
    where = doc.where((*at, "path"))
    kind = body.get("format") or _spark_format(file)
    if kind not in SPARK_FORMATS:
        problems.append(
            Problem(
                f"'{file}': Spark reads {', '.join(SPARK_FORMATS)}; write the data as Parquet "
                "or set format:",
                where,
            )
        )
    if urlsplit(file).scheme not in ("", "file"):
        return replace(source, uri=file, format=kind), problems
    resolved = base_dir / file.removeprefix("file://")
    if not resolved.exists():
        problems.append(Problem(f"file not found: {resolved}", where))
    return replace(source, path=resolved, format=kind), problems


def _spark_format(path: str) -> str:
    """The format a path's suffix names (a folder without one: Parquet, Spark's default)."""
    suffix = FsPath(path.rstrip("/")).suffix.lower().lstrip(".")
    return suffix or "parquet"


def _get(data: Any, path: Path) -> Any:
    for key in path:
        if isinstance(data, Mapping):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def _parse_source(
    doc: LocatedDocument, at: Path, table: str, body: Mapping[str, Any], base_dir: FsPath
) -> tuple[SourceSpec, list[Problem]]:
    problems: list[Problem] = []
    file = body.get("path")
    url = body.get("url")
    if (file is None) == (url is None):
        problems.append(
            Problem(
                f"source '{table}' needs exactly one of 'path:' (a file) or 'url:' (a database)",
                doc.where_key(at),
            )
        )
    resolved = None
    if isinstance(file, str):
        resolved = base_dir / file
        if resolved.suffix.lower() not in FILE_SUFFIXES:
            problems.append(
                Problem(
                    f"'{file}': unsupported file type; use one of {', '.join(FILE_SUFFIXES)}",
                    doc.where((*at, "path")),
                )
            )
        else:
            problems += _file_problems(resolved, base_dir, doc.where((*at, "path")))
    if isinstance(url, str):
        scheme = urlsplit(url).scheme
        if scheme.split("+")[0] not in DB_SCHEMES:
            problems.append(
                Problem(
                    f"source '{table}': unsupported database URL scheme '{scheme}' in "
                    f"{redact(url)}; use postgresql://",
                    doc.where((*at, "url")),
                )
            )
        if not body.get("table"):
            problems.append(
                Problem(f"source '{table}' has 'url:' but no 'table:'", doc.where_key(at))
            )
    source, found = _mapped(doc, at, table, body, resolved)
    source = replace(
        source,
        url=url if isinstance(url, str) else None,
        db_table=str(body["table"]) if body.get("table") else None,
    )
    return source, [*problems, *found]


def _mapped(
    doc: LocatedDocument, at: Path, table: str, body: Mapping[str, Any], resolved: FsPath | None
) -> tuple[SourceSpec, list[Problem]]:
    """The source's reading options, column and value mappings and ``where:`` (any source)."""
    problems: list[Problem] = []
    encoding = body.get("encoding")
    if isinstance(encoding, str):
        try:
            codecs.lookup(encoding)
        except LookupError:
            problems.append(Problem(f"unknown encoding '{encoding}'", doc.where((*at, "encoding"))))
    fmt = body.get("timestamp_format")
    if isinstance(fmt, str) and "%" not in fmt:
        problems.append(
            Problem(
                f"timestamp_format '{fmt}' has no % directive; write e.g. '%Y/%m/%d %H:%M'",
                doc.where((*at, "timestamp_format")),
            )
        )
    if (
        body.get("sheet") is not None
        and resolved is not None
        and resolved.suffix.lower() != ".xlsx"
    ):
        problems.append(
            Problem("'sheet:' applies only to .xlsx files", doc.where_key((*at, "sheet")))
        )
    columns = {str(k): str(v) for k, v in (body.get("columns") or {}).items()}
    problems.extend(_unknown_columns(doc, at, table, columns))
    extra_types, extra_headers = _extra_columns(body.get("extra_columns"))
    problems += [
        Problem(
            f"extra column '{name}' is a canonical column of {table}; map it under columns:",
            doc.where_key((*at, "extra_columns", name)),
        )
        for name in extra_types
        if table in TABLES and name in TABLES[table].columns
    ]
    columns = {**columns, **extra_headers}
    where_text = str(body["where"]) if isinstance(body.get("where"), str) else ""
    known = [*(TABLES[table].columns if table in TABLES else ()), *columns]
    where, found = parse_where(where_text, known) if where_text else (None, [])
    problems += [
        Problem(f"where: {p.message}", _inside(doc, (*at, "where"), p.column)) for p in found
    ]
    values = {
        str(col): {str(k): str(v) for k, v in (mapping or {}).items()}
        for col, mapping in (body.get("values") or {}).items()
    }
    source = SourceSpec(
        table=table,
        location=doc.where_key(at),
        path=resolved,
        encoding=encoding if isinstance(encoding, str) else None,
        timestamp_format=fmt if isinstance(fmt, str) else None,
        sheet=str(body["sheet"]) if body.get("sheet") is not None else None,
        timezone=str(body["timezone"]) if body.get("timezone") else None,
        columns=columns,
        values=values,
        column_locations={
            c: doc.where((*at, "columns", c) if c not in extra_types else (*at, "extra_columns", c))
            for c in columns
        },
        extra_types=extra_types,
        sheet_location=doc.where((*at, "sheet")) if body.get("sheet") is not None else None,
        where=where,
        where_text=where_text,
    )
    return source, problems


def _extra_columns(raw: Any) -> tuple[dict[str, ColumnType], dict[str, str]]:
    """``extra_columns:`` as column → type and column → header (default: its own name)."""
    types: dict[str, ColumnType] = {}
    headers: dict[str, str] = {}
    for name, body in (raw or {}).items() if isinstance(raw, Mapping) else ():
        body = body if isinstance(body, Mapping) else {}
        kind = body.get("type", "string")
        types[str(name)] = kind if kind in COLUMN_TYPES else "string"
        headers[str(name)] = str(body.get("from", name))
    return types, headers


def _inside(doc: LocatedDocument, path: Path, column: int) -> Location:
    """The location of character ``column`` of the string at ``path`` (past an opening quote)."""
    start = doc.where(path)
    try:
        line = FsPath(start.file).read_text(encoding="utf-8-sig").splitlines()[start.line - 1]
        quoted = line[start.column - 1 : start.column] in ("'", '"')
    except (OSError, IndexError):
        quoted = False
    return start.shifted(column + (1 if quoted else 0))


def _file_problems(path: FsPath, base_dir: FsPath, where: Location) -> list[Problem]:
    """A data file must exist and be a regular file; given relative to the spec's folder, a
    symbolic link in its path must lead inside the folder (an absolute path is taken as the
    spec's author wrote it). Nothing is read from a refused file, so nothing of it is quoted."""
    if not path.exists():
        return [Problem(f"file not found: {path}", where)]
    real, root = path.resolve(), base_dir.resolve()
    relative = not path.is_absolute() or path.is_relative_to(base_dir)
    linked = relative and real != FsPath(os.path.normpath(root / path.relative_to(base_dir)))
    if linked and not real.is_relative_to(root):
        return [
            Problem(
                f"{path} is a symbolic link to {real}, outside the spec's folder; copy the file "
                "into the folder or write its real path",
                where,
            )
        ]
    if not path.is_file():
        return [Problem(f"{path} is not a regular file; give the path of a data file", where)]
    return []


def _unknown_columns(
    doc: LocatedDocument, at: Path, table: str, columns: Mapping[str, str]
) -> list[Problem]:
    canonical = TABLES.get(table)
    if canonical is None:
        return []
    problems = []
    for column in columns:
        if column not in canonical.columns:
            hint = did_you_mean(column, canonical.columns)
            problems.append(
                Problem(
                    f"'{column}' is not a column of canonical table '{table}'{hint}",
                    doc.where_key((*at, "columns", column)),
                    severity="warning",
                )
            )
    return problems
