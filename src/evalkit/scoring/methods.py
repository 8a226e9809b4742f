"""Scoring methods: how a value and its target become a score. Plugins add their own through
the ``register_scoring_methods`` hook; ``linear`` is built in (``bands:`` targets always score
by their bands)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evalkit.errors import InputError
from evalkit.scoring.targets import Scored, linear
from evalkit.spec.model import Target


@dataclass(frozen=True)
class ScoringMethod:
    """A named way to score a value against a target in the metric's direction."""

    name: str
    description: str
    score: Callable[[float, Target, str], Scored]
    """(value, target, direction ``higher``/``lower``/``target``) → score from 0 to 100 and
    status; a method that cannot score two-sided targets returns ``Scored(None, "unscored")``."""


LINEAR = ScoringMethod(
    "linear",
    "100 at or beyond the goal, 0 at or beyond the red flag, linear between",
    linear,
)


def method_catalog(contributions: Iterable[tuple[str, ScoringMethod]]) -> dict[str, ScoringMethod]:
    """The built-in methods and those plugins register; a name given twice is an error."""
    methods = {LINEAR.name: LINEAR}
    for plugin, method in contributions:
        if not isinstance(method, ScoringMethod) or method.name in methods:
            raise InputError(
                f"plugin '{plugin}' registered scoring method {getattr(method, 'name', method)!r}, "
                "which is not a ScoringMethod or whose name is taken"
            )
        methods[method.name] = method
    return methods
