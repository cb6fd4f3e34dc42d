"""The rule registry: every finding code claimcheck can report, documented.

Codes are stable: a code is never reused for another meaning. ``docs/rules.md``
is generated from this table (``python -m claimcheck rules --format markdown``)
and a test keeps it in step.
"""

from __future__ import annotations

from claimcheck.findings import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

_RULES: tuple[Rule, ...] = (
    # --- CC0xx: reading the file --------------------------------------------
    Rule(
        "CC001", "not-utf8", E,
        "The registry file is not valid UTF-8.",
        "Quotes are compared character by character with the documents; a file in "
        "another encoding would silently compare the wrong characters.",
        "A file saved as Latin-1 whose `é` is the single byte 0xE9.",
    ),
    Rule(
        "CC002", "yaml-syntax", E,
        "The registry is not well-formed YAML.",
        "Nothing else can be checked until the file parses; the finding points at "
        "the place where the parser gave up.",
        "quote: \"11 of 30   # the closing quote is missing",
    ),
    Rule(
        "CC003", "duplicate-key", E,
        "A mapping has the same key twice.",
        "YAML loaders silently keep the last value, so the first is lost without "
        "a trace. claimcheck keeps the first and reports the second.",
        "- source: news-2025\n  says: 11/30\n  says: 12/30",
    ),
    Rule(
        "CC004", "alias-expansion", E,
        "Aliases would expand the document beyond the size claimcheck accepts.",
        "Nested aliases can make a few lines expand into billions of nodes (the "
        "'billion laughs' attack); the registry is rejected before that happens.",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n...",
    ),
    Rule(
        "CC005", "empty-registry", E,
        "The registry file holds no document.",
        "An empty file is almost always a mistake (a truncated write, the wrong path); "
        "it should not pass CI as 'no findings'.",
        "A file of zero bytes, or one with only comments.",
    ),
    Rule(
        "CC006", "not-a-mapping", E,
        "The top level of the registry is not a mapping.",
        "The format is a mapping with `version`, `sources` and `claims`; a list or a "
        "scalar at the top cannot be read as a registry.",
        "- id: jessup-2025\n  type: study",
    ),
    Rule(
        "CC007", "unsupported-version", E,
        "`version` is missing or is not a format version this claimcheck reads.",
        "The format is a public contract that may change between versions; reading a "
        "file of an unknown version as if it were version 1 could misreport it.",
        "version: 2",
    ),
    Rule(
        "CC008", "unsupported-tag", E,
        "A node carries a YAML tag other than the standard scalar tags.",
        "claimcheck loads YAML safely: tags that would construct objects are not "
        "honoured, and the node is read as plain text.",
        "says: !!python/object:os.system 11/30",
    ),
    Rule(
        "CC009", "multiple-documents", E,
        "The file holds more than one YAML document.",
        "A registry is one document; a second one after `---` would be ignored.",
        "version: 1\n---\nversion: 1",
    ),
    Rule(
        "CC010", "complex-key", E,
        "A mapping key is a list or a mapping rather than a plain value.",
        "Every key of the format is a field name; a complex key cannot be one.",
        "? [a, b]\n: 1",
    ),
    # --- CC02x: limits (docs/reliability.md) ----------------------------------
    Rule(
        "CC020", "file-too-large", E,
        "The registry file is larger than the `file-size` limit (100 MiB by default).",
        "A file that large is almost always a mistake or an attack; it is rejected before "
        "it is read, so that the answer comes at once and in bounded memory. "
        "`--limit file-size=1GiB` raises the limit for a registry that really is that big.",
        "A 2 GiB file named claims.yaml.",
    ),
    Rule(
        "CC021", "too-deep", E,
        "Mappings and lists nest deeper than the `depth` limit (64 by default).",
        "A registry nests about six levels deep; thousands of levels are a malformed or "
        "hostile file, rejected before building it.",
        "claims: [[[[[[[[[[ ... ]]]]]]]]]]   # ten thousand levels",
    ),
    Rule(
        "CC022", "scalar-too-long", E,
        "One value is longer than the `scalar-length` limit (100,000 characters by default).",
        "Quotes, statements and notes are sentences, not books; a megabyte-long value "
        "would slow every check and fill every message that shows it.",
        "quote: \"...\"   # a whole document pasted into one quote",
    ),
    Rule(
        "CC023", "too-many-claims", E,
        "The registry has more claims than the `claims` limit (500,000 by default).",
        "Checking cost grows with the claims; a registry past the limit is rejected "
        "rather than left to run for hours. Raise it with `--limit claims=N`.",
        "claims:   # followed by a million generated entries",
    ),
    Rule(
        "CC024", "too-many-entries", E,
        "A claim has more evidence entries than the `entries` limit (10,000 by default).",
        "Comparing a claim's entries is pairwise; tens of thousands of entries for one "
        "claim are a generated or corrupted file, not a literature.",
        "- id: response\n  evidence:   # 50,000 entries",
    ),
    # --- CC1xx: quotes and document files -----------------------------------
    Rule(
        "CC101", "quote-not-found", E,
        "A quote does not occur in the text of the document it is attributed to.",
        "The quote is what ties a claim to its document, so it must be verbatim: case, "
        "typographic quotes and dashes are normalised and white space matches any run of "
        "white space, but words joined in the quote never match words apart in the text "
        "(save at a table cell boundary lost before a number), and an elision skips at "
        "most 300 characters within one paragraph. A miss says why: the elision that "
        "reaches too far, or the closest passage with the first words that differ, and "
        "another registered source whose text holds the quote.",
        "quote: \"11 of 30 men responded\"   # the text says \"11 out of 30 men (37%)\"",
    ),
    Rule(
        "CC102", "path-outside-registry", E,
        "A source `path` leaves the registry's folder.",
        "A registry must be checkable from its own folder: absolute paths, `..` and "
        "symbolic links that point outside make results depend on the machine.",
        "path: ../../etc/passwd",
    ),
    Rule(
        "CC103", "source-file-missing", E,
        "A source `path` names a file that does not exist.",
        "Its quotes cannot be checked; the file was probably moved or renamed.",
        "path: sources/renamed-article.txt",
    ),
    Rule(
        "CC104", "source-file-unreadable", E,
        "A source `path` names something that is not a readable UTF-8 text file.",
        "Quotes are checked against text; a directory, a binary file or a file in "
        "another encoding cannot be searched reliably.",
        "path: sources/   # a folder",
    ),
    Rule(
        "CC105", "left-out-without-text", W,
        "A `left_out` item names a source that has no text (`path`).",
        "`left_out` records statements of a document's text that were deliberately not "
        "registered; without the text its quote cannot be checked, and `claimcheck coverage` "
        "only looks at sources with texts, so the item has no effect.",
        "left_out:\n  - source: jessup-2025   # a study registered without a path",
    ),
    Rule(
        "CC106", "document-changed", W,
        "The file a source's `path` names no longer has the SHA-256 its `sha256` gives.",
        "Quotes are checked against the document as it is now; `sha256` records the document "
        "its quotes were chosen from. A new version of a paper (a correction, a preprint "
        "replaced by the published article, a web page edited) may still hold every quote "
        "yet say something else around them, or the file may be another document under the "
        "same name. Read the quotes again in the new document, then paste its hash, which "
        "`claimcheck sources --format json` gives.",
        "path: papers/jessup-2025.pdf\nsha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ),
    Rule(
        "CC110", "source-text-too-large", E,
        "A source `path` names a file larger than the `text-size` limit (64 MiB by default).",
        "A document's text is searched for every quote; a file that large is not an "
        "article. It is refused before it is read; `--limit text-size=N` raises the limit.",
        "path: sources/disk-image.iso",
    ),
    # --- CC2xx: the format --------------------------------------------------
    Rule(
        "CC201", "missing-field", E,
        "A required field is absent.",
        "Every source needs `id`, `title` and `type`; every claim `id`, `statement` "
        "and `evidence`; every evidence entry `source`, `says` and `quote`.",
        "- source: news-2025\n  says: 11/30      # no quote",
    ),
    Rule(
        "CC202", "unknown-field", E,
        "A mapping has a field the format does not define.",
        "A misspelt field such as `qoute` would otherwise be ignored, and the check "
        "it should have triggered would silently not run.",
        "qoute: \"11 of them began producing motile sperm\"",
    ),
    Rule(
        "CC203", "invalid-value", E,
        "A field has a value of the wrong type or outside its allowed range.",
        "The checks and comparisons rely on each field's type: `sample_size` is a "
        "positive whole number, `peer_reviewed` is true or false, lists are lists.",
        "sample_size: thirty",
    ),
    Rule(
        "CC204", "invalid-choice", E,
        "A field that takes one of a fixed set of words has another.",
        "`type`, `design`, `flags` and `accepted` drive grading and comparison; an "
        "unknown word cannot be interpreted.",
        "type: stduy",
    ),
    Rule(
        "CC205", "invalid-format", E,
        "An id, date, DOI, PMID, NCT number or URL is not in its documented format.",
        "Identifiers are checked offline for their shape so that a typo is caught "
        "before anyone follows a broken reference.",
        "id: Jessup_2025   # ids are lowercase letters, digits and hyphens",
    ),
    Rule(
        "CC206", "duplicate-id", E,
        "Two sources, or two claims, share an id.",
        "References by id would be ambiguous; both places are named.",
        "claims:\n  - id: overall-response\n  ...\n  - id: overall-response",
    ),
    Rule(
        "CC207", "unknown-source", E,
        "An evidence entry or a `cites` list names a source id that is not defined.",
        "Provenance and quote checks follow these references; a dangling one is "
        "usually a typo.",
        "- source: jesup-2025",
    ),
    Rule(
        "CC208", "cites-cycle", E,
        "Following `cites` (or `supersedes`) from a source leads back to it.",
        "`cites` points from a document to the sources whose findings it reports; a "
        "cycle has no root study, so provenance cannot be traced. `supersedes` orders the reports "
        "of one study in time, and no report is later than itself.",
        "- id: a\n  cites: [b]\n- id: b\n  cites: [a]",
    ),
    Rule(
        "CC209", "unused-source", W,
        "A source is neither the source of any evidence nor cited by one that is.",
        "An unused source is often left over from an edit, or evidence that was "
        "meant to be added.",
        "A registered study that no claim quotes and no article cites.",
    ),
    Rule(
        "CC210", "design-not-applicable", E,
        "A source that is not a study, a review or a preprint has a `design`.",
        "`design` describes research; on a news item or a blog it would mislead the "
        "grading, which reads designs only from studies, reviews and preprints.",
        "type: news\ndesign: rct",
    ),
    Rule(
        "CC211", "missing-design", W,
        "A study or a review has no `design`.",
        "Grading starts from the design of the root study; without one, the study "
        "can only count as very-low certainty evidence.",
        "type: study   # no design",
    ),
    Rule(
        "CC212", "duplicate-evidence", W,
        "A claim has two evidence entries with the same source and quote.",
        "The same statement entered twice counts twice in listings and adds nothing.",
        "Two entries, both `source: news-2025` with the same quote.",
    ),
    Rule(
        "CC213", "evidence-cites-outside-source", W,
        "An evidence entry's `cites` names a source that its document does not cite.",
        "An entry's `cites` narrows its document's `cites` to the studies this statement "
        "reports; a source outside them usually means the document's `cites` is incomplete.",
        "- source: aksoy-blog\n  cites: [jessup-2025]   # while aksoy-blog has cites: []",
    ),
    Rule(
        "CC214", "duplicate-left-out", W,
        "A `left_out` item repeats another one, or a quote that a claim already registers.",
        "A statement is either registered as evidence or left out with a reason, once; a "
        "repeat is usually a leftover from moving a statement between the two.",
        "left_out:\n  - source: news-2025\n    quote: \"11 of them\"   # also evidence of a claim",
    ),
    Rule(
        "CC215", "same-study-unlinked", W,
        "Two study sources share an `nct` or a `doi`, and neither `supersedes` nor `cites` the other.",
        "One trial registration or one DOI is one study. Registered as two unlinked sources, it would be "
        "counted as two independent studies: their figures compared as two samples, their agreement rated "
        "up for consistency. Say how the reports relate: a journal article `supersedes` its preprint, a "
        "final report its preliminary one; a secondary analysis `cites` the main report.",
        "- id: trial-preprint\n  nct: NCT04381936\n- id: trial-nejm\n  nct: NCT04381936   # and no supersedes",
    ),
    # --- CC3xx: values and arithmetic ---------------------------------------
    Rule(
        "CC301", "unparsable-value", E,
        "A `says` value is not in any form of the value language.",
        "Values are compared as the intervals they commit to; a value that cannot be "
        "read cannot be compared. The message lists the accepted forms.",
        "says: roughly a third-ish",
    ),
    Rule(
        "CC302", "mixed-dimensions", E,
        "The evidence of one claim mixes kinds of value.",
        "A claim is about one quantity: a proportion, a duration, a dose, a count or "
        "a yes/no stance. A duration cannot agree or conflict with a percentage.",
        "says: 37%   # while another entry of the claim says: 3 months",
    ),
    Rule(
        "CC303", "percent-mismatch", E,
        "In `k/n (p%)`, the percentage is not k/n at the percentage's precision.",
        "Articles often restate a count with a percentage; a mismatch is a "
        "transcription error in the document or the registry.",
        "says: 11/30 (40%)   # 11/30 is 36.7%",
    ),
    Rule(
        "CC304", "count-exceeds-total", E,
        "In `k/n`, k is larger than n, or n is zero.",
        "A count of responders cannot exceed the number of people counted.",
        "says: 31/30",
    ),
    Rule(
        "CC305", "percent-out-of-range", E,
        "A percentage lies outside 0-100%.",
        "A share of a group cannot be negative or more than the whole.",
        "says: 120%",
    ),
    Rule(
        "CC306", "reversed-range", E,
        "A range's low end is above its high end.",
        "`40-30%` is almost always a typo for `30-40%`.",
        "says: 6-3 months",
    ),
    Rule(
        "CC307", "sample-size-exceeded", W,
        "A count's total n is larger than the `sample_size` of the study it is from.",
        "A subgroup cannot be larger than the study; either the count or the "
        "registered sample size is wrong.",
        "sample_size: 30   # while an entry from the study says: 11/40",
    ),
    Rule(
        "CC310", "number-out-of-range", E,
        "A number in `says` is too large (10^15 or more), too small (below 10^-300 but not 0) or too long "
        "(more than 30 digits) to mean anything.",
        "No count, dose, duration or statistic comes near these bounds; a number beyond them is a slip "
        "(digits pasted twice, a stray exponent) that arithmetic would turn into infinity or an overflow.",
        "says: 1.0e400",
    ),
    Rule(
        "CC311", "estimate-outside-interval", E,
        "An effect estimate lies outside its own confidence interval, at the rounding of its digits.",
        "An interval is built around its estimate; one that misses it was copied from another row of a "
        "table, or its estimate was.",
        "says: RR 0.65 (95% CI 0.75 to 0.93)",
    ),
    Rule(
        "CC312", "reversed-interval", E,
        "A confidence interval's lower end is above its upper end.",
        "Almost always the two ends swapped, or a minus sign lost from one of them.",
        "says: MD -2.1 (95% CI -1.2 to -3.0)",
    ),
    Rule(
        "CC313", "non-positive-ratio", E,
        "A risk, odds, hazard or rate ratio, or an end of its interval, is negative.",
        "A ratio of two risks, odds, hazards or rates is positive; a negative one is a difference "
        "written as a ratio, or a lost decimal point. A ratio written 0 or 0.00 is a small one rounded "
        "down, so it is not reported (and its interval is not checked on the log scale).",
        "says: RR -0.2 (95% CI -0.4 to 0.1)",
    ),
    Rule(
        "CC314", "asymmetric-interval", W,
        "A ratio's interval is not centred on its estimate on the log scale (a mean difference's, on the "
        "natural scale), beyond what the rounding of the digits allows.",
        "Intervals from the usual methods are symmetric on that scale, so an asymmetric one often means a "
        "mistyped end or an estimate from another analysis. Exact and profile-likelihood intervals can be "
        "asymmetric honestly, which is why this is a warning.",
        "says: RR 0.83 (95% CI 0.60 to 0.93)   # centred on 0.75 on the log scale",
    ),
    Rule(
        "CC315", "p-interval-mismatch", W,
        "The p-value written beside an interval is not the one the interval implies (Altman and Bland's "
        "method), at the rounding of every number.",
        "The interval and the p come from one analysis and must tell the same story; a mismatch is a "
        "typo in one of them, or an interval of another level. When an interval of 90% or 99% would "
        "fit, the message says so: a 99% interval labelled 95% is a common slip.",
        "says: RR 0.89 (95% CI 0.81 to 0.98), p = 0.002   # the interval implies p of about 0.02",
    ),
    Rule(
        "CC316", "significance-contradiction", E,
        "An interval excludes no effect while its p-value says not significant, or includes it while the "
        "p-value says significant.",
        "This is not a rounding matter: the two halves of the result contradict each other about the one "
        "thing readers take from it.",
        "says: HR 0.80 (95% CI 0.62 to 1.03), p = 0.01",
    ),
    Rule(
        "CC317", "counts-estimate-mismatch", E,
        "A crude risk ratio, odds ratio or risk difference is not the one the two-arm counts of the same "
        "document give.",
        "The counts determine the crude estimate exactly; a different figure is a slip, or an adjusted "
        "estimate that should say so (`adjusted RR`, `aOR`), which is then not recomputed.",
        "says: RR 0.79   # beside 482/2104 vs 1110/4321, whose crude RR is 0.892",
    ),
    Rule(
        "CC318", "statcheck-inconsistency", W,
        "A test statistic and its p-value do not match, as statcheck recomputes it (the statistic's "
        "rounding and one-tailed tests allowed for).",
        "statcheck found such inconsistencies in about half of psychology papers (Nuijten et al. 2016); "
        "most are typos, each worth a look.",
        "says: t(28) = 2.20, p = .05   # t(28) = 2.20 gives p = .036",
    ),
    Rule(
        "CC319", "statcheck-decision-error", E,
        "A test statistic and its p-value do not match, and they fall on either side of 0.05.",
        "The conclusion drawn (significant or not) is not what the statistic supports.",
        "says: t(28) = 2.20, p = .06",
    ),
    Rule(
        "CC320", "grim-inconsistent", E,
        "A mean of whole-number answers cannot be what was reported, given n (the GRIM test).",
        "The mean of n whole numbers is a whole number divided by n; at two decimals and small n only some "
        "means are possible, so an impossible one is a typo or a wrong n (Brown and Heathers 2017).",
        "says: M = 5.19, SD = 1.20, n = 28   # 145/28 = 5.18, 146/28 = 5.21",
    ),
    Rule(
        "CC321", "grimmer-inconsistent", E,
        "A standard deviation of whole-number answers cannot be what was reported, given the mean and n "
        "(the GRIMMER test).",
        "The sum of squares behind an SD of whole numbers is a whole number of the sum's parity; no data "
        "give the pair reported (Anaya 2016).",
        "says: M = 1.00, SD = 2.45, n = 5",
    ),
    Rule(
        "CC322", "change-contradicts-ratio", W,
        "A change in words (`cut by a third`) does not contain the ratio the same document gives.",
        "Press releases and news round effects into words; when the words claim more than the document's "
        "own number, the words are the overstatement.",
        "says: cut strokes by a third   # while the same release gives RR 0.89",
    ),
    Rule(
        "CC323", "nnt-mismatch", W,
        "A number needed to treat is not 1 / |risk difference| of the same document.",
        "The two are the same result, one the reciprocal of the other; a mismatch is a typo in one of them.",
        "says: NNT 12   # beside RD -2.8 percentage points, whose NNT is 36",
    ),
    Rule(
        "CC330", "says-contradicts-quote", E,
        "The quote states a value of the same kind as the entry's `says`, and none of what it states fits it.",
        "A `says` is the registry's reading of its quote. When the quote states 11 of 30 and `says` 12/30, "
        "the comparison would report a typing slip as a disagreement between documents. The quote is read "
        "with `claimcheck extract`'s finders and compared by meaning at the precision of both: a percentage "
        "computed from the quote's counts, a unit converted, a ratio given as the change in words it equals "
        "(\"cut deaths by a third\" states RR 0.67) all fit.",
        "says: 12/30 (40%)\nquote: \"11 of 30 volunteers (37%)\"",
    ),
    Rule(
        "CC331", "quote-states-no-value", W,
        "The quote states no value of the `says`'s kind, and the `says`'s numbers are not among its numbers.",
        "The quote may be too short to ground the value (the number was left outside it), or the value was "
        "inferred rather than stated. Quote the words that state it; `ignore: [CC331]` on the entry keeps an "
        "inference that is meant.",
        "says: 37%\nquote: \"most of the men responded\"",
    ),
    Rule(
        "CC332", "stance-contradicts-quote", W,
        "A stance `no` or `uncertain` whose quote has no word that denies or doubts.",
        "A `no` is usually worded with a negation or a doubt. Only a statement without negation words is "
        "checked, since a stance answers the statement and a `no` to a negated statement is worded as an "
        "assertion. The negation words: no, not, never, none, nothing, nobody, neither, nor, without, "
        "cannot, lack(s/ing), absence, absent, fails, failed, unable and any n't. The doubt words: may, "
        "might, could, unknown, unclear, uncertain, uncertainty, unproven, preliminary, limited, "
        "insufficient, inconclusive, needed, necessary, require(s), remain(s), whether, possible, possibly, "
        "perhaps, early, caution, cautious, debate(d), controversial, questions, questionable, yet, too "
        "soon, too early.",
        "statement: Protection from the vaccine lasts\nsays: no\nquote: \"protection lasts for years\"",
    ),
    # --- CC4xx: comparison and acknowledgements -----------------------------
    Rule(
        "CC401", "stale-acceptance", W,
        "A claim's `accepted` acknowledges a conflict or tension that no longer exists: the claim has "
        "no such verdict, or an accepted pair's entries no longer disagree.",
        "Acknowledgements should not outlive what they acknowledge: a stale one "
        "would silently excuse the next, unrelated disagreement.",
        "accepted: conflict   # but every pair of the claim agrees",
    ),
    Rule(
        "CC402", "acceptance-without-note", W,
        "A claim has `accepted` but no `note` explaining why (in the pair form, a pair without its own `note`).",
        "An accepted disagreement stops failing CI; the note is the record of why "
        "that was the right call.",
        "accepted: conflict   # and no note",
    ),
    Rule(
        "CC403", "unused-ignore", W,
        "A code in an `ignore` list silences no finding in its source, claim or evidence entry.",
        "Like `accepted`, an ignore should not outlive what it silences: a stale one would "
        "silently hide the next, unrelated finding of that code. File-level codes (CC0xx) "
        "cannot be silenced per item, so an ignore of one is always unused.",
        "ignore: [CC303]   # while the entry's arithmetic is right",
    ),
    Rule(
        "CC404", "unknown-ignore-code", E,
        "An `ignore` list names a code that is not a claimcheck rule.",
        "An ignore of a code that does not exist silences nothing; it is usually a typo for "
        "the code that was meant (`claimcheck rules` lists them).",
        "ignore: [CC333]",
    ),
    Rule(
        "CC405", "acceptance-covers-several-pairs", W,
        "A claim-wide `accepted: conflict` (or `tension`) acknowledges more than one disagreeing pair of entries.",
        "The claim-wide form excuses every disagreement of the claim, the known one and any added later, "
        "such as a new document's false statement. Naming the known pairs (`accepted: [{between: [a, b], "
        "note: ...}]`) keeps each new disagreement failing `conflicts --fail`.",
        "accepted: conflict   # while news#1 and blog#3, and blog#1 and blog#3, conflict",
    ),
    Rule(
        "CC406", "accepted-names-no-entry", E,
        "A pair of `accepted` names a source with no evidence entry in this claim, or an entry number "
        "beyond the source's entries in it.",
        "A pair that names nothing acknowledges nothing: the disagreement it was meant for fails, or is "
        "excused by a typo no one notices. Entries are counted per source, from 1, in the claim's `evidence`.",
        "accepted: [{between: [news, blog#4], note: ...}]   # blog has 3 entries in this claim",
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def rule(name: str) -> Rule:
    """The rule with this name; a KeyError names a programming mistake."""
    return RULES_BY_NAME[name]


def find_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (case-insensitive) or by name."""
    return RULES.get(code_or_name.upper()) or RULES_BY_NAME.get(code_or_name.lower())
