"""``${VAR}`` and ``${VAR:-default}`` in spec strings, taken from the environment only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from evalkit.errors import Problem
from evalkit.location import LocatedDocument, Path

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def substitute_env(
    doc: LocatedDocument, environ: Mapping[str, str]
) -> tuple[LocatedDocument, list[Problem]]:
    """The document with variables replaced, and a problem for each unset variable."""
    problems: list[Problem] = []

    def replace(value: Any, path: Path) -> Any:
        if isinstance(value, dict):
            return {k: replace(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [replace(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and "${" in value:
            return _VAR.sub(lambda m: lookup(m, path), value)
        return value

    def lookup(match: re.Match[str], path: Path) -> str:
        name, default = match[1], match[2]
        if name in environ:
            return environ[name]
        if default is not None:
            return default
        problems.append(
            Problem(
                f"environment variable {name} is not set; export it or write ${{{name}:-default}}",
                doc.where(path),
            )
        )
        return ""

    data = replace(doc.data, ())
    return LocatedDocument(doc.file, data, doc.values, doc.keys), problems
