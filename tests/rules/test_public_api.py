"""``evalkit.rules.__all__`` is honest, and docs/rules.md documents every built-in function."""

from __future__ import annotations

from pathlib import Path

import evalkit.rules
from evalkit.rules import BUILTIN_FUNCTIONS, parse_rules
from evalkit.yamldoc import load_yaml_text

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_all_names_exist_and_are_sorted_uniquely() -> None:
    names = evalkit.rules.__all__
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(evalkit.rules, name), name


def test_every_public_name_is_in_all() -> None:
    public = {
        name
        for name, value in vars(evalkit.rules).items()
        if not name.startswith("_") and not isinstance(value, type(evalkit))
    }
    assert public - {"annotations"} == set(evalkit.rules.__all__)


def test_every_builtin_function_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for function in BUILTIN_FUNCTIONS:
        assert f"`{function.signature}`" in text, function.signature


def test_the_example_of_the_docs_is_a_valid_rules_list() -> None:
    example = DOCS.read_text(encoding="utf-8").split("```yaml\n")[1].split("```")[0]
    doc = load_yaml_text(example, "rules.md")
    metrics = ("csat", "first_contact_resolution", "complaint_rate", "sla_response_compliance")
    rules = parse_rules(doc, ("rules",), metrics, (), grades=("A", "B", "C", "D"))
    assert [rule.id for rule in rules] == [
        "csat-veto",
        "fcr-improved",
        "complaints-up",
        "quarterly-gate",
    ]
