"""Before any data is read: which metric needs a table or column the spec does not provide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from evalkit.data.canonical import SEGMENT_SOURCE, TABLES, CanonicalTable
from evalkit.data.spec import DataSpec
from evalkit.errors import Problem
from evalkit.location import LocatedDocument, Path

if TYPE_CHECKING:
    from evalkit.compute.outcome import MetricRequest


def check_requirements(
    data: DataSpec, requests: Sequence[MetricRequest], doc: LocatedDocument, path: Path
) -> list[Problem]:
    """One problem per metric × missing table, located where the mapping belongs.

    Columns are only checked for existence once the files are opened (a canonical column not in
    ``columns:`` is looked up under its canonical name), so here a missing *table* is an error,
    and segment columns that no table can provide are reported.
    """
    problems: list[Problem] = []
    sources_at = doc.where_key((*path, "sources")) if data.sources else doc.where_key(path)
    for request in requests:
        for table, columns in request.definition.columns_for(request.params).items():
            if table in data.sources:
                continue
            listed = ", ".join(columns)
            problems.append(
                Problem(
                    f"metric '{request.instance_id}' needs table '{table}' (columns {listed}), "
                    f"which data.sources does not map; add 'sources: {{{table}: {{path: …}}}}'",
                    sources_at,
                )
            )
    for index, segment in enumerate(data.segments):
        if not _segment_available(data, segment):
            problems.append(
                Problem(
                    f"segment column '{segment}' is in no table of data.sources, and there is no "
                    f"'{SEGMENT_SOURCE}' table to join it through customer_id",
                    doc.where((*path, "segments", index)),
                )
            )
    return problems


_NO_TABLE = CanonicalTable("", {}, (), None)


def _segment_available(data: DataSpec, segment: str) -> bool:
    if SEGMENT_SOURCE in data.sources:
        return True
    return any(
        segment in s.columns or segment in TABLES.get(s.table, _NO_TABLE).columns
        for s in data.sources.values()
    )
