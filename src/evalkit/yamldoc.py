"""Load YAML (or JSON, a subset of it) safely, keeping the location of every key and value.

Nothing in a document is ever executed: only PyYAML's ``SafeLoader`` constructs values, and
tags it does not know are errors. Duplicate keys, which PyYAML would silently overwrite, are
errors too.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from evalkit.errors import SpecError
from evalkit.location import LocatedDocument, Location, Path


def load_yaml_file(path: FsPath, shown_as: str | None = None) -> LocatedDocument:
    """Read and parse ``path``; ``shown_as`` is the name used in messages (default: as given)."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SpecError(f"file not found: {name}") from None
    except UnicodeDecodeError as exc:
        raise SpecError(
            f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8",
            Location(name, 1, 1),
        ) from None
    except OSError as exc:
        raise SpecError(f"cannot read {name}: {exc.strerror}") from None
    return load_yaml_text(text, name)


def load_yaml_text(text: str, name: str) -> LocatedDocument:
    """Parse ``text`` as one YAML document named ``name`` in messages."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedDocument(name, None)
        builder = _Builder(loader, name)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise SpecError(f"invalid YAML: {what}", where) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", Location(name, 1, 1)) from None
    finally:
        loader.dispose()
    return LocatedDocument(name, data, builder.values, builder.keys)


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    """Turns a composed node tree into plain values, recording where each one stands."""

    def __init__(self, loader: yaml.SafeLoader, name: str) -> None:
        self._loader = loader
        self._name = name
        self.values: dict[Path, Location] = {}
        self.keys: dict[Path, Location] = {}

    def _at(self, node: Node) -> Location:
        return Location(self._name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: Path) -> Any:
        self.values[path] = self._at(node)
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in _PLAIN_TAGS:
            raise ConstructorError(
                None,
                None,
                f"could not determine a constructor for the tag {node.tag!r}",
                node.start_mark,
            )
        if isinstance(node, MappingNode):
            self._loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar_key(key_node)
                if key in result:
                    raise ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                self.keys[(*path, key)] = self._at(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._loader.construct_object(node, deep=True)

    def _scalar_key(self, node: Node) -> str | int:
        if not isinstance(node, ScalarNode):
            raise ConstructorError(None, None, "keys must be plain values", node.start_mark)
        key = self._loader.construct_object(node)
        if isinstance(key, str | int) and not isinstance(key, bool):
            return key
        return str(key)
