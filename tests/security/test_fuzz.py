"""Random bytes and random YAML through ``validate``, ``run`` and ``ahp``: every answer is exit
0, 1 or 2 with no traceback, each within a time limit.

Bounded (a few dozen examples per target, no shrinking database) so the whole module takes a
few seconds; ``derandomize`` keeps runs reproducible in CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalkit.cli.main import cli
from tests.security.conftest import SPEC, SURVEYS, TICKETS

FUZZ = settings(
    max_examples=25,
    deadline=3000,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
BASE: dict[str, Any] = yaml.safe_load(SPEC)


def _invoke(*args: str | Path) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, output)
    assert "Traceback" not in output, output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)


def _project(folder: Path, spec: str | bytes, tickets: bytes | None = None) -> Path:
    (folder / "tickets.csv").write_bytes(tickets if tickets is not None else TICKETS.encode())
    (folder / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    path = folder / "spec.yaml"
    path.write_bytes(spec if isinstance(spec, bytes) else spec.encode("utf-8"))
    return path


def _mutated(path: list[str], value: Any) -> str:
    """The base spec with the value at ``path`` (made of keys it has) replaced by ``value``."""
    doc = yaml.safe_load(SPEC)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return yaml.safe_dump(doc, allow_unicode=True)


def _paths(node: Any, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    found = [list(prefix)] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    return found


PATHS = _paths(BASE)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_a_spec(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), data)
        _invoke("validate", spec)
        _invoke("ahp", spec, "--json")


@FUZZ
@given(VALUES)
def test_random_yaml_as_a_spec_and_an_ahp_file(value: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), yaml.safe_dump(value, allow_unicode=True))
        _invoke("validate", spec)
        _invoke("ahp", spec, "--json")


NAMES = st.sampled_from(["A", "B", "C", "D"]) | st.text(max_size=4)
AHP_FILES = st.fixed_dictionaries(
    {
        "items": st.lists(NAMES, max_size=5) | VALUES,
        "judgments": st.dictionaries(NAMES, st.dictionaries(NAMES, VALUES, max_size=4), max_size=4),
    },
    optional={
        "matrix": st.lists(st.lists(VALUES, max_size=4), max_size=4),
        "weights": st.dictionaries(NAMES, VALUES, max_size=4),
        "ri_table": VALUES,
        "threshold": VALUES,
    },
)


@FUZZ
@given(AHP_FILES)
def test_random_comparison_files(value: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ahp.yaml"
        path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        _invoke("ahp", path, "--json")
        _invoke("ahp", path)


@FUZZ
@given(st.sampled_from(PATHS), VALUES)
def test_one_random_value_in_a_valid_spec(path: list[str], value: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), _mutated(path, value))
        _invoke("validate", spec)


@settings(FUZZ, max_examples=10, deadline=10000)
@given(st.sampled_from(PATHS), VALUES)
def test_run_on_a_spec_with_one_random_value(path: list[str], value: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), _mutated(path, value))
        _invoke("run", spec, "--out", Path(folder) / "out")


TOKENS = st.sampled_from(
    ["value('csat')", "change('csat', 'baseline')", "previous('frt')", "overall_score()",
     "status('csat')", "'red'", "70%", "1e308", "1/0", "(", ")", "<", ">=", "==", "and", "or",
     "not", "*", "**", "9" * 400, "__class__", "'", "\\", "min(", ","]
) | st.text(max_size=4)  # fmt: skip
TEXTS = st.sampled_from(
    ["{value('csat'):.0%}", "{", "}", "{{", "{x}", "{value('frt'):.99999f}", "{0}", "abc",
     "{overall_score():>1000000}"]
)  # fmt: skip


@settings(FUZZ, max_examples=15, deadline=10000)
@given(
    st.lists(TOKENS, max_size=12).map(" ".join),
    st.lists(TEXTS, max_size=5).map("".join),
    st.sampled_from(["cap_grade: D", "gate: true", "bonus: 5", "penalty: 1.0e+308"]),
)
def test_random_rules(when: str, text: str, effect: str) -> None:
    rule = {
        "id": "r1",
        "when": when,
        "then": yaml.safe_load(effect) | {"finding": {"severity": "major", "text": {"en": text}}},
    }
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), SPEC + yaml.safe_dump({"rules": [rule]}, allow_unicode=True))
        _invoke("run", spec, "--out", Path(folder) / "out")


@settings(FUZZ, max_examples=10, deadline=10000)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_run_on_random_data(tickets: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec = _project(Path(folder), SPEC, TICKETS.encode() + tickets)
        _invoke("run", spec, "--out", Path(folder) / "out")
