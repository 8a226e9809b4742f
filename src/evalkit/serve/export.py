"""``evalkit serve DIR --export OUT``: the dashboard's pages written as a static site.

The same paths and relative links as on the server, so the folder can be opened from disk,
zipped and sent. Every page of every run is written, the diff page of every pair of runs of a
client (earlier → later), and the downloads asked for. The site is written into a hidden
staging folder beside ``OUT`` and moved into place when complete: a failed export leaves
nothing behind, and a previous export in ``OUT`` is replaced whole.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from evalkit.errors import InputError
from evalkit.history.store import in_archive
from evalkit.result.store import unwritable
from evalkit.serve import paths
from evalkit.serve.dashboard import Dashboard


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
    _check_target(dashboard, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise unwritable(out, exc) from None
    try:
        count = _write(dashboard, staging)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except OSError as exc:
        raise unwritable(out, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def _check_target(dashboard: Dashboard, out: Path) -> None:
    """``InputError`` unless ``out`` is new, empty, or an earlier export, outside any history."""
    where = out.resolve()
    if where.is_relative_to(dashboard.site.root) or in_archive(where):
        raise InputError(
            f"--export {out}: inside a history folder, which only `evalkit run --history` "
            "writes; choose a folder outside it"
        )
    if out.exists() and not out.is_dir():
        raise InputError(f"--export {out}: not a folder; choose a folder to write the site to")
    earlier = (out / paths.PORTFOLIO).is_file() and (out / paths.asset(paths.ASSETS[0])).is_file()
    if out.is_dir() and any(out.iterdir()) and not earlier:
        raise InputError(
            f"--export {out}: the folder holds other files; choose an empty or new folder "
            "(an earlier export there is replaced)"
        )


def _write(dashboard: Dashboard, root: Path) -> int:
    count = 0
    for path in site_paths(dashboard):
        target = root / unquote(path)
        if not target.resolve().is_relative_to(root.resolve()):
            continue  # a metric id with "/" or ".." in a result.json has no page
        answer = dashboard.answer(unquote(path))
        if answer is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(answer.body)
        count += 1
    return count
