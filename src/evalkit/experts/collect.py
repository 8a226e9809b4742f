"""Reading returned questionnaires (saved by Excel, WPS or LibreOffice) with python-calamine,
every answer validated and every problem named by its cell: ``张伟.xlsx!服务质量!C7: …``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from evalkit.errors import InputError, Problem
from evalkit.experts.layout import CHOICES, FORMAT_TAG, INTENSITIES, META_SHEET
from evalkit.experts.plan import Member, Plan
from evalkit.experts.questionnaire import Pair, Prefill


@dataclass(frozen=True)
class Answer:
    """One judgment: ``a`` is ``value`` times as important as ``b`` at ``node``."""

    node: str
    a: str
    b: str
    value: float
    cell: str


@dataclass(frozen=True)
class Score:
    """One rating of a rated metric instance."""

    instance: str
    indicator: str
    score: float
    scale_max: int
    cell: str


@dataclass(frozen=True)
class Returned:
    """One expert's returned workbook: who, what they answered, and the raw answer texts."""

    file: str
    member: Member
    answers: tuple[Answer, ...]
    scores: tuple[Score, ...]
    prefill: Prefill

    def node_answers(self, node: str) -> tuple[Answer, ...]:
        """This expert's judgments at ``node``."""
        return tuple(a for a in self.answers if a.node == node)


def read_workbooks(paths: Sequence[Path], plan: Plan) -> tuple[Returned, ...]:
    """Every workbook of ``paths``; one InputError lists every invalid answer of all of them."""
    problems: list[Problem] = []
    returned = []
    for path in paths:
        found = _Reader(path, plan, problems).read()
        if found is not None:
            returned.append(found)
    names = [r.member.name for r in returned]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(f"two workbooks are from expert {name!r}; give each expert once"))
    if problems:
        raise InputError.from_problems(problems)
    return tuple(returned)


class _Reader:
    def __init__(self, path: Path, plan: Plan, problems: list[Problem]) -> None:
        self.path, self.plan, self.problems = path, plan, problems
        self.sheets: dict[str, list[list[Any]]] = {}

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.path.name}!{where}: {message}"))

    def read(self) -> Returned | None:
        try:
            return self._read()
        except (KeyError, IndexError, TypeError, ValueError):
            self.problems.append(
                Problem(
                    f"{self.path.name}: its hidden {META_SHEET} sheet was changed; re-issue the "
                    "questionnaire with `evalkit experts questionnaire`"
                )
            )
            return None

    def _read(self) -> Returned | None:
        try:
            book = CalamineWorkbook.from_path(str(self.path))
            meta = self._rows(book, META_SHEET)
        except (CalamineError, OSError, ValueError) as exc:
            self.problems.append(
                Problem(f"{self.path.name}: not an evalkit questionnaire workbook ({exc})")
            )
            return None
        if not meta or not meta[0] or meta[0][0] != FORMAT_TAG:
            self.problems.append(
                Problem(f"{self.path.name}: not an evalkit questionnaire (no {META_SHEET} sheet)")
            )
            return None
        info = {str(row[0]): row[1] for row in meta[1:7] if len(row) > 1}
        member = Member(str(info["expert"]), str(info["role"]), float(info["weight"]))
        answers: list[Answer] = []
        scores: list[Score] = []
        raw: dict[Pair, tuple[str | None, str | None]] = {}
        raw_scores: dict[str, float] = {}
        asked = {node.id: set(node.items) for node in self.plan.nodes}
        rated = {r.id for r in self.plan.rated}
        for row in meta[7:]:
            kind, sheet, line = str(row[0]), str(row[1]), int(row[2])
            cells = self._cells(book, sheet, line)
            if not _still_asked(kind, row, asked, rated):
                self.error(
                    f"{sheet}!A{line}",
                    "the spec no longer asks this question (its criteria changed since the "
                    "questionnaire was written); re-issue it with `evalkit experts questionnaire`",
                )
                continue
            if kind == "pair":
                key = (str(row[3]), str(row[4]), str(row[5]))
                raw[key] = (_text(cells[1]), _text(cells[2]))
                answer = self._judgment(key, sheet, line, cells[1], cells[2])
                if answer is not None:
                    answers.append(answer)
            elif kind == "rating":
                score = self._score(row, sheet, line, cells[2])
                if score is not None:
                    scores.append(score)
                    raw_scores[score.instance] = score.score
        return Returned(
            self.path.name,
            member,
            tuple(answers),
            tuple(scores),
            Prefill(judgments=raw, scores=raw_scores),
        )

    def _rows(self, book: CalamineWorkbook, sheet: str) -> list[list[Any]]:
        if sheet not in self.sheets:
            data = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            self.sheets[sheet] = [list(row) for row in data]
        return self.sheets[sheet]

    def _cells(self, book: CalamineWorkbook, sheet: str, line: int) -> list[Any]:
        rows = self._rows(book, sheet)
        row = rows[line - 1] if line - 1 < len(rows) else []
        return [*row, *([""] * (4 - len(row)))]

    def _judgment(
        self, key: Pair, sheet: str, line: int, choice_raw: Any, intensity_raw: Any
    ) -> Answer | None:
        node, a, b = key
        choice, intensity = _text(choice_raw), _text(intensity_raw)
        if choice is None and intensity is None:
            return None  # not judged: the incomplete-matrix method handles it
        value = None
        if intensity is None:
            self.error(f"{sheet}!C{line}", "the intensity is empty; choose one from the list")
        else:
            value = _intensity(intensity_raw)
            if value is None:
                self.error(f"{sheet}!C{line}", f"{intensity!r} is not on the scale")
        side = None
        if choice is not None:
            side = _choice(choice)
            if side is None:
                self.error(f"{sheet}!B{line}", f"{choice!r} is not one of the choices")
        elif value is not None and value != 1:
            self.error(f"{sheet}!B{line}", "choose which of the two is more important")
            return None
        if value is None or (side is None and value != 1):
            return None
        return Answer(node, a, b, value if side != "B" else 1 / value, f"{sheet}!C{line}")

    def _score(self, meta: list[Any], sheet: str, line: int, raw: Any) -> Score | None:
        instance, indicator = str(meta[3]), str(meta[4])
        low, high = int(meta[5]), int(meta[6])
        text = _text(raw)
        if text is None:
            return None
        number = _number(raw)
        if number is None or not low <= number <= high:
            self.error(f"{sheet}!C{line}", f"{text!r} is not a score from {low} to {high}")
            return None
        return Score(instance, indicator, number, high, f"{sheet}!C{line}")


def _still_asked(kind: str, row: list[Any], asked: dict[str, set[str]], rated: set[str]) -> bool:
    """Whether the question of a meta row is one the spec still asks."""
    if kind == "pair":
        items = asked.get(str(row[3]), set())
        return str(row[4]) in items and str(row[5]) in items
    return str(row[3]) in rated


def _text(value: Any) -> str | None:
    """The cell as text, None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _intensity(value: Any) -> float | None:
    """1 … 9 from a drop-down label (either language) or a whole number 1 … 9."""
    text = _text(value) or ""
    for labels in INTENSITIES.values():
        if text in labels:
            return float(labels.index(text) + 1)
    number = _number(value)
    if number is not None and number.is_integer() and 1 <= number <= 9:
        return number
    return None


def _choice(text: str) -> str | None:
    for a, b in CHOICES.values():
        if text == a:
            return "A"
        if text == b:
            return "B"
    return None
