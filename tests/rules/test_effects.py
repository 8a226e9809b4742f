"""Applying rules: bonus and penalty within caps, the lowest grade cap, findings and gates."""

from __future__ import annotations

from collections.abc import Callable

from evalkit.rules.effects import apply_rules
from evalkit.rules.model import Rule, RulesOutcome
from evalkit.rules.reader import parse_rules
from evalkit.yamldoc import load_yaml_text

from .fakes import CRITERIA, METRICS, FakeView


def grade_for(score: float) -> str:
    """A ≥ 85 > B ≥ 70 > C ≥ 60 > D."""
    return "A" if score >= 85 else "B" if score >= 70 else "C" if score >= 60 else "D"


def rules(*lines: str) -> tuple[Rule, ...]:
    text = "rules:\n" + "".join(f"  - {line}\n" for line in lines)
    return parse_rules(load_yaml_text(text, "spec.yaml"), ("rules",), METRICS, CRITERIA)


def apply(
    view: FakeView,
    *lines: str,
    bonus_cap: float | None = 5,
    penalty_cap: float | None = 10,
) -> RulesOutcome:
    return apply_rules(
        rules(*lines), view, bonus_cap=bonus_cap, penalty_cap=penalty_cap, grade_for=grade_for
    )


def test_nothing_fires(view: FakeView) -> None:
    outcome = apply(view, "{id: r, when: \"value('csat') > 0.9\", then: {bonus: 3}}")
    assert (outcome.score, outcome.grade) == (72.0, "B")
    assert (outcome.score_before_rules, outcome.grade_before_rules) == (72.0, "B")
    assert outcome.records_json() == [
        {"id": "r", "fired": False, "skipped": None, "effects": {}, "message": None}
    ]
    assert outcome.findings == () and not outcome.gate_failed


def test_bonus_within_its_cap_goes_to_earlier_rules_first(view: FakeView) -> None:
    outcome = apply(
        view,
        '{id: b1, when: "true", then: {bonus: 2}}',
        '{id: b2, when: "true", then: {bonus: 2}}',
        '{id: b3, when: "true", then: {bonus: 2}}',
        '{id: b4, when: "true", then: {bonus: 2}}',
    )
    assert [r.effects.bonus for r in outcome.records] == [2.0, 2.0, 1.0, 0.0]
    assert outcome.records[2].message == "bonus 2 reduced to 1 by bonus_cap"
    assert outcome.bonus == 5.0
    assert (outcome.score, outcome.grade) == (77.0, "B")


def test_penalty_within_its_cap_and_score_clamped(make_view: Callable[..., FakeView]) -> None:
    view = make_view(overall=8.0, current_grade="D")
    outcome = apply(
        view,
        '{id: p1, when: "true", then: {penalty: 7}}',
        '{id: p2, when: "true", then: {penalty: 7}}',
    )
    assert [r.effects.penalty for r in outcome.records] == [7.0, 3.0]
    assert outcome.penalty == 10.0
    assert outcome.score == 0.0  # 8 - 10, clamped


def test_no_caps(view: FakeView) -> None:
    outcome = apply(
        view,
        '{id: b, when: "true", then: {bonus: 40}}',
        '{id: p, when: "true", then: {penalty: 1}}',
        bonus_cap=None,
        penalty_cap=None,
    )
    assert outcome.score == 100.0  # 72 + 40 - 1, clamped
    assert outcome.grade == "A"


def test_bonus_and_penalty_together(view: FakeView) -> None:
    outcome = apply(
        view,
        "{id: fcr-improved, when: \"change('fcr', 'baseline') >= 0.10\", then: {bonus: 2}}",
        "{id: complaints-up, when: \"value('complaint_rate') > previous('complaint_rate') * 1.2\","
        " then: {penalty: 3}}",
    )
    assert outcome.score == 71.0  # 72 + 2 - 3
    assert outcome.records_json()[1]["effects"] == {"penalty": 3.0}


def test_lowest_cap_wins_and_a_cap_never_raises(view: FakeView) -> None:
    outcome = apply(
        view,
        '{id: c1, when: "true", then: {cap_grade: C}}',
        '{id: c2, when: "true", then: {cap_grade: D}}',
        '{id: c3, when: "true", then: {cap_grade: B}}',
    )
    assert outcome.grade == "D"
    raised = apply(view, '{id: c, when: "true", then: {cap_grade: A, bonus: 1}}')
    assert (raised.score, raised.grade) == (73.0, "B")


def test_cap_applies_after_bonus(view: FakeView) -> None:
    outcome = apply(view, '{id: x, when: "true", then: {bonus: 5, cap_grade: C}}')
    assert (outcome.score, outcome.grade) == (77.0, "C")


def test_rules_see_the_scores_before_rules(view: FakeView) -> None:
    outcome = apply(
        view,
        '{id: up, when: "true", then: {bonus: 5}}',
        "{id: seen, when: \"overall_score() == 72 and grade() == 'B'\", then: {penalty: 1}}",
    )
    assert [r.fired for r in outcome.records] == [True, True]
    assert outcome.score == 76.0


