"""The resolved spec as a Result keeps it (``provenance.spec_resolved``), for ``evalkit diff``.

It is the document after ``extends:`` and presets are merged and before ``${VAR}``
substitution, so values that come from the environment (database URLs, passwords) are kept as
the ``${VAR}`` the user wrote; a password written into the spec itself is masked all the same.
Keys are sorted, so two runs of the same spec store the same text.
"""

from __future__ import annotations

from typing import Any

from evalkit.data.credentials import redact


def stored_spec(value: Any) -> Any:
    """``value`` (a plain resolved spec) with keys sorted and every password masked."""
    if isinstance(value, dict):
        return {str(k): stored_spec(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list):
        return [stored_spec(v) for v in value]
    if isinstance(value, str):
        return redact(value)
    return value
