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

import bisect
import errno
import gc
import math
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from claimcheck import progress
from claimcheck.findings import DataPath, Finding, Position
from claimcheck.findings.rules import rule
from claimcheck.registry.limits import DEFAULT_LIMITS, Limits, describe
from claimcheck.registry.quotes import SourceText
from claimcheck.registry.yaml_syntax import explain

if TYPE_CHECKING:
    from claimcheck.registry.documents.cache import DocumentCache

try:
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

#: How many nodes aliases may add to a document, in all, by default (limits.py).
#: A billion-laughs document crosses it within a few dozen aliases, and since
#: aliased data is shared, never copied, memory stays bounded by the text's size.
ALIAS_NODE_LIMIT = DEFAULT_LIMITS.aliases

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
_MAX_INT_DIGITS = 4_300
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
                 tables: dict[int, Any] | None = None, lines: Lines | None = None) -> None:
        self._data = data  # keeps the containers alive, so their ids stay theirs
        self._root_mark = root_mark
        self._tables: dict[int, Any] = tables or {}
        self._lines = lines or Lines("")

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
        return self._lines.position(mark)

    def key(self, path: DataPath) -> Position:
        """The key of the mapping entry at ``path``; its value if it has none."""
        mark, key_mark = self._walk(path)
        return self._lines.position(key_mark if key_mark is not None else mark)


class Lines:
    """Parser marks to positions as editors count them: line breaks are LF, CRLF and CR only.

    The YAML parser also breaks lines at NEL (U+0085) and the Unicode line and
    paragraph separators, and reports the end of an unterminated last line as
    a line of its own; positions are therefore worked out from each mark's
    character index, and a mark at the very end points at the end of the last
    line. The table of line starts is built on the first position asked for:
    a registry without findings never needs it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = _line_starts(self._text)
        return self._starts

    def text_lines(self) -> list[str]:
        """The text's lines, broken where editors break them."""
        return re.split(r"\r\n|\r|\n", self._text)

    def position(self, mark: Any) -> Position:
        if mark is None:
            return Position(1, 1)
        return self.at(mark.index)

    def at(self, index: int) -> Position:
        """The position of the character at `index`; past the end, the end of the last line."""
        text = self._text
        index = max(0, min(index, len(text)))
        starts = self._line_starts()
        if index == len(text) and len(starts) > 1 and starts[-1] == len(text):
            index = len(text) - len(_TRAILING_BREAK.search(text).group())  # type: ignore[union-attr]
        line = bisect.bisect_right(starts, index)
        return Position(line, index - starts[line - 1] + 1)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    """The index at which each line starts; a line ends at CRLF, CR or LF, as YAML and editors end it."""
    if "\r" in text:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    # The usual case, without a loop in Python over the lines: each starts one past the end of the
    # one before. A piece of the text at a time, so that its lines split apart take little memory.
    starts = [0]
    for offset in range(0, len(text), _LINE_PIECE):
        lines = text[offset:offset + _LINE_PIECE].split("\n")
        if len(lines) > 1:
            starts += accumulate(map((1).__add__, map(len, lines[1:-1])), initial=offset + len(lines[0]) + 1)
    return starts


_LINE_PIECE = 1 << 16
_TRAILING_BREAK = re.compile(r"(?:\r\n|\r|\n)\Z")


@dataclass
class LoadedYaml:
    """The outcome of loading: data (None when unusable), positions, findings."""

    data: Any
    source_map: SourceMap
    findings: list[Finding] = field(default_factory=list)


class RegistryReadError(Exception):
    """The registry file cannot be read at all (exit code 2)."""


_PLURALS = {"registry": "registries"}


