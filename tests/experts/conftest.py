"""The demo spec with a panel of three experts, and filling in their workbooks as they would."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from evalkit.demo.generate import generate_demo

EQUAL = ("A 更重要", "1 同等重要")
TECH = "技术和创新"  # technology_innovation: ti_self_service, ti_proactive, ti_remote_monitoring


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    generate_demo(tmp_path)
    (tmp_path / "experts.csv").write_text(
        "name,role,weight\n张伟,客服总监,2\n李娜,IT 经理,1\n王芳,外部专家,1\n", encoding="utf-8"
    )
    return tmp_path


def fill(
    path: Path,
    answers: dict[tuple[str, int], tuple[str | None, str | None]],
    scores: tuple[int, ...],
) -> None:
    """Answer every pair "equally important" except ``answers``; score the rating sheet."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or sheet.title in ("说明", "专家评分"):
            continue
        for row in range(5, sheet.max_row + 1):
            choice, intensity = answers.get((sheet.title, row), EQUAL)
            sheet.cell(row, 2).value = choice
            sheet.cell(row, 3).value = intensity
    for k, score in enumerate(scores):
        book["专家评分"].cell(5 + k, 3).value = score
    book.save(path)
