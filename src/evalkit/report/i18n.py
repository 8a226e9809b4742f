"""Message catalogs: every fixed text of a report, in English and Chinese.

The catalogs are YAML files in ``locales/`` (``en.yaml``, ``zh_CN.yaml``) with nested keys;
templates look texts up by dotted key (``t("summary.overall")``) and never contain prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from evalkit.errors import ReportError

LOCALES_DIR = Path(__file__).parent / "locales"
SUPPORTED = {"en": "en", "zh": "zh_CN"}


def language_of(locale: str) -> str:
    """The language key of titles in the Result (``en`` or ``zh``) for a locale tag."""
    lang = locale.replace("_", "-").split("-")[0].lower()
    if lang not in SUPPORTED:
        raise ReportError(f"unsupported report locale {locale!r}; choose zh-CN or en")
    return lang


def babel_locale(locale: str) -> str:
    """The babel locale for a report locale tag (``zh-CN`` → ``zh_Hans_CN``)."""
    return "zh_Hans_CN" if language_of(locale) == "zh" else "en"


def _flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def load_catalog(lang: str) -> Mapping[str, str]:
    """The flattened catalog of one language (``en`` or ``zh``)."""
    path = LOCALES_DIR / f"{SUPPORTED[lang]}.yaml"
    # Our own files, no user input: libyaml's safe loader when PyYAML has it (10x faster).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _flatten(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))


@dataclass(frozen=True)
class Translator:
    """Looks up fixed texts of one language; a missing key is a bug, not a silent blank."""

    lang: str

    def __call__(self, key: str, **values: Any) -> str:
        try:
            text = load_catalog(self.lang)[key]
        except KeyError:
            raise KeyError(f"message {key!r} missing from the {self.lang} catalog") from None
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Whether the catalog has ``key``."""
        return key in load_catalog(self.lang)

    def localized(self, entry: Mapping[str, Any], key: str) -> str:
        """``entry[key]`` in this language, else as it stands (in English).

        For a metric definition of the Result: ``translations[lang][key]`` when the plugin gave it.
        """
        translations = entry.get("translations")
        if isinstance(translations, Mapping):
            texts = translations.get(self.lang)
            if isinstance(texts, Mapping) and texts.get(key):
                return str(texts[key])
        return str(entry.get(key) or "")

    def title(self, titles: Mapping[str, str] | str | None, fallback: str = "") -> str:
        """The title in this language, else in the other one, else ``fallback``."""
        if isinstance(titles, str):
            return titles
        if not titles:
            return fallback
        return str(titles.get(self.lang) or next(iter(titles.values()), None) or fallback)
