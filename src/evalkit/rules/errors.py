"""What can go wrong with a rule expression: before it runs, and while it runs.

``ExpressionError`` is a parse error at a column of the expression; ``parse_rules`` turns it
into a located ``SpecError`` problem. ``RuleSkipped`` and ``RuleFailed`` are raised while a rule
is evaluated; ``apply_rules`` records them and the run goes on.
"""

from __future__ import annotations

from typing import Literal

SkipReason = Literal["no data", "division by zero"]


class ExpressionError(Exception):
    """An expression that cannot be parsed; ``column`` is 0-based within its text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class RuleSkipped(Exception):
    """The rule cannot be decided: a value it needs is missing, or it divides by zero."""

    def __init__(self, reason: SkipReason, detail: str) -> None:
        super().__init__(detail)
        self.reason: SkipReason = reason
        self.detail = detail


class RuleFailed(Exception):
    """The rule broke while evaluated (a non-finite result, a rule function that raised)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
