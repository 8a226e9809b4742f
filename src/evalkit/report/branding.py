"""The report's branding: colours checked to be colours, the logo embedded as a data URI."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.errors import ReportError

DEFAULT_PRIMARY = "#0b5cab"
DEFAULT_ACCENT = "#e07b00"
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
}


@dataclass(frozen=True)
class Branding:
    """What the report shows of the client's or consultancy's brand."""

    primary_color: str = DEFAULT_PRIMARY
    accent_color: str = DEFAULT_ACCENT
    company: str | None = None
    footer: str | None = None
    logo: str | None = None  # a data: URI, so the HTML stays self-contained


def _colour(raw: Any, default: str, key: str) -> str:
    # Colours go into CSS and SVG: only #rgb / #rrggbb gets there, nothing that could inject.
    if raw is None:
        return default
    if isinstance(raw, str) and _COLOUR.match(raw):
        digits = raw[1:].lower()
        return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)
    raise ReportError(f"report.branding.{key}: {raw!r} is not a colour like #0b5cab or #0af")


def check_logo(logo: str, base_dir: Path | None) -> tuple[Path, str]:
    """The logo's file (relative to the spec's folder, and inside it) and its media type;
    ``ReportError`` if it is outside the folder, missing or not an image type."""
    if base_dir is None:
        raise ReportError(f"report.branding.logo {logo!r}: no spec folder to find it in")
    root = base_dir.resolve()
    path = (root / logo).resolve()
    if not path.is_relative_to(root):
        raise ReportError(f"report.branding.logo {logo!r}: must be inside the spec's folder")
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise ReportError(f"report.branding.logo {logo!r}: use a PNG, JPEG, GIF or SVG file")
    if not path.is_file():
        raise ReportError(
            f"report.branding.logo {logo!r}: file not found in {root} "
            "(evalkit render: pass the spec's folder with --base-dir)"
        )
    return path, kind


def logo_data_uri(logo: str, base_dir: Path | None) -> str:
    """The logo file (relative to the spec's folder, and inside it) as a data: URI."""
    path, kind = check_logo(logo, base_dir)
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def load_branding(raw: Mapping[str, Any] | None, base_dir: Path | None) -> Branding:
    """The Result's ``report.branding`` checked and with its logo embedded."""
    raw = raw or {}
    logo = raw.get("logo")
    return Branding(
        primary_color=_colour(raw.get("primary_color"), DEFAULT_PRIMARY, "primary_color"),
        accent_color=_colour(raw.get("accent_color"), DEFAULT_ACCENT, "accent_color"),
        company=str(raw["company"]) if raw.get("company") else None,
        footer=str(raw["footer"]) if raw.get("footer") else None,
        logo=logo_data_uri(str(logo), base_dir) if logo else None,
    )
