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

import re
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
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*\.[0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_MAYBE_NOT_STRING = frozenset("0123456789+-.~nNyYtTfFoO")

_TAG = "tag:yaml.org,2002:"


class _MergeKey:
    """The plain key `<<` (a quoted '<<' is an ordinary key)."""

    def __repr__(self) -> str:
        return "<<"


_MERGE_KEY = _MergeKey()


class SourceMap:
    """Where each node of a loaded document starts, keyed by its data path."""

    def __init__(self) -> None:
        self._values: dict[DataPath, Position] = {}
        self._keys: dict[DataPath, Position] = {}

    def add_value(self, path: DataPath, position: Position) -> None:
        self._values.setdefault(path, position)

    def add_key(self, path: DataPath, position: Position) -> None:
        self._keys.setdefault(path, position)

    def value(self, path: DataPath) -> Position:
        """The node at ``path``, or its nearest ancestor that has a position.

        Nodes reached through an alias, or missing fields, have no position of
        their own; the closest enclosing node is the most useful place to point.
        """
        for end in range(len(path), -1, -1):
            found = self._values.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key(self, path: DataPath) -> Position:
        """The key of the mapping entry at ``path``; its value if it has none."""
        return self._keys.get(path) or self.value(path)


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


def load_yaml(text: str) -> LoadedYaml:
    """Parse YAML text into plain data and a SourceMap, with loading findings."""
    builder = _Builder()
    try:
        builder.run(yaml.parse(text, Loader=_YamlLoader))
    except yaml.MarkedYAMLError as error:
        return LoadedYaml(None, builder.source_map, builder.findings + [_syntax_finding(error)])
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        finding = Finding(rule("yaml-syntax"), f"invalid YAML: {error}", position=Position(1, 1))
        return LoadedYaml(None, builder.source_map, builder.findings + [finding])
    except _AliasLimitExceeded as stop:
        return LoadedYaml(None, builder.source_map, builder.findings + [stop.finding])
    return LoadedYaml(builder.data, builder.source_map, builder.findings)


def _syntax_finding(error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = error.problem or "invalid YAML"
    context = f" {error.context}" if error.context else ""
    if error.context_mark and error.context_mark is not mark:
        context += f" started at line {error.context_mark.line + 1}"
    return Finding(rule("yaml-syntax"), f"{problem}{context}".strip(), position=position)


def _position(event: Any) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


class _AliasLimitExceeded(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class _Frame:
    """A mapping or sequence being built, with what the builder needs of it."""

    __slots__ = ("container", "path", "anchor", "size", "key", "position",
                 "skip_value", "merges", "is_key")

    def __init__(self, container: Any, path: DataPath, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.position: Position | None = None
        self.skip_value = False
        self.merges: list[Any] = []
        self.is_key = False


_NO_KEY = object()


class _Builder:
    """Turns a YAML event stream into data; one instance per document."""

    def __init__(self) -> None:
        self.data: Any = None
        self.source_map = SourceMap()
        self.findings: list[Finding] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._alias_nodes = 0
        self._documents = 0

    def run(self, events: Any) -> None:
        stack: list[_Frame] = []
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar(stack, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(stack, event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._end(stack, event)
            elif kind is yaml.AliasEvent:
                self._alias(stack, event)
            elif kind is yaml.DocumentStartEvent:
                self._documents += 1
                if self._documents == 2:
                    self.findings.append(Finding(
                        rule("multiple-documents"),
                        "the file holds more than one YAML document; a registry is one "
                        "document, and everything after the first is ignored",
                        position=_position(event)))

    # -- events --------------------------------------------------------------

    def _scalar(self, stack: list[_Frame], event: Any) -> None:
        value = self._resolve(event)
        if stack and type(stack[-1].container) is dict and stack[-1].key is _NO_KEY:
            is_merge = value == "<<" and event.tag is None and event.implicit[0]
            self._take_key(stack[-1], _MERGE_KEY if is_merge else value, _position(event))
            return
        if event.anchor is not None:
            self._anchors[event.anchor] = (value, 1)
        self._place(stack, value, _position(event), 1)

    def _start(self, stack: list[_Frame], event: Any, container: Any) -> None:
        if stack and type(stack[-1].container) is dict and stack[-1].key is _NO_KEY:
            # A list or mapping used as a key: built, reported and dropped on its end.
            frame = _Frame(container, stack[-1].path + ("?",), event.anchor)
            frame.is_key, frame.position = True, _position(event)
            stack.append(frame)
            return
        path = self._child_path(stack)
        if path is not None:
            self.source_map.add_value(path, _position(event))
        stack.append(_Frame(container, path if path is not None else (), event.anchor))

    def _end(self, stack: list[_Frame], event: Any) -> None:
        frame = stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        if frame.anchor is not None:
            self._anchors[frame.anchor] = (frame.container, frame.size)
        if frame.is_key:
            self._take_key(stack[-1], frame.container, frame.position or _position(event))
            return
        self._place(stack, frame.container, None, frame.size)

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
                position=_position(event)))
        if stack and type(stack[-1].container) is dict and stack[-1].key is _NO_KEY:
            self._take_key(stack[-1], value, _position(event))
            return
        self._place(stack, value, _position(event), size)

    # -- building ------------------------------------------------------------

    def _take_key(self, frame: _Frame, key: Any, position: Position) -> None:
        if isinstance(key, (dict, list)):
            self.findings.append(Finding(
                rule("complex-key"), "a mapping key must be a plain value, not a list or a mapping",
                position=position))
            frame.key, frame.skip_value = None, True
            return
        frame.key = key
        if key is _MERGE_KEY:
            return
        if key in frame.container:
            first = self.source_map.key(frame.path + (key,))
            self.findings.append(Finding(
                rule("duplicate-key"),
                f"duplicate key `{key}` (first at line {first.line}, column {first.column}); "
                "the first value is kept",
                position=position))
            frame.skip_value = True
        else:
            self.source_map.add_key(frame.path + (key,), position)

    def _child_path(self, stack: list[_Frame]) -> DataPath | None:
        if not stack:
            return ()
        parent = stack[-1]
        if type(parent.container) is dict:
            if parent.skip_value or parent.key is _MERGE_KEY:
                return None
            return parent.path + (parent.key,)
        return parent.path + (len(parent.container),)

    def _place(self, stack: list[_Frame], value: Any, position: Position | None, size: int) -> None:
        if not stack:
            if self._documents <= 1:
                self.data = value
                if position is not None:
                    self.source_map.add_value((), position)
            return
        parent = stack[-1]
        parent.size += size
        if type(parent.container) is dict:
            key = parent.key
            parent.key = _NO_KEY
            if parent.skip_value:
                parent.skip_value = False
            elif key is _MERGE_KEY:
                parent.merges.append(value)
            else:
                if position is not None:
                    self.source_map.add_value(parent.path + (key,), position)
                parent.container[key] = value
        else:
            if position is not None:
                self.source_map.add_value(parent.path + (len(parent.container),), position)
            parent.container.append(value)

    def _apply_merges(self, frame: _Frame) -> None:
        """YAML merge keys: ``<<: *defaults`` fills in keys the mapping lacks."""
        for merged in frame.merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    self.findings.append(Finding(
                        rule("invalid-value"), "a merge key `<<` takes a mapping or a list of mappings",
                        path=frame.path))
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
            if not event.implicit[0]:
                return value
            if value and value[0] not in _MAYBE_NOT_STRING:
                return value
            return _resolve_plain(value)
        if tag.startswith(_TAG):
            return self._resolve_tagged(event, tag[len(_TAG):], value)
        self.findings.append(Finding(
            rule("unsupported-tag"),
            f"tag `{tag}` is not supported; the value is read as text",
            position=_position(event)))
        return value

    def _resolve_tagged(self, event: Any, name: str, value: str) -> Any:
        if name == "str":
            return value
        expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}.get(name)
        if expected is None:
            self.findings.append(Finding(
                rule("unsupported-tag"), f"tag `!!{name}` is not supported; the value is read as text",
                position=_position(event)))
            return value
        resolved = _resolve_plain(value)
        if isinstance(resolved, expected) and not (
            name in ("int", "float") and isinstance(resolved, bool)
        ):
            return float(resolved) if name == "float" else resolved
        self.findings.append(Finding(
            rule("unsupported-tag"),
            f"`{value}` cannot be read as tag `!!{name}`; the value is read as text",
            position=_position(event)))
        return value


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.fullmatch(value):
        return int(value.replace("_", ""))
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        return float(value.replace("_", ""))
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
