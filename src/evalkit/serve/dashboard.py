"""A request path → the bytes to answer with: the one router of the server and the export."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from evalkit.report import render_report
from evalkit.report.render import file_names
from evalkit.resources import report_templates_dir
from evalkit.serve import pages, paths
from evalkit.serve.model import Run, Site

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Answer:
    """A page or file: its content and media type."""

    body: bytes
    media_type: str


class Dashboard:
    """The pages and downloads of a ``Site`` in one locale (``pages.LOCALES``); reports are
    rendered on first request into a private temporary folder, never into the served folder."""

    def __init__(
        self,
        site: Site,
        downloads: Sequence[str] = tuple(paths.DOWNLOADS.values()),
        locale: str = pages.LOCALES[0],
    ) -> None:
        self.site = site
        self.locale = locale
        """The language of every page (not of the downloads: those are in their Result's)."""
        self.downloads = {n: f for n, f in paths.DOWNLOADS.items() if f in downloads}
        """The downloads offered (file name → format): all on the server, an export's own."""
        self._scratch = tempfile.TemporaryDirectory(prefix="evalkit-serve-")  # removed at exit
        self._renders = Path(self._scratch.name)
        self._lock = threading.Lock()
        self._page = lru_cache(maxsize=2048)(self._answer)

    def answer(self, path: str) -> Answer | None:
        """What to answer a request for ``path`` (decoded) with; None: not found."""
        found = paths.match(path)
        if found is None:
            return None
        if found.page == "download":  # files are not kept in memory
            run = self.site.run(found["client"], found["period"], int(found["number"]))
            return None if run is None else self.download(run, found["name"])
        return self._page(found)

    def _answer(self, found: paths.Match) -> Answer | None:
        if found.page == "portfolio":
            return _html(pages.portfolio(self.site, self.locale))
        if found.page == "asset":
            if found["name"] not in paths.ASSETS:
                return None
            body = (report_templates_dir() / found["name"]).read_bytes()
            return Answer(body, MEDIA_TYPES[".js"])
        run = self.site.run(found["client"], found["period"], int(found["number"]))
        if run is None:
            return None
        if found.page == "evaluation":
            return _html(pages.evaluation(self.site, run, self.downloads, self.locale))
        if found.page == "metric":
            text = pages.metric(self.site, run, found["metric"], self.locale)
            return None if text is None else _html(text)
        other = self.site.run(found["client"], found["period_b"], int(found["number_b"]))
        return None if other is None else _html(pages.diff(run, other, self.locale))

    def not_found(self, path: str) -> Answer:
        """The page answered where ``answer`` finds nothing at ``path`` (the server's 404)."""
        return _html(pages.not_found(self.locale, path))

    def download(self, run: Run, name: str) -> Answer | None:
        """``result.json`` as archived, or the report rendered from it in a format."""
        fmt = self.downloads.get(name)
        if fmt is None:
            return None
        media = MEDIA_TYPES[Path(name).suffix]
        if fmt == "json":
            return Answer(run.entry.path.read_bytes(), media)
        result = run.result()
        folder = self._renders / run.client / run.period / str(run.number)
        target = folder / file_names(result, None)[fmt]
        with self._lock:
            if not target.is_file():
                render_report(result, folder, [fmt])
        return Answer(target.read_bytes(), media)


def _html(text: str) -> Answer:
    return Answer(text.encode("utf-8"), MEDIA_TYPES[".html"])
