"""indeval.dask on a distributed.LocalCluster of two worker processes: each worker loads the
library itself, and the result equals indeval.pandas.evaluate row for row. Run by ctest in the dev
preset only (a sanitizer preload would reach the worker processes)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python"))

import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import indeval  # noqa: E402
import indeval.dask as idd  # noqa: E402
import indeval.pandas as ipd  # noqa: E402

AMT2 = "95% or above Green 85%-94% Amber 84% and below Red"
W1 = "17 or below Green 18.1-20 Amber 20.1 and above Red"
RELATIVE = "Green: on or above target, Amber: within 5% of target, Red: otherwise"


def rules():
    return {
        "AMT 2": AMT2,
        "W 1": indeval.Indicator("W 1", rules=W1, decimals=0, polarity="SIB", unit="count"),
        "REL": indeval.RuleSet.parse(RELATIVE),
        "CTX": None,
    }


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def years(n=200_000, seed=3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 100, n).round(2)
    values[rng.integers(0, n, 500)] = np.nan
    values[rng.integers(0, n, 500)] = np.inf
    values[rng.integers(0, n, 500)] = 95.0  # an exact threshold
    return pd.DataFrame({
        "indicator": rng.choice(["AMT 2", "W 1", "REL", "CTX"], n),
        "year": rng.integers(2010, 2025, n),
        "value": values,
        "previous": rng.uniform(0, 100, n).round(2),
        "target": np.where(rng.random(n) < 0.1, np.nan, 95.0),
    }, index=pd.RangeIndex(1_000_000, 1_000_000 + n, name="row"))


def test_worker_processes_are_distinct_and_load_the_library_lazily(client):
    def state():
        import os
        from indeval import _native
        return os.getpid(), _native._lib is not None

    before = client.run(state)
    pids = {pid for pid, _ in before.values()}
    assert len(pids) == 2 and not pids & {__import__("os").getpid()}
    df = years(1000)
    idd.evaluate(dd.from_pandas(df, npartitions=4), rules(), target="target").compute()
    after = client.run(state)
    assert any(loaded for _, loaded in after.values())
    paths = client.run(lambda: str(indeval.library_path()))
    assert set(paths.values()) == {str(indeval.library_path())}


def test_equals_the_single_process_call_row_for_row(client):
    df = years()
    ddf = dd.from_pandas(df, npartitions=16)
    lazy = idd.evaluate(ddf, rules(), previous="previous", target="target")
    assert isinstance(lazy, dd.DataFrame)
    assert list(lazy.columns) == ["status", "reason", "direction"]
    assert lazy.npartitions == 16
    got = lazy.compute()
    want = ipd.evaluate(df, rules(), previous="previous", target="target")
    pd.testing.assert_frame_equal(got, want)
    assert got["status"].dtype == ipd.STATUS
    assert set(got["reason"]) >= {"rated", "no data", "not finite", "not rated", "needs target"}


def test_the_result_joins_back_onto_the_input(client):
    df = years(5000)
    ddf = dd.from_pandas(df, npartitions=3)
    rated = ddf.join(idd.evaluate(ddf, rules(), target="target")).compute()
    pd.testing.assert_frame_equal(rated, df.join(ipd.evaluate(df, rules(), target="target")))
    # Files read with read_csv have unknown divisions and an index that restarts per file: the
    # columns are assigned partition for partition instead.
    unknown = dd.from_pandas(df.reset_index(drop=True), npartitions=3).clear_divisions()
    ratings = idd.evaluate(unknown, rules(), target="target")
    rated = unknown.assign(**{c: ratings[c] for c in ratings.columns}).compute()
    pd.testing.assert_frame_equal(
        rated, df.reset_index(drop=True).join(ipd.evaluate(df.reset_index(drop=True), rules(),
                                                           target="target")))


def test_nullable_columns_across_workers(client):
    df = pd.DataFrame({"indicator": ["AMT 2"] * 6,
                       "value": pd.array([63.9, pd.NA, 95.0, 85.0, math.inf, 94.95],
                                         dtype="Float64")})
    got = idd.evaluate(dd.from_pandas(df, npartitions=3), {"AMT 2": AMT2}).compute()
    assert list(got["status"]) == ["Red", "None", "Green", "Amber", "None", "Amber"]
    assert list(got["reason"])[1] == "no data" and list(got["reason"])[4] == "not finite"


def test_errors(client):
    ddf = dd.from_pandas(years(100), npartitions=2)
    with pytest.raises(indeval.ParseError, match="'A'"):  # on the client, before any work
        idd.evaluate(ddf, {"A": "Green 90 Purple 80"})
    with pytest.raises(KeyError, match="value column 'v'"):
        idd.evaluate(ddf, rules(), value="v")
    with pytest.raises(TypeError, match="dask DataFrame"):
        idd.evaluate(years(10), rules())
    with pytest.raises(ValueError, match="unknown must be"):
        idd.evaluate(ddf, rules(), unknown="skip")
    lazy = idd.evaluate(ddf, {"AMT 2": AMT2})  # the other indicators have no rules
    with pytest.raises(KeyError, match="'W 1'"):
        lazy.compute()
    rated = idd.evaluate(ddf, {"AMT 2": AMT2}, unknown="not rated").compute()
    assert set(rated["reason"][ddf["indicator"].compute() != "AMT 2"]) == {"not rated"}


def test_an_empty_frame(client):
    ddf = dd.from_pandas(years(10).iloc[:0], npartitions=1)
    got = idd.evaluate(ddf, rules(), previous="previous").compute()
    assert len(got) == 0 and list(got.columns) == ["status", "reason", "direction"]


def test_spc_shuffles_whole_series_into_partitions(client):
    rng = np.random.default_rng(9)
    frames = []
    for s in range(40):
        values = rng.normal(50, 5, 24)
        values[-1] = 200.0
        frames.append(pd.DataFrame({"series": f"S{s}", "date": np.arange(24) * 30,
                                    "value": values, "improvement": "increase"}))
    df = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=2)
    got = idd.spc(dd.from_pandas(df, npartitions=5), improvement="improvement").compute()
    want = ipd.spc(df, improvement="improvement")
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index())
    assert set(got.loc[got["value"] == 200.0, "rule"]) == {"above_upper"}
    with pytest.raises(KeyError, match="series column 'group'"):
        idd.spc(dd.from_pandas(df, npartitions=2), series="group")


def lait_years(copies=6):
    """The committed LAIT extract, its groups repeated as further periods (whole groups, other
    figures), rows shuffled so that every group is spread over the input partitions."""
    data = Path(__file__).resolve().parents[1] / "data"
    x = pd.read_csv(data / "lait_extract.csv", dtype={"period": str},
                    usecols=["measure", "period", "area", "value", "polarity", "quartiles"])
    measures = x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]]
    x = x.drop(columns=["polarity", "quartiles"])
    x["value"] = pd.to_numeric(x["value"].replace("-", np.nan))  # "-": no figure
    rng = np.random.default_rng(11)
    frames = [x.assign(period=x["period"] + f" #{k}",
                       value=x["value"] + rng.integers(-3, 4, len(x)) * (k > 0))
              for k in range(copies)]
    df = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=6)
    df.index = pd.Index(np.arange(len(df)) * 3 + 5, name="row")
    return df, measures, pd.read_csv(data / "statistical_neighbours.csv")


def test_compare_shuffles_whole_groups_into_partitions(client):
    df, measures, sn = lait_years()
    ddf = dd.from_pandas(df, npartitions=6)
    # Every group is spread over the input's partitions: a partition alone would rank it wrongly.
    first = ddf.get_partition(0).compute()
    groups = df.groupby(["measure", "period"]).ngroups
    assert groups == 42 and first.groupby(["measure", "period"]).ngroups == groups
    lazy = idd.compare(ddf, measures, neighbours=sn)
    assert isinstance(lazy, dd.DataFrame)
    assert list(lazy.columns) == [*df.columns, "rank", "quartile", "sn_mean", "england", "region"]
    got = lazy.compute()
    want = df.join(ipd.compare(df, measures, neighbours=sn))
    pd.testing.assert_frame_equal(got.sort_index(), want)
    assert got["quartile"].dtype == ipd.QUARTILE and got["rank"].max() > 100
    assert got["sn_mean"].notna().sum() > 1000


def test_compare_nullable_and_empty_and_errors(client):
    df, measures, sn = lait_years(2)
    nullable = df.astype({"value": "Float64", "area": "Int64"})
    got = idd.compare(dd.from_pandas(nullable, npartitions=3), measures, neighbours=sn).compute()
    want = nullable.join(ipd.compare(df, measures, neighbours=sn))
    pd.testing.assert_frame_equal(got.sort_index(), want)
    empty = idd.compare(dd.from_pandas(df.iloc[:0], npartitions=1), measures).compute()
    assert len(empty) == 0 and list(empty.columns)[-5:] == ["rank", "quartile", "sn_mean",
                                                            "england", "region"]
    with pytest.raises(KeyError, match="measure column 'indicator'"):  # on the client
        idd.compare(dd.from_pandas(df, npartitions=2), measures, measure="indicator")
    with pytest.raises(TypeError, match="dask DataFrame"):
        idd.compare(df, measures)


def test_comparator_columns_across_workers(client):
    df = years(20_000, seed=5)
    df["england"] = df["value"].sample(frac=1.0, random_state=1).to_numpy()
    df.loc[df.index[::11], "england"] = np.nan
    table = dict(rules(), ENG="Green: at or above England; Amber: within 5% of the England "
                              "average; Red: otherwise")
    df.loc[df.index[::3], "indicator"] = "ENG"
    got = idd.evaluate(dd.from_pandas(df, npartitions=4), table, previous="previous",
                       target="target", england="england").compute()
    want = ipd.evaluate(df, table, previous="previous", target="target", england="england")
    pd.testing.assert_frame_equal(got, want)
    assert "needs comparator" in set(got["reason"])
