"""WeasyPrint's url_fetcher for reports: data: URIs and files under allowed folders, nothing else.

A report is rendered from text a spec author and a client's data control; nothing in it may make
the renderer read ``file:///etc/passwd`` or call out over the network.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint import default_url_fetcher


class RefusedURL(Exception):
    """A URL the report fetcher does not serve."""


Fetcher = Callable[..., dict[str, Any]]


def _allowed_file(url: str, roots: Sequence[Path]) -> bool:
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parsed.path)).resolve()
    return path.is_file() and any(path.is_relative_to(root.resolve()) for root in roots)


def restricted_fetcher(roots: Sequence[Path]) -> Fetcher:
    """A url_fetcher serving ``data:`` URIs and ``file:`` URLs of files under ``roots``."""

    def fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data" or (scheme == "file" and _allowed_file(url, roots)):
            result: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
            return result
        raise RefusedURL(f"the report does not fetch {url[:80]!r}")

    return fetch
