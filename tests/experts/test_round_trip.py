"""The round trip with three experts on the demo spec: questionnaires out, filled in with
openpyxl (one inconsistent, one with a missing judgment, one with an invalid answer), collected,
and the collected weights used by the demo."""

from __future__ import annotations

import csv
import json
import math
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import RunCli
from tests.experts.conftest import ANSWERS, PANEL, TECH, fill

NODE_SHEETS = ("服务质量", "服务效率", "技术和创新", "成本控制")


def titles(path: Path, sheet: str, row: int) -> tuple[str, str]:
    book = openpyxl.load_workbook(path)
    return str(book[sheet].cell(row, 1).value), str(book[sheet].cell(row, 4).value)


def weighted_gm(pairs: list[tuple[float, float]]) -> float:
    """Weighted geometric mean of (weight, value), weights renormalised."""
    total = sum(w for w, _ in pairs)
    return math.exp(sum(w * math.log(v) for w, v in pairs) / total)


def test_three_experts_round_trip(demo: Path, run_cli: RunCli) -> None:
    out = run_cli("experts", "questionnaire", "spec.yaml", "--experts", "experts.csv", "--out", "q")
    assert out.exit_code == 0, out.stderr
    files = [demo / "q" / f"{name}.xlsx" for name in PANEL]
    assert all(f.exists() for f in files)
    book = openpyxl.load_workbook(files[0])
    assert book.sheetnames[0] == "说明"
    assert [s for s in NODE_SHEETS if s not in book.sheetnames] == []
    assert book[TECH].protection.sheet  # locked except the answers
    assert book[TECH].cell(5, 3).protection.locked is False
    assert book[TECH].cell(5, 1).protection.locked is True
    # Drop-downs only: a value not on the list is refused (error style "stop", the default).
    lists = {
        str(dv.sqref): (dv.type, dv.formula1, dv.showErrorMessage, dv.errorStyle or "stop")
        for dv in book[TECH].data_validations.dataValidation
    }
    assert lists == {
        "B5:B7": ("list", '"A 更重要,B 更重要"', True, "stop"),
        "C5:C7": ("list", "'说明'!$A$10:$A$18", True, "stop"),
    }
    assert [book["说明"].cell(r, 1).value for r in (10, 14, 18)] == [
        "1 同等重要",
        "5 明显重要",
        "9 极端重要",
    ]
    assert book["_evalkit"].sheet_state == "veryHidden"

    # The answers of ANSWERS (张伟 inconsistent, 李娜 leaves a pair out), and 王芳 first types
    # an answer that is not on the scale.
    for path, name in zip(files, PANEL, strict=True):
        answers, scores = ANSWERS[name]
        if name == "王芳":
            answers = {**answers, ("服务质量", 7): ("A 更重要", "7 倍")}
        fill(path, answers, scores)
    out = run_cli("experts", "collect", "spec.yaml", *map(str, files), "--out", "w.yaml")
    assert out.exit_code == 2
    assert out.stderr == "error: 王芳.xlsx!服务质量!C7: '7 倍' is not on the scale\n"
    assert not (demo / "w.yaml").exists()

    fill(files[2], *ANSWERS["王芳"])
    out = run_cli("experts", "collect", "spec.yaml", *map(str, files), "--out", "w.yaml")
    assert out.exit_code == 0, out.stderr
    a, b = titles(files[0], TECH, 5)
    # n = 3: λmax = 1 + x + 1/x with x = (a12·a23/a13)^(1/3) = 6^(1/3); CI = (λmax − 3)/2,
    # RI = 0.58. All three judgments are equally far off; the first, a12, is named, and
    # w1/w2 = (4·2 / (3/4))^(1/3) = 2.20 is nearest to 2 on the scale.
    x = 6 ** (1 / 3)
    cr = (1 + x + 1 / x - 3) / 2 / 0.58
    assert f"{cr:.3f}" == "0.317"
    agree = (32 / 3) ** (1 / 3)
    assert abs(math.log(agree / 2)) < abs(math.log(3 / agree))  # nearer 2 than 3
    assert (
        f"张伟，技术和创新：一致性比率 CR 0.317 高于 0.10。请复核「{a}」与「{b}」的比较"
        "（您的判断为 4），约 2 与您的其他判断一致。"
    ) in out.stdout.splitlines()
    assert "李娜，技术和创新：一致性比率 CR 0.000 ≤ 0.10，判断一致，谢谢。" in out.stdout

    # The same judgments typed by hand as an `evalkit ahp` file.
    (demo / "hand.yaml").write_text(
        "items: [ti_self_service, ti_proactive, ti_remote_monitoring]\n"
        "experts:\n"
        "  张伟: {weight: 2, judgments: {ti_self_service: {ti_proactive: 4, "
        "ti_remote_monitoring: 2}, ti_proactive: {ti_remote_monitoring: 3}}}\n"
        "  李娜: {weight: 1, judgments: {ti_self_service: {ti_proactive: 2},"
        " ti_proactive: {ti_remote_monitoring: 1}}}\n"
        "  王芳: {weight: 1, judgments: {ti_self_service: {ti_proactive: 2, "
        "ti_remote_monitoring: 2}, ti_proactive: {ti_remote_monitoring: 1}}}\n",
        encoding="utf-8",
    )
    hand = run_cli("ahp", "hand.yaml", "--json")
    assert hand.exit_code == 0, hand.stderr
    expected = json.loads(hand.stdout)["weights"]
    # AIJ by hand: per pair the weighted geometric mean over the experts who judged it (李娜
    # gave no a13); for n = 3 the eigenvector is the rows' geometric mean.
    a12 = weighted_gm([(2, 4), (1, 2), (1, 2)])
    a13 = weighted_gm([(2, 2), (1, 2)])
    a23 = weighted_gm([(2, 3), (1, 1), (1, 1)])
    rows = [(a12 * a13) ** (1 / 3), (a23 / a12) ** (1 / 3), (1 / (a13 * a23)) ** (1 / 3)]
    by_hand = [r / sum(rows) for r in rows]
    assert list(expected.values()) == pytest.approx(by_hand, abs=1e-12)

    # The demo with the collected weights: extends the YAML, its own weights: removed.
    spec = (demo / "spec.yaml").read_text(encoding="utf-8")
    head, rest = spec.split("\nweights:\n")
    spec2 = (
        head.replace(
            "extends: [market/b2b, industry/manufacturing]",
            "extends: [market/b2b, industry/manufacturing, w.yaml]",
        )
        + "\nmetrics:\n"
        + rest.split("\nmetrics:\n")[1]
    )
    (demo / "spec2.yaml").write_text(spec2, encoding="utf-8")
    merged = run_cli("ahp", "spec2.yaml", "--json")
    node = json.loads(merged.stdout)["nodes"]["technology_innovation"]
    for item, weight in expected.items():
        assert node["weights"][item] == pytest.approx(weight, abs=1e-12)
    assert node["source"] == "experts"
    assert node["collected"]["above_threshold"] == "keep"
    text = " ".join(run_cli("ahp", "spec2.yaml").stdout.split())  # the console wraps lines
    assert "experts above the CR threshold (kept in the group): 张伟" in text

    ran = run_cli("run", "spec2.yaml", "--out", "report2", "--format", "json,html,xlsx")
    assert ran.exit_code in (0, 1), ran.stderr
    result = json.loads((demo / "report2" / "result.json").read_text(encoding="utf-8"))
    shown = result["ahp"]["technology_innovation"]["weights"]
    assert shown != {"ti_self_service": 0.25, "ti_proactive": 0.25, "ti_remote_monitoring": 0.5}
    assert list(shown.values()) == pytest.approx(by_hand, abs=1e-12)
    experts = result["ahp"]["technology_innovation"]["experts"]
    assert {name: e["weight"] for name, e in experts.items()} == {
        "张伟": 0.5,
        "李娜": 0.25,
        "王芳": 0.25,
    }
    assert experts["张伟"]["cr"] == pytest.approx(cr, abs=1e-12)
    # The choice for experts above the threshold (kept: no --drop-inconsistent) is provenance.
    collected = result["ahp"]["technology_innovation"]["collected"]
    at = collected.pop("at")
    assert collected == {"above_threshold": "keep", "inconsistent": ["张伟"], "incomplete": []}
    assert datetime.fromisoformat(at).tzinfo is not None
    assert abs((datetime.now(UTC) - datetime.fromisoformat(at)).total_seconds()) < 600
    assert result["ahp"]["root"]["collected"]["inconsistent"] == []
    html = next((demo / "report2").glob("*.html")).read_text(encoding="utf-8")
    tech = html[html.index("技术和创新下的两两比较") :]
    tech = tech[: tech.index("</div>")]
    shown_weights = [f"{w:.1%}" for w in by_hand]  # 54.1%, 25.8%, 20.1%, not 25/25/50
    assert [w in tech for w in shown_weights] == [True, True, True]
    assert "专家（3 位参与判断；个体判断集结法（AIJ" in tech
    assert "按个体判断集结法（AIJ：各对判断的加权几何平均）合成" in html
    assert "在某节点一致性比率高于阈值的专家仍保留在该节点的群组中" in html  # methodology
    assert "一致性比率高于阈值、仍保留在群组中的专家：张伟。" in html  # appendix A
    sheet = openpyxl.load_workbook(demo / "report2" / "result.xlsx")["AHP"]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    tech = rows.index(["技术和创新"])
    zhang = next(r for r in rows[tech:] if r and r[0] == "张伟")
    assert zhang[1:] == [0.5, pytest.approx(cr, abs=1e-12)]
    group = next(r for r in rows[tech:] if r and r[0] == "群组")
    assert group[1:] == [1.0, pytest.approx(result["ahp"]["technology_innovation"]["cr"])]

    with (demo / "ratings.csv").open(encoding="utf-8") as f:
        ratings = list(csv.DictReader(f))
    today = datetime.now(UTC).date().isoformat()
    assert [
        (r["indicator"], r["score"], r["period"], r["rater"], r["weight"], r["rated_at"])
        for r in ratings
    ] == [
        (ind, str(score), "2026Q3", rater, weight, today)
        for rater, weight, scores in (
            ("张伟", "2", (4, 4, 5)),
            ("李娜", "1", (3, 4, 4)),
            ("王芳", "1", (5, 5, 5)),
        )
        for ind, score in zip(("沟通能力", "专业能力", "服务态度"), scores, strict=True)
    ]
