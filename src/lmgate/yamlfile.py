"""Safe YAML loading that remembers where every key and item came from.

Config and data errors must name `file:line`; PyYAML drops positions once it has built Python
objects, so we compose the node graph, build the data from it with the SafeLoader, and keep a
map from each key path to its mark. Duplicate keys (silently last-wins in PyYAML) and alias
bombs (a few lines that expand to billions of nodes) are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lmgate.errors import InputError, Location

MAX_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_NODES = 1_000_000
MAX_DEPTH = 200
MAX_INT_CHARS = 4_000   # below int()'s 4,300-digit limit; no config or dataset number is this long

PathKey = tuple  # ("suites", 0, "metrics")


@dataclass(frozen=True)
class YamlDocument:
    file: str
    data: Any
    positions: dict = field(default_factory=dict, repr=False)

    def where(self, path: PathKey) -> Location:
        """The closest known position for a key path (falls back to its parents)."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        line, col = self.positions.get(path, (1, 1))
        return Location(self.file, line, col)


def load_yaml(text: str | bytes, file: str, *, loader: type = yaml.SafeLoader) -> YamlDocument:
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise InputError(f"file is {len(text)} bytes; the limit is {MAX_BYTES}",
                             where=Location(file), fix="split it or point lmgate at a smaller file")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8 (byte {exc.start})", where=Location(file),
                             fix="save the file as UTF-8") from exc
    elif len(text) > MAX_BYTES:
        raise InputError(f"file is too large (limit {MAX_BYTES} bytes)", where=Location(file))
    try:
        yl = loader(text)  # the reader already refuses control characters here
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", where=Location(file),
                         fix="remove control characters; save the file as plain UTF-8 text") from exc
    try:
        node = yl.get_single_node()
        if node is None:
            return YamlDocument(file, None, {(): (1, 1)})
        _check_size(node, file)
        positions: dict = {}
        _walk(node, (), positions, file, set(), 0)
        data = yl.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = exc.problem or exc.context or "cannot parse"
        raise InputError(f"malformed YAML: {problem}", where=where,
                         fix="check indentation, quoting and colons near this line") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", where=Location(file)) from exc
    except RecursionError as exc:
        raise InputError("YAML nests too deeply", where=Location(file)) from exc
    finally:
        yl.dispose()
    return YamlDocument(file, data, positions)


def read_yaml(path: Path, display: str | None = None) -> YamlDocument:
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file not found", where=Location(display)) from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", where=Location(display)) from exc
    return load_yaml(raw, display)


def _check_size(root: yaml.Node, file: str) -> None:
    """Reject graphs whose alias-expanded size is absurd (the 'billion laughs' attack)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not done:
            if id(node) in open_nodes or any(id(c) in open_nodes or c is node for c in children):
                raise InputError("YAML refers to itself (a recursive alias such as `a: &a [*a]`)",
                                 where=Location(file, node.start_mark.line + 1), fix="remove the recursive alias")
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        open_nodes.discard(id(node))
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        if total > MAX_EXPANDED_NODES:
            raise InputError("YAML expands to too many nodes (an alias bomb?)", where=Location(file),
                             fix="remove the repeated aliases")
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_number(node: yaml.Node, file: str) -> None:
    """An integer scalar Python can read: `int()` refuses more than 4,300 digits (a ValueError no
    YAML error handler catches, so a traceback), and YAML 1.1 reads `1:2:3…` as base 60, one big
    multiplication per part."""
    if (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int"
            and len(node.value) > MAX_INT_CHARS):
        raise InputError(f"a number {len(node.value):,} characters long", where=Location(
            file, node.start_mark.line + 1, node.start_mark.column + 1), fix="quote it to keep it as text")


def _walk(node: yaml.Node, path: PathKey, out: dict, file: str, seen: set, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InputError("YAML nests too deeply", where=Location(file, node.start_mark.line + 1))
    _check_number(node, file)
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if id(node) in seen:  # an alias: its positions are those of the anchor
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set = set()
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else repr(knode.start_mark)
            if key in keys and key != "<<":
                raise InputError(f"duplicate key {key!r}",
                                 where=Location(file, knode.start_mark.line + 1, knode.start_mark.column + 1),
                                 fix="remove one of the two entries")
            keys.add(key)
            _check_number(knode, file)
            out[(*path, key)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            _walk(vnode, (*path, key), out, file, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), out, file, seen, depth + 1)
