"""Configuration: `claimcheck.toml`, or the `[tool.claimcheck]` table of `pyproject.toml`.

The file is looked for from the registry's folder (the working directory when
no registry is named) upwards, stopping after the filesystem root or a folder
holding `.git`. In each folder `claimcheck.toml` is taken before
`pyproject.toml`, and a `pyproject.toml` without a `[tool.claimcheck]` table
is passed over, as ruff does with its own files. The first file found is the
configuration; command-line flags win over it. Every problem in it (invalid
TOML, an unknown key, a value of the wrong type) is an error located at
file:line:column, with the key it probably meant.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.findings.selection import SelectionError, check_selector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = "claimcheck.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.claimcheck"
FAIL_ON = ("conflict", "tension")


class _Invalid(Exception):
    """A value a key cannot take; the message says what it must be."""


class ConfigError(Exception):
    """The configuration cannot be used; each message is located at file:line:column."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Config:
    """The settings a configuration file gives; None (or empty) where it is silent."""

    file: Path | None = None
    registry: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    strict: bool | None = None
    fail_on: str | None = None
    alpha: float | None = None
    format: str | None = None
    limits: tuple[tuple[str, object], ...] = ()
    cache: bool | None = None
    cache_dir: Path | None = None


def find_config(start: Path) -> Path | None:
    """The configuration file that applies to `start` (a folder), or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            path = candidate / name
            if path.is_file() and (name == CONFIG_FILE or _has_table(path)):
                return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures claimcheck; one that is not valid TOML is taken, to report it."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "claimcheck" not in text:
        return False  # cheap: an unrelated pyproject.toml is not even parsed
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return True
    return isinstance(tool, dict) and "claimcheck" in tool


def discover(start: Path) -> Config:
    """The configuration found from `start` upwards; an empty one if there is none."""
    path = find_config(start)
    return load_config(path) if path is not None else Config()


def load_config(path: Path) -> Config:
    """Read and check one configuration file."""
    shown = _display(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ConfigError([f"{shown}: cannot be read ({error.strerror})"]) from None
    except UnicodeDecodeError as error:
        raise ConfigError([f"{shown}:1:1: not valid UTF-8 (byte offset {error.start})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        place, message = _toml_error_place(str(error), text), _toml_error_message(str(error))
        raise ConfigError([f"{shown}:{place}: invalid TOML: {message}"]) from None
    header = TABLE if path.name == PYPROJECT else None
    table: Any = data if header is None else data.get("tool", {}).get("claimcheck", {})
    if not isinstance(table, dict):
        line, column = _find_key(text, "tool", "claimcheck") or (1, 1)
        raise ConfigError([f"{shown}:{line}:{column}: `{TABLE}` must be a table"])
    return _read_table(path, shown, text, header, table)


def _read_table(path: Path, shown: str, text: str, header: str | None, table: dict[str, Any]) -> Config:
    where = f"[{header}]" if header else shown
    settings: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in table.items():
        line, column = _find_key(text, header, key) or _find_table(text, header, key) or (1, 1)
        reader = _READERS.get(key)
        if header is None and key == "tool" and isinstance(value, dict) and "claimcheck" in value:
            line, column = _table_header_line(text) or (line, column)
            errors.append(f"{shown}:{line}:{column}: `[{TABLE}]` is the table header of pyproject.toml; in "
                          f"{path.name} the settings stand alone: remove the `[{TABLE}]` line")
            continue
        if reader is None:
            hint = difflib.get_close_matches(key, list(_READERS), n=1)
            suggestion = f"; did you mean `{hint[0]}`?" if hint else f"; known keys: {', '.join(_READERS)}"
            errors.append(f"{shown}:{line}:{column}: unknown key `{key}` in {where}{suggestion}")
            continue
        try:
            settings[key.replace("-", "_")] = reader(value, path.parent)
        except _Invalid as error:
            value_column = _value_column(text, line) or column
            errors.append(f"{shown}:{line}:{value_column}: `{key}` {error}")
    if errors:
        raise ConfigError(errors)
    return Config(file=path, **settings)


def _table_header_line(text: str) -> tuple[int, int] | None:
    """The line and column of a `[tool.claimcheck]` header, if the text has one."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"\s*\[\s*tool\s*\.\s*claimcheck\s*\]", line):
            return number, len(line) - len(line.lstrip()) + 1
    return None


