"""Survey metrics: customer satisfaction (CSAT) and net promoter score (NPS)."""

from __future__ import annotations

from collections.abc import Mapping

import ibis.expr.types as ir

from evalkit.compute.protocol import Aggregate, Frame, Measure, Params, Values, count, ratio
from evalkit.compute.templates import proportion_sample
from evalkit.metric import MetricDefinition
from evalkit.samples import NpsSample


def _out_of_range(score: ir.NumericValue, low: int, high: int) -> ir.BooleanValue:
    return score.notnull() & ((score < low) | (score > high))


def _csat_measures(frame: Frame) -> Mapping[str, Measure]:
    score = frame.table.csat_score
    valid = score.between(1, 5)
    satisfied_min = float(frame.params.get("satisfied_min", 4))
    return {"answered": count(valid), "satisfied": count(valid & (score >= satisfied_min))}


def _csat_value(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("satisfied"), measured.get("answered"))


def _csat_excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    return {"out_of_range": _out_of_range(frame.table.csat_score, 1, 5)}


CSAT = MetricDefinition(
    id="csat",
    title={"en": "Customer satisfaction", "zh": "客户满意度"},
    description=(
        "Share of answered CSAT responses (1–5) scoring at least satisfied_min. Scores "
        "outside 1–5 are left out and counted in the ledger as out_of_range."
    ),
    formula="responses with csat_score ≥ satisfied_min ÷ answered CSAT responses",
    unit="fraction",
    direction="higher",
    columns={"surveys": ("answered_at", "csat_score")},
    computation=Aggregate(
        "surveys",
        _csat_measures,
        _csat_value,
        excluded=_csat_excluded,
        sample=proportion_sample("satisfied", "answered"),
    ),
    params_schema={
        "type": "object",
        "properties": {
            "satisfied_min": {"type": "number", "minimum": 1, "maximum": 5, "default": 4}
        },
        "additionalProperties": False,
    },
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "已回答的 CSAT 评分（1–5）中不低于 satisfied_min 的占比。超出 1–5 的评分不计入，并"
                "以 out_of_range 记入台账。"
            ),
            "formula": "csat_score ≥ satisfied_min 的回答 ÷ 已回答的 CSAT 问卷",
        }
    },
)


def _nps_measures(frame: Frame) -> Mapping[str, Measure]:
    score = frame.table.nps_score
    valid = score.between(0, 10)
    return {
        "answered": count(valid),
        "promoters": count(valid & (score >= 9)),
        "detractors": count(valid & (score <= 6)),
    }


def _nps_value(measured: Values, params: Params) -> float | None:
    promoters = ratio(measured.get("promoters"), measured.get("answered"))
    detractors = ratio(measured.get("detractors"), measured.get("answered"))
    if promoters is None or detractors is None:
        return None
    return 100.0 * (promoters - detractors)


def _nps_sample(measured: Values, params: Params) -> NpsSample | None:
    n = int(measured.get("answered") or 0)
    promoters, detractors = measured.get("promoters") or 0.0, measured.get("detractors") or 0.0
    return NpsSample(n, promoters, detractors) if n else None


def _nps_excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    return {"out_of_range": _out_of_range(frame.table.nps_score, 0, 10)}


NPS = MetricDefinition(
    id="nps",
    title={"en": "Net promoter score", "zh": "净推荐值"},
    description=(
        "Promoters (9–10) minus detractors (0–6) among answered NPS responses, in points "
        "(−100 to 100). Scores outside 0–10 are left out and counted in the ledger as "
        "out_of_range."
    ),
    formula="100 × (share of nps_score 9–10 − share of nps_score 0–6)",
    unit="points",
    direction="higher",
    columns={"surveys": ("answered_at", "nps_score")},
    computation=Aggregate(
        "surveys", _nps_measures, _nps_value, excluded=_nps_excluded, sample=_nps_sample
    ),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "已回答 NPS 问卷中推荐者（9–10）占比减去贬损者（0–6）占比，单位为点（−100 至 100）"
                "。超出 0–10 的评分不计入，并以 out_of_range 记入台账。"
            ),
            "formula": "100 × (nps_score 为 9–10 的占比 − nps_score 为 0–6 的占比)",
        }
    },
)
