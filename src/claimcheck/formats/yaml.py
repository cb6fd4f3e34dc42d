"""YAML for pasting into claims.yaml: `extract`'s candidates as claim stubs.

Each candidate becomes a claim with one evidence entry: its `says` and its
quote filled in, its `id` and `statement` left as placeholders that do not
validate until they are replaced (a `TODO-` id is not a slug). A document
that is not a registered source gets a source stub too. Strings are written
as JSON strings, which YAML reads as double-quoted scalars, so no quote can
break out of its line or be read as anything but text.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any

from claimcheck.formats.base import Format, Output

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def source_slug(path: str) -> str:
    """A source id for an unregistered file, from its name: `Trial Report.txt` -> `trial-report`."""
    return _NOT_SLUG.sub("-", PurePath(path).stem.lower()).strip("-") or "document"


def _source_stub(path: str, source_id: str) -> list[str]:
    return [
        f"  - id: {source_id}",
        "    title: \"TODO: the document's title\"",
        "    type: other   # study, review, registration, guideline, news, blog, reference or other",
        f"    path: {_string(path)}   # relative to claims.yaml",
    ]


def _statement(candidate: dict[str, Any]) -> str:
    where = candidate.get("location") or f"line {candidate['line']}"
    return f"TODO: what the document claims ({candidate['kind']}, {where})"


def _claim_stub(source_id: str, number: int, candidate: dict[str, Any]) -> list[str]:
    return [
        f"  - id: TODO-{source_id}-{number}",
        f"    statement: {_string(_statement(candidate))}",
        "    evidence:",
        f"      - source: {source_id}",
        f"        says: {_string(candidate['says'])}",
        f"        quote: {_string(candidate['quote'])}",
    ]


def render(data: dict[str, Any]) -> str:
    lines = ["# Candidate claims found by `claimcheck extract`. Replace each TODO, merge the entries that",
             "# state the same claim, delete what is not worth registering (or move it under `left_out:`),",
             "# then paste the sources and claims into claims.yaml."]
    unregistered = [document for document in data["documents"] if document["source"] is None]
    if unregistered:
        lines.append("sources:")
        for document in unregistered:
            lines.extend(_source_stub(document["path"], source_slug(document["path"])))
    lines.append("claims:" if data["candidates"] else "claims: []")
    for document in data["documents"]:
        source_id = document["source"] or source_slug(document["path"])
        for number, candidate in enumerate(document["candidates"], start=1):
            lines.extend(_claim_stub(source_id, number, candidate))
    return "\n".join(lines) + "\n"


class YamlFormat(Format):
    name = "yaml"

    def candidates(self, data: dict[str, Any], out: Output) -> None:
        out.write(render(data))


FORMAT = YamlFormat()
