"""Each expert's consistency per node, computed by :mod:`evalkit.ahp`, and the one-line
message a consultant can send back to them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evalkit.ahp.comparisons import Comparisons, Judgment
from evalkit.ahp.incomplete import components
from evalkit.ahp.model import AhpResult, MostInconsistent
from evalkit.ahp.options import Options
from evalkit.ahp.priorities import solve
from evalkit.ahp.scale import format_value
from evalkit.experts.collect import Returned
from evalkit.experts.layout import language
from evalkit.experts.plan import Node


@dataclass(frozen=True)
class NodeFeedback:
    """One expert's answers at one node: how many pairs, CR, the judgment to revisit."""

    expert: str
    node: str
    judged: int
    pairs: int
    cr: float | None
    """None when the answers do not link every item (no weights can be computed)."""
    consistent: bool
    worst: MostInconsistent | None
    message: str

    @property
    def usable(self) -> bool:
        """Whether the answers link every item, so that the expert can join the group."""
        return self.cr is not None


_MESSAGES = {
    "zh": {
        "ok": "{expert}，{node}：一致性比率 CR {cr} ≤ {limit}，判断一致，谢谢。",
        "bad": (
            "{expert}，{node}：一致性比率 CR {cr} 高于 {limit}。请复核「{a}」与「{b}」的比较"
            "（您的判断为 {value}），约 {agree} 与您的其他判断一致。"
        ),
        "gap": "{expert}，{node}：已判断 {judged}/{pairs} 对，不足以连接所有指标，请补充判断。",
    },
    "en": {
        "ok": "{expert}, {node}: CR {cr} ≤ {limit}, consistent; thank you.",
        "bad": (
            "{expert}, {node}: CR {cr} is above {limit}. Please revisit “{a}” vs “{b}” (you "
            "judged {value}); about {agree} would agree with your other answers."
        ),
        "gap": (
            "{expert}, {node}: {judged} of {pairs} pairs judged, not enough to link every item; "
            "please judge a few more."
        ),
    },
}


def node_feedback(
    returned: Returned, node: Node, reference: AhpResult, locale: str
) -> NodeFeedback:
    """The analysis of ``returned``'s answers at ``node`` under the spec's options for it."""
    answers = returned.node_answers(node.id)
    judgments = tuple(Judgment(a.a, a.b, a.value) for a in answers)
    comparisons = Comparisons(node.items, judgments)
    pairs = len(node.pairs())
    texts = _MESSAGES[language(locale)]
    title = dict(zip(node.items, node.titles, strict=True))
    expert = returned.member.name
    fields: dict[str, object] = {
        "expert": expert,
        "node": node.title,
        "judged": len(answers),
        "pairs": pairs,
        "limit": f"{reference.threshold:.2f}",
    }
    if not answers or len(components(comparisons.n, comparisons.pairs())) > 1:
        message = texts["gap"].format(**fields)
        return NodeFeedback(expert, node.id, len(answers), pairs, None, False, None, message)
    options = Options(ri_table=reference.ri_table, threshold=reference.threshold)
    solution = solve(comparisons, options)
    c, worst = solution.consistency, solution.most_inconsistent
    fields["cr"] = f"{c.cr:.3f}"
    if c.consistent or worst is None:
        message = texts["ok"].format(**fields)
    else:
        message = texts["bad"].format(
            **fields,
            a=title[worst.a],
            b=title[worst.b],
            value=format_value(worst.value),
            agree=worst.saaty_label,
        )
    return NodeFeedback(expert, node.id, len(answers), pairs, c.cr, c.consistent, worst, message)


def all_feedback(
    returned: Sequence[Returned],
    nodes: Sequence[Node],
    reference: Mapping[str, AhpResult],
    locale: str,
) -> tuple[NodeFeedback, ...]:
    """The feedback of every expert at every node, expert by expert."""
    return tuple(
        node_feedback(r, node, reference[node.id], locale) for r in returned for node in nodes
    )
