"""The change of the overall score between two Results, decomposed exactly.

With the weights a Result's roll-up used (``global_weight``, renormalised over the metrics
that counted) the score before rules is Σᵢ wᵢ sᵢ. Between Result A and Result B:

    Δ = Σᵢ wᵢᴬ (sᵢᴮ − sᵢᴬ)          scores, for metrics scored in both
      + Σᵢ (wᵢᴮ − wᵢᴬ) sᵢᴮ          weights (the spec's AHP, or a sibling's data coming or going)
      + Σⱼ (wⱼᴮ sⱼᴮ − wⱼᴬ sⱼᴬ)      coverage, for metrics scored in only one of the two
      + (rules B − rules A)          bonus, penalty and the clamp to 0–100, after − before rules

which sums to score B − score A (both after rules) up to floating-point rounding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from evalkit.diff.spec import SpecChange, spec_changes
from evalkit.result.changes import value_change


@dataclass(frozen=True)
class Contribution:
    """One metric's part of the change, in points of the overall score."""

    metric: str
    criterion: str | None
    """The top-level criterion the metric sits under."""
    score: float
    weight: float
    coverage: float

    @property
    def total(self) -> float:
        """The metric's whole contribution."""
        return self.score + self.weight + self.coverage


@dataclass(frozen=True)
class ScoreChange:
    """The change from Result A to Result B and where it comes from."""

    before: float
    after: float
    metrics: tuple[Contribution, ...]
    rules: float
    criteria: Mapping[str, float]
    moved: tuple[Mapping[str, Any], ...]
    """The metrics whose values moved, largest score change first."""
    data: tuple[Mapping[str, Any], ...]
    """Per table: rows in A and B, rows added and removed, and whether its content changed."""
    spec_changed: bool
    spec: tuple[SpecChange, ...] | None = None
    """The keys of the resolved spec that changed; None when either Result predates
    ``provenance.spec_resolved`` (only the hashes can be compared)."""

    @property
    def total(self) -> float:
        """Score B − score A, after rules."""
        return self.after - self.before

    def to_json(self) -> dict[str, Any]:
        """The JSON ``evalkit diff --json`` prints."""
        parts = {
            "scores": sum(c.score for c in self.metrics),
            "weights": sum(c.weight for c in self.metrics),
            "coverage": sum(c.coverage for c in self.metrics),
            "rules": self.rules,
        }
        return {
            "before": self.before,
            "after": self.after,
            "change": self.total,
            "parts": parts,
            "criteria": dict(self.criteria),
            "metrics": [{**asdict(c), "total": c.total} for c in self.metrics],
            "moved": [dict(m) for m in self.moved],
            "data": [dict(d) for d in self.data],
            "spec_changed": self.spec_changed,
            "spec": None if self.spec is None else [c.to_json() for c in self.spec],
        }


def decompose(a: Mapping[str, Any], b: Mapping[str, Any], top: int = 5) -> ScoreChange:
    """The decomposition of B's overall score against A's (two result.json objects);
    ValueError when either has no overall score."""
    before, after = a["overall"].get("score"), b["overall"].get("score")
    if before is None or after is None:
        raise ValueError("a Result without an overall score (insufficient data) has no change")
    ma, mb = _metrics(a), _metrics(b)
    tops = {**_top_criteria(a), **_top_criteria(b)}
    contributions = []
    for metric in sorted(set(ma) | set(mb)):
        wa, sa = _weighted(ma.get(metric))
        wb, sb = _weighted(mb.get(metric))
        if wa and wb:
            part = Contribution(metric, tops.get(metric), wa * (sb - sa), (wb - wa) * sb, 0.0)
        else:
            part = Contribution(metric, tops.get(metric), 0.0, 0.0, wb * sb - wa * sa)
        contributions.append(part)
    criteria: dict[str, float] = {}
    for c in contributions:
        key = c.criterion or ""
        criteria[key] = criteria.get(key, 0.0) + c.total
    return ScoreChange(
        before=float(before),
        after=float(after),
        metrics=tuple(contributions),
        rules=_rules(b) - _rules(a),
        criteria=criteria,
        moved=_moved(ma, mb, top),
        data=_data(a, b),
        spec_changed=a["provenance"].get("spec_sha256") != b["provenance"].get("spec_sha256"),
        spec=_spec(a, b),
    )


