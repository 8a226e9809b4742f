"""The JSON Schema of the spec's ``rules:`` list, embedded by ``evalkit.spec.schema``."""

from __future__ import annotations

from typing import Any

from evalkit.rules.lexer import MAX_LENGTH

RULE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

TEXT: dict[str, Any] = {
    "description": "A text template, the same in both languages or given as {zh, en}.",
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            "minProperties": 1,
            "additionalProperties": False,
        },
    ],
}

POINTS: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 100}

THEN: dict[str, Any] = {
    "type": "object",
    "description": "What the rule does when it fires.",
    "properties": {
        "cap_grade": {"type": "string", "description": "The best grade the evaluation can get."},
        "bonus": {**POINTS, "description": "Points added to the overall score (加分项)."},
        "penalty": {**POINTS, "description": "Points deducted from the overall score (扣分项)."},
        "finding": {
            "type": "object",
            "properties": {
                "severity": {"enum": ["info", "warning", "critical"], "default": "info"},
                "text": TEXT,
            },
            "required": ["text"],
            "additionalProperties": False,
        },
        "recommendation": {
            "description": "A text, or an action for the action plan.",
            "oneOf": [
                TEXT,
                {
                    "type": "object",
                    "properties": {
                        "text": TEXT,
                        "priority": {"enum": ["high", "medium", "low"], "default": "medium"},
                        "owner": TEXT,
                        "due": {"type": ["string", "null"], "description": "a date or a text"},
                        "effect": TEXT,
                    },
                    "required": ["text"],
                    "additionalProperties": False,
                },
            ],
        },
        "gate": {"type": "boolean", "description": "Make `evalkit run` exit 1 when it fires."},
    },
    "minProperties": 1,
    "additionalProperties": False,
}

RULE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": RULE_ID_PATTERN},
        "title": {**TEXT, "description": "What the rule stands for, shown in the report."},
        "description": {"type": "string"},
        "when": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH},
        "then": THEN,
    },
    "required": ["id", "when", "then"],
    "additionalProperties": False,
}

RULES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "Rules evaluated after aggregation, in order; see docs/rules.md.",
    "items": RULE,
}
