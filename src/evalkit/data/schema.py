"""JSON Schema of the spec's ``data:`` section (embedded by the spec stage into the spec schema)."""

from __future__ import annotations

from typing import Any

_MAPPING = {"type": "object", "additionalProperties": {"type": "string"}}

SOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Where a canonical table comes from: a file (path) or a database (url, table).",
    "properties": {
        "path": {"type": "string", "description": "A file relative to the spec file."},
        "url": {"type": "string", "description": "postgresql://… (use ${VAR} for secrets)."},
        "table": {
            "type": "string",
            "description": "Database table, optionally schema.table (on Spark: a catalog table).",
        },
        "format": {
            "enum": ["parquet", "orc", "delta"],
            "description": "On Spark: how path is read (default: from its suffix, else Parquet).",
        },
        "encoding": {"type": "string", "description": "Text encoding; default: detect."},
        "timestamp_format": {"type": "string", "description": "strftime format; default: detect."},
        "sheet": {"type": ["string", "integer"], "description": "Excel worksheet name or index."},
        "timezone": {"type": "string", "description": "Time zone of naive timestamps."},
        "extra_columns": {
            "type": "object",
            "description": "Columns beyond the canonical ones, typed, for plugin metrics.",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "from": {"type": "string", "description": "The client's header."},
                    "type": {
                        "enum": ["string", "timestamp", "date", "number", "boolean"],
                        "description": "How the values are parsed (default string).",
                    },
                },
                "additionalProperties": False,
            },
        },
        "where": {
            "type": "string",
            "description": "Row filter over canonical columns, e.g. status != 'cancelled'.",
        },
        "columns": {
            **_MAPPING,
            "description": "Canonical column → the client's header.",
        },
        "values": {
            "type": "object",
            "description": "Canonical column → {client value: canonical value}.",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": ["string", "number", "boolean"]},
            },
        },
    },
    "additionalProperties": False,
}

SPARK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Run the evaluation on Apache Spark (docs/scale.md).",
    "properties": {
        "master": {
            "type": "string",
            "pattern": "^(local(\\[([0-9]+|\\*)\\])?|yarn|(sc|spark|k8s|mesos)://.+)$",
            "description": "local[4], sc://host:15002 (Spark Connect), yarn, spark://…, k8s://….",
        },
        "conf": {
            "type": "object",
            "description": "Spark configuration, e.g. spark.executor.memory: 8g.",
            "additionalProperties": {"type": ["string", "number", "boolean"]},
        },
        "approximate": {
            "type": "boolean",
            "description": "Percentiles by Spark's approx_percentile (default false: exact).",
        },
        "accuracy": {
            "type": "integer",
            "minimum": 1,
            "description": "approx_percentile's accuracy (default 10000): rank error ≤ n/accuracy.",
        },
    },
    "required": ["master"],
    "additionalProperties": False,
}

DATA_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The client's data mapped onto evalkit's canonical tables.",
    "properties": {
        "engine": {
            "type": "object",
            "description": "Where the metrics are computed (default: DuckDB, in process).",
            "properties": {"spark": SPARK_SCHEMA},
            "additionalProperties": False,
        },
        "sources": {"type": "object", "additionalProperties": SOURCE_SCHEMA},
        "segments": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Canonical columns every metric is broken down by.",
        },
    },
    "additionalProperties": False,
}
