"""Pairwise comparisons as given: which pairs were judged, with what value, and where."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from evalkit.ahp.eigen import Matrix
from evalkit.location import Location


@dataclass(frozen=True)
class Judgment:
    """``a`` is ``value`` times as important as ``b``, as written at ``location``."""

    a: str
    b: str
    value: float
    location: Location | None = None


@dataclass(frozen=True)
class Comparisons:
    """The items of one matrix and its given judgments (one per pair, any orientation)."""

    items: tuple[str, ...]
    judgments: tuple[Judgment, ...]

    @property
    def n(self) -> int:
        """The number of items."""
        return len(self.items)

    def index(self, item: str) -> int:
        """Position of ``item`` in ``items``."""
        return self.items.index(item)

    def pairs(self) -> list[tuple[int, int]]:
        """The judged pairs as index pairs, in the orientation given."""
        return [(self.index(j.a), self.index(j.b)) for j in self.judgments]

    def missing(self) -> list[tuple[int, int]]:
        """Pairs (i < j) that nobody judged, in row order."""
        known = {frozenset(p) for p in self.pairs()}
        return [
            (i, j)
            for i in range(self.n)
            for j in range(i + 1, self.n)
            if frozenset((i, j)) not in known
        ]

    def matrix(self) -> Matrix:
        """The reciprocal matrix with 1 on the diagonal and 0 where a pair is missing."""
        a = np.eye(self.n)
        for judgment, (i, j) in zip(self.judgments, self.pairs(), strict=True):
            a[i, j] = judgment.value
            a[j, i] = 1 / judgment.value
        return a
