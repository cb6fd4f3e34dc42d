"""The `says` value language: each form, the interval it commits to, and its kind."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.values import (
    DAILY_DOSE,
    DOSE,
    DURATION,
    NUMBER,
    PROPORTION,
    STANCE,
    WEIGHT_BASED_DAILY_DOSE,
    Interval,
    Measure,
    Stance,
    ValueSyntaxError,
    parse,
)

INF = math.inf
MONTH, YEAR = 30.44, 365.25


@pytest.mark.parametrize("says, dimension, interval", [
    # proportions
    ("11/30", PROPORTION, Interval(100 * 11 / 30, 100 * 11 / 30, True, True)),
    ("11 of 30", PROPORTION, Interval(100 * 11 / 30, 100 * 11 / 30, True, True)),
    ("11 out of 30", PROPORTION, Interval(100 * 11 / 30, 100 * 11 / 30, True, True)),
    ("11/30 (37%)", PROPORTION, Interval(100 * 11 / 30, 100 * 11 / 30, True, True)),
    ("37%", PROPORTION, Interval(36.5, 37.5, True, False)),
    ("37.5%", PROPORTION, Interval(37.45, 37.55, True, False)),
    ("30-40%", PROPORTION, Interval(29.5, 40.5, True, False)),
    ("30%-40%", PROPORTION, Interval(29.5, 40.5, True, False)),
    ("<10%", PROPORTION, Interval(0, 10, True, False)),
    ("< 1%", PROPORTION, Interval(0, 1, True, False)),
    (">50%", PROPORTION, Interval(50, 100, False, True)),
    ("about 1%", PROPORTION, Interval(0, 2, True, True)),
    ("~1%", PROPORTION, Interval(0, 2, True, True)),
    ("about 54%", PROPORTION, Interval(54 - 5.4, 54 + 5.4, True, True)),
    ("100%", PROPORTION, Interval(99.5, 100, True, True)),
    # words
    ("most", PROPORTION, Interval(50, 100, False, True)),
    ("majority", PROPORTION, Interval(50, 100, False, True)),
    ("over half", PROPORTION, Interval(50, 100, False, True)),
    ("more than half", PROPORTION, Interval(50, 100, False, True)),
    ("half", PROPORTION, Interval(45, 55, True, True)),
    ("about half", PROPORTION, Interval(40, 60, True, True)),
    ("over a third", PROPORTION, Interval(100 / 3, 100, False, True)),
    ("all", PROPORTION, Interval(100, 100, True, True)),
    ("none", PROPORTION, Interval(0, 0, True, True)),
    ("few", PROPORTION, Interval(0, 20, False, True)),
    ("some", PROPORTION, Interval(0, 100, False, True)),
    ("common", PROPORTION, Interval(1, 10, True, False)),
    ("rare", PROPORTION, Interval(0.01, 0.1, True, False)),
    # quantities with units, in base units (days, mg, mg/day, mg/kg/day)
    ("40 mg/day", DAILY_DOSE, Interval(39.5, 40.5, True, False)),
    ("40 mg a day", DAILY_DOSE, Interval(39.5, 40.5, True, False)),
    ("10 mg daily", DAILY_DOSE, Interval(9.5, 10.5, True, False)),
    ("0.5 mg/kg/day", WEIGHT_BASED_DAILY_DOSE, Interval(0.45, 0.55, True, False)),
    ("0.5 mg per kg per day", WEIGHT_BASED_DAILY_DOSE, Interval(0.45, 0.55, True, False)),
    ("20 mg", DOSE, Interval(19.5, 20.5, True, False)),
    ("500 mcg", DOSE, Interval(0.4995, 0.5005, True, False)),
    ("500 µg", DOSE, Interval(0.4995, 0.5005, True, False)),
    ("1 g", DOSE, Interval(500, 1500, True, False)),
    ("74 days", DURATION, Interval(73.5, 74.5, True, False)),
    ("12 weeks", DURATION, Interval(80.5, 87.5, True, False)),
    ("3-6 months", DURATION, Interval(2.5 * MONTH, 6.5 * MONTH, True, False)),
    ("3 to 6 months", DURATION, Interval(2.5 * MONTH, 6.5 * MONTH, True, False)),
    ("up to 9 months", DURATION, Interval(0, 9 * MONTH, True, True)),
    ("over 20 years", DURATION, Interval(20 * YEAR, INF, False, False)),
    ("30 years", DURATION, Interval(29.5 * YEAR, 30.5 * YEAR, True, False)),
    ("at least 3 months", DURATION, Interval(3 * MONTH, INF, True, False)),
    ("at least 3-6 months", DURATION, Interval(3 * MONTH, INF, True, False)),
    ("about 74 days", DURATION, Interval(74 - 7.4, 74 + 7.4, True, True)),
    # bare numbers
    ("30", NUMBER, Interval(29.5, 30.5, True, False)),
    ("1,000", NUMBER, Interval(999.5, 1000.5, True, False)),
])
def test_measure_forms(says: str, dimension: str, interval: Interval) -> None:
    value = parse(says)
    assert isinstance(value, Measure)
    assert value.dimension == dimension
    assert value.interval.low == pytest.approx(interval.low)
    assert value.interval.high == pytest.approx(interval.high)
    assert (value.interval.low_closed, value.interval.high_closed) == (interval.low_closed, interval.high_closed)


@pytest.mark.parametrize("says, stance", [
    (True, "yes"), (False, "no"), ("yes", "yes"), ("no", "no"), ("uncertain", "uncertain"),
    ("Unknown", "uncertain"),
])
def test_stances(says: object, stance: str) -> None:
    value = parse(says)
    assert isinstance(value, Stance) and value.stance == stance and value.dimension == STANCE


def test_yaml_numbers_are_bare_numbers() -> None:
    assert parse(30) == parse("30")
    assert parse(0.5).interval == parse("0.5").interval


def test_a_count_keeps_k_n_and_the_stated_percentage() -> None:
    value = parse("11/30 (37%)")
    assert isinstance(value, Measure) and value.count is not None
    assert (value.count.k, value.count.n) == (11, 30)
    assert value.stated_percent == Interval(36.5, 37.5, True, False)


@pytest.mark.parametrize("says", ["roughly a third-ish", "", "over", "11/", "12 parsecs", "37% of men",
                                  "mg", "40 mg/fortnight", [1, 2]])
def test_unparsable_values_list_the_accepted_forms(says: object) -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        parse(says)
    assert "accepted forms: 11/30, 11/30 (37%)" in str(raised.value)


def test_about_is_wider_than_the_bare_value() -> None:
    for number in ("1%", "54%", "74 days", "3 months"):
        bare, about = parse(number).interval, parse(f"about {number}").interval
        assert about.low < bare.low and about.high > bare.high


# ----------------------------------------------------------- properties

@given(k=st.integers(0, 10_000), extra=st.integers(1, 10_000))
def test_any_count_is_the_point_k_over_n(k: int, extra: int) -> None:
    n = k + extra
    value = parse(f"{k}/{n}")
    assert value.interval.is_point and value.interval.low == pytest.approx(100 * k / n)


@given(whole=st.integers(0, 100), decimals=st.integers(0, 3))
def test_a_percentage_is_half_a_unit_of_its_last_digit_either_side(whole: int, decimals: int) -> None:
    written = f"{whole}" if decimals == 0 else f"{whole}.{'5' * decimals}"
    value = parse(f"{written}%")
    half = 0.5 * 10 ** -decimals
    assert value.interval.contains(float(written))
    assert value.interval.low == pytest.approx(max(0.0, float(written) - half))


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_value_syntax_error(text: str) -> None:
    try:
        parse(text)
    except ValueSyntaxError:
        pass


@given(a=st.floats(0, 1000), b=st.floats(0, 1000), c=st.floats(0, 1000), d=st.floats(0, 1000),
       closed=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()))
def test_overlap_is_symmetric_and_matches_a_shared_point(a: float, b: float, c: float, d: float,
                                                         closed: tuple[bool, bool, bool, bool]) -> None:
    first = Interval(min(a, b), max(a, b), closed[0], closed[1])
    second = Interval(min(c, d), max(c, d), closed[2], closed[3])
    assert first.overlaps(second) == second.overlaps(first)
    for point in (first.low, first.high, second.low, second.high, (max(first.low, second.low)
                                                                   + min(first.high, second.high)) / 2):
        if first.contains(point) and second.contains(point):
            assert first.overlaps(second)


@pytest.mark.parametrize("first, second, overlap", [
    (Interval(0, 10, True, False), Interval(10, 20, True, False), False),   # [0,10) and [10,20)
    (Interval(0, 10, True, True), Interval(10, 20, True, False), True),     # [0,10] and [10,20)
    (Interval(50, 100, False, True), Interval(50, 50, True, True), False),  # (50,100] and 50
    (Interval(36.5, 37.5, True, False), Interval(36.67, 36.67, True, True), True),
])
def test_overlap_at_the_edges(first: Interval, second: Interval, overlap: bool) -> None:
    assert first.overlaps(second) is overlap
