"""Rules as read from a spec, and what applying them produced: frozen, JSON-ready."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from evalkit.location import Location
from evalkit.rules.functions import RuleFunction
from evalkit.rules.nodes import Node
from evalkit.rules.templates import Template

FindingSeverity = Literal["info", "warning", "critical"]
FINDING_SEVERITIES: tuple[FindingSeverity, ...] = ("info", "warning", "critical")
FindingKind = Literal["finding", "recommendation"]


@dataclass(frozen=True)
class LocalizedTemplate:
    """A text in Chinese and English; a text given once is used for both."""

    zh: Template
    en: Template


@dataclass(frozen=True)
class FindingTemplate:
    """A ``finding`` effect before rendering."""

    severity: FindingSeverity
    text: LocalizedTemplate


PRIORITIES = ("high", "medium", "low")
"""An action's priority, most urgent first."""


@dataclass(frozen=True)
class RecommendationTemplate:
    """A ``recommendation`` effect before rendering: the action, and for the action plan its
    priority, owner, due date and expected effect."""

    text: LocalizedTemplate
    priority: str = "medium"
    owner: Mapping[str, str] = field(default_factory=dict)
    due: str | None = None
    effect: LocalizedTemplate | None = None


@dataclass(frozen=True)
class Effects:
    """What a rule does when it fires (its ``then``)."""

    cap_grade: str | None = None
    bonus: float = 0.0
    penalty: float = 0.0
    finding: FindingTemplate | None = None
    recommendation: RecommendationTemplate | None = None
    gate: bool = False


@dataclass(frozen=True)
class Rule:
    """One checked rule: its id, its parsed ``when``, its effects and the functions it may call."""

    id: str
    when: Node
    source: str
    effects: Effects
    functions: tuple[RuleFunction, ...]
    location: Location | None = None
    title: Mapping[str, str] = field(default_factory=dict)
    """What the rule stands for, for readers of the report: ``{zh, en}`` (may be empty)."""


@dataclass(frozen=True)
class AppliedEffects:
    """What a fired rule actually changed: bonus and penalty after the caps."""

    bonus: float | None = None
    penalty: float | None = None
    cap_grade: str | None = None
    finding: FindingSeverity | None = None
    recommendation: bool = False
    gate: bool = False

    def to_json(self) -> dict[str, Any]:
        """Only the effects the rule has, e.g. ``{"bonus": 2.0, "finding": "info"}``."""
        shown: dict[str, Any] = {
            "bonus": self.bonus,
            "penalty": self.penalty,
            "cap_grade": self.cap_grade,
            "finding": self.finding,
            "recommendation": self.recommendation or None,
            "gate": self.gate or None,
        }
        return {key: value for key, value in shown.items() if value is not None}


@dataclass(frozen=True)
class RuleRecord:
    """What happened to one rule: fired, not fired, or skipped (``no data``,
    ``division by zero``, ``error``) with a message saying why."""

    id: str
    fired: bool
    skipped: str | None = None
    effects: AppliedEffects = AppliedEffects()
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"id", "fired", "skipped", "effects", "message"}``."""
        return {
            "id": self.id,
            "fired": self.fired,
            "skipped": self.skipped,
            "effects": self.effects.to_json(),
            "message": self.message,
        }


@dataclass(frozen=True)
class Finding:
    """A finding or recommendation for the report, rendered in both languages."""

    rule: str
    severity: FindingSeverity
    kind: FindingKind
    zh: str
    en: str
    action: Mapping[str, Any] | None = None
    """For a recommendation: ``{priority, owner, due, effect, metrics}`` (the action plan)."""

    def to_json(self) -> dict[str, Any]:
        """``{"rule", "severity", "kind", "text": {"zh", "en"}}``, and ``action`` for a
        recommendation."""
        found = {
            "rule": self.rule,
            "severity": self.severity,
            "kind": self.kind,
            "text": {"zh": self.zh, "en": self.en},
        }
        return found if self.action is None else {**found, "action": dict(self.action)}


@dataclass(frozen=True)
class RulesOutcome:
    """The overall score and grade after rules, and what every rule did."""

    score: float | None
    grade: str | None
    score_before_rules: float | None
    grade_before_rules: str | None
    records: tuple[RuleRecord, ...]
    findings: tuple[Finding, ...]
    gate_failed: bool
    bonus: float = 0.0
    penalty: float = 0.0

    @property
    def gates_fired(self) -> tuple[str, ...]:
        """Ids of the gate rules that fired, for the exit message."""
        return tuple(r.id for r in self.records if r.fired and r.effects.gate)

    def overall_json(self) -> dict[str, Any]:
        """The rule-related keys of result.json's ``overall``."""
        return {
            "score": self.score,
            "grade": self.grade,
            "score_before_rules": self.score_before_rules,
            "grade_before_rules": self.grade_before_rules,
            "bonus": self.bonus,
            "penalty": self.penalty,
            "gate_failed": self.gate_failed,
        }

    def records_json(self) -> list[dict[str, Any]]:
        """result.json's ``rules``."""
        return [record.to_json() for record in self.records]

    def findings_json(self) -> list[dict[str, Any]]:
        """result.json's ``findings`` (from rules; automatic findings are added by the caller)."""
        return [finding.to_json() for finding in self.findings]
