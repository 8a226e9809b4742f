"""Time the report renderer: the test fixture and a large generated Result.

Usage: ``python benchmarks/report_bench.py`` (each run of a case is its own process, so the
peak RSS is that case's). Prints one line per case: pages, the median and quickest of
``RUNS`` runs in seconds, seconds per page (median), peak MiB.
"""

from __future__ import annotations

import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "report" / "data" / "result_demo.json"
RUNS = 3  # per case; the table shows the median
CRITERIA = ("service_quality", "service_efficiency", "cost_control", "revenue_growth", "technology")
ZH = ("服务质量", "服务效率", "成本控制", "收入增长", "技术和创新")


def large_result(n_metrics: int = 100, n_segments: int = 6, n_periods: int = 8) -> dict[str, Any]:
    """A Result with ``n_metrics`` metrics, each with ``n_segments`` segments and a trend."""
    base = json.loads(FIXTURE.read_text(encoding="utf-8"))
    periods = [f"{2024 + (q + 3) // 4}Q{(q + 3) % 4 + 1}" for q in range(n_periods)]
    metrics = []
    for i in range(n_metrics):
        crit = CRITERIA[i % len(CRITERIA)]
        values = [0.6 + 0.3 * math.sin(i + k / 2) ** 2 for k in range(n_periods)]
        score = round(min(max((values[-1] - 0.6) / 0.3 * 100, 0), 100), 1)
        metrics.append(
            {
                "id": f"m{i:03d}",
                "metric": f"m{i:03d}",
                "title": {"en": f"Metric number {i}", "zh": f"第 {i} 号指标（{ZH[i % 5]}）"},
                "criterion": crit,
                "unit": "fraction",
                "direction": "higher",
                "value": values[-1],
                "target": {"goal": 0.9, "red_flag": 0.6},
                "score": score,
                "status": "green" if score >= 100 else "red" if score <= 0 else "amber",
                "local_weight": 5 / n_metrics,
                "global_weight": 1 / n_metrics,
                "error": None,
                "previous": {"value": values[-2], "score": 50.0},
                "baseline": {"value": values[0], "score": 30.0},
                "change": {
                    "previous": values[-1] / values[-2] - 1,
                    "baseline": values[-1] / values[0] - 1,
                },
                "trend": [
                    {"period": p, "value": v, "score": 50.0}
                    for p, v in zip(periods, values, strict=True)
                ],
                "breakdown": {
                    "segment": {
                        f"S{k}": {"value": values[-1], "score": (score + 13 * k) % 100}
                        for k in range(n_segments)
                    }
                },
                "definition": {
                    "description": "A generated metric.",
                    "formula": "a ÷ b",
                    "tables": ["tickets"],
                    "columns": {"tickets": ["ticket_id"]},
                },
            }
        )
    base["metrics"] = metrics
    for c in base["criteria"]:
        if c["id"] in CRITERIA:
            c["children"] = [m["id"] for m in metrics if m["criterion"] == c["id"]]
    base["evaluation"]["periods"]["trend"] = periods
    return base


def run_case(case: str, locale: str) -> None:
    """Render one case in this process and print its numbers as JSON."""
    from evalkit.report import render_report

    result = (
        json.loads(FIXTURE.read_text(encoding="utf-8")) if case == "fixture" else large_result()
    )
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        written = render_report(result, Path(out), ["html", "pdf", "xlsx"], locale=locale)
        seconds = time.perf_counter() - start
        pdf = next(p for p in written if p.suffix == ".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(
            next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages"))
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = {"case": case, "locale": locale, "pages": pages, "seconds": round(seconds, 2)}
    row |= {"s_per_page": round(seconds / pages, 3), "peak_mib": round(peak)}
    print(json.dumps(row))


def measure(case: str, locale: str) -> dict[str, Any]:
    """One run of a case in a fresh process: its JSON row."""
    out = subprocess.run(
        [sys.executable, __file__, case, locale], capture_output=True, text=True, check=True
    ).stdout
    row: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return row


def main() -> None:
    """Run every case ``RUNS`` times, each in a fresh process, and print a table.

    The machine's speed drifts by ±20 % within minutes, so each case is run several times,
    the cases interleaved; the table shows the median and the quickest run.
    """
    if len(sys.argv) == 3:
        run_case(sys.argv[1], sys.argv[2])
        return
    cases = [(case, locale) for case in ("fixture", "large") for locale in ("zh-CN", "en")]
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {c: [] for c in cases}
    for _ in range(RUNS):
        for case in cases:
            runs[case].append(measure(*case))
    print(f"{'case':8} {'locale':6} {'pages':>5} {'median s':>9} {'min s':>6} "
          f"{'s/page':>7} {'peak MiB':>9}")  # fmt: skip
    for (case, locale), rows in runs.items():
        seconds = sorted(r["seconds"] for r in rows)
        median = statistics.median(seconds)
        pages = rows[0]["pages"]
        peak = max(r["peak_mib"] for r in rows)
        print(f"{case:8} {locale:6} {pages:>5} {median:>9.2f} {seconds[0]:>6.2f} "
              f"{median / pages:>7.3f} {peak:>9}")  # fmt: skip


if __name__ == "__main__":
    main()
