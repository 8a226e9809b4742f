"""The syntax tree of a rule expression and the values it evaluates to.

Every node records ``column``: its 0-based offset in the expression text (or in the text
template it was written in), so that problems found later still point at the right character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Value = float | str | bool
"""What an expression evaluates to: numbers are always floats."""

ValueType = Literal["number", "string", "bool"]
"""The static type of an expression, known before evaluation."""


def type_of(value: Value) -> ValueType:
    """The type name of a runtime value (``bool`` is checked before numbers on purpose)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "string"
    return "number"


@dataclass(frozen=True)
class Number:
    """A number literal; ``70%`` is stored as 0.7."""

    value: float
    column: int


@dataclass(frozen=True)
class Text:
    """A quoted string literal."""

    value: str
    column: int


@dataclass(frozen=True)
class Boolean:
    """``true`` or ``false``."""

    value: bool
    column: int


@dataclass(frozen=True)
class Call:
    """A call of a rule function, ``value('csat')``, or a field of its result,
    ``target('csat').goal``."""

    name: str
    args: tuple[Node, ...]
    column: int
    field: str = ""
    """The field after the call (``goal``); empty for a plain call."""


@dataclass(frozen=True)
class Negate:
    """Unary minus."""

    operand: Node
    column: int


@dataclass(frozen=True)
class Arithmetic:
    """Operands joined by operators of one precedence level (``+ -`` or ``* /``), left to right."""

    operands: tuple[Node, ...]
    operators: tuple[str, ...]
    operator_columns: tuple[int, ...]
    column: int


@dataclass(frozen=True)
class Comparison:
    """``a < b``, chained as in Python: ``0 < a <= 1`` is ``0 < a and a <= 1``."""

    operands: tuple[Node, ...]
    operators: tuple[str, ...]
    operator_columns: tuple[int, ...]
    column: int


@dataclass(frozen=True)
class Membership:
    """``item in (a, b, …)`` or ``item not in (…)``; ``column`` is that of ``in``."""

    item: Node
    options: tuple[Node, ...]
    negated: bool
    column: int


@dataclass(frozen=True)
class Logical:
    """Operands joined by ``and`` (or by ``or``), evaluated left to right with short circuit."""

    operator: Literal["and", "or"]
    operands: tuple[Node, ...]
    column: int


@dataclass(frozen=True)
class Not:
    """``not operand``."""

    operand: Node
    column: int


Node = (
    Number | Text | Boolean | Call | Negate | Arithmetic | Comparison | Membership | Logical | Not
)
"""Any node of an expression tree."""
