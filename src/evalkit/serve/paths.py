"""The dashboard's addresses: one path per page, the same on the server and in an export.

Every link is relative to the page it is on, so an exported folder works opened from disk or
served from anywhere. A request's path is matched against these patterns and its parts looked
up among the runs the site holds; no part of a URL ever becomes a file path.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from evalkit.report.templates import FIT_CHARTS
from evalkit.report.whatif import SCRIPT
from evalkit.serve.model import Run

PORTFOLIO = "index.html"
ASSETS = (SCRIPT, FIT_CHARTS)
"""Files of the report templates folder served under ``assets/``: the scripts report.html
inlines (the dashboard allows no inline script)."""
DOWNLOADS = {
    "result.json": "json",
    "report.html": "html",
    "report.xlsx": "xlsx",
    "report.pdf": "pdf",
}
"""Download file name → format."""

_RUN = r"(?P<client>[^/]+)/(?P<period>[^/]+)/(?P<number>\d{1,4})"
PATTERNS = {
    "portfolio": re.compile(r"index\.html"),
    "asset": re.compile(r"assets/(?P<name>[^/]+)"),
    "evaluation": re.compile(_RUN + r"/index\.html"),
    "metric": re.compile(_RUN + r"/metrics/(?P<metric>[^/]+)\.html"),
    "download": re.compile(_RUN + r"/files/(?P<name>[^/]+)"),
    "diff": re.compile(
        r"(?P<client>[^/]+)/diff/(?P<period>[^/]+)/(?P<number>\d{1,4})"
        r"/(?P<period_b>[^/]+)/(?P<number_b>\d{1,4})\.html"
    ),
}


@dataclass(frozen=True)
class Match:
    """A request path matched: which page and the parts named in it."""

    page: str
    parts: tuple[tuple[str, str], ...]

    def __getitem__(self, name: str) -> str:
        return dict(self.parts)[name]


def match(path: str) -> Match | None:
    """The page a (decoded) request path asks for; ``""`` and a folder mean its index.html."""
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    for page, pattern in PATTERNS.items():
        found = pattern.fullmatch(path)
        if found:
            return Match(page, tuple(sorted(found.groupdict().items())))
    return None


def _run(run: Run) -> str:
    return f"{quote(run.client, safe='')}/{quote(run.period, safe='')}/{run.number}"


def evaluation(run: Run) -> str:
    """The evaluation page of ``run``."""
    return f"{_run(run)}/index.html"


def metric(run: Run, metric_id: str) -> str:
    """The page of one metric of ``run``."""
    return f"{_run(run)}/metrics/{quote(metric_id, safe='')}.html"


def download(run: Run, name: str) -> str:
    """A download of ``run`` (a key of ``DOWNLOADS``)."""
    return f"{_run(run)}/files/{name}"


def diff(a: Run, b: Run) -> str:
    """The page decomposing the change from run ``a`` to run ``b`` (same client)."""
    return (
        f"{quote(a.client, safe='')}/diff/{quote(a.period, safe='')}/{a.number}"
        f"/{quote(b.period, safe='')}/{b.number}.html"
    )


def asset(name: str) -> str:
    """A file of ``ASSETS``."""
    return f"assets/{name}"


def relative(target: str, page: str) -> str:
    """``target`` as a link from ``page`` (both site paths, URL-quoted)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")
