"""The dashboard in a real browser: Debian's Chromium driven by Playwright (no browser is
downloaded). A consultant opens the portfolio, drills down to a metric, opens a diff and tries
other weights; every page fits a phone (390 px) and a laptop (1280 px) without sideways
scrolling.

The history (tests/serve/conftest.py): in every client's 2026Q3 first responses average 1.5 h
(goal 2 h → score 100) and 3 of 4 answers are satisfied (0.75 under the red flag 0.80 → 0);
weights speed 0.75, satisfaction 0.25, so 75 (B). 2026Q2: 0.75 × 83.33 + 0.25 × 100 = 87.5 (A).
"""

from __future__ import annotations

import json
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from evalkit.ahp.consistency import assess
from evalkit.ahp.eigen import perron
from evalkit.cli.main import cli
from evalkit.history.store import archive
from evalkit.serve.dashboard import Dashboard
from evalkit.serve.export import export
from evalkit.serve.model import load_site
from tests.serve.conftest import Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCORE, BEFORE, GRADE = "[data-whatif-score]", "[data-whatif-before]", "[data-whatif-grade]"
"""The what-if block's score (after the Result's rules), score before rules and grade."""


def slider(criterion: str) -> str:
    """The what-if slider of a top-level criterion."""
    return f"input[data-criterion='{criterion}']"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda r: requests.append(r.url))
    yield opened
    context.close()
    assert requests and all(u.startswith("http://127.0.0.1:") for u in requests), requests


