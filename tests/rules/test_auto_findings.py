"""Findings every report gets: strongest and weakest metrics, statuses worse than last period."""

from __future__ import annotations

from evalkit.rules.auto_findings import automatic_findings
from evalkit.scoring.ranking import Ranked, Ranking, rank

TITLES = {
    "csat": {"zh": "客户满意度", "en": "CSAT"},
    "fcr": {"zh": "首次解决率", "en": "First-contact resolution"},
}


def ranked(scores: dict[str, float], weights: dict[str, float] | None = None) -> Ranking:
    return rank(Ranked(m, s, (weights or {}).get(m, 0.0), 0.0) for m, s in scores.items())


def test_three_strongest_and_weakest_with_ties_by_id() -> None:
    scores = {
        "csat": 92.0,
        "fcr": 88.4,
        "aht": 88.4,
        "sla": 70.0,
        "cost": 40.0,
        "nps": 12.0,
        "backlog": 55.0,
    }
    strongest, weakest = automatic_findings(ranked(scores), TITLES, {}, {})
    assert strongest.to_json() == {
        "rule": "auto.strongest",
        "severity": "info",
        "kind": "finding",
        "text": {
            "zh": "表现最好的指标：客户满意度（92 分）、aht（88 分）、首次解决率（88 分）。",
            "en": "Strongest metrics: CSAT (92), aht (88), First-contact resolution (88).",
        },
    }
    assert weakest.severity == "warning"
    assert weakest.en == "Weakest metrics: nps (12), cost (40), backlog (55)."
    assert weakest.zh == "表现最弱的指标：nps（12 分）、cost（40 分）、backlog（55 分）。"


def test_few_metrics_are_not_named_twice() -> None:
    scores = {"csat": 90.0, "fcr": 50.0, "aht": 70.0, "sla": 60.0}
    strongest, weakest = automatic_findings(ranked(scores), {}, {}, {})
    assert strongest.en == "Strongest metrics: csat (90), aht (70), sla (60)."
    assert weakest.en == "Weakest metrics: fcr (50)."


def test_many_metrics_at_their_goal_are_counted_not_picked() -> None:
    scores = {"a": 100.0, "b": 100.0, "c": 100.0, "d": 100.0, "e": 30.0}
    weights = {"a": 0.1, "b": 0.3, "c": 0.05, "d": 0.2, "e": 0.35}
    strongest, weakest = automatic_findings(ranked(scores, weights), {}, {}, {})
    assert strongest.en == (
        "4 metrics meet their goal; those with the most weight: b (100), d (100), a (100)."
    )
    assert (
        strongest.zh == "4 项指标达到目标，其中权重最大的：b（100 分）、d（100 分）、a（100 分）。"
    )
    assert weakest.en == "Weakest metrics: e (30)."


def test_no_scores_no_ranking() -> None:
    assert automatic_findings(ranked({}), {}, {"x": "no_data"}, {}) == ()


def test_worsened_statuses() -> None:
    statuses = {"csat": "red", "fcr": "amber", "aht": "green", "sla": "no_data", "nps": "red"}
    previous = {"csat": "green", "fcr": "green", "aht": "amber", "sla": "green", "nps": "red"}
    found = automatic_findings(ranked({}), TITLES, statuses, previous)
    assert [f.to_json() for f in found] == [
        {
            "rule": "auto.worsened",
            "severity": "critical",
            "kind": "finding",
            "text": {
                "zh": "较上期状态变差：客户满意度由绿色变为红色。",
                "en": "Worse than the previous period: CSAT went from green to red.",
            },
        },
        {
            "rule": "auto.worsened",
            "severity": "warning",
            "kind": "finding",
            "text": {
                "zh": "较上期状态变差：首次解决率由绿色变为黄色。",
                "en": "Worse than the previous period: First-contact resolution went from "
                "green to amber.",
            },
        },
    ]
