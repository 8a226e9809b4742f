"""Every compared period is scored and ruled the same way; weights and coverage as used.

The data are those of ``test_run_cli`` (hand values there): first response time 1.5 h in
2026Q3, 3 h in 2026Q2, 7 h in the baseline and in 2025Q4; CSAT 0.75, 1.0, 0.5 and 0.5; no
ticket and no survey in 2026Q1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

RULES = """\
rules:
  - {id: fast, when: "value('frt') <= 3", then: {bonus: 5}}
  - {id: unhappy, when: "value('csat') < 0.8", then: {penalty: 10}}
  - {id: slow, when: "value('frt') >= 2", then: {cap_grade: B}}
"""


def _write(tmp_path: Path, spec: str, surveys: str = SURVEYS) -> Path:
    """The spec and its data files in ``tmp_path``; the spec's path."""
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(surveys, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    return tmp_path / "spec.yaml"


def _with_csat_info(block: str) -> str:
    """SPEC with a report-only ``csat_info`` (no target) under quality, weighed by ``block``."""
    spec = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt, csat, csat_info]}").replace(
        "  quality: {judgments: {frt: {csat: 3}}}", f"  quality: {block}"
    )
    return spec + "  csat_info: {metric: csat}\n"


def _result(
    run_cli: RunCli, tmp_path: Path, spec: str, surveys: str = SURVEYS, formats: str = "json"
) -> dict:
    out = run_cli(
        "run", _write(tmp_path, spec, surveys), "--out", tmp_path / "out", "--format", formats
    )
    assert out.exit_code == 0, out.stderr
    return json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))


def test_rules_apply_to_every_compared_period(run_cli: RunCli, tmp_path: Path) -> None:
    overall = _result(run_cli, tmp_path, SPEC + RULES)["overall"]
    # 2026Q3: 75 + 5 − 10 = 70 (B); 2026Q2: 87.5 + 5 = 92.5 (A): the change is −22.5,
    # after rules on both sides (before rules it would have been 75 − 87.5 = −12.5).
    assert (overall["score"], overall["grade"]) == (pytest.approx(70.0), "B")
    previous = overall["previous"]
    # 92.5 would be an A, but 2026Q2's first response time (3 h) fires the cap
    assert (previous["score"], previous["grade"], previous["bonus"]) == (
        pytest.approx(92.5),
        "B",
        5.0,
    )
    assert (previous["grade_capped"], overall["grade_capped"]) == (True, False)
    assert previous["score_before_rules"] == pytest.approx(87.5)
    assert overall["change"]["previous"] == pytest.approx(-22.5)
    # baseline: 0.75 × 16.67 + 0.25 × 0 = 12.5, csat 0.5 → penalty 10 → 2.5
    assert overall["baseline"]["score"] == pytest.approx(2.5)
    assert overall["change"]["baseline"] == pytest.approx(67.5)
    trend = [(p["period"], p["score"], p["status"]) for p in overall["trend"]]
    assert trend == [
        ("2025Q4", pytest.approx(2.5), "ok"),
        ("2026Q1", None, "no_data"),
        ("2026Q2", pytest.approx(92.5), "ok"),
        ("2026Q3", pytest.approx(70.0), "ok"),
    ]


def test_a_report_only_metric_shows_no_weight(run_cli: RunCli, tmp_path: Path) -> None:
    spec = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt, csat, csat_info]}").replace(
        "  quality: {judgments: {frt: {csat: 3}}}",
        "  quality: {weights: {frt: 0.5, csat: 0.3, csat_info: 0.2}}",
    )
    spec += "  csat_info: {metric: csat}\n"
    result = _result(run_cli, tmp_path, spec)
    metrics = {m["id"]: m for m in result["metrics"]}
    assert metrics["csat_info"]["status"] == "unscored"
    assert metrics["csat_info"]["local_weight"] is None
    assert metrics["csat_info"]["global_weight"] is None
    assert metrics["csat_info"]["configured_weight"] == pytest.approx(0.2)
    # the weights shown are the weights used: 0.5 / 0.8 and 0.3 / 0.8
    assert metrics["frt"]["local_weight"] == pytest.approx(0.625)
    assert metrics["csat"]["local_weight"] == pytest.approx(0.375)
    assert result["overall"]["score"] == pytest.approx(0.625 * 100 + 0.375 * 0)


