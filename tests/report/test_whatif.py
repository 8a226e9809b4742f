"""What-if weights in report.html, in headless Chromium: a reader moves a criterion's weight
and reads the overall score and grade the page recomputes, checked against hand arithmetic.

The spec: two top-level criteria, speed (frt: 1.5 h against goal 2 h → 100) and satisfaction
(CSAT 3 of 4 = 0.75 below its red flag 0.80 → 0), weighted 3 : 1 by AHP → 75 before rules
(grade B: A ≥ 85, B ≥ 70, C ≥ 60). A bonus of 5 (frt under 2 h) gives 80, B. A second rule
caps the grade at B when the overall score before rules is under 90: it reads the overall
score, so the page does not re-apply it (it keeps its effect, the cap).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from evalkit.report.whatif import whatif_data
from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SURVEYS, TICKETS
from tests.report.test_html_screen import CHROMIUM, FLAGS, read_probe
from tests.report.test_html_screen import _probe as _screen_probe

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian chromium (scripts/system-deps.sh installs it)"
)

SPEC = """\
version: 1
evaluation:
  title: {en: ACME service after go-live, zh: ACME 服务系统落地效果评估}
  client: ACME Machinery
  go_live: 2026-01-15
  period: 2026Q3
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
criteria:
  speed: {title: {en: Speed, zh: 速度}, metrics: [frt]}
  satisfaction: {title: {en: Satisfaction, zh: 满意度}, metrics: [csat]}
weights:
  root: {judgments: {speed: {satisfaction: 3}}}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  csat: {target: {goal: 0.95, red_flag: 0.80}}
rules:
  - {id: fast, when: "value('frt') < 2", then: {bonus: 5}}
  - {id: hold-b, when: "overall_score() < 90", then: {cap_grade: B}}
