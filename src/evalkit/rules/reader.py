"""Read the spec's ``rules:`` list into checked ``Rule`` objects, collecting every problem.

Each problem is located in the spec: an error inside an expression points at the character
where it is, the node's column shifted by the column inside the expression. PyYAML reports
where a scalar node starts, which for a quoted scalar is the opening quote; when the caller
passes the spec's source text (``sources``) the quote is skipped, otherwise the location is
one column early for quoted scalars. Positions inside escaped double-quoted or multi-line
scalars cannot be mapped exactly; block scalars (``|``, ``>``) are located at their start.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from evalkit.errors import Problem, SpecError, did_you_mean
from evalkit.location import LocatedDocument, Location, Path
from evalkit.rules.checker import ExpressionProblem, Names, check_expression
from evalkit.rules.errors import ExpressionError
from evalkit.rules.functions import RuleFunction, function_table
from evalkit.rules.model import (
    FINDING_SEVERITIES,
    PRIORITIES,
    Effects,
    FindingTemplate,
    LocalizedTemplate,
    RecommendationTemplate,
    Rule,
)
from evalkit.rules.nodes import Node
from evalkit.rules.parser import parse_expression
from evalkit.rules.schema import RULE_ID_PATTERN, THEN
from evalkit.rules.templates import Template, check_template, parse_template

_RULE_KEYS = ("id", "title", "description", "when", "then")
_EFFECT_KEYS = tuple(THEN["properties"])
_ACTION_KEYS = ("text", "priority", "owner", "due", "effect")


def parse_rules(
    doc: LocatedDocument,
    path: Path,
    metric_ids: Collection[str],
    criterion_ids: Collection[str],
    functions: Sequence[RuleFunction] = (),
    *,
    grades: Collection[str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> tuple[Rule, ...]:
    """The rules in the list at ``path`` of ``doc`` (none if it is absent), parsed and checked.

    ``functions`` are the plugins' rule functions (the built-in ones are always there);
    ``grades``, when given, are the grades ``cap_grade`` may name; ``sources`` maps file names
    to their text, to locate expressions inside quoted scalars exactly. Raises ``SpecError``
    with every problem found.
    """
    items = _value_at(doc.data, path)
    if items is None:
        return ()
    if not isinstance(items, list):
        raise SpecError.from_problems([Problem("'rules' must be a list", doc.where(path))])
    table = function_table(functions)
    names = Names(frozenset(metric_ids), frozenset(criterion_ids), table)
    reader = _Reader(doc, names, grades, sources)
    rules = [reader.rule((*path, index), item) for index, item in enumerate(items)]
    if reader.problems:
        raise SpecError.from_problems(reader.problems)
    return tuple(rule for rule in rules if rule is not None)


def _plain_text(value: Any) -> dict[str, str]:
    """A rule's ``title``: one text for both languages or ``{zh, en}`` (checked by the schema)."""
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {}


