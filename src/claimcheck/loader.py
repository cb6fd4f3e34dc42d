"""Loading: YAML text to plain data, keeping the position of every node.

PyYAML's own constructor spends most of its time in generic Python code, so
this loader builds plain data (dict, list, str, int, float, bool, None) straight
from the parser's event stream (the C parser where libyaml is installed),
recording where each node starts. It loads safely: no tag constructs an
object. Along the way it reports what PyYAML would hide or choke on:
duplicate keys (PyYAML keeps the last silently), aliases that would expand
into a huge document, unknown tags, extra documents.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimcheck.findings import DataPath, Finding, Position
from claimcheck.quotes import SourceText
from claimcheck.rules import rule

try:
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

#: How many nodes aliases may add to a document, in all. Far more than any
#: honest registry uses; a billion-laughs document crosses it within a few
#: dozen aliases, and since aliased data is shared, never copied, memory stays
#: bounded by the size of the text.
ALIAS_NODE_LIMIT = 100_000

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
_FALSES = frozenset({"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*\.[0-9_]*)(?:[eE][-+]?[0-9]+)?")  # YAML 1.1: a dot
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_MAX_INT_DIGITS = 4000  # under Python's default int_max_str_digits (4300)
_MAYBE_NOT_STRING = frozenset("0123456789+-.~nNyYtTfFoO")

_TAG = "tag:yaml.org,2002:"
#: The standard scalar tags beyond !!str, and the resolved types each accepts.
_TAGGED_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int, "float": (int, float), "bool": bool, "null": type(None),
}


class _MergeKey:
    """The plain key `<<` (a quoted '<<' is an ordinary key)."""

    def __repr__(self) -> str:
        return "<<"


_MERGE_KEY = _MergeKey()


class SourceMap:
    """Where each node of a loaded document starts, found by its data path.

    Positions live in one table per container, keyed by the container's
    identity: a mapping's table holds (key mark, value mark) per key, a
    sequence's holds each item's mark. A lookup walks the data along the path.
    This costs far less while loading than a dictionary keyed by whole paths.
    """

    def __init__(self, data: Any = None, root_mark: Any = None,
                 tables: dict[int, Any] | None = None) -> None:
        self._data = data  # keeps the containers alive, so their ids stay theirs
        self._root_mark = root_mark
        self._tables: dict[int, Any] = tables or {}

    def _walk(self, path: DataPath) -> tuple[Any, Any]:
        """(mark of the deepest node on the path that has one, its key mark if a mapping entry)."""
        node, mark, key_mark = self._data, self._root_mark, None
        for part in path:
            table = self._tables.get(id(node))
            if table is None:
                break
            if isinstance(node, dict) and part in table:
                key_mark, mark = table[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(table):
                key_mark, mark = None, table[part]
            else:
                key_mark = None
                break
            node = node[part]
        return mark, key_mark

    def value(self, path: DataPath) -> Position:
        """The node at ``path``, or its nearest ancestor that has a position.

        Missing fields, and keys merged in with ``<<``, have no position of
        their own; the closest enclosing node is the most useful place to point.
        """
        mark, _key_mark = self._walk(path)
        return _to_position(mark)

    def key(self, path: DataPath) -> Position:
        """The key of the mapping entry at ``path``; its value if it has none."""
        mark, key_mark = self._walk(path)
        return _to_position(key_mark if key_mark is not None else mark)


def _to_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


@dataclass
class LoadedYaml:
    """The outcome of loading: data (None when unusable), positions, findings."""

    data: Any
    source_map: SourceMap
    findings: list[Finding] = field(default_factory=list)


class RegistryReadError(Exception):
    """The registry file cannot be read at all (exit code 2)."""


def read_text(path: Path) -> bytes:
    """Read the registry's bytes; OS errors become a RegistryReadError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RegistryReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RegistryReadError(f"{path}: is a directory, not a registry file") from None
    except OSError as error:
        raise RegistryReadError(f"{path}: cannot be read ({error.strerror})") from None


