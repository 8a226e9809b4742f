"""Team metrics from the agents table (one row per agent and period, ``period`` = period key).

The pre-go-live ``baseline`` window has no period key, so these metrics have no value there.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import General, GeneralContext, GeneralResult, Values, ratio
from evalkit.compute.templates import proportion_sample
from evalkit.compute.windowed import growth, windowed
from evalkit.data.periods import Period, shift
from evalkit.metric import MetricDefinition


def _participation(context: GeneralContext) -> GeneralResult:
    t = context.tables["agents"]
    keys = [w.key for w in context.windows.all()]

    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        here = (table.period == window.key) & table.trained.notnull()
        return {
            "agents": table.agent_id.nunique(where=here),
            "trained": table.agent_id.nunique(where=here & table.trained),
        }

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("trained"), measured.get("agents"))

    ledger = {"missing_required": t.count(where=t.period.isin(keys) & t.trained.isnull())}
    sample = proportion_sample("trained", "agents")
    return windowed(context, t, measures, finish, ledger, sample=sample)


TRAINING_PARTICIPATION_RATE = MetricDefinition(
    id="training_participation_rate",
    title={"en": "Training participation", "zh": "培训参与率"},
    description=(
        "Share of the agents of the period (agents.period = period key) who completed training "
        "(trained = true). Rows whose trained flag is empty are left out (missing_required)."
    ),
    formula="distinct agents with trained = true ÷ distinct agents with the flag",
    unit="fraction",
    direction="higher",
    columns={"agents": ("agent_id", "period", "trained")},
    computation=General(("agents",), _participation),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="team",
    translations={
        "zh": {
            "description": (
                "本期坐席（agents.period = 期间键）中完成培训（trained = true）的占比。trained 标志"
                "为空的行不计入（missing_required）。"
            ),
            "formula": "trained = true 的不同坐席 ÷ 有该标志的不同坐席",
        }
    },
)


def _previous_key(window: Period) -> str | None:
    try:
        return shift(window, -1).key
    except ValueError:
        return None


def _training_effect(context: GeneralContext) -> GeneralResult:
    t = context.tables["agents"]
    measure = str(context.params.get("measure", "utilization"))
    parts = []
    for window in context.windows.all():
        before_key = _previous_key(window)
        if before_key is None:
            continue
        now = t.filter(t.period == window.key)
        before = t.filter(t.period == before_key).select(
            agent_id="agent_id",
            _trained_before="trained",
            _handled_before="handled_minutes",
            _available_before="available_minutes",
        )
        pair = now.join(before, "agent_id")
        newly = pair.trained.fill_null(False) & ~pair._trained_before.fill_null(False)
        parts.append(pair.filter(newly).mutate(_window=ibis.literal(window.key)))
    if not parts:
        return GeneralResult({w.key: None for w in context.windows.all()})
    cohort = ibis.union(*parts) if len(parts) > 1 else parts[0]

    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        here = table._window == window.key
        return {
            "handled": table.handled_minutes.sum(where=here),
            "available": table.available_minutes.sum(where=here),
            "handled_before": table._handled_before.sum(where=here),
            "available_before": table._available_before.sum(where=here),
        }

    def finish(measured: Values, window: Period) -> float | None:
        if measure == "handled_minutes":
            return growth(measured.get("handled"), measured.get("handled_before"))
        after = ratio(measured.get("handled"), measured.get("available"))
        before = ratio(measured.get("handled_before"), measured.get("available_before"))
        return None if after is None else growth(after, before)

    return windowed(context, cohort, measures, finish)


TRAINING_EFFECT = MetricDefinition(
    id="training_effect",
    title={"en": "Post-training improvement", "zh": "培训后绩效提升"},
    description=(
        "Change of a measure for the agents newly trained in the period (trained = true now, "
        "not in the previous period), comparing the period with the previous one for the same "
        "agents. measure: utilization (Σ handled ÷ Σ available minutes) or handled_minutes."
    ),
    formula="measure(newly trained agents, this period) ÷ measure(same agents, previous) − 1",
    unit="fraction",
    direction="higher",
    columns={"agents": ("agent_id", "period", "available_minutes", "handled_minutes", "trained")},
    computation=General(("agents",), _training_effect),
    params_schema={
        "type": "object",
        "properties": {
            "measure": {
                "type": "string",
                "enum": ["utilization", "handled_minutes"],
                "default": "utilization",
                "description": "the agent measure compared before and after training",
            }
        },
        "additionalProperties": False,
    },
    category="team",
    translations={
        "zh": {
            "description": (
                "本期新培训坐席（本期 trained = true、上期不是）的某一度量的变化，以同一批坐席的本"
                "期与上期相比。measure：utilization（Σ handled ÷ Σ available 分钟）或 handled_minut"
                "es。"
            ),
            "formula": "measure(新培训坐席，本期) ÷ measure(同一批坐席，上期) − 1",
        }
    },
)
