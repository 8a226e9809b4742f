"""Find a CJK font fontconfig knows, so Chinese text is embedded in the PDF, never tofu boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

from evalkit.errors import ReportError

CJK_PACKAGE = "fonts-noto-cjk"
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei")
LATIN = ("Noto Sans",)
_SAFE_NAME = re.compile(r"^[A-Za-z0-9 _.-]+$")


@cache
def _families(lang: str | None) -> tuple[str, ...]:
    if shutil.which("fc-list") is None:
        return ()
    query = [f":lang={lang}"] if lang else [":"]
    listing = subprocess.run(
        ["fc-list", *query, "family"], capture_output=True, text=True, check=False
    ).stdout
    names = {name.strip() for entry in listing.splitlines() for name in entry.split(",")}
    # Names go into CSS and SVG attributes: keep only plain ones.
    return tuple(sorted(n for n in names if n and _SAFE_NAME.match(n)))


def find_cjk_font() -> str | None:
    """The family of an installed Simplified Chinese font (Noto Sans CJK SC first), or None."""
    available = _families("zh")
    for name in PREFERRED:
        if name in available:
            return name
    sans = [n for n in available if "Sans" in n and "Mono" not in n]
    candidates = sans or list(available)
    return candidates[0] if candidates else None


def font_stack(lang: str) -> str:
    """The CSS font-family list for a report in ``lang``; a Chinese one needs a CJK font."""
    cjk = find_cjk_font()
    if cjk is None and lang == "zh":
        raise ReportError(
            f"no Chinese (CJK) font found for a zh-CN report: install the Debian package "
            f"{CJK_PACKAGE} (apt-get install {CJK_PACKAGE}), or render with --locale en"
        )
    latin = [n for n in LATIN if n in _families(None)] if lang == "en" else []
    names = [*latin, *([cjk] if cjk else [])]
    return ", ".join([*(f"'{n}'" for n in names), "sans-serif"])
