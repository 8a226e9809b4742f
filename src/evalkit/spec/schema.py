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
NUMBER = {"type": "number", "minimum": -1e15, "maximum": 1e15}
"""Spec numbers (targets, caps, weights) are finite and at most 10¹⁵ in size: beyond that,
scores and report formatting overflow."""
RELATIVE = {"type": "string", "pattern": "^p(10|25|50|75|90)$"}
"""A target relative to the benchmark: the peers' quantile ``p75`` (docs/benchmarks.md)."""
NUMBER_OR_RELATIVE = {"oneOf": [NUMBER, RELATIVE]}
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
        "collected": {
            "type": "object",
            "description": "How evalkit experts collect gathered the experts (provenance).",
        },
    },
    "additionalProperties": False,
}

GOAL_AND_RED_FLAG = {
    "type": "object",
    "properties": {
        "goal": NUMBER,
        "red_flag": NUMBER,
        "tolerance": {"type": "number", "minimum": 0},
    },
    "required": ["goal", "red_flag"],
    "additionalProperties": False,
}

TARGET = {
    "type": "object",
    "properties": {
        "goal": NUMBER_OR_RELATIVE,
        "red_flag": NUMBER_OR_RELATIVE,
        "tolerance": {"type": "number", "minimum": 0},
        "by_segment": {
            "type": "object",
            "description": "Segment value → {goal, red_flag} for that segment's breakdown.",
            "additionalProperties": GOAL_AND_RED_FLAG,
        },
        "by_period": {
            "type": "object",
            "description": "Period (2026Q3, 2026-08, baseline) → {goal, red_flag}.",
            "additionalProperties": GOAL_AND_RED_FLAG,
        },
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
        "values": {
            "type": "object",
            "description": "Entered values by period (2026Q3, 2026-08, baseline) in the unit.",
            "additionalProperties": NUMBER,
        },
        "source": {"type": "string", "description": "Who provided the entered values."},
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
        "percentile_intervals": {"type": "boolean"},
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
        "industry": {"type": "string", "description": "The client's industry (benchmarks)."},
        "market": {"type": "string", "description": "b2b or b2c (benchmarks)."},
        "size": {"type": "string", "description": "The client's size band (benchmarks)."},
        "region": {"type": "string", "description": "The client's region (benchmarks)."},
    },
    "additionalProperties": False,
}

ADVICE = {
    "type": "object",
    "description": "The default action for a metric that is red or among the weakest.",
    "properties": {
        "text": LOCALIZED,
        "priority": {"enum": ["high", "medium", "low"]},
        "owner": LOCALIZED,
        "effect": LOCALIZED,
    },
    "required": ["text"],
    "additionalProperties": False,
}

POPULATION = {
    "type": "object",
    "properties": {
        key: {"type": ["string", "integer"]}
        for key in ("industry", "market", "size", "region", "year")
    },
    "additionalProperties": False,
}
PACKS = {"type": "array", "items": {"type": "string"}, "minItems": 1}
BENCHMARKS = {
    "description": "Benchmark packs (file paths or installed ids) and the population to "
    "compare against (default: the evaluation's industry, market, size, region and year).",
    "oneOf": [
        PACKS,
        {
            "type": "object",
            "properties": {"packs": PACKS, "population": POPULATION},
            "required": ["packs"],
            "additionalProperties": False,
        },
    ],
}

COLOUR = "^#([0-9a-fA-F]{3}){1,2}$"
"""``#rgb`` or ``#rrggbb``, as docs/report.md allows."""

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
        "values": {
            "type": "object",
            "description": "Column → data value → its display name ({en, zh} or one text).",
            "additionalProperties": {"type": "object", "additionalProperties": LOCALIZED},
        },
        "branding": {
            "type": "object",
            "properties": {
                "logo": {"type": "string"},
                "primary_color": {"type": "string", "pattern": COLOUR},
                "accent_color": {"type": "string", "pattern": COLOUR},
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
            "advice": {"type": "object", "additionalProperties": ADVICE},
            "benchmarks": BENCHMARKS,
            "report": REPORT,
        },
        "additionalProperties": False,
        "$defs": {"criterion": CRITERION},
    }
