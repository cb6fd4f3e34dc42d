"""Quote grounding: normalisation, lost table separators, elisions, closest passages."""

from __future__ import annotations

import difflib
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.registry import quotes
from claimcheck.registry.quotes import Passage, QuoteMatch, SourceText, normalise
from claimcheck.registry.quotes import _normalise_char as normalise_char

#: What a quote reads as an elision; a slice of a text holding one is a quote with an elision.
_ELISION_MARK = re.compile(r"\.\.\.|…")

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
    ("Testicular HistologyResponse Rate Maturation Arrest", 3),       # across lines
    ("over half ... respond", 2),                                     # an elision
    ("Title [...] Maturation Arrest", 1),                             # a bracketed elision
])
def test_found_quotes_record_their_line(quote: str, line: int) -> None:
    assert SourceText(TEXT).find(quote) == QuoteMatch(line)


@pytest.mark.parametrize("quote", [
    "over two thirds (54%)", "respond ... Title", "...", "Maturation Arrest (MA) 45%",
    "Testicular Histology Response",   # words the text joins are not words the quote separates (no number)
    "overhalf (54%)",                  # nor are words the quote joins the text's separated words
    "It's been seenthat",
])
def test_quotes_that_are_not_there(quote: str) -> None:
    assert SourceText(TEXT).find(quote) is None


def test_the_closest_passage_of_a_miss() -> None:
    closest = SourceText(TEXT).closest("Maturation Arrest (MA) 45%")
    assert closest == Passage(4, "Maturation Arrest (MA)54%The highest", pytest.approx(20 / 24))


def test_no_closest_passage_when_nothing_is_alike() -> None:
    assert SourceText(TEXT).closest("zzzzqqqq") is None


def test_normalise() -> None:
    assert normalise("It’s “A”—b … ﬁne") == "it's \"a\"-b ... fine"
    assert normalise("a\u00a0b\tc\r\nd\u2028e\u00adf") == "a b c \nd\nef"


WORDS = st.lists(st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=12),
                 min_size=1, max_size=20)


