"""User text (from specs and data) for the terminal: printed as written, never as markup.

Rich reads ``[bold]`` in a string as markup, so ``ACME [draft] Ltd`` would lose ``[draft]``
and ``ACME [/] Beijing`` would fail; terminal escape sequences in a client's data would be
sent to the terminal as they are. Every text a user wrote goes through :func:`literal`.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` with control characters (escape, bell, …) written as ``\\x1b`` and the like."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", str(text))


def literal(text: object, style: str = "") -> Text:
    """``text`` as a rich ``Text`` shown exactly as written (no markup), controls escaped."""
    return Text(printable(text), style=style)
