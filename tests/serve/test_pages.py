"""Every page renders for a rich Result (the report tests' demo fixture: 12 metrics, nested
criteria, segments, rules): filed twice by ``archive`` as two quarters of one client."""

from __future__ import annotations

import copy
from pathlib import Path

from evalkit.history.store import archive
from evalkit.serve.dashboard import Dashboard
from evalkit.serve.export import export
from evalkit.serve.model import load_site
from tests.report.conftest import load


def test_every_page_of_a_rich_result(tmp_path: Path) -> None:
    q3 = load("result_demo.json")
    q3["report"]["values"] = {"segment": {"B2B": {"en": "Business", "zh": "企业客户"}}}
    q2 = copy.deepcopy(q3)
    q2["evaluation"]["period"] = "2026Q2"
    q2["provenance"]["generated_at"] = "2026-07-08T09:30:00+00:00"
    for result in (q2, q3):
        archive(result, tmp_path / "history" / "northwind")
    written = export(Dashboard(load_site(tmp_path / "history"), ("json",)), tmp_path / "site")
    # portfolio, whatif.js, fitcharts.js; per run: evaluation, 12 metrics, result.json; one diff
    assert written == 3 + 2 * (1 + 12 + 1) + 1
    evaluation = (tmp_path / "site/northwind/2026Q3/1/index.html").read_text(encoding="utf-8")
    assert 'id="overall-score">69.0</span>' in evaluation  # 74 before rules, 5 points deducted
    # this Result keeps no sensitivity ranges: nothing to move, no what-if block (as in its
    # report.html); tests/serve/test_browser.py moves the sliders of evaluated runs
    assert "data-whatif" not in evaluation and "whatif.js" not in evaluation
    # segments by their names: the dimension's, and a value's title from report.values
    assert "<h3>Customer segment</h3>" in evaluation
    assert '<th class="num">Business</th>' in evaluation and ">B2B</th>" not in evaluation
    metric = (tmp_path / "site/northwind/2026Q3/1/metrics/csat.html").read_text(encoding="utf-8")
    assert "<th>Customer segment</th>" in metric
    assert "<td>Business</td>" in metric and "<td>B2B</td>" not in metric
    diff = (tmp_path / "site/northwind/diff/2026Q2/1/2026Q3/1.html").read_text(encoding="utf-8")
    assert 'id="diff-change">+0.0</span>' in diff  # the same Result filed twice
