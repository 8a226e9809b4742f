"""The questionnaires survive LibreOffice: opened headless and saved back as .xlsx without
errors, and the saved answers collect to the same messages, weights and ratings.

Needs Debian libreoffice-calc (scripts/system-deps.sh installs it; skipped without soffice).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import RunCli
from tests.experts.conftest import ANSWERS, PANEL, TECH, fill, issue_and_fill

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="needs Debian libreoffice-calc (scripts/system-deps.sh installs it)"
)


def libreoffice(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Open ``files`` in LibreOffice headless and save them as .xlsx into ``out_dir``."""
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",  # private profile: no clash, no state
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # soffice exits 0 even when a file cannot be loaded; it says so on stderr ("Error: …").
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    converted = [out_dir / f.name for f in files]
    assert all(f.is_file() for f in converted), done.stdout
    return converted


def without_time(text: str) -> object:
    """The weights YAML as data, without the collection time (two runs differ only there)."""
    data = yaml.safe_load(text)
    for block in data["weights"].values():
        block["collected"].pop("at")
    return data


def test_libreoffice_saved_workbooks_collect_the_same(
    demo: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    profile = tmp_path / "libreoffice-profile"
    files = issue_and_fill(run_cli, demo)
    saved = libreoffice(files, demo / "lo", profile)

    # What LibreOffice wrote keeps the questionnaire's structure.
    book = openpyxl.load_workbook(saved[0])
    assert book.sheetnames == openpyxl.load_workbook(files[0]).sheetnames
    sheet = book[TECH]
    assert sheet.protection.sheet
    assert sheet["C5"].protection.locked is False
    assert sheet["A5"].protection.locked is True
    assert {str(dv.sqref): dv.type for dv in sheet.data_validations.dataValidation} == {
        "B5:B7": "list",
        "C5:C7": "list",
    }
    assert book["_evalkit"].sheet_state == "hidden"  # LibreOffice has no "very hidden"

    first = run_cli("experts", "collect", "spec.yaml", *map(str, files), "--out", "a/w.yaml")
    again = run_cli("experts", "collect", "spec.yaml", *map(str, saved), "--out", "b/w.yaml")
    assert first.exit_code == again.exit_code == 0, again.stderr
    assert again.stdout.replace("b/", "a/") == first.stdout
    assert "CR 0.317 高于 0.10" in again.stdout  # 张伟's, as in the round trip test
    assert again.stderr == first.stderr
    weights = [(demo / d / "w.yaml").read_text(encoding="utf-8") for d in ("a", "b")]
    assert without_time(weights[1]) == without_time(weights[0])
    ratings = [(demo / d / "ratings.csv").read_text(encoding="utf-8") for d in ("a", "b")]
    assert ratings[1] == ratings[0]

    # An invalid answer saved by LibreOffice is named by its cell, as from openpyxl.
    answers, scores = ANSWERS["王芳"]
    fill(files[2], {**answers, ("服务质量", 7): ("A 更重要", "7 倍")}, scores)
    (bad,) = libreoffice([files[2]], demo / "lo-bad", profile)
    out = run_cli("experts", "collect", "spec.yaml", str(saved[0]), str(saved[1]), str(bad))
    assert out.exit_code == 2
    assert out.stderr == "error: 王芳.xlsx!服务质量!C7: '7 倍' is not on the scale\n"

    # A workbook saved by LibreOffice can be re-issued, and the re-issue opens there too.
    out = run_cli("experts", "questionnaire", "spec.yaml", "--revise", str(saved[0]), "--out", "r")
    assert out.exit_code == 0, out.stderr
    assert "张伟，技术和创新：一致性比率 CR 0.317 高于 0.10" in out.stdout
    (reissued,) = libreoffice([demo / "r" / "张伟.xlsx"], demo / "lo-r", profile)
    assert openpyxl.load_workbook(reissued)[TECH]["C5"].value == ANSWERS[PANEL[0]][0][(TECH, 5)][1]
