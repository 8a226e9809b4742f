"""The JSON Schema of the spec's core keys; plugins' parameter schemas are added per metric."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LOCALIZED = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"en": {"type": "string"}, "zh": {"type": "string"}},
            "additionalProperties": False,
        },
    ]
}
NUMBER = {"type": "number"}
JUDGMENT_VALUE = {"oneOf": [{"type": "number"}, {"type": "string"}]}
JUDGMENTS = {
    "type": "object",
    "additionalProperties": {"type": "object", "additionalProperties": JUDGMENT_VALUE},
}

AHP_BLOCK = {
    "type": "object",
    "properties": {
        "items": {"type": "array", "items": {"type": "string"}},
        "judgments": JUDGMENTS,
        "matrix": {"type": "array", "items": {"type": "array", "items": JUDGMENT_VALUE}},
        "experts": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "weight": NUMBER,
                    "judgments": JUDGMENTS,
                    "matrix": {"type": "array"},
                },
                "additionalProperties": False,
            },
        },
        "weights": {"type": "object", "additionalProperties": NUMBER},
        "aggregate": {"enum": ["judgments", "priorities"]},
        "ri_table": {"enum": ["saaty", "saaty2005", "donegan-dodd", "alonso-lamata"]},
        "threshold": NUMBER,
        "incomplete": {"enum": ["harker", "optimal"]},
        "method": {"type": "string"},
    },
    "additionalProperties": False,
}

TARGET = {
    "type": "object",
    "properties": {
        "goal": NUMBER,
        "red_flag": NUMBER,
        "tolerance": {"type": "number", "minimum": 0},
        "bands": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"min": NUMBER, "max": NUMBER, "score": NUMBER},
                "required": ["score"],
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

METRIC_INSTANCE = {
    "type": "object",
    "properties": {
        "metric": {"type": "string"},
        "params": {"type": "object"},
        "unit": {"type": "string"},
        "target": TARGET,
        "title": LOCALIZED,
        "weight": NUMBER,
        "scoring": {"type": "string"},
    },
    "additionalProperties": False,
}

CRITERION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": LOCALIZED,
        "metrics": {"type": "array", "items": {"type": "string"}},
        "criteria": {"type": "object", "additionalProperties": {"$ref": "#/$defs/criterion"}},
    },
    "additionalProperties": False,
}

SCORING = {
    "type": "object",
    "properties": {
        "method": {"type": "string"},
        "grades": {"type": "object", "additionalProperties": NUMBER},
        "missing": {"enum": ["renormalize", "zero", "fail"]},
        "min_coverage": {"type": "number", "minimum": 0, "maximum": 1},
        "ahp_inconsistency": {"enum": ["error", "warn"]},
        "bonus_cap": NUMBER,
        "penalty_cap": NUMBER,
    },
    "additionalProperties": False,
}

EVALUATION = {
    "type": "object",
    "properties": {
        "title": LOCALIZED,
        "client": LOCALIZED,
        "go_live": {"type": "string", "format": "date"},
        "period": {"type": "string", "pattern": r"^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))$"},
        "compare": {"type": "array", "items": {"enum": ["previous", "baseline"]}},
        "locale": {"enum": ["zh-CN", "en"]},
        "fiscal_year_start": {"type": "integer", "minimum": 1, "maximum": 12},
        "baseline": {"enum": ["window", "period"]},
        "trend_periods": {"type": "integer", "minimum": 1, "maximum": 24},
    },
    "additionalProperties": False,
}

REPORT = {
    "type": "object",
    "properties": {
        "formats": {"type": "array", "items": {"enum": ["json", "html", "pdf", "xlsx"]}},
        "locale": {"enum": ["zh-CN", "en"]},
        "sections": {"type": "array", "items": {"type": "string"}},
        "templates": {"type": "string"},
        "prepared_by": LOCALIZED,
        "version": {"type": "string"},
        "approved_by": LOCALIZED,
        "branding": {
            "type": "object",
            "properties": {
                "logo": {"type": "string"},
                "primary_color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
                "accent_color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
                "company": {"type": "string"},
                "footer": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}


def spec_schema(
    data_schema: Mapping[str, Any],
    rules_schema: Mapping[str, Any],
    params_schemas: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """The whole spec schema; ``params_schemas`` maps metric ids to their parameter schemas."""
    by_metric = [
        {
            "if": {"properties": {"metric": {"const": metric_id}}, "required": ["metric"]},
            "then": {"properties": {"params": dict(schema)}},
        }
        for metric_id, schema in sorted(params_schemas.items())
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "evalkit evaluation spec",
        "type": "object",
        "properties": {
            "version": {"const": 1},
            "extends": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
            "preset": {"type": "object"},
            "evaluation": EVALUATION,
            "data": dict(data_schema),
            "criteria": {"type": "object", "additionalProperties": {"$ref": "#/$defs/criterion"}},
            "weights": {"type": "object", "additionalProperties": AHP_BLOCK},
            "metrics": {
                "type": "object",
                "additionalProperties": {"allOf": [METRIC_INSTANCE, *by_metric]},
            },
            "scoring": SCORING,
            "rules": dict(rules_schema),
            "report": REPORT,
        },
        "additionalProperties": False,
        "$defs": {"criterion": CRITERION},
    }