@given(WORDS, st.data())
def test_every_run_of_whole_words_of_a_text_is_found_in_it(words: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    text, quote = " ".join(words), " ".join(words[start:end])
    if normalise(quote).strip(" \n") and not _ELISION_MARK.search(quote):
        assert SourceText(text).find(quote) is not None


@pytest.mark.parametrize("quote, text", [
    ("11 of 30", "In all, 211 of 300 men responded."),   # inside a number
    ("a", "In total"),                                  # inside a lower-case word
    ("protection", "overprotection"),
])
def test_a_quote_never_starts_or_ends_inside_a_number_or_a_word(quote: str, text: str) -> None:
    assert SourceText(text).find(quote) is None


def test_a_capital_after_a_letter_may_start_a_quote_as_a_scraped_table_s_next_cell() -> None:
    text = "Lipid profileMonthlyHepatotoxicity rare but recognized"
    assert SourceText(text).find("Hepatotoxicity rare but recognized") is not None


class ReferenceText:
    """The straightforward algorithm that SourceText must agree with: a normalised-to-original
    offset per character, and a scan of every window of the text for each miss."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets = [index for index, char in enumerate(text) for _ in normalise_char(char)]
        self.normalised = "".join(normalise_char(char) for char in text)

    def line_of(self, normalised_index: int) -> int:
        original = self.offsets[normalised_index] if self.offsets else 0
        return self.text.count("\n", 0, original) + 1

    def find_line(self, quote: str, elision: int = quotes.DEFAULT_ELISION) -> int | None:
        """One regular expression for the whole quote: white space runs, bounded elisions within a paragraph."""
        parts = [[w for w in re.split(r"[ \n]+", part) if w] for part in normalise(quote).split("...")]
        parts = [words for words in parts if words]
        if not parts:
            return None

        def part_pattern(words: list[str]) -> str:
            pattern = re.escape(words[0])
            for left, right in itertools.pairwise(words):
                lost = (not left[-1].isdigit() and right[0].isdigit()) or (
                    (left[-1].isdigit() or left[-1] == "%") and right[0].isalpha())
                pattern += ("[ \n]*" if lost else "[ \n]+") + re.escape(right)
            return pattern

        gap = rf"(?:(?!\n *\n).){{0,{elision}}}?"
        pattern = re.compile(gap.join(map(part_pattern, parts)), re.DOTALL)
        start = 0
        while (match := pattern.search(self.normalised, start)) is not None:
            if not (self._inside(match.start(), match.start() - 1) or self._inside(match.end() - 1, match.end())):
                return self.line_of(match.start())
            start = match.start() + 1
        return None

    def _inside(self, edge: int, neighbour: int) -> bool:
        """A quote's edge and its neighbour in one number or lower-case word, judged on the text's own characters."""
        if not 0 <= neighbour < len(self.offsets):
            return False
        a, b = self.text[self.offsets[edge]], self.text[self.offsets[neighbour]]
        return (a.isdigit() and b.isdigit()) or (a.islower() and b.islower())

    def closest(self, quote: str) -> Passage | None:
        target = normalise(quote).replace("...", "")
        text, width = self.normalised, len(target)
        if width < 3 or len(text) < 3:
            return None
        wanted = {target[i:i + 3] for i in range(width - 2)}
        hits = [text[i:i + 3] in wanted for i in range(len(text) - 2)]
        span = min(width - 2, len(hits))
        scores = [sum(hits[start:start + span]) for start in range(len(hits) - span + 1)]
        if max(scores) == 0:
            return None
        tied = [start for start, value in enumerate(scores) if value == max(scores)][:64]
        best = max(tied, key=lambda start: (
            difflib.SequenceMatcher(None, text[start:start + width], target).ratio(), -start))
        while best < len(text) - 1 and text[best] in " \n":
            best += 1
        stop = self.offsets[min(best + width + width // 4, len(self.offsets)) - 1] + 1
        while stop < len(self.text) and self.text[stop].isalnum():
            stop += 1
        begin = self.offsets[best]
        while begin > 0 and self.text[begin - 1].isalnum() and self.text[begin].isalnum():
            begin -= 1
        excerpt = " ".join(self.text[begin:stop].split())
        if len(excerpt) > 160:
            excerpt = excerpt[:159] + "…"
        return Passage(self.line_of(best), excerpt, max(scores) / (width - 2))


# Letters, white space of several kinds, characters that normalise to none or to several.
ALPHABET = st.sampled_from(list("abcab cab\n\t") + ["…", "ﬁ", "’", "—", "\u200b", "\u00ad", "Å", "\u2028", "Σ", "ß"])
TEXTS = st.text(alphabet=ALPHABET, min_size=0, max_size=300)


@given(TEXTS, st.data())
def test_found_lines_agree_with_the_reference(text: str, data: st.DataObject) -> None:
    quote = data.draw(st.one_of(TEXTS, st.builds(lambda s: text[s.start:s.stop], st.slices(len(text) + 1))))
    found = SourceText(text).find(quote)
    assert (found.line if found is not None else None) == ReferenceText(text).find_line(quote)


@given(TEXTS, TEXTS)
def test_closest_passages_agree_with_the_reference(text: str, quote: str) -> None:
    assert SourceText(text).closest(quote) == ReferenceText(text).closest(quote)


def test_normalising_in_one_pass_equals_character_by_character() -> None:
    sample = "".join(chr(code) for code in range(0x2FFF)) + "\U0001D400\U0001F600"
    assert normalise(sample) == "".join(normalise_char(char) for char in sample)


def test_a_large_text_searches_near_the_rarer_trigrams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "EXACT_SEARCH_LIMIT", 500)
    filler = "The patients were seen again at the clinic and the treatment was continued. " * 400
    text = filler + "\nA unique sentence: zygomatic quokka flux rose 17% in week nine.\n" + filler
    passage = SourceText(text).closest("A unique sentence: zygomatic quokka flux rose 71% in week nine")
    assert passage is not None and passage.line == 2
    assert passage.excerpt.startswith("A unique sentence: zygomatic quokka flux rose 17% in week nine")


@pytest.mark.parametrize("quote, passage, quoted, text", [
    ("protectionbeyond thatremains unknown", "protection beyond that remains unknown, says", "protectionbeyond thatremains",
     "protection beyond that remains"),
    ("We found that 11 of 30 men", "We found that 11 out of 30 men (37%)", "11 of", "11 out of"),   # the text adds a word
    ("We found that 11 out of 30 (37%)", "We found that 11 out of 30 men (37%) responded", "30 (37%)", "30 men (37%)"),
    ("11 out of 30 men (37%)", "We found that 12 out of 30 men (37%)", "11", "12"),  # the passage starts earlier
    ("11 Out of 30 men [...] responded", "11 out of 30 men (37%) responded.", None, None),  # case, elision, punctuation
])
def test_the_first_difference_between_a_quote_and_its_closest_passage(
        quote: str, passage: str, quoted: str | None, text: str | None) -> None:
    difference = quotes.first_difference(quote, passage)
    assert (difference.quoted, difference.text) == (quoted, text) if difference else quoted is None


def test_display_shows_every_elision_alike() -> None:
    assert quotes.display("a ... b … c [...] d […] e") == "a […] b […] c […] d […] e"


def test_the_elision_limit_defaults_to_the_quote_matchers_default() -> None:
    from claimcheck.registry.limits import DEFAULT_LIMITS
    assert DEFAULT_LIMITS.elision == quotes.DEFAULT_ELISION


def test_an_elision_skips_at_most_the_limit_and_no_blank_line() -> None:
    text = SourceText("alpha " + "x" * 50 + " omega\n\nbeta")
    assert text.find("alpha ... omega", elision=60) is not None
    assert text.find("alpha ... omega", elision=40) is None
    assert text.elision_problem("alpha ... omega", elision=40).startswith("its parts occur in this order only more than 40")
    assert text.find("omega ... beta") is None
    assert text.elision_problem("omega ... beta") == (
        "its parts occur in this order only across a paragraph break, which an elision never spans")
    assert text.elision_problem("omega ... gamma") is None
