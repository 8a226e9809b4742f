"""Findings every report gets without a rule: strongest and weakest metrics, worsened statuses."""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.rules.model import Finding, FindingSeverity
from evalkit.rules.view import EvaluationView

TOP = 3
"""How many strongest and weakest metrics are named."""

_STATUS_RANK = {"green": 0, "amber": 1, "red": 2}
_STATUS_ZH = {"green": "绿色", "amber": "黄色", "red": "红色"}


def automatic_findings(
    view: EvaluationView,
    metric_titles: Mapping[str, Mapping[str, str]],
    previous_statuses: Mapping[str, str],
) -> tuple[Finding, ...]:
    """The ``TOP`` strongest metrics by score (info), the ``TOP`` weakest among the others
    (warning), and one finding per metric whose status is worse than in the previous period
    (critical when it turned red, else warning). Metrics without a score are left out; ties
    are broken by metric id. Rule ids are ``auto.strongest``, ``auto.weakest``, ``auto.worsened``.
    """
    scored = sorted(
        (score, metric)
        for metric in view.statuses()
        if (score := view.metric_score(metric)) is not None
    )
    strongest = sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:TOP]
    weakest = [pair for pair in scored if pair not in strongest][:TOP]
    findings: list[Finding] = []
    if strongest:
        labels = ("表现最好的指标", "Strongest metrics")
        findings.append(_ranking("auto.strongest", "info", labels, strongest, metric_titles))
    if weakest:
        labels = ("表现最弱的指标", "Weakest metrics")
        findings.append(_ranking("auto.weakest", "warning", labels, weakest, metric_titles))
    findings.extend(_worsened(view.statuses(), previous_statuses, metric_titles))
    return tuple(findings)


def _title(metric: str, titles: Mapping[str, Mapping[str, str]], lang: str) -> str:
    title = titles.get(metric, {})
    return title.get(lang) or title.get("en") or title.get("zh") or metric


def _ranking(
    rule: str,
    severity: FindingSeverity,
    labels: tuple[str, str],
    ranked: list[tuple[float, str]],
    titles: Mapping[str, Mapping[str, str]],
) -> Finding:
    """One finding naming the ranked metrics with their scores; ``labels`` are (zh, en)."""
    zh_items = "、".join(f"{_title(m, titles, 'zh')}（{s:.0f} 分）" for s, m in ranked)
    en_items = ", ".join(f"{_title(m, titles, 'en')} ({s:.0f})" for s, m in ranked)
    return Finding(
        rule, severity, "finding", f"{labels[0]}：{zh_items}。", f"{labels[1]}: {en_items}."
    )


def _worsened(
    current: Mapping[str, str],
    previous: Mapping[str, str],
    titles: Mapping[str, Mapping[str, str]],
) -> list[Finding]:
    found: list[Finding] = []
    for metric in sorted(current):
        now, before = current[metric], previous.get(metric)
        if now not in _STATUS_RANK or before not in _STATUS_RANK:
            continue
        if _STATUS_RANK[now] <= _STATUS_RANK[before]:
            continue
        zh = (
            f"较上期状态变差：{_title(metric, titles, 'zh')}由{_STATUS_ZH[before]}"
            f"变为{_STATUS_ZH[now]}。"
        )
        en = (
            f"Worse than the previous period: {_title(metric, titles, 'en')} went from "
            f"{before} to {now}."
        )
        found.append(
            Finding("auto.worsened", "critical" if now == "red" else "warning", "finding", zh, en)
        )
    return found
