"""From loaded data to the model, with pydantic's errors as located findings.

The whole registry is validated in one call (pydantic's core is fast in bulk).
Only when that fails are sources and claims validated one by one, so that the
valid ones can still be checked further while the invalid ones are reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from claimcheck.findings import DataPath, Finding, Position
from claimcheck.findings.rules import rule
from claimcheck.registry.model import (
    FORMAT_VERSION,
    AcceptedPair,
    Claim,
    Evidence,
    FormatError,
    LeftOut,
    Registry,
    Source,
)


@dataclass(frozen=True)
class ModelResult:
    """The valid part of the registry, where each item sits in the file, and findings."""

    registry: Registry
    source_indexes: tuple[int, ...]
    claim_indexes: tuple[int, ...]
    findings: tuple[Finding, ...]
    #: Ids of sources left out for schema errors: references to them are not "unknown".
    invalid_source_ids: frozenset[str] = frozenset()
    #: Source ids that items left out for schema errors refer to: those sources are not "unused".
    invalid_item_references: frozenset[str] = frozenset()
    #: Where each valid `left_out` item sits in the file's `left_out` list.
    left_out_indexes: tuple[int, ...] = ()


def check_top_level(data: Any, has_document: bool) -> Finding | None:
    """The findings that make the rest of the file unreadable as a registry."""
    if data is None:
        what = "the registry is empty" if has_document else "the file holds no YAML document"
        return Finding(rule("empty-registry"), f"{what}; expected a mapping with `version: 1`, `sources` "
                       "and `claims`", position=Position(1, 1))
    if not isinstance(data, dict):
        return Finding(rule("not-a-mapping"), f"the top level is {_kind(data)}; expected a mapping "
                       "with `version: 1`, `sources` and `claims`")
    if "version" not in data:
        return Finding(rule("unsupported-version"),
                       f"`version` is missing; this claimcheck reads `version: {FORMAT_VERSION}`")
    if data["version"] != FORMAT_VERSION or isinstance(data["version"], bool):
        return Finding(rule("unsupported-version"),
                       f"`version: {data['version']}` is not supported; this claimcheck reads "
                       f"`version: {FORMAT_VERSION}`", path=("version",))
    return None


def build_registry(data: dict[str, Any]) -> ModelResult:
    try:
        registry = Registry.model_validate(data)
    except ValidationError as error:
        findings = tuple(findings_from_validation_error(error, data))
        return _salvage(data, findings)
    return ModelResult(registry, tuple(range(len(registry.sources))),
                       tuple(range(len(registry.claims))), (), left_out_indexes=tuple(range(len(registry.left_out))))


def _salvage(data: dict[str, Any], findings: tuple[Finding, ...]) -> ModelResult:
    """Keep the valid sources and claims, so that the rest of the checks still run on them.

    What the invalid items say about other sources is kept too, so that dropping
    an item does not cascade into "unknown source" or "unused source" findings.
    """
    sources, source_indexes, invalid_sources = _valid_items(data.get("sources"), Source)
    claims, claim_indexes, invalid_claims = _valid_items(data.get("claims"), Claim)
    left_out, left_out_indexes, invalid_left_out = _valid_items(data.get("left_out"), LeftOut)
    registry = Registry.model_construct(version=FORMAT_VERSION, sources=sources, claims=claims, left_out=left_out)
    invalid_ids = frozenset(s["id"] for s in invalid_sources if isinstance(s, dict) and isinstance(s.get("id"), str))
    references = frozenset(_referenced_ids(invalid_sources) + _referenced_ids(invalid_claims)
                           + _referenced_ids(invalid_left_out))
    return ModelResult(registry, source_indexes, claim_indexes, findings, invalid_ids, references, left_out_indexes)


def _valid_items(items: Any, model: type[BaseModel]) -> tuple[list[Any], tuple[int, ...], list[Any]]:
    if not isinstance(items, list):
        return [], (), []
    valid: list[Any] = []
    indexes: list[int] = []
    invalid: list[Any] = []
    for index, item in enumerate(items):
        try:
            valid.append(model.model_validate(item))
        except ValidationError:
            invalid.append(item)
            continue
        indexes.append(index)
    return valid, tuple(indexes), invalid


def _referenced_ids(items: list[Any]) -> list[str]:
    """Every `source` and `cites` string in raw items, however malformed the rest."""
    found: list[str] = []
    stack = list(items)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source", "cites") and isinstance(value, str):
                    found.append(value)  # a `cites` written as one id rather than a list counts too
                elif key == "cites" and isinstance(value, list):
                    found.extend(v for v in value if isinstance(v, str))
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


# ------------------------------------------------------------------ messages

_EXPECTED = {
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "string_type": "text", "float_type": "a number", "list_type": "a list",
    "model_type": "a mapping", "dict_type": "a mapping", "model_attributes_type": "a mapping",
    "literal_error": "one of the allowed words",
}
_UNION_EXPECTED = {
    "says": "a value: text such as `11/30` or `37%`, a number, or yes/no",
    "published": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    "pmid": "a PubMed id: 1 to 9 digits",
}


def findings_from_validation_error(error: ValidationError, data: Any) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[DataPath, str]] = set()
    errors = error.errors(include_url=False)
    misspelt = _misspelt_fields(errors, data)
    for item in errors:
        loc = tuple(item["loc"])
        path = data_path(loc, data)
        if item["type"] == "missing" and (path, str(loc[-1])) in misspelt:
            continue  # `qoute` is reported as unknown, with `quote` suggested; not twice
        finding = _finding(item, loc, path, data)
        key = (finding.path, finding.code)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def _misspelt_fields(errors: list[Any], data: Any) -> set[tuple[DataPath, str]]:
    """(mapping path, field) pairs where an unknown field is the likely misspelling of the field."""
    misspelt = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            path = data_path(tuple(item["loc"]), data)
            hint = difflib.get_close_matches(str(path[-1]), _allowed_fields(path), n=1)
            if hint:
                misspelt.add((path[:-1], hint[0]))
    return misspelt


def data_path(loc: tuple[Any, ...], data: Any) -> DataPath:
    """The longest prefix of a pydantic location that exists in the data.

    Pydantic adds the names of union members (``says.int``, ``accepted.pairs``)
    to locations; walking the data drops them, and whatever else is not a real node.
    """
    node = data
    path: list[Any] = []
    for part in loc:
        if isinstance(node, list) and isinstance(part, str):
            continue  # the tag of a union member that is a list (`accepted`'s `pairs`), not a node
        if not _has_child(node, part):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def _has_child(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _finding(item: Any, loc: tuple[Any, ...], path: DataPath, data: Any = None) -> Finding:
    kind: str = item["type"]
    field = _field_name(path)
    if kind == "missing":
        missing = str(loc[-1]) if len(loc) > len(path) else "a field"
        return Finding(rule("missing-field"),
                       f"{_describe_owner(path, data)} is missing required field `{missing}`", path=path)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(path)
        hint = difflib.get_close_matches(field, allowed, n=1)
        suggestion = f"; did you mean `{hint[0]}`?" if hint else f"; allowed: {', '.join(allowed)}"
        return Finding(rule("unknown-field"),
                       f"unknown field `{field}` in {_describe_owner(path[:-1], data)}{suggestion}",
                       path=path, key=True)
    got = _show(item.get("input"))
    if kind == "literal_error":
        choices = [c.strip().strip("'") for c in item["ctx"]["expected"].replace(" or ", ", ").split(",")]
        hint = difflib.get_close_matches(str(item.get("input")), choices, n=1)
        suggestion = f" (did you mean `{hint[0]}`?)" if hint else ""
        return Finding(rule("invalid-choice"),
                       f"`{field}` must be one of: {', '.join(choices)}; got {got}{suggestion}", path=path)
    if kind == "value_error" and isinstance(item.get("ctx", {}).get("error"), FormatError):
        shown = "" if isinstance(item.get("input"), (list, dict)) else f"; got {got}"
        return Finding(rule("invalid-format"), f"`{field}` {item['ctx']['error']}{shown}", path=path)
    if kind in ("too_short", "string_too_short"):
        message = (f"`{field}` must not be empty" if kind == "string_too_short"
                   else f"`{field}` must have at least {item['ctx']['min_length']} entry")
        return Finding(rule("invalid-value"), message, path=path)
    if kind == "greater_than":
        return Finding(rule("invalid-value"), f"`{field}` must be greater than {item['ctx']['gt']}; got {got}",
                       path=path)
    expected = _UNION_EXPECTED.get(field) if len(loc) > len(path) else None
    expected = expected or _EXPECTED.get(kind)
    if expected:
        return Finding(rule("invalid-value"), f"`{field}` must be {expected}; got {got}", path=path)
    return Finding(rule("invalid-value"), f"`{field}`: {item['msg']}; got {got}", path=path)


def _field_name(path: DataPath) -> str:
    """`sample_size`, or `claims` item 3 for a list item."""
    if not path:
        return "registry"
    if isinstance(path[-1], int):
        return f"{path[-2]}` item `{path[-1] + 1}" if len(path) > 1 else "item"
    return str(path[-1])


def _describe_owner(path: DataPath, data: Any = None) -> str:
    """The item a path lies in, named by its id when it has one, by its position otherwise:
    `claim `response``, `evidence entry 2 of claim `response``, `claim 3`."""
    if len(path) >= 2 and path[0] in ("claims", "sources") and isinstance(path[1], int):
        owner = f"{path[0][:-1]} {_item_name(data, path[0], path[1])}"
        if len(path) >= 4 and path[0] == "claims" and path[2] in ("accepted", "evidence") and isinstance(path[3], int):
            kind = "accepted pair" if path[2] == "accepted" else "evidence entry"
            return f"{kind} {path[3] + 1} of {owner}"
        return owner
    if len(path) >= 2 and path[0] == "left_out" and isinstance(path[1], int):
        return f"`left_out` item {path[1] + 1}"
    return "the registry"


_NAMEABLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _item_name(data: Any, kind: str, position: int) -> str:
    """An item's id in backticks when it has a plain one, else its position from 1."""
    items = data.get(kind) if isinstance(data, dict) else None
    item = items[position] if isinstance(items, list) and 0 <= position < len(items) else None
    identifier = item.get("id") if isinstance(item, dict) else None
    if isinstance(identifier, str) and _NAMEABLE_ID.fullmatch(identifier):
        return f"`{identifier}`"
    return str(position + 1)


def _allowed_fields(path: DataPath) -> list[str]:
    owner: type[BaseModel] = Registry
    if path and path[0] == "sources":
        owner = Source
    elif path and path[0] == "claims":
        owner = Claim
        if len(path) >= 3 and path[2] == "evidence":
            owner = Evidence
        elif len(path) >= 4 and path[2] == "accepted":
            owner = AcceptedPair
    elif path and path[0] == "left_out":
        owner = LeftOut
    return list(owner.model_fields)


def _show(value: Any) -> str:
    """How a wrong value is named in a message: its kind, and itself if it is a scalar."""
    if value is None or isinstance(value, (dict, list)):
        return _kind(value)
    if isinstance(value, bool):
        return f"the boolean `{'true' if value else 'false'}`"
    return f"{_kind(value)} `{value}`"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "the boolean"
    if isinstance(value, (int, float)):
        return "the number"
    if isinstance(value, str):
        return "the text"
    return "nothing"
