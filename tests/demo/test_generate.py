"""The demo data: deterministic, every canonical table with its required columns, the ticket
export in GBK with Chinese headers, the data errors it promises, and a spec using every metric."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from evalkit.data.canonical import TABLES
from evalkit.demo.generate import TICKET_HEADERS, UNPARSEABLE_TIME, DemoData, generate_demo
from evalkit.spec.extends import resolve_extends
from evalkit.spec.presets import builtin_presets
from tests.presets.catalog import CATALOG_IDS, metric_ids


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    return generate_demo(tmp_path_factory.mktemp("demo"))


def rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding))))


def test_same_seed_writes_the_same_bytes(demo: DemoData, tmp_path: Path) -> None:
    again = generate_demo(tmp_path)
    for table, path in demo.tables.items():
        assert path.read_bytes() == again.tables[table].read_bytes(), table
    assert demo.spec.read_bytes() == again.spec.read_bytes()


def test_another_seed_writes_other_data(demo: DemoData, tmp_path: Path) -> None:
    other = generate_demo(tmp_path, seed=7)
    assert other.tables["tickets"].read_bytes() != demo.tables["tickets"].read_bytes()


def test_every_canonical_table_has_its_columns(demo: DemoData) -> None:
    assert set(demo.tables) == set(TABLES)
    for table, path in demo.tables.items():
        encoding = "gbk" if table == "tickets" else "utf-8"
        header = next(csv.reader(io.StringIO(path.read_text(encoding))))
        if table == "tickets":
            header = [{v: k for k, v in TICKET_HEADERS.items()}[h] for h in header]
        assert set(TABLES[table].required) <= set(header), table
        assert set(header) <= set(TABLES[table].columns), table


def test_tickets_are_a_gbk_export_with_chinese_headers(demo: DemoData) -> None:
    raw = demo.tables["tickets"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    tickets = rows(demo.tables["tickets"], "gbk")
    assert list(tickets[0])[:2] == ["工单编号", "创建时间"]
    assert 18000 <= len(tickets) <= 22000
    assert {t["客户类型"] for t in tickets} == {"企业客户", "个人客户"}
    assert tickets[0]["创建时间"][4] == "/" and len(tickets[0]["创建时间"]) == 16


def test_tickets_carry_the_promised_data_errors(demo: DemoData) -> None:
    tickets = rows(demo.tables["tickets"], "gbk")
    negative = [t for t in tickets if t["首次响应时间"] and t["首次响应时间"] < t["创建时间"]]
    assert len(negative) >= 20
    assert sum(t["解决时间"] == UNPARSEABLE_TIME for t in tickets) >= 10
    assert sum(t["服务成本"] == "" for t in tickets) >= 100


def test_service_improves_after_go_live(demo: DemoData) -> None:
    tickets = rows(demo.tables["tickets"], "gbk")

    def share(before: bool) -> float:
        group = [t for t in tickets if (t["创建时间"] < "2026/01/15") == before]
        return sum(t["解决时间"] not in ("", UNPARSEABLE_TIME) for t in group) / len(group)

    assert share(before=False) > share(before=True) + 0.03


def test_demo_spec_uses_every_catalog_metric(demo: DemoData) -> None:
    catalog = {p.name: p for p in builtin_presets()}
    data = resolve_extends(demo.spec, catalog).doc.data
    assert metric_ids(data) == CATALOG_IDS
    assert data["report"]["formats"] == ["json", "html", "pdf"]
