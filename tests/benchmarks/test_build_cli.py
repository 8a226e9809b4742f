"""`evalkit benchmarks build`: quantiles as numpy's linear method, the minimum of clients,
one observation per client and period, and nothing in the pack that names a client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from evalkit.benchmarks.load import load_pack
from tests.conftest import RunCli

CLIENTS = [
    "ACME Secret Machinery",
    "北方重工秘密客户",
    "Zenith Pumps Ltd",
    "Orion Valves",
    "Kappa Drives",
    "Lambda Gears",
]


def result(
    client: str,
    period: str,
    values: dict[str, tuple[str, float | None]],
    *,
    industry: str = "manufacturing",
    market: str = "b2b",
    generated_at: str = "2026-10-01T00:00:00+00:00",
) -> dict[str, Any]:
    """A result.json as `evalkit run` writes it, reduced to what build reads."""
    return {
        "schema_version": 1,
        "evaluation": {
            "client": {"en": client, "zh": client},
            "period": period,
            "industry": industry,
            "market": market,
        },
        "metrics": [{"id": m, "metric": m, "unit": u, "value": v} for m, (u, v) in values.items()],
        "provenance": {"generated_at": generated_at, "spec_sha256": "0" * 64},
    }


def save(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_quantiles_are_numpys_linear_method(run_cli: RunCli, tmp_path: Path) -> None:
    csat = [0.71, 0.93, 0.88, 0.79, 0.84, 0.90]
    frt_hours = [1.5, 3.0, 2.25, 0.75, 4.0, 2.0]
    files = [
        save(
            tmp_path / "in",
            f"{client}.json",
            result(
                client, "2026Q3", {"csat": ("fraction", c), "first_response_time": ("hours", f)}
            ),
        )
        for client, c, f in zip(CLIENTS, csat, frt_hours, strict=True)
    ]
    out = run_cli(
        "benchmarks", "build", *files, "--by", "industry,market", "--out", tmp_path / "pack.yaml"
    )
    assert out.exit_code == 0, out.stderr
    pack = load_pack(tmp_path / "pack.yaml")
    (population,) = pack.populations
    assert dict(population.keys) == {"industry": "manufacturing", "market": "b2b"}
    assert population.clients == 6
    levels = [0.10, 0.25, 0.50, 0.75, 0.90]
    expected = np.quantile(csat, levels, method="linear")
    got = population.metrics["csat"]
    assert got.n == 6 and got.unit == "fraction"
    assert list(got.quantiles.values()) == pytest.approx(list(expected), rel=1e-5)
    # durations are published in minutes: hours × 60
    frt = population.metrics["first_response_time"]
    assert frt.unit == "minutes"
    expected = np.quantile(np.array(frt_hours) * 60, levels, method="linear")
    assert list(frt.quantiles.values()) == pytest.approx(list(expected), rel=1e-5)
    assert pack.periods == ("2026Q3",)


def test_quantiles_of_one_to_five_by_hand(run_cli: RunCli, tmp_path: Path) -> None:
    # Linear (type 7): position (n − 1)·p; for 1…5: p10 1.4, p25 2, p50 3, p75 4, p90 4.6.
    files = [
        save(tmp_path, f"{i}.json", result(CLIENTS[i], "2026Q3", {"nps": ("points", i + 1)}))
        for i in range(5)
    ]
    out = run_cli("benchmarks", "build", *files, "--out", tmp_path / "pack.yaml")
    assert out.exit_code == 0, out.stderr
    nps = load_pack(tmp_path / "pack.yaml").populations[0].metrics["nps"]
    assert dict(nps.quantiles) == pytest.approx(
        {"p10": 1.4, "p25": 2.0, "p50": 3.0, "p75": 4.0, "p90": 4.6}
    )


def test_refuses_populations_below_the_minimum(run_cli: RunCli, tmp_path: Path) -> None:
    files = [
        save(tmp_path, f"{i}.json", result(CLIENTS[i], "2026Q3", {"nps": ("points", i)}))
        for i in range(4)
    ]
    out = run_cli("benchmarks", "build", *files, "--out", tmp_path / "pack.yaml")
    assert out.exit_code == 2
    assert "no population has 5 or more clients" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "pack.yaml").exists()
    # With --min-clients 4 the same four are published.
    out = run_cli(
        "benchmarks", "build", *files, "--out", tmp_path / "pack.yaml", "--min-clients", "4"
    )
    assert out.exit_code == 0, out.stderr


def test_a_small_population_is_withheld_beside_a_published_one(
    run_cli: RunCli, tmp_path: Path
) -> None:
    b2b = [
        save(tmp_path, f"b2b{i}.json", result(c, "2026Q3", {"nps": ("points", 10.0 * i)}))
        for i, c in enumerate(CLIENTS[:5])
    ]
    b2c = [
        save(
            tmp_path,
            f"b2c{i}.json",
            result(f"{c} Retail", "2026Q3", {"nps": ("points", 5.0)}, market="b2c"),
        )
        for i, c in enumerate(CLIENTS[:3])
    ]
    out = run_cli("benchmarks", "build", *b2b, *b2c, "--out", tmp_path / "pack.yaml")
    assert out.exit_code == 0, out.stderr
    pack = load_pack(tmp_path / "pack.yaml")
    assert [dict(p.keys) for p in pack.populations] == [
        {"industry": "manufacturing", "market": "b2b"}
    ]
    assert "market=b2c: 3 client(s), below the minimum of 5" in out.stderr


def test_one_observation_per_client_and_period(run_cli: RunCli, tmp_path: Path) -> None:
    # A history folder: a re-run of the same client and period counts once (the latest run);
    # another period of the same client is another observation but not another client.
    history = tmp_path / "history"
    for i, client in enumerate(CLIENTS[:5]):
        save(
            history,
            f"2026Q3/{i}-a.json",
            result(
                client,
                "2026Q3",
                {"nps": ("points", 100.0)},
                generated_at="2026-10-01T00:00:00+00:00",
            ),
        )
        save(
            history,
            f"2026Q3/{i}-b.json",
            result(
                client,
                "2026Q3",
                {"nps": ("points", i + 1)},
                generated_at="2026-10-02T00:00:00+00:00",
            ),
        )
    save(history, "2026Q2/x.json", result(CLIENTS[0], "2026Q2", {"nps": ("points", 6.0)}))
    out = run_cli("benchmarks", "build", history, "--out", tmp_path / "pack.yaml")
    assert out.exit_code == 0, out.stderr
    pack = load_pack(tmp_path / "pack.yaml")
    population = pack.populations[0]
    assert population.clients == 5
    nps = population.metrics["nps"]
    assert nps.n == 6
    expected = np.quantile([1, 2, 3, 4, 5, 6], [0.1, 0.25, 0.5, 0.75, 0.9], method="linear")
    assert list(nps.quantiles.values()) == pytest.approx(list(expected))
    assert pack.periods == ("2026Q2", "2026Q3")


def test_no_client_string_of_the_inputs_appears_in_the_pack(
    run_cli: RunCli, tmp_path: Path
) -> None:
    files = [
        save(
            tmp_path / client,
            "result.json",
            result(client, "2026Q3", {"nps": ("points", float(i)), "csat": ("fraction", 0.8)}),
        )
        for i, client in enumerate(CLIENTS)
    ]
    out = run_cli("benchmarks", "build", *files, "--out", tmp_path / "pack.yaml")
    assert out.exit_code == 0, out.stderr
    text = (tmp_path / "pack.yaml").read_text(encoding="utf-8")
    for client in CLIENTS:
        assert client not in text
        for word in client.split():
            assert word not in text
    assert str(tmp_path) not in text


def test_unknown_population_key_is_bad_input(run_cli: RunCli, tmp_path: Path) -> None:
    path = save(tmp_path, "a.json", result(CLIENTS[0], "2026Q3", {"nps": ("points", 1.0)}))
    out = run_cli(
        "benchmarks", "build", path, "--by", "industry,colour", "--out", tmp_path / "pack.yaml"
    )
    assert out.exit_code == 2
    assert "--by industry,colour: choose from industry, market, size, region, year" in out.stderr


def test_an_output_it_cannot_write_is_bad_input(run_cli: RunCli, tmp_path: Path) -> None:
    files = [
        save(tmp_path, f"{i}.json", result(CLIENTS[i], "2026Q3", {"nps": ("points", i)}))
        for i in range(5)
    ]
    out = run_cli("benchmarks", "build", *files, "--out", "/proc/pack.yaml")
    assert out.exit_code == 2
    assert out.stderr.startswith("error: --out /proc/pack.yaml: cannot write there")
