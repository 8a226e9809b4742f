"""Contract renewals and repair returns."""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import General, GeneralContext, GeneralResult, Values, ratio
from evalkit.compute.templates import flag_rate, proportion_sample
from evalkit.compute.windowed import in_any, in_period, windowed
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition

CONTRACT_RENEWAL_RATE = MetricDefinition(
    id="contract_renewal_rate",
    title={"en": "Service contract renewal rate", "zh": "服务合同续约率"},
    description=(
        "Share of the service contracts due for renewal in the period (due_on) that were "
        "renewed. Contracts whose renewed flag is empty are left out and counted in the ledger "
        "as missing_required."
    ),
    formula="contracts due in the period with renewed = true ÷ contracts due with the flag",
    unit="fraction",
    direction="higher",
    columns={"contracts": ("contract_id", "due_on", "renewed")},
    computation=flag_rate("contracts", "renewed"),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="revenue_growth",
    translations={
        "zh": {
            "description": (
                "本期到期需续约（due_on）的服务合同中已续约的占比。renewed 标志为空的合同不计入，并"
                "以 missing_required 记入台账。"
            ),
            "formula": "本期到期且 renewed = true 的合同 ÷ 有该标志的到期合同",
        }
    },
)


def _repair_return(context: GeneralContext) -> GeneralResult:
    r = context.tables["repairs"]
    days = int(context.params.get("window_days", 30))
    known = r.unit_id.notnull() & r.repaired_at.notnull()
    base = r.filter(known)
    later = base.select(_unit=base.unit_id, _again=base.repaired_at)
    returned = base.semi_join(
        later,
        [
            base.unit_id == later._unit,
            later._again > base.repaired_at,
            later._again <= base.repaired_at + ibis.interval(days=days),
        ],
    ).select("repair_id")
    marked = r.mutate(_returned=r.repair_id.isin(returned.repair_id).fill_null(False))

    def measures(t: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        here = in_period(t.repaired_at, window) & t.unit_id.notnull()
        return {"repairs": t.count(where=here), "returned": t.count(where=here & t._returned)}

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("returned"), measured.get("repairs"))

    scope = in_any(marked.repaired_at, context.windows.all())
    ledger = {
        "missing_required": marked.count(where=(scope & marked.unit_id.isnull()).fill_null(False))
    }
    sample = proportion_sample("returned", "repairs")
    return windowed(context, marked, measures, finish, ledger, sample=sample)


REPAIR_RETURN_RATE = MetricDefinition(
    id="repair_return_rate",
    title={"en": "Repair return rate", "zh": "返修率"},
    description=(
        "Share of the repairs of the period after which the same unit is repaired again within "
        "window_days (default 30). Repairs without a unit are left out and counted in the "
        "ledger as missing_required."
    ),
    formula=(
        "repairs followed by a repair of the same unit_id in (repaired_at, repaired_at + "
        "window_days] ÷ repairs"
    ),
    unit="fraction",
    direction="lower",
    columns={"repairs": ("repair_id", "unit_id", "repaired_at")},
    computation=General(("repairs",), _repair_return),
    params_schema={
        "type": "object",
        "properties": {
            "window_days": {
                "type": "integer",
                "minimum": 1,
                "default": 30,
                "description": "days after a repair",
            }
        },
        "additionalProperties": False,
    },
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "本期维修中，同一设备在 window_days（默认 30 天）内再次维修的占比。无设备的维修记录"
                "不计入，并以 missing_required 记入台账。"
            ),
            "formula": (
                "在 (repaired_at, repaired_at + window_days] 内同一 unit_id 再次维修的维修 ÷ 维修"
            ),
        }
    },
)
