"""The action plan: the rules' recommendations, and an action for every weakest metric.

Every recommendation a fired rule made is an action (priority, owner, due date, expected
effect as the rule gives them). Each of the weakest metrics, and each red one, that no fired
recommendation is about (a rule is about the metrics its ``when`` names) gets an action too:
the spec's ``advice:`` for the instance or its metric when there is one (presets give one for
every catalog metric), else a plain text asking for the causes of the gap. Actions are ordered
by priority, then by the metric's weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evalkit.rules.model import PRIORITIES, Finding
from evalkit.scoring.ranking import Ranking
from evalkit.spec.model import Advice, MetricInstance


def action_plan(
    findings: Sequence[Finding],
    ranking: Ranking,
    red: Iterable[str],
    instances: Mapping[str, MetricInstance],
    advice: Mapping[str, Advice],
    weights: Mapping[str, float],
) -> list[dict[str, Any]]:
    """The actions of result.json, most urgent first."""
    actions = [_from_rule(f) for f in findings if f.kind == "recommendation" and f.action]
    covered = {metric for action in actions for metric in action["metrics"]}
    wanted = dict.fromkeys([*(r.id for r in ranking.weakest), *red])
    for metric in wanted:
        if metric in covered or metric not in instances:
            continue
        covered.add(metric)
        instance = instances[metric]
        given = advice.get(metric) or advice.get(instance.definition.id)
        actions.append(_from_advice(instance, given) if given else _default(instance))

    def urgency(action: Mapping[str, Any]) -> tuple[int, float]:
        heaviest = max((weights.get(m, 0.0) for m in action["metrics"]), default=0.0)
        return PRIORITIES.index(action["priority"]), -heaviest

    return sorted(actions, key=urgency)


def _from_rule(finding: Finding) -> dict[str, Any]:
    assert finding.action is not None
    return {
        "text": {"zh": finding.zh, "en": finding.en},
        **finding.action,
        "source": "rule",
        "rule": finding.rule,
    }


def _from_advice(instance: MetricInstance, given: Advice) -> dict[str, Any]:
    return {
        "text": dict(given.text),
        "priority": given.priority,
        "owner": dict(given.owner) or None,
        "due": None,
        "effect": dict(given.effect) or None,
        "metrics": [instance.id],
        "source": "advice",
    }


def _default(instance: MetricInstance) -> dict[str, Any]:
    zh, en = instance.title.get("zh", instance.id), instance.title.get("en", instance.id)
    return {
        "text": {
            "zh": f"改进{zh}：分析与目标的差距及其原因，制定改进措施，并在下一期复核。",
            "en": f"Improve {en}: find the causes of the gap to its goal, agree measures and "
            "review them next period.",
        },
        "priority": "high",
        "owner": None,
        "due": None,
        "effect": None,
        "metrics": [instance.id],
        "source": "default",
    }
