"""Qualitative indicators rated by experts (定性指标): the weighted mean rating per period.

A rating row belongs to the window whose key equals its ``period``; rows without a period
apply to every window (a one-off rating sheet). The rating sheet carries no customer, so there
is no segment breakdown.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import General, GeneralContext, GeneralResult, ratio
from evalkit.metric import MetricDefinition
from evalkit.samples import MeanSample


def _expert_rating(context: GeneralContext) -> GeneralResult:
    t = context.tables["ratings"]
    params = context.params
    indicator = str(params["indicator"])
    scale_min = float(params.get("scale_min", 1))
    default_max = float(params.get("scale_max", 5))
    top = (
        t.scale_max.fill_null(default_max)
        if "scale_max" in t.columns
        else ibis.literal(default_max)
    )
    weight = t.weight.fill_null(1.0) if "weight" in t.columns else ibis.literal(1.0)
    rater = t.rater if "rater" in t.columns else ibis.null("string")
    valid = t.score.between(scale_min, top) & (weight >= 0)
    chosen = (t.indicator == indicator) & t.score.notnull()
    windows = context.windows.all()
    named: dict[str, ir.Scalar] = {}
    for i, window in enumerate(windows):
        here = (chosen & valid & (t.period.isnull() | (t.period == window.key))).fill_null(False)
        score = t.score.cast("float64")
        named |= {
            f"ws{i}": (score * weight).sum(where=here),
            f"w{i}": weight.cast("float64").sum(where=here),
            f"raters{i}": rater.nunique(where=here) + t.count(where=here & rater.isnull()),
            f"min{i}": score.min(where=here),
            f"max{i}": score.max(where=here),
            f"sd{i}": score.std(how="pop", where=here),
            f"n{i}": t.count(where=here),
            f"ssd{i}": score.std(how="sample", where=here),
        }
    named["out_of_range"] = t.count(where=(chosen & ~valid).fill_null(False))
    row = context.execute(t.aggregate(**named)).to_pylist()[0]
    values: dict[str, float | None] = {}
    spread: dict[str, dict[str, Any]] = {}
    samples: dict[str, MeanSample] = {}
    for i, window in enumerate(windows):
        values[window.key] = ratio(row[f"ws{i}"], row[f"w{i}"])
        mean, n = values[window.key], int(row[f"n{i}"] or 0)
        if mean is not None and n:
            samples[window.key] = MeanSample(n, mean, row[f"ssd{i}"] or 0.0)
        spread[window.key] = {
            "raters": int(row[f"raters{i}"] or 0),
            "min": row[f"min{i}"],
            "max": row[f"max{i}"],
            "std_dev": row[f"sd{i}"],
        }
    return GeneralResult(
        values,
        ledger={"out_of_range": int(row["out_of_range"] or 0)},
        samples=samples,
        details={"indicator": indicator, "scale_max": default_max, "windows": spread},
    )


EXPERT_RATING = MetricDefinition(
    id="expert_rating",
    title={"en": "Expert rating", "zh": "专家评分"},
    description=(
        "Weighted mean of the experts' scores of one qualitative indicator (param indicator, "
        "e.g. communication 沟通能力) in the period; a row without weight weighs 1. Scores "
        "outside [scale_min, scale_max] (the row's scale_max, else the param) are left out and "
        "counted as out_of_range. The optional columns weight, rater and scale_max are used "
        "when the sheet has them. The details give, per period, the number of raters and the "
        "spread: min, max and population standard deviation of the unweighted scores. The 95 % "
        "interval is a t interval over the ratings (their sample standard deviation)."
    ),
    formula="Σ weight × score ÷ Σ weight over the indicator's ratings of the period",
    unit="rating",
    direction="higher",
    columns={"ratings": ("indicator", "score", "period")},
    computation=General(("ratings",), _expert_rating),
    params_schema={
        "type": "object",
        "properties": {
            "indicator": {"type": "string", "description": "the indicator rated, as in the sheet"},
            "scale_min": {"type": "number", "default": 1, "description": "lowest valid score"},
            "scale_max": {
                "type": "number",
                "default": 5,
                "description": "highest valid score where the sheet gives none",
            },
            "anchors": {
                "type": "object",
                "description": (
                    "what some scores mean, shown on the experts' rating sheet "
                    "(evalkit experts questionnaire): {1: very poor, 3: adequate, 5: excellent}; "
                    "a text or {en: …, zh: …} per score"
                ),
                "additionalProperties": {
                    "oneOf": [
                        {"type": "string"},
                        {
                            "type": "object",
                            "properties": {"en": {"type": "string"}, "zh": {"type": "string"}},
                            "additionalProperties": False,
                        },
                    ]
                },
            },
        },
        "required": ["indicator"],
        "additionalProperties": False,
    },
    category="qualitative",
    translations={
        "zh": {
            "description": (
                "本期专家对某一定性指标（参数 indicator，如沟通能力 communication）评分的加权平均；"
                "无 weight 的行权重为 1。超出 [scale_min, scale_max]（行内 scale_max，否则取参数）"
                "的评分不计入，计为 out_of_range。评分表有 weight、rater、scale_max 列时使用之。明"
                "细按期间给出评分人数及离散程度：未加权评分的最小值、最大值与总体标准差。95% 区间为"
                "基于各评分（样本标准差）的 t 区间。"
            ),
            "formula": "本期该指标评分的 Σ weight × score ÷ Σ weight",
        }
    },
)
