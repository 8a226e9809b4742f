"""The random index tables."""

from __future__ import annotations

import pytest

from evalkit.ahp.ri import RI_TABLES, random_index


def test_saaty_default_table_is_the_one_the_issue_specifies() -> None:
    # n = 3 … 15 as listed in issue 3 (Saaty 1980, extended).
    expected = [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
    assert [random_index("saaty", n) for n in range(3, 16)] == expected


@pytest.mark.parametrize(
    ("table", "n", "ri"),
    [
        ("saaty2005", 3, 0.52),  # Saaty 2005, p. 31
        ("saaty2005", 7, 1.35),
        ("donegan-dodd", 4, 0.8286),  # Donegan & Dodd 1991
        ("donegan-dodd", 15, 1.4969),
        ("alonso-lamata", 3, 0.5245),  # Alonso & Lamata 2006
        ("alonso-lamata", 15, 1.5838),
    ],
)
def test_published_values(table: str, n: int, ri: float) -> None:
    assert random_index(table, n) == ri


def test_every_table_covers_1_to_15_with_zero_for_n_up_to_2() -> None:
    for values in RI_TABLES.values():
        assert len(values) == 15 and values[0] == values[1] == 0.0


def test_more_than_15_items_have_no_random_index() -> None:
    with pytest.raises(ValueError, match="covers 1 to 15 items, not 16"):
        random_index("saaty", 16)