def decode_utf8(raw: bytes) -> tuple[str | None, Finding | None]:
    """Decode bytes as UTF-8 (a leading BOM is allowed), or locate the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = (
            f"the file is not valid UTF-8: byte 0x{raw[error.start]:02x} at byte offset "
            f"{error.start} cannot be decoded; save the file as UTF-8"
        )
        return None, Finding(rule("not-utf8"), message, position=Position(line, column))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while bulk-building acyclic data.

    Building hundreds of thousands of containers makes the collector scan the
    growing heap again and again, for nothing: the loader's data has no cycles
    (an alias can only point at a node already complete). Re-entrant.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_yaml(text: str) -> LoadedYaml:
    """Parse YAML text into plain data and a SourceMap, with loading findings."""
    builder = _Builder()
    parser = _YamlLoader(text)
    try:
        with paused_gc():
            builder.run(parser.get_event)
    except yaml.MarkedYAMLError as error:
        return LoadedYaml(None, builder.source_map(), builder.findings + [_syntax_finding(error)])
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        finding = Finding(rule("yaml-syntax"), f"invalid YAML: {error}", position=Position(1, 1))
        return LoadedYaml(None, builder.source_map(), builder.findings + [finding])
    except _AliasLimitExceeded as stop:
        return LoadedYaml(None, builder.source_map(), builder.findings + [stop.finding])
    finally:
        parser.dispose()
    return LoadedYaml(builder.data, builder.source_map(), builder.findings)


def _syntax_finding(error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = error.problem or "invalid YAML"
    context = f" {error.context}" if error.context else ""
    if error.context_mark and error.context_mark is not mark:
        context += f" started at line {error.context_mark.line + 1}"
    return Finding(rule("yaml-syntax"), f"{problem}{context}".strip(), position=position)


class _AliasLimitExceeded(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class _Frame:
    """A mapping or sequence being built, with what the builder needs of it."""

    __slots__ = (
        "anchor",
        "container",
        "is_key",
        "is_map",
        "key",
        "key_mark",
        "mark",
        "merges",
        "size",
        "skip_value",
        "table",
    )

    def __init__(self, container: Any, mark: Any, anchor: str | None) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.table: Any = {} if self.is_map else []
        self.mark = mark
        self.anchor = anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.skip_value = False
        self.merges: list[Any] = []
        self.is_key = False


_NO_KEY = object()


class _Builder:
    """Turns a YAML event stream into data; one instance per document.

    `run` is the hot path of loading (a few hundred thousand events for a
    large registry): one loop that dispatches on the event's type, with the
    event classes and the common scalar case kept local.
    """

    def __init__(self) -> None:
        self.data: Any = None
        self.root_mark: Any = None
        self.tables: dict[int, Any] = {}
        self.findings: list[Finding] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._alias_nodes = 0
        self._documents = 0

    def source_map(self) -> SourceMap:
        return SourceMap(self.data, self.root_mark, self.tables)

    def run(self, get_event: Any) -> None:
        stack: list[_Frame] = []
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        resolve = self._resolve
        maybe_not_string = _MAYBE_NOT_STRING
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = event.value
                # Most scalars are untagged text that no resolution could change.
                if event.tag is not None or (event.implicit[0] and (not value or value[0] in maybe_not_string)):
                    value = resolve(event)
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is _NO_KEY:
                    is_merge = value == "<<" and event.tag is None and event.implicit[0]
                    self._take_key(frame, _MERGE_KEY if is_merge else value, event.start_mark)
                    continue
                if event.anchor is not None:
                    self._anchors[event.anchor] = (value, 1)
                self._place(stack, value, event.start_mark, 1)
            elif kind is mapping_start or kind is sequence_start:
                frame = _Frame({} if kind is mapping_start else [], event.start_mark, event.anchor)
                if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
                    frame.is_key = True  # a list or mapping used as a key: reported and dropped
                stack.append(frame)
            elif kind is mapping_end or kind is sequence_end:
                self._end(stack)
            elif kind is alias_event:
                self._alias(stack, event)
            elif kind is yaml.DocumentStartEvent:
                self._documents += 1
                if self._documents == 2:
                    self.findings.append(Finding(
                        rule("multiple-documents"),
                        "the file holds more than one YAML document; a registry is one "
                        "document, and everything after the first is ignored",
                        position=_to_position(event.start_mark)))
            elif kind is yaml.StreamEndEvent:
                return

    def _end(self, stack: list[_Frame]) -> None:
        frame = stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        if frame.anchor is not None:
            self._anchors[frame.anchor] = (frame.container, frame.size)
        if frame.is_key:
            self._take_key(stack[-1], frame.container, frame.mark)
            return
        if frame.table:
            self.tables[id(frame.container)] = frame.table
        self._place(stack, frame.container, frame.mark, frame.size)

    def _alias(self, stack: list[_Frame], event: Any) -> None:
        anchored = self._anchors.get(event.anchor)
        if anchored is None:  # pragma: no cover - the parser rejects unknown aliases
            raise yaml.YAMLError(f"unknown alias {event.anchor!r}")
        value, size = anchored
        self._alias_nodes += size
        if self._alias_nodes > ALIAS_NODE_LIMIT:
            raise _AliasLimitExceeded(Finding(
                rule("alias-expansion"),
                f"aliases expand to more than {ALIAS_NODE_LIMIT:,} nodes; the registry "
                "is rejected to keep loading fast and memory bounded",
                position=_to_position(event.start_mark)))
        if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
            self._take_key(stack[-1], value, event.start_mark)
            return
        self._place(stack, value, event.start_mark, size)

    def _take_key(self, frame: _Frame, key: Any, mark: Any) -> None:
        if isinstance(key, (dict, list)):
            self.findings.append(Finding(
                rule("complex-key"), "a mapping key must be a plain value, not a list or a mapping",
                position=_to_position(mark)))
            frame.key, frame.skip_value = None, True
            return
        frame.key, frame.key_mark = key, mark
        if key is not _MERGE_KEY and key in frame.container:
            first = _to_position(frame.table[key][0])
            self.findings.append(Finding(
                rule("duplicate-key"),
                f"duplicate key `{key}` (first at line {first.line}, column {first.column}); "
                "the first value is kept",
                position=_to_position(mark)))
            frame.skip_value = True

    def _place_root(self, value: Any, mark: Any) -> None:
        if self._documents <= 1:
            self.data, self.root_mark = value, mark

    def _place(self, stack: list[_Frame], value: Any, mark: Any, size: int) -> None:
        if not stack:
            self._place_root(value, mark)
            return
        parent = stack[-1]
        parent.size += size
        if not parent.is_map:
            parent.container.append(value)
            parent.table.append(mark)
            return
        key = parent.key
        parent.key = _NO_KEY
        if parent.skip_value:
            parent.skip_value = False
        elif key is _MERGE_KEY:
            parent.merges.append(value)
        else:
            parent.container[key] = value
            parent.table[key] = (parent.key_mark, mark)

    def _apply_merges(self, frame: _Frame) -> None:
        """YAML merge keys: ``<<: *defaults`` fills in keys the mapping lacks."""
        for merged in frame.merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    self.findings.append(Finding(
                        rule("invalid-value"), "a merge key `<<` takes a mapping or a list of mappings",
                        position=_to_position(frame.mark)))
                    continue
                for key, value in source.items():
                    frame.container.setdefault(key, value)

    def _resolve(self, event: Any) -> Any:
        """The plain value of a scalar, as YAML 1.1's core types resolve it.

        Only null, booleans, decimal integers and floats are resolved; other
        YAML 1.1 forms (sexagesimal ``1:30``, octal, timestamps) stay text, so
        that a value like ``2025-12-01`` or ``1:30`` means what it says.
        """
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            return _resolve_plain(value) if event.implicit[0] else value
        if tag.startswith(_TAG):
            return self._resolve_tagged(event, tag[len(_TAG):], value)
        self.findings.append(Finding(
            rule("unsupported-tag"),
            f"tag `{tag}` is not supported; the value is read as text",
            position=_to_position(event.start_mark)))
        return value

    def _resolve_tagged(self, event: Any, name: str, value: str) -> Any:
        if name == "str":
            return value
        expected = _TAGGED_TYPES.get(name)
        if expected is None:
            self.findings.append(Finding(
                rule("unsupported-tag"), f"tag `!!{name}` is not supported; the value is read as text",
                position=_to_position(event.start_mark)))
            return value
        resolved = _resolve_plain(value)
        if isinstance(resolved, expected) and not (
            name in ("int", "float") and isinstance(resolved, bool)
        ):
            return float(resolved) if name == "float" and isinstance(resolved, (int, float)) else resolved
        self.findings.append(Finding(
            rule("unsupported-tag"),
            f"`{value}` cannot be read as tag `!!{name}`; the value is read as text",
            position=_to_position(event.start_mark)))
        return value


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.fullmatch(value):
        # Beyond Python's limit on digits converted, a number stays the text it is (the checks name it).
        return int(value.replace("_", "")) if len(value) <= _MAX_INT_DIGITS else value
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        number = float(value.replace("_", ""))
        return number if math.isfinite(number) else value  # 1.0e400 stays text, not infinity
    return value


@dataclass(frozen=True)
class TextProblem:
    """Why a source's `path` gives no text: a rule name and a message."""

    rule_name: str
    message: str


def load_source_text(registry_dir: Path, relative: str) -> SourceText | TextProblem:
    """The text a source's `path` names, kept inside the registry's folder."""
    if Path(relative).is_absolute() or relative.startswith(("/", "\\")) or ":" in relative[:3]:
        return TextProblem("path-outside-registry",
                           f"`path: {relative}` is absolute; give it relative to the registry's folder")
    root = registry_dir.resolve()
    target = (registry_dir / relative).resolve()
    if not target.is_relative_to(root):
        return TextProblem("path-outside-registry",
                           f"`path: {relative}` leads outside the registry's folder ({target})")
    if not target.exists():
        return TextProblem("source-file-missing", f"`path: {relative}`: no such file")
    if not target.is_file():
        return TextProblem("source-file-unreadable", f"`path: {relative}` is not a file")
    try:
        raw = target.read_bytes()
    except OSError as error:
        return TextProblem("source-file-unreadable", f"`path: {relative}` cannot be read ({error.strerror})")
    try:
        return SourceText(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return TextProblem("source-file-unreadable",
                           f"`path: {relative}` is not UTF-8 text (byte offset {error.start})")
