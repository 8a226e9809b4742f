"""Plugins load from entry points, from --plugins-dir, and fail loudly and cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli

PLUGIN = """
from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl


@hookimpl
def register_metrics():
    return [
        MetricDefinition(
            id="{prefix}.backlog_age",
            title={{"en": "Backlog age", "zh": "积压时长"}},
            description="Mean age of open tickets.",
            formula="mean(now - created_at) over open tickets",
            unit="minutes",
            direction="lower",
            columns={{"tickets": ("ticket_id", "created_at")}},
            computation=None,
        )
    ]
"""


def _install_fake_distribution(root: Path, name: str, module: str) -> None:
    (root / f"{module}.py").write_text(PLUGIN.format(prefix=name), encoding="utf-8")
    info = root / f"{module}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[evalkit]\n{name} = {module}\n")


def test_plugin_from_an_entry_point(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_fake_distribution(tmp_path, "acme", "acme_evalkit")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("EVALKIT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    out = run_cli("metrics", "--json")
    assert out.exit_code == 0, out.stderr
    listed = {m["id"]: m for m in out.json()}
    assert listed["acme.backlog_age"]["plugin"] == "acme"
    assert listed["acme.backlog_age"]["title"] == {"en": "Backlog age", "zh": "积压时长"}
    plugins = {p["name"]: p for p in run_cli("plugins", "--json").json()}
    assert plugins["acme"]["version"] == "1.2.3"
    assert plugins["acme"]["hooks"] == ["register_metrics"]
    sys.modules.pop("acme_evalkit", None)


def test_disable_autoload_and_plugins_dir(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "mine.py").write_text(PLUGIN.format(prefix="mine"), encoding="utf-8")
    out = run_cli(
        "metrics", "--json", "--plugins-dir", folder, env={"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    )
    assert out.exit_code == 0, out.stderr
    assert [m["id"] for m in out.json()] == ["mine.backlog_age"]


def test_a_plugin_that_fails_to_import(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "broken.py").write_text(
        "import os\nraise RuntimeError('boom')\n\n"
        "@hookimpl\ndef register_metrics():\n    return []\n"
    )
    out = run_cli("metrics", "--plugins-dir", folder, env={"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert out.exit_code == 2
    assert out.stderr.strip() == (
        f"error: {folder / 'broken.py'}:2:1: plugin failed to import: RuntimeError: boom"
    )


def test_plugins_dir_skips_tests_and_helpers(run_cli: RunCli, tmp_path: Path) -> None:
    # the case from issue 20: a test beside the plugin imported the plugin by a name that the
    # folder does not provide, and the run stopped; tests and helpers are now never imported
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "warranty.py").write_text(PLUGIN.format(prefix="warranty"), encoding="utf-8")
    (folder / "test_warranty.py").write_text("import warranty_missing\n", encoding="utf-8")
    (folder / "conftest.py").write_text("raise RuntimeError('not a plugin')\n")
    (folder / "helpers.py").write_text("raise RuntimeError('not a plugin either')\n")
    (folder / "tests").mkdir()
    (folder / "tests" / "__init__.py").write_text("raise RuntimeError('tests')\n")
    env = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out = run_cli("plugins", "--json", "--plugins-dir", folder, env=env)
    assert out.exit_code == 0, out.stderr
    assert [p["name"] for p in out.json()] == ["warranty"]


def test_a_package_directory_is_one_plugin(run_cli: RunCli, tmp_path: Path) -> None:
    package = tmp_path / "local" / "acme_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "from evalkit.plugin import hookimpl\n\nfrom .defs import METRIC\n\n\n"
        "@hookimpl\ndef register_metrics():\n    return [METRIC]\n",
        encoding="utf-8",
    )
    defs = PLUGIN.format(prefix="pkg").split("@hookimpl")[0]
    body = PLUGIN.format(prefix="pkg").split("return [\n", 1)[1].rsplit("]", 1)[0]
    (package / "defs.py").write_text(defs + "METRIC = " + body.strip().rstrip(",") + "\n")
    env = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out = run_cli("metrics", "--json", "--plugins-dir", package.parent, env=env)
    assert out.exit_code == 0, out.stderr
    assert [m["id"] for m in out.json()] == ["pkg.backlog_age"]


def test_two_plugins_with_the_same_metric_id(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "one.py").write_text(PLUGIN.format(prefix="same"), encoding="utf-8")
    (folder / "two.py").write_text(PLUGIN.format(prefix="same"), encoding="utf-8")
    out = run_cli("metrics", "--plugins-dir", folder, env={"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert out.exit_code == 2
    assert "metric id 'same.backlog_age' is registered by both plugin 'one' and plugin 'two'" in (
        out.stderr
    )


def test_translations_of_a_definition_are_listed_and_checked(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    good = PLUGIN.format(prefix="good").replace(
        'formula="mean(now - created_at) over open tickets",',
        'formula="mean(now - created_at) over open tickets",\n'
        '            translations={"zh": {"description": "未关闭工单的平均存续时长。"}},',
    )
    (folder / "good.py").write_text(good, encoding="utf-8")
    env = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out = run_cli("metrics", "--json", "--plugins-dir", folder, env=env)
    assert out.exit_code == 0, out.stderr
    [listed] = out.json()
    assert listed["translations"] == {"zh": {"description": "未关闭工单的平均存续时长。"}}

    (folder / "good.py").write_text(good.replace('"zh": {', '"fr": {'), encoding="utf-8")
    out = run_cli("metrics", "--plugins-dir", folder, env=env)
    assert out.exit_code == 2
    assert "plugin 'good' metric 'good.backlog_age': language 'fr' is not one of en, zh" in (
        out.stderr
    )
    (folder / "good.py").write_text(good.replace('"description":', '"summary":'), encoding="utf-8")
    out = run_cli("metrics", "--plugins-dir", folder, env=env)
    assert out.exit_code == 2
    assert "translations['zh'] has 'summary'; give description and/or formula as text" in (
        out.stderr
    )


def test_misspelt_hook_fails_loudly(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "typo.py").write_text(
        "from evalkit.plugin import hookimpl\n\n@hookimpl\ndef register_metric():\n    return []\n"
    )
    out = run_cli("plugins", "--plugins-dir", folder, env={"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert out.exit_code == 2
    assert "register_metric" in out.stderr and "Traceback" not in out.stderr


def test_every_hook_is_documented() -> None:
    from evalkit.plugin import hookspecs

    hooks = [n for n in dir(hookspecs) if n.startswith("register_")]
    assert len(hooks) == 6
    for name in hooks:
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "Called" in doc and "return" in doc, name


def test_a_direction_outside_the_list_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    plugin = PLUGIN.format(prefix="odd").replace('direction="lower"', 'direction="both"')
    (folder / "odd.py").write_text(plugin, encoding="utf-8")
    env = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    out = run_cli("metrics", "--plugins-dir", folder, env=env)
    assert out.exit_code == 2
    assert (
        "plugin 'odd' metric 'odd.backlog_age': direction 'both' is not one of higher, lower, "
        "target, none"
    ) in out.stderr
