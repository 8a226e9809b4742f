"""A small valid project (spec and data) for security tests to break one thing at a time.

The numbers are easy to check by hand: three tickets in 2026Q3 with first responses after 1,
3 and 0.5 hours, and three surveys scoring 5, 4 and 3.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

TICKETS = """\
ticket_id,created_at,first_response_at,cost
T1,2026-07-01 09:00,2026-07-01 10:00,10
T2,2026-07-02 09:00,2026-07-02 12:00,20
T3,2026-08-01 08:00,2026-08-01 08:30,30
"""
SURVEYS = """\
answered_at,csat_score
2026-07-05 10:00,5
2026-07-06 10:00,4
2026-08-07 10:00,3
"""
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
weights:
  quality: {judgments: {frt: {csat: 1}}}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  csat: {target: {goal: 0.95, red_flag: 0.5}}
"""

Project = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Write the project into the test's folder; ``replace`` edits the spec text, ``report``
    appends a ``report:`` section, ``tickets`` replaces the tickets file. Returns the spec."""

    def make(
        replace: dict[str, str] | None = None,
        report: str = "",
        tickets: str | bytes = TICKETS,
    ) -> Path:
        data = tickets if isinstance(tickets, bytes) else tickets.encode("utf-8")
        (tmp_path / "tickets.csv").write_bytes(data)
        (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
        text = SPEC
        for old, new in (replace or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        spec = tmp_path / "spec.yaml"
        spec.write_text(text + (f"report:\n{report}" if report else ""), encoding="utf-8")
        return spec

    return make
