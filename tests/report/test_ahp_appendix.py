"""The AHP appendix of a report made by ``evalkit run``: comparison blocks with their judgment
matrix and the table's RI for n, nodes without judgments labelled as default or explicit
weights, single-item nodes left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SURVEYS, TICKETS

SPEC = """\
version: 1
evaluation:
  title: AHP appendix
  client: ACME
  go_live: 2026-01-15
  period: 2026Q3
  locale: LOCALE
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
criteria:
  speed: {title: {en: Speed, zh: 速度}, metrics: [frt_a, frt_b, frt_c]}
  satisfaction: {title: {en: Satisfaction, zh: 满意}, metrics: [csat_a, csat_b]}
  single: {title: {en: Lonely, zh: 单项}, metrics: [csat_c]}
  equal: {title: {en: Mixed, zh: 混合}, metrics: [frt_d, csat_d, csat_e]}
weights:
  root:
    judgments:
      speed: {satisfaction: 1/3, single: 2, equal: 1}
      satisfaction: {single: 5, equal: 3}
      single: {equal: 1/2}
  # a/b = 3 and b/c = 2; a/c is not judged and is completed (consistently: 6).
  speed: {judgments: {frt_a: {frt_b: 3}, frt_b: {frt_c: 2}}}
metrics:
  frt_a: {title: frt_a, metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  frt_b: {title: frt_b, metric: first_response_time, unit: hours, target: {goal: 1, red_flag: 8}}
  frt_c: {title: frt_c, metric: first_response_time, unit: hours, target: {goal: 3, red_flag: 8}}
  frt_d: {title: frt_d, metric: first_response_time, unit: hours, target: {goal: 4, red_flag: 8}}
  csat_a: {title: csat_a, metric: csat, weight: 3, target: {goal: 0.95, red_flag: 0.80}}
  csat_b: {title: csat_b, metric: csat, weight: 1, target: {goal: 0.9, red_flag: 0.80}}
  csat_c: {title: csat_c, metric: csat, target: {goal: 0.85, red_flag: 0.70}}
  csat_d: {title: csat_d, metric: csat, target: {goal: 0.8, red_flag: 0.70}}
  csat_e: {title: csat_e, metric: csat, target: {goal: 0.75, red_flag: 0.70}}
"""
LABELS = {
    "en": {
        "node": "Comparisons under {}",
        "explicit": "Explicit",
        "default": "Equal (default)",
        "missing": "The pairwise matrix is not part of this result",
        "worst": "is judged",
    },
    "zh-CN": {
        "node": "{}下的两两比较",
        "explicit": "指定权重",
        "default": "默认等权重",
        "missing": "本结果未包含判断矩阵",
        "worst": "的判断为",
    },
}


def appendix(run_cli: RunCli, tmp_path: Path, locale: str) -> str:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("LOCALE", locale), encoding="utf-8")
    out = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json,html,xlsx")
    assert out.exit_code == 0, out.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    start = html.index('id="sec-appendix_ahp"')
    section = html[start : html.index("</section>", start)]
    section = section.split('<div class="block">')[0]  # the sensitivity table follows
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def block(text: str, heading: str) -> str:
    """The text from ``heading`` to the next block heading."""
    start = text.index(heading)
    ends = [
        text.find(h, start + len(heading))
        for h in ("Comparisons under", "下的两两比较", "Nodes without", "未做两两比较")
    ]
    return text[start : min([e for e in ends if e > 0] or [len(text)])]


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_comparisons_show_their_matrix_and_the_table_ri(
    run_cli: RunCli, tmp_path: Path, locale: str
) -> None:
    labels = LABELS[locale]
    text = appendix(run_cli, tmp_path, locale)
    speed_title, root_title = ("Speed", "Overall goal") if locale == "en" else ("速度", "总目标")
    speed = block(text, labels["node"].format(speed_title))
    # n = 3: Saaty's RI 0.58; a consistent chain, so CI = CR = 0.
    assert " 3 3.000 0.000 0.58 0.000 0.10 " in speed
    # The matrix as judged: a/b 3, b/c 2, a/c completed to 6 (marked), reciprocals below.
    assert "1 3 6* 66.7%" in speed and "1/3 1 2 22.2%" in speed and "1/6* 1/2 1 11.1%" in speed
    root = block(text, labels["node"].format(root_title))
    assert " 4 " in root and " 0.90 " in root  # n = 4: RI 0.90
    assert "1/3" in root and labels["worst"] in root
    assert labels["missing"] not in text


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_nodes_without_judgments_are_labelled_and_single_items_skipped(
    run_cli: RunCli, tmp_path: Path, locale: str
) -> None:
    labels = LABELS[locale]
    text = appendix(run_cli, tmp_path, locale)
    names = ("Satisfaction", "Mixed", "Lonely") if locale == "en" else ("满意", "混合", "单项")
    satisfaction, mixed, _ = names
    # weights 3 : 1 given directly; equal weights where nothing is given.
    assert f"{satisfaction} {labels['explicit']} csat_a 75.0% csat_b 25.0%" in text
    assert f"{mixed} {labels['default']} frt_d 33.3% csat_d 33.3% csat_e 33.3%" in text
    for name in names:
        assert labels["node"].format(name) not in text  # no consistency for these
    assert "csat_c" not in text  # Lonely's one item weighs 100 %: nothing to show


def test_the_workbook_follows_the_appendix(run_cli: RunCli, tmp_path: Path) -> None:
    appendix(run_cli, tmp_path, "en")
    sheet = openpyxl.load_workbook(tmp_path / "out" / "result.xlsx")["AHP"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Explicit" in cells and "Equal (default)" in cells
    assert "Lonely" not in cells[: cells.index("Speed")]  # no block of its own
    assert any(c == pytest.approx(6.0) for c in cells if isinstance(c, float))  # completed a/c


def test_the_result_carries_source_matrix_and_the_ri_for_n(run_cli: RunCli, tmp_path: Path) -> None:
    appendix(run_cli, tmp_path, "en")
    ahp = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))["ahp"]
    assert {node: ahp[node]["source"] for node in ahp} == {
        "root": "judgments",
        "speed": "judgments",
        "satisfaction": "weights",
        "single": "default",
        "equal": "default",
    }
    # Saaty's RI by n in every node, compared or not: 4 → 0.90, 3 → 0.58, 2 and 1 → 0.
    assert [ahp[n]["ri"] for n in ("root", "speed", "equal", "satisfaction", "single")] == [
        0.90, 0.58, 0.58, 0.0, 0.0,
    ]  # fmt: skip
    assert ahp["speed"]["matrix"][0] == pytest.approx([1, 3, 6])
    assert "matrix" not in ahp["equal"] and "matrix" not in ahp["satisfaction"]
