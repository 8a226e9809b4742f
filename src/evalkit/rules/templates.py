"""Text templates: finding and recommendation texts with ``{expression:spec}`` placeholders.

``"客户满意度 {value('csat'):.0%} 低于 70%"`` renders as ``客户满意度 68% 低于 70%``. The part
before a top-level ``:`` is a rule expression; the rest is a format spec applied with
``format(value, spec)`` — never ``str.format`` on user text, so there is no attribute or index
access. Specs are limited to fill/align, sign, ``#``, ``0``, a width and precision of at most two
digits, a grouping character and a type. ``{{`` and ``}}`` are literal braces. A placeholder
whose value is missing renders as ``—``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from evalkit.rules.checker import ExpressionProblem, Names, check_expression
from evalkit.rules.errors import ExpressionError, RuleFailed, RuleSkipped
from evalkit.rules.evaluator import evaluate
from evalkit.rules.functions import RuleFunction
from evalkit.rules.nodes import Node, Value
from evalkit.rules.parser import parse_expression
from evalkit.rules.view import EvaluationView

MISSING = "—"
"""What a placeholder renders as when its value is missing or cannot be computed."""

_SPEC = re.compile(
    r"(?:[^{}]?[<>=^])?[-+ ]?z?#?0?(?:[1-9]\d?)?[,_]?(?:\.\d{1,2})?[bcdeEfFgGosxX%]?"
)
_SAMPLES: dict[str, Value] = {"number": 0.5, "string": "x", "bool": "true"}


@dataclass(frozen=True)
class Placeholder:
    """One ``{expression:spec}``; ``column`` is where the expression starts in the template."""

    expression: Node
    spec: str
    column: int


@dataclass(frozen=True)
class Template:
    """A parsed text template: literal text and placeholders, in order."""

    source: str
    parts: tuple[str | Placeholder, ...]


def parse_template(text: str) -> Template:
    """The template in ``text``; raises ``ExpressionError`` with the column in ``text``."""
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in "{}" and text[position + 1 : position + 2] == char:
            literal.append(char)
            position += 2
        elif char == "}":
            raise ExpressionError("single '}' in text; write '}}' for a literal brace", position)
        elif char == "{":
            if literal:
                parts.append("".join(literal))
                literal = []
            placeholder, position = _placeholder(text, position)
            parts.append(placeholder)
        else:
            literal.append(char)
            position += 1
    if literal:
        parts.append("".join(literal))
    return Template(text, tuple(parts))


def _placeholder(text: str, opening: int) -> tuple[Placeholder, int]:
    """The placeholder opened at ``opening`` and the position after its closing brace."""
    quote = ""
    depth = 0
    colon = -1
    for position in range(opening + 1, len(text)):
        char = text[position]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and colon < 0:
            quote = char
        elif char in "([" and colon < 0:
            depth += 1
        elif char in ")]" and colon < 0:
            depth -= 1
        elif char == ":" and depth == 0 and colon < 0:
            colon = position
        elif char == "}" and depth <= 0:
            end = position if colon < 0 else colon
            source = text[opening + 1 : end]
            if not source.strip():
                raise ExpressionError("empty placeholder '{}'; write '{{' for a brace", opening)
            spec = text[colon + 1 : position] if colon >= 0 else ""
            if not _SPEC.fullmatch(spec):
                raise ExpressionError(f"format spec ':{spec}' is not supported", colon)
            node = parse_expression(source, opening + 1)
            return Placeholder(node, spec, opening + 1), position + 1
    raise ExpressionError("'{' is never closed; write '{{' for a literal brace", opening)


def check_template(template: Template, names: Names) -> list[ExpressionProblem]:
    """Problems in the template's expressions and in their format specs."""
    problems: list[ExpressionProblem] = []
    for part in template.parts:
        if isinstance(part, str):
            continue
        found, more = check_expression(part.expression, names, expected=None)
        problems.extend(more)
        if found is not None and part.spec:
            try:
                format(_SAMPLES[found], part.spec)
            except ValueError:
                problems.append(
                    ExpressionProblem(
                        f"format spec ':{part.spec}' cannot format a {found}", part.column
                    )
                )
    return problems


def render_template(
    template: Template, view: EvaluationView, functions: Mapping[str, RuleFunction]
) -> str:
    """The text with every placeholder replaced by its formatted value."""
    pieces: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        try:
            value = evaluate(part.expression, view, functions)
        except (RuleSkipped, RuleFailed):
            pieces.append(MISSING)
            continue
        pieces.append(format_value(value, part.spec))
    return "".join(pieces)


def format_value(value: Value, spec: str = "") -> str:
    """``value`` formatted by ``spec``; without one, whole numbers have no decimal point and
    others show up to six significant digits; true/false are written in lowercase."""
    if isinstance(value, bool):
        return format("true" if value else "false", spec)
    if isinstance(value, str) or spec:
        return format(value, spec)
    if value.is_integer():
        return str(int(value))
    return format(value, ".6g")
