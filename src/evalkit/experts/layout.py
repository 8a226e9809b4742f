"""The workbook layout shared by the writer and the reader: texts, columns, safe names.

A node sheet has one pair per row from ``FIRST_ROW``: item A in column A, the choice "A/B is
more important" in B, the intensity in C, item B in D. The rating sheet has the indicator in A,
its scale in B and the score in C. A very hidden sheet ``META_SHEET`` maps each answer row to
its node and items (or metric instance), so renamed titles never break the reading.
"""

from __future__ import annotations

import re

FIRST_ROW = 5
"""The 1-based row of the first answer on node and rating sheets."""

META_SHEET = "_evalkit"
FORMAT_TAG = "evalkit-questionnaire/1"

INTENSITIES: dict[str, tuple[str, ...]] = {
    "zh": (
        "1 同等重要",
        "2 介于同等与稍微之间",
        "3 稍微重要",
        "4 介于稍微与明显之间",
        "5 明显重要",
        "6 介于明显与强烈之间",
        "7 强烈重要",
        "8 介于强烈与极端之间",
        "9 极端重要",
    ),
    "en": (
        "1 equally important",
        "2 between equally and moderately",
        "3 moderately more important",
        "4 between moderately and strongly",
        "5 strongly more important",
        "6 between strongly and very strongly",
        "7 very strongly more important",
        "8 between very strongly and extremely",
        "9 extremely more important",
    ),
}
"""Saaty's 1–9 verbal scale as the drop-down shows it, per language."""

CHOICES: dict[str, tuple[str, str]] = {
    "zh": ("A 更重要", "B 更重要"),
    "en": ("A is more important", "B is more important"),
}

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "instructions": "说明",
        "ratings": "专家评分",
        "title": "专家问卷：{spec}",
        "expert": "专家",
        "role": "职务",
        "weight": "权重",
        "how": (
            "每个指标组一张工作表。每一行比较两个指标 A 与 B：在 B 列选择哪一个更重要，在 C 列选择"
            "重要程度（1–9 标度）。无法判断时两列都留空，计算会按不完全矩阵处理。"
            "只能填写白色单元格。"
        ),
        "rate_how": "在 C 列为每个定性指标选择评分（{min}–{max} 分，{min} 最差，{max} 最好）。",
        "scale": "1–9 标度",
        "node_how": "比较同一上级指标下的各项：哪一项对「{node}」更重要？重要多少？",
        "a": "指标 A",
        "choice": "哪个更重要",
        "intensity": "重要程度",
        "b": "指标 B",
        "indicator": "评价指标",
        "range": "评分范围",
        "score": "评分",
        "anchor": "{min} = 很差 … {max} = 优秀",
        "revise": "请复核标黄的判断：{message}",
    },
    "en": {
        "instructions": "Instructions",
        "ratings": "Ratings",
        "title": "Expert questionnaire: {spec}",
        "expert": "Expert",
        "role": "Role",
        "weight": "Weight",
        "how": (
            "One sheet per group of criteria. Each row compares two items, A and B: choose in "
            "column B which one is more important and in column C how much (1–9 scale). Leave "
            "both empty when you cannot judge a pair. Only the white cells can be filled in."
        ),
        "rate_how": (
            "Choose a score in column C for each qualitative indicator ({min}–{max}, {min} worst, "
            "{max} best)."
        ),
        "scale": "1–9 scale",
        "node_how": "Compare the items under “{node}”: which one matters more to it, and how much?",
        "a": "Item A",
        "choice": "More important",
        "intensity": "How much",
        "b": "Item B",
        "indicator": "Indicator",
        "range": "Scale",
        "score": "Score",
        "anchor": "{min} = very poor … {max} = excellent",
        "revise": "Please review the highlighted judgment: {message}",
    },
}


def language(locale: str) -> str:
    """``zh`` for Chinese locales, ``en`` otherwise."""
    return "zh" if locale.lower().startswith("zh") else "en"


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{k}" for p in ("COM", "LPT") for k in range(10)}


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel and WPS accept: no ``[]:*?/\\'``, at most 31 characters, unique
    (case-insensitively) among ``taken``, which it is added to."""
    base = _SHEET_FORBIDDEN.sub("_", title).strip() or "sheet"
    base = base[:31]
    name, k = base, 2
    while name.lower() in taken or name.lower() in {"history", META_SHEET}:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    taken.add(name.lower())
    return name


def file_name(expert: str) -> str:
    """``<expert>.xlsx`` with characters Windows forbids replaced and reserved names avoided."""
    stem = _FILE_FORBIDDEN.sub("_", expert).strip().rstrip(".") or "expert"
    if stem.upper() in _RESERVED:
        stem = f"_{stem}"
    return f"{stem[:100]}.xlsx"
