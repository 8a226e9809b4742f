"""report.html in a browser (headless Chromium): no sideways scrolling of the page on a phone
(390 px) or a laptop (1280 px); wide tables and charts stay inside their frames."""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.report.conftest import Rendered

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian chromium (scripts/system-deps.sh installs it)"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]
# Headless Chromium will not make a window narrower than 500 px: the report is shown in a
# frame of the width under test, as a phone's browser would lay it out.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="display:block;border:0;width:{width}px;height:{height}px">
</iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, room = d.documentElement.clientWidth, out = [];
  d.querySelectorAll("body *").forEach(function (e) {{
    if (e.getBoundingClientRect().right > room + 0.5 && !e.parentElement.closest("table,figure"))
      out.push(e.tagName + "." + e.className);
  }});
  var charts = Array.from(d.querySelectorAll(".chart"), function (c) {{
    return c.getBoundingClientRect().right;
  }});
  document.body.setAttribute("data-probe", JSON.stringify({{
    page: d.documentElement.scrollWidth, room: room, outside: out, charts: charts,
    tables: d.querySelectorAll("table").length
  }}));
}});
</script></body></html>"""


def _frame(folder: Path, report: Path, width: int, height: int) -> Path:
    page = folder / f"frame-{width}.html"
    page.write_text(FRAME.format(src=report.name, width=width, height=height), encoding="utf-8")
    return page


def _probe(folder: Path, report: Path, width: int) -> dict[str, Any]:
    return read_probe(_frame(folder, report, width, 2000), "1400,2100")


def read_probe(page: Path, window: str) -> dict[str, Any]:
    """The JSON a frame page's script leaves in ``<body data-probe>``, from headless Chromium's
    DOM once the page has run (a window of ``window`` pixels, ``width,height``)."""
    dom = subprocess.run(
        [CHROMIUM or "", *FLAGS, f"--window-size={window}", "--virtual-time-budget=5000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[-500:]
    probe: dict[str, Any] = json.loads(html.unescape(found[1]))
    return probe


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_never_scrolls_sideways(rendered: Rendered, width: int, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    shutil.copy(rendered.path("html"), report)
    probe = _probe(tmp_path, report, width)
    assert probe["tables"] > 10
    assert probe["room"] <= width
    assert probe["page"] <= probe["room"], probe  # no horizontal overflow of the page
    assert probe["outside"] == []
    assert probe["charts"] and max(probe["charts"]) <= probe["room"]  # charts scaled to fit
    shot = tmp_path / f"report-{rendered.locale}-{width}.png"
    page = _frame(tmp_path, report, width, 1600)
    subprocess.run(
        [CHROMIUM or "", *FLAGS, f"--window-size={width},1600", f"--screenshot={shot}",
         page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert _png_size(shot)[0] == width  # kept in the test's folder, to look at


def test_the_report_loads_nothing_from_the_network(rendered: Rendered) -> None:
    text = rendered.html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
