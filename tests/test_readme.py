"""The README's table of environment variables names every one evalkit reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_evalkit_reads_is_in_the_readme() -> None:
    read = {
        name
        for folder in ("src", "plugins")
        for path in (ROOT / folder).rglob("*.py")
        for name in re.findall(r"[\"'](EVALKIT_[A-Z_]+)[\"']", path.read_text("utf-8"))
    }
    table = (ROOT / "README.md").read_text("utf-8").split("## Environment variables")[1]
    table = table.split("\n## ")[0]
    listed = set(re.findall(r"`(EVALKIT_[A-Z_]+)", table))
    assert read == listed
    assert {"EVALKIT_CACHE_DIR", "EVALKIT_MEMORY_LIMIT", "EVALKIT_PLUGINS"} <= read
