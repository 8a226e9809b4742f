"""The demo's benchmark pack: a synthetic portfolio of peers, each the demo generator run with
another seed under another (made-up) client name, evaluated, then ``benchmarks build``.

``make demo-benchmarks`` runs ``python -m evalkit.demo.portfolio`` and writes
``configs/benchmarks/demo-synthetic.yaml``; no benchmark number in it is invented by hand.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from evalkit.demo.generate import SEED, generate_demo

PEERS = 12
PACK_ID = "demo-synthetic"
PEER_SPEC = """\
# A synthetic peer: the demo spec with another client name, compared with no benchmark
# (this run is what the benchmark is built from).
version: 1
extends: [spec.yaml]
evaluation:
  client: {{en: Synthetic peer {number:02d}, zh: 合成同业 {number:02d}}}
benchmarks: null
metrics:
  survey_response_rate: {{target: {{goal: 0.50, red_flag: 0.20}}}}
"""


def peer_results(folder: Path, peers: int = PEERS) -> list[Path]:
    """Generate and evaluate ``peers`` synthetic clients under ``folder``; their result.json
    files. Seeds ``SEED + 1`` … so the demo client itself (``SEED``) is not its own peer."""
    from evalkit.pipeline import run

    written = []
    for number in range(1, peers + 1):
        where = folder / f"peer-{number:02d}"
        generate_demo(where, SEED + number)
        spec = where / "peer.yaml"
        spec.write_text(PEER_SPEC.format(number=number), encoding="utf-8")
        run(spec, period=None, out_dir=where / "out", formats=("json",), plugins_dir=None)
        written.append(where / "out" / "result.json")
    return written


def main() -> None:
    """``python -m evalkit.demo.portfolio --out PACK.yaml [--peers 12]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--peers", type=int, default=PEERS)
    args = parser.parse_args()
    from evalkit.cli.main import cli

    with tempfile.TemporaryDirectory() as tmp:
        results = peer_results(Path(tmp), args.peers)
        cli.main(
            [
                "benchmarks",
                "build",
                *map(str, results),
                "--by",
                "industry,market",
                "--out",
                str(args.out),
                "--id",
                PACK_ID,
                "--synthetic",
                "--title",
                "Synthetic peers (demo)",
                "--title-zh",
                "合成同业（演示）",
                "--source",
                f"evalkit demo generator, {args.peers} synthetic clients (seeds {SEED + 1}–"
                f"{SEED + args.peers}), evaluated with the demo spec and built by "
                "`evalkit benchmarks build`; not real companies",
            ],
            standalone_mode=False,
        )


if __name__ == "__main__":
    main()
