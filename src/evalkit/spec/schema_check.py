"""Validate a located document against a JSON Schema; every error becomes a located Problem."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from evalkit.errors import Problem, did_you_mean
from evalkit.location import LocatedDocument, Path


def schema_problems(
    doc: LocatedDocument, schema: Mapping[str, Any], at: Path = (), data: Any = None
) -> list[Problem]:
    """Every way ``data`` (default: the document) breaks ``schema``, located in ``doc``."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    instance = doc.data if data is None else data
    problems: list[Problem] = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        problems.extend(_describe(doc, error, at))
    return problems


def dotted(path: Path) -> str:
    """``metrics.csat.target`` for a key path."""
    return ".".join(str(p) for p in path) or "the spec"


def _describe(doc: LocatedDocument, error: ValidationError, at: Path) -> list[Problem]:
    path: Path = (*at, *error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = list(schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [
            Problem(
                f"unknown key '{key}' in {dotted(path)}{did_you_mean(str(key), allowed)}; "
                f"allowed: {', '.join(allowed)}",
                doc.where_key((*path, key)),
            )
            for key in extra
        ]
    if error.validator == "oneOf" and error.context:
        best = min(error.context, key=lambda e: len(list(e.absolute_path)))
        return [Problem(f"{dotted(path)}: {best.message}", doc.where(path))]
    return [Problem(f"{dotted(path)}: {error.message}", doc.where(path))]
