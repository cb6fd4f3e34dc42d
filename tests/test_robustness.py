"""Bad input gets located findings, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.validate.run import validate_bytes
from conftest import ROOT

REGISTRY_LINES = (ROOT / "claims.yaml").read_text(encoding="utf-8").splitlines(keepends=True)


@settings(max_examples=300)
@given(st.binary(max_size=300) | st.text(alphabet=st.sampled_from("-:[]{}&*!|>'\"#?,. \n\tab1%/"), max_size=300)
       .map(str.encode))
def test_any_bytes_give_findings_not_exceptions(raw: bytes) -> None:
    validation = validate_bytes(raw, ROOT, "fuzz.yaml")
    for finding in validation.findings:
        assert finding.position.line >= 1 and finding.position.column >= 1


@settings(max_examples=60)
@given(st.lists(st.integers(0, len(REGISTRY_LINES) - 1), min_size=1, max_size=8, unique=True))
def test_the_real_registry_with_lines_deleted_is_reported_not_crashed(deleted: list[int]) -> None:
    text = "".join(line for number, line in enumerate(REGISTRY_LINES) if number not in set(deleted))
    validation = validate_bytes(text.encode(), ROOT, "claims.yaml")
    assert all(f.position.line <= len(REGISTRY_LINES) + 1 for f in validation.findings)


@settings(max_examples=60)
@given(st.integers(0, len(REGISTRY_LINES) - 1), st.sampled_from(["  ", "- ", ": x", "[", "}", "&a ", "*a", "\t"]))
def test_the_real_registry_with_a_line_mangled_is_reported_not_crashed(number: int, insert: str) -> None:
    lines = list(REGISTRY_LINES)
    lines[number] = insert + lines[number]
    validate_bytes("".join(lines).encode(), ROOT, "claims.yaml")


def test_structurally_wrong_registries(tmp_path: Path) -> None:
    for text in ("version: 1\nsources: {a: 1}\nclaims: x\n", "version: 1\nclaims:\n  - evidence: [1, [2]]\n",
                 "version: 1\nsources:\n  - id: a\n    cites: [[x]]\n", "version: 1\nclaims: [{id: a, evidence: {}}]\n"):
        validation = validate_bytes(text.encode(), tmp_path, "claims.yaml")
        assert validation.errors, text
