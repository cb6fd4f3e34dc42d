"""The summary-of-findings table: GRADE's layout, its per-1,000 arithmetic checked by hand and against
the Cochrane Handbook's own example, and its markdown, HTML, csv and JSON forms."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from claimcheck.views.sof import absolute_effects, per_thousand, risk_with
from conftest import ROOT, invoke

EXAMPLE = str(ROOT / "examples" / "halvorex" / "claims.yaml")


# ------------------------------------------------------------ the arithmetic

def test_the_handbook_example_of_a_risk_ratio_of_0_75() -> None:
    # Cochrane Handbook 5.1, section 11.5.5: "if the risk ratio is consistently 0.75, then treatment
    # would reduce a control group risk of 80% to 60% in the intervention group (an absolute reduction
    # of 20 percentage points) but would reduce a control group risk of 20% to 15%".
    high = absolute_effects("RR", 0.80, 0.75, 0.75, 0.75)
    low = absolute_effects("RR", 0.20, 0.75, 0.75, 0.75)
    assert high is not None and low is not None
    assert (round(high.intervention[0]), round(high.difference[0])) == (600, -200)
    assert (round(low.intervention[0]), round(low.difference[0])) == (150, -50)


def test_an_odds_ratio_and_a_hazard_ratio_use_their_own_formulae() -> None:
    # Handbook 11.5.5: ACR x OR / (1 - ACR + ACR x OR); a hazard ratio 1 - (1 - ACR)^HR. By hand:
    # 0.2 x 0.5 / (1 - 0.2 + 0.1) = 0.1 / 0.9 = 0.1111; 1 - 0.8^0.5 = 0.10557.
    assert risk_with("OR", 0.2, 0.5) == pytest.approx(0.1 / 0.9)
    assert risk_with("HR", 0.2, 0.5) == pytest.approx(1 - math.sqrt(0.8))
    assert absolute_effects("MD:mmHg", 0.2, -3, -5, -1) is None


def test_a_risk_difference_is_used_as_it_is() -> None:
    effects = absolute_effects("RD", 0.25, -0.028, -0.050, -0.006)
    assert effects is not None
    assert [round(x) for x in effects.difference] == [-28, -50, -6]
    assert per_thousand(effects.difference) == "28 fewer per 1,000 (from 50 fewer to 6 fewer)"
    assert per_thousand((3.4, -2.0, 9.0)) == "3 more per 1,000 (from 2 fewer to 9 more)"


# ------------------------------------------------------- the worked example

def _by_hand() -> dict[str, float]:
    """The worked example's stroke row, computed here from the registered counts alone."""
    studies = [(482, 2104, 1110, 4321), (41, 300, 52, 300)]  # HALO-1, HALO-0: treatment k/n vs control k/n
    logs = [math.log((a / n1) / (c / n2)) for a, n1, c, n2 in studies]
    variances = [1 / a - 1 / n1 + 1 / c - 1 / n2 for a, n1, c, n2 in studies]
    weights = [1 / v for v in variances]
    pooled = sum(w * y for w, y in zip(weights, logs)) / sum(weights)
    q = sum(w * (y - pooled) ** 2 for w, y in zip(weights, logs))
    assert q < 1  # below its df: tau² = 0, so the random-effects estimate is the fixed one
    se = 1 / math.sqrt(sum(weights))
    rr, low, high = (math.exp(pooled + k * 1.959963984540054 * se) for k in (0, -1, 1))
    control = (1110 + 52) / (4321 + 300)  # GRADEpro's "study population" risk
    return {"rr": rr, "low": low, "high": high, "control": control}


def test_the_worked_example_row_matches_the_table_computed_by_hand() -> None:
    hand = _by_hand()
    # the figures the hand computation gives, written out: RR 0.885 (0.809 to 0.969), control 251.5 per 1,000
    assert (round(hand["rr"], 3), round(hand["low"], 3), round(hand["high"], 3)) == (0.885, 0.809, 0.969)
    assert round(1000 * hand["control"], 1) == 251.5
    # risk with halvorex: 251.46 x 0.8855 = 222.7; 251.46 x 0.8087 = 203.4; 251.46 x 0.9694 = 243.8
    # difference: 222.7 - 251.5 = -28.8; 203.4 - 251.5 = -48.1; 243.8 - 251.5 = -7.7
    rows = json.loads(invoke("sof", EXAMPLE, "--format", "json").output)["summary_of_findings"]
    row = rows[0]
    assert row["claim"] == "stroke-risk"
    assert row["relative"]["estimate"] == pytest.approx(hand["rr"])
    assert row["absolute"]["control_per_1000"] == pytest.approx(1000 * hand["control"])
    assert [round(x, 1) for x in row["absolute"]["intervention_per_1000"]] == [222.7, 203.4, 243.8]
    assert [round(x, 1) for x in row["absolute"]["difference_per_1000"]] == [-28.8, -48.1, -7.7]
    assert row["control_risk"] == {"events": 1162, "participants": 4621, "per_1000": pytest.approx(251.4607, abs=1e-4)}
    assert (row["participants"], row["studies"], row["design"]) == (7025, 2, "2 RCTs")


