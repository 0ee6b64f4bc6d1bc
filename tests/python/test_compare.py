"""indeval.compare / neighbour_means / benchmark, and the committed LAIT region table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import indeval

DATA = Path(__file__).resolve().parents[1] / "data"


def test_ties_share_the_lowest_rank_and_bands_run_a_to_d():
    r = indeval.compare([5, 3, 3, 1], [0, 0, 0, 0], polarity=["BIB"])
    assert r.rank.dtype == np.int32 and r.band.dtype == np.int8
    assert r.rank.tolist() == [1, 2, 2, 4]
    assert r.band.tolist() == [1, 3, 3, 4]  # cut points 2.5, 3, 3.5: 3 is in the band below 3
    r = indeval.compare([5, 3, 3, 1], [0, 0, 0, 0], polarity="Low")
    assert r.rank.tolist() == [4, 2, 2, 1]


def test_a_cut_point_falls_in_the_lower_valued_band():
    r = indeval.compare([1, 2, 3, 4, 5], np.zeros(5, np.int32), polarity=["High"])
    assert r.band.tolist() == [4, 4, 3, 2, 1]
    r = indeval.compare([1, 2, 3, 4, 5], np.zeros(5, np.int32), polarity=["SIB"])
    assert r.band.tolist() == [1, 1, 2, 3, 4]


def test_missing_no_polarity_and_quartiles_off():
    v = [np.nan, 1, np.inf, 2, 3, 1, 2, 3, 1, 2, 3]
    g = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
    r = indeval.compare(v, g, polarity=["BIB", "-", "SIB"], quartiles=[True, True, False])
    assert r.rank.tolist() == [0, 3, 0, 2, 1, 0, 0, 0, 1, 2, 3]
    assert r.band.tolist() == [0, 4, 0, 3, 1, 0, 0, 0, 0, 0, 0]


def test_groups_in_any_order_come_back_in_the_callers_order():
    rng = np.random.default_rng(3)
    v = rng.integers(0, 20, 3000).astype(float)
    g = rng.integers(0, 40, 3000).astype(np.int32)
    r = indeval.compare(v, g, polarity=["High"] * 40)
    want = pd.Series(v).groupby(g).rank(method="min", ascending=False).astype(int)
    assert r.rank.tolist() == want.tolist()
    r2 = indeval.compare(v, g, polarity=["High"] * 40, threads=2)
    assert r2.rank.tolist() == r.rank.tolist() and r2.band.tolist() == r.band.tolist()


def test_values_are_compared_as_published():
    v = [95.4, 95.399999999999991]
    assert indeval.compare(v, [0, 0], polarity="High").rank.tolist() == [1, 1]
    assert indeval.compare(v, [0, 0], polarity="High", digits=0).rank.tolist() == [1, 2]


def test_bad_arguments_are_refused_by_name():
    with pytest.raises(indeval.ArgumentError, match="group has 2 elements for 3 values"):
        indeval.compare([1, 2, 3], [0, 0], polarity="High")
    with pytest.raises(indeval.ArgumentError, match="quartiles has 2 elements for 1 groups"):
        indeval.compare([1, 2, 3], [0, 0, 1], polarity=["High"], quartiles=[True, True])
    with pytest.raises(ValueError):
        indeval.compare([1, 2], [0, 0], polarity="sideways")
    with pytest.raises(indeval.Error, match="entry 3"):
        indeval.compare([1, 2], [0, 3], polarity=["High", "Low"])
    with pytest.raises(indeval.Error, match="DIGITS"):
        indeval.compare([1, 2], [0, 0], polarity="High", digits=18)
    assert indeval.compare([], [], polarity=[]).rank.tolist() == []


def test_neighbour_means():
    table = np.array([[1, 2], [0, 3], [3, -1], [2, 0]], np.int32)
    v = [10, 20, np.nan, 5, 1, np.inf, 7]
    area = [0, 1, 2, 3, 3, 2, 1]
    group = [0, 0, 0, 0, 1, 1, 1]
    m = indeval.neighbour_means(v, area, group, table)
    assert m[:4].tolist() == [20, 7.5, 5, 10]
    assert np.isnan(m[4]) and m[5] == 1 and m[6] == 1
    assert indeval.neighbour_means([0, 0.1, 0.2, 0.4], [0, 1, 2, 3], [0] * 4,
                                   [[1, 2, 3], [-1] * 3, [-1] * 3, [-1] * 3])[0] \
        == 0.23333333333333334  # as R's mean()
    with pytest.raises(indeval.Error, match="twice"):
        indeval.neighbour_means([1, 2], [1, 1], [0, 0], table)
    with pytest.raises(indeval.Error, match="outside"):
        indeval.neighbour_means([1, 2], [0, 9], [0, 0], table)
    with pytest.raises(indeval.ArgumentError, match="2-D"):
        indeval.neighbour_means([1, 2], [0, 1], [0, 0], [1, 0])


def test_region_table_joins_by_code():
    regions = indeval.lait_regions()
    assert len(regions) == 158 and regions["area"].is_unique
    by = regions.set_index("area")
    assert by.loc[301, "region"] == 988 and by.loc[301, "fallback"] == 986  # Barking and Dagenham
    assert by.loc[202, "region"] == 987                                      # Camden, Inner London
    assert by.loc[383, "region"] == 982 and pd.isna(by.loc[383, "fallback"])  # Leeds
    assert set(regions["region"]) == {980, 981, 982, 983, 984, 985, 987, 988, 989, 990}


# ---- the committed LAIT extract -----------------------------------------------------------------

def _extract():
    x = pd.read_csv(DATA / "lait_extract.csv", dtype={"value": str, "band": str, "period": str},
                    keep_default_na=False)
    x["v"] = pd.to_numeric(x["value"].replace("-", np.nan))
    return x


def _type7(x, p):
    x = np.sort(x)
    h = 1 + (len(x) - 1) * p
    lo = int(np.floor(h))
    q = x[lo - 1]
    if h > lo and x[lo] != q:
        q = (1 - (h - lo)) * q + (h - lo) * x[lo]
    return q


def test_extract_matches_an_independent_pandas_implementation():
    x = _extract()
    measures = x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]]
    sn = pd.read_csv(DATA / "statistical_neighbours.csv")
    got = indeval.benchmark(x.rename(columns={"v": "value", "value": "text"}), measures,
                            neighbours=sn)
    # The committed figures (made by tests/data/make_lait_extract.py).
    assert got["rank"].tolist() == x["rank"].tolist()
    assert got["quartile"].tolist() == x["band"].tolist()
    want_mean = pd.to_numeric(x["sn_mean"].replace("", np.nan))
    np.testing.assert_allclose(got["sn_mean"], want_mean, rtol=1e-15, equal_nan=True)

    # And again here, straight from pandas: rank(method="min") and type-7 quartiles per group.
    la = x[(x["area"] < 970) | (x["area"] > 990)].copy()
    la["v"] = la["v"].map(lambda f: float(f"{f:.15g}"))
    for (m, p), g in la.dropna(subset=["v"]).groupby(["measure", "period"]):
        pol = g["polarity"].iloc[0]
        mine = got.loc[g.index]
        if pol not in ("High", "Low"):
            assert (mine["rank"] == 0).all() and (mine["quartile"] == "").all()
            continue
        assert (g["v"].rank(method="min", ascending=pol == "Low").astype(int)
                == mine["rank"]).all(), (m, p)
        if g["quartiles"].iloc[0] == "no":
            assert (mine["quartile"] == "").all()
            continue
        cuts = [_type7(g["v"].to_numpy(), q) for q in (0.25, 0.5, 0.75)]
        low = np.searchsorted(cuts, g["v"].to_numpy(), side="left")  # v == cut: lower band
        letters = np.array(list("DCBA" if pol == "High" else "ABCD"))[low]
        assert letters.tolist() == mine["quartile"].tolist(), (m, p)


def test_extract_comparators():
    x = _extract()
    measures = x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]]
    got = indeval.benchmark(x.drop(columns="value").rename(columns={"v": "value"}), measures)
    assert got.loc[got["area"].isin([970, *range(980, 991)]), "rank"].eq(0).all()
    row = got[(got["area"] == 301) & (got["measure"] == "Level3Age19") & (got["period"] == "2024")]
    eng = x[(x["area"] == 970) & (x["measure"] == "Level3Age19") & (x["period"] == "2024")]
    assert row["england"].iloc[0] == eng["v"].iloc[0]

    def figure(area, measure, period):
        return x.loc[(x["area"] == area) & (x["measure"] == measure) & (x["period"] == period),
                     "v"].iloc[0]

    # Barking and Dagenham is in Outer London (988), whose 2024 figure is missing: London's (986)
    assert np.isnan(figure(988, "Level3Age19", "2024"))
    assert row["region"].iloc[0] == figure(986, "Level3Age19", "2024")
    row = got[(got["area"] == 301) & (got["measure"] == "2yr_Ofsted_rating")]
    assert row["region"].iloc[0] == figure(988, "2yr_Ofsted_rating", "2024") == 96.5
    camden = got[(got["area"] == 202) & (got["measure"] == "2yr_Ofsted_rating")]
    assert camden["region"].iloc[0] == figure(987, "2yr_Ofsted_rating", "2024") == 95
    leeds = got[(got["area"] == 383) & (got["measure"] == "TotFixedEx") & (got["period"] == "2023/24")]
    assert leeds["region"].iloc[0] == figure(982, "TotFixedEx", "2023/24")  # by code, not name
    assert np.isnan(row["sn_mean"].iloc[0])  # no neighbours given
