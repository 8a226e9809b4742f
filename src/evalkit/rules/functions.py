"""The functions rule expressions can call: the built-in ones, and how plugins add more.

A plugin returns ``RuleFunction`` objects from its ``register_rule_functions`` hook. The
checker uses ``params`` and ``returns`` to type-check calls before anything runs; the
evaluator calls ``implementation(view, *args)`` with numbers as floats. An implementation
returns None when the value it needs is missing, which skips the rule with ``no data``.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from evalkit.errors import EvalkitError
from evalkit.rules.errors import RuleSkipped
from evalkit.rules.nodes import Value, ValueType
from evalkit.rules.view import STATUSES, EvaluationView

ParamType = Literal["number", "string", "bool", "metric", "criterion"]
"""What an argument must be; ``metric`` and ``criterion`` are quoted ids the spec declares."""


@dataclass(frozen=True)
class Param:
    """One parameter of a rule function; ``choices`` restricts a string to quoted literals."""

    name: str
    type: ParamType
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleFunction:
    """A function that rule expressions may call."""

    name: str
    params: tuple[Param, ...]
    returns: ValueType
    doc: str
    implementation: Callable[..., Value | None]
    variadic: bool = False
    """The last parameter may be repeated (``min``, ``max``)."""
    returns_choices: tuple[str, ...] = ()
    """The strings the function can return; comparing it with another literal is an error."""
    plugin: str = "evalkit"
    fields: tuple[str, ...] = ()
    """Names that may follow a call as ``.name`` (``target('csat').goal``); the implementation
    is then called with ``field=name``."""

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or keyword.iskeyword(self.name):
            raise ValueError(f"rule function name {self.name!r} is not a plain identifier")

    @property
    def signature(self) -> str:
        """How the function is called, e.g. ``change(metric, window)`` or ``min(a, b, …)``."""
        names = [p.name for p in self.params]
        if self.variadic:
            names.append("…")
        return f"{self.name}({', '.join(names)})"


def function_table(extra: Iterable[RuleFunction] = ()) -> dict[str, RuleFunction]:
    """The built-in functions and ``extra`` ones by name; a name defined twice is an error."""
    table: dict[str, RuleFunction] = {}
    for function in (*BUILTIN_FUNCTIONS, *extra):
        if not isinstance(function, RuleFunction):
            raise EvalkitError(f"{function!r} is not a RuleFunction")
        if function.name in table:
            other = table[function.name].plugin
            raise EvalkitError(
                f"rule function '{function.name}' is defined by both '{other}' and "
                f"'{function.plugin}'"
            )
        table[function.name] = function
    return table


def _change(view: EvaluationView, metric: str, window: str) -> float | None:
    current = view.metric_value(metric)
    reference = view.metric_value(metric, window)
    if current is None or reference is None:
        return None
    if reference == 0:
        raise RuleSkipped("division by zero", f"change('{metric}', '{window}'): the {window} is 0")
    return (current - reference) / abs(reference)


def _count_status(view: EvaluationView, status: str) -> float:
    return float(sum(1 for s in view.statuses().values() if s == status))


def _minimum(view: EvaluationView, *numbers: float) -> float:
    return min(numbers)


def _maximum(view: EvaluationView, *numbers: float) -> float:
    return max(numbers)


def _absolute(view: EvaluationView, number: float) -> float:
    return abs(number)


_METRIC = (Param("metric", "metric"),)
TARGET_FIELDS = ("goal", "red_flag", "tolerance")
"""The fields of ``target(metric)``."""
_PAIR = (Param("a", "number"), Param("b", "number"))

BUILTIN_FUNCTIONS: tuple[RuleFunction, ...] = (
    RuleFunction(
        "value",
        _METRIC,
        "number",
        "The metric's value in the current period.",
        lambda view, metric: view.metric_value(metric),
    ),
    RuleFunction(
        "score",
        _METRIC,
        "number",
        "The metric's score, 0–100.",
        lambda view, metric: view.metric_score(metric),
    ),
    RuleFunction(
        "status",
        _METRIC,
        "string",
        "The metric's status: 'green', 'amber', 'red', 'no_data' or 'error'.",
        lambda view, metric: view.metric_status(metric),
        returns_choices=STATUSES,
    ),
    RuleFunction(
        "target",
        _METRIC,
        "number",
        "The metric's target in its display unit: target('csat').goal (also written "
        "target('csat')), target('csat').red_flag or target('csat').tolerance.",
        lambda view, metric, field="goal": view.metric_target(metric, field),
        fields=TARGET_FIELDS,
    ),
    RuleFunction(
        "percentile",
        _METRIC,
        "number",
        "The metric's current value's percentile among its benchmark peers, 0–100 in value "
        "order (the share of peers with a lower value, interpolated between the pack's "
        "quantiles): percentile('csat') < 25. No benchmark or no value skips the rule.",
        lambda view, metric: view.metric_percentile(metric),
    ),
    RuleFunction(
        "previous",
        _METRIC,
        "number",
        "The metric's value in the previous period.",
        lambda view, metric: view.metric_value(metric, "previous"),
    ),
    RuleFunction(
        "baseline",
        _METRIC,
        "number",
        "The metric's value in the baseline window before go-live.",
        lambda view, metric: view.metric_value(metric, "baseline"),
    ),
    RuleFunction(
        "change",
        (Param("metric", "metric"), Param("window", "string", ("previous", "baseline"))),
        "number",
        "Relative change of the current value against 'previous' or 'baseline': "
        "(current − reference) / |reference|; 0.10 is an improvement of 10 % for a metric "
        "where higher is better. A reference of 0 skips the rule (division by zero).",
        _change,
    ),
    RuleFunction(
        "segment",
        (Param("metric", "metric"), Param("segment", "string")),
        "number",
        "The metric's current value in one segment, e.g. segment('csat', 'B2B'); the value is "
        "looked up in every segment column.",
        lambda view, metric, segment: view.segment_value(metric, segment),
    ),
    RuleFunction(
        "criterion_score",
        (Param("criterion", "criterion"),),
        "number",
        "The criterion's score, 0–100.",
        lambda view, criterion: view.criterion_score(criterion),
    ),
    RuleFunction(
        "overall_score",
        (),
        "number",
        "The overall score, 0–100, before any rule's bonus or penalty.",
        lambda view: view.overall_score(),
    ),
    RuleFunction(
        "grade",
        (),
        "string",
        "The grade before any rule's bonus, penalty or cap.",
        lambda view: view.grade(),
    ),
    RuleFunction("min", _PAIR, "number", "The smallest of its arguments.", _minimum, True),
    RuleFunction("max", _PAIR, "number", "The largest of its arguments.", _maximum, True),
    RuleFunction("abs", (Param("x", "number"),), "number", "The absolute value.", _absolute),
    RuleFunction(
        "count_status",
        (Param("status", "string", STATUSES),),
        "number",
        "How many metrics have the status, e.g. count_status('red').",
        _count_status,
    ),
)
"""The functions every spec can use."""
