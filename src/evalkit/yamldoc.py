"""Load YAML (or JSON, a subset of it) safely, keeping the location of every key and value.

Nothing in a document is ever executed: only PyYAML's ``SafeLoader`` constructs values, and
tags it does not know are errors. Duplicate keys, which PyYAML would silently overwrite, are
errors too. Hostile documents are refused early, each with a located message: files larger
than ``MAX_BYTES`` (or that never end, such as ``/dev/zero``) before they are read in full,
nesting deeper than ``MAX_DEPTH``, and aliases expanding to more than ``MAX_ALIAS_NODES``
nodes (a "billion laughs" document) while the value is being built.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from evalkit.errors import SpecError
from evalkit.location import LocatedDocument, Location, Path

MAX_BYTES = 8 * 2**20
"""Largest YAML file read (8 MiB): a spec or a judgments file is a few kilobytes."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""
MAX_ALIAS_NODES = 10_000
"""Most nodes that aliases (``*name``) may add to a document when expanded."""


def load_yaml_file(path: FsPath, shown_as: str | None = None) -> LocatedDocument:
    """Read and parse ``path``; ``shown_as`` is the name used in messages (default: as given)."""
    name = shown_as or str(path)
    try:
        text = _read_bounded(path, name).decode("utf-8-sig")
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


def _read_bounded(path: FsPath, name: str) -> bytes:
    """The bytes of ``path``, refusing what is not a regular file or is over ``MAX_BYTES``."""
    with path.open("rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise SpecError(f"{name} is not a regular file; give the path of a YAML file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SpecError(
            f"{name} is larger than {MAX_BYTES // 2**20} MiB, the limit for YAML files",
            Location(name, 1, 1),
        )
    return data


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than ``MAX_DEPTH`` as it composes (before
    Python's recursion limit is reached, which takes half a second to unwind)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """Compose one node, counting how deep it stands."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels; flatten the document", mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml_text(text: str, name: str) -> LocatedDocument:
    """Parse ``text`` as one YAML document named ``name`` in messages."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
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
    except yaml.reader.ReaderError as exc:
        raise SpecError(
            f"invalid YAML: character {_codepoint(exc.character)} is not allowed; remove it",
            _position(text, exc.position, name),
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", Location(name, 1, 1)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return LocatedDocument(name, data, builder.values, builder.keys)


def _codepoint(character: int | str) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _position(text: str, offset: int, name: str) -> Location:
    before = text[:offset]
    return Location(name, before.count("\n") + 1, offset - before.rfind("\n"))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: Any, node: Node) -> Any:
    """``value``, unless it is text holding a lone surrogate (written as a ``\\ud800`` escape):
    such text cannot be printed or saved as UTF-8."""
    if isinstance(value, str) and _SURROGATE.search(value):
        raise ConstructorError(
            None,
            None,
            "an escape such as \\ud800 stands for half a character (a surrogate); "
            "write the character itself or its \\U0001xxxx escape",
            node.start_mark,
        )
    return value


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _implicit_null(key: Node, value: Node) -> bool:
    """Whether a flow-mapping entry is a key without a ``:`` (``{en: Li Wei, Northwind}``):
    almost always a text cut in two by an unquoted comma, which YAML reads as a key whose value
    is null (and a null would silently remove the key when documents merge)."""
    buffer = key.end_mark.buffer
    if not isinstance(value, ScalarNode) or value.value != "" or buffer is None:
        return False
    return ":" not in buffer[key.end_mark.pointer : value.start_mark.pointer]


class _Builder:
    """Turns a composed node tree into plain values, recording where each one stands."""

    def __init__(self, loader: _Loader, name: str) -> None:
        self._loader = loader
        self._name = name
        self.values: dict[Path, Location] = {}
        self.keys: dict[Path, Location] = {}
        self._seen: set[int] = set()
        self._expanded = 0

    def _at(self, node: Node) -> Location:
        return Location(self._name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: Path) -> Any:
        self._check_budget(node, path)
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
                if node.flow_style and _implicit_null(key_node, value_node):
                    raise ConstructorError(
                        None,
                        None,
                        f"{key!r} has no value: an unquoted comma inside {{…}} splits a text in "
                        f'two; quote the whole text, e.g. en: "…, {key}"',
                        key_node.start_mark,
                    )
                self.keys[(*path, key)] = self._at(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return _text(self._loader.construct_object(node, deep=True), node)

    def _check_budget(self, node: Node, path: Path) -> None:
        if len(path) > MAX_DEPTH:
            raise ConstructorError(
                None,
                None,
                f"nested deeper than {MAX_DEPTH} levels; flatten the document",
                node.start_mark,
            )
        if id(node) in self._seen:  # built before: this is (part of) an alias's expansion
            self._expanded += 1
            if self._expanded > MAX_ALIAS_NODES:
                raise ConstructorError(
                    None,
                    None,
                    f"aliases expand to more than {MAX_ALIAS_NODES} nodes; "
                    "write the values out or use fewer aliases",
                    node.start_mark,
                )
        else:
            self._seen.add(id(node))

    def _scalar_key(self, node: Node) -> str | int:
        if not isinstance(node, ScalarNode):
            raise ConstructorError(None, None, "keys must be plain values", node.start_mark)
        key = _text(self._loader.construct_object(node), node)
        if isinstance(key, str | int) and not isinstance(key, bool):
            return key
        return str(key)
