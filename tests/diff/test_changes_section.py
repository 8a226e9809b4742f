"""The report's ``changes`` section: the Result keeps its change against a previous Result
(``evalkit run --previous``, or the period before in ``--history``) and the report draws it.

A: 75 (frt 100 and CSAT 0 weighted 3 : 1); B adds a bonus of 5 → 80, all of it from rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evalkit.report.charts.waterfall import Step, waterfall
from tests.conftest import RunCli
from tests.diff.test_diff_cli import _run, two_quarters
from tests.diff.test_diff_parts import BONUS
from tests.pipeline.test_run_cli import SPEC, SURVEYS


def test_run_with_previous_keeps_the_change_and_reports_it(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    b = _run(run_cli, tmp_path / "b", SPEC + BONUS + "report: {locale: en}\n", SURVEYS)
    out = run_cli(
        "run",
        b.parent.parent / "spec.yaml",
        "--out",
        tmp_path / "c",
        "--previous",
        a,
        "--format",
        "json,html",
    )
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "c" / "result.json").read_text(encoding="utf-8"))
    changes = result["changes"]
    assert changes["parts"] == {
        "scores": pytest.approx(0.0, abs=1e-9),
        "weights": pytest.approx(0.0, abs=1e-9),
        "coverage": pytest.approx(0.0, abs=1e-9),
        "rules": pytest.approx(5.0),
    }
    assert changes["against"]["period"] == "2026Q3"
    assert changes["against"]["score"] == pytest.approx(75.0)
    html = (tmp_path / "c" / "report.html").read_text(encoding="utf-8")
    assert 'id="sec-changes"' in html
    assert "Why the score changed" in html
    assert "The overall score moved from 75.0 in" in html
    assert "to 80.0 in" in html
    assert "(+5.0 points, after rules on both sides)" in html
    # the spec gained the rule; the data did not change
    assert '<td class="code">rules</td>' in html
    assert "The data of every table is unchanged." in html
    # rendered again from the Result alone, in Chinese
    assert (
        run_cli(
            "render",
            tmp_path / "c" / "result.json",
            "--format",
            "html",
            "--locale",
            "zh-CN",
            "--out",
            tmp_path / "zh",
        ).exit_code
        == 0
    )
    zh = next((tmp_path / "zh").glob("report*.html")).read_text(encoding="utf-8")
    assert "得分变化分析" in zh
    assert "（+5.0 分，均为规则调整后得分）" in zh


def test_without_a_previous_result_there_is_no_section(run_cli: RunCli, tmp_path: Path) -> None:
    b = _run(run_cli, tmp_path / "b", SPEC + "report: {locale: en}\n", SURVEYS)
    result = json.loads(b.read_text(encoding="utf-8"))
    assert result["changes"] is None
    out = run_cli("render", b, "--format", "html", "--out", tmp_path / "r")
    assert out.exit_code == 0, out.stderr
    assert 'id="sec-changes"' not in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")


def test_the_history_gives_the_period_before(run_cli: RunCli, tmp_path: Path) -> None:
    two_quarters(run_cli, tmp_path)
    q2 = json.loads((tmp_path / "2026Q2" / "result.json").read_text(encoding="utf-8"))
    q3 = json.loads((tmp_path / "2026Q3" / "result.json").read_text(encoding="utf-8"))
    assert q2["changes"] is None  # nothing before 2026Q2 in the history
    # 87.5 → 75: frt 83.33 → 100 at 0.75 (+12.5), csat 100 → 0 at 0.25 (−25)
    assert q3["changes"]["against"]["period"] == "2026Q2"
    assert q3["changes"]["change"] == pytest.approx(-12.5)
    assert q3["changes"]["criteria"] == {"quality": pytest.approx(-12.5)}


def test_the_waterfall_floats_each_step_from_the_running_total() -> None:
    # 70 → +20 → −10 → 80: levels 70–90, so the axis is 60–90 (a ten below the lowest level,
    # up to the ten above the highest), 330 px wide: 11 px a point
    chart = waterfall(
        Step("Q2", 70, "70"),
        [Step("up", 20, "+20"), Step("down", -10, "-10")],
        Step("Q3", 80, "80"),
        "#123456",
        ("rise", "fall"),
        "t",
    )
    bars = re.findall(
        r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="10" fill="(#\w+)"', chart.svg
    )
    px = 330 / 30
    assert [(float(x), float(w), fill) for x, w, fill in bars] == [
        (240.0, pytest.approx(10 * px, abs=0.06), "#123456"),  # 60 → 70
        (pytest.approx(240 + 10 * px, abs=0.06), pytest.approx(20 * px, abs=0.06), "#4575b4"),
        (pytest.approx(240 + 20 * px, abs=0.06), pytest.approx(10 * px, abs=0.06), "#d73027"),
        (240.0, pytest.approx(20 * px, abs=0.06), "#123456"),  # 60 → 80
    ]
    assert [label.content for label in chart.labels if label.size == 7] == [
        "60",
        "70",
        "80",
        "90",
    ]


def test_render_against_another_previous_result(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    b = _run(run_cli, tmp_path / "b", SPEC + BONUS + "report: {locale: en}\n", SURVEYS)
    out = run_cli("render", b, "--previous", a, "--format", "html", "--out", tmp_path / "r")
    assert out.exit_code == 0, out.stderr
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "(+5.0 points, after rules on both sides)" in page


def test_a_previous_that_is_not_a_result(run_cli: RunCli, tmp_path: Path) -> None:
    b = _run(run_cli, tmp_path / "b", SPEC, SURVEYS)
    bad = tmp_path / "x.json"
    bad.write_text("{}", encoding="utf-8")
    out = run_cli("run", b.parent.parent / "spec.yaml", "--out", tmp_path / "c", "--previous", bad)
    assert out.exit_code == 2
    assert "not an evalkit result" in out.stderr
    assert not (tmp_path / "c").exists()  # nothing written
