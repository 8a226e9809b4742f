"""An unquoted comma in a {…} mapping splits a text: an error at the stray key, not a silent cut."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli


def test_a_text_cut_by_a_comma_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "version: 1\nevaluation:\n  client: {en: Li Wei, Northwind, zh: 李伟}\n", encoding="utf-8"
    )
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {spec}:3:24: invalid YAML: 'Northwind' has no value: an unquoted comma inside "
        '{…} splits a text in two; quote the whole text, e.g. en: "…, Northwind"\n'
    )


def test_explicit_nulls_still_remove_keys(run_cli: RunCli, tmp_path: Path) -> None:
    # `key: ~` and `key:` say "no value" on purpose (a null removes a preset's key)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "version: 1\nextends: market/b2b\nevaluation: {title: T, client: C, period: 2026Q3}\n"
        "data: {sources: {}}\nmetrics: {first_response_time: ~, csat: }\n",
        encoding="utf-8",
    )
    out = run_cli("validate", spec, "--no-data")
    assert "has no value" not in out.stderr
