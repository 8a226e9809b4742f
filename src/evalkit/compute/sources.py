"""Open a spec's sources as canonical Ibis tables: files through DuckDB, databases in place.

File sources become DuckDB views over the files (nothing is loaded until a query runs);
database sources stay in their database, so queries on them are pushed down.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import duckdb
import ibis
import ibis.expr.operations as ops
import ibis.expr.schema as sch
import ibis.expr.types as ir
from ibis.backends.duckdb import Backend as DuckDBBackend

from evalkit.compute.arrow import to_arrow
from evalkit.compute.canonical import canonical_select, ident, literal
from evalkit.compute.database import open_database_table
from evalkit.compute.failures import MEMORY_LIMIT, TEMP_DIRECTORY, raise_source_failure
from evalkit.compute.files import open_file
from evalkit.compute.fused import ROWS
from evalkit.compute.where import row_filter
from evalkit.data.canonical import SEGMENT_SOURCE, TABLES
from evalkit.data.credentials import redact
from evalkit.data.digests import FileCounts
from evalkit.data.encoding import FileDigest
from evalkit.data.spec import DataSpec, SourceSpec, SparkEngine
from evalkit.data.where import filter_columns
from evalkit.errors import DataError
from evalkit.location import Location

if TYPE_CHECKING:
    from evalkit.compute.spark import Spark

SPARK = "spark"
"""``CanonicalTable.backend`` of a table on the run's Spark session."""


@dataclass(frozen=True)
class CanonicalTable:
    """A canonical table ready for metrics, with where it came from."""

    name: str
    expr: ir.Table
    backend: str
    """``duckdb`` for files, the database URL for a database (with its password: never shown),
    ``spark`` on Spark."""
    source: str
    sha256: str | FileDigest
    bad_flags: Mapping[str, str] = field(default_factory=dict)
    """Canonical column → the boolean column flagging values that did not parse."""
    verify: Callable[[], None] | None = None
    """Raises ``DataError`` naming the first undecodable byte of a sampled text file."""
    filtered: int = 0
    """Rows the source's ``where:`` removed (the ledger's ``filtered``)."""
    counted_cheaply: bool = False
    """Whether counting its rows costs no scan: Parquet (the count is in the file's metadata)
    or a file parsed into a table when opened."""
    counts: Mapping[str, int] = field(default_factory=dict)
    """Counts over all its rows known before any query, by ``fused.TablePlan`` slot name: its
    rows (the count its ``where:`` took), or the rows and each flagged column's values that
    did not parse as remembered for its unchanged CSV file read the same way
    (``file_counts``). With all of them known no query needs every row, and the rows outside
    the windows are dropped early."""
    file_counts: FileCounts | None = None
    """For a CSV file read with parsed types: where the counts a run took over the whole file
    are recorded for the next run (``digests.FileCounts``)."""
    engine: str = ""
    """The Spark session it is on (``Spark 4.0.5 (local[2])``), for provenance."""
    location: Location | None = None
    """Where the spec defines its source, for messages about it."""


def raise_for_tables(
    tables: Sequence[CanonicalTable], exc: BaseException, *, memory: bool = True
) -> None:
    """``failures.raise_source_failure`` for a query over ``tables``: named by their sources,
    at the first one's place in the spec."""
    if tables:
        shown = ", ".join(t.source for t in tables)
        raise_source_failure(shown, exc, tables[0].location, memory=memory)


@contextmanager
def source_failures(tables: Sequence[CanonicalTable]) -> Iterator[None]:
    """Run the block; a failure of its queries that is the source's (``raise_for_tables``)
    stops the run, any other goes on up as it is."""
    try:
        yield
    except Exception as exc:
        raise_for_tables(tables, exc)
        raise


