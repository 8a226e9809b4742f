"""The data the what-if sliders recompute the overall score from (``whatif.js``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evalkit.spec.criteria import ROOT
from evalkit.spec.model import DEFAULT_GRADES


def whatif_model(result: Mapping[str, Any]) -> dict[str, Any]:
    """The criteria tree, local weights, scored metrics' scores, ``scoring.missing`` and grade
    bands of ``result``, as ``whatif.js`` reads them."""
    nodes = {str(c["id"]): [str(k) for k in c.get("children") or ()] for c in result["criteria"]}
    weights = {
        str(item["id"]): float(item["local_weight"])
        for item in (*result["criteria"], *result["metrics"])
        if item.get("local_weight") is not None and item["id"] != ROOT
    }
    scores = {
        str(m["id"]): m.get("score") for m in result["metrics"] if m.get("local_weight") is not None
    }
    scoring = result.get("scoring") or {}
    bands = scoring.get("grades") or dict(DEFAULT_GRADES)  # a Result from before they were kept
    grades = sorted(bands.items(), key=lambda g: -float(g[1]))
    overall = result["overall"]
    return {
        "nodes": nodes,
        "weights": weights,
        "scores": scores,
        "missing": scoring.get("missing", "renormalize"),
        "grades": [[g, float(minimum)] for g, minimum in grades],
        "score": overall.get("score_before_rules"),
    }


def sliders(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One slider per top-level criterion that counted: its weight and the range within which
    the overall grade stays the same (``sensitivity`` of the Result)."""
    ranges = {str(r["criterion"]): r for r in result.get("sensitivity") or ()}
    found = []
    for c in result["criteria"]:
        if c.get("parent") != ROOT or c.get("local_weight") is None:
            continue
        r = ranges.get(str(c["id"]), {})
        found.append(
            {
                "id": str(c["id"]),
                "title": c.get("title"),
                "weight": float(c["local_weight"]),
                "min": r.get("min_weight"),
                "max": r.get("max_weight"),
            }
        )
    return found
