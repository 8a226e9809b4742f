"""Writing one questionnaire workbook per expert (XlsxWriter): instructions with the 1–9
verbal scale, one sheet of pairwise judgments per node, a rating sheet, all protected except the
answer cells, which take their values from drop-downs only."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from evalkit.experts.layout import (
    CHOICES,
    FIRST_ROW,
    FORMAT_TAG,
    INTENSITIES,
    META_SHEET,
    TEXTS,
    language,
    sheet_name,
)
from evalkit.experts.plan import Member, Node, Plan

Pair = tuple[str, str, str]
"""A judgment's key: (node, item A, item B), A before B in the node's items."""

_SCALE_ROW = 9  # 0-based row of "1 同等重要" on the instruction sheet


@dataclass(frozen=True)
class Prefill:
    """Answers to write back into a re-issued questionnaire, and the cells to highlight."""

    judgments: Mapping[Pair, tuple[str | None, str | None]] = field(default_factory=dict)
    scores: Mapping[str, float] = field(default_factory=dict)
    flagged: Mapping[Pair, str] = field(default_factory=dict)
    """The judgments to revisit, with the message shown in the cell's comment."""


def workbook_bytes(plan: Plan, member: Member, prefill: Prefill | None = None) -> bytes:
    """The .xlsx file of ``member``'s questionnaire for ``plan``, as bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    _Writer(book, plan, member, prefill or Prefill()).write()
    book.close()
    return buffer.getvalue()


class _Writer:
    def __init__(self, book: Workbook, plan: Plan, member: Member, prefill: Prefill) -> None:
        self.book, self.plan, self.member, self.prefill = book, plan, member, prefill
        self.lang = language(plan.locale)
        self.text = TEXTS[self.lang]
        self.taken: set[str] = set()
        self.meta: list[list[Any]] = [
            [FORMAT_TAG],
            ["expert", member.name],
            ["role", member.role],
            ["weight", member.weight],
            ["locale", plan.locale],
            ["period", plan.period],
            ["spec", plan.spec],
        ]
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.cell = book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
        answer = {"locked": False, "border": 1, "bg_color": "#FFFFFF", "valign": "vcenter"}
        self.answer = book.add_format(answer)
        self.flag = book.add_format({**answer, "bg_color": "#FFEB9C", "font_color": "#9C5700"})

    def write(self) -> None:
        instructions = self._instructions()
        scale = f"='{instructions}'!$A${_SCALE_ROW + 1}:$A${_SCALE_ROW + 9}"
        for node in self.plan.nodes:
            self._node(node, scale)
        if self.plan.rated:
            self._ratings()
        self._meta()

    def _sheet(self, title: str) -> tuple[Worksheet, str]:
        name = sheet_name(title, self.taken)
        sheet = self.book.add_worksheet(name)
        sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
        return sheet, name

    def _instructions(self) -> str:
        sheet, name = self._sheet(self.text["instructions"])
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 60)
        sheet.write(0, 0, self.text["title"].format(spec=self.plan.spec), self.title)
        for row, key, value in (
            (2, "expert", self.member.name),
            (3, "role", self.member.role),
            (4, "weight", self.member.weight),
        ):
            sheet.write(row, 0, self.text[key], self.header)
            sheet.write(row, 1, value, self.cell)
        sheet.set_row(6, 75)
        sheet.merge_range(6, 0, 6, 1, self.text["how"], self.wrap)
        sheet.write(_SCALE_ROW - 1, 0, self.text["scale"], self.header)
        for k, label in enumerate(INTENSITIES[self.lang]):
            sheet.write(_SCALE_ROW + k, 0, label, self.cell)
        return name

    def _node(self, node: Node, scale: str) -> None:
        sheet, name = self._sheet(node.title)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 1, 22)
        sheet.set_column(2, 2, 30)
        sheet.set_column(3, 3, 32)
        sheet.write(0, 0, f"{node.title} ({node.id})", self.title)
        sheet.write(1, 0, self.text["node_how"].format(node=node.title))
        for col, key in enumerate(("a", "choice", "intensity", "b")):
            sheet.write(FIRST_ROW - 2, col, self.text[key], self.header)
        items, titles = node.items, node.titles
        pairs = node.pairs()
        for k, (i, j) in enumerate(pairs):
            row = FIRST_ROW - 1 + k
            pair: Pair = (node.id, items[i], items[j])
            choice, intensity = self.prefill.judgments.get(pair, (None, None))
            style = self.flag if pair in self.prefill.flagged else self.answer
            sheet.write(row, 0, titles[i], self.cell)
            sheet.write(row, 3, titles[j], self.cell)
            sheet.write(row, 1, choice or "", style)
            sheet.write(row, 2, intensity or "", style)
            if pair in self.prefill.flagged:
                message = self.text["revise"].format(message=self.prefill.flagged[pair])
                sheet.write_comment(row, 2, message, {"x_scale": 2, "y_scale": 1.5})
            self.meta.append(["pair", name, row + 1, node.id, items[i], items[j]])
        if pairs:
            last = FIRST_ROW - 2 + len(pairs)
            choices = list(CHOICES[self.lang])
            sheet.data_validation(FIRST_ROW - 1, 1, last, 1, _list(choices))
            sheet.data_validation(FIRST_ROW - 1, 2, last, 2, _list(scale))

    def _ratings(self) -> None:
        sheet, name = self._sheet(self.text["ratings"])
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 12)
        lowest = min(r.scale_min for r in self.plan.rated)
        highest = max(r.scale_max for r in self.plan.rated)
        sheet.write(0, 0, self.text["ratings"], self.title)
        sheet.write(1, 0, self.text["rate_how"].format(min=lowest, max=highest))
        for col, key in enumerate(("indicator", "range", "score")):
            sheet.write(FIRST_ROW - 2, col, self.text[key], self.header)
        for k, rated in enumerate(self.plan.rated):
            row = FIRST_ROW - 1 + k
            sheet.write(row, 0, rated.title, self.cell)
            anchor = self.text["anchor"].format(min=rated.scale_min, max=rated.scale_max)
            if rated.anchors:  # the spec's own words for the scores
                anchor = " · ".join(f"{score} = {text}" for score, text in rated.anchors)
            sheet.write(row, 1, anchor, self.cell)
            score = self.prefill.scores.get(rated.id)
            sheet.write(row, 2, "" if score is None else score, self.answer)
            values = [str(v) for v in range(rated.scale_min, rated.scale_max + 1)]
            sheet.data_validation(row, 2, row, 2, _list(values))
            self.meta.append(
                [
                    "rating",
                    name,
                    row + 1,
                    rated.id,
                    rated.indicator,
                    rated.scale_min,
                    rated.scale_max,
                ]
            )

    def _meta(self) -> None:
        sheet = self.book.add_worksheet(META_SHEET)
        for row, values in enumerate(self.meta):
            sheet.write_row(row, 0, values)
        sheet.protect("", {"select_locked_cells": False, "select_unlocked_cells": False})
        sheet.very_hidden()


def _list(source: list[str] | str) -> dict[str, Any]:
    """A drop-down that refuses anything typed that is not on the list."""
    return {
        "validate": "list",
        "source": source,
        "error_type": "stop",
        "show_error": True,
    }
