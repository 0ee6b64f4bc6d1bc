"""Indicators and lint from Python, with the seed scorecard's awkward rows."""

from __future__ import annotations

import math

import numpy as np
import pytest

import indeval
from indeval import Direction, Finding, Indicator, Observation, Polarity, RuleSet, Severity, Status

from rule_texts import AMT2, COHORT, NAN, W1
MONTHS = ["Apr-17", "May-17", "Jun-17", "Jul-17", "Aug-17", "Sep-17", "Oct-17", "Nov-17"]


def codes(findings):
    return [f.code for f in findings]


def test_indicator_fields_and_copies():
    ind = Indicator("W 1", title="Average caseload", section="Workforce", polarity="SIB",
                    unit="average", decimals=0, target=17, rules=W1)
    assert ind.ref == "W 1" and ind.title == "Average caseload" and ind.section == "Workforce"
    assert ind.polarity is Polarity.SIB and ind.unit is indeval.Unit.AVERAGE
    assert ind.decimals == 0 and ind.target == 17
    assert ind.rules == RuleSet.parse(W1) and ind.rule_text == W1
    assert "W 1" in repr(ind) and "SIB" in repr(ind)
    other = ind.replace(polarity="BIB", target=None)
    assert other.polarity is Polarity.BIB and other.target is None and ind.polarity is Polarity.SIB
    with pytest.raises(AttributeError):
        ind.ref = "W 2"
    with pytest.raises(indeval.ParseError):
        Indicator("X", rules="95% or above Purple")
    with pytest.raises(TypeError):
        Indicator("X", rules=42)
    with pytest.raises(ValueError):
        Indicator("X", unit="litres")
    with pytest.raises(ValueError):
        Indicator("X", decimals=16)
    with pytest.raises(indeval.ArgumentError, match="target"):
        Indicator("X", target=math.inf)
    plain = Indicator("CTX 1")
    assert plain.rules is None and plain.evaluate(5) is Status.NONE
    assert plain.explain(5).startswith("None: not rated")


def test_indicator_rates_with_its_own_settings():
    ind = Indicator("AMT 2", polarity="BIB", unit="percent", decimals=1, target=95, rules=AMT2)
    assert ind.evaluate(94.95) is Status.GREEN  # rounded to 1 dp first
    assert ind.evaluate(63.9) is Status.RED
    assert ind.evaluate(0.9495, scale="fraction") is Status.GREEN
    assert ind.evaluate(None) is Status.NONE
    assert ind.explain(63.9) == "Red: 63.9% is below the Amber threshold of 85%"
    assert ind.direction(60, 63.9) is Direction.IMPROVED
    assert ind.direction(63.91, 63.94) is Direction.SAME
    # a definition change between the two values: no direction
    assert ind.direction(79, 53, previous_note="6m+", current_note="") is Direction.NONE
    assert ind.direction(79, 53, previous_note="6m+", current_note="6M+ ") is Direction.DECLINED
    with pytest.raises(TypeError):
        ind.direction([1, 2], [2, 3], previous_note="x")
    cohort = Indicator("CP 10", polarity="SIB", rules=COHORT)
    assert cohort.evaluate(12) is Status.NONE
    assert cohort.evaluate(12, cohort=100) is Status.AMBER
    assert cohort.evaluate([12, 12], cohort=[100, 60]).tolist() == [2, 1]


def test_lint_the_seed_scorecards_awkward_rows():
    # W 1: a gap between the bands (17 .. 18.1) and a published "Yellow"
    w1 = Indicator("W 1", polarity="SIB", unit="average", decimals=0, target=17, rules=W1)
    found = w1.lint(list(zip(MONTHS, [16, 16, 17, 17, 17, 17, 17, 18])) +
                    [Observation("Dec-17", 18, "", "Yellow")])
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in found)
    gap = [f for f in found if f.code == "band-gap"]
    assert len(gap) == 1 and gap[0].severity is Severity.WARNING
    assert gap[0].where.startswith("rules")
    unknown = [f for f in found if f.code == "published-unknown"]
    assert len(unknown) == 1 and unknown[0].where == "Dec-17" and "Yellow" in unknown[0].message
    assert unknown[0].severity is Severity.ERROR

    # QA 1: SIB declared, but the bands rise
    qa1 = Indicator("QA 1", polarity="SIB", unit="percent", target=90,
                    rules="90% or above Green 80%-89% Amber 79% and below Red")
    assert "polarity-conflict" in codes(qa1.lint())

    # CIN 4: fine rules, but a target the rules rate worse than Green
    cin4 = Indicator("CIN 4", polarity="BIB", unit="percent", target=75,
                     rules="98% or above Green 90%-97% Amber 89% and below Red")
    assert "target-not-green" in codes(indeval.lint(cin4))

    # AD 7: zeros that mean "no data" in a days series
    ad7 = Indicator("AD 7", polarity="SIB", unit="days", target=558,
                    rules="558 or below Green 559 to 608 Amber 609 and above Red")
    found = ad7.lint(dict(zip(MONTHS, [763, 0, 0, 0, 483, 435, 413, 460])))
    zeros = [f for f in found if f.code == "suspicious-zero"]
    assert {f.where for f in zeros} <= {"May-17", "Jun-17", "Jul-17"} and zeros

    # a definition change in the series, a value that is not finite
    lac = Indicator("LAC 20", polarity="BIB", unit="percent", rules=AMT2)
    found = lac.lint([("Oct-17", 79, "6m+"), ("Nov-17", 53, ""), ("Dec-17", math.inf),
                      {"period": "Jan-18", "value": None, "note": "NA"}])
    assert "definition-change" in codes(found)
    assert "value-not-finite" in codes(found)


def test_lint_reads_the_rule_text_it_is_given():
    # no rule set, unreadable text: the parse error is the finding
    broken = Indicator("X 1", polarity="BIB", rule_text="95% or above Purple")
    found = broken.lint()
    assert codes(found)[0] == "rules-unreadable"
    assert found[0].severity is Severity.ERROR and "Purple" in found[0].message
    # cohort rules without a cohort size, then with one
    cp10 = Indicator("CP 10", polarity="SIB", rules=COHORT)
    assert "needs-denominator" in codes(cp10.lint())
    assert "needs-denominator" not in codes(cp10.lint(cohort=120))


def test_lint_argument_checks():
    ind = Indicator("X", rules=AMT2)
    assert isinstance(indeval.lint(ind, []), list)
    with pytest.raises(TypeError):
        indeval.lint(AMT2)
    with pytest.raises(TypeError):
        ind.lint([("Nov-17", "63.9%")])
    with pytest.raises(ValueError, match="NUL"):
        ind.lint([("Nov\0-17", 1.0)])
    assert ind.lint([("Nov-17", np.float64(96), None, None)]) == ind.lint([("Nov-17", 96)])
