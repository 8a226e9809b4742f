"""Apply rules to a scored evaluation: bonus and penalty points, grade caps, findings, gates.

Every rule is evaluated, in spec order, against the evaluation as it was before any rule:
``overall_score()`` and ``grade()`` in an expression are the pre-rule values, so the order of
rules never changes whether one fires. Then:

- bonus points are added and penalty points deducted, each in total at most its cap; when a
  cap is reached, earlier rules (in spec order) keep their points and later ones get what is
  left; the score is clamped to 0–100;
- an overall score of None (too little data) stays None, and so does the grade;
- the grade is ``grade_for(score)``, then lowered to the lowest ``cap_grade`` of the fired rules
  (the lowest cap wins; a cap never raises a grade);
- findings and recommendations are rendered in both languages;
- a fired ``gate`` sets ``gate_failed``: the caller writes every output, then exits 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from evalkit.rules.checker import metrics_named
from evalkit.rules.errors import RuleFailed, RuleSkipped
from evalkit.rules.evaluator import evaluate
from evalkit.rules.functions import RuleFunction
from evalkit.rules.model import (
    AppliedEffects,
    Effects,
    Finding,
    LocalizedTemplate,
    Rule,
    RuleRecord,
    RulesOutcome,
)
from evalkit.rules.templates import render_template
from evalkit.rules.view import EvaluationView


def apply_rules(
    rules: Sequence[Rule],
    view: EvaluationView,
    *,
    bonus_cap: float | None,
    penalty_cap: float | None,
    grade_for: Callable[[float], str],
    grade_order: Sequence[str] = ("A", "B", "C", "D"),
) -> RulesOutcome:
    """Evaluate ``rules`` against ``view`` and apply the effects of those that fire.

    ``grade_order`` lists the grades from best to worst; a cap is applied by position in it.
    A cap of None means no cap.
    """
    score_before = view.overall_score()
    grade_before = view.grade()
    bonus_left = math.inf if bonus_cap is None else bonus_cap
    penalty_left = math.inf if penalty_cap is None else penalty_cap
    records: list[RuleRecord] = []
    findings: list[Finding] = []
    caps: list[str] = []
    for rule in rules:
        fired, record = _decide(rule, view)
        if not fired:
            records.append(record)
            continue
        effects = rule.effects
        if effects.cap_grade is not None and effects.cap_grade not in grade_order:
            records.append(
                RuleRecord(
                    rule.id,
                    False,
                    "error",
                    message=f"cap_grade '{effects.cap_grade}' is not one of "
                    + ", ".join(grade_order),
                )
            )
            continue
        bonus = min(effects.bonus, bonus_left) if effects.bonus else None
        penalty = min(effects.penalty, penalty_left) if effects.penalty else None
        bonus_left -= bonus or 0.0
        penalty_left -= penalty or 0.0
        if effects.cap_grade is not None:
            caps.append(effects.cap_grade)
        findings.extend(_findings(rule, view))
        applied = AppliedEffects(
            bonus=bonus,
            penalty=penalty,
            cap_grade=effects.cap_grade,
            finding=effects.finding.severity if effects.finding else None,
            recommendation=effects.recommendation is not None,
            gate=effects.gate,
        )
        records.append(RuleRecord(rule.id, True, None, applied, _capped_message(effects, applied)))
    bonus_total = sum(r.effects.bonus or 0.0 for r in records)
    penalty_total = sum(r.effects.penalty or 0.0 for r in records)
    score = (
        None
        if score_before is None
        else min(100.0, max(0.0, score_before + bonus_total - penalty_total))
    )
    grade = None if score is None else _capped(grade_for(score), caps, grade_order)
    return RulesOutcome(
        score=score,
        grade=grade,
        score_before_rules=score_before,
        grade_before_rules=grade_before,
        records=tuple(records),
        findings=tuple(findings),
        gate_failed=any(r.fired and r.effects.gate for r in records),
        bonus=bonus_total,
        penalty=penalty_total,
    )


def _decide(rule: Rule, view: EvaluationView) -> tuple[bool, RuleRecord]:
    """Whether the rule fires, and its record if it does not."""
    try:
        result = evaluate(rule.when, view, _table(rule.functions))
    except RuleSkipped as skipped:
        return False, RuleRecord(rule.id, False, skipped.reason, message=skipped.detail)
    except RuleFailed as failed:
        return False, RuleRecord(rule.id, False, "error", message=failed.detail)
    if not isinstance(result, bool):
        return False, RuleRecord(rule.id, False, "error", message=f"'when' gave {result!r}")
    return result, RuleRecord(rule.id, False)


def _table(functions: Sequence[RuleFunction]) -> dict[str, RuleFunction]:
    return {function.name: function for function in functions}


def _findings(rule: Rule, view: EvaluationView) -> list[Finding]:
    effects = rule.effects
    found: list[Finding] = []
    if effects.finding is not None:
        zh, en = _render(effects.finding.text, rule, view)
        found.append(Finding(rule.id, effects.finding.severity, "finding", zh, en))
    if effects.recommendation is not None:
        advice = effects.recommendation
        zh, en = _render(advice.text, rule, view)
        effect = _render(advice.effect, rule, view) if advice.effect else None
        action = {
            "priority": advice.priority,
            "owner": dict(advice.owner) or None,
            "due": advice.due,
            "effect": {"zh": effect[0], "en": effect[1]} if effect else None,
            "metrics": list(metrics_named(rule.when, _table(rule.functions))),
        }
        found.append(Finding(rule.id, "info", "recommendation", zh, en, action))
    return found


def _render(text: LocalizedTemplate, rule: Rule, view: EvaluationView) -> tuple[str, str]:
    functions = _table(rule.functions)
    return render_template(text.zh, view, functions), render_template(text.en, view, functions)


def _capped_message(effects: Effects, applied: AppliedEffects) -> str | None:
    """Says when a cap cut a rule's bonus or penalty."""
    pairs = (("bonus", effects.bonus, applied.bonus), ("penalty", effects.penalty, applied.penalty))
    notes = [
        f"{name} {wanted:g} reduced to {got:g} by {name}_cap"
        for name, wanted, got in pairs
        if got is not None and got < wanted
    ]
    return "; ".join(notes) or None


def _capped(grade: str, caps: Sequence[str], order: Sequence[str]) -> str:
    """``grade`` lowered to the lowest of ``caps``; grades later in ``order`` are lower."""
    if not caps:
        return grade
    lowest = max(caps, key=order.index)
    if grade not in order:
        raise ValueError(f"grade {grade!r} is not in the grade order {list(order)}")
    return lowest if order.index(lowest) > order.index(grade) else grade
