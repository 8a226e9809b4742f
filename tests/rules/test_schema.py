"""The JSON Schema of ``rules:`` accepts the issue's rules and refuses malformed ones."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml

from evalkit.rules.schema import RULES_SCHEMA

from .test_reader import ISSUE_RULES


def errors(rules: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(RULES_SCHEMA)
    return [error.message for error in validator.iter_errors(rules)]


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(RULES_SCHEMA)


def test_issue_rules_are_valid() -> None:
    assert errors(yaml.safe_load(ISSUE_RULES)["rules"]) == []


@pytest.mark.parametrize(
    "rule",
    [
        {"id": "r", "when": "true"},
        {"id": "r", "when": "true", "then": {}},
        {"id": "r", "when": "", "then": {"gate": True}},
        {"id": "r", "when": "x" * 1001, "then": {"gate": True}},
        {"id": "r r", "when": "true", "then": {"gate": True}},
        {"id": "r", "when": "true", "then": {"bonus": -1}},
        {"id": "r", "when": "true", "then": {"gate": "yes"}},
        {"id": "r", "when": "true", "then": {"finding": {"severity": "severe", "text": "x"}}},
        {"id": "r", "when": "true", "then": {"recommendation": {"fr": "x"}}},
        {"id": "r", "when": "true", "then": {"veto": True}},
    ],
)
def test_malformed_rules_are_refused(rule: dict[str, Any]) -> None:
    assert errors([rule])