def test_gate(view: FakeView) -> None:
    outcome = apply(
        view,
        "{id: quarterly-gate, when: \"overall_score() < 80 or status('csat') == 'red'\","
        " then: {gate: true}}",
        '{id: quiet, when: "false", then: {gate: true}}',
    )
    assert outcome.gate_failed
    assert outcome.gates_fired == ("quarterly-gate",)
    assert outcome.records_json()[0] == {
        "id": "quarterly-gate",
        "fired": True,
        "skipped": None,
        "effects": {"gate": True},
        "message": None,
    }
    assert outcome.overall_json()["gate_failed"] is True


def test_skipped_rules_have_no_effect(view: FakeView) -> None:
    outcome = apply(
        view,
        "{id: aht, when: \"value('aht') > 5\", then: {gate: true}}",
        "{id: ratio, when: \"1 / (score('csat') - 20) > 1\", then: {penalty: 5}}",
        '{id: big, when: "1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15'
        ' * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 > 1",'
        " then: {penalty: 5}}",
    )
    assert [r.to_json() for r in outcome.records] == [
        {
            "id": "aht",
            "fired": False,
            "skipped": "no data",
            "effects": {},
            "message": "value('aht') has no data",
        },
        {
            "id": "ratio",
            "fired": False,
            "skipped": "division by zero",
            "effects": {},
            "message": "division by zero at column 3",
        },
        {
            "id": "big",
            "fired": False,
            "skipped": "error",
            "effects": {},
            "message": "the result of '*' is too large to be a finite number",
        },
    ]
    assert (outcome.score, outcome.grade, outcome.gate_failed) == (72.0, "B", False)


def test_findings_and_recommendations_rendered_in_both_languages(view: FakeView) -> None:
    outcome = apply(
        view,
        "{id: csat-veto, when: \"value('csat') < 0.70\", then: {cap_grade: D, finding: "
        "{severity: critical, text: {zh: '客户满意度 {value(''csat''):.0%} 低于 70%，一票否决', "
        "en: 'CSAT {value(''csat''):.0%} is below 70%'}}, recommendation: '复盘 / Review'}}",
    )
    assert outcome.grade == "D"
    assert outcome.findings_json() == [
        {
            "rule": "csat-veto",
            "severity": "critical",
            "kind": "finding",
            "text": {"zh": "客户满意度 68% 低于 70%，一票否决", "en": "CSAT 68% is below 70%"},
        },
        {
            "rule": "csat-veto",
            "severity": "info",
            "kind": "recommendation",
            "text": {"zh": "复盘 / Review", "en": "复盘 / Review"},
            # a plain text is an action of medium priority about the metrics the rule reads
            "action": {
                "priority": "medium",
                "owner": None,
                "due": None,
                "effect": None,
                "metrics": ["csat"],
            },
        },
    ]
    assert outcome.records_json()[0]["effects"] == {
        "cap_grade": "D",
        "finding": "critical",
        "recommendation": True,
    }


def test_unknown_cap_grade_is_an_error_record(view: FakeView) -> None:
    outcome = apply(view, '{id: e, when: "true", then: {cap_grade: E, bonus: 1}}')
    assert outcome.records[0].skipped == "error"
    assert outcome.records[0].message == "cap_grade 'E' is not one of A, B, C, D"
    assert (outcome.score, outcome.grade) == (72.0, "B")


def test_overall_json(view: FakeView) -> None:
    outcome = apply(view, '{id: b, when: "true", then: {bonus: 1, cap_grade: C}}')
    assert outcome.overall_json() == {
        "score": 73.0,
        "grade": "C",
        "score_before_rules": 72.0,
        "grade_before_rules": "B",
        "bonus": 1.0,
        "penalty": 0.0,
        "gate_failed": False,
    }


def test_a_recommendation_as_an_action(view: FakeView) -> None:
    outcome = apply(
        view,
        "{id: act, when: \"value('csat') < 0.70 and value('fcr') > 0\", then: {recommendation: "
        "{text: {zh: 回访低分客户, en: Call back unhappy customers}, priority: high, "
        "owner: {zh: 客服经理, en: Service manager}, due: '2026-12-31', "
        "effect: {zh: '满意度回到 {target(''csat'').goal:.0%}', en: 'CSAT back to "
        "{target(''csat'').goal:.0%}'}}}}",
    )
    (action,) = outcome.findings_json()
    assert action["text"] == {"zh": "回访低分客户", "en": "Call back unhappy customers"}
    assert action["action"] == {
        "priority": "high",
        "owner": {"zh": "客服经理", "en": "Service manager"},
        "due": "2026-12-31",
        "effect": {"zh": "满意度回到 90%", "en": "CSAT back to 90%"},
        "metrics": ["csat", "fcr"],
    }
