"""Database credentials kept out of every message and output.

libpq takes a password in three places, and a user may write any of them in a ``url:`` (or a
driver may quote one back in an error): the userinfo of a URI
(``postgresql://user:secret@host/db``), a URI query parameter (``?password=secret``,
``?sslpassword=secret``) and a keyword/value connection string (``password=secret``,
``password = 'it''s secret'``). :func:`redact` replaces each password with ``***``; it is applied
to every text that names a database source and to every error text that comes from a driver.
"""

from __future__ import annotations

import re

MASK = "***"

_USERINFO = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s?#]*):\S*@")
_KEYWORD = re.compile(
    r"""(?ix)
    \b((?:ssl)?password) \s*=\s*          # password= or sslpassword=, spaces allowed in a DSN
    ( '(?:[^'\\]|\\.)*'?                  # a quoted DSN value (backslash escapes; maybe cut off)
    | [^\s&#'"]+ )                        # or a bare value, up to a space, & or #
    """
)


def redact(text: str) -> str:
    """``text`` with every libpq password form (URI userinfo, query parameter, DSN keyword)
    replaced by ``***``; everything else, user names and hosts included, is kept."""
    text = _USERINFO.sub(lambda m: f"{m[1]}:{MASK}@", text)
    return _KEYWORD.sub(lambda m: f"{m[1]}={MASK}", text)


def described(exc: BaseException) -> str:
    """``exc`` in one line for a message: its type and the first line of its text, redacted."""
    lines = redact(str(exc)).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
