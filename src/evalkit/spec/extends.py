"""Resolve ``extends:``: presets and relative files merged left to right, then the file itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from evalkit.errors import SpecError, did_you_mean
from evalkit.location import LocatedDocument
from evalkit.spec.merge import merge_documents
from evalkit.spec.presets import Preset
from evalkit.yamldoc import load_yaml_file

META_KEYS = ("extends", "preset")


@dataclass(frozen=True)
class ResolvedDocument:
    """A spec with its presets merged in, and every file that went into it."""

    doc: LocatedDocument
    files: tuple[Path, ...]
    preset_metrics: frozenset[str] = frozenset()
    """Metric instances that a preset of the catalog declares (the spec may also change them)."""


def resolve_extends(path: Path, presets: Mapping[str, Preset]) -> ResolvedDocument:
    """Load ``path`` and everything it extends, recursively; cycles and unknowns are errors.

    A file reached twice (``[market/b2b, industry/manufacturing]`` both extend the base) is
    merged once, where it is first reached, so a later include cannot undo what an earlier
    one changed in it.
    """
    files: list[Path] = []
    from_presets: set[str] = set()
    doc = _resolve(path.resolve(), presets, (), files, str(path), from_presets)
    return ResolvedDocument(doc, tuple(files), frozenset(from_presets))


def _resolve(
    path: Path,
    presets: Mapping[str, Preset],
    chain: tuple[Path, ...],
    files: list[Path],
    shown_as: str,
    from_presets: set[str],
) -> LocatedDocument:
    doc = load_yaml_file(path, shown_as)
    if path not in files:
        files.append(path)
    if doc.data is None:
        return LocatedDocument(doc.file, {})
    if not isinstance(doc.data, dict):
        raise SpecError("a spec must be a mapping of keys (version, evaluation, …)", doc.where(()))
    merged = LocatedDocument(doc.file, {})
    for index, name in enumerate(_names(doc)):
        where = doc.where(
            ("extends", index) if isinstance(doc.data["extends"], list) else ("extends",)
        )
        target = _locate(name, path, presets)
        if target is None:
            raise SpecError(
                f"unknown preset '{name}'{did_you_mean(name, presets)}; "
                "`evalkit presets` lists them",
                where,
            )
        if target in chain or target == path:
            cycle = " → ".join(p.name for p in (*chain, path, target))
            raise SpecError(f"extends cycle: {cycle}; remove one of these includes", where)
        if target in files:
            continue  # merged already through an earlier include: each file counts once
        included = _resolve(target, presets, (*chain, path), files, _shown(target), from_presets)
        metrics = included.data.get("metrics") if name in presets else None
        from_presets.update(map(str, metrics) if isinstance(metrics, dict) else ())
        merged = merge_documents(merged, included)
    own = {k: v for k, v in doc.data.items() if k not in META_KEYS}
    own_doc = LocatedDocument(doc.file, own, doc.values, doc.keys)
    if chain and not merged.data:
        return own_doc  # an include's nulls remove what the includes before it set
    return merge_documents(merged, own_doc)


def _names(doc: LocatedDocument) -> list[str]:
    raw = doc.data.get("extends") or []
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise SpecError("extends: must be a preset name or a list of them", doc.where(("extends",)))
    return names


def _locate(name: str, including: Path, presets: Mapping[str, Preset]) -> Path | None:
    if name in presets:
        return presets[name].path.resolve()
    candidate = (including.parent / name).resolve()
    return candidate if candidate.is_file() else None


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