class Sources:
    """The open sources of one run; ``close()`` releases connections and temporary files.

    ``typed_csv``: CSV numbers and ISO timestamps are parsed by DuckDB's CSV reader (the fast
    path); a file with a value that does not parse is then ``rejected()``, and the run reads
    its sources again with ``typed_csv=False`` (every value cast from text, bad values counted
    in the ledger). A small file, parsed into a table when opened, falls back at once.
    """

    def __init__(self, workdir: Path, typed_csv: bool = True) -> None:
        self.duckdb: DuckDBBackend = ibis.duckdb.connect()
        self.duckdb.con.execute("SET enable_progress_bar = false")
        self.workdir = workdir
        self.typed_csv = typed_csv
        self._rejects_handled = 0
        self.memory_limited = bool(os.environ.get(MEMORY_LIMIT))
        """A memory limit is set: holistic aggregates run apart (``TablePlan.queries``)."""
        settings = {
            "memory_limit": os.environ.get(MEMORY_LIMIT),
            "temp_directory": os.environ.get(TEMP_DIRECTORY) or str(workdir / "spill"),
        }
        for name, value in settings.items():
            if not value:
                continue
            try:
                self.duckdb.con.execute(f"SET {name} = {literal(value)}")
            except duckdb.Error as exc:
                variable = MEMORY_LIMIT if name == "memory_limit" else TEMP_DIRECTORY
                first = str(exc).strip().splitlines()[0]
                raise DataError(f"{variable}={value}: {first}") from None
        self._databases: dict[str, ibis.BaseBackend] = {}
        self._spark: Spark | None = None

    def spark(self, engine: SparkEngine) -> Spark:
        """The run's Spark session (started, or reached, on first use)."""
        if self._spark is None:
            from evalkit.compute.spark import Spark  # pyspark and Java only for a Spark run

            self._spark = Spark(engine)
        return self._spark

    def database(
        self, url: str, shown: str | None = None, location: Location | None = None
    ) -> ibis.BaseBackend:
        """One connection per database URL, with ``timeouts(url)``; ``shown`` names the source
        in messages (default: the URL without its password), ``location`` is its place in the
        spec."""
        if url not in self._databases:
            try:
                self._databases[url] = ibis.connect(
                    url.replace("postgresql+psycopg", "postgresql"), **timeouts(url)
                )
            except Exception as exc:
                raise DataError(
                    f"{shown or redact(url)}: cannot connect: {redact(str(exc).strip())}",
                    location,
                ) from None
        return self._databases[url]

    def rejects(self) -> int:
        """How many values the CSV reader could not parse so far (DuckDB's ``reject_errors``)."""
        try:
            found = self.duckdb.con.execute("SELECT count(*) FROM reject_errors").fetchone()
        except duckdb.CatalogException:  # no typed read has run
            return 0
        return int(found[0]) if found else 0

    def rejected(self) -> bool:
        """Whether a typed CSV read skipped rows that no fallback has read again as text."""
        return self.rejects() > self._rejects_handled

    def read_again(self) -> None:
        """The rows typed reads skipped so far have been read again as text."""
        self._rejects_handled = self.rejects()

    def close(self) -> None:
        """Disconnect everything."""
        for backend in self._databases.values():
            backend.disconnect()
        if self._spark is not None:
            self._spark.close()
        self.duckdb.disconnect()


CONNECT_TIMEOUT = 10
"""Seconds to wait for a database server to accept a connection (libpq ``connect_timeout``)."""
STATEMENT_TIMEOUT = 600
"""Seconds a database query may run before the server cancels it (``statement_timeout``)."""


def timeouts(url: str) -> dict[str, str]:
    """libpq parameters giving ``url`` the default timeouts, unless its query sets its own
    (``?connect_timeout=30``, ``?options=-c statement_timeout=900s``)."""
    query = parse_qs(urlsplit(url).query)
    found: dict[str, str] = {}
    if "connect_timeout" not in query:
        found["connect_timeout"] = str(CONNECT_TIMEOUT)
    if "options" not in query:
        found["options"] = f"-c statement_timeout={STATEMENT_TIMEOUT}s"
    return found


def open_tables(
    sources: Sources,
    data: DataSpec,
    needed: Mapping[str, Collection[str]],
    segments: tuple[str, ...],
) -> dict[str, CanonicalTable]:
    """Every table in ``needed`` (and ``customers`` for joins), segments joined in.

    A needed column that a table lacks but ``customers`` has (``region``) is joined in through
    ``customer_id``, as segment columns are.
    """
    names = [t for t in data.sources if t in needed]
    if segments and SEGMENT_SOURCE in data.sources and SEGMENT_SOURCE not in names:
        names.append(SEGMENT_SOURCE)
    opened = {name: _open(sources, data, name, needed.get(name, ())) for name in names}
    lacking = {c for n, t in opened.items() for c in needed.get(n, ()) if c not in t.expr.columns}
    if lacking and SEGMENT_SOURCE in data.sources and SEGMENT_SOURCE not in opened:
        opened[SEGMENT_SOURCE] = _open(sources, data, SEGMENT_SOURCE, ())
    return {
        name: _with_segments(
            sources,
            opened,
            table,
            (*segments, *(c for c in needed.get(name, ()) if c not in segments)),
        )
        for name, table in opened.items()
    }