# ------------------------------------------------------------------ values

def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, str):
        return f"the text \"{value}\""
    return "a table" if isinstance(value, dict) else "an array" if isinstance(value, list) else "a date or time"


def _registry(value: Any, folder: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise _Invalid(f"must be the registry's path, relative to this file; got {_kind(value)}")
    return folder / value


def _cache_dir(value: Any, folder: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise _Invalid(f"must be a folder's path, relative to this file; got {_kind(value)}")
    return folder / value


def _selectors(value: Any, _folder: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Invalid(f"must be an array of rule codes or prefixes, such as [\"CC3\"]; got {_kind(value)}")
    try:
        return tuple(check_selector(item) for item in value)
    except SelectionError as error:
        raise _Invalid(f"has an {error}") from None


def _boolean(value: Any, _folder: Path) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false; got {_kind(value)}")
    return value


def _fail_on(value: Any, _folder: Path) -> str:
    if value not in FAIL_ON or not isinstance(value, str):
        raise _Invalid(f"must be one of: {', '.join(FAIL_ON)}; got {_kind(value)}")
    return str(value)


def _alpha(value: Any, _folder: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise _Invalid(f"must be a number between 0 and 1, such as 0.05; got {_kind(value)}")
    return float(value)


def _format(value: Any, _folder: Path) -> str:
    from claimcheck import formats

    names = ("auto", *(info.name for info in formats.FORMATS))
    if value not in names or not isinstance(value, str):
        hint = difflib.get_close_matches(str(value), names, n=1)
        suggestion = f" (did you mean `{hint[0]}`?)" if hint else ""
        raise _Invalid(f"must be one of: {', '.join(names)}; got {_kind(value)}{suggestion}")
    return str(value)


def _limits(value: Any, _folder: Path) -> tuple[tuple[str, object], ...]:
    from claimcheck.registry.limits import LimitError, parse_value

    if not isinstance(value, dict):
        raise _Invalid(f"must be a table of limits, such as {{ depth = 100 }}; got {_kind(value)}")
    try:
        for name, limit in value.items():
            parse_value(name, limit)
    except LimitError as error:
        raise _Invalid(f"has an {error}") from None
    return tuple(value.items())


_READERS: dict[str, Callable[[Any, Path], Any]] = {
    "registry": _registry,
    "select": _selectors,
    "ignore": _selectors,
    "strict": _boolean,
    "fail-on": _fail_on,
    "alpha": _alpha,
    "format": _format,
    "limits": _limits,
    "cache": _boolean,
    "cache-dir": _cache_dir,
}
KEYS = tuple(_READERS)


# ------------------------------------------------------------------ places in the text

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _table_lines(text: str, header: str | None) -> list[tuple[int, str]]:
    """The numbered lines of one table's body (the top level when `header` is None)."""
    current: str | None = None
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match or line.lstrip().startswith("[["):
            current = _normal(match.group(1)) if match else "[["
            continue
        if current == header:
            lines.append((number, line))
    return lines


def _normal(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))


def _find_key(text: str, header: str | None, key: str) -> tuple[int, int] | None:
    pattern = re.compile(rf"^(\s*)([\"']?){re.escape(key)}\2\s*=")
    for number, line in _table_lines(text, header):
        match = pattern.match(line)
        if match:
            return number, len(match.group(1)) + 1
    return None


def _find_table(text: str, header: str | None, key: str) -> tuple[int, int] | None:
    """Where a sub-table `[header.key]` starts, for a key written as a table."""
    wanted = f"{header}.{key}" if header else key
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match and _normal(match.group(1)) == wanted:
            return number, len(line) - len(line.lstrip()) + 1
    return None


def _value_column(text: str, line: int) -> int | None:
    content = text.splitlines()[line - 1]
    equals = content.find("=")
    if equals < 0:
        return None
    rest = content[equals + 1:]
    return equals + 1 + len(rest) - len(rest.lstrip()) + 1


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _toml_error_place(message: str, text: str) -> str:
    match = _TOML_PLACE.search(message)
    if match:
        return f"{match.group(1)}:{match.group(2)}"
    lines = text.splitlines() or [""]
    return f"{len(lines)}:{len(lines[-1]) + 1}"


def _toml_error_message(message: str) -> str:
    return _TOML_END.sub("", _TOML_PLACE.sub("", message))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
