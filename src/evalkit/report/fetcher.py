"""WeasyPrint's URL fetcher for reports: data: URIs and files under allowed folders, nothing else.

A report is rendered from text that a spec author and a client's data control; nothing in it
may make the renderer read ``file:///etc/passwd`` or call out over the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher


class RefusedURL(ValueError):
    """A URL the report fetcher does not serve."""


def allowed_file(url: str, roots: Sequence[Path]) -> bool:
    """Whether ``url`` is a local ``file:`` URL of an existing file under one of ``roots``."""
    parsed = urlparse(url)
    if parsed.scheme.lower() != "file" or parsed.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parsed.path)).resolve()
    return path.is_file() and any(path.is_relative_to(root.resolve()) for root in roots)


class ReportFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serves ``data:`` URIs and ``file:`` URLs of files under ``roots``; refuses the rest."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = tuple(roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        """The resource at ``url`` if allowed, else ``RefusedURL`` (WeasyPrint skips it)."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data" or allowed_file(url, self.roots):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"the report does not fetch {url[:80]!r}")
