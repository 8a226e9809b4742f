"""Tokens of rule expressions, and what the lexer refuses."""

from __future__ import annotations

import pytest

from evalkit.rules.errors import ExpressionError
from evalkit.rules.lexer import tokenize


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


def test_tokens_of_a_comparison() -> None:
    assert kinds_and_texts("value('csat') <= 70%") == [
        ("name", "value"),
        ("operator", "("),
        ("string", "'csat'"),
        ("operator", ")"),
        ("operator", "<="),
        ("number", "70%"),
        ("end", ""),
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [("70%", 0.70), ("0.5", 0.5), (".5", 0.5), ("1e3", 1000.0), ("2.5E-1", 0.25), ("12.5%", 0.125)],
)
def test_number_literals(text: str, number: float) -> None:
    assert tokenize(text)[0].number == pytest.approx(number)


def test_strings_with_either_quote_and_columns_shifted_by_offset() -> None:
    tokens = tokenize('"it\'s" \'say "hi"\'', offset=10)
    assert [(t.string, t.column) for t in tokens[:2]] == [("it's", 10), ('say "hi"', 17)]


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("1e16", "number 1e16 is too large; literals are limited to 1e+15", 0),
        ("1 + 1e999", "number 1e999 is too large", 4),
        ("'open", "unterminated string (no closing ')", 0),
        ("0x10", "invalid number '0x'", 0),
        ("1 = 1", "use '==' to compare", 2),
        ("5 % 2", "'%' may only follow a number", 2),
        ("a[0]", None, None),
        ("None", "'None' is not allowed", 0),
        ("True", "'True' is not allowed: write true in lowercase", 0),
        ("1 is 1", "'is' is not allowed: use == or != to compare", 2),
        ("import os", "'import' is not part of the rule language", 0),
        ("x @ y", "unexpected character '@'", 2),
        ("{1}", "braces are not part of the rule language", 0),
    ],
)
def test_refused(text: str, message: str | None, column: int | None) -> None:
    if message is None:
        tokenize(text)  # brackets are tokens; the parser decides where they are allowed
        return
    with pytest.raises(ExpressionError) as caught:
        tokenize(text)
    assert caught.value.message.startswith(message)
    assert caught.value.column == column
