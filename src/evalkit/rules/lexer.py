"""Split a rule expression into tokens, refusing anything that is not part of the language.

The language has numbers (``0.7``, ``1e3``, ``70%``), quoted strings without escapes, names,
``+ - * /``, comparisons, parentheses, brackets, commas and a field after a call
(``target('csat').goal``; the parser allows it only there). Python syntax that the language
does not have (``**``, keywords such as ``lambda`` or ``import``) is rejected here with a
message saying so, at the column where it starts.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from typing import Literal

from evalkit.rules.errors import ExpressionError

MAX_LENGTH = 1000
"""Longest expression accepted, in characters."""

MAX_LITERAL = 1e15
"""Largest absolute value a number literal may have."""

TokenKind = Literal["number", "string", "name", "operator", "end"]

_NUMBER = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",")

_NOT_IN_LANGUAGE = {
    "None": "there is no None: a rule that needs a missing value is skipped ('no data')",
    "True": "write true in lowercase",
    "False": "write false in lowercase",
    "is": "use == or != to compare",
}
_PYTHON_KEYWORDS = frozenset(keyword.kwlist) - {"and", "or", "not", "in", *_NOT_IN_LANGUAGE}
_BAD_CHARACTERS = {
    ".": "attribute access is not allowed",
    "%": "'%' may only follow a number, as in 70%; there is no remainder operator",
    "=": "use '==' to compare",
    "!": "use 'not' for negation and '!=' for inequality",
    ":": "':' is not part of the rule language",
    "{": "braces are not part of the rule language",
    "}": "braces are not part of the rule language",
}


@dataclass(frozen=True)
class Token:
    """One token; ``column`` is the 0-based offset of its first character."""

    kind: TokenKind
    text: str
    column: int
    number: float = 0.0
    string: str = ""


_DIGITS = frozenset("0123456789")
"""ASCII digits only: ``str.isdigit`` is also true of ``¹`` and ``٣``, which no number holds."""


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; columns are shifted by ``offset``."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}",
            offset + MAX_LENGTH,
        )
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char in _DIGITS or (char == "." and text[position + 1 : position + 2] in _DIGITS):
            token, position = _number(text, position, offset)
            tokens.append(token)
        elif char in "'\"":
            end = text.find(char, position + 1)
            if end < 0:
                raise ExpressionError(f"unterminated string (no closing {char})", offset + position)
            body = text[position + 1 : end]
            tokens.append(Token("string", text[position : end + 1], offset + position, string=body))
            position = end + 1
        elif (
            char == "." and tokens and tokens[-1].text == ")" and text[position + 1 :][:1].isalpha()
        ):
            tokens.append(Token("operator", ".", offset + position))
            position += 1
        elif match := _NAME.match(text, position):
            tokens.append(
                Token("name", _checked_name(match.group(), offset + position), offset + position)
            )
            position = match.end()
        else:
            token = _operator(text, position, offset)
            tokens.append(token)
            position += len(token.text)
    tokens.append(Token("end", "", offset + len(text)))
    return tokens


def _number(text: str, position: int, offset: int) -> tuple[Token, int]:
    match = _NUMBER.match(text, position)
    assert match is not None  # the caller saw a digit
    end = match.end()
    value = float(match.group())
    if text[end : end + 1] == "%":
        end += 1
    elif text[end : end + 1].isalnum() or text[end : end + 1] == "_":
        raise ExpressionError(f"invalid number '{text[position : end + 1]}'", offset + position)
    if abs(value) > MAX_LITERAL:
        raise ExpressionError(
            f"number {match.group()} is too large; literals are limited to {MAX_LITERAL:.0e}",
            offset + position,
        )
    if text[end - 1] == "%":
        value /= 100
    return Token("number", text[position:end], offset + position, number=value), end


def _checked_name(name: str, column: int) -> str:
    if name in _NOT_IN_LANGUAGE:
        raise ExpressionError(f"'{name}' is not allowed: {_NOT_IN_LANGUAGE[name]}", column)
    if name in _PYTHON_KEYWORDS:
        raise ExpressionError(
            f"'{name}' is not part of the rule language, which has only values, operators "
            "and function calls",
            column,
        )
    return name


def _operator(text: str, position: int, offset: int) -> Token:
    if text.startswith("**", position):
        raise ExpressionError(
            "'**' is not supported: there is no power operator", offset + position
        )
    for operator in _OPERATORS:
        if text.startswith(operator, position):
            return Token("operator", operator, offset + position)
    char = text[position]
    hint = _BAD_CHARACTERS.get(char, f"unexpected character {char!r}")
    raise ExpressionError(hint, offset + position)
