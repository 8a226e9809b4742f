"""What-if AHP judgments in report.html: a reader opens a node's judgments, moves one, and reads
the node's consistency ratio and the overall score and grade the page recomputes.

The page's eigenvector method is checked against the project's own AHP solver (``evalkit ahp
--json``, the eigenvector method) and against hand cases; the score against the project's
roll-up (``evalkit.scoring.rollup``) of the demo's Result with the solver's new root weights.
The demo (``evalkit demo``): nine top-level criteria weighted from one complete 9 × 9 matrix
(CR 0.007), its only fired rule a bonus of 2 points, grades A ≥ 85, B ≥ 70, C ≥ 60.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from evalkit.cli.main import cli
from evalkit.scoring.rollup import roll_up
from evalkit.spec.model import Criterion
from tests.conftest import RunCli
from tests.report.test_html_screen import CHROMIUM, read_probe

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian chromium (scripts/system-deps.sh installs it)"
)

SCRIPT = Path(__file__).parents[2] / "report_templates" / "whatif.js"
EIGEN = """<!DOCTYPE html><html><body>
<script src="{script}"></script>
<script>
var cases = {cases};
document.body.setAttribute("data-probe", JSON.stringify(cases.map(function (c) {{
  return evalkitWhatIf.eigen(c[0], c[1]);
}})));
</script></body></html>"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's report folder: result.json and report.html (Chinese) and report-en.html."""
    folder = tmp_path_factory.mktemp("demo")
    out = CliRunner().invoke(cli, ["demo", "--out", str(folder), "--format", "json,html"])
    assert out.exit_code == 0, out.stderr
    report = folder / "report"
    english = CliRunner().invoke(
        cli, ["render", str(report / "result.json"), "--format", "html", "--locale", "en",
              "--out", str(folder / "en")],
    )  # fmt: skip
    assert english.exit_code == 0, english.stderr
    (report / "report-en.html").write_bytes((folder / "en" / "report.en.html").read_bytes())
    return report


