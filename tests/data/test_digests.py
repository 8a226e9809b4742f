"""Data file digests and CSV files' counts are remembered by file identity: an unchanged file is not
read again."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from evalkit.data.digests import FileCounts, cached_sha256
from evalkit.data.encoding import file_sha256


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(folder))
    return folder


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path) -> str:
        self.calls += 1
        return file_sha256(path)


def _old(path: Path, text: str, age: float = 60) -> None:
    path.write_text(text, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))


def test_an_unchanged_file_is_hashed_once(tmp_path: Path, cache: Path) -> None:
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n")
    compute = Counting()
    first = cached_sha256(data, compute)
    second = cached_sha256(data, compute)
    assert first == second == hashlib.sha256(b"id\n1\n").hexdigest()
    assert compute.calls == 1
    assert (cache / "digests.json").is_file()


def test_a_changed_file_is_hashed_again(tmp_path: Path, cache: Path) -> None:
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n", age=120)
    compute = Counting()
    cached_sha256(data, compute)
    _old(data, "id\n2\n", age=60)  # same size, another modification time
    assert cached_sha256(data, compute) == hashlib.sha256(b"id\n2\n").hexdigest()
    assert compute.calls == 2


def test_a_file_written_just_now_is_not_remembered(tmp_path: Path, cache: Path) -> None:
    data = tmp_path / "tickets.csv"
    data.write_text("id\n1\n", encoding="utf-8")  # a write in the same clock tick could follow
    compute = Counting()
    cached_sha256(data, compute)
    cached_sha256(data, compute)
    assert compute.calls == 2


def test_an_empty_cache_dir_turns_the_caches_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVALKIT_CACHE_DIR", "")
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n")
    compute = Counting()
    cached_sha256(data, compute)
    cached_sha256(data, compute)
    assert compute.calls == 2
    FileCounts(data, READ).remember({"rows": 1})
    assert FileCounts(data, READ).remembered() is None


def test_a_damaged_cache_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    cache.mkdir()
    (cache / "digests.json").write_text("{not json", encoding="utf-8")
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n")
    compute = Counting()
    assert cached_sha256(data, compute) == hashlib.sha256(b"id\n1\n").hexdigest()
    cached_sha256(data, compute)
    assert compute.calls == 1


READ = "read_csv('tickets.csv', header=true)"


def test_counts_are_remembered_for_the_same_file_read_the_same_way(
    tmp_path: Path, cache: Path
) -> None:
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n2\n")
    assert FileCounts(data, READ).remembered() is None
    FileCounts(data, READ).remember({"rows": 2, "bad:resolved_at": 1})
    assert FileCounts(data, READ).remembered() == {"rows": 2, "bad:resolved_at": 1}
    # another way of reading the file (a delimiter, the columns parsed) counts on its own
    assert FileCounts(data, READ.replace("true", "false")).remembered() is None
    # and the digests are kept apart from the counts
    assert not (cache / "digests.json").exists()


def test_counts_of_a_changed_or_fresh_file_are_not_used(tmp_path: Path, cache: Path) -> None:
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n2\n", age=120)
    FileCounts(data, READ).remember({"rows": 2})
    _old(data, "id\n1\n3\n", age=60)  # same size, another modification time
    assert FileCounts(data, READ).remembered() is None
    counted = FileCounts(data, READ)
    _old(data, "id\n1\n2\n3\n")  # changed while it was being counted
    counted.remember({"rows": 2})
    assert FileCounts(data, READ).remembered() is None
    data.write_text("id\n1\n", encoding="utf-8")  # modified just now
    FileCounts(data, READ).remember({"rows": 1})
    assert FileCounts(data, READ).remembered() is None


@pytest.mark.parametrize(
    "text",
    ["{not json", '["a list"]', '{"other": 3}', "KEY_WITH_TEXT", "KEY_WITH_FLOAT"],
    ids=["not json", "a list", "another key", "text counts", "fractional counts"],
)
def test_damaged_counts_are_not_used(tmp_path: Path, cache: Path, text: str) -> None:
    data = tmp_path / "tickets.csv"
    _old(data, "id\n1\n")
    counted = FileCounts(data, READ)
    counted.remember({"rows": 1})
    [key] = json.loads((cache / "counts.json").read_text("utf-8"))
    if text == "KEY_WITH_TEXT":
        text = json.dumps({key: {"rows": "1"}})
    elif text == "KEY_WITH_FLOAT":
        text = json.dumps({key: {"rows": 1.5}})
    (cache / "counts.json").write_text(text, encoding="utf-8")
    assert FileCounts(data, READ).remembered() is None
    FileCounts(data, READ).remember({"rows": 1})  # rebuilt
    assert FileCounts(data, READ).remembered() == {"rows": 1}
