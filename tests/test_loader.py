"""The loader: plain data from YAML events, with the position of every node."""

from __future__ import annotations

import re
import tracemalloc

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.findings import Position
from claimcheck.registry import loader
from claimcheck.registry.loader import ALIAS_NODE_LIMIT, _line_starts, decode_utf8, load_yaml


def test_positions_of_values_and_keys_are_one_based() -> None:
    loaded = load_yaml("version: 1\nclaims:\n  - id: a\n    tags: [x, y]\n")
    assert loaded.source_map.value(("version",)) == Position(1, 10)
    assert loaded.source_map.key(("claims",)) == Position(2, 1)
    assert loaded.source_map.value(("claims", 0)) == Position(3, 5)
    assert loaded.source_map.value(("claims", 0, "tags", 1)) == Position(4, 15)


def test_a_missing_path_falls_back_to_the_nearest_ancestor() -> None:
    loaded = load_yaml("claims:\n  - id: a\n")
    assert loaded.source_map.value(("claims", 0, "evidence", 3, "quote")) == Position(2, 5)


@pytest.mark.parametrize("text, value", [
    ("a: yes", True), ("a: No", False), ("a: on", True), ("a: true", True),
    ("a: ~", None), ("a:", None), ("a: null", None),
    ("a: 30", 30), ("a: -3", -3), ("a: 1_000", 1000), ("a: 0.5", 0.5), ("a: 1e3", "1e3"), ("a: 1.5e3", 1500.0), ("a: .inf", float("inf")),
    ("a: '30'", "30"), ('a: "yes"', "yes"),
    ("a: 2025-12-01", "2025-12-01"),  # no timestamps: dates stay text
    ("a: 1:30", "1:30"),              # no sexagesimal numbers
    ("a: 0x1F", "0x1F"), ("a: 012", "012"),
    ("a: 11/30 (37%)", "11/30 (37%)"),
    ("a: !!str 30", "30"), ("a: !!int 30", 30), ("a: !!float 3", 3.0), ("a: !!bool yes", True),
])
def test_scalars_resolve_like_yaml_1_1_core_types(text: str, value: object) -> None:
    assert load_yaml(text).data == {"a": value}


def test_the_data_equals_pyyaml_safe_load_on_ordinary_documents() -> None:
    text = ("version: 1\nsources:\n  - {id: a, cites: [b, c], sample_size: 30, peer_reviewed: true}\n"
            "claims:\n  - id: x\n    evidence:\n      - says: 11/30 (37%)\n        quote: \"a \\\"b\\\" c\"\n"
            "        note: |\n          two\n          lines\n")
    assert load_yaml(text).data == yaml.safe_load(text)


def test_merge_keys_fill_in_missing_keys() -> None:
    loaded = load_yaml("base: &b {type: news, flags: [x]}\nitem:\n  <<: *b\n  type: blog\n")
    assert loaded.data["item"] == {"type": "blog", "flags": ["x"]}
    assert loaded.findings == []


def test_aliases_share_data_rather_than_copy_it() -> None:
    loaded = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert loaded.data["a"] is loaded.data["b"]


def test_duplicate_keys_keep_the_first_value() -> None:
    loaded = load_yaml("a: 1\nb: 2\na: 3\n")
    assert loaded.data == {"a": 1, "b": 2}
    (finding,) = loaded.findings
    assert (finding.code, finding.position) == ("CC003", Position(3, 1))


def test_a_billion_laughs_is_rejected_in_bounded_time_and_memory() -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 30)]
    tracemalloc.start()
    loaded = load_yaml("\n".join(lines))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert loaded.data is None
    assert [f.code for f in loaded.findings] == ["CC004"]
    assert peak < 5_000_000  # a few KB of text may not cost more than a few MB


def test_aliases_below_the_limit_are_fine() -> None:
    text = "a: &a [" + ", ".join(["x"] * 100) + "]\n" + "".join(f"b{i}: *a\n" for i in range(ALIAS_NODE_LIMIT // 200))
    loaded = load_yaml(text)
    assert loaded.findings == [] and len(loaded.data) == 1 + ALIAS_NODE_LIMIT // 200


def test_utf8_with_a_byte_order_mark_is_fine() -> None:
    text, problem = decode_utf8("\ufeffversion: 1\n".encode())
    assert problem is None and text == "version: 1\n"


@settings(max_examples=200)
@given(st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
))
def test_round_trip_through_pyyaml_dump(data: object) -> None:
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    assert load_yaml(text).data == yaml.safe_load(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\r\t\x85\u2028\u2029é"), max_size=60), st.sampled_from([1, 3, 1 << 16]))
def test_line_starts_are_where_each_line_begins_after_crlf_cr_or_lf(text: str, piece: int) -> None:
    """The split-based count (text without CR, split a piece at a time) agrees with reading every line break."""
    whole = loader._LINE_PIECE
    loader._LINE_PIECE = piece
    try:
        for case in (text, text.replace("\r", "")):
            assert _line_starts(case) == [0, *(match.end() for match in re.finditer(r"\r\n|\r|\n", case))]
    finally:
        loader._LINE_PIECE = whole


# ------------------------------------------------------------ YAML syntax errors in a user's words

_CLAIM_HEAD = "version: 1\nclaims:\n  - id: a\n    statement: Sore arms\n    evidence:\n      - source: s\n"


@pytest.mark.parametrize("text, expected", [
    (_CLAIM_HEAD + "        says: 11/30\n        quote: Sore arms are common: 11/30   # the words\n",
     ("claims.yaml:8:36: CC002 [error] the value of `quote` holds `: `, which YAML reads as the start of another "
     "key: put the value in quotes, as in quote: \"Sore arms are common: 11/30\" (yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n        quote: Arms \"sore\": 11/30\n",
     ("claims.yaml:8:27: CC002 [error] the value of `quote` holds `: `, which YAML reads as the start of another "
     "key: put the value in quotes, as in quote: 'Arms \"sore\": 11/30' (yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n       quote: Sore arms\n",
     ("claims.yaml:8:8: CC002 [error] this line is indented 7 spaces and the line above it 8: the keys of one "
     "mapping must line up; indent it as its neighbours (yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n          quote: Sore arms\n",
     ("claims.yaml:8:11: CC002 [error] this line is indented 10 spaces and the line above it 8: the keys of one "
     "mapping must line up; indent it as its neighbours (yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n\tquote: Sore arms\n",
     ("claims.yaml:8:1: CC002 [error] a tab here: YAML indents with spaces only; replace the tab with spaces "
     "(yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n        quote: \"Sore arms\" in most\n",
     ("claims.yaml:8:28: CC002 [error] text after the closing quote: a quoted value ends at its quote; put the "
     "whole value in quotes (yaml-syntax)")),
    (_CLAIM_HEAD + "        says: 11/30\n        quote: \"Sore arms\n  - id: b\n    statement: B\n",
     ("claims.yaml:8:16: CC002 [error] the quote \" that opens this value is never closed: end the value with \" "
     "(yaml-syntax)")),
])
def test_yaml_syntax_errors_name_the_line_and_the_likely_cause(registry, text: str, expected: str) -> None:
    from conftest import invoke

    registry(text)
    result = invoke("validate", "-q")
    assert (result.exit_code, result.output) == (1, expected + "\n")


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["a: b", "  c: d: e", "\t- x", "- \"q", "  - 'r'' s", "k:", "   m: 'n' o", "#",
                                 ""]), max_size=8))
def test_an_explained_syntax_error_stays_within_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    for finding in load_yaml(text).findings:
        assert 1 <= finding.position.line <= max(1, len(re.split(r"\r\n|\r|\n", text)))
