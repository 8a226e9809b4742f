"""``evalkit validate`` reads a database table's column list like a file's header."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.data.credentials import redact
from tests.conftest import RunCli
from tests.fixtures.golive_postgres import load_golive, spec_text

pytestmark = pytest.mark.integration


def test_validate_finds_a_header_the_table_lacks(
    postgres_url: str, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_golive(postgres_url)
    monkeypatch.chdir(tmp_path)
    text = spec_text(postgres_url).replace("created_at: 创建时间", "created_at: 创建日期", 1)
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    # (the compute fixture's spec has no criteria: that is the other error)
    errors = [line for line in out.stderr.splitlines() if "no column" in line]
    assert len(errors) == 1
    shown = f"{redact(postgres_url)} table crm.工单"
    assert f": {shown}: no column '创建日期' for tickets.created_at (headers: " in errors[0]
    assert errors[0].endswith("; closest header: '创建时间'")
    assert "secret" not in out.stderr
