"""Write the demo: a fictional manufacturer's data (every canonical table) and its spec.

Everything comes from one seeded ``numpy.random.Generator``, so the same seed writes the same
bytes. Tickets are the client's own export — GBK, Chinese headers, ``2026/07/03 09:15`` times,
Chinese segment and channel values — to show the mapping in the spec; the other tables are
UTF-8 CSV with canonical headers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from evalkit.demo import customers as cu
from evalkit.demo import finance as fi
from evalkit.demo import service as se

SEED = 20260115
TICKETS_FILE = "工单.csv"
TICKET_TIME_FORMAT = "%Y/%m/%d %H:%M"
ISO_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

TICKET_HEADERS: Mapping[str, str] = {
    "ticket_id": "工单编号",
    "created_at": "创建时间",
    "customer_id": "客户编号",
    "segment": "客户类型",
    "region": "区域",
    "channel": "渠道",
    "priority": "优先级",
    "category": "问题类别",
    "product_line": "产品线",
    "first_response_at": "首次响应时间",
    "resolved_at": "解决时间",
    "closed_at": "关闭时间",
    "reopened_count": "重开次数",
    "contacts_to_resolve": "联系次数",
    "sla_response_minutes": "响应时限(分钟)",
    "sla_resolution_minutes": "解决时限(分钟)",
    "agent_id": "处理人",
    "cost": "服务成本",
    "service_error": "服务差错",
    "follow_up_at": "回访时间",
    "origin": "来源",
}
"""Canonical column → the header of the client's ticket export (the spec maps them back)."""

TICKET_VALUES: Mapping[str, Mapping[str, str]] = {
    "segment": {"B2B": "企业客户", "B2C": "个人客户"},
    "channel": {"电话": "电话", "在线": "在线", "自助": "自助", "现场": "现场"},
    "origin": {"customer": "客户报修", "monitoring": "远程监控", "proactive": "主动服务"},
}
"""How the export spells canonical values (the spec's ``values:`` maps them back)."""

UNPARSEABLE_TIME = "待确认"


@dataclass(frozen=True)
class DemoData:
    """What ``generate_demo`` wrote."""

    spec: Path
    tables: Mapping[str, Path]
    """Canonical table → its file."""


def build_tables(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every canonical table of the demo, in canonical columns (tickets with error marks)."""
    rng = np.random.default_rng(seed)
    customers = cu.customers(rng)
    units = cu.installed_units(rng, customers)
    tickets = se.with_data_errors(rng, se.tickets(rng, customers))
    return {
        "tickets": tickets,
        "surveys": se.surveys(rng, tickets),
        "customers": customers,
        "orders": cu.orders(rng, customers),
        "contracts": cu.contracts(rng, customers),
        "costs": fi.costs(rng),
        "budgets": fi.budgets(rng),
        "field_visits": se.field_visits(rng, tickets),
        "repairs": se.repairs(rng, units),
        "agents": se.agents(rng),
        "ratings": fi.ratings(rng),
        "cash_flows": fi.cash_flows(),
        "installed_units": units,
        "self_service_sessions": se.self_service_sessions(rng),
    }


def _ticket_export(tickets: pd.DataFrame) -> pd.DataFrame:
    """The tickets as the client's system exports them."""
    out = tickets.drop(columns=["bad_resolved_at"]).copy()
    for column, spelled in TICKET_VALUES.items():
        out[column] = out[column].map(lambda v, s=spelled: s.get(v, v))
    out["service_error"] = np.where(out["service_error"], "是", "否")
    for column in ("created_at", "first_response_at", "resolved_at", "closed_at", "follow_up_at"):
        out[column] = pd.to_datetime(out[column]).dt.strftime(TICKET_TIME_FORMAT)
    out.loc[tickets["bad_resolved_at"].to_numpy(), "resolved_at"] = UNPARSEABLE_TIME
    out["contacts_to_resolve"] = out["contacts_to_resolve"].astype("Int64")
    return out.rename(columns=dict(TICKET_HEADERS))


def _write_csv(frame: pd.DataFrame, path: Path, encoding: str = "utf-8") -> None:
    frame.to_csv(
        path, index=False, encoding=encoding, date_format=ISO_TIME_FORMAT, lineterminator="\n"
    )


def generate_demo(out_dir: Path, seed: int = SEED) -> DemoData:
    """Write the data into ``out_dir/data`` and the spec to ``out_dir/spec.yaml``."""
    data_dir = out_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for table, frame in build_tables(seed).items():
        if table == "tickets":
            path = data_dir / TICKETS_FILE
            _write_csv(_ticket_export(frame), path, encoding="gbk")
        else:
            path = data_dir / f"{table}.csv"
            _write_csv(frame, path)
        written[table] = path
    spec = out_dir / "spec.yaml"
    spec.write_text(files("evalkit.demo").joinpath("spec.yaml").read_text("utf-8"), "utf-8")
    return DemoData(spec, written)
