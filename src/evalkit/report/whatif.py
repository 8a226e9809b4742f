"""What-if weights in report.html: what the page needs to roll the scores up again.

A reader moves a top-level criterion's weight, or an AHP judgment of a node weighted from one
complete comparison matrix, and ``whatif.js`` recomputes the node's weights (eigenvector), the
overall score and grade from the Result's metric scores with the roll-up of
``evalkit.scoring.rollup`` (each node re-normalised over the children that counted). The block
is inserted into the HTML file only: the PDF is the record of the evaluation as made and has no
controls. The dashboard's evaluation page (``evalkit serve``) renders the same block with
``whatif_block`` and loads the same script from a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from evalkit.ahp.scale import SAATY_VALUES, nearest_saaty
from evalkit.report.context import ReportContext
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator
from evalkit.report.templates import inline_source
from evalkit.spec.model import DEFAULT_GRADES

MARKER = "<!-- evalkit:whatif -->"
"""Where ``render_html`` leaves room for the block (after the summary)."""
OVERALL = re.compile(r"\boverall_score\s*\(|\bgrade\s*\(")
"""A rule condition that reads the overall score or grade (before rules)."""
SCORE_EFFECTS = ("bonus", "penalty", "cap_grade")
COMPARED = ("judgments", "matrix")
"""The AHP sources whose matrix is one decision-maker's (a group's is an aggregate)."""
BLOCK, SCRIPT, STYLE = "whatif.html", "whatif.js", "whatif.css"
"""The block's markup, script and styles among the report templates."""


def whatif_data(result: Mapping[str, Any]) -> dict[str, Any] | None:
    """The numbers ``whatif.js`` works from; None when there is nothing to move (no overall
    score before rules, or fewer than two weighted top-level criteria)."""
    overall = result.get("overall") or {}
    ranges = [r for r in result.get("sensitivity") or () if r.get("weight") is not None]
    if overall.get("score_before_rules") is None or len(ranges) < 2:
        return None
    criteria = {str(c["id"]): c for c in result.get("criteria") or ()}
    children: dict[str, dict[str, float]] = {node: {} for node in criteria}
    for c in criteria.values():
        if c.get("parent") and c.get("configured_weight") is not None:
            children[str(c["parent"])][str(c["id"])] = float(c["configured_weight"])
    scores: dict[str, float | None] = {}
    for m in result.get("metrics") or ():
        if m.get("criterion") and m.get("configured_weight") is not None and _scored(m):
            children[str(m["criterion"])][str(m["id"])] = float(m["configured_weight"])
            scores[str(m["id"])] = m.get("score")
    scoring = result.get("scoring") or {}
    bands = scoring.get("grades") or dict(DEFAULT_GRADES)  # a Result from before they were kept
    grades = sorted(((str(g), float(v)) for g, v in bands.items()), key=lambda g: -g[1])
    return {
        "weights": children,
        "scores": scores,
        "missing": scoring.get("missing", "renormalize"),
        "min_coverage": float(scoring.get("min_coverage") or 0.0),
        "grades": grades,
        "bonus": float(overall.get("bonus") or 0.0),
        "penalty": float(overall.get("penalty") or 0.0),
        "caps": _caps(result),
        "judgments": judgment_nodes(result),
        "score_before_rules": overall["score_before_rules"],
        "score": overall.get("score"),
        "grade": overall.get("grade"),
        "sliders": [
            {
                "id": str(r["criterion"]),
                "weight": float(r["weight"]),
                "min": float(r["min_weight"]),
                "max": float(r["max_weight"]),
            }
            for r in ranges
        ],
    }


def _scored(metric: Mapping[str, Any]) -> bool:
    """Whether the roll-up counts the metric (a target to score against), as
    ``MetricInstance.is_scored`` does."""
    target = metric.get("target") or {}
    has_target = bool(target.get("bands")) or (
        target.get("goal") is not None and target.get("red_flag") is not None
    )
    return has_target and metric.get("direction") != "none"


def _caps(result: Mapping[str, Any]) -> list[str]:
    return [
        str(r["effects"]["cap_grade"])
        for r in result.get("rules") or ()
        if r.get("fired") and (r.get("effects") or {}).get("cap_grade")
    ]