def read_text(path: Path, limit: int | None = None, what: str = "registry") -> bytes | None:
    """The bytes of a registry (or of another file: `what` names it in messages), or None when
    the file is larger than `limit`.

    Only a regular file is read (a FIFO, a device or a socket could block or
    never end), and never more than the limit; every OS error, a symbolic link
    loop included, becomes a RegistryReadError.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise RegistryReadError(f"{path}: no such file") from None
    except (OSError, RuntimeError, ValueError) as error:
        raise RegistryReadError(f"{path}: cannot be read ({_reason(error)})") from None
    if stat.S_ISDIR(status.st_mode):
        raise RegistryReadError(f"{path}: is a directory, not a {what} file")
    if not stat.S_ISREG(status.st_mode):
        raise RegistryReadError(f"{path}: is not a regular file ({_file_kind(status.st_mode)}); "
                                f"claimcheck reads {_PLURALS.get(what, what + 's')} from files only")
    if limit is not None and status.st_size > limit:
        return None
    try:
        with path.open("rb") as stream:
            raw = stream.read(limit + 1) if limit is not None else stream.read()
    except OSError as error:
        raise RegistryReadError(f"{path}: cannot be read ({_reason(error)})") from None
    return None if limit is not None and len(raw) > limit else raw


def _reason(error: BaseException) -> str:
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "a loop of symbolic links"
    if isinstance(error, ValueError):
        return "not a valid file name"
    return getattr(error, "strerror", None) or str(error)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def decode_utf8(raw: bytes) -> tuple[str | None, Finding | None]:
    """Decode bytes as UTF-8 (leading BOMs are dropped, however many an editor added, so that
    columns count from the first real character), or locate the first bad byte."""
    try:
        return raw.decode("utf-8").lstrip("\ufeff"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        # Lines as editors count them: LF, CRLF and a lone CR each end one.
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        # Columns count characters, as for every other finding: decode what precedes on the line.
        on_line = before[line_start:].decode("utf-8", errors="replace")
        column = len(on_line.lstrip("\ufeff") if line_start == 0 else on_line) + 1
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


#: A registry shorter than this (in characters) is read too quickly for a bar.
PROGRESS_FROM = 1 << 20
#: How often, in parser events, the bar of a long read moves.
_EVENTS_PER_UPDATE = 4096


def _reporting(get_event: Any, update: Any) -> Any:
    """`get_event`, telling `update` how far into the text the parser is, every so many events."""
    count = 0

    def next_event() -> Any:
        nonlocal count
        event = get_event()
        count += 1
        if count % _EVENTS_PER_UPDATE == 0:
            update(event.start_mark.index)
        return event

    return next_event


def load_yaml(text: str, limits: Limits = DEFAULT_LIMITS) -> LoadedYaml:
    """Parse YAML text into plain data and a SourceMap, with loading findings."""
    builder = _Builder(Lines(text), limits)
    parser = _YamlLoader(text)
    try:
        with paused_gc(), progress.measuring("Reading the registry", len(text), PROGRESS_FROM) as update:
            builder.run(parser.get_event if update is progress.measuring_off else _reporting(parser.get_event, update))
    except yaml.MarkedYAMLError as error:
        return LoadedYaml(None, builder.source_map(), builder.findings + [_syntax_finding(error, builder.lines)])
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        finding = Finding(rule("yaml-syntax"), f"invalid YAML: {error}", position=Position(1, 1))
        return LoadedYaml(None, builder.source_map(), builder.findings + [finding])
    except _LimitExceeded as stop:
        return LoadedYaml(None, builder.source_map(), builder.findings + [stop.finding])
    finally:
        parser.dispose()
    return LoadedYaml(builder.data, builder.source_map(), builder.findings)


def _syntax_finding(error: yaml.MarkedYAMLError, lines: Lines) -> Finding:
    mark = error.problem_mark or error.context_mark
    position = lines.position(mark)
    problem = error.problem or "invalid YAML"
    context_line = lines.position(error.context_mark).line if error.context_mark else None
    explained = explain(lines.text_lines(), f"{problem} {error.context or ''}", position.line, position.column,
                        context_line)
    if explained is not None:
        return Finding(rule("yaml-syntax"), explained.message, position=Position(explained.line, explained.column))
    context = f" {error.context}" if error.context else ""
    if error.context_mark and error.context_mark is not mark:
        context += f" started at line {lines.position(error.context_mark).line}"
    return Finding(rule("yaml-syntax"), f"{problem}{context}".strip(), position=position)


class _LimitExceeded(Exception):
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

    def __init__(self, lines: Lines, limits: Limits) -> None:
        self.lines = self._lines = lines
        self._limits = limits
        self.data: Any = None
        self.root_mark: Any = None
        self.tables: dict[int, Any] = {}
        self.findings: list[Finding] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._alias_nodes = 0
        self._documents = 0

    def source_map(self) -> SourceMap:
        return SourceMap(self.data, self.root_mark, self.tables, self._lines)

    def run(self, get_event: Any) -> None:
        stack: list[_Frame] = []
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        resolve = self._resolve
        maybe_not_string = _MAYBE_NOT_STRING
        longest, deepest = self._limits.scalar_length, self._limits.depth
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = event.value
                if len(value) > longest:
                    self._over_limit("scalar-too-long", event.start_mark,
                                     f"this value is {len(value):,} characters long; the limit is {longest:,} "
                                     "(`--limit scalar-length=N` raises it)")
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
                if len(stack) >= deepest:
                    self._over_limit("too-deep", event.start_mark,
                                     f"mappings and lists nest more than {deepest} deep here; a registry needs about "
                                     "6 (`--limit depth=N` raises the limit)")
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
                        position=self._lines.position(event.start_mark)))
            elif kind is yaml.StreamEndEvent:
                return

    def _over_limit(self, rule_name: str, mark: Any, message: str) -> NoReturn:
        raise _LimitExceeded(Finding(rule(rule_name), message, position=self._lines.position(mark)))

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
        if self._alias_nodes > self._limits.aliases:
            self._over_limit("alias-expansion", event.start_mark,
                             f"aliases expand to more than {self._limits.aliases:,} nodes; the registry "
                             "is rejected to keep loading fast and memory bounded")
        if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
            self._take_key(stack[-1], value, event.start_mark)
            return
        self._place(stack, value, event.start_mark, size)

    def _take_key(self, frame: _Frame, key: Any, mark: Any) -> None:
        if isinstance(key, (dict, list)):
            self.findings.append(Finding(
                rule("complex-key"), "a mapping key must be a plain value, not a list or a mapping",
                position=self._lines.position(mark)))
            frame.key, frame.skip_value = None, True
            return
        frame.key, frame.key_mark = key, mark
        if key is not _MERGE_KEY and key in frame.container:
            first = self._lines.position(frame.table[key][0])
            self.findings.append(Finding(
                rule("duplicate-key"),
                f"duplicate key `{key}` (first at line {first.line}, column {first.column}); "
                "the first value is kept",
                position=self._lines.position(mark)))
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
                        position=self._lines.position(frame.mark)))
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
            position=self._lines.position(event.start_mark)))
        return value

    def _resolve_tagged(self, event: Any, name: str, value: str) -> Any:
        if name == "str":
            return value
        expected = _TAGGED_TYPES.get(name)
        if expected is None:
            self.findings.append(Finding(
                rule("unsupported-tag"), f"tag `!!{name}` is not supported; the value is read as text",
                position=self._lines.position(event.start_mark)))
            return value
        resolved = _resolve_plain(value)
        if isinstance(resolved, expected) and not (
            name in ("int", "float") and isinstance(resolved, bool)
        ):
            return float(resolved) if name == "float" and isinstance(resolved, (int, float)) else resolved
        self.findings.append(Finding(
            rule("unsupported-tag"),
            f"`{value}` cannot be read as tag `!!{name}`; the value is read as text",
            position=self._lines.position(event.start_mark)))
        return value


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.fullmatch(value):
        digits = value.replace("_", "")
        # Python refuses to read integers of more than 4,300 digits; such a "number" stays text,
        # and the schema then reports it as the wrong kind of value.
        return int(digits) if len(digits) <= _MAX_INT_DIGITS else value
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


#: Longer than any file system accepts (Linux's PATH_MAX); a longer `path` is refused unread.
MAX_PATH_LENGTH = 4096
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:[\\/]")


#: How many names of a folder are compared with a mistyped `path`, at most.
_NEAREST_SCAN = 10_000


def _nearest_file(registry_dir: Path, relative: str) -> str:
    """`; did you mean `sources/trial.txt`?`: the file of the same folder nearest a missing `path`'s name."""
    import difflib
    from itertools import islice

    folder, _, name = relative.replace("\\", "/").rpartition("/")
    try:
        with os.scandir(registry_dir / folder if folder else registry_dir) as entries:
            names = [entry.name for entry in islice(entries, _NEAREST_SCAN) if entry.is_file()]
    except (OSError, ValueError):
        return ""
    match = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"; did you mean `{_shorten(f'{folder}/{match[0]}' if folder else match[0])}`?" if match else ""