def _spec(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[SpecChange, ...] | None:
    sa, sb = a["provenance"].get("spec_resolved"), b["provenance"].get("spec_resolved")
    if sa is None or sb is None:
        return None
    return spec_changes(sa, sb)


def _metrics(result: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(m["id"]): m for m in result.get("metrics") or ()}


def _weighted(metric: Mapping[str, Any] | None) -> tuple[float, float]:
    """(global weight used, score): a metric that did not count has weight 0."""
    if metric is None or metric.get("global_weight") is None:
        return 0.0, 0.0
    return float(metric["global_weight"]), float(metric.get("score") or 0.0)


def _rules(result: Mapping[str, Any]) -> float:
    """What the rules (and the clamp to 0–100) added to the score before rules."""
    overall = result["overall"]
    return float(overall["score"]) - float(overall.get("score_before_rules") or 0.0)


def _top_criteria(result: Mapping[str, Any]) -> dict[str, str]:
    """Metric id → its top-level criterion (a child of ``root``)."""
    parent = {str(c["id"]): c.get("parent") for c in result.get("criteria") or ()}
    found = {}
    for m in result.get("metrics") or ():
        node = m.get("criterion")
        while node and parent.get(node) not in (None, "root"):
            node = parent[node]
        if node:
            found[str(m["id"])] = str(node)
    return found


def _moved(
    ma: Mapping[str, Mapping[str, Any]], mb: Mapping[str, Mapping[str, Any]], top: int
) -> tuple[dict[str, Any], ...]:
    rows = []
    for metric in set(ma) & set(mb):
        a, b = ma[metric], mb[metric]
        if a.get("value") is None or b.get("value") is None:
            continue
        change = value_change(b["value"], a["value"], str(b.get("unit") or ""))
        score_change = (b.get("score") or 0.0) - (a.get("score") or 0.0)
        rows.append(
            {
                "metric": metric,
                "title": b.get("title"),
                "unit": b.get("unit"),
                "before": a["value"],
                "after": b["value"],
                "change": None if change is None else {"value": change.value, "kind": change.kind},
                "score_change": score_change,
            }
        )
    rows.sort(key=lambda r: (-abs(r["score_change"]), r["metric"]))
    return tuple(r for r in rows[:top] if r["score_change"] or r["before"] != r["after"])


def _data(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """Per table read by either: rows before and after, rows added and removed (the difference
    of the counts: one content hash per table says whether rows were edited, not how many),
    and whether its content changed."""
    da = {str(d["table"]): d for d in a["provenance"].get("data") or ()}
    db = {str(d["table"]): d for d in b["provenance"].get("data") or ()}
    rows = []
    for table in sorted(set(da) | set(db)):
        before, after = da.get(table) or {}, db.get(table) or {}
        net = int(after.get("rows") or 0) - int(before.get("rows") or 0)
        rows.append(
            {
                "table": table,
                "rows_before": before.get("rows"),
                "rows_after": after.get("rows"),
                "added": max(net, 0),
                "removed": max(-net, 0),
                "changed": _changed(before, after),
            }
        )
    return tuple(rows)


def _changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool | None:
    """Whether a table's content changed: by its content hash; a table without one (a
    database table, which is never scanned to hash it) by its row count, None (unknown) when
    that is the same."""
    if not before or not after:
        return True
    if before.get("sha256") and after.get("sha256"):
        return bool(before["sha256"] != after["sha256"])
    return True if before.get("rows") != after.get("rows") else None


def largest(parts: Sequence[Contribution], top: int) -> list[Contribution]:
    """The ``top`` metrics with the largest contributions, by size."""
    return sorted(parts, key=lambda c: (-abs(c.total), c.metric))[:top]