MARKDOWN = """\
| Outcome | Participants (studies) | Relative effect (95% CI) | Risk with control | Risk with intervention | Risk difference | Certainty | What happens |
|---|---|---|---|---|---|---|---|
| Halvorex lowers the two-year risk of a first stroke compared with usual care | 7,025 (2 RCTs) | RR 0.89 (95% CI 0.81 to 0.97) | 251 per 1,000 | 223 per 1,000 (203 to 244) | 29 fewer per 1,000 (from 48 fewer to 8 fewer) | ⊕⊕⊕⊕ High | Halvorex reduces the two-year risk of a first stroke. |

Certainty: ⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low (GRADE). Absolute effects per 1,000 from the control arms' risk in the registered two-arm counts.
"""


def test_markdown_pastes_into_a_manuscript() -> None:
    result = invoke("sof", EXAMPLE, "--claim", "stroke-risk")
    assert result.exit_code == 0
    assert result.output == MARKDOWN


def test_csv_opens_in_a_spreadsheet() -> None:
    result = invoke("sof", EXAMPLE, "--tag", "efficacy", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:4] == ["Claim", "Outcome", "Participants (studies)", "Relative effect (95% CI)"]
    assert rows[1][0] == "stroke-risk"
    assert rows[1][5:8] == ["223 per 1,000 (203 to 244)", "29 fewer per 1,000 (from 48 fewer to 8 fewer)", "⊕⊕⊕⊕ High"]
    assert len(rows) == 2


def test_html_is_one_escaped_page() -> None:
    page = invoke("sof", EXAMPLE, "--format", "html").output
    assert page.startswith("<!DOCTYPE html>")
    assert "<td>29 fewer per 1,000 (from 48 fewer to 8 fewer)</td>" in page
    assert page.count("<tr>") == 4  # the head and three claims


FOOTNOTED = """\
version: 1
sources:
  - {id: trial-a, title: A, type: study, design: rct, peer_reviewed: false}
  - {id: trial-b, title: B, type: study, design: rct}
claims:
  - id: c
    statement: Drug lowers deaths
    intervention: the drug
    outcome: deaths
    evidence:
      - {source: trial-a, says: 10/100 vs 14/100, quote: "10 of 100 vs 14 of 100"}
      - {source: trial-b, says: 12/100 vs 13/100, quote: "12 of 100 vs 13 of 100"}
"""


def test_every_reason_that_moved_the_certainty_is_a_footnote(registry) -> None:
    registry(FOOTNOTED)
    result = invoke("sof", "--format", "markdown")
    # by hand: control 27/200 = 135 per 1,000; log RRs ln(10/14), ln(12/13) with variances 0.1514, 0.1402
    # pool to RR 0.816; 135 x 0.816 = 110 per 1,000. High, down 1 and 2, up 1: low.
    lines = result.output.splitlines()
    assert lines[2] == (
        "| Drug lowers deaths | 400 (2 RCTs) | RR 0.82 (95% CI 0.48 to 1.38) | 135 per 1,000 | 110 per 1,000 (65 to 187) "
        "| 25 fewer per 1,000 (from 70 fewer to 52 more) | ⊕⊕◯◯ Low <sup>a,b,c</sup> "
        "| The drug may result in little or no difference in deaths. |")
    assert lines[4:7] == [
        "a. Down 1 risk of bias: trial-a not peer reviewed  ",
        ("b. Down 2 imprecision: pooled RR 0.82 (95% CI 0.48 to 1.38) includes no effect (1) and both an appreciable "
         "benefit (ratio 0.75) and harm (1.25); 49 events (trial-a 24, trial-b 25) are fewer than the 300 events of "
         "the optimal information size for a dichotomous outcome  "),
        "c. Up 1 consistency: 2 independent studies agree (trial-a, trial-b)  ",
    ]


def test_an_unknown_claim_is_a_usage_error() -> None:
    result = invoke("sof", EXAMPLE, "--claim", "no-such")
    assert result.exit_code == 2
    assert "no claim `no-such`" in result.output


HOSTILE = FOOTNOTED.replace("statement: Drug lowers deaths", 'statement: "=HYPERLINK(\\"x\\") </td><script>alert(1)</script> | *b*"')


def test_registry_text_cannot_add_markup_cells_or_formulas(registry) -> None:
    registry(HOSTILE)
    page = invoke("sof", "--format", "html").output
    assert "<script>" not in page and "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = list(csv.reader(io.StringIO(invoke("sof", "--format", "csv").output)))
    assert rows[1][1].startswith("'=HYPERLINK")  # a spreadsheet shows it as text, never runs it
    markdown = invoke("sof", "--format", "markdown").output.splitlines()[2]
    assert markdown.startswith('| =HYPERLINK("x") \\</td>\\<script>alert(1)\\</script> \\| \\*b\\* | 400 (2 RCTs) |')
