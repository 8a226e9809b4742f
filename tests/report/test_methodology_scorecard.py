"""The methodology page names the rules that moved the score; the scorecard lists every scored
metric; findings never show internal rule ids."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from evalkit.report import render_report
from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS
from tests.report.conftest import load

RULES = """\
rules:
  - id: fast
    title: {en: First response within three hours, zh: 三小时内首次响应}
    when: "value('frt') <= 3"
    then: {bonus: 5, finding: {text: {en: Responses are fast., zh: 响应迅速。}}}
  - {id: unhappy, when: "value('csat') < 0.8", then: {penalty: 10}}
  - {id: quiet, when: "value('csat') > 0.99", then: {penalty: 50}}
"""


def _html(run_cli: RunCli, tmp_path: Path) -> str:
    spec = SPEC.replace("  period: 2026Q3\n", "  period: 2026Q3\n  locale: en\n")
    spec = spec.replace("metrics: [frt, csat]}", "metrics: [frt, csat, csat_info]}").replace(
        "{judgments: {frt: {csat: 3}}}", "{judgments: {frt: {csat: 3, csat_info: 3}}}"
    )
    spec += "  csat_info: {metric: csat, title: CSAT (report only)}\n" + RULES
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "html")
    assert out.exit_code == 0, out.stderr
    return (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="sec-{anchor}"')
    return html[start : html.index("</section>", start)]


def test_methodology_lists_the_rules_that_changed_the_score(
    run_cli: RunCli, tmp_path: Path
) -> None:
    page = _section(_html(run_cli, tmp_path), "methodology")
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    # 75 before rules, +5 and −10: 70; the rule that did not fire is not listed
    assert rows == [
        ("First response within three hours", "+5 points"),
        ("Rule without a title", "−10 points"),
    ]
    assert "75.0 before rules, 70.0 after rules" in page
    assert "Grade A" in page and "≥ 85" in page


def test_scorecard_lists_every_scored_metric(run_cli: RunCli, tmp_path: Path) -> None:
    html = _html(run_cli, tmp_path)
    card = _section(html, "scorecard")
    names = re.findall(r'<tr><td class="name">([^<]*)</td>', card)
    assert names == ["First response time", "Customer satisfaction"]  # not the report-only one
    findings = _section(html, "findings")
    assert "Responses are fast." in findings
    assert "fast)" not in findings and "auto." not in findings


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_a_scorecard_of_fifty_two_metrics_takes_two_pages_at_most(
    locale: str, tmp_path: Path
) -> None:
    """The demo's size: 52 metrics on the scorecard (the fixture's, repeated)."""
    result = load("result_demo.json")
    shown = [m for m in result["metrics"] if m["status"] != "unscored"]
    extra = [{**m, "id": f"{m['id']}_{k}"} for k in range(5) for m in shown]
    result["metrics"] += extra[: 52 - len(shown)]
    result["report"]["sections"] = ["scorecard"]
    written = {p.suffix: p for p in render_report(result, tmp_path, ["pdf", "html"], locale=locale)}
    assert len(pypdf.PdfReader(written[".pdf"]).pages) <= 2
    assert written[".html"].read_text(encoding="utf-8").count('<tr><td class="name">') == 52
