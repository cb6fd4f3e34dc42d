"""The registry format, version 1, as pydantic models.

Field names and allowed words are a public contract (docs/format.md): new
optional fields may be added, none renamed. Models are strict (no silent
coercion of "30" to 30) and forbid unknown fields, so a typo is a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
)

FORMAT_VERSION = 1

SourceType = Literal["study", "review", "registration", "guideline", "news", "blog", "reference", "other",
                     "press-release", "preprint", "commentary", "erratum"]
Design = Literal[
    "meta-analysis", "systematic-review", "rct", "cohort", "case-control", "cross-sectional",
    "case-series", "case-report", "animal", "in-vitro", "expert-opinion",
]
Flag = Literal["ai-generated", "conflict-of-interest", "commercial", "preprint", "retracted"]
Acceptance = Literal["conflict", "tension"]
#: A study's risk of bias in the words of Cochrane's RoB 2 tool.
RiskOfBias = Literal["low", "some-concerns", "high"]

SOURCE_TYPES: tuple[str, ...] = SourceType.__args__  # type: ignore[attr-defined]
DESIGNS: tuple[str, ...] = Design.__args__  # type: ignore[attr-defined]
FLAGS: tuple[str, ...] = Flag.__args__  # type: ignore[attr-defined]
TYPES_WITH_DESIGN = frozenset({"study", "review", "preprint"})

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A source id, or a source id and `#N` for the source's Nth evidence entry in the claim (from 1).
ENTRY_REFERENCE_PATTERN = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([1-9][0-9]*))?")
RULE_CODE_PATTERN = re.compile(r"CC\d{3}")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FormatError(ValueError):
    """A value of the right type in the wrong shape (reported as CC205)."""


def _published(value: int | str) -> int | str:
    match = _DATE.match(str(value))
    if not match:
        raise FormatError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        raise FormatError("is not a real calendar date") from None
    return value


def _pattern(regex: str, description: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise FormatError(description)
        return value

    return AfterValidator(check)


Slug = Annotated[StrictStr, _pattern(SLUG_PATTERN, "must be a slug: lowercase letters, digits and hyphens")]
Doi = Annotated[StrictStr, _pattern(r"10\.\d{4,9}/\S+", "must be a DOI: 10.NNNN/suffix, without a URL prefix")]
Pmid = Annotated[StrictInt | StrictStr, AfterValidator(
    lambda value: _check_pmid(value))]
Nct = Annotated[StrictStr, _pattern(r"NCT\d{8}", "must be NCT followed by 8 digits")]
Url = Annotated[StrictStr, _pattern(r"https?://[^\s/?#]+\.[^\s]*", "must be an http:// or https:// address")]
Published = Annotated[StrictInt | StrictStr, AfterValidator(_published)]
Sha256 = Annotated[StrictStr, _pattern(r"[0-9a-fA-F]{64}", "must be a SHA-256 hash: 64 hexadecimal digits, "
                                       "as `claimcheck sources --format json` gives it")]
RuleCode = Annotated[StrictStr, _pattern(RULE_CODE_PATTERN.pattern, "must be a rule code such as CC303")]
Says = StrictBool | StrictInt | StrictFloat | StrictStr
Text = Annotated[StrictStr, Field(min_length=1)]


def _check_pmid(value: int | str) -> int | str:
    if not re.fullmatch(r"[1-9]\d{0,8}", str(value)):
        raise FormatError("must be a PubMed id: 1 to 9 digits")
    return value


IGNORE_DESCRIPTION = "Finding codes silenced for the findings located in this item (`claimcheck docs format`)."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """A document, or a study that documents report on."""

    id: Slug = Field(description="Unique id: lowercase letters, digits and hyphens.")
    title: Text
    type: SourceType
    design: Design | None = Field(None, description="Study or review only.")
    peer_reviewed: StrictBool | None = None
    published: Published | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    publisher: Text | None = None
    authors: list[Text] = Field(default_factory=list)
    sample_size: Annotated[StrictInt, Field(gt=0)] | None = None
    url: Url | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    nct: Nct | None = None
    risk_of_bias: RiskOfBias | None = Field(
        None, description="A study's risk of bias, as Cochrane's RoB 2 words it; say why in `note`.")
    cites: list[Slug] = Field(default_factory=list, description="Ids of the sources whose findings this one reports.")
    supersedes: list[Slug] = Field(
        default_factory=list, description="Ids of earlier reports of the same study that this one replaces: a "
        "journal article its preprint, a final report a preliminary one, an erratum what it corrects.")
    flags: list[Flag] = Field(default_factory=list)
    path: Text | None = Field(None, description="Local text of the document, relative to the registry file.")
    sha256: Sha256 | None = Field(None, description="The SHA-256 of the file `path` names, when its quotes were "
                                                    "checked; a later change to the file is a warning.")
    note: Text | None = None
    ignore: list[RuleCode] = Field(default_factory=list, description=IGNORE_DESCRIPTION)


class Evidence(_Strict):
    """One document's statement of a claim."""

    source: Slug
    says: Says = Field(description="The value the document states, in the value language (`claimcheck docs format`).")
    quote: Text = Field(description="Verbatim words of the document that state the value.")
    cites: list[Slug] | None = Field(
        None, description="Which of the source's cited sources this statement reports; [] marks the "
                          "document's own statement. Default: all the source cites.")
    note: Text | None = None
    ignore: list[RuleCode] = Field(default_factory=list, description=IGNORE_DESCRIPTION)