report: {locale: en, formats: [json, html, pdf]}
"""

# The page moves speed's slider to each weight and reads what it shows.
FRAME = """<!DOCTYPE html><html><body>
<iframe id="f" src="report.html" style="width:1280px;height:900px"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, s = d.getElementById("whatif"), out = [];
  function read() {
    return [s.querySelector("[data-whatif-score]").textContent,
            s.querySelector("[data-whatif-grade]").textContent,
            s.querySelector("[data-whatif-before]").textContent,
            s.querySelector("[data-whatif-weight='satisfaction']").textContent];
  }
  out.push(read());
  [0.4, 0.9, 0.0].forEach(function (v) {
    var input = s.querySelector("input[data-criterion='speed']");
    input.value = String(v);
    input.dispatchEvent(new Event("input", {bubbles: true}));
    out.push(read());
  });
  s.querySelector("[data-whatif-reset]").click();
  out.push(read());
  var band = s.querySelector(".whatif-band").getAttribute("style");
  var rules = Array.from(s.querySelectorAll(".whatif-rules li"), function (li) {
    return li.textContent;
  });
  document.body.setAttribute("data-probe", JSON.stringify({reads: out, band: band, rules: rules}));
});
</script></body></html>"""


@pytest.fixture
def report(run_cli: RunCli, tmp_path: Path) -> Path:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out")
    assert out.exit_code == 0, out.stderr
    return tmp_path / "out"


def _probe(folder: Path) -> dict[str, Any]:
    page = folder / "frame.html"
    page.write_text(FRAME, encoding="utf-8")
    return read_probe(page, "1300,950")


def test_moving_a_weight_recomputes_score_and_grade(report: Path) -> None:
    result = json.loads((report / "result.json").read_text(encoding="utf-8"))
    assert (result["overall"]["score"], result["overall"]["grade"]) == (80.0, "B")
    probe = _probe(report)
    assert probe["reads"] == [
        ["80.0", "B", "75.0", "25.0%"],  # as reported: 0.75 × 100 + 0.25 × 0 + 5
        ["45.0", "D", "40.0", "60.0%"],  # speed 0.4: 0.4 × 100 = 40, + 5 = 45 → D
        ["95.0", "B", "90.0", "10.0%"],  # speed 0.9: 90 + 5 = 95 → A, capped at B as reported
        ["5.0", "D", "0.0", "100.0%"],  # speed 0: satisfaction alone, 0 + 5
        ["80.0", "B", "75.0", "25.0%"],  # reset
    ]
    # grade B (70 ≤ S < 85) holds for speed's weight v with 100 v in [70, 85): 0.70–0.85
    assert probe["band"] == "--lo: 0.7000; --hi: 0.8500"
    assert probe["rules"] == [
        "fast: its effect is kept (its condition does not depend on the weights)",
        "hold-b: not re-applied (its condition reads the overall score or grade; its effect is "
        "kept as reported)",
    ]


def test_the_pdf_has_no_controls(report: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(report / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Speed" in text
    assert "What if the weights were different?" not in text
    page = (report / "report.html").read_text(encoding="utf-8")
    # a slider per top-level criterion, and the root's one judgment (speed vs satisfaction)
    assert page.count('type="range"') == 3
    assert page.count("data-criterion=") == 2 and page.count('data-node="root" data-i') == 1
    assert "evalkitWhatIf" in page


def test_a_result_without_grade_bands_takes_the_default_ones(report: Path) -> None:
    # a Result written before scoring.grades was kept: the bands of docs/spec.md
    result = json.loads((report / "result.json").read_text(encoding="utf-8"))
    del result["scoring"]["grades"]
    data = whatif_data(result)
    assert data is not None
    assert data["grades"] == [("A", 85.0), ("B", 70.0), ("C", 60.0), ("D", 0.0)]


ROLLUP = """<!DOCTYPE html><html><body>
<script src="{script}"></script>
<script>
var w = {{root: {{a: 0.5, b: 0.5}}, a: {{m1: 0.6, m2: 0.4}}, b: {{m3: 1.0}}}};
var s = {{m1: 80, m2: 50, m3: null}};
var R = evalkitWhatIf.rollUp;
document.body.setAttribute("data-probe", JSON.stringify([
  R(w, s, "renormalize", 0.5).root, R(w, s, "zero", 0.5).root, R(w, s, "renormalize", 0.6).root,
  R(w, s, "renormalize", 0.5).a, R(w, s, "renormalize", 0.5).b,
  evalkitWhatIf.moveShare({{x: 0.5, y: 0.3, z: 0.2}}, "x", 0.0)
]));
</script></body></html>"""


def test_the_roll_up_in_the_page(tmp_path: Path) -> None:
    script = Path(__file__).parents[2] / "report_templates" / "whatif.js"
    page = tmp_path / "rollup.html"
    page.write_text(ROLLUP.format(script=script.as_uri()), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM or "", *FLAGS, "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[-500:]
    root, zero, short, a, b, shares = json.loads(html.unescape(found[1]))
    # a = 0.6 × 80 + 0.4 × 50 = 68; b has no data: coverage 0 < 0.5, no score. The root's
    # coverage is 0.5: renormalize leaves b out (68), zero counts it as 0 (0.5 × 68 = 34);
    # with min_coverage 0.6 the root has too little data (null).
    assert (root, zero, short, a, b) == (pytest.approx(68), pytest.approx(34), None, 68, None)
    # x to 0: y and z share the whole in their proportion 3 : 2
    assert shares == {"x": 0.0, "y": pytest.approx(0.6), "z": pytest.approx(0.4)}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_sliders_fit_a_phone(report: Path, width: int) -> None:
    probe = _screen_probe(report, report / "report.html", width)
    assert probe["page"] <= probe["room"] <= width, probe  # no sideways scrolling
    assert probe["outside"] == []


THREE = {  # a third criterion, so that a pair can be left out
    "\nweights:\n": "\n  reach: {title: {en: Reach, zh: 触达}, metrics: [frt_fast]}\nweights:\n",
    "\n  csat: {": "\n  frt_fast: {metric: first_response_time, unit: hours,"
    " target: {goal: 1, red_flag: 8}}\n  csat: {",
}


@pytest.mark.parametrize(
    ("weights", "controls"),
    [
        ("{matrix: [[1, 3], [1/3, 1]]}", 1),  # one decision-maker's complete matrix
        ("{judgments: {speed: {satisfaction: 3}}, method: geometric-mean}", 0),
        ("{experts: {Zhang: {judgments: {speed: {satisfaction: 3}}},"
         " Li: {judgments: {speed: {satisfaction: 2}}}}}", 0),  # an aggregate, no one's
        ("{weights: {speed: 0.75, satisfaction: 0.25}}", 0),  # direct weights
        # three criteria, every pair judged (3 controls), or one pair left out (completed)
        ("{judgments: {speed: {satisfaction: 3, reach: 2}, reach: {satisfaction: 2}}}", 3),
        ("{judgments: {speed: {satisfaction: 3, reach: 2}}}", 0),
    ],
)  # fmt: skip
def test_which_nodes_offer_their_judgments(
    run_cli: RunCli, tmp_path: Path, weights: str, controls: int
) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    spec = SPEC.replace("root: {judgments: {speed: {satisfaction: 3}}}", f"root: {weights}")
    if "reach" in weights:
        for before, after in THREE.items():
            spec = spec.replace(before, after)
    spec = spec.replace("formats: [json, html, pdf]", "formats: [json, html]")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out")
    assert out.exit_code == 0, out.stderr
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.count("data-criterion=") == (3 if "reach" in weights else 2)  # always there
    assert page.count('data-node="root" data-i') == controls
    assert page.count('<details class="whatif-judgments"') == (1 if controls else 0)
