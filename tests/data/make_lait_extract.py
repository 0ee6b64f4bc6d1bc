"""Writes lait_extract.csv: a few LAIT measures, every area, with the rank, quartile band and
statistical-neighbour mean of every local authority computed here, independently of indeval, by
pandas (rank method="min", R's type-7 quantiles written out in numpy, a merge + groupby mean).

    /usr/bin/python3 tests/data/make_lait_extract.py ../shared/data/lait

The tests read the committed output; this script is how it was made.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

PICK = {  # measure -> periods
    "Level3Age19": ["2023", "2024"],           # High, values with binary noise
    "TotFixedEx": ["2022/23", "2023/24"],      # Low
    "KS2R_AVG_Scaled_Score": ["2024"],          # High, No_Quartile = N, many ties
    "2yr_Ofsted_rating": ["2024"],              # ties only when read as published
    "Social_Work_Starters": ["2023"],           # no polarity
}

folder = Path(sys.argv[1])
raw = pd.read_csv(folder / "bds_long.csv.gz", dtype=str, keep_default_na=False)
dic = pd.read_csv(folder / "lait_data_dictionary.csv.gz", dtype=str, keep_default_na=False)
dic = dic.drop_duplicates("Measure_short").set_index("Measure_short")
sn = pd.read_csv(folder / "statistical_neighbours.csv")

rows = pd.concat([raw[(raw["Short Desc"] == m) & raw["Years"].isin(p)] for m, p in PICK.items()])
out = pd.DataFrame({
    "measure": rows["Short Desc"], "period": rows["Years"], "area": rows["LA Number"].astype(int),
    "value": rows["Values"],
    "polarity": rows["Short Desc"].map(dic["Polarity"]),
    "quartiles": rows["Short Desc"].map(lambda m: "no" if dic.loc[m, "No_Quartile"] == "N" else "yes"),
}).reset_index(drop=True)
out["v"] = out["value"].map(lambda t: np.nan if t == "-" else float(f"{float(t):.15g}"))
is_la = (out["area"] < 970) | (out["area"] > 990)


def type7(x, p):
    x = np.sort(x)
    index = 1 + (len(x) - 1) * p
    lo = int(np.floor(index))
    q = x[lo - 1]
    if index > lo and x[lo] != q:
        h = index - lo
        q = (1 - h) * q + h * x[lo]
    return q


rank = pd.Series(0, index=out.index)
band = pd.Series("", index=out.index)
for (m, p), g in out[is_la & out["v"].notna()].groupby(["measure", "period"]):
    pol = g["polarity"].iloc[0]
    if pol not in ("High", "Low"):
        continue
    rank[g.index] = g["v"].rank(method="min", ascending=(pol == "Low")).astype(int)
    if g["quartiles"].iloc[0] == "yes":
        q1, q2, q3 = (type7(g["v"].to_numpy(), p) for p in (0.25, 0.5, 0.75))
        low = np.select([g["v"] <= q1, g["v"] <= q2, g["v"] <= q3], [0, 1, 2], 3)
        band[g.index] = [("DCBA" if pol == "High" else "ABCD")[k] for k in low]
out["rank"] = rank
out["band"] = band

pairs = sn.melt(id_vars="la_number", value_vars=[f"sn{k}" for k in range(1, 11)],
                value_name="neighbour")[["la_number", "neighbour"]]
las = out[is_la][["measure", "period", "area", "v"]]
joined = pairs.merge(las.rename(columns={"area": "neighbour"}), on="neighbour")
means = joined.groupby(["measure", "period", "la_number"])["v"].mean()
out["sn_mean"] = [means.get((m, p, a), np.nan) if la else np.nan
                  for m, p, a, la in zip(out["measure"], out["period"], out["area"], is_la)]
out["sn_mean"] = out["sn_mean"].map(lambda x: "" if np.isnan(x) else repr(float(x)))
out.drop(columns="v").to_csv(Path(__file__).with_name("lait_extract.csv"), index=False)
