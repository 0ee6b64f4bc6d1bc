"""Rules measured against comparators from Python: the library decides; the binding passes the
figures (one value, arrays, the bulk catalogue) and the CLI's rate flags."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest

import indeval
from indeval import Comparator, Reason, RuleSet, Status
from indeval.cli import main

NAN = float("nan")
ENGLAND = RuleSet.parse("Green: at or above the England average; Amber: within 5% of the "
                        "England average; Red: otherwise")


def test_one_value_against_england():
    assert ENGLAND.comparators == (Comparator.ENGLAND,)
    assert ENGLAND.evaluate(90, england=90) == Status.GREEN
    assert ENGLAND.evaluate(85.5, england=90) == Status.AMBER
    assert ENGLAND.evaluate(85.49, england=90) == Status.RED
    assert ENGLAND.evaluate(2.185, england=2.3) == Status.AMBER  # 95% of 2.3 as written
    for missing in (None, NAN, math.inf):
        assert ENGLAND.evaluate(90, england=missing) == Status.NONE
    assert ENGLAND.evaluate(90, region=90) == Status.NONE
    assert "95% of England 90%" in ENGLAND.explain(86, england=90, unit="percent")
    assert "relative to the England figure" in ENGLAND.explain(86)
    with pytest.raises(TypeError, match="unknown comparator"):
        ENGLAND.explain(86, scotland=90)


def test_arrays_and_the_reason():
    values = np.array([90, 86, 84, NAN, 86])
    england = np.array([90, 90, 90, 90, NAN])
    got = ENGLAND.evaluate(values, england=england)
    assert got.tolist() == [Status.GREEN, Status.AMBER, Status.RED, Status.NONE, Status.NONE]
    cat = indeval.Catalogue([ENGLAND])
    res = cat.evaluate(values, england=england)
    assert res.reason.tolist() == [Reason.RATED, Reason.RATED, Reason.RATED, Reason.NO_DATA,
                                   Reason.NEEDS_COMPARATOR]
    # A scalar comparator applies to every row; each row's equals the one-value rating.
    res = cat.evaluate(values, england=88.0)
    assert res.status.tolist() == [int(ENGLAND.evaluate(v, england=88.0)) for v in values]
    with pytest.raises(ValueError, match="england"):
        cat.evaluate(values, england=np.ones(3))


def test_better_than_needs_a_polarity():
    text = "Green: better than the regional average; Red: otherwise"
    with pytest.raises(indeval.ParseError, match="which way is better") as info:
        RuleSet.parse(text)
    assert info.value.position == 7
    bib, sib = RuleSet.parse(text, "BIB"), RuleSet.parse(text, "SIB")
    assert bib.evaluate(51, region=50) == Status.GREEN and sib.evaluate(51, region=50) == Status.RED
    assert str(sib) == "Green: < region; Red: otherwise"
    assert RuleSet.parse(str(sib)) == sib


def test_previous_period_is_the_previous_values():
    rules = RuleSet.parse("Green: improved on the previous period; Red: otherwise", "BIB")
    values = np.array([10.0, 12.0, 11.0])
    previous = np.array([11.0, 11.0, NAN])
    res = indeval.Catalogue([rules]).evaluate(values, previous=previous)
    assert res.status.tolist() == [Status.RED, Status.GREEN, Status.NONE]
    assert res.reason[2] == Reason.NEEDS_COMPARATOR
    assert rules.evaluate(values, previous=previous).tolist() == res.status.tolist()
    year = RuleSet.parse("Green: no worse than last year; Red: otherwise", "SIB")
    assert year.evaluate(12.04, previous_year=12, decimals=1) == Status.GREEN
    assert year.evaluate(12.05, previous_year=12, decimals=1) == Status.RED


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_rate_takes_comparators():
    code, out, err = run("rate", "--rules", "Green: better than the England average; Amber: "
                         "within 5% of the England average; Red: otherwise", "--polarity", "BIB",
                         "--england", "89.4", "90.2", "86", "84", "-q")
    assert code == 0, err
    assert out.split() == ["Green", "Amber", "Red"]
    code, out, err = run("rate", "--rules", "Green: better than the England average; "
                         "Red: otherwise", "3")
    assert code == 2 and "which way is better" in err
    code, out, err = run("rate", "--rules", "Green: at or above England; Red: otherwise", "3")
    assert code == 0 and out.split() == ["None"]
    code, out, err = run("rate", "--rules", "Green: improved on last year; Red: otherwise",
                         "--polarity", "SIB", "--previous-year", "12", "--decimals", "0", "11.6",
                         "11.4", "-q")
    assert out.split() == ["Red", "Green"]
    code, out, err = run("rate", "--rules", "Green: at or above England; Red: otherwise",
                         "--england", "x9", "3")
    assert code == 2 and "--england" in err
    # a comparator is a figure, named as one (not a target, which may be relative)
    for text, says in (("9x%", "--region: cannot read '9x%' as a figure"),
                       ("NA", "--region: 'NA' is not a number"),
                       ("<10% of Cohort", "--region: ")):
        code, out, err = run("rate", "--rules", "Green: at or above region; Red: otherwise",
                             "--region", text, "3")
        assert code == 2 and says in err and "target" not in err, err
    code, out, err = run("rate", "--rules", "Green: at or above region; Red: otherwise",
                         "--polarity", "XIB", "3")
    assert code == 2 and "--polarity" in err


def test_pandas_comparator_columns_and_indicator_polarity():
    pd = pytest.importorskip("pandas")
    import indeval.pandas as ipd
    df = pd.DataFrame({"indicator": ["a", "a", "b", "b"],
                       "value": [90.0, 84.0, 10.0, 12.0],
                       "eng": pd.array([90.0, 90.0, None, 11.0], dtype="Float64"),
                       "prev": [80.0, 85.0, 11.0, 11.0]}, index=[7, 3, 9, 1])
    rules = {"a": ENGLAND,
             # an Indicator reads "better than" with its own polarity
             "b": indeval.Indicator("b", polarity="SIB",
                                    rules="Green: better than the previous period; Red: otherwise")}
    out = ipd.evaluate(df, rules, england="eng", previous="prev")
    assert list(out.index) == [7, 3, 9, 1]
    assert list(out["status"].astype(str)) == ["Green", "Red", "Green", "Red"]
    with pytest.raises(KeyError, match="region"):
        ipd.evaluate(df, rules, region="region")
    out = ipd.evaluate(df, {"a": ENGLAND, "b": None})
    assert list(out["reason"].astype(str))[:2] == ["needs comparator", "needs comparator"]
