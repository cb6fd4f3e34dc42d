"""Quote grounding: normalisation, lost table separators, elisions, closest passages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.quotes import Passage, QuoteMatch, SourceText, normalise

TEXT = (
    "Title\n"
    "It’s been seen that over half (54%) of men — those with “maturation arrest” — respond…\n"
    "Testicular HistologyResponse Rate\n"
    "Maturation Arrest (MA)54%The highest response\n"
)


@pytest.mark.parametrize("quote, line", [
    ("It's been seen that over half (54%)", 2),                       # typographic apostrophe
    ('those with "maturation arrest"', 2),                            # typographic quotes
    ("of men - those with", 2),                                       # an em dash
    ("respond...", 2),                                                # an ellipsis character
    ("IT’S BEEN   SEEN", 2),                                          # case and white space
    ("Maturation Arrest (MA) 54% The highest", 4),                    # cells run together
    ("Testicular Histology Response Rate Maturation Arrest", 3),      # across lines
    ("over half ... respond", 2),                                     # an elision
    ("Title [...] Maturation Arrest", 1),                             # a bracketed elision
])
def test_found_quotes_record_their_line(quote: str, line: int) -> None:
    assert SourceText(TEXT).find(quote) == QuoteMatch(line)


@pytest.mark.parametrize("quote", ["over two thirds (54%)", "respond ... Title", "...", "Maturation Arrest (MA) 45%"])
def test_quotes_that_are_not_there(quote: str) -> None:
    assert SourceText(TEXT).find(quote) is None


def test_the_closest_passage_of_a_miss() -> None:
    closest = SourceText(TEXT).closest("Maturation Arrest (MA) 45%")
    assert closest == Passage(4, "Maturation Arrest (MA)54%The highest", pytest.approx(18 / 21))


def test_no_closest_passage_when_nothing_is_alike() -> None:
    assert SourceText(TEXT).closest("zzzzqqqq") is None


def test_normalise() -> None:
    assert normalise("It’s “A”—b … ﬁne") == "it's\"a\"-b...fine"


@given(st.text(min_size=1, max_size=200), st.data())
def test_every_slice_of_a_text_is_found_in_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if normalise(quote).replace("...", ""):
        assert SourceText(text).find(quote) is not None