def _result(demo: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((demo / "result.json").read_text(encoding="utf-8"))
    return result


def _root_with(result: Mapping[str, Any], value: float) -> list[list[float]]:
    """The demo's root matrix with its first judgment (items 0 vs 1) set to ``value``."""
    matrix = [list(row) for row in result["ahp"]["root"]["matrix"]]
    matrix[0][1], matrix[1][0] = value, 1 / value
    return matrix


def _solve(run_cli: RunCli, folder: Path, items: list[str], matrix: list[list[float]]) -> Any:
    """The project's solver on a full matrix: ``evalkit ahp --json`` (exit 1: CR above 0.1)."""
    path = folder / "matrix.json"
    path.write_text(json.dumps({"items": items, "matrix": matrix}), encoding="utf-8")
    out = run_cli("ahp", path, "--json")
    assert out.exit_code in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_the_page_eigenvector_is_the_solver(demo: Path, run_cli: RunCli, tmp_path: Path) -> None:
    result = _result(demo)
    root = result["ahp"]["root"]
    assert root["matrix"][0][1] == 0.5  # revenue growth vs customer loyalty: 1/2
    changed = _root_with(result, 5.0)
    consistent = [[1, 2, 6], [1 / 2, 1, 3], [1 / 6, 1 / 3, 1]]  # a_ij = w_i/w_j, w 0.6 0.3 0.1
    cases = [[changed, 1.45], [[[1, 3], [1 / 3, 1]], 0], [[[1, 2.5], [0.4, 1]], 0],
             [consistent, 0.58]]  # fmt: skip
    page = tmp_path / "eigen.html"
    page.write_text(EIGEN.format(script=SCRIPT.as_uri(), cases=json.dumps(cases)), encoding="utf-8")
    demo_case, two, two_and_a_half, three = read_probe(page, "800,600")
    solved = _solve(run_cli, tmp_path, root["items"], changed)
    assert demo_case["weights"] == pytest.approx(
        [solved["weights"][i] for i in root["items"]], abs=1e-9
    )
    assert demo_case["lambdaMax"] == pytest.approx(solved["lambda_max"], abs=1e-9)
    assert demo_case["cr"] == pytest.approx(solved["cr"], abs=1e-9)
    assert solved["cr"] > root["cr"] + 0.05  # the change is one the consistency sees
    # 2 items, judgment a: weights a/(1+a), 1/(1+a); CR 0 (n ≤ 2)
    assert two["weights"] == pytest.approx([0.75, 0.25], abs=1e-12)
    assert two_and_a_half["weights"] == pytest.approx([2.5 / 3.5, 1 / 3.5], abs=1e-12)
    assert (two["cr"], two["lambdaMax"]) == (0, 2)
    # a consistent matrix gives its weights back, λmax = n and CR 0
    assert three["weights"] == pytest.approx([0.6, 0.3, 0.1], abs=1e-12)
    assert (three["lambdaMax"], three["ci"], three["cr"]) == (3, 0, 0)


def _overall(result: Mapping[str, Any], root: Mapping[str, float]) -> tuple[float, float, str]:
    """The project's roll-up of the Result's metric scores with the root's weights replaced by
    ``root``; then the Result's rules' effects (bonus − penalty, no cap fired in the demo) and
    the grade: (score before rules, score, grade)."""
    children: dict[str, list[str]] = {str(c["id"]): [] for c in result["criteria"]}
    local: dict[str, dict[str, float]] = {node: {} for node in children}
    for item in (*result["criteria"], *result["metrics"]):
        parent = item.get("parent") or item.get("criterion")
        if parent:
            children[parent].append(item["id"])
            local[parent][item["id"]] = item["configured_weight"]
    local["root"] = dict(root)
    criteria = {
        node: Criterion(node, {}, None, tuple(kids), not any(k in children for k in kids))
        for node, kids in children.items()
    }
    scores = {m["id"]: m["score"] for m in result["metrics"] if m["score"] is not None}
    scoring = result["scoring"]
    before = roll_up(criteria, local, scores, scoring["missing"], scoring["min_coverage"]).scores[
        "root"
    ]
    assert before is not None
    overall = result["overall"]
    assert not any(r["fired"] and "cap_grade" in r["effects"] for r in result["rules"])
    score = min(100.0, max(0.0, before + overall["bonus"] - overall["penalty"]))
    grades = sorted(result["scoring"]["grades"].items(), key=lambda g: -g[1])
    return before, score, next(g for g, least in grades if score >= least)


def _read(page: Page) -> tuple[str, float, str, str, str]:
    """Score shown, its unrounded value, grade, the root's CR and revenue growth's share."""
    score = page.locator("[data-whatif-score]")
    return (
        score.inner_text(),
        float(score.get_attribute("data-value") or "nan"),
        page.locator("[data-whatif-grade]").inner_text(),
        page.locator("[data-whatif-cr='root'] [data-whatif-cr-value]").inner_text(),
        page.locator("[data-whatif-weight='revenue_growth']").inner_text(),
    )


def test_moving_a_root_judgment_recomputes_score_and_grade(
    browser: Browser, demo: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    result = _result(demo)
    root = result["ahp"]["root"]
    reported = result["overall"]
    # the test's roll-up with the reported weights is the Result's
    assert _overall(result, root["weights"])[0] == pytest.approx(
        reported["score_before_rules"], abs=1e-9
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((demo / "report.html").as_uri())
    details = page.locator("details[data-node='root']")
    assert details.get_attribute("open") is None  # closed until the reader opens it
    assert details.locator("summary").inner_text().startswith("判断矩阵：总目标 CR 0.007")
    details.locator("summary").click()
    judgment = details.locator("input[data-i='0'][data-j='1']")
    shown = judgment.locator("xpath=following-sibling::output")
    assert details.locator("label").first.inner_text() == "收入增长 对 客户留存与拓展"
    assert (judgment.input_value(), shown.inner_text()) == ("7", "1/2")  # 1/2: position 7

    judgment.fill("16")  # the scale's end: revenue growth 9 times as important as loyalty
    solved = _solve(run_cli, tmp_path, root["items"], _root_with(result, 9.0))
    before, score, grade = _overall(result, solved["weights"])
    text, value, seen_grade, cr, share = _read(page)
    assert shown.inner_text() == judgment.get_attribute("aria-valuetext") == "9"
    assert value == pytest.approx(score, abs=1e-9)
    assert (text, seen_grade) == (f"{score:.1f}", grade)
    assert cr == f"{solved['cr']:.3f}"
    assert details.locator("[data-whatif-over]").is_visible() == (solved["cr"] > 0.1)
    assert share == f"{100 * solved['weights']['revenue_growth']:.1f}%"  # all nine have sliders
    shown_before = page.locator("[data-whatif-before]").get_attribute("data-value") or "nan"
    assert float(shown_before) == pytest.approx(before, abs=1e-9)

    # then the team's slider to 20 %: the others keep the proportions of the new weights
    page.locator("input[data-criterion='team']").fill("0.2")
    rest = 1 - solved["weights"]["team"]
    moved = {k: (0.2 if k == "team" else w * 0.8 / rest) for k, w in solved["weights"].items()}
    assert _read(page)[1] == pytest.approx(_overall(result, moved)[1], abs=1e-9)

    page.locator("[data-whatif-reset]").click()
    text, value, seen_grade, cr, share = _read(page)
    assert value == pytest.approx(reported["score"], abs=1e-9)
    assert (text, seen_grade) == (f"{reported['score']:.1f}", reported["grade"])
    assert (cr, shown.inner_text(), judgment.input_value()) == (f"{root['cr']:.3f}", "1/2", "7")
    page.close()


@pytest.mark.parametrize("name", ["report.html", "report-en.html"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_judgments_fit_a_phone(
    browser: Browser, demo: Path, tmp_path: Path, name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((demo / name).as_uri())
    for summary in page.locator("details.whatif-judgments summary").all():
        summary.click()
    page.locator("input[data-node='root']").first.fill("16")  # CR above 0.1: the longest text
    assert page.locator("[data-whatif-cr='root'] [data-whatif-over]").is_visible()
    room, scrolled = page.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert scrolled <= room == width
    outside = page.evaluate(
        "Array.from(document.querySelectorAll('#whatif *')).filter(e =>"
        " e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)"
        ".map(e => e.tagName)"
    )
    assert outside == []
    page.locator("#whatif").screenshot(path=str(tmp_path / f"{name}-{width}.png"))  # to look at
    page.close()


EVALUATE = """<!DOCTYPE html><html><body>
<script src="{script}"></script>
<script>
var c = {case};
document.body.setAttribute("data-probe", JSON.stringify(c.min_coverages.map(function (m) {{
  c.data.min_coverage = m;
  return evalkitWhatIf.evaluate(c.data, c.shares, c.local);
}})));
</script></body></html>"""


def test_a_root_judgment_weighs_a_criterion_without_a_score_too(tmp_path: Path) -> None:
    """Root children A (0.6), B (0.35) and C (0.05, no score: no slider). A root judgment moved
    gives 0.55 / 0.345 / 0.105: the sliders' shares are then 0.55 / 0.895 and 0.345 / 0.895,
    and the root's weights those of the judgments, so the coverage is 0.895 (below 0.9: no
    score), not 0.95 / 1.055 as with the sliders scaled to their configured weights."""
    local = {"root": {"A": 0.55, "B": 0.345, "C": 0.105}}
    case = {
        "data": {
            "weights": {"root": {"A": 0.6, "B": 0.35, "C": 0.05}, "A": {"a": 1.0},
                        "B": {"b": 1.0}, "C": {"c": 1.0}},
            "scores": {"a": 80.0, "b": 40.0, "c": None},
            "missing": "renormalize", "grades": [["A", 85.0], ["B", 70.0], ["C", 60.0],
                                                 ["D", 0.0]],
            "bonus": 0.0, "penalty": 0.0, "caps": [],
        },
        "shares": {"A": 0.55 / 0.895, "B": 0.345 / 0.895},
        "local": local,
        "min_coverages": [0.9, 0.5],
    }  # fmt: skip
    page = tmp_path / "evaluate.html"
    page.write_text(
        EVALUATE.format(script=SCRIPT.as_uri(), case=json.dumps(case)), encoding="utf-8"
    )
    strict, lenient = read_probe(page, "800,600")
    assert strict is None
    # (0.55 × 80 + 0.345 × 40) / 0.895
    assert lenient["before"] == pytest.approx((0.55 * 80 + 0.345 * 40) / 0.895, abs=1e-9)
    assert lenient["grade"] == "C"