def test_a_report_only_metric_needs_no_judgment(run_cli: RunCli, tmp_path: Path) -> None:
    """The judgments compare frt and csat only: csat_info (no target) is left out of the
    matrix instead of being an item no judgment links."""
    spec = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt, csat, csat_info]}")
    spec += "  csat_info: {metric: csat}\n"
    result = _result(run_cli, tmp_path, spec)
    assert result["ahp"]["quality"]["items"] == ["frt", "csat"]
    metrics = {m["id"]: m for m in result["metrics"]}
    # frt 3 × as important as csat: weights 3/4 and 1/4
    assert metrics["frt"]["configured_weight"] == pytest.approx(0.75, abs=1e-9)
    assert metrics["csat"]["configured_weight"] == pytest.approx(0.25, abs=1e-9)
    assert metrics["csat_info"]["configured_weight"] is None
    assert metrics["csat_info"]["status"] == "unscored"
    # frt 1.5 h is better than its goal (2 h): 100; csat 0.75 is beyond its red flag (0.80): 0
    assert result["overall"]["score"] == pytest.approx(0.75 * 100 + 0.25 * 0)


def test_items_naming_a_report_only_metric_say_it_needs_no_judgment(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """``items:`` keeps csat_info in the matrix, where no judgment links it: the error says
    why it could be left out, at the block's judgments, and no output is written."""
    block = "{items: [frt, csat, csat_info], judgments: {frt: {csat: 3}}}"
    spec = _with_csat_info(block)
    out = run_cli("run", _write(tmp_path, spec), "--out", tmp_path / "out", "--format", "json")
    assert out.exit_code == 2
    line = spec.splitlines().index(f"  quality: {block}")
    assert f"spec.yaml:{line + 1}:" in out.stderr
    assert "no judgment connects {'frt', 'csat'} and {'csat_info'}" in out.stderr
    assert (
        "('csat_info' is reported only (no target or no direction), so it takes no weight and "
        "needs no judgment: leave it out of 'items:')"
    ) in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out").exists()


def test_other_errors_about_a_report_only_metric_get_no_items_hint(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A judgment of 0 is wrong whatever the metric: the error says so and nothing about
    ``items:``, which the block does not have."""
    spec = _with_csat_info("{judgments: {frt: {csat: 3, csat_info: 0}}}")
    out = run_cli("validate", _write(tmp_path, spec))
    assert out.exit_code == 2
    assert "judgment 'frt' vs 'csat_info' must be positive, not 0" in out.stderr
    assert "items:" not in out.stderr


@pytest.mark.parametrize(
    "block",
    [
        "{judgments: {frt: {csat: 3, csat_info: 3}, csat: {csat_info: 1}}}",
        # a matrix without items: its rows are the children, in order
        '{matrix: [[1, 3, 3], ["1/3", 1, 1], ["1/3", 1, 1]]}',
    ],
)
def test_a_judged_report_only_metric_keeps_its_place(
    run_cli: RunCli, tmp_path: Path, block: str
) -> None:
    """Judgments that do compare the report-only metric keep it in the matrix: its weight
    (0.2 of [[1, 3, 3], [1/3, 1, 1], [1/3, 1, 1]]) is spread over the scored metrics."""
    spec = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt, csat, csat_info]}").replace(
        "  quality: {judgments: {frt: {csat: 3}}}", f"  quality: {block}"
    )
    spec += "  csat_info: {metric: csat}\n"
    result = _result(run_cli, tmp_path, spec)
    assert result["ahp"]["quality"]["items"] == ["frt", "csat", "csat_info"]
    metrics = {m["id"]: m for m in result["metrics"]}
    assert metrics["csat_info"]["configured_weight"] == pytest.approx(0.2, abs=1e-9)
    assert metrics["frt"]["local_weight"] == pytest.approx(0.6 / 0.8, abs=1e-9)
    assert result["overall"]["score"] == pytest.approx(0.75 * 100)


def test_a_criterion_with_nothing_scored_needs_no_judgment(run_cli: RunCli, tmp_path: Path) -> None:
    """The root's judgments compare speed and satisfaction; context holds only a report-only
    metric, so it takes no weight and needs no judgment either."""
    spec = SPLIT.replace(
        "  satisfaction: {title: {en: Satisfaction, zh: 满意度}, metrics: [csat]}",
        "  satisfaction: {title: {en: Satisfaction, zh: 满意度}, metrics: [csat]}\n"
        "  context: {title: {en: Context, zh: 背景}, metrics: [csat_info]}",
    ).replace(
        "  root: {weights: {speed: 0.4, satisfaction: 0.6}}",
        "  root: {judgments: {speed: {satisfaction: 3}}}",
    )
    spec += "  csat_info: {metric: csat}\n"
    result = _result(run_cli, tmp_path, spec)
    assert result["ahp"]["root"]["items"] == ["speed", "satisfaction"]
    criteria = {c["id"]: c for c in result["criteria"]}
    assert criteria["context"]["configured_weight"] is None
    assert result["overall"]["score"] == pytest.approx(0.75 * 100 + 0.25 * 0)


SPLIT = SPEC.replace(
    "  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}",
    "  speed: {title: {en: Speed, zh: 速度}, metrics: [frt]}\n"
    "  satisfaction: {title: {en: Satisfaction, zh: 满意度}, metrics: [csat]}",
).replace(
    "  quality: {judgments: {frt: {csat: 3}}}", "  root: {weights: {speed: 0.4, satisfaction: 0.6}}"
)
SURVEYS_AFTER_GO_LIVE = "\n".join(
    line for line in SURVEYS.splitlines() if not line.startswith("2025")
)


def test_a_period_with_too_little_data_has_no_score(run_cli: RunCli, tmp_path: Path) -> None:
    # No survey before go-live: the baseline has frt only, 0.4 of the weight < 0.5.
    result = _result(run_cli, tmp_path, SPLIT, SURVEYS_AFTER_GO_LIVE, "json,html")
    baseline = result["overall"]["baseline"]
    assert (baseline["score"], baseline["status"]) == (None, "insufficient_data")
    assert baseline["coverage"] == pytest.approx(0.4)
    assert result["overall"]["change"]["baseline"] is None
    satisfaction = next(c for c in result["criteria"] if c["id"] == "satisfaction")
    assert (satisfaction["baseline_score"], satisfaction["baseline_coverage"]) == (None, 0.0)
    # 2025Q4 likewise; 2026Q2 and 2026Q3 are whole
    statuses = {p["period"]: p["status"] for p in result["overall"]["trend"]}
    assert statuses == {
        "2025Q4": "insufficient_data",
        "2026Q1": "no_data",
        "2026Q2": "ok",
        "2026Q3": "ok",
    }
    assert result["overall"]["coverage"] == 1.0
    # the summary says so instead of a number, and gives no change against it
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    row = html[html.index("上线前基线") :]
    row = row[: row.index("</tr>")]
    assert "数据不足（仅覆盖 40% 的权重）" in row
    assert row.endswith('<td class="num change flat">—</td>')


def test_min_coverage_is_a_setting(run_cli: RunCli, tmp_path: Path) -> None:
    spec = SPLIT + "scoring: {min_coverage: 0.4}\n"
    baseline = _result(run_cli, tmp_path, spec, SURVEYS_AFTER_GO_LIVE)["overall"]["baseline"]
    # frt 7 h → 16.67, the only score left, renormalised to the whole
    assert (baseline["score"], baseline["status"]) == (pytest.approx(100 / 6), "ok")


def test_the_report_shows_each_change_in_its_unit(run_cli: RunCli, tmp_path: Path) -> None:
    spec = SPEC.replace("  period: 2026Q3\n", "  period: 2026Q3\n  locale: en\n")
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "html")
    assert out.exit_code == 0, out.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # CSAT 0.75 against 1.0: −25 percentage points; FRT 1.5 h against 3 h: −50 %. Both on a
    # handful of answers, within noise: marked ≈ and neither green nor red.
    assert '<td class="num change flat">≈ -25.0 pp</td>' in html
    assert '<td class="num change flat">≈ -50.0%</td>' in html
    assert "n = 4 · 95% CI 30.1%–95.4%" in html  # Wilson interval of 3 of 4
