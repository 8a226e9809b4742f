"""Where a value stands in a source file: file, line and column, all 1-based."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]
"""A key path into a loaded document: mapping keys and sequence indexes from the root."""


@dataclass(frozen=True, order=True)
class Location:
    """A position in a file, 1-based, as users and editors count."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def shifted(self, columns: int) -> Location:
        """The location ``columns`` characters further along the same line."""
        return Location(self.file, self.line, self.column + columns)


@dataclass(frozen=True)
class LocatedDocument:
    """A parsed YAML/JSON document with the location of every value and key in it."""

    file: str
    data: Any
    values: Mapping[Path, Location] = field(default_factory=dict)
    keys: Mapping[Path, Location] = field(default_factory=dict)

    def where(self, path: Path) -> Location:
        """Location of the value at ``path``, or of its nearest located ancestor."""
        return _nearest(self.values, path) or Location(self.file, 1, 1)

    def where_key(self, path: Path) -> Location:
        """Location of the mapping key that ends ``path`` (falls back to the value)."""
        return self.keys.get(path) or self.where(path)


def _nearest(locations: Mapping[Path, Location], path: Path) -> Location | None:
    for end in range(len(path), -1, -1):
        found = locations.get(path[:end])
        if found is not None:
            return found
    return None
