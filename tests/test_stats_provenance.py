"""Fisher's exact test and the Wilson interval, against published values; provenance roots."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.registry.provenance import trace
from claimcheck.stats import fisher_exact, wilson_interval


@pytest.mark.parametrize("table, p", [
    ((11, 30, 13, 30), 0.7924942425907314),   # scipy.stats.fisher_exact([[11, 19], [13, 17]])
    ((11, 30, 25, 30), 0.0004808999888460447),
    ((1, 10, 9, 10), 0.001093333910671372),
    ((3, 3, 0, 3), 0.1),                      # the tea-tasting table
    ((0, 5, 0, 5), 1.0),
])
def test_fisher_exact_matches_reference_values(table: tuple[int, int, int, int], p: float) -> None:
    assert fisher_exact(*table) == pytest.approx(p, rel=1e-9)


@given(st.integers(0, 40), st.integers(0, 40), st.integers(1, 40), st.integers(1, 40))
def test_fisher_is_a_symmetric_probability(k1: int, k2: int, n1: int, n2: int) -> None:
    k1, k2 = min(k1, n1), min(k2, n2)
    p = fisher_exact(k1, n1, k2, n2)
    assert 0 < p <= 1
    assert p == pytest.approx(fisher_exact(k2, n2, k1, n1))


def test_wilson_interval_for_11_of_30() -> None:
    interval = wilson_interval(11, 30)
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.2187, 0.5449)


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_contains_the_estimate(k: int, n: int) -> None:
    k = min(k, n)
    interval = wilson_interval(k, n)
    assert interval.low <= k / n <= interval.high


def test_roots_follow_cites_down_to_the_studies() -> None:
    provenance = trace({"news": ["review"], "review": ["s1", "s2"], "s1": [], "s2": [], "blog": ["s1", "ghost"]})
    assert provenance.roots_of("news") == {"s1", "s2"}
    assert provenance.roots_of("blog") == {"s1"}       # unregistered ids are ignored
    assert provenance.roots_of("s1") == {"s1"}
    assert provenance.chain("news") == [(0, "news"), (1, "review"), (2, "s1"), (2, "s2")]


def test_cycles_are_found_and_do_not_hang() -> None:
    provenance = trace({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"]})
    assert sorted(provenance.cycles) == [("a", "b", "c", "a"), ("d", "d")]
    assert provenance.roots_of("a")  # an answer, whatever it is


def test_a_long_citation_chain_does_not_hit_the_recursion_limit() -> None:
    chain = {f"s{i}": [f"s{i + 1}"] for i in range(5000)} | {"s5000": []}
    assert trace(chain).roots_of("s0") == {"s5000"}
