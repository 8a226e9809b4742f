"""Numbers, units, periods and dates as each locale writes them; catalogs complete."""

from __future__ import annotations

import pytest

from evalkit.errors import ReportError
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator, language_of, load_catalog


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["92.5%", "+12.3%", "1,234.5", "95 min", "Q3 2026", "Aug 2026", "Jan 15, 2026",
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


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["20%", "2.5%", "CN¥200,000", "CN¥0.50", "10 h", "2.5", "-0.05"]),
        ("zh-CN", ["20%", "2.5%", "¥200,000", "¥0.50", "10 小时", "2.5", "-0.05"]),
    ],
)
def test_axis_ticks_have_the_decimals_of_their_step_and_the_unit(
    locale: str, expected: list[str]
) -> None:
    f = Formatter(locale, Translator(language_of(locale)))
    got = [
        f.tick(0.2, 0.2, "fraction"),  # a step of 20 percentage points: whole percents
        f.tick(0.025, 0.025, "fraction"),  # a step of 2.5 points: one decimal
        f.tick(200000, 200000, "currency"),
        f.tick(0.5, 0.25, "currency"),
        f.tick(10, 5, "hours"),
        f.tick(2.5, 2.5, "rating"),
        f.tick(-0.05, 0.05, "ratio"),
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["Jan 15, 2026", "Oct 15, 2025 – Jan 15, 2026", "Nov 30, 2026 20:05 UTC",
                "Nov 30, 2026 08:05 UTC+08:00"]),
        ("zh-CN", ["2026年1月15日", "2025年10月15日 – 2026年1月15日", "2026年11月30日 20:05 UTC",
                   "2026年11月30日 08:05 UTC+08:00"]),
    ],
)  # fmt: skip
def test_every_date_has_the_one_format_of_its_locale(locale: str, expected: list[str]) -> None:
    f = Formatter(locale, Translator(language_of(locale)))
    got = [
        f.date("2026-01-15"),
        f.period("2025-10-15 – 2026-01-15"),  # a baseline window, as the Result names it
        f.datetime("2026-11-30T20:05:58+00:00"),
        f.datetime("2026-11-30T08:05:00+08:00"),
    ]
    assert got == expected