EntryReference = Annotated[StrictStr, _pattern(
    ENTRY_REFERENCE_PATTERN.pattern,
    "must be a source id, or a source id and `#N` for its Nth evidence entry in this claim, such as `blog#2`")]


def _two_entries(between: list[str]) -> list[str]:
    if len(between) != 2:
        raise FormatError(f"must name two entries, such as `[news, blog#2]`; it names {len(between)}")
    first, second = between
    if first == second:
        raise FormatError(f"names `{first}` twice; a pair is two different entries")
    sides = [ENTRY_REFERENCE_PATTERN.fullmatch(reference) for reference in between]
    if sides[0] and sides[1] and sides[0].group(1) == sides[1].group(1) and not (sides[0].group(2)
                                                                              and sides[1].group(2)):
        source = sides[0].group(1)
        raise FormatError(f"names `{source}` on both sides; two entries of one document are named with "
                          f"their numbers, such as `[{source}#1, {source}#2]`")
    return between


class AcceptedPair(_Strict):
    """A known, explained disagreement between two entries (or two documents' entries) of a claim."""

    between: Annotated[list[EntryReference], AfterValidator(_two_entries)] = Field(
        json_schema_extra={"minItems": 2, "maxItems": 2},
        description="The two sides: a source id (all its entries in this claim) or `source#N`, its Nth "
                    "entry in this claim, counted from 1.")
    note: Text | None = Field(None, description="Why this disagreement is known and fine.")


def _acceptance_form(value: Any) -> str:
    return "pairs" if isinstance(value, (list, dict)) else "claim-wide"


AcceptedPairs = Annotated[list[AcceptedPair], Field(min_length=1)]
Accepted = Annotated[
    Annotated[Acceptance, Tag("claim-wide")] | Annotated[AcceptedPairs, Tag("pairs")],
    Discriminator(_acceptance_form),
]


class Claim(_Strict):
    """A proposition or a quantity, and the documents that state it."""

    id: Slug
    statement: Text
    population: Text | None = None
    intervention: Text | None = Field(None, description=(
        "What the claim's effect is of, as its plain-language statement names it (`halvorex`)."))
    outcome: Text | None = Field(None, description=(
        "What the effect is on, as its plain-language statement names it (`the risk of stroke`)."))
    tags: list[Slug] = Field(default_factory=list)
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    accepted: Accepted | None = Field(None, description=(
        "Acknowledges known, explained disagreements: `conflict` or `tension` for the whole claim, or a "
        "list of pairs, each `{between: [a, b], note}` (`claimcheck docs format`, \"Accepted disagreements\")."))
    note: Text | None = None
    ignore: list[RuleCode] = Field(default_factory=list, description=IGNORE_DESCRIPTION)


class LeftOut(_Strict):
    """A statement of a document deliberately not registered as a claim, and why (`claimcheck coverage`)."""

    source: Slug
    quote: Text = Field(description="Verbatim words of the document, grounded like an evidence quote.")
    reason: Text = Field(description="Why the statement is not a claim worth registering.")
    ignore: list[RuleCode] = Field(default_factory=list, description=IGNORE_DESCRIPTION)


class Registry(_Strict):
    """A claims.yaml file."""

    version: Literal[1]
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list, description=(
        "Statements of the sources' texts deliberately not registered as claims; they count as "
        "covered in `claimcheck coverage`."))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors and other tools."""
    schema = Registry.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "claimcheck registry (claims.yaml), format version 1"
    return schema