def load_source_text(registry_dir: Path, relative: str, limit: int = DEFAULT_LIMITS.text_size,
                     root: Path | None = None, cache: DocumentCache | None = None,
                     seconds: float = DEFAULT_LIMITS.document_seconds) -> SourceText | TextProblem:
    """The text a source's `path` names, kept inside the registry's folder (docs/reliability.md).

    The path is checked before anything is opened: it must be relative, lead to
    a place inside the registry's folder once symbolic links are resolved, and
    name a regular file no larger than `limit`; only then is it read, and no
    more than the limit. `root` is `registry_dir` resolved, when the caller
    loads many texts and has resolved it once; `cache` holds extracted texts,
    and `seconds` bounds the time a PDF, web page or JATS article takes to be
    read (`read_document`).
    """
    shown = f"`path: {_shorten(relative)}`"
    problem = _path_problem(relative, shown)
    if problem is not None:
        return problem
    root = root or registry_dir.resolve()
    try:
        target = (registry_dir / relative).resolve()
    except (OSError, RuntimeError) as error:
        return TextProblem("source-file-unreadable", f"{shown} cannot be followed ({_reason(error)})")
    if not target.is_relative_to(root):
        return TextProblem("path-outside-registry", f"{shown} leads outside the registry's folder ({target})")
    try:
        status = target.stat()
    except FileNotFoundError:
        return TextProblem("source-file-missing", f"{shown}: no such file{_nearest_file(registry_dir, relative)}")
    except (OSError, ValueError) as error:
        return TextProblem("source-file-unreadable", f"{shown} cannot be read ({_reason(error)})")
    if stat.S_ISDIR(status.st_mode):
        return TextProblem("source-file-unreadable", f"{shown} is a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        return TextProblem("source-file-unreadable", f"{shown} is not a regular file ({_file_kind(status.st_mode)})")
    if status.st_size > limit:
        return _too_large(shown, status.st_size, limit)
    try:
        raw = _read_at_most(target, limit + 1)
    except OSError as error:
        return TextProblem("source-file-unreadable", f"{shown} cannot be read ({_reason(error)})")
    if len(raw) > limit:
        return _too_large(shown, len(raw), limit)
    return read_document(relative, raw, shown, cache, seconds)


def read_document(name: str, raw: bytes, shown: str, cache: DocumentCache | None = None,
                  seconds: float = DEFAULT_LIMITS.document_seconds) -> SourceText | TextProblem:
    """A document's text as a reader sees it, whatever its format (`registry/documents`); `shown` names it in messages.

    With a `cache`, a PDF's, web page's or JATS article's text is taken from it when
    it holds the document's hash, and stored in it otherwise (`documents/cache.py`).
    Reading it takes at most `seconds`; a document that takes longer is not stored,
    since a larger limit (or a faster machine) may read it.
    """
    from claimcheck.registry.documents import detect
    from claimcheck.registry.documents.cache import file_hash

    digest = file_hash(raw)
    kind = detect(name, raw)
    if kind == "text":  # the common case, without the documents' machinery
        try:
            return SourceText(raw.decode("utf-8-sig"), sha256=digest)
        except UnicodeDecodeError as error:
            return TextProblem("source-file-unreadable", f"{shown} is not UTF-8 text (byte offset {error.start})")
    from claimcheck.registry.documents import DocumentProblem, MissingLibrary, TimeLimitExceeded, extract

    # A PDF is known by its bytes alone; the same bytes named .html or .xml are read as different formats.
    key = digest if kind == "pdf" else f"{digest}.{kind}"
    result = cache.get(key) if cache is not None else None
    if result is None:
        try:
            result = extract(name, raw, seconds)
        except (MissingLibrary, TimeLimitExceeded) as problem:  # not stored: a library or a larger limit mends it
            return TextProblem("source-file-unreadable", f"{shown} {problem.message}")
        except DocumentProblem as problem:
            result = problem
        if cache is not None:
            cache.put(key, result)
    if isinstance(result, DocumentProblem):
        return TextProblem("source-file-unreadable", f"{shown} {result.message}")
    return SourceText(result.text, result.location, result.kind, sha256=digest)


def _path_problem(relative: str, shown: str) -> TextProblem | None:
    if len(relative) > MAX_PATH_LENGTH:
        return TextProblem("source-file-unreadable",
                           f"{shown} is {len(relative):,} characters long; no file system takes a path over "
                           f"{MAX_PATH_LENGTH:,}")
    if "\0" in relative:
        return TextProblem("source-file-unreadable", f"{shown} holds a NUL character, which no file name can")
    windows_drive = os.name == "nt" and bool(PureWindowsPath(relative).drive)
    if (Path(relative).is_absolute() or relative.startswith(("/", "\\")) or windows_drive
            or _WINDOWS_ABSOLUTE.match(relative)):
        return TextProblem("path-outside-registry", f"{shown} is absolute; give it relative to the registry's folder")
    return None


def _read_at_most(path: Path, size: int) -> bytes:
    """Read up to `size` bytes; O_NONBLOCK so that a file swapped for a FIFO since it was checked cannot hang."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(size)


def _too_large(shown: str, size: int, limit: int) -> TextProblem:
    return TextProblem("source-text-too-large",
                       f"{shown} is {describe(size)}; the limit is {describe(limit)} "
                       "(`--limit text-size=N` raises it)")


def _shorten(text: str, keep: int = 80) -> str:
    return text if len(text) <= keep else f"{text[:keep]}… ({len(text):,} characters)"
