"""Validation end to end: file to located findings, and the index later layers use.

The order matters: a file that cannot be decoded or parsed stops early, a
registry of an unknown version is not interpreted, and only the valid part of
a registry with schema errors is checked further.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck import progress
from claimcheck.findings import Finding, LocatedFinding, Position, Severity, shorten_message
from claimcheck.findings.rules import rule
from claimcheck.judge.compare import DEFAULT_SETTINGS, CompareSettings, compare_claim
from claimcheck.registry.index import RegistryIndex, build_index
from claimcheck.registry.limits import DEFAULT_LIMITS, Limits, describe
from claimcheck.registry.loader import (
    PROGRESS_FROM,
    SourceMap,
    TextProblem,
    decode_utf8,
    load_source_text,
    load_yaml,
    paused_gc,
    read_text,
)
from claimcheck.registry.quotes import SourceText
from claimcheck.registry.schema import ModelResult, build_registry, check_top_level
from claimcheck.validate.checks import check_acceptances, run_checks
from claimcheck.validate.suppression import apply_ignores
from claimcheck.validate.unchecked import DroppedItems, dropped_items

if TYPE_CHECKING:
    from claimcheck.registry.documents.cache import DocumentCache


@dataclass
class Validation:
    """What validating one registry file found, and what it built.

    `silenced` holds the findings that the registry's own `ignore` lists silence.
    """

    file: str
    findings: list[LocatedFinding] = field(default_factory=list)
    silenced: list[LocatedFinding] = field(default_factory=list)
    index: RegistryIndex | None = None
    source_map: SourceMap = field(default_factory=SourceMap)
    #: The claims and sources the model left out for schema errors (validate/unchecked.py).
    dropped: DroppedItems = field(default_factory=DroppedItems)

    @property
    def errors(self) -> list[LocatedFinding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[LocatedFinding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]


def validate_file(path: Path, display_name: str | None = None,
                  settings: CompareSettings = DEFAULT_SETTINGS, limits: Limits = DEFAULT_LIMITS,
                  cache: DocumentCache | None = None) -> Validation:
    """Validate a registry file; a file that cannot be read raises RegistryReadError.

    Source paths are resolved against the folder the registry is named in (for
    a symbolic link, the link's folder, not its target's), and must stay inside it.
    `cache` holds the text extracted from PDFs, web pages and JATS articles.
    """
    file = display_name or str(path)
    raw = read_text(path, limits.file_size)
    if raw is None:
        message = (f"the file is larger than the limit of {describe(limits.file_size)} and was not read "
                   "(`--limit file-size=N` raises the limit)")
        return Validation(file, [LocatedFinding(file, Position(1, 1), rule("file-too-large"), message)])
    return validate_bytes(raw, path.parent, file, settings, limits, cache)


def validate_bytes(raw: bytes, base_dir: Path, file: str, settings: CompareSettings = DEFAULT_SETTINGS,
                   limits: Limits = DEFAULT_LIMITS, cache: DocumentCache | None = None) -> Validation:
    with paused_gc():
        return _validate(raw, base_dir, file, settings, limits, cache)


def _validate(raw: bytes, base_dir: Path, file: str, settings: CompareSettings, limits: Limits,
              cache: DocumentCache | None) -> Validation:
    result = Validation(file)
    findings: list[Finding] = []
    data: Any = None
    try:
        text, decode_problem = decode_utf8(raw)
        if decode_problem is not None:
            findings.append(decode_problem)
            return result
        assert text is not None
        loaded = load_yaml(text, limits)
        result.source_map = loaded.source_map
        findings.extend(loaded.findings)
        if any(f.rule.name in _STOPPING for f in loaded.findings):
            return result
        top_problem = check_top_level(loaded.data, has_document=_has_content(text))
        if top_problem is not None:
            findings.append(top_problem)
            return result
        size_problems = check_sizes(loaded.data, limits)
        if size_problems:
            findings.extend(size_problems)
            return result
        data = loaded.data  # read as a registry: its `ignore` lists apply
        with progress.stage("Checking the format", len(text) >= PROGRESS_FROM):
            model = build_registry(loaded.data)
        findings.extend(model.findings)
        if model.findings:
            result.dropped = dropped_items(loaded.data, model.claim_indexes, model.source_indexes)
        texts, text_findings = _load_texts(model, base_dir, limits, cache)
        findings.extend(text_findings)
        index = build_index(model, texts, limits.elision)
        findings.extend(run_checks(index))
        result.index = index
        # Only acknowledged claims need comparing to validate; reports compare the rest.
        accepted = [compare_claim(index, position, claim, settings)
                    for position, claim in enumerate(index.registry.claims) if claim.accepted is not None]
        findings.extend(check_acceptances(accepted, index))
        return result
    finally:
        suppressed = apply_ignores(findings, data)
        result.findings = _located(suppressed.shown, result.source_map, file)
        result.silenced = _located(suppressed.silenced, result.source_map, file)


#: Loading findings after which the file is not read further.
_STOPPING = frozenset({"yaml-syntax", "alias-expansion", "too-deep", "scalar-too-long"})


def check_sizes(data: dict[str, Any], limits: Limits) -> list[Finding]:
    """Too many claims, or too many entries in a claim: rejected before the model is built."""
    claims = data.get("claims")
    if not isinstance(claims, list):
        return []
    if len(claims) > limits.claims:
        return [Finding(rule("too-many-claims"), f"the registry has {len(claims):,} claims; the limit is "
                        f"{limits.claims:,} (`--limit claims=N` raises it)", path=("claims",), key=True)]
    return [Finding(rule("too-many-entries"), f"this claim has {len(claim['evidence']):,} evidence entries; the limit "
                    f"is {limits.entries:,} (`--limit entries=N` raises it)", path=("claims", position, "evidence"),
                    key=True)
            for position, claim in enumerate(claims)
            if isinstance(claim, dict) and isinstance(claim.get("evidence"), list)
            and len(claim["evidence"]) > limits.entries]


def _located(findings: list[Finding], source_map: SourceMap, file: str) -> list[LocatedFinding]:
    return sorted((locate(f, source_map, file) for f in findings), key=LocatedFinding.sort_key)


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _load_texts(model: ModelResult, base_dir: Path, limits: Limits,
                cache: DocumentCache | None) -> tuple[dict[str, SourceText], list[Finding]]:
    texts: dict[str, SourceText] = {}
    findings: list[Finding] = []
    by_path: dict[str, SourceText | TextProblem] = {}
    root: Path | None = None  # the registry's folder resolved, once, when a text is first loaded
    for position, source in enumerate(progress.track(model.registry.sources, "Loading source texts")):
        if source.path is None or source.id in texts:
            continue
        loaded = by_path.get(source.path)
        if loaded is None:
            root = root or base_dir.resolve()
            loaded = by_path[source.path] = load_source_text(base_dir, source.path, limits.text_size, root, cache,
                                                                 limits.document_seconds)
        if isinstance(loaded, TextProblem):
            path = ("sources", model.source_indexes[position], "path")
            findings.append(Finding(rule(loaded.rule_name), loaded.message, path=path))
        else:
            texts[source.id] = loaded
    return texts, findings


def locate(finding: Finding, source_map: SourceMap, file: str) -> LocatedFinding:
    if finding.position is not None:
        position = finding.position
    elif finding.key:
        position = source_map.key(finding.path)
    else:
        position = source_map.value(finding.path)
    related = tuple(source_map.value(path) for path in finding.related)
    return LocatedFinding(file, position or Position(1, 1), finding.rule, shorten_message(finding.message), related,
                          finding.path)
