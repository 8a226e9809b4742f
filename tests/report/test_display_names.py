"""Canonical cost types and stages read in the report's language; data values stay as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.report import render_report
from tests.report.conftest import load


@pytest.mark.parametrize(
    ("locale", "names"),
    [
        ("zh-CN", ["人工", "物流", "备件", "其他", "受理"]),
        ("en", ["Labour", "Logistics", "Intake"]),
    ],
)
def test_cost_types_and_stages(locale: str, names: list[str], tmp_path: Path) -> None:
    result = load("result_demo.json")
    budget = result["analyses"]["cost_budget"]
    for row, key in zip(budget["by_type"], ["labour", "logistics", "parts", "other"], strict=True):
        row["key"] = key
    budget["by_stage"][0]["key"] = "intake"
    budget["by_stage"][1]["key"] = "上门"  # not a canonical stage: shown as in the data
    (written,) = render_report(result, tmp_path, ["html"], locale=locale)  # report.en.html in en
    html = written.read_text(encoding="utf-8")
    section = html[html.index('id="sec-cost_budget"') :]
    for name in [*names, "上门"]:
        assert f"<tr><td>{name}</td>" in section
    assert "<tr><td>labour</td>" not in section
