"""indeval.pandas: a long DataFrame in, Categorical statuses out, row for row as the bulk call."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import indeval
import indeval.pandas as ipd
from indeval import Direction, Reason, Status
from indeval.comparison import BAND_LETTERS

AMT2 = "95% or above Green 85%-94% Amber 84% and below Red"
W1 = "17 or below Green 18.1-20 Amber 20.1 and above Red"
RELATIVE = "Green: on or above target, Amber: within 5% of target, Red: otherwise"


def rules():
    return {
        "AMT 2": AMT2,
        "W 1": indeval.Indicator("W 1", rules=W1, decimals=0, polarity="SIB"),
        "REL": indeval.RuleSet.parse(RELATIVE),
        "CTX": None,
    }


def frame():
    return pd.DataFrame({
        "indicator": ["AMT 2", "AMT 2", "AMT 2", "W 1", "W 1", "REL", "CTX", "AMT 2", "AMT 2"],
        "value": [63.9, 94.95, 95.0, 18.0, 17.4, 96.0, 5.0, math.inf, math.nan],
        "previous": [70.0, 94.95, 80.0, 17.0, 21.0, 90.0, 4.0, 1.0, 2.0],
        "target": [95.0, 95.0, 95.0, 17.0, 17.0, 100.0, math.nan, 95.0, 95.0],
    }, index=[90, 80, 70, 60, 50, 40, 30, 20, 10])


def test_rates_each_row_with_its_indicators_rules_on_the_input_index():
    df = frame()
    out = ipd.evaluate(df, rules(), previous="previous")
    assert list(out.columns) == ["status", "reason", "direction"]
    assert out.index.equals(df.index)
    assert list(out["status"]) == ["Red", "Amber", "Green", "Amber", "Green", "None", "None",
                                   "None", "None"]
    assert list(out["reason"]) == ["rated"] * 5 + ["needs target", "not rated", "not finite",
                                                   "no data"]
    # Direction of travel: W 1 is SIB (17 -> 18 declined, 21 -> 17 improved); AMT 2 by its
    # rising rules; 94.95 vs 94.95 the same.
    assert list(out["direction"][:5]) == ["declined", "same", "improved", "declined", "improved"]
    assert out["direction"].iloc[-1] == "-"


def test_equals_the_bulk_call_row_for_row():
    df = frame()
    table = rules()
    keys = list(table)
    entries = [indeval.RuleSet.parse(v) if isinstance(v, str) else v for v in table.values()]
    index = np.array([keys.index(k) for k in df["indicator"]], dtype=np.int32)
    bulk = indeval.evaluate_bulk(entries, index, df["value"].to_numpy(),
                                 previous=df["previous"].to_numpy(),
                                 target=df["target"].to_numpy())
    out = ipd.evaluate(df, table, previous="previous", target="target")
    np.testing.assert_array_equal(out["status"].cat.codes.to_numpy(), bulk.status)
    np.testing.assert_array_equal(out["reason"].cat.codes.to_numpy(), bulk.reason)
    np.testing.assert_array_equal(out["direction"].cat.codes.to_numpy(), bulk.direction)


def test_categories_are_the_library_names_in_code_order_and_unordered():
    out = ipd.evaluate(frame(), rules(), previous="previous")
    for column, enum in (("status", Status), ("reason", Reason), ("direction", Direction)):
        dtype = out[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype)
        assert dtype.ordered is False
        assert list(dtype.categories) == [str(enum(code)) for code in range(len(enum))]
    assert list(out["status"].cat.categories) == ["None", "Red", "Amber", "Green", "Blue"]
    # .cat.codes are the C ABI's codes.
    assert out["status"].cat.codes.iloc[0] == int(Status.RED)


def test_no_direction_column_without_previous():
    assert list(ipd.evaluate(frame(), rules()).columns) == ["status", "reason"]


def test_the_library_output_becomes_the_categorical_codes_without_a_copy(monkeypatch):
    seen = {}
    real = indeval.Catalogue.evaluate

    def spy(self, *args, **kwargs):
        seen["result"] = real(self, *args, **kwargs)
        return seen["result"]

    monkeypatch.setattr(indeval.Catalogue, "evaluate", spy)
    out = ipd.evaluate(frame(), rules(), previous="previous")
    for column in ("status", "reason", "direction"):
        codes = out[column].array.codes
        assert np.shares_memory(codes, getattr(seen["result"], column)), column


def test_a_float64_column_is_read_in_place():
    column = pd.Series([1.0, 2.5, math.nan])
    assert np.shares_memory(ipd.floats(column, "value"), column.to_numpy())


def test_nullable_dtypes_with_pd_na_are_missing_values():
    df = pd.DataFrame({
        "indicator": pd.array(["AMT 2", "AMT 2", "AMT 2", "REL"], dtype="string"),
        "value": pd.array([63.9, pd.NA, 95.0, 99.0], dtype="Float64"),
        "previous": pd.array([pd.NA, 60, 94, 90], dtype="Int64"),
        "target": pd.array([95.0, 95.0, 95.0, pd.NA], dtype="Float64"),
    })
    out = ipd.evaluate(df, rules(), previous="previous", target="target")
    assert list(out["status"]) == ["Red", "None", "Green", "None"]
    assert list(out["reason"]) == ["rated", "no data", "rated", "needs target"]
    assert list(out["direction"]) == ["-", "-", "improved", "improved"]


def test_a_target_column_replaces_the_entries_targets():
    df = pd.DataFrame({"indicator": ["REL", "REL", "REL"], "value": [95.0, 95.0, 95.0],
                       "target": [95.0, 100.0, 90.0]})
    out = ipd.evaluate(df, {"REL": RELATIVE}, target="target")
    assert list(out["status"]) == ["Green", "Amber", "Green"]
    # Without targets, the relative rules need one.
    assert list(ipd.evaluate(df, {"REL": RELATIVE})["reason"]) == ["needs target"] * 3


def test_exact_thresholds_and_decimals():
    df = pd.DataFrame({"indicator": ["A"] * 5, "value": [95.0, 94.999, 85.0, 84.999, 94.95]})
    assert list(ipd.evaluate(df, {"A": AMT2})["status"]) == ["Green", "Amber", "Amber", "Red",
                                                            "Amber"]
    # 94.95 at 1 dp is 95.0 (Excel's ROUND): Green.
    assert ipd.evaluate(df, {"A": AMT2}, decimals=1)["status"].iloc[4] == "Green"


def test_fraction_scale_applies_to_every_row():
    df = pd.DataFrame({"indicator": ["A", "A"], "value": [0.639, 0.95]})
    assert list(ipd.evaluate(df, {"A": AMT2}, scale="fraction")["status"]) == ["Red", "Green"]


def test_unknown_indicators_are_an_error_naming_them():
    df = pd.DataFrame({"indicator": ["AMT 2", "AMT2", "XYZ", None, "AMT2"],
                       "value": [1.0, 2.0, 3.0, 4.0, 5.0]})
    with pytest.raises(KeyError) as e:
        ipd.evaluate(df, rules())
    text = str(e.value)
    assert "'AMT2'" in text and "'XYZ'" in text and "missing (NA)" in text
    assert "'AMT 2'" not in text
    assert "column 'indicator'" in text


def test_unknown_indicators_can_be_rated_not_rated_instead():
    df = pd.DataFrame({"indicator": ["AMT 2", "XYZ", None], "value": [63.9, 3.0, 4.0]})
    out = ipd.evaluate(df, rules(), unknown="not rated")
    assert list(out["status"]) == ["Red", "None", "None"]
    assert list(out["reason"]) == ["rated", "not rated", "not rated"]
    with pytest.raises(ValueError, match="unknown must be one of"):
        ipd.evaluate(df, rules(), unknown="skip")


def test_a_categorical_indicator_column_is_looked_up_per_category():
    df = frame()
    as_category = df.assign(indicator=df["indicator"].astype("category"))
    # An unused category that has no rules is not an error: no row names it.
    as_category["indicator"] = as_category["indicator"].cat.add_categories(["UNUSED"])
    pd.testing.assert_frame_equal(ipd.evaluate(as_category, rules(), previous="previous"),
                                  ipd.evaluate(df, rules(), previous="previous"))
    with pytest.raises(KeyError, match="'W 9'"):
        bad = as_category.copy()
        bad["indicator"] = bad["indicator"].cat.add_categories(["W 9"])
        bad.loc[90, "indicator"] = "W 9"
        ipd.evaluate(bad, rules())


def test_integer_indicator_keys():
    df = pd.DataFrame({"code": [101, 102, 101], "v": [96.0, 96.0, 50.0]})
    out = ipd.evaluate(df, {101: AMT2, 102: None}, indicator="code", value="v")
    assert list(out["status"]) == ["Green", "None", "Red"]


def test_unreadable_rule_text_names_the_indicator_and_position():
    df = pd.DataFrame({"indicator": ["A"], "value": [1.0]})
    with pytest.raises(indeval.ParseError) as e:
        ipd.evaluate(df, {"A": "Green 90 Purple 80"})
    assert "'A'" in str(e.value) and "Purple" in str(e.value)
    assert e.value.position == 9


def test_bad_arguments_are_clear_errors():
    df = frame()
    with pytest.raises(KeyError, match="value column 'val'"):
        ipd.evaluate(df, rules(), value="val")
    with pytest.raises(KeyError, match="previous column 'prev'"):
        ipd.evaluate(df, rules(), previous="prev")
    with pytest.raises(TypeError, match="column 'value' must hold numbers or None, not str"):
        ipd.evaluate(df.assign(value=["63.9"] * len(df)), rules())
    with pytest.raises(TypeError, match="column 'value' must hold numbers"):
        ipd.evaluate(df.assign(value=pd.array(["x"] * len(df), dtype="string")), rules())
    with pytest.raises(TypeError, match="must be a mapping"):
        ipd.evaluate(df, [AMT2])
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        ipd.evaluate(df.to_dict(), rules())
    with pytest.raises(TypeError, match="rules for indicator 'A'"):
        ipd.evaluate(pd.DataFrame({"indicator": ["A"], "value": [1.0]}), {"A": 3})


def test_empty_frames():
    empty = frame().iloc[:0]
    out = ipd.evaluate(empty, rules(), previous="previous")
    assert len(out) == 0 and list(out.columns) == ["status", "reason", "direction"]
    assert out["status"].dtype == ipd.STATUS
    out = ipd.evaluate(empty, {})
    assert len(out) == 0
    with pytest.raises(KeyError, match="no rules"):
        ipd.evaluate(frame(), {})


def test_a_million_rows_agree_with_per_value_ratings():
    rng = np.random.default_rng(7)
    n = 1_000_000
    values = rng.uniform(60, 100, n)
    values[rng.integers(0, n, 1000)] = np.nan
    values[rng.integers(0, n, 1000)] = np.inf
    keys = np.where(rng.random(n) < 0.5, "AMT 2", "W 1")
    df = pd.DataFrame({"indicator": keys, "value": values})
    out = ipd.evaluate(df, {"AMT 2": AMT2, "W 1": W1}, threads=2)
    amt2 = indeval.RuleSet.parse(AMT2).evaluate(values)
    w1 = indeval.RuleSet.parse(W1).evaluate(values)
    np.testing.assert_array_equal(out["status"].cat.codes.to_numpy(),
                                  np.where(keys == "AMT 2", amt2, w1))


# ---- scorecards as DataFrames -------------------------------------------------------------------

def test_the_seed_scorecard_as_a_long_frame_rates_as_the_scorecard_command_does():
    from indeval import scorecard as sc
    frame = ipd.read_scorecard()
    card = sc.load_seed()
    assert list(frame.columns) == ["indicator", "period", "value", "note", "text", "target",
                                   "cohort", "published"]
    assert len(frame) == len(card.indicators) * len(card.periods)
    assert frame["period"].cat.ordered and list(frame["period"].cat.categories) == card.periods
    assert frame["value"].dtype == np.float64
    amt2 = frame[(frame["indicator"] == "AMT 2") & (frame["period"] == "Nov-17")].iloc[0]
    assert amt2["value"] == 63.9 and amt2["target"] == 95.0 and amt2["text"] == "63.9%"
    # Published statuses only on the latest period's rows.
    assert set(frame.loc[frame["period"] != card.latest(), "published"]) == {""}

    rated = ipd.evaluate(frame, ipd.scorecard_indicators(), cohort="cohort")
    latest = frame.assign(status=rated["status"])[frame["period"] == "Nov-17"]
    want = {row.ref: row.status_name for row in sc.rate_scorecard(card, "Nov-17").rows}
    assert dict(zip(latest["indicator"], latest["status"])) == want


def test_a_long_layout_scorecard_with_definitions(repo_root):
    data = repo_root / "examples" / "data"
    frame = ipd.read_scorecard(data / "seed_values_long.csv", data / "seed_definitions.csv")
    seed = ipd.read_scorecard()
    assert set(frame["indicator"]) == set(seed["indicator"])
    assert "AMT 2" in ipd.scorecard_indicators(data / "seed_values_long.csv",
                                               data / "seed_definitions.csv")


def test_an_unreadable_scorecard_names_the_row(tmp_path):
    from indeval.scorecard import ScorecardError
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,title,Apr-17\nX 1,t,63.9%,extra\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match="row"):
        ipd.read_scorecard(bad)


def test_a_categorical_indicator_column_with_only_missing_values():
    df = pd.DataFrame({"indicator": pd.Categorical([None, None]), "value": [1.0, 2.0]})
    with pytest.raises(KeyError, match="missing \\(NA\\)"):
        ipd.evaluate(df, {"A": AMT2})
    out = ipd.evaluate(df, {"A": AMT2}, unknown="not rated")
    assert list(out["reason"]) == ["not rated", "not rated"]


# ---- SPC ----------------------------------------------------------------------------------------

def spc_series(count=12, points=20, seed=5):
    rng = np.random.default_rng(seed)
    frames = []
    for s in range(count):
        values = rng.normal(50, 5, points)
        values[-1] = 200.0  # far above the upper limit
        frames.append(pd.DataFrame({"series": f"S{s}", "date": np.arange(points) * 30,
                                    "value": values, "improvement": "increase"}))
    df = pd.concat(frames, ignore_index=True)
    return df.sample(frac=1.0, random_state=1)  # rows in any order, series interleaved


def test_spc_names_become_categoricals_in_code_order():
    df = spc_series()
    out = ipd.spc(df, improvement="improvement")
    want = indeval.spc_frame(df, improvement="improvement")
    assert out.index.equals(df.index)
    for kind in ("variation", "rule", "assurance"):
        dtype = out[kind].dtype
        assert isinstance(dtype, pd.CategoricalDtype) and not dtype.ordered
        assert list(dtype.categories) == list(indeval.spc_names(kind))
        assert list(out[kind].astype(object)) == list(want[kind])
    np.testing.assert_array_equal(out["upper"].to_numpy(), want["upper"].to_numpy())
    last = out[out["value"] == 200.0]
    assert set(last["rule"]) == {"above_upper"} and set(last["variation"]) == {"improvement"}


def test_spc_of_no_rows_has_the_result_columns():
    out = ipd.spc(spc_series().iloc[:0])
    assert len(out) == 0
    assert list(out.columns[-6:]) == ["mean", "lower", "upper", "variation", "rule", "assurance"]
    assert out["rule"].dtype == ipd.spc_dtypes()["rule"]
    with pytest.raises(TypeError, match="pandas DataFrame"):
        ipd.spc({"value": [1.0]})


# ---- comparisons across areas -------------------------------------------------------------------

def lait():
    """The committed LAIT extract, rows shuffled onto a non-default index (labels out of order)."""
    x = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "lait_extract.csv",
                    dtype={"period": str}, usecols=["measure", "period", "area", "value",
                                                    "polarity", "quartiles"])
    measures = x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]]
    x = x.drop(columns=["polarity", "quartiles"]).sample(frac=1.0, random_state=4)
    x["value"] = pd.to_numeric(x["value"].replace("-", np.nan))  # "-": no figure
    x.index = pd.Index(np.arange(len(x))[::-1] * 7 + 3, name="row")
    return x, measures


def neighbours():
    return pd.read_csv(Path(__file__).resolve().parents[1] / "data" /
                       "statistical_neighbours.csv")


def test_compare_gives_benchmarks_figures_on_the_input_index():
    df, measures = lait()
    out = ipd.compare(df, measures, neighbours=neighbours())
    assert out.index.equals(df.index)
    assert list(out.columns) == ["rank", "quartile", "sn_mean", "england", "region"]
    assert out["rank"].dtype == np.int32 and out["quartile"].dtype == ipd.QUARTILE
    want = indeval.benchmark(df, measures, neighbours=neighbours())
    for column in ("rank", "sn_mean", "england", "region"):
        np.testing.assert_array_equal(out[column].to_numpy(), want[column].to_numpy())
    assert list(out["quartile"].astype(object)) == list(want["quartile"])
    np.testing.assert_array_equal(out["quartile"].cat.codes.to_numpy(),
                                  pd.Index(BAND_LETTERS).get_indexer(want["quartile"]))
    assert out["rank"].max() > 100 and set(out["quartile"]) == {"", "A", "B", "C", "D"}
    # Rows keep their labels: a row's figures do not depend on where it stands in df.
    again = ipd.compare(df.sort_index(), measures, neighbours=neighbours())
    pd.testing.assert_frame_equal(again, out.sort_index())


def test_compare_reads_nullable_values_pd_na_as_missing():
    df, measures = lait()
    nullable = df.assign(value=df["value"].astype("Float64"), area=df["area"].astype("Int64"))
    assert nullable["value"].isna().sum() > 0  # pd.NA where the extract has no figure
    pd.testing.assert_frame_equal(ipd.compare(nullable, measures, neighbours=neighbours()),
                                  ipd.compare(df, measures, neighbours=neighbours()))
    na = ipd.compare(nullable.assign(value=pd.NA).astype({"value": "Float64"}), measures)
    assert (na["rank"] == 0).all() and (na["quartile"] == "").all()


def test_compare_of_no_rows_has_the_result_columns():
    df, measures = lait()
    out = ipd.compare(df.iloc[:0], measures, neighbours=neighbours())
    assert len(out) == 0 and out.index.name == "row"
    assert list(out.columns) == ["rank", "quartile", "sn_mean", "england", "region"]
    assert out["rank"].dtype == np.int32 and out["quartile"].dtype == ipd.QUARTILE
    assert out["sn_mean"].dtype == np.float64


def test_compare_errors_name_the_column():
    df, measures = lait()
    with pytest.raises(KeyError, match="area column 'la'"):
        ipd.compare(df, measures, area="la")
    with pytest.raises(KeyError, match="period column 'year'"):
        ipd.compare(df, measures, period="year")
    with pytest.raises(KeyError, match="value column 'v'"):
        ipd.compare(df, measures, value="v")
    with pytest.raises(KeyError, match="'quartiles'"):
        ipd.compare(df, measures.drop(columns="quartiles"))
    with pytest.raises(ValueError, match="whole area codes.*row -1"):
        ipd.compare(df.assign(area=df["area"].astype("Int64")).reindex(
            [-1, *df.index]).fillna({"measure": "M", "period": "P", "value": 1.0}), measures)
    with pytest.raises(TypeError, match="pandas DataFrame"):
        ipd.compare(df.to_dict(), measures)
