"""What to ask: the spec's nodes weighed by pairwise comparison, its rated metrics, the panel."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from evalkit.errors import InputError, Problem
from evalkit.location import Location
from evalkit.spec.model import Localized, Spec

COMPARED = ("judgments", "matrix", "experts")
"""The sources of node weights that experts are asked about (direct weights are not)."""


@dataclass(frozen=True)
class Member:
    """One expert of the panel: their name, role and weight in the group."""

    name: str
    role: str
    weight: float


@dataclass(frozen=True)
class Node:
    """A criteria node whose items the experts compare pairwise."""

    id: str
    title: str
    items: tuple[str, ...]
    titles: tuple[str, ...]

    def pairs(self) -> list[tuple[int, int]]:
        """Every pair (i, j), i < j, in the order of the items."""
        n = len(self.items)
        return [(i, j) for i in range(n) for j in range(i + 1, n)]


@dataclass(frozen=True)
class Rated:
    """A metric instance scored by the experts (a row of the rating sheet)."""

    id: str
    title: str
    indicator: str
    scale_min: int
    scale_max: int
    anchors: tuple[tuple[int, str], ...] = ()
    """What some scores mean (the instance's ``anchors`` param), lowest score first."""


@dataclass(frozen=True)
class Plan:
    """Everything a questionnaire asks, in the locale it is written in."""

    spec: str
    locale: str
    period: str
    nodes: tuple[Node, ...]
    rated: tuple[Rated, ...]


def localized(text: Localized, locale: str) -> str:
    """``text`` in ``locale`` (``zh-CN`` uses ``zh``), else English, else any."""
    short = locale.split("-")[0]
    for key in (locale, short, "en", "zh"):
        if text.get(key):
            return str(text[key])
    return next(iter(text.values()), "")


def is_rated(spec: Spec, instance_id: str) -> bool:
    """Whether a metric instance is rated by experts: it reads the ``ratings`` table by an
    ``indicator`` param, as ``expert_rating`` (or a plugin metric declaring the same) does."""
    instance = spec.metrics[instance_id]
    return "ratings" in instance.definition.columns and "indicator" in instance.params


def plan_for(spec: Spec, locale: str) -> Plan:
    """The nodes weighed by comparisons (two items or more) and the rated metrics of ``spec``."""

    def title(item: str) -> str:
        if item in spec.criteria:
            return localized(spec.criteria[item].title, locale) or item
        if item in spec.metrics:
            return localized(spec.metrics[item].title, locale) or item
        return item

    nodes = tuple(
        Node(node, title(node), result.items, tuple(title(i) for i in result.items))
        for node, result in spec.weights.items()
        if result.source in COMPARED and len(result.items) >= 2
    )
    problems: list[Problem] = []
    rated = []
    for instance in spec.metrics.values():
        if not is_rated(spec, instance.id):
            continue
        low = int(instance.params.get("scale_min", 1))
        high = int(instance.params.get("scale_max", 5))
        anchors = _anchors(spec, instance.id, low, high, locale, problems)
        indicator = str(instance.params["indicator"])
        rated.append(Rated(instance.id, title(instance.id), indicator, low, high, anchors))
    if problems:
        raise InputError.from_problems(problems)
    return Plan(spec.path.name, locale, spec.evaluation.period or "", nodes, tuple(rated))


def _anchors(
    spec: Spec, instance: str, low: int, high: int, locale: str, problems: list[Problem]
) -> tuple[tuple[int, str], ...]:
    """The ``anchors`` param of a rated instance: whole scores of its scale → their meaning."""
    given = spec.metrics[instance].params.get("anchors") or {}
    found = []
    for key, text in given.items():
        score = _whole(key)
        if score is None or not low <= score <= high:
            where = spec.doc.where_key(("metrics", instance, "params", "anchors", key))
            problems.append(
                Problem(f"anchor {key!r} is not a whole score from {low} to {high}", where)
            )
            continue
        found.append((score, localized(text, locale) if isinstance(text, dict) else str(text)))
    return tuple(sorted(found))


def _whole(key: object) -> int | None:
    """A whole number from an anchors key (``3`` or ``"3"``), else None."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, float) and key.is_integer():
        return int(key)
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return None


def read_panel(path: Path) -> tuple[Member, ...]:
    """The experts of ``experts.csv`` (columns name, role, weight; UTF-8, a BOM is fine).

    A missing weight counts 1; weights need not sum to 1 (AIJ renormalises them).
    """
    problems: list[Problem] = []
    members: list[Member] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the experts file: {exc}", Location(str(path), 1, 1)
        ) from None
    rows = list(csv.reader(text.splitlines()))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "name" not in header:
        raise InputError(
            "the experts file needs a header row with name, role, weight", Location(str(path), 1, 1)
        )
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        record = dict(zip(header, (cell.strip() for cell in row), strict=False))
        name = record.get("name", "")
        if not any(cell.strip() for cell in row):
            continue
        where = Location(str(path), line, 1)
        if not name:
            problems.append(Problem("an expert needs a name", where))
            continue
        if name in seen:
            problems.append(
                Problem(f"expert {name!r} is listed twice; names must be unique", where)
            )
            continue
        seen.add(name)
        weight = _weight(record.get("weight", ""))
        if weight is None:
            problems.append(
                Problem(
                    f"expert {name!r} weight must be a positive number, not "
                    f"{record.get('weight')!r}",
                    where,
                )
            )
            continue
        members.append(Member(name, record.get("role", ""), weight))
    if not members and not problems:
        problems.append(Problem("the experts file lists no expert", Location(str(path), 1, 1)))
    if problems:
        raise InputError.from_problems(problems)
    return tuple(members)


def _weight(text: str) -> float | None:
    if not text:
        return 1.0
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None
