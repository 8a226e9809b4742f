"""Data files: refused unread when they lead elsewhere, bad rows located, overflows contained."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from tests.conftest import RunCli
from tests.security.conftest import TICKETS, Project

FIRST_LINE = "root:x:0:0:top-secret-first-line"


def test_a_link_to_a_file_outside_the_folder_is_refused_unread(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-passwd"
    outside.write_text(FIRST_LINE + "\n", encoding="utf-8")
    spec = project()
    (spec.parent / "tickets.csv").unlink()
    (spec.parent / "tickets.csv").symlink_to(outside)
    for command in (["validate", spec], ["run", spec, "--out", spec.parent / "out"]):
        out = run_cli(*command)
        assert out.exit_code == 2
        assert out.stderr == (
            f"error: {spec}:9:21: {spec.parent / 'tickets.csv'} is a symbolic link to {outside}, "
            "outside the spec's folder; copy the file into the folder or write its real path\n"
        )
        assert "top-secret" not in out.stdout + out.stderr
    assert not (spec.parent / "out").exists()


def test_a_link_inside_the_folder_is_followed(run_cli: RunCli, project: Project) -> None:
    spec = project()
    (spec.parent / "exports").mkdir()
    (spec.parent / "tickets.csv").rename(spec.parent / "exports" / "t.csv")
    (spec.parent / "tickets.csv").symlink_to(spec.parent / "exports" / "t.csv")
    assert run_cli("validate", spec).exit_code == 0


def test_a_link_to_dev_zero_is_refused(run_cli: RunCli, project: Project) -> None:
    spec = project()
    (spec.parent / "tickets.csv").unlink()
    (spec.parent / "tickets.csv").symlink_to("/dev/zero")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert "is a symbolic link to /dev/zero, outside the spec's folder" in out.stderr


def test_a_fifo_is_not_a_data_file(run_cli: RunCli, project: Project) -> None:
    spec = project()
    (spec.parent / "tickets.csv").unlink()
    os.mkfifo(spec.parent / "tickets.csv")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {spec}:9:21: {spec.parent / 'tickets.csv'} is not a regular file; "
        "give the path of a data file\n"
    )


@pytest.mark.parametrize(
    ("tickets", "message"),
    [
        (  # a stray comma in row 3 (file line 3)
            TICKETS.replace("T2,2026-07-02 09:00,", "T2,2026-07-02 09:00,,"),
            "3:1: this row has 5 fields where the header has 4; quote values that contain a "
            "comma (e.g. thousands separators) or remove the stray one",
        ),
        (  # unquoted thousands separator in line 4
            TICKETS.replace("08:30,30", "08:30,1,030"),
            "4:1: this row has 5 fields where the header has 4",
        ),
        (  # the export stopped mid-line
            TICKETS + "T4,2026-08-0",
            "5:1: the last line is cut off (2 of 4 fields; the file may be truncated): "
            "complete or remove it",
        ),
    ],
)
def test_a_bad_row_is_reported_by_line(
    run_cli: RunCli, project: Project, tickets: str, message: str
) -> None:
    spec = project(tickets=tickets)
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert out.stderr.startswith(f"error: {spec.parent / 'tickets.csv'}:{message}")
    assert len(out.stderr.strip().splitlines()) == 1


def test_semicolons_are_detected_from_the_header(run_cli: RunCli, project: Project) -> None:
    """Semicolon-separated, with decimal commas in a quoted field: 3 tickets, mean first
    response (1 + 3 + 0.5) / 3 = 1.5 hours."""
    text = TICKETS.replace(",", ";").replace(";10\n", ';"10,5"\n')
    spec = project(tickets=text)
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))
    frt = next(m for m in result["metrics"] if m["id"] == "frt")
    assert frt["value"] == pytest.approx(1.5)


def _workbook(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    for name in ("Tickets", "Notes"):
        sheet = book.add_worksheet(name)
        for i, line in enumerate(TICKETS.splitlines()):
            sheet.write_row(i, 0, line.split(","))
    book.close()


def test_an_excel_sheet_index_out_of_range_names_the_sheets(
    run_cli: RunCli, project: Project
) -> None:
    spec = project({"tickets: {path: tickets.csv}": "tickets: {path: tickets.xlsx, sheet: 2}"})
    _workbook(spec.parent / "tickets.xlsx")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    # located at the `2` of `sheet: 2` in the spec
    assert out.stderr == (
        f"error: {spec}:9:42: {spec.parent / 'tickets.xlsx'}: no sheet number 2 (numbered "
        "from 0); the file has 2: Tickets, Notes\n"
    )


def test_a_target_of_1e308_fails_validate(run_cli: RunCli, project: Project) -> None:
    spec = project({"goal: 2, red_flag: 8": "goal: 2, red_flag: 1.0e+308"})
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {spec}:16:79: metrics.frt.target.red_flag: 1e+308 is greater than the maximum "
        "of 1000000000000000.0\n"
    )


def test_a_cost_sum_that_overflows_leaves_an_empty_cell_and_a_ledger_line(
    run_cli: RunCli, project: Project
) -> None:
    """Two costs of 1e308 sum to infinity: the value is written as an empty cell, the data
    quality sheet names the cell, result.json holds null (strict JSON)."""
    spec = project(
        {
            "metrics: [frt, csat]": "metrics: [frt, csat, cpt]",
            "  csat: {target": "  cpt: {metric: cost_per_ticket, target: {goal: 10, red_flag: "
            "100}}\n  csat: {target",
            "weights:\n  quality: {judgments: {frt: {csat: 1}}}\n": "",
        },
        report="  formats: [json, html, xlsx]\n",
        tickets=TICKETS.replace(",10\n", ",1e308\n").replace(",20\n", ",1e308\n"),
    )
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))
    cpt = next(m for m in result["metrics"] if m["id"] == "cpt")
    assert cpt["value"] is None
    book = openpyxl.load_workbook(spec.parent / "out" / "result.xlsx")
    metrics = book.worksheets[1]  # after the scorecard
    ids = [row[0].value for row in metrics.iter_rows(min_row=2)]
    row = ids.index("cpt") + 2
    quality = [r[2].value for r in book.worksheets[-1].iter_rows(min_row=2)]
    empty = [q for q in quality if q and "不是有限数值" in q]
    assert len(empty) >= 1
    assert any(f"{metrics.title}!" in q and f"{row}：" in q for q in empty)
