"""SPC from Python: indeval.spc over numpy arrays, spc_frame over a DataFrame, the ``spc`` command,
and real LAIT series checked against an independent numpy implementation of the same rules."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest

import indeval
from indeval.cli import main

REPO = Path(__file__).resolve().parents[2]
EXTRACT = REPO / "tests" / "data" / "spc_lait_extract.csv"
UPPER = 11 + 2.66 * 2
BASE = [10.0, 12.0] * 6  # mean 11, every moving range 2


def numpy_reference():
    spec = importlib.util.spec_from_file_location("spc_numpy", REPO / "bench" / "spc_numpy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_names_come_from_the_library():
    assert list(indeval.spc_names("variation")) == [
        "common_cause", "improvement", "concern", "neutral_high", "neutral_low"]
    assert list(indeval.spc_names("rule")) == [
        "", "above_upper", "below_lower", "trend_up", "trend_down", "two_of_three_high",
        "two_of_three_low", "shift_high", "shift_low"]
    assert list(indeval.spc_names("assurance")) == ["", "pass", "fail", "inconsistent"]
    assert indeval.spc_code("improvement", "BIB") == indeval.spc_code("improvement", "increase") == 1
    with pytest.raises(ValueError):
        indeval.spc_code("improvement", "up")
    with pytest.raises(ValueError):
        indeval.spc_names("colour")
    assert indeval.spc_date("Apr-17") == indeval.spc_date("2017-04-01")
    with pytest.raises(ValueError, match="2017-13-01"):
        indeval.spc_date("2017-13-01")


def test_one_series():
    y = np.array(BASE + [17, 11, 11, 11])
    r = indeval.spc(y, improvement="increase", target=20, fix_after=12)
    assert r.upper[0] == UPPER and r.mean[15] == 11
    assert r.names("rule")[12] == "above_upper"
    assert r.names("variation")[12] == "improvement"
    assert r.names("assurance")[0] == "fail"
    assert r.warnings[0] == 0
    assert r.rule.dtype == np.int8 and r.mean.dtype == np.float64


def test_many_series_with_settings_per_series_dates_and_rebase():
    y = np.array(BASE + [17] + [5.0] * 13)
    labels = np.array(["a"] * 13 + ["b"] * 13)
    days = np.r_[np.arange(13)[::-1], np.arange(13)]  # series a given latest first
    r = indeval.spc(y[np.r_[np.arange(13)[::-1], np.arange(13, 26)]], labels, date=days,
                    improvement=["increase", "SIB"], target=[None, 4.0], fix_after=[12, 0],
                    screen=[True, False])
    assert list(r.first) == [0, 13] and list(r.count) == [13, 13]
    assert r.names("rule")[0] == "above_upper"  # the latest point of a, given first
    assert r.upper[20] == 5.0  # b without screening: limits on the mean
    assert list(r.names("assurance")) == ["", "fail"]
    rebase = np.zeros(26, dtype=bool)
    rebase[6] = True
    r2 = indeval.spc(y, labels, rebase=rebase)
    assert r2.mean[0] != r2.mean[6]
    assert r2.warnings[0] & indeval.xmr.WARNING_SHORT_PHASE


def test_refusals_name_what_and_where():
    y = np.array(BASE)
    with pytest.raises(indeval.ArgumentError, match="row 5"):
        indeval.spc(y, date=np.array([1, 2, 3, 4, 5, 1, 7, 8, 9, 10, 11, 12]))
    with pytest.raises(indeval.ArgumentError, match="fix_after"):
        indeval.spc(y, fix_after=11)
    with pytest.raises(ValueError, match="not contiguous"):
        indeval.spc(y, ["a", "b"] * 6)
    with pytest.raises(ValueError, match="one per series"):
        indeval.spc(y, ["a"] * 6 + ["b"] * 6, target=[1, 2, 3])
    with pytest.raises(TypeError):
        indeval.spc(np.array(["1"] * 12))
    with pytest.raises(ValueError, match="date of row 0"):
        indeval.spc(y, date=["soon"] * 12)


def test_empty_missing_and_infinite_values():
    r = indeval.spc(np.array([]))
    assert r.mean.size == 0 and r.assurance.size == 1
    r = indeval.spc(np.array([np.nan, np.inf, 1.0]))
    assert r.warnings[0] & indeval.xmr.WARNING_MISSING_VALUES
    assert math.isnan(r.upper[2])


def test_frame_helper_keeps_row_order():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"series": ["b"] * 13 + ["a"] * 13,
                       "date": [f"2020-{m:02d}-01" for m in range(1, 13)] + ["2021-01-01"] +
                               [f"2020-{m:02d}-01" for m in range(1, 13)] + ["2021-01-01"],
                       "value": BASE + [17] + BASE + [5],
                       "improvement": ["increase"] * 13 + ["decrease"] * 13,
                       "target": [20.0] * 13 + [None] * 13})
    out = indeval.spc_frame(df, improvement="improvement", target="target", fix_after=12)
    assert list(out.columns[-6:]) == ["mean", "lower", "upper", "variation", "rule", "assurance"]
    assert out["rule"].iloc[12] == "above_upper" and out["variation"].iloc[12] == "improvement"
    assert out["rule"].iloc[25] == "below_lower" and out["variation"].iloc[25] == "improvement"
    assert out["assurance"].iloc[0] == "fail" and out["assurance"].iloc[13] == ""
    dup = df.copy()
    dup.loc[20, "date"] = dup.loc[17, "date"]  # series a, given second: the frame's row 20
    with pytest.raises(indeval.ArgumentError, match="row 20 of the frame"):
        indeval.spc_frame(dup)
    df.loc[3, "improvement"] = "decrease"
    with pytest.raises(ValueError, match="row 3"):
        indeval.spc_frame(df, improvement="improvement")


def test_real_lait_series_match_an_independent_numpy_implementation():
    rows = list(csv.DictReader(EXTRACT.open(encoding="utf-8")))
    names = list(dict.fromkeys(r["series"] for r in rows))
    code = {n: i for i, n in enumerate(names)}
    rows.sort(key=lambda r: (code[r["series"]], indeval.spc_date(r["date"])))
    values = np.array([float(r["value"]) if r["value"] else np.nan for r in rows])
    series = np.array([code[r["series"]] for r in rows])
    imp_by_series = {r["series"]: indeval.spc_code("improvement", r["improvement"]) for r in rows}
    improvement = np.array([imp_by_series[n] for n in names])
    # Targets above, within and below the series' values.
    target = np.array([np.nanmedian(np.r_[values[series == k], 0.0]) + (k % 3 - 1) * 5
                       for k in range(len(names))])
    ref = numpy_reference()
    for screen in (True, False):
        ours = indeval.spc(values, series, improvement=improvement, target=target, screen=screen)
        theirs = ref.spc_numpy(values, series, np.zeros(len(values), dtype=np.int64), improvement,
                               target, np.zeros(len(names), dtype=np.int64),
                               np.full(len(names), screen))
        for field in ("mean", "lower", "upper"):
            np.testing.assert_array_equal(getattr(ours, field), theirs[field])
        np.testing.assert_array_equal(ours.rule, theirs["rule"])
        np.testing.assert_array_equal(ours.variation, theirs["variation"])
        np.testing.assert_array_equal(ours.assurance, theirs["assurance"])
    # The extract has special causes of several kinds and missing values; a check that sees none
    # would prove little.
    assert len(set(ours.names("rule"))) >= 3 and np.isnan(values).any()


def test_numpy_implementation_agrees_on_built_series_with_phases():
    ref = numpy_reference()
    rng = np.random.default_rng(7)
    n_series, length = 300, 40
    values = np.round(rng.normal(50, 5, n_series * length), 1)
    values[rng.random(values.size) < 0.03] = np.nan
    trend = np.arange(length) * 0.8
    values[: length * 50] += np.tile(trend, 50)  # some trends
    series = np.repeat(np.arange(n_series), length)
    rebase = (np.tile(np.arange(length), n_series) == 20) & (series % 2 == 0)
    phase = np.cumsum(rebase | np.r_[True, series[1:] != series[:-1]])
    improvement = np.arange(n_series) % 3
    target = rng.normal(50, 10, n_series)
    fix_after = np.where(np.arange(n_series) % 4 == 0, 15, 0)
    screen = np.arange(n_series) % 5 != 0
    ours = indeval.spc(values, series, rebase=rebase, improvement=improvement, target=target,
                       fix_after=fix_after, screen=screen, threads=2)
    theirs = ref.spc_numpy(values, series, phase, improvement, target, fix_after, screen)
    for field in ("mean", "lower", "upper", "rule", "variation", "assurance"):
        np.testing.assert_array_equal(getattr(ours, field), theirs[field], err_msg=field)
    assert len(set(ours.rule)) == 9  # every rule seen


def test_cli_csv_columns_names_and_blank_limits(tmp_path):
    f = tmp_path / "in.csv"
    lines = ["series,date,value,improvement,target,fix_after,screen"]
    lines += [f"a,2020-{m:02d}-01,{v},increase,20,12," for m, v in zip(range(1, 13), BASE)]
    lines += ["a,2021-01-01,17,,,,", "b,Apr-17,5,,,,", "b,May-17,5,,,,"]
    f.write_text("\n".join(lines) + "\n")
    code, out, err = run("spc", str(f), "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["series", "date", "value", "mean", "lower", "upper", "variation", "rule",
                       "assurance"]
    assert rows[13] == ["a", "2021-01-01", "17", "11", repr(11 - 2.66 * 2), repr(UPPER),
                        "improvement", "above_upper", "fail"]
    assert float(rows[13][5]) == UPPER  # round-trip exact
    assert rows[14] == ["b", "Apr-17", "5", "5", "", "", "common_cause", "", ""]
    code, out, _ = run("spc", str(f), "--format", "json")
    doc = json.loads(out)
    assert doc["series"][0]["assurance"] == "fail" and doc["series"][1]["points"][0]["upper"] is None
    code, out, _ = run("spc", str(f))
    assert code == 0 and "above_upper" in out and "2 series, 15 points" in out


@pytest.mark.parametrize("line, row, column", [
    ("a,2020-02-30,1,,,", 3, "date"),
    ("a,2020-01-01,1,,,", 3, "date"),           # the same date as row 2
    ("a,2020-03-01,1,up,,", 3, "improvement"),
    ("a,2020-03-01,1,,,11", 3, "fix_after"),
    ("a,2020-03-01,x,,,", 3, "value"),
    ("a,2020-03-01,1,decrease,,", 3, "improvement"),  # differs from row 2
])
def test_cli_refuses_bad_rows_naming_row_and_column(tmp_path, line, row, column):
    f = tmp_path / "bad.csv"
    f.write_text("series,date,value,improvement,target,fix_after\n"
                 "a,2020-01-01,1,increase,,\n" + line + "\n")
    code, out, err = run("spc", str(f))
    assert code == 2
    assert f"row {row}, column '{column}'" in err
    assert "Traceback" not in err


def test_cli_refuses_a_file_without_the_columns(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("name,when,value\n")
    code, _, err = run("spc", str(f))
    assert code == 2 and "no 'series' column" in err
    code, _, err = run("spc", str(tmp_path / "absent.csv"))
    assert code == 2


def test_cli_reads_the_real_extract():
    code, out, err = run("spc", str(EXTRACT), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 240
    assert {r["variation"] for r in rows} >= {"common_cause", "improvement", "concern"}
