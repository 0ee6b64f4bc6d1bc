"""Arguments the binding refuses or reads: out-of-range ints, numbers too large for a double,
pandas' nullable arrays, float32 figures, and the rate command's non-finite target."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

import indeval
from indeval import Status, cli

RULES = "95% or above Green 85%-94% Amber 84% and below Red"


@pytest.fixture(scope="module")
def rules():
    return indeval.RuleSet.parse(RULES)


# ---- threads ------------------------------------------------------------------------------------

@pytest.mark.parametrize("threads", [2**31, 2**32, 2**63, 10**400])
def test_threads_beyond_int32_are_refused_naming_threads(rules, threads):
    with pytest.raises(ValueError, match="threads"):
        indeval.evaluate_bulk([rules], np.zeros(3, np.int32), np.array([90.0, 96.0, 50.0]),
                              threads=threads)


def test_threads_at_the_limits_are_taken(rules):
    got = indeval.evaluate_bulk([rules], np.zeros(2, np.int32), np.array([90.0, 96.0]), threads=0)
    assert list(got.status) == [Status.AMBER, Status.GREEN]
    with pytest.raises(ValueError, match="threads"):
        indeval.evaluate_bulk([rules], np.zeros(2, np.int32), np.array([90.0, 96.0]), threads=-1)


# ---- numbers too large for a double --------------------------------------------------------------

@pytest.mark.parametrize("argument", ["value", "target", "cohort"])
def test_a_huge_int_names_its_argument(rules, argument):
    kwargs = {"values": 90.0, "target": None, "cohort": None}
    kwargs[{"value": "values"}.get(argument, argument)] = 10**400
    with pytest.raises(ValueError, match=argument) as info:
        rules.evaluate(kwargs.pop("values"), **kwargs)
    assert not isinstance(info.value, OverflowError)


def test_a_huge_int_in_an_object_array_names_it(rules):
    with pytest.raises(ValueError, match="values|value"):
        rules.evaluate(np.array([90.0, 10**400], dtype=object))
    with pytest.raises(ValueError, match="previous"):
        indeval.direction(10**400, 1.0)
    # a huge float is infinite already: not finite, not an error
    assert rules.evaluate(1e308 * 10) == Status.NONE


# ---- pandas nullable arrays ----------------------------------------------------------------------

def test_nullable_float_and_int_arrays_read_na_as_missing(rules):
    floats = pd.array([96.0, None, 90.0], dtype="Float64")
    ints = pd.array([96, pd.NA, 90], dtype="Int64")
    expected = [Status.GREEN, Status.NONE, Status.AMBER]
    for values in (floats, ints, pd.Series(floats), pd.Series(ints)):
        assert list(rules.evaluate(values)) == expected
        got = indeval.evaluate_bulk([rules], np.zeros(3, np.int32), values)
        assert list(got.status) == expected
        assert got.reason[1] == indeval.Reason.NO_DATA
    assert rules.evaluate(pd.NA) == Status.NONE
    assert list(rules.evaluate(np.array([96.0, pd.NA], dtype=object))) == [Status.GREEN,
                                                                           Status.NONE]
    # targets too
    assert list(rules.evaluate(pd.array([96.0, 96.0], dtype="Float64"))) == [Status.GREEN] * 2
    target_rules = indeval.RuleSet.parse("Green: >= target; Red: otherwise")
    got = target_rules.evaluate(np.array([5.0, 5.0]), target=pd.array([4, pd.NA], dtype="Int64"))
    assert list(got) == [Status.GREEN, Status.NONE]


def test_a_nullable_index_is_read_or_refused_when_na(rules):
    got = indeval.evaluate_bulk([rules], pd.array([0, 0], dtype="Int64"), np.array([96.0, 90.0]))
    assert list(got.status) == [Status.GREEN, Status.AMBER]
    with pytest.raises(ValueError, match="index holds NA"):
        indeval.evaluate_bulk([rules], pd.array([0, pd.NA], dtype="Int64"), np.array([96.0, 90.0]))


# ---- float32 --------------------------------------------------------------------------------------

def test_float32_rates_on_its_shortest_decimal(rules):
    one_dp = indeval.RuleSet.parse("95% or above Green 85%-94.9% Amber 84.9% and below Red")
    assert float(np.float32(94.95)) != 94.95  # what a plain widening gives
    assert one_dp.evaluate(94.95, decimals=1) == Status.GREEN
    assert one_dp.evaluate(np.float32(94.95), decimals=1) == Status.GREEN
    assert list(one_dp.evaluate(np.array([94.95, 94.94], dtype=np.float32), decimals=1)) == \
        [Status.GREEN, Status.AMBER]
    cat = indeval.Catalogue()
    cat.add(one_dp, decimals=1)
    got = cat.evaluate(np.array([94.95, np.nan, np.inf], dtype=np.float32))
    assert list(got.status) == [Status.GREEN, Status.NONE, Status.NONE]
    assert list(got.reason) == [indeval.Reason.RATED, indeval.Reason.NO_DATA,
                                indeval.Reason.NOT_FINITE]


# ---- the rate command -----------------------------------------------------------------------------

HUGE = "1" + "0" * 400  # reads as a number, too large for a double


@pytest.mark.parametrize("flag, text", [("--target", HUGE), ("--target", "-" + HUGE),
                                        ("--cohort", HUGE), ("--cohort", "1e400"),
                                        ("--target", "1e400"), ("--target", "inf")])
def test_rate_refuses_a_target_or_cohort_that_is_not_finite(flag, text):
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(["rate", "--rules", "Green: >= target; Red: otherwise", f"{flag}={text}", "5"],
                  out=out, err=err)
    assert rc == 2, out.getvalue()
    assert out.getvalue() == ""
    assert f"error: {flag}:" in err.getvalue()
    if flag == "--cohort":
        assert "not a finite number" in err.getvalue()
