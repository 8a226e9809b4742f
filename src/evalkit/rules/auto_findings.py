"""Findings every report gets without a rule: strongest and weakest metrics, worsened statuses."""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.rules.model import Finding, FindingSeverity
from evalkit.scoring.ranking import Ranked, Ranking

_STATUS_RANK = {"green": 0, "amber": 1, "red": 2}
_STATUS_ZH = {"green": "绿色", "amber": "黄色", "red": "红色"}


def automatic_findings(
    ranking: Ranking,
    metric_titles: Mapping[str, Mapping[str, str]],
    statuses: Mapping[str, str],
    previous_statuses: Mapping[str, str],
    within_noise: frozenset[str] = frozenset(),
) -> tuple[Finding, ...]:
    """The strongest metrics of ``ranking`` (info), its weakest (warning), and one finding per
    metric whose status is worse than in the previous period (critical when it turned red,
    else warning), unless the change of its value is ``within_noise`` (a sampled metric whose
    change is not significant). When more metrics meet their goal than are named, the first
    finding says how many. Rule ids are ``auto.strongest``, ``auto.weakest``, ``auto.worsened``.
    """
    findings: list[Finding] = []
    if ranking.strongest:
        if ranking.ties_at_goal:
            n = ranking.meeting_goal
            labels = (
                f"{n} 项指标达到目标，其中权重最大的",
                f"{n} metrics meet their goal; those with the most weight",
            )
        else:
            labels = ("表现最好的指标", "Strongest metrics")
        findings.append(
            _ranking("auto.strongest", "info", labels, ranking.strongest, metric_titles)
        )
    if ranking.weakest:
        labels = ("表现最弱的指标", "Weakest metrics")
        findings.append(_ranking("auto.weakest", "warning", labels, ranking.weakest, metric_titles))
    beyond_noise = {m: s for m, s in statuses.items() if m not in within_noise}
    findings.extend(_worsened(beyond_noise, previous_statuses, metric_titles))
    return tuple(findings)


def _title(metric: str, titles: Mapping[str, Mapping[str, str]], lang: str) -> str:
    title = titles.get(metric, {})
    return title.get(lang) or title.get("en") or title.get("zh") or metric


def _ranking(
    rule: str,
    severity: FindingSeverity,
    labels: tuple[str, str],
    ranked: tuple[Ranked, ...],
    titles: Mapping[str, Mapping[str, str]],
) -> Finding:
    """One finding naming the ranked metrics with their scores; ``labels`` are (zh, en)."""
    zh_items = "、".join(f"{_title(r.id, titles, 'zh')}（{r.score:.0f} 分）" for r in ranked)
    en_items = ", ".join(f"{_title(r.id, titles, 'en')} ({r.score:.0f})" for r in ranked)
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
