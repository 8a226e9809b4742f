"""Collecting every problem of an AHP block before reporting, each with its location."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evalkit import errors
from evalkit.errors import Problem, SpecError
from evalkit.location import LocatedDocument, Path


@dataclass
class Findings:
    """Errors and warnings found while reading one document, in the order found."""

    doc: LocatedDocument
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, message: str, path: Path, *, at_key: bool = False) -> None:
        """Record an error at the value (or the mapping key) that ``path`` names."""
        where = self.doc.where_key(path) if at_key else self.doc.where(path)
        self.errors.append(Problem(message, where))

    def warn(self, message: str, path: Path) -> None:
        """Record a warning at the value ``path`` names."""
        self.warnings.append(Problem(message, self.doc.where(path), "warning"))

    def raise_errors(self) -> None:
        """Raise one SpecError carrying every error found so far, if there is any."""
        if self.errors:
            raise SpecError.from_problems(self.errors)


def value_at(doc: LocatedDocument, path: Path) -> Any:
    """The value at ``path`` in ``doc`` (the path is known to exist)."""
    value: Any = doc.data
    for key in path:
        value = value[key]
    return value


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a close choice (AHP item names are short: a strict cutoff)."""
    return errors.did_you_mean(name, choices, cutoff=0.75)


def quoted(names: Iterable[str]) -> str:
    """Names as a reader sees them: ``'A', 'B', 'C'``."""
    return ", ".join(repr(n) for n in names)
