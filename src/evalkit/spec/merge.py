"""Deep merge of located documents: mappings merge, lists and scalars replace, null removes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evalkit.location import LocatedDocument, Location, Path


def merge_documents(base: LocatedDocument, over: LocatedDocument) -> LocatedDocument:
    """``over`` merged onto ``base``; every value keeps the location of the file it came from."""
    values: dict[Path, Location] = {}
    keys: dict[Path, Location] = {}
    data = _merge(base, over, base.data, over.data, (), values, keys)
    return LocatedDocument(over.file, data, values, keys)


def _copy(
    doc: LocatedDocument, path: Path, values: dict[Path, Location], keys: dict[Path, Location]
) -> None:
    n = len(path)
    for source, target in ((doc.values, values), (doc.keys, keys)):
        for p, loc in source.items():
            if p[:n] == path:
                target[p] = loc


def _merge(
    base: LocatedDocument,
    over: LocatedDocument,
    a: Any,
    b: Any,
    path: Path,
    values: dict[Path, Location],
    keys: dict[Path, Location],
) -> Any:
    if not (isinstance(a, Mapping) and isinstance(b, Mapping)):
        _copy(over, path, values, keys)
        return _without_nulls(b)
    if path in over.values:
        values[path] = over.values[path]
    result: dict[Any, Any] = {}
    for key, value in a.items():
        if key not in b:
            result[key] = value
            _copy(base, (*path, key), values, keys)
    for key, value in b.items():
        child = (*path, key)
        if value is None:
            result.pop(key, None)
        elif key in a:
            result[key] = _merge(base, over, a[key], value, child, values, keys)
        else:
            result[key] = _without_nulls(value)
            _copy(over, child, values, keys)
    return result


def _without_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    return value
