"""Each rule effect end to end through ``evalkit run``, exit codes included.

The data of test_run_cli: frt 1.5 h (score 100, green; previous 3 h), csat 0.75 (score 0, red;
previous 1.0); weights 0.75 / 0.25, so the overall score before rules is 75 (grade B).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS


def _spec(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC + extra, encoding="utf-8")
    return path


def _result(spec: Path) -> dict:
    return json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))


def test_bonus_and_penalty_within_caps(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """\
scoring: {bonus_cap: 5, penalty_cap: 10}
rules:
  - {id: frt-halved, when: "change('frt', 'previous') <= -0.5", then: {bonus: 8}}
  - {id: csat-low, when: "value('csat') < 80%", then: {penalty: 3}}
""",
    )
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert out.exit_code == 0, out.stderr
    result = _result(spec)
    # 75 + min(8, cap 5) − 3 = 77
    assert result["overall"]["score_before_rules"] == pytest.approx(75.0)
    assert result["overall"]["score"] == pytest.approx(77.0)
    fired = {r["id"]: r["fired"] for r in result["rules"]}
    assert fired == {"frt-halved": True, "csat-low": True}


def test_veto_caps_the_grade_and_finding_text(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """\
rules:
  - id: csat-veto
    when: "value('csat') < 0.80"
    then:
      cap_grade: D
      finding:
        severity: critical
        text:
          zh: "客户满意度 {value('csat'):.0%} 低于 80%，一票否决"
          en: "CSAT {value('csat'):.0%} is below 80%: veto"
""",
    )
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0
    result = _result(spec)
    assert result["overall"]["grade_before_rules"] == "B"
    assert result["overall"]["grade"] == "D"
    finding = next(f for f in result["findings"] if f["rule"] == "csat-veto")
    assert finding["severity"] == "critical"
    assert finding["text"]["zh"] == "客户满意度 75% 低于 80%，一票否决"
    assert finding["text"]["en"] == "CSAT 75% is below 80%: veto"


def test_gate_exits_1_after_writing_outputs(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """\
rules:
  - id: quarterly-gate
    when: "overall_score() < 80 or status('csat') == 'red'"
    then: {gate: true}
""",
    )
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert out.exit_code == 1
    assert "gate failed: rule quarterly-gate fired" in out.stderr
    assert _result(spec)["rules"][0]["fired"] is True


def test_gate_that_does_not_fire_exits_0(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        'rules:\n  - {id: gate, when: "overall_score() < 60", then: {gate: true}}\n',
    )
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0


def test_recommendation_and_automatic_findings(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """\
rules:
  - id: csat-rec
    when: "status('csat') in ('red', 'amber')"
    then: {recommendation: {zh: 改进回访, en: Improve follow-up}}
""",
    )
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0
    findings = _result(spec)["findings"]
    rec = next(f for f in findings if f["rule"] == "csat-rec")
    assert rec["kind"] == "recommendation"
    assert rec["text"] == {"zh": "改进回访", "en": "Improve follow-up"}
    # csat went from green (2 of 2 in 2026Q2) to red (3 of 4), but a change of −25 pp on six
    # answers is within noise (two-proportion test p = 0.44): no finding calls it a decline
    assert not [f for f in findings if f["rule"] == "auto.worsened"]


def test_a_significant_decline_is_a_finding(run_cli: RunCli, tmp_path: Path) -> None:
    # 20 answers a quarter: all satisfied in 2026Q2, half in 2026Q3 → z = 0.5 / √(0.75 ·
    # 0.25 · 0.1) = 3.65, p < 0.001
    rows = [f"2026-05-{d:02d} 10:00,B2B,5" for d in range(1, 21)]
    rows += [f"2026-08-{d:02d} 10:00,B2B,{5 if d % 2 else 2}" for d in range(1, 21)]
    spec = _spec(tmp_path, "")
    (tmp_path / "surveys.csv").write_text(
        "answered_at,segment,csat_score\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0
    result = _result(spec)
    csat = next(m for m in result["metrics"] if m["id"] == "csat")
    assert csat["change"]["previous"]["significant"] is True
    worsened = next(f for f in result["findings"] if f["rule"] == "auto.worsened")
    assert "Customer satisfaction went from green to red" in worsened["text"]["en"]


def test_rule_on_metric_without_data_is_skipped(run_cli: RunCli, tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        "rules:\n  - {id: base, when: \"segment('csat', 'B2G') < 0.5\", then: {penalty: 5}}\n",
    )
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0
    record = _result(spec)["rules"][0]
    assert (record["fired"], record["skipped"]) == (False, "no data")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            "value('cstat') < 1",
            "20:28: unknown metric 'cstat' in rule 'bad' (did you mean 'csat'?)",
        ),
        ("__import__('os')", "20:22: unknown function '__import__' in rule 'bad'"),
        ("value('csat').__dict__", "20:35: attribute access is not allowed in rule 'bad'"),
        ("9 ** 9 ** 9", "20:24: '**' is not supported: there is no power operator in rule 'bad'"),
    ],
)
def test_bad_expressions_fail_validation(
    run_cli: RunCli, tmp_path: Path, when: str, message: str
) -> None:
    spec = _spec(tmp_path, f'rules:\n  - {{id: bad, when: "{when}", then: {{penalty: 1}}}}\n')
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr.strip().endswith(f"spec.yaml:{message}"), out.stderr
