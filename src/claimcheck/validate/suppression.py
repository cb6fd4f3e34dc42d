"""`ignore` lists in the registry: codes silenced for the findings inside one item.

A source, a claim, an evidence entry or a `left_out` item may carry `ignore: [CC303]`. A finding
located inside that item (its data path starts with the item's path) whose
code is listed is silenced: not printed, not counted towards the exit code,
but counted by `validate --statistics`. A claim's list covers its evidence
entries too. The lists are themselves checked, as ruff checks `noqa`
comments: a code that silences nothing is CC403, a code that is no rule CC404. An item with an
error of its own is not checked whole, so its unused codes are not reported: the error comes first.

The lists are read from the loaded data rather than the model, so that they
work in items that fail the schema as well.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.findings import DataPath, Finding, Severity
from claimcheck.findings.rules import RULES, rule
from claimcheck.registry.model import RULE_CODE_PATTERN

#: The lists of items that may carry `ignore`, and what one item is called.
_KINDS = {"sources": "source", "claims": "claim", "left_out": "`left_out` item"}
#: Findings about reading the file, reported before any item exists.
FILE_LEVEL_PREFIX = "CC0"


@dataclass(frozen=True)
class Suppressed:
    """Findings split into those still shown and those an `ignore` list silenced."""

    shown: list[Finding]
    silenced: list[Finding]


@dataclass(frozen=True)
class _Ignore:
    owner: DataPath  # the source, claim or evidence entry
    code: str
    path: DataPath  # the list item that names the code


def apply_ignores(findings: Sequence[Finding], data: Any) -> Suppressed:
    """Silence the findings that an `ignore` list covers, and check the lists themselves."""
    ignores, problems = _read_ignores(data)
    by_owner: dict[DataPath, dict[str, _Ignore]] = {}
    for ignore in ignores:
        by_owner.setdefault(ignore.owner, {}).setdefault(ignore.code, ignore)
    used: set[_Ignore] = set()
    shown: list[Finding] = []
    silenced: list[Finding] = []
    for finding in findings:
        covering = [by_owner[owner][finding.code] for owner in _owners(finding.path)
                    if finding.code in by_owner.get(owner, {})]
        if covering:
            used.update(covering)
            silenced.append(finding)
        else:
            shown.append(finding)
    shown.extend(problems)
    unchecked = _items_with_errors(shown)
    shown.extend(_unused(ignore) for ignore in ignores if ignore not in used and ignore.owner[:2] not in unchecked)
    return Suppressed(shown, silenced)


def _items_with_errors(findings: Sequence[Finding]) -> set[DataPath]:
    """The sources, claims and `left_out` items with an error of their own: their checks did not all run,
    so a code their `ignore` lists name may silence nothing only because of that error (an invalid id,
    a missing field), and removing it would be wrong advice once the error is fixed."""
    return {f.path[:2] for f in findings
            if f.severity is Severity.ERROR and len(f.path) >= 2 and f.path[0] in _KINDS}


def _owners(path: DataPath) -> Iterator[DataPath]:
    """The items a finding at `path` lies in: its source or claim, and its evidence entry."""
    if len(path) >= 2 and path[0] in _KINDS:
        yield path[:2]
        if len(path) >= 4 and path[0] == "claims" and path[2] == "evidence":
            yield path[:4]


def _read_ignores(data: Any) -> tuple[list[_Ignore], list[Finding]]:
    ignores: list[_Ignore] = []
    problems: list[Finding] = []
    for owner, codes in _ignore_lists(data):
        if not isinstance(codes, list):
            continue  # a wrong type is the schema's finding (CC203)
        for position, code in enumerate(codes):
            if not isinstance(code, str) or not RULE_CODE_PATTERN.fullmatch(code):
                continue  # the schema's finding (CC203, CC205)
            path = owner + ("ignore", position)
            if code in RULES:
                ignores.append(_Ignore(owner, code, path))
            else:
                problems.append(Finding(rule("unknown-ignore-code"),
                                        f"`{code}` is not a claimcheck rule; `claimcheck rules` lists them",
                                        path=path))
    return ignores, problems


def _ignore_lists(data: Any) -> Iterator[tuple[DataPath, Any]]:
    """The `ignore` value of every source, claim and evidence entry that has one, with the item's path."""
    if not isinstance(data, dict):
        return
    for kind in _KINDS:
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if "ignore" in item:
                yield (kind, index), item["ignore"]
            evidence = item.get("evidence") if kind == "claims" else None
            if isinstance(evidence, list):
                for position, entry in enumerate(evidence):
                    if isinstance(entry, dict) and "ignore" in entry:
                        yield (kind, index, "evidence", position), entry["ignore"]


def _unused(ignore: _Ignore) -> Finding:
    where = "evidence entry" if len(ignore.owner) == 4 else _KINDS[str(ignore.owner[0])]
    message = f"`{ignore.code}` silences no finding in this {where}; remove it from `ignore`"
    if ignore.code.startswith(FILE_LEVEL_PREFIX):
        message += f" ({FILE_LEVEL_PREFIX}xx findings concern the whole file: use --ignore {ignore.code})"
    return Finding(rule("unused-ignore"), message, path=ignore.path)
