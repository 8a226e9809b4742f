"""Re-issuing a questionnaire with the judgment to revisit highlighted; dropping inconsistent
experts; bad panels and foreign workbooks; names that Windows Excel and WPS accept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml

from evalkit.experts.layout import file_name, sheet_name
from tests.conftest import RunCli
from tests.experts.conftest import FOUR, INCONSISTENT, TECH, THREE, TWO, fill


def issue(demo: Path, run_cli: RunCli) -> list[Path]:
    out = run_cli("experts", "questionnaire", "spec.yaml", "--experts", "experts.csv", "--out", "q")
    assert out.exit_code == 0, out.stderr
    return [demo / "q" / f"{name}.xlsx" for name in ("张伟", "李娜", "王芳")]


def test_revise_keeps_the_answers_and_highlights_the_judgment_to_revisit(
    demo: Path, run_cli: RunCli
) -> None:
    zhang = issue(demo, run_cli)[0]
    fill(zhang, INCONSISTENT, (4, 4, 5))
    out = run_cli("experts", "questionnaire", "spec.yaml", "--revise", str(zhang), "--out", "r")
    assert out.exit_code == 0, out.stderr
    assert "CR 0.317 高于 0.10" in out.stdout
    book = openpyxl.load_workbook(demo / "r" / "张伟.xlsx")
    sheet = book[TECH]
    assert [(sheet.cell(r, 2).value, sheet.cell(r, 3).value) for r in (5, 6, 7)] == [
        FOUR,
        TWO,
        THREE,
    ]
    # n = 3: all three judgments are equally far off; the first (row 5) is the one named.
    assert sheet["C5"].fill.fgColor.rgb.endswith("FFEB9C")
    assert sheet["C5"].comment is not None and "约 2 与您的其他判断一致" in sheet["C5"].comment.text
    assert sheet["C6"].comment is None
    assert [book["专家评分"].cell(r, 3).value for r in (5, 6, 7)] == [4, 4, 5]
    assert book["服务质量"]["C5"].value == "1 同等重要"  # every earlier answer is back


def test_drop_inconsistent_leaves_the_expert_out_of_that_node_only(
    demo: Path, run_cli: RunCli
) -> None:
    zhang, li, wang = issue(demo, run_cli)
    fill(zhang, INCONSISTENT, (4, 4, 5))
    fill(li, {}, (3, 4, 4))
    fill(wang, {}, (5, 5, 5))
    out = run_cli(
        "experts", "collect", "spec.yaml", str(zhang), str(li), str(wang),
        "--out", "w.yaml", "--drop-inconsistent",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    assert "technology_innovation: group of 2 (AIJ), CR 0.000" in out.stdout
    assert "left out: 张伟" in out.stdout
    text = (demo / "w.yaml").read_text(encoding="utf-8")
    assert "# technology_innovation: left out 张伟" in text
    assert "experts above the CR threshold: dropped" in text
    weights = yaml.safe_load(text)["weights"]
    assert list(weights["technology_innovation"]["experts"]) == ["李娜", "王芳"]
    assert list(weights["root"]["experts"]) == ["张伟", "李娜", "王芳"]
    collected = weights["technology_innovation"]["collected"]
    assert (collected["above_threshold"], collected["inconsistent"]) == ("drop", ["张伟"])
    assert weights["root"]["collected"]["inconsistent"] == []


def test_a_bad_panel_is_named_by_line(demo: Path, run_cli: RunCli) -> None:
    (demo / "bad.csv").write_text("name,role,weight\n张伟,总监,2\n李娜,经理,heavy\n", "utf-8")
    out = run_cli("experts", "questionnaire", "spec.yaml", "--experts", "bad.csv", "--out", "q")
    assert out.exit_code == 2
    assert (
        out.stderr
        == "error: bad.csv:3:1: expert '李娜' weight must be a positive number, not 'heavy'\n"
    )
    assert not (demo / "q").exists()


def test_a_workbook_that_is_not_a_questionnaire(demo: Path, run_cli: RunCli) -> None:
    book = openpyxl.Workbook()
    book.save(demo / "other.xlsx")
    out = run_cli("experts", "collect", "spec.yaml", "other.xlsx")
    assert out.exit_code == 2
    assert out.stderr.startswith("error: other.xlsx: not an evalkit questionnaire")


def test_sheet_and_file_names_are_safe_for_excel_and_wps() -> None:
    taken: set[str] = set()
    assert sheet_name("成本/收益: [ROI]?", taken) == "成本_收益_ _ROI__"
    long = "Service quality and customer satisfaction overall"
    assert sheet_name(long, taken) == long[:31]
    assert sheet_name(long, taken) == long[:27] + " (2)"
    assert sheet_name("history", taken) == "history (2)"  # Excel reserves History
    assert file_name("CON") == "_CON.xlsx"
    assert file_name('王 "芳"/外部') == "王 _芳__外部.xlsx"


def test_a_question_the_changed_spec_no_longer_asks(demo: Path, run_cli: RunCli) -> None:
    zhang = issue(demo, run_cli)[0]
    fill(zhang, {}, (4, 4, 5))
    spec = (demo / "spec.yaml").read_text(encoding="utf-8")
    head, tail = spec.split("  rating_attitude:\n")
    spec = head.replace(", rating_attitude]", "]") + "\nreport:" + tail.split("\nreport:")[1]
    (demo / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("experts", "collect", "spec.yaml", str(zhang), "--out", "w.yaml")
    assert out.exit_code == 2
    assert out.stderr == (
        "error: 张伟.xlsx!专家评分!A7: the spec no longer asks this question (its criteria "
        "changed since the questionnaire was written); re-issue it with "
        "`evalkit experts questionnaire`\n"
    )


def test_english_workbooks_and_messages(demo: Path, run_cli: RunCli) -> None:
    out = run_cli(
        "experts", "questionnaire", "spec.yaml", "--experts", "experts.csv", "--out", "q",
        "--locale", "en",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    path = demo / "q" / "李娜.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Instructions"
    assert book.sheetnames[-2] == "Ratings"
    sheet = next(
        s for s in book.worksheets if s.cell(1, 1).value.endswith("(technology_innovation)")
    )
    for row in range(5, sheet.max_row + 1):
        sheet.cell(row, 2).value = "B is more important"
        sheet.cell(row, 3).value = "1 equally important"
    sheet["B5"].value, sheet["C5"].value = "B is more important", "9 extremely more important"
    sheet["B6"].value, sheet["C6"].value = None, None  # a13 not judged: a12 = 1/9, a23 = 1
    book.save(path)
    out = run_cli("experts", "collect", "spec.yaml", str(path), "--locale", "en", "--out", "w.yaml")
    assert out.exit_code == 0, out.stderr
    # Two judgments of three items link them without a cycle: consistent whatever they say.
    assert f"李娜, {sheet.title}: CR 0.000 ≤ 0.10, consistent; thank you." in out.stdout
    li = yaml.safe_load((demo / "w.yaml").read_text(encoding="utf-8"))["weights"]
    judgments = li["technology_innovation"]["experts"]["李娜"]["judgments"]
    assert judgments == {
        "ti_self_service": {"ti_proactive": "1/9"},
        "ti_proactive": {"ti_remote_monitoring": 1},
    }


def test_an_inconsistent_group_is_a_warning(demo: Path, run_cli: RunCli) -> None:
    zhang, li, wang = issue(demo, run_cli)
    # 张伟 (half of the group): a12 = 4, a13 = 1/4, a23 = 4; the others all 1.
    # Group: a12 = a23 = 4^(1/2) = 2, a13 = (1/4)^(1/2) = 1/2 → x = (2·2/(1/2))^(1/3) = 2,
    # λmax = 1 + 2 + 1/2 = 3.5, CR = 0.25 / 0.58 = 0.431 > 0.1.
    fill(zhang, {(TECH, 5): FOUR, (TECH, 6): ("B 更重要", FOUR[1]), (TECH, 7): FOUR}, (4, 4, 5))
    fill(li, {}, (3, 4, 4))
    fill(wang, {}, (5, 5, 5))
    out = run_cli("experts", "collect", "spec.yaml", str(zhang), str(li), str(wang))
    assert out.exit_code == 0, out.stderr
    assert "technology_innovation: group of 3 (AIJ), CR 0.431" in out.stdout
    assert out.stderr.startswith(
        "warning: technology_innovation: the group's CR is above 0.1; a run stops at this node"
    )
    assert (demo / "expert-weights.yaml").exists()
    assert (demo / "ratings.csv").exists()


def test_the_spec_anchors_are_shown_on_the_rating_sheet(demo: Path, run_cli: RunCli) -> None:
    spec = (demo / "spec.yaml").read_text(encoding="utf-8")
    given = "params: {indicator: 沟通能力}"
    assert given in spec
    # Number and text keys mixed ("3" quoted): the spec still loads (and hashes).
    anchors = '{1: 很差, "3": {en: adequate, zh: 一般}, 5: 优秀}'
    (demo / "spec.yaml").write_text(
        spec.replace(given, f"params: {{indicator: 沟通能力, anchors: {anchors}}}"), "utf-8"
    )
    for locale, expected in (("zh-CN", "1 = 很差 · 3 = 一般 · 5 = 优秀"), ("en", "3 = adequate")):
        out = run_cli(
            "experts", "questionnaire", "spec.yaml", "--experts", "experts.csv",
            "--out", locale, "--locale", locale,
        )  # fmt: skip
        assert out.exit_code == 0, out.stderr
        book = openpyxl.load_workbook(demo / locale / "张伟.xlsx")
        sheet = book["专家评分" if locale == "zh-CN" else "Ratings"]
        assert expected in sheet["B5"].value
        generic = {"zh-CN": "1 = 很差 … 5 = 优秀", "en": "1 = very poor … 5 = excellent"}
        assert sheet["B6"].value == generic[locale]  # no anchors given: the generic ones


def test_an_anchor_off_the_scale_is_named_where_it_is_written(demo: Path, run_cli: RunCli) -> None:
    spec = (demo / "spec.yaml").read_text(encoding="utf-8")
    given = "params: {indicator: 沟通能力}"
    line = spec[: spec.index(given)].count("\n") + 1
    column = spec.split("\n")[line - 1].index(given) + 1
    (demo / "spec.yaml").write_text(
        spec.replace(given, "params: {indicator: 沟通能力, anchors: {1: 很差, 7: 好}}"), "utf-8"
    )
    out = run_cli("experts", "questionnaire", "spec.yaml", "--experts", "experts.csv", "--out", "q")
    assert out.exit_code == 2
    at = column + len("params: {indicator: 沟通能力, anchors: {1: 很差, ")
    assert (
        out.stderr == f"error: spec.yaml:{line}:{at}: anchor 7 is not a whole score from 1 to 5\n"
    )
    assert not (demo / "q").exists()
