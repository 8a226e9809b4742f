"""A small valid spec and its data files, for validation tests to break one thing at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

TICKETS = (
    "ticket_id,created_at,customer_id,segment,first_response_at,resolved_at,category\n"
    "T1,2026-07-01 09:00,C1,B2B,2026-07-01 10:00,2026-07-02 09:00,咨询\n"
)
SURVEYS = "answered_at,ticket_id,customer_id,csat_score\n2026-07-03 10:00,T1,C1,5\n"

SPEC = """\
version: 1
evaluation:
  title: {en: ACME service, zh: ACME 服务}
  client: ACME
  go_live: 2026-01-15
  period: 2026Q3
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
criteria:
  quality: {title: {en: Quality, zh: 质量}, metrics: [frt, csat]}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  csat: {target: {goal: 0.95, red_flag: 0.8}}
"""


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def make_spec(spec_dir: Path) -> Callable[[str], Path]:
    """Write a spec (default: the valid one) next to the data files."""

    def make(text: str = SPEC, name: str = "spec.yaml") -> Path:
        path = spec_dir / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
