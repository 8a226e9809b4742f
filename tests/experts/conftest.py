"""The demo spec with a panel of three experts, and filling in their workbooks as they would."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from evalkit.demo.generate import generate_demo
from tests.conftest import RunCli

EQUAL = ("A 更重要", "1 同等重要")
TECH = "技术和创新"  # technology_innovation: ti_self_service, ti_proactive, ti_remote_monitoring
PANEL = ("张伟", "李娜", "王芳")
TWO = ("A 更重要", "2 介于同等与稍微之间")
THREE = ("A 更重要", "3 稍微重要")
FOUR = ("A 更重要", "4 介于稍微与明显之间")
INCONSISTENT = {(TECH, 5): FOUR, (TECH, 6): TWO, (TECH, 7): THREE}  # CR 0.317 (n = 3)
ANSWERS: dict[str, tuple[dict[tuple[str, int], tuple[str | None, str | None]], tuple[int, ...]]]
ANSWERS = {
    # At the technology node 张伟 judges a12 = 4, a13 = 2, a23 = 3 (inconsistent), 李娜
    # a12 = 2, a23 = 1 and leaves a13 out, 王芳 a12 = a13 = 2, a23 = 1; every other pair is
    # "equally important". Then each scores the three rated indicators.
    "张伟": (INCONSISTENT, (4, 4, 5)),
    "李娜": ({(TECH, 5): TWO, (TECH, 6): (None, None)}, (3, 4, 4)),
    "王芳": ({(TECH, 5): TWO, (TECH, 6): TWO}, (5, 5, 5)),
}


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


def issue_and_fill(run_cli: RunCli, demo: Path) -> list[Path]:
    """Questionnaires for the panel in ``demo/q``, answered as ``ANSWERS`` says."""
    out = run_cli("experts", "questionnaire", "spec.yaml", "--experts", "experts.csv", "--out", "q")
    assert out.exit_code == 0, out.stderr
    files = [demo / "q" / f"{name}.xlsx" for name in PANEL]
    for path, name in zip(files, PANEL, strict=True):
        fill(path, *ANSWERS[name])
    return files
