"""Survey metrics: customer effort, response rate, and the experience − expectation gap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.protocol import Aggregate, Frame, Measure, Params, Values
from evalkit.compute.templates import observed_sample, period_by_schema, rate, spread
from evalkit.metric import MetricDefinition

CES_MIN, CES_MAX = 1, 7


def _schema(*period_by: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"period_by": period_by_schema(*period_by)},
        "additionalProperties": False,
    }


def _ces_in_scale(t: ir.Table) -> ir.BooleanValue:
    return t.ces_score.between(CES_MIN, CES_MAX)


def _ces_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    return spread(t.ces_score, _ces_in_scale(t))


def _ces_excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    t = frame.table
    return {"out_of_range": t.ces_score.notnull() & ~_ces_in_scale(t)}


def _measured(measured: Values, params: Params) -> float | None:
    return measured.get("value")


CES = MetricDefinition(
    id="ces",
    title={"en": "Customer effort score", "zh": "客户费力度"},
    description=(
        "Mean effort score (1–7) of answered surveys with an effort score. Scores outside 1–7 "
        "are left out and counted in the ledger as out_of_range."
    ),
    formula="mean(ces_score) over answered surveys with 1 ≤ ces_score ≤ 7",
    unit="score",
    direction="lower",
    columns={"surveys": ("answered_at", "ces_score")},
    computation=Aggregate(
        "surveys", _ces_measures, _measured, excluded=_ces_excluded, sample=observed_sample
    ),
    params_schema=_schema("answered_at"),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "有费力度评分的已答问卷的平均费力度（1–7）。超出 1–7 的评分不计入，并以 out_of_rang"
                "e 记入台账。"
            ),
            "formula": "1 ≤ ces_score ≤ 7 的已答问卷的 mean(ces_score)",
        }
    },
)

SURVEY_RESPONSE_RATE = MetricDefinition(
    id="survey_response_rate",
    title={"en": "Survey response rate", "zh": "客户反馈率"},
    description=(
        "Share of the surveys sent in the period that were answered (at any time). Surveys are "
        "attributed by sent_at here, since an unanswered survey has no answered_at."
    ),
    formula="surveys sent in the period with answered_at ÷ surveys sent in the period",
    unit="fraction",
    direction="higher",
    columns={"surveys": ("answered_at", "sent_at")},
    computation=rate("surveys", lambda t, p: t.answered_at.notnull(), period_by="sent_at"),
    params_schema=_schema("sent_at"),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "本期发出的问卷中（任何时间）得到回答的占比。未回答的问卷没有 answered_at，故此处按"
                " sent_at 归属期间。"
            ),
            "formula": "本期发出且有 answered_at 的问卷 ÷ 本期发出的问卷",
        }
    },
)


def _gap_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    return spread(t.experienced_score - t.expected_score)


EXPECTATION_GAP = MetricDefinition(
    id="expectation_gap",
    title={"en": "Expectation gap", "zh": "期望差距"},
    description=(
        "Satisfaction as experience minus expectation: the mean of experienced_score − "
        "expected_score over answered survey items that carry both scores."
    ),
    formula="mean(experienced_score − expected_score) over items with both scores",
    unit="points",
    direction="higher",
    columns={"surveys": ("answered_at", "expected_score", "experienced_score")},
    computation=Aggregate("surveys", _gap_measures, _measured, sample=observed_sample),
    params_schema=_schema("answered_at"),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "满意度 = 体验 − 期望：同时有两项评分的已答问卷条目上 experienced_score − expected_"
                "score 的平均值。"
            ),
            "formula": "同时有两项评分的条目的 mean(experienced_score − expected_score)",
        }
    },
)
