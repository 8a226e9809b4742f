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


@pytest.mark.parametrize(
    ("locale", "names"), [("en", ["Labour costs", "East China"]), ("zh-CN", ["人工成本", "华东"])]
)
def test_the_spec_names_data_values_over_the_built_in_names(
    locale: str, names: list[str], tmp_path: Path
) -> None:
    result = load("result_demo.json")
    budget = result["analyses"]["cost_budget"]
    budget["by_type"][0]["key"] = "labour"
    region = next(m["breakdown"]["region"] for m in result["metrics"] if m.get("breakdown"))
    raw = next(iter(region))
    result["report"]["values"] = {
        "cost_type": {"labour": {"en": "Labour costs", "zh": "人工成本"}},
        "region": {raw: {"en": "East China", "zh": "华东"}},
    }
    (written,) = render_report(result, tmp_path, ["html"], locale=locale)
    html = written.read_text(encoding="utf-8")
    costs = html[html.index('id="sec-cost_budget"') :]
    assert f"<tr><td>{names[0]}</td>" in costs
    heat = html[html.index('class="heatmap"') :]
    assert f'<th class="num">{names[1]}</th>' in heat
    if raw != names[1]:
        assert f'<th class="num">{raw}</th>' not in heat


@pytest.mark.parametrize(("locale", "name"), [("zh-CN", "工单（tickets）"), ("en", "tickets")])
def test_canonical_tables_are_named_in_the_reports_language(
    locale: str, name: str, tmp_path: Path
) -> None:
    (written,) = render_report(load("result_demo.json"), tmp_path, ["html"], locale=locale)
    html = written.read_text(encoding="utf-8")
    for section in ("appendix_data_quality", "appendix_provenance"):
        part = html[html.index(f'id="sec-{section}"') :]
        assert f"<tr><td>{name}</td>" in part[: part.index("</section>")], section
