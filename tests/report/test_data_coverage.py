"""The data-quality appendix: rows read per table and rows left out by reason, with shares."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

BAD_TICKET = "T9,2026-07-09 10:00,B2B,2026-07-09 09:00\n"  # answered before it was created
BAD_SURVEY = "2026-07-20 10:00,B2C,9\n"  # CSAT is 1–5


def test_rows_read_and_left_out(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS + BAD_TICKET, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS + BAD_SURVEY, encoding="utf-8")
    spec = SPEC.replace("  period: 2026Q3\n", "  period: 2026Q3\n  locale: en\n")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "html")
    assert out.exit_code == 0, out.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="coverage">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><td>(\w+)</td><td class=\"num\">(\d+)</td><td>([^<]*)</td></tr>", table)
    # 9 tickets, 1 left out (1 / 9 = 11.1 %); 9 surveys, 1 out of range
    assert sorted(rows) == [
        ("surveys", "9", "value out of range: up to 1 (11.1%)"),
        ("tickets", "9", "negative duration (event before creation): up to 1 (11.1%)"),
    ]
