"""``evalkit serve DIR --export OUT``: the dashboard's pages written as a static site.

The same paths and relative links as on the server, so the folder can be opened from disk,
zipped and sent. Every page of every run is written, the diff page of every pair of runs of a
client (earlier → later), and the downloads asked for.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from evalkit.result.store import make_out_dir, unwritable
from evalkit.serve import paths
from evalkit.serve.site import Dashboard


def site_paths(dashboard: Dashboard) -> Iterator[str]:
    """Every path the export writes (URL-quoted)."""
    yield paths.PORTFOLIO
    yield from (paths.asset(name) for name in paths.ASSETS)
    for client in dashboard.site.clients.values():
        for run in client.runs:
            yield paths.evaluation(run)
            for m in run.result()["metrics"]:
                yield paths.metric(run, str(m["id"]))
            for name in dashboard.downloads:
                yield paths.download(run, name)
        for a, b in itertools.combinations(client.runs, 2):
            yield paths.diff(a, b)


def export(dashboard: Dashboard, out: Path) -> int:
    """Write the static site, with the downloads ``dashboard`` offers, into ``out``; returns
    the number of files written."""
    make_out_dir(out)
    root = out.resolve()
    count = 0
    for path in site_paths(dashboard):
        answer = dashboard.answer(unquote(path))
        assert answer is not None, path  # every path listed is one the dashboard answers
        target = root / unquote(path)
        if not target.resolve().is_relative_to(root):
            continue  # never write outside OUT (a client folder named with "..")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(answer.body)
        except OSError as exc:
            raise unwritable(out, exc) from None
        count += 1
    return count
