"""Numbers, units, periods and dates as each locale writes them; catalogs complete."""

from __future__ import annotations

import pytest

from evalkit.errors import ReportError
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator, language_of, load_catalog


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["92.5%", "+12.3%", "1,234.5", "95 min", "Q3 2026", "Aug 2026", "January 15, 2026",
                "CN¥236.80", "CN¥2,150,000", "—"]),
        ("zh-CN", ["92.5%", "+12.3%", "1,234.5", "95 分钟", "2026年第3季度", "2026年8月",
                   "2026年1月15日", "¥236.80", "¥2,150,000", "—"]),
    ],
)  # fmt: skip
def test_formats(locale: str, expected: list[str]) -> None:
    f = Formatter(locale, Translator(language_of(locale)))
    got = [
        f.value(0.925, "fraction"), f.change(0.123), f.number(1234.5), f.value(95, "minutes"),
        f.period("2026Q3"), f.period("2026-08"), f.date("2026-01-15"),
        f.value(236.8, "currency"), f.value(2150000, "currency"), f.value(None, "hours"),
    ]  # fmt: skip
    assert got == expected


def test_catalogs_have_the_same_keys() -> None:
    assert set(load_catalog("en")) == set(load_catalog("zh"))


def test_unsupported_locale_is_bad_input() -> None:
    with pytest.raises(ReportError, match="choose zh-CN or en"):
        language_of("fr")


def test_a_value_never_reads_like_its_goal_when_it_differs() -> None:
    fmt = Formatter("en", Translator("en"))
    # 2.04 % against a 2.0 % goal is amber: it must not print as "2.0%"
    assert fmt.value_beside(0.0204, "fraction", 0.02, 0.05) == "2.04%"
    assert fmt.value_beside(0.02004, "fraction", 0.02) == "2.004%"
    assert fmt.value_beside(0.02, "fraction", 0.02, 0.05) == "2.0%"  # equal: as usual
    assert fmt.value_beside(2.04, "hours", 2.0, 8.0) == "2.04 h"
    assert fmt.value_beside(None, "fraction", 0.02) == "—"
