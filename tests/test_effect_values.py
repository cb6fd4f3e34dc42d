"""Every form of the value language for effects (docs/format.md, "Effects"), pinned with its parse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.values import (
    EFFECT,
    MEAN,
    Estimate,
    Mean,
    NumberOutOfRange,
    PValue,
    RelativeChange,
    Significance,
    TestStatistic,
    TwoArms,
    ValueSyntaxError,
    parse,
)


@pytest.mark.parametrize("says, kind, shown", [
    # ratio measures, and how their names are written
    ("RR 0.83", Estimate, "RR 0.83"),
    ("OR 1.5", Estimate, "OR 1.5"),
    ("HR 0.71", Estimate, "HR 0.71"),
    ("IRR 1.2", Estimate, "IRR 1.2"),
    ("rate ratio 0.83", Estimate, "IRR 0.83"),
    ("risk ratio 0.83", Estimate, "RR 0.83"),
    ("hazard ratio 0.71", Estimate, "HR 0.71"),
    ("HR = 0.71", Estimate, "HR 0.71"),
    # every spelling of the interval; 95% when the level is not written
    ("RR 0.83 (95% CI 0.75-0.93)", Estimate, "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("RR 0.83, 95% CI: 0.75 to 0.93", Estimate, "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("RR 0.83 [0.75, 0.93]", Estimate, "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("RR 0.83 (0.75–0.93)", Estimate, "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("RR 0·83 (0·75–0·93)", Estimate, "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("HR 0.71 (90% CI 0.62 to 0.81)", Estimate, "HR 0.71 (90% CI 0.62 to 0.81)"),
    ("OR 1.5 (99% CI 1.1-2.0)", Estimate, "OR 1.5 (99% CI 1.1 to 2.0)"),
    # p beside an estimate
    ("RR 0.83 (95% CI 0.75 to 0.93); P<0.001", Estimate, "RR 0.83 (95% CI 0.75 to 0.93), p < 0.001"),
    ("HR 0.71, p = 0.03", Estimate, "HR 0.71, p = 0.03"),
    ("OR 1.5, p=.04", Estimate, "OR 1.5, p = .04"),
    ("RR 0.9, NS", Estimate, "RR 0.9, NS"),
    ("RR 0.9, P > 0.05", Estimate, "RR 0.9, p > 0.05"),
    # adjusted and crude
    ("adjusted RR 0.83", Estimate, "adjusted RR 0.83"),
    ("aHR 0.71", Estimate, "adjusted HR 0.71"),
    ("aOR 1.5", Estimate, "adjusted OR 1.5"),
    ("crude RR 0.9", Estimate, "RR 0.9"),
    # differences and numbers needed
    ("MD -2.1 mmHg (95% CI -3.0 to -1.2)", Estimate, "MD -2.1 mmHg (95% CI -3.0 to -1.2)"),
    ("RD -2.8 percentage points", Estimate, "RD -2.8 pp"),
    ("-2.8 pp", Estimate, "RD -2.8 pp"),
    ("ARR 2.8 pp", Estimate, "ARR 2.8 pp"),
    ("NNT 25", Estimate, "NNT 25"),
    ("NNH 40", Estimate, "NNH 40"),
    ("NNT 25 (95% CI 15 to 100)", Estimate, "NNT 25 (95% CI 15 to 100)"),
    # relative changes in words, as ratio intervals at the precision written
    ("reduced by 18%", RelativeChange, "reduced by 18% (ratio (0.815, 0.825])"),
    ("20% lower", RelativeChange, "reduced by 20% (ratio (0.795, 0.805])"),
    ("cut by a third", RelativeChange, "reduced by a third (ratio [0.6167, 0.7167])"),
    ("cut deaths by a third", RelativeChange, "reduced by a third (ratio [0.6167, 0.7167])"),
    ("halved", RelativeChange, "reduced by half (ratio [0.45, 0.55])"),
    ("doubled", RelativeChange, "2-fold higher (ratio [1.5, 2.5))"),
    ("2-fold", RelativeChange, "2-fold higher (ratio [1.5, 2.5))"),
    ("increased by 20%", RelativeChange, "increased by 20% (ratio [1.195, 1.205))"),
    ("no difference", RelativeChange, "no difference (ratio 1)"),
    ("no significant difference", Significance, "not significant"),
    # two-arm counts, treatment first
    ("482/2104 vs 1110/4321", TwoArms, "482/2104 vs 1110/4321"),
    ("482 of 2104 vs 1110 of 4321", TwoArms, "482/2104 vs 1110/4321"),
    ("482/2104 (22.9%) vs 1110/4321 (25.7%)", TwoArms, "482/2104 (22.9%) vs 1110/4321 (25.7%)"),
    # p-values and significance alone
    ("p = 0.04", PValue, "p = 0.04"),
    ("p < .05", PValue, "p < .05"),
    ("P=0.001", PValue, "p = 0.001"),
    ("p = 2.1e-5", PValue, "p = 2.1e-5"),
    ("significant", Significance, "significant"),
    ("statistically significant", Significance, "significant"),
    ("not significant", Significance, "not significant"),
    ("non-significant", Significance, "not significant"),
    # test statistics as statcheck reads them
    ("t(28) = 2.20, p = .04", TestStatistic, "t(28) = 2.20, p = .04"),
    ("F(2, 57) = 3.10, p = .05", TestStatistic, "F(2, 57) = 3.10, p = .05"),
    ("chi2(1) = 4.20, p = .04", TestStatistic, "chi2(1) = 4.20, p = .04"),
    ("χ2(1) = 4.20, p = .04", TestStatistic, "chi2(1) = 4.20, p = .04"),
    ("χ²(1) = 4.20, p = .04", TestStatistic, "chi2(1) = 4.20, p = .04"),
    ("r(48) = .30, p = .03", TestStatistic, "r(48) = .30, p = .03"),
    ("z = 1.96, p = .05", TestStatistic, "z = 1.96, p = .05"),
    ("t(28) = 2.20, p = .02, one-tailed", TestStatistic, "t(28) = 2.20, p = .02, one-tailed"),
    # means for GRIM and GRIMMER
    ("M = 3.48, SD = 1.20, n = 25", Mean, "M = 3.48, SD = 1.20, n = 25"),
    ("M = 3.48, SD = 1.20, n = 25, items = 3", Mean, "M = 3.48, SD = 1.20, n = 25, items = 3"),
])
def test_every_effect_form(says: str, kind: type, shown: str) -> None:
    value = parse(says)
    assert (type(value), value.describe(), value.dimension) == (kind, shown, MEAN if kind is Mean else EFFECT)


def test_an_estimate_keeps_every_number_as_written() -> None:
    value = parse("HR 0.71 (90% CI 0.62 to 0.81), p = 0.03")
    assert value.to_json() == {
        "form": "estimate", "dimension": "effect", "measure": "HR", "name": "hazard ratio", "scale": "ratio",
        "outcome": "time-to-event", "null": 1.0, "adjusted": False,
        "estimate": {"value": 0.71, "text": "0.71", "decimals": 2}, "unit": "",
        "ci": {"low": {"value": 0.62, "text": "0.62", "decimals": 2},
               "high": {"value": 0.81, "text": "0.81", "decimals": 2}, "level": 90.0, "level_written": True},
        "p": {"form": "p-value", "dimension": "effect", "comparator": "=",
              "value": {"value": 0.03, "text": "0.03", "decimals": 2}}}


@pytest.mark.parametrize("says, message", [
    ("RR 0.83 (95% CI 0.75-0.93) (95% CI 0.7-0.9)", ("`RR 0.83 (95% CI 0.75-0.93) (95% CI 0.7-0.9)` gives two "
                                                   "intervals; give one")),
    ("RR 0.83, p = 0.03, p = 0.04", "`RR 0.83, p = 0.03, p = 0.04` gives two p-values; give one"),
    ("RR 0.83 (45% CI 0.75-0.93)", ("`RR 0.83 (45% CI 0.75-0.93)`: a confidence level of 45% is not one an interval "
                                   "has (50% to 99.9%)")),
    ("RR 0.83 (95% CI 0.75-0.93", "`RR 0.83 (95% CI 0.75-0.93`: its brackets do not match"),
    ("-3/10 vs 4/10", "`-3/10 vs 4/10`: a count cannot be negative"),
    ("0.5-fold", ("`0.5-fold`: a fold change of 0.5 is ambiguous; write the ratio (RR 0.5) or the change in percent "
                 "(reduced by 50%)")),
    ("crude RR 0.9, adjusted", "`crude RR 0.9, adjusted` calls the estimate both crude and adjusted"),
    ("RD -2.8 mmHg", ("`RD -2.8 mmHg`: a risk difference is in percentage points (`pp`, `percentage points`, `%`) or "
                     "a fraction without a unit, not `mmHg`")),
])
def test_malformed_effects_name_what_is_wrong(says: str, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as error:
        parse(says)
    assert str(error.value) == message


@pytest.mark.parametrize("says", ["RR 1e400", "1" + "0" * 309 + "/1", "about 1" + "0" * 400 + " mg", "1.0e400",
                                  "1" * 4301])
def test_numbers_beyond_reason_are_refused_by_name(says: str) -> None:
    # Issue 11's reproducers: each raised OverflowError, ValueError or a NaN conversion before.
    with pytest.raises(NumberOutOfRange):
        parse(says)


@given(st.text(alphabet=st.sampled_from("0123456789.,-–()[]%/ pPvsCIRHOMDNTtFrz=<>e;:χ²aduj"), max_size=60))
def test_any_text_is_a_value_or_a_syntax_error(text: str) -> None:
    try:
        value = parse(text)
    except ValueSyntaxError:
        return
    assert isinstance(value.describe(), str)


@given(st.sampled_from(["reduced by 18%", "cut by a third", "halved", "doubled", "2-fold", "increased by 20%",
                        "20% lower", "tripled", "reduced by about 18%", "more than doubled"]))
def test_a_change_reads_back_from_how_show_prints_it(says: str) -> None:
    value = parse(says)
    assert isinstance(value, RelativeChange)
    assert parse(value.describe()) == value