def test_portfolio_to_metric_to_diff_and_other_weights(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    cells = page.locator("table.portfolio tbody tr")
    assert cells.count() == 2  # acme, globex
    assert page.locator("table.portfolio thead th").all_inner_texts() == [
        "Client",
        "2025Q4",
        "2026Q2",
        "2026Q3",
    ]
    acme = cells.nth(0)
    # 2025Q4: frt 7 h → (8 − 7) / 6 = 16.67, CSAT 1 of 2 → 0: 0.75 × 16.67 = 12.5 (D)
    assert [" ".join(t.split()) for t in acme.locator("td").all_inner_texts()] == [
        "12.5 D",
        "87.5 A",
        "75.0 B",
    ]
    acme.locator("td").nth(2).locator("a").click()
    assert page.text_content("#overall-score") == "75.0"
    assert page.text_content("#overall-grade") == "B"

    page.get_by_role("link", name="First response time").click()
    assert page.text_content("#metric-title") == "First response time"
    assert page.text_content("#metric-value") == "1.5 h"
    assert page.text_content("#metric-score") == "100.0"
    page.go_back()

    page.click("#diff-previous")
    assert page.url.endswith("/acme/diff/2026Q2/1/2026Q3/1.html")
    assert page.text_content("#diff-change") == "-12.5"
    parts = page.locator("table.parts tbody tr").all_inner_texts()
    # scores: 0.75 × (100 − 83.33) + 0.25 × (0 − 100) = −12.5; weights, coverage, rules 0
    assert [" ".join(p.split()) for p in parts] == [
        "scores -12.5",
        "weights +0.0",
        "coverage +0.0",
        "rules +0.0",
    ]
    page.go_back()

    # the what-if block applies the Result's rules to the new score; this history has none, so
    # the score shown is the roll-up itself
    assert (page.text_content(SCORE), page.text_content(GRADE)) == ("75.0", "B")
    page.fill(slider("satisfaction"), "0")  # speed takes all the weight: 100 (A)
    assert (page.text_content(SCORE), page.text_content(GRADE)) == (
        "100.0",
        "A",
    )
    page.fill(slider("speed"), "0.5")  # 0.5 × 100 + 0.5 × 0 = 50 (D: C starts at 60)
    assert (page.text_content(SCORE), page.text_content(GRADE)) == ("50.0", "D")
    assert page.input_value(slider("satisfaction")) == "0.5"
    page.click("[data-whatif-reset]")
    assert page.text_content(SCORE) == "75.0"


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width: int = struct.unpack(">I", data[16:20])[0]
    return width


PAGES = [
    "/",
    "/acme/2026Q3/1/index.html",
    "/acme/2026Q3/1/metrics/frt.html",
    "/acme/diff/2026Q2/1/2026Q3/1.html",
]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(
    browser: Browser, server: Server, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        room, scrolled = page.evaluate(
            "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
        )
        assert room == width and scrolled <= room, (path, room, scrolled)
        # every chart fits its frame: none scrolls sideways inside it. On a phone the frame is
        # 390 − 2 × 9 px (main's padding 0.6 em of 15 px) = 372 px: fitcharts.js scales a
        # trend (560 px) by floor(372 / 560 × 1000) / 1000 = 0.664 to 371.8 px, the
        # portfolio's bars (640 px) by floor(372 / 640 × 1000) / 1000 = 0.581 to 371.8 px;
        # on a laptop they keep their size
        charts = page.evaluate(
            "Array.from(document.querySelectorAll('.chart'), c => [c.offsetWidth,"
            " c.getBoundingClientRect().width, c.parentElement.clientWidth,"
            " c.parentElement.scrollWidth])"
        )
        assert charts or "/diff/" in path, path  # the diff page has no chart
        for drawn, shown, frame, scrolled_frame in charts:
            assert scrolled_frame <= frame, (path, frame, scrolled_frame)
            if width == 390:
                zoom = {560: 0.664, 640: 0.581}[drawn]  # Chromium lays out in 1/64 px
                assert (frame, shown) == (372, pytest.approx(drawn * zoom, abs=1 / 64)), path
            else:
                assert shown == drawn, path
        name = path.strip("/").replace("/", "_") or "portfolio"
        shot = tmp_path / f"{name}-{width}.png"
        shot.write_bytes(page.screenshot(full_page=True))
        assert _png_width(shot.read_bytes()) == width  # kept in the test's folder, to look at
    context.close()


@pytest.fixture(scope="module")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The demo's Result (nine criteria over 52 metrics, nested, titled in both languages)
    and a history folder holding it as client ``northwind``."""
    folder = tmp_path_factory.mktemp("demo")
    out = CliRunner().invoke(cli, ["demo", "--out", str(folder / "demo"), "--format", "json"])
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "demo/report/result.json").read_text(encoding="utf-8"))
    archive(result, folder / "history" / "northwind")
    return result, folder / "history"


@pytest.fixture(scope="module")
def demo(demo_history: tuple[dict[str, Any], Path]) -> tuple[dict[str, Any], Path]:
    """The demo's Result and its evaluation page in a static export."""
    result, history = demo_history
    export(Dashboard(load_site(history), ("json",)), history.parent / "site")
    return result, history.parent / "site" / "northwind" / "2026Q3" / "1" / "index.html"


def test_what_if_in_an_exported_page_follows_the_roll_up(
    browser: Browser, demo: tuple[dict[str, Any], Path]
) -> None:
    result, evaluation = demo
    tops = {c["id"]: c for c in result["criteria"] if c["parent"] == "root"}
    page = browser.new_page()
    page.goto(evaluation.as_uri())  # opened from disk: no server
    # unchanged weights: the roll-up of the metric scores through the nested criteria gives
    # the Result's score before rules; the score and grade shown are the Result's, its rules'
    # bonus (+2, the demo's response-speed-gain) and grade caps (none fired) applied: the
    # report's script shows the score after rules, where the dashboard's own showed the one
    # before, so the expected values below add the bonus
    found = float(page.get_attribute(BEFORE, "data-value") or "nan")
    assert found == pytest.approx(result["overall"]["score_before_rules"], abs=1e-9)
    found = float(page.get_attribute(SCORE, "data-value") or "nan")
    assert found == pytest.approx(result["overall"]["score"], abs=1e-9)
    assert page.text_content(GRADE) == result["overall"]["grade"]
    # cost_control to 0.40: the others share 0.60 in their proportions; the score before rules
    # is the weighted mean of the top-level criteria's own scores (all fully covered), the
    # score after it plus the bonus less the penalty, at most 100
    moved, value = "cost_control", 0.4
    rest = sum(c["local_weight"] for k, c in tops.items() if k != moved)
    expected = value * tops[moved]["score"] + sum(
        c["local_weight"] * (1 - value) / rest * c["score"] for k, c in tops.items() if k != moved
    )
    page.fill(slider(moved), str(value))
    found = float(page.get_attribute(BEFORE, "data-value") or "nan")
    assert found == pytest.approx(expected, abs=1e-9)
    after = min(100.0, expected + result["overall"]["bonus"] - result["overall"]["penalty"])
    found = float(page.get_attribute(SCORE, "data-value") or "nan")
    assert found == pytest.approx(after, abs=1e-9)
    grade = next(g for g, low in (("A", 85), ("B", 70), ("C", 60), ("D", 0)) if after >= low)
    assert page.text_content(GRADE) == grade
    page.close()


def test_a_judgment_moved_on_the_dashboard(
    browser: Browser, demo: tuple[dict[str, Any], Path]
) -> None:
    # the script loaded from a file (the page's Content-Security-Policy): the root's first
    # judgment (revenue growth vs loyalty, 1/2) to 9; the project's eigenvector of that matrix
    # gives the new root weights and CR, and the score before rules is the weighted mean of the
    # top-level criteria's own scores (all fully covered)
    result, evaluation = demo
    root = result["ahp"]["root"]
    scores = {c["id"]: c["score"] for c in result["criteria"] if c["parent"] == "root"}
    matrix = np.array(root["matrix"])
    matrix[0, 1], matrix[1, 0] = 9.0, 1 / 9
    eigen = perron(matrix)
    cr = assess(eigen.lambda_max, len(matrix), root["ri_table"], root["threshold"]).cr
    expected = sum(w * scores[item] for item, w in zip(root["items"], eigen.vector, strict=True))
    page = browser.new_page()
    page.goto(evaluation.as_uri())
    page.click("details[data-node='root'] summary")
    page.fill("input[data-node='root'][data-i='0'][data-j='1']", "16")
    assert page.text_content("[data-whatif-cr='root'] [data-whatif-cr-value]") == f"{cr:.3f}"
    found = float(page.get_attribute(BEFORE, "data-value") or "nan")
    assert found == pytest.approx(expected, abs=1e-9)
    page.close()


def test_the_chinese_evaluation_page_fits_a_phone(
    browser: Browser, demo_history: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    # Chinese labels are wider than English ones (a character is about a font size wide):
    # the what-if rows, the figures and the headings still fit 390 px; tables scroll inside
    # their own frames, as in English
    _, history = demo_history
    site = tmp_path / "site"
    export(Dashboard(load_site(history), ("json",), "zh-CN"), site)
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto((site / "northwind/2026Q3/1/index.html").as_uri())
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.text_content("#whatif h2") == "调整权重试算"
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    room, scrolled = page.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert (room, scrolled) == (390, 390)
    # every box outside a table frame ends inside the page
    right = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('main > *, .figure, .whatif-row,"
        " .whatif output, .links > *'), e => e.getBoundingClientRect().right))"
    )
    assert right <= room
    for frame, scrolled_frame in page.evaluate(
        "Array.from(document.querySelectorAll('.chart'), c => [c.parentElement.clientWidth,"
        " c.parentElement.scrollWidth])"
    ):
        assert scrolled_frame <= frame
    shot = tmp_path / "evaluation-zh-390.png"
    shot.write_bytes(page.screenshot(full_page=True))
    assert _png_width(shot.read_bytes()) == 390
    context.close()