def judgment_nodes(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The criteria nodes whose judgments a reader may move (``_movable``), root first, then in
    the Result's order: node → ``items``, the full ``matrix``, ``ri``, ``threshold`` and
    ``cr``."""
    ahp = result.get("ahp") or {}
    methods = _methods(result)
    order = sorted((str(c["id"]) for c in result.get("criteria") or ()), key=lambda n: n != "root")
    return {
        node: {
            "items": [str(i) for i in ahp[node]["items"]],
            "matrix": [[float(x) for x in row] for row in ahp[node]["matrix"]],
            "ri": float(ahp[node]["ri"]),
            "threshold": float(ahp[node]["threshold"]),
            "cr": float(ahp[node]["cr"]),
        }
        for node in order
        if node in ahp and _movable(ahp[node], methods.get(node, "eigenvector"))
    }


def _methods(result: Mapping[str, Any]) -> dict[str, str]:
    """Node → the ``method`` of its ``weights:`` block in the resolved spec (the default
    ``eigenvector`` when unset; none for a Result that keeps no resolved spec)."""
    spec = (result.get("provenance") or {}).get("spec_resolved") or {}
    return {
        str(node): str((block or {}).get("method") or "eigenvector")
        for node, block in (spec.get("weights") or {}).items()
    }


def _movable(block: Mapping[str, Any], method: str) -> bool:
    """Whether an ``ahp.<node>`` block's weights come from one decision-maker's complete matrix
    (``source`` ``judgments`` or ``matrix``, no pair ``completed``, two items or more) by the
    eigenvector method: the page's eigenvector of that matrix gives the report's weights back."""
    return (
        block.get("source") in COMPARED
        and bool(block.get("matrix"))
        and block.get("completed") is None
        and len(block.get("items") or ()) >= 2
        and method == "eigenvector"
    )


def judgment_pairs(node: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A node's pairs i < j in its items' order: ``i``, ``j``, ``value`` (a_ij) and
    ``position``, the index of the nearest of Saaty's 17 scale values (the control's
    starting point)."""
    matrix = node["matrix"]
    n = len(node["items"])
    return [
        {
            "i": i,
            "j": j,
            "value": matrix[i][j],
            "position": SAATY_VALUES.index(nearest_saaty(matrix[i][j])),
        }
        for i in range(n)
        for j in range(i + 1, n)
    ]


def score_rules(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The fired rules that changed the score or grade, each with ``reapplied``: False when its
    condition reads the overall score or grade (the page cannot evaluate it again, so its
    effect stays as in the Result), or when the Result does not keep the rule's condition."""
    spec = (result.get("provenance") or {}).get("spec_resolved") or {}
    when = {str(r.get("id")): str(r.get("when") or "") for r in spec.get("rules") or ()}
    return [
        {
            "id": str(r["id"]),
            "title": r.get("title"),
            "reapplied": str(r["id"]) in when and not OVERALL.search(when[str(r["id"])]),
        }
        for r in result.get("rules") or ()
        if r.get("fired") and any(k in (r.get("effects") or {}) for k in SCORE_EFFECTS)
    ]


def whatif_block(
    env: Environment,
    result: Mapping[str, Any],
    t: Translator,
    fmt: Formatter,
    name: Callable[[str], str],
    *,
    inline: bool,
) -> Markup:
    """The what-if block of ``whatif.html`` (controls and data) for ``result``; empty
    when the Result has nothing to move. ``inline``: with ``whatif.js`` in a script element
    (report.html); else the page loads the script from a file after the block (the dashboard,
    whose Content-Security-Policy allows no inline script). ``name``: a criterion's title. The
    page carries ``whatif.css`` in its head."""
    data = whatif_data(result)
    if data is None:
        return Markup("")
    return Markup(
        env.get_template(BLOCK).render(
            t=t,
            fmt=fmt,
            name=name,
            data=data,
            rules=score_rules(result),
            pairs=judgment_pairs,
            script=inline_source(env, SCRIPT) if inline else "",
        )
    )


def with_whatif(html: str, ctx: ReportContext, env: SandboxedEnvironment) -> str:
    """``html`` with the what-if block (controls, data and ``whatif.js``) at the marker; the
    marker alone is dropped when the Result has nothing to move."""
    return html.replace(
        MARKER, whatif_block(env, ctx.result, ctx.t, ctx.fmt, ctx.name, inline=True), 1
    )
