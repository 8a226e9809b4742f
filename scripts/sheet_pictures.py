"""Render sheets of an .xlsx workbook as PNG pictures for the docs (values, fills, comments).

Usage: python scripts/sheet_pictures.py WORKBOOK SHEET OUT.png [ROWS]
Needs WeasyPrint (a dependency) and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import weasyprint

CSS = """
@page { size: 260mm 185mm; margin: 4mm; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; font-size: 10pt; }
.tabs { margin-bottom: 3mm; color: #555; }
.tabs span { border: 1px solid #bbb; padding: 1mm 2mm; margin-right: 1mm; }
.tabs span.on { background: #fff; font-weight: bold; border-bottom-color: #fff; }
table { border-collapse: collapse; }
td, th { border: 1px solid #d0d0d0; padding: 1.2mm 2mm; vertical-align: top; }
th { background: #f0f0f0; color: #666; font-weight: normal; }
td.locked { background: #f7f7f7; }
td.answer { background: #fff; outline: 1px solid #6a9; }
.note { color: #9c5700; font-size: 8pt; }
"""


def render(workbook: Path, sheet_name: str, out: Path, rows: int) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book[sheet_name]
    tabs = "".join(
        f'<span class="{"on" if s.title == sheet_name else ""}">{html.escape(s.title)}</span>'
        for s in book.worksheets
        if s.sheet_state == "visible"
    )
    width = min(sheet.max_column, 5)
    head = "".join(f"<th>{chr(65 + c)}</th>" for c in range(width))
    body = []
    for r in range(1, min(sheet.max_row, rows) + 1):
        cells = []
        for c in range(1, width + 1):
            cell = sheet.cell(r, c)
            value = "" if cell.value is None else html.escape(str(cell.value))
            kind = "locked" if cell.protection.locked else "answer"
            colour = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type else None
            style = f' style="background:#{colour[-6:]}"' if isinstance(colour, str) else ""
            bold = "<b>" + value + "</b>" if cell.font and cell.font.b else value
            note = (
                f'<div class="note">{html.escape(cell.comment.text)}</div>' if cell.comment else ""
            )
            cells.append(f'<td class="{kind}"{style}>{bold}{note}</td>')
        body.append(f"<tr><th>{r}</th>{''.join(cells)}</tr>")
    page = (
        f"<html><head><style>{CSS}</style></head><body><div class='tabs'>{tabs}</div>"
        f"<table><tr><th></th>{head}</tr>{''.join(body)}</table></body></html>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        weasyprint.HTML(string=page).write_pdf(pdf)
        stem = out.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(stem)], check=True
        )


if __name__ == "__main__":
    render(
        Path(sys.argv[1]),
        sys.argv[2],
        Path(sys.argv[3]),
        int(sys.argv[4]) if len(sys.argv) > 4 else 20,
    )
