"""What ``evalkit experts collect`` writes: the ``experts:`` blocks a spec can ``extends:``
(each node's group analysed by :func:`evalkit.ahp.analyse_block`, exactly as ``evalkit ahp``
would on the same YAML) and the canonical ``ratings`` table."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from evalkit.ahp import AhpResult, analyse_block
from evalkit.ahp.collected import Collected
from evalkit.ahp.scale import format_value
from evalkit.experts.collect import Returned
from evalkit.experts.feedback import NodeFeedback
from evalkit.experts.plan import Node, Plan
from evalkit.yamldoc import load_yaml_text

RATINGS_COLUMNS = (
    "indicator",
    "score",
    "period",
    "rater",
    "weight",
    "scale_max",
    "rated_at",
    "source",
)


@dataclass(frozen=True)
class Group:
    """A node's group: the experts in it, those left out, and the group's AHP result."""

    node: Node
    members: tuple[str, ...]
    dropped: tuple[str, ...]
    block: Mapping[str, Any]
    """The node's ``experts:`` and ``collected:`` keys, as the weights YAML gives them."""
    result: AhpResult | None
    """None when no expert is left to form the group."""


def node_block(node: Node, returned: Sequence[Returned], members: Sequence[str]) -> dict[str, Any]:
    """``{experts: {name: {weight, judgments}}}`` for ``node`` with the ``members`` named."""
    experts: dict[str, Any] = {}
    for r in returned:
        if r.member.name not in members:
            continue
        judgments: dict[str, dict[str, Any]] = {}
        for answer in r.node_answers(node.id):
            judgments.setdefault(answer.a, {})[answer.b] = _value(answer.value)
        experts[r.member.name] = {"weight": r.member.weight, "judgments": judgments}
    return {"experts": experts}


def _value(value: float) -> int | str:
    """``5`` or ``"1/5"``: exact, and as a person writes it."""
    shown = format_value(value)
    return int(shown) if shown.isdigit() else shown


def groups(
    plan: Plan,
    returned: Sequence[Returned],
    feedback: Sequence[NodeFeedback],
    reference: Mapping[str, AhpResult],
    *,
    drop_inconsistent: bool,
    at: str,
) -> tuple[Group, ...]:
    """Each node's group: experts whose answers link the items, minus (with
    ``drop_inconsistent``) those whose CR is above the node's threshold; the choice and who
    was left out go into the block's ``collected:`` (collected ``at``, ISO 8601)."""
    out = []
    for node in plan.nodes:
        here = [f for f in feedback if f.node == node.id]
        kept = [f.expert for f in here if f.usable and (f.consistent or not drop_inconsistent)]
        dropped = tuple(f.expert for f in here if f.expert not in kept)
        collected = Collected(
            at,
            "drop" if drop_inconsistent else "keep",
            inconsistent=tuple(f.expert for f in here if f.usable and not f.consistent),
            incomplete=tuple(f.expert for f in here if not f.usable),
        )
        block = {**node_block(node, returned, kept), "collected": collected.to_json()}
        result = None
        if kept:
            ref = reference[node.id]
            options = {"threshold": ref.threshold, "ri_table": ref.ri_table}
            text = yaml.safe_dump({**options, **block}, allow_unicode=True, sort_keys=False)
            doc = load_yaml_text(text, f"{node.id} (collected)")
            result = analyse_block(doc, (), node.items)
        out.append(Group(node, tuple(kept), dropped, block, result))
    return tuple(out)


def collected_at() -> str:
    """Now, as ``collected: {at: …}`` and the weights file's header give it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def weights_yaml(
    plan: Plan,
    returned: Sequence[Returned],
    built: Sequence[Group],
    drop_inconsistent: bool,
    at: str,
) -> str:
    """The YAML a spec ``extends:``: per node, the preset's or spec's judgments removed (null)
    and the experts' block put in their place with its ``collected:`` provenance; the same
    summarised in the leading comments."""
    lines = [
        f"# Written by `evalkit experts collect` for {plan.spec} on {at}.",
        "# Add this file to the spec's extends: (after the presets) to use these weights.",
        "# Aggregation: AIJ (weighted geometric mean of the judgments); experts above the CR "
        f"threshold: {'dropped' if drop_inconsistent else 'kept'} (--drop-inconsistent).",
    ]
    for r in returned:
        lines.append(f"# {r.member.name} ({r.member.role}, weight {r.member.weight:g}): {r.file}")
    for group in built:
        if group.dropped:
            lines.append(f"# {group.node.id}: left out {', '.join(group.dropped)}")
        if group.result is None:
            lines.append(f"# {group.node.id}: no expert left; the spec's own weights stay")
    weights = {
        g.node.id: {"judgments": None, "matrix": None, "weights": None, **g.block}
        for g in built
        if g.result is not None
    }
    body = yaml.safe_dump({"weights": weights}, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(lines) + "\n" + body


def ratings_csv(plan: Plan, returned: Sequence[Returned], paths: Mapping[str, Path]) -> str:
    """The canonical ``ratings`` table: one row per score, with who rated what and when
    (the day the workbook was last saved)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(RATINGS_COLUMNS)
    for r in returned:
        saved = datetime.fromtimestamp(paths[r.file].stat().st_mtime, UTC).date().isoformat()
        for score in r.scores:
            writer.writerow(
                (
                    score.indicator,
                    f"{score.score:g}",
                    plan.period,
                    r.member.name,
                    f"{r.member.weight:g}",
                    score.scale_max,
                    saved,
                    r.file,
                )
            )
    return buffer.getvalue()