def _due(value: Any) -> str | None:
    """A due date as written (YAML reads ``2026-12-31`` as a date: kept in ISO form)."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _value_at(data: Any, path: Path) -> Any:
    for key in path:
        in_mapping = isinstance(data, dict) and key in data
        in_list = isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        if in_mapping or in_list:
            data = data[key]
        else:
            return None
    return data


class _Reader:
    def __init__(
        self,
        doc: LocatedDocument,
        names: Names,
        grades: Collection[str] | None,
        sources: Mapping[str, str] | None,
    ) -> None:
        self._doc = doc
        self._names = names
        self._sources = sources or {}
        self._lines: dict[str, list[str]] = {}
        self._seen: set[str] = set()
        self.grades = grades
        self.problems: list[Problem] = []

    def _problem(self, message: str, where: Path | Location) -> None:
        location = where if isinstance(where, Location) else self._doc.where(where)
        self.problems.append(Problem(message, location))

    def rule(self, path: Path, item: Any) -> Rule | None:
        if not isinstance(item, dict):
            self._problem("a rule must be a mapping with 'id', 'when' and 'then'", path)
            return None
        rule_id = self._rule_id(path, item)
        self._known_keys(path, item, _RULE_KEYS, "key", f"rule '{rule_id}'")
        when = item.get("when")
        if not isinstance(when, str) or not when.strip():
            self._problem(f"rule '{rule_id}' needs 'when': an expression in quotes", path)
            when = ""
        node = self._expression((*path, "when"), when, f"rule '{rule_id}'") if when else None
        effects = self._effects((*path, "then"), item.get("then"), rule_id)
        if node is None or effects is None:
            return None
        functions = tuple(self._names.functions.values())
        title = _plain_text(item.get("title"))
        where = self._doc.where((*path, "when"))
        return Rule(rule_id, node, when, effects, functions, where, title)

    def _known_keys(
        self, path: Path, mapping: dict[Any, Any], known: Sequence[str], noun: str, where: str
    ) -> bool:
        """Reports every key of ``mapping`` not in ``known``; True if there is none."""
        unknown = [key for key in mapping if key not in known]
        for key in unknown:
            hint = did_you_mean(str(key), known)
            self._problem(
                f"unknown {noun} '{key}' in {where}{hint}", self._doc.where_key((*path, key))
            )
        return not unknown

    def _rule_id(self, path: Path, item: dict[Any, Any]) -> str:
        rule_id = item.get("id")
        label = f"#{int(path[-1]) + 1}"
        if not isinstance(rule_id, str) or not re.match(RULE_ID_PATTERN, rule_id):
            self._problem(
                f"rule {label} needs an 'id' of letters, digits, '_', '.' or '-'", (*path, "id")
            )
            return label
        if rule_id in self._seen:
            self._problem(f"rule id '{rule_id}' is used twice", (*path, "id"))
        self._seen.add(rule_id)
        return rule_id

    def _expression(self, path: Path, text: str, where: str) -> Node | None:
        try:
            node = parse_expression(text)
        except ExpressionError as error:
            self._problem(f"{error.message} in {where}", self._inside(path, error.column))
            return None
        problems = check_expression(node, self._names)[1]
        self._report(path, problems, where)
        return node if not problems else None

    def _report(self, path: Path, problems: list[ExpressionProblem], where: str) -> None:
        for problem in problems:
            message = f"{problem.message} in {where}{problem.hint}"
            self._problem(message, self._inside(path, problem.column))

    def _inside(self, path: Path, column: int) -> Location:
        """The location ``column`` characters into the scalar at ``path``."""
        start = self._doc.where(path)
        opener = self._character(start)
        if opener in ("|", ">"):
            return start
        return start.shifted(column + (1 if opener in ("'", '"') else 0))

    def _character(self, location: Location) -> str:
        if location.file not in self._sources:
            return ""
        if location.file not in self._lines:
            self._lines[location.file] = self._sources[location.file].splitlines()
        lines = self._lines[location.file]
        line = lines[location.line - 1] if location.line <= len(lines) else ""
        return line[location.column - 1 : location.column]

    def _effects(self, path: Path, then: Any, rule_id: str) -> Effects | None:
        if not isinstance(then, dict) or not then:
            self._problem(
                f"rule '{rule_id}' needs 'then' with at least one of " + ", ".join(_EFFECT_KEYS),
                path,
            )
            return None
        ok = self._known_keys(path, then, _EFFECT_KEYS, "effect", f"rule '{rule_id}'")
        cap = then.get("cap_grade")
        if cap is not None and not self._grade(cap, (*path, "cap_grade"), rule_id):
            ok = False
        bonus = self._points(then, path, "bonus", rule_id)
        penalty = self._points(then, path, "penalty", rule_id)
        gate = then.get("gate", False)
        if not isinstance(gate, bool):
            self._problem(f"'gate' in rule '{rule_id}' must be true or false", (*path, "gate"))
            ok = False
        finding = self._finding((*path, "finding"), then.get("finding"), rule_id)
        recommendation = None
        if "recommendation" in then:
            recommendation = self._recommendation(
                (*path, "recommendation"), then["recommendation"], rule_id
            )
        if not ok or bonus is None or penalty is None:
            return None
        if ("finding" in then and finding is None) or (
            "recommendation" in then and recommendation is None
        ):
            return None
        return Effects(cap, bonus, penalty, finding, recommendation, gate)

    def _grade(self, cap: Any, path: Path, rule_id: str) -> bool:
        if not isinstance(cap, str):
            self._problem(f"'cap_grade' in rule '{rule_id}' must be a grade such as 'C'", path)
            return False
        if self.grades is not None and cap not in self.grades:
            hint = did_you_mean(cap, self.grades)
            known = ", ".join(self.grades)
            self._problem(
                f"unknown grade '{cap}' in rule '{rule_id}' (grades: {known}){hint}", path
            )
            return False
        return True

    def _points(self, then: dict[Any, Any], path: Path, key: str, rule_id: str) -> float | None:
        points = then.get(key, 0)
        if isinstance(points, bool) or not isinstance(points, int | float):
            self._problem(f"'{key}' in rule '{rule_id}' must be a number of points", (*path, key))
            return None
        if not math.isfinite(points) or not 0 <= points <= 100:
            self._problem(f"'{key}' in rule '{rule_id}' must be from 0 to 100", (*path, key))
            return None
        return float(points)

    def _finding(self, path: Path, finding: Any, rule_id: str) -> FindingTemplate | None:
        if finding is None:
            return None
        if not isinstance(finding, dict) or "text" not in finding:
            self._problem(f"the finding of rule '{rule_id}' needs a 'text'", path)
            return None
        severity = finding.get("severity", "info")
        known = self._known_keys(
            path, finding, ("severity", "text"), "key", f"the finding of rule '{rule_id}'"
        )
        if severity not in FINDING_SEVERITIES:
            self._problem(
                f"severity '{severity}' in rule '{rule_id}' is not one of "
                + ", ".join(FINDING_SEVERITIES)
                + did_you_mean(str(severity), FINDING_SEVERITIES),
                (*path, "severity"),
            )
            return None
        text = self._text((*path, "text"), finding["text"], "finding text", rule_id)
        if text is None or not known:
            return None
        return FindingTemplate(severity, text)

    def _recommendation(
        self, path: Path, given: Any, rule_id: str
    ) -> RecommendationTemplate | None:
        """A text, or ``{text, priority, owner, due, effect}`` for the action plan."""
        if not (isinstance(given, dict) and "text" in given):
            text = self._text(path, given, "recommendation", rule_id)
            return None if text is None else RecommendationTemplate(text)
        where = f"the recommendation of rule '{rule_id}'"
        known = self._known_keys(path, given, _ACTION_KEYS, "key", where)
        text = self._text((*path, "text"), given["text"], "recommendation", rule_id)
        effect = None
        if "effect" in given:
            effect = self._text((*path, "effect"), given["effect"], "expected effect", rule_id)
        priority = given.get("priority", "medium")
        if priority not in PRIORITIES:
            hint = did_you_mean(str(priority), PRIORITIES)
            self._problem(
                f"priority '{priority}' in rule '{rule_id}' is not one of "
                + ", ".join(PRIORITIES)
                + hint,
                (*path, "priority"),
            )
            return None
        due = given.get("due")
        if not known or text is None or ("effect" in given and effect is None):
            return None
        return RecommendationTemplate(
            text, str(priority), _plain_text(given.get("owner")), _due(due), effect
        )

    def _text(self, path: Path, text: Any, what: str, rule_id: str) -> LocalizedTemplate | None:
        """A template given once (for both languages) or as ``{zh, en}`` (one may be missing)."""
        entries: dict[str, tuple[Path, str]]
        if isinstance(text, str):
            entries = {"": (path, text)}
        elif (
            isinstance(text, dict)
            and text
            and set(text) <= {"zh", "en"}
            and all(isinstance(value, str) for value in text.values())
        ):
            entries = {f" ({lang})": ((*path, lang), value) for lang, value in text.items()}
        else:
            self._problem(
                f"the {what} of rule '{rule_id}' must be a text or a mapping {{zh: …, en: …}}", path
            )
            return None
        parsed = {
            label: self._template(at, value, f"the {what}{label} of rule '{rule_id}'")
            for label, (at, value) in entries.items()
        }
        if None in parsed.values():
            return None
        templates = [t for t in parsed.values() if t is not None]
        zh = parsed.get(" (zh)") or templates[0]
        en = parsed.get(" (en)") or templates[0]
        return LocalizedTemplate(zh, en)

    def _template(self, path: Path, text: str, where: str) -> Template | None:
        try:
            template = parse_template(text)
        except ExpressionError as error:
            self._problem(f"{error.message} in {where}", self._inside(path, error.column))
            return None
        problems = check_template(template, self._names)
        self._report(path, problems, where)
        return template if not problems else None