def _open(sources: Sources, data: DataSpec, name: str, needed: Collection[str]) -> CanonicalTable:
    source = data.sources[name]
    needed = [*needed, *(c for c in filter_columns(source.where) if c not in needed)]
    joinable: Collection[str] = ()
    if name != SEGMENT_SOURCE and SEGMENT_SOURCE in data.sources:
        joinable = TABLES[SEGMENT_SOURCE].columns  # a column it lacks is joined from customers
    if data.spark is not None:
        spark = sources.spark(data.spark)
        expr = spark.table(source, needed, joinable)
        table = CanonicalTable(
            name, expr, SPARK, source.shown, "", engine=spark.shown, location=source.location
        )
        return _filtered(table, source)
    if source.url is not None:
        backend = sources.database(source.url, source.shown, source.location)
        expr = open_database_table(backend, source, needed, joinable)
        table = CanonicalTable(name, expr, source.url, source.shown, "", location=source.location)
        return _filtered(table, source)
    con = sources.duckdb.con
    raw = open_file(con, source, sources.workdir)
    needed = [c for c in needed if source.header_for(c) in raw.columns or c not in joinable]
    view = f"canonical_{name}"
    kind = "TABLE" if _small(source.path) else "VIEW"
    select, flags = canonical_select(con, source, raw, needed, sources.typed_csv)
    _create(con, kind, view, select, raw.verify, source)
    typed = sources.typed_csv and raw.typed is not None
    if typed and kind == "TABLE" and sources.rejected():  # a value did not parse: as text
        select, flags = canonical_select(con, source, raw, needed)
        _create(con, kind, view, select, raw.verify, source)
        sources.read_again()
    file_counts = None
    if typed and kind == "VIEW" and raw.counts is not None:  # a CSV file read as it is
        file_counts = raw.counts(select)
    assert source.path is not None
    table = CanonicalTable(
        name,
        _view_table(sources.duckdb, view),
        "duckdb",
        source.shown_table,
        raw.sha256,
        flags,
        raw.verify,
        counted_cheaply=kind == "TABLE" or source.path.suffix.lower() == ".parquet",
        counts=(file_counts.remembered() or {}) if file_counts else {},
        file_counts=file_counts,
        location=source.location,
    )
    return _filtered(table, source)


def _create(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    view: str,
    select: str,
    verify: Callable[[], None] | None,
    source: SourceSpec,
) -> None:
    try:
        con.execute(f"CREATE OR REPLACE TEMP {kind} {ident(view)} AS {select}")
    except duckdb.Error as exc:
        if verify is not None:
            verify()
        raise DataError(f"{source.shown}: cannot be read: {exc}") from None


def _filtered(table: CanonicalTable, source: SourceSpec) -> CanonicalTable:
    """``table`` with the rows its source's ``where:`` keeps, and how many it removed."""
    if source.where is None:
        return table
    t, condition = table.expr, row_filter(source.where, table.expr)
    counted = t.aggregate(rows=t.count(), kept=t.count(where=condition))
    with source_failures([table]):
        found = to_arrow(counted).to_pylist()[0]  # one scan
    # Spark writes a filtered count as a SUM, which is null over no rows
    kept = found["kept"] or 0
    return replace(
        table,
        expr=t.filter(condition),
        filtered=found["rows"] - kept,
        counts={ROWS: kept},
        file_counts=None,  # the file's counts are not the filtered table's
    )


def _view_table(backend: DuckDBBackend, view: str) -> ir.Table:
    """``backend.table(view)`` without its Arrow round trip: Ibis 12 reads the ``DESCRIBE`` of
    the view as an Arrow table, which imports pyarrow (0.03–0.1 s of every run's start-up)."""
    described = backend.con.execute(f"DESCRIBE {ident(view)}").fetchall()
    mapper = backend.compiler.type_mapper
    schema = sch.Schema(
        {str(r[0]): mapper.from_string(str(r[1]), nullable=r[2] == "YES") for r in described}
    )
    namespace = ops.Namespace(catalog=None, database=None)
    return ops.DatabaseTable(view, schema=schema, source=backend, namespace=namespace).to_expr()


MATERIALISE_BELOW = 64 * 2**20
"""Text files (CSV, JSON, …) smaller than this are parsed once into a DuckDB temporary table: an
evaluation runs many queries over them (fused aggregates, joins, cohorts), and re-parsing text
for each costs far more than the table's memory. Larger files stay views, so memory stays
bounded; Parquet stays a view at any size (it is columnar and quick to scan)."""


def _small(path: Path | None) -> bool:
    try:
        return (
            path is not None
            and path.suffix.lower() != ".parquet"
            and path.stat().st_size < MATERIALISE_BELOW
        )
    except OSError:
        return False


def _with_segments(
    sources: Sources,
    opened: Mapping[str, CanonicalTable],
    table: CanonicalTable,
    segments: tuple[str, ...],
) -> CanonicalTable:
    columns = table.expr.columns
    missing = [s for s in segments if s not in columns]
    customers = opened.get(SEGMENT_SOURCE)
    if not missing or "customer_id" not in columns or customers is None or table is customers:
        return table
    present = [s for s in missing if s in customers.expr.columns]
    if not present:
        return table
    c = customers.expr
    lookup = c.group_by(_key=c.customer_id).aggregate(**{s: c[s].max() for s in present})
    if customers.backend != table.backend:
        lookup = _copy_to(sources, table, lookup)
    joined = table.expr.left_join(lookup, table.expr.customer_id == lookup._key).drop("_key")
    return replace(table, expr=joined)


def _copy_to(sources: Sources, target: CanonicalTable, lookup: ir.Table) -> ir.Table:
    """Bring a small lookup table to the target's backend (sources on different systems)."""
    rows = to_arrow(lookup)
    if target.backend == "duckdb":  # as an Excel sheet is (Ibis's create_table fails on DuckDB 2)
        name = f"_lookup_{target.name}"
        sources.duckdb.con.register(name, rows)
        return _view_table(sources.duckdb, name)
    backend = sources.database(target.backend)
    return backend.create_table(f"_evalkit_lookup_{target.name}", rows, temp=True)
