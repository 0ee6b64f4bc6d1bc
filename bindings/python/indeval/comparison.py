"""Benchmarking across areas, the way the DfE's LAIT shows every council where it stands: rank,
quartile band and statistical-neighbour mean within each group (one measure in one period).

The library decides every figure (jobs INDEVAL_JOB_COMPARE and INDEVAL_JOB_NEIGHBOURS); this module
turns numpy columns and pandas frames into groups of rows and back.

    >>> import numpy as np, indeval
    >>> r = indeval.compare([5, 3, 3, 1], [0, 0, 0, 0], polarity=["BIB"])
    >>> r.rank, r.band                     # ties share the lowest rank; band 1 = A ... 4 = D
    (array([1, 2, 2, 4], dtype=int32), array([1, 3, 3, 4], dtype=int8))
"""

from __future__ import annotations

import ctypes
from typing import NamedTuple, Optional

import numpy as np

from . import _arrays as arr
from . import _native as nat
from ._enums import Polarity
from ._reading import period_key

# ids from indeval.h, section "comparisons" (the request's own: _native)
JOB_COMPARE = 2
JOB_NEIGHBOURS = 3
TYPE_INT8, TYPE_INT32, TYPE_DOUBLE = nat.TYPE_INT8, nat.TYPE_INT32, nat.TYPE_DOUBLE
ARRAY_VALUE = nat.ARRAY_VALUE
ARRAY_AREA = 20
ARRAY_POLARITY = 21
ARRAY_QUARTILES = 22
ARRAY_NEIGHBOURS = 23
OUTPUT_RANK = 120
OUTPUT_BAND = 121
OUTPUT_NEIGHBOUR_MEAN = 122
OPTION_THREADS = nat.OPTION_THREADS
OPTION_DIGITS = 230
OPTION_NEIGHBOURS_PER_AREA = 231


#: Band codes as the library writes them, and their letters (index = code).
BAND_LETTERS = np.array(["", "A", "B", "C", "D"], dtype=object)


class CompareResult(NamedTuple):
    rank: np.ndarray  # int32, 1 = best; 0 = no rank
    band: np.ndarray  # int8: 0 none, 1 A (best quarter) ... 4 D


class _Groups:
    """Rows grouped into runs for the library: when `group` is not already in runs, a stable
    ordering that makes it so (results are put back in the caller's order)."""

    def __init__(self, group, rows: int, what: str = "group"):
        g = arr.indexes(_ints(group), what)
        if len(g) != rows:
            raise nat.ArgumentError(f"{what} has {len(g)} elements for {rows} values",
                                    nat.E_RANGE)
        self.order = None
        if rows and np.any(g[1:] < g[:-1]):
            self.order = np.argsort(g, kind="stable")
            g = g[self.order]
        starts = np.flatnonzero(np.diff(g)) + 1 if rows else np.empty(0, np.int64)
        first = np.concatenate(([0], starts)) if rows else np.empty(0, np.int64)
        self.first = np.ascontiguousarray(first, dtype=np.int32)
        self.count = np.ascontiguousarray(np.diff(np.append(first, rows)), dtype=np.int32)
        self.entry = np.ascontiguousarray(g[first] if rows else first, dtype=np.int32)

    def gather(self, a: np.ndarray) -> np.ndarray:
        return a if self.order is None else np.ascontiguousarray(a[self.order])

    def scatter(self, a: np.ndarray) -> np.ndarray:
        if self.order is None:
            return a
        out = np.empty_like(a)
        out[self.order] = a
        return out


class _Request:
    def __init__(self, job: int):
        self.handle = nat.new_handle("indeval_request_create", "indeval_request_free", job)
        self.keep = []  # the arrays the request points at live as long as it

    def array(self, id_: int, type_: int, a: np.ndarray) -> None:
        self.keep.append(a)
        nat.call("indeval_request_set_array", self.handle.ptr, id_, type_, arr.address(a), len(a))

    def output(self, id_: int, type_: int, a: np.ndarray) -> None:
        self.keep.append(a)
        nat.call("indeval_request_set_output", self.handle.ptr, id_, type_, arr.address(a), len(a))

    def option(self, id_: int, value: int) -> None:
        nat.call("indeval_request_set_int", self.handle.ptr, id_, int(value))

    def segments(self, g: _Groups) -> None:
        self.keep.append(g)
        nat.call("indeval_request_set_segments", self.handle.ptr, arr.address(g.first),
                 arr.address(g.count), arr.address(g.entry), len(g.first))

    def run(self) -> None:
        nat.call("indeval_request_run", self.handle.ptr, None)


def _per_group(x, groups: int, what: str, convert) -> np.ndarray:
    if isinstance(x, (str, bytes, int, bool, np.integer, np.bool_, Polarity)) or x is None:
        return np.full(groups, convert(x), dtype=np.int8)
    a = np.asarray(x)
    if a.ndim != 1:
        raise nat.ArgumentError(f"{what} must be one value per group", nat.E_RANGE)
    if len(a) != groups:
        raise nat.ArgumentError(f"{what} has {len(a)} elements for {groups} groups", nat.E_RANGE)
    if a.dtype.kind in "iub":
        a = a.astype(np.int64)
    # each distinct value converted once (a panel has thousands of groups, a few polarities)
    distinct, inverse = np.unique(a.astype(object) if a.dtype.kind == "O" else a,
                                  return_inverse=True)
    return np.array([convert(v) for v in distinct], dtype=np.int8)[inverse] if len(a) else \
        np.empty(0, np.int8)


def _polarity_code(p) -> int:
    if isinstance(p, (str, np.str_)):
        return int(Polarity.parse(str(p)))
    return int(Polarity(0 if p is None else int(p)))


def _ints(x):
    """An empty list reads as no integers, not as no floats."""
    a = np.asarray(x)
    return np.empty(0, np.int32) if a.size == 0 else x


def _groups_needed(group, extra) -> int:
    g = arr.indexes(_ints(group), "group")
    return max(int(g.max()) + 1 if len(g) else 0, extra)


def compare(values, group, *, polarity, quartiles=True, threads: int = 1,
            digits: int = 15) -> CompareResult:
    """Rank and quartile band of every value within its group.

    values: float64 (NaN = missing); group: int32 per row, an index into the per-group `polarity`
    (a sequence of Polarity, codes or names such as "High"/"BIB"/"-", or one for every group) and
    `quartiles` (bool, or one per group; False = no bands). digits: values are compared as read at
    this many significant digits (15, as published; 0 = the doubles as given).
    """
    v = arr.floats(values, "values")
    g = _Groups(group, len(v))
    n_groups = len(polarity) if not isinstance(polarity, (str, int, Polarity)) else \
        _groups_needed(group, 0)
    pol = _per_group(polarity, n_groups, "polarity", _polarity_code)
    quart = _per_group(quartiles, len(pol), "quartiles", lambda q: 1 if bool(q) else 0)
    rank = np.zeros(len(v), np.int32)
    band = np.zeros(len(v), np.int8)
    req = _Request(JOB_COMPARE)
    req.array(ARRAY_VALUE, TYPE_DOUBLE, g.gather(v))
    req.array(ARRAY_POLARITY, TYPE_INT8, pol)
    req.array(ARRAY_QUARTILES, TYPE_INT8, quart)
    req.segments(g)
    req.output(OUTPUT_RANK, TYPE_INT32, rank)
    req.output(OUTPUT_BAND, TYPE_INT8, band)
    req.option(OPTION_THREADS, threads)
    req.option(OPTION_DIGITS, digits)
    req.run()
    return CompareResult(g.scatter(rank), g.scatter(band))


def neighbour_means(values, area, group, neighbours, *, threads: int = 1,
                    digits: int = 15) -> np.ndarray:
    """For every row, the mean of its area's neighbours' values in the same group (neighbours
    without a value left out; NaN when none has one), computed as R's mean() does.

    area: int32 per row, an index into `neighbours`, a 2-D int32 array with one row per area
    listing its neighbours' indices (-1 = none); group: int32 per row (any group ids).
    """
    v = arr.floats(values, "values")
    g = _Groups(group, len(v))
    a = arr.indexes(_ints(area), "area")
    if len(a) != len(v):
        raise nat.ArgumentError(f"area has {len(a)} elements for {len(v)} values", nat.E_RANGE)
    table = np.asarray(neighbours)
    if table.ndim != 2 or table.dtype.kind not in "iu":
        raise nat.ArgumentError("neighbours must be a 2-D integer array, one row per area",
                                nat.E_RANGE)
    table = np.ascontiguousarray(table, dtype=np.int32)
    mean = np.empty(len(v), np.float64)
    req = _Request(JOB_NEIGHBOURS)
    req.array(ARRAY_VALUE, TYPE_DOUBLE, g.gather(v))
    req.array(ARRAY_AREA, TYPE_INT32, g.gather(a))
    req.array(ARRAY_NEIGHBOURS, TYPE_INT32, table.reshape(-1))
    req.option(OPTION_NEIGHBOURS_PER_AREA, table.shape[1])
    # every group is one segment; its entry is unused by this job
    g.entry = np.zeros(len(g.first), np.int32)
    req.segments(g)
    req.output(OUTPUT_NEIGHBOUR_MEAN, TYPE_DOUBLE, mean)
    req.option(OPTION_THREADS, threads)
    req.option(OPTION_DIGITS, digits)
    req.run()
    return g.scatter(mean)


def period_months(label: str, year_kind: Optional[str] = None) -> Optional[tuple]:
    """(first month, last month) of a period label as year * 12 + month - 1, read by the library,
    or None when it cannot be read. year_kind: what a single year such as "2023" means
    ("calendar", "financial", "academic"); None tries financial, then calendar (for spans such as
    "2014-16")."""
    for kind in [year_kind] if year_kind else ["financial", "calendar"]:
        key = period_key(str(label), kind)
        if key is not None:
            return key.first_month, key.first_month + key.months - 1
    return None


# ---- pandas: a long frame of area x measure x period ----------------------------------------------

#: LAIT's code for England's own figures.
ENGLAND = 970


def lait_regions():
    """The committed authority -> region table (area, name, region, fallback), by LAIT code."""
    import pandas as pd
    from importlib import resources
    with resources.files(__package__).joinpath("data", "lait_regions.csv").open("rb") as f:
        return pd.read_csv(f, dtype={"area": np.int64, "name": str, "region": np.int64,
                                     "fallback": "Int64"})


def neighbour_table(sn, areas=None):
    """Dense area indices for a statistical-neighbours frame in LAIT's layout (`la_number`,
    `sn1` ... `snK`): returns (codes, table) where codes[i] is area i's code and table[i] its
    neighbours' indices (-1 = none). `areas`: further codes that take part without neighbours.
    Raises ValueError naming the first neighbour code that is not an area of the table."""
    cols = sorted((c for c in sn.columns if str(c).startswith("sn") and str(c)[2:].isdigit()),
                  key=lambda c: int(str(c)[2:]))
    codes = [int(c) for c in sn["la_number"]]
    for extra in ([] if areas is None else areas):
        if int(extra) not in set(codes):
            codes.append(int(extra))
    index = {c: i for i, c in enumerate(codes)}
    table = np.full((len(codes), len(cols)), -1, np.int32)
    for i, row in enumerate(sn[cols].itertuples(index=False)):
        for k, code in enumerate(row):
            if code is None or (isinstance(code, float) and np.isnan(code)) or str(code).strip() in ("", "-"):
                continue
            if int(code) not in index:
                raise ValueError(f"row {i + 1}: la_number {codes[i]}: neighbour {cols[k]} = {code} "
                                 f"is not an area of the table")
            table[i, k] = index[int(code)]
    return np.array(codes, np.int64), table


def benchmark(frame, measures, *, neighbours=None, threads: int = 1, digits: int = 15,
              area="area", measure="measure", period="period", value="value"):
    """Every row of a long frame (area, measure, period, value) with its rank, quartile band and
    statistical-neighbour mean among the local authorities of its (measure, period), and the
    England and region figures beside it.

    measures: a frame with `measure`, `polarity` (High/Low/BIB/SIB/-) and `quartiles` (bool or
    yes/no). neighbours: a frame in LAIT's statistical-neighbours layout, or None. England (970)
    and the regions of the committed region table are comparators: they take no rank or band.
    Returns a copy with columns rank (int32, 0 = none), quartile ("A".."D" or ""), sn_mean,
    england and region (the area's region figure; London's where Inner/Outer London has none).
    (indeval.pandas.compare gives the same columns alone, on the frame's index.)
    """
    out = frame.copy()
    columns = benchmark_columns(out[area].astype(np.int64).to_numpy(), out[measure], out[period],
                                out[value].to_numpy(np.float64), measures,
                                neighbours=neighbours, threads=threads, digits=digits)
    columns["quartile"] = BAND_LETTERS[columns["quartile"]]
    for name, column in columns.items():
        out[name] = column
    return out


#: The columns benchmark_columns gives, in order.
BENCHMARK_COLUMNS = ("rank", "quartile", "sn_mean", "england", "region")


def benchmark_columns(codes, measure, period, values, measures, *, neighbours=None,
                      threads: int = 1, digits: int = 15) -> dict:
    """benchmark()'s result as arrays in the rows' order, keyed by BENCHMARK_COLUMNS: rank (int32,
    0 = none), quartile (the library's band codes, int8: 0 none, 1 A ... 4 D), sn_mean, england
    and region (float64). codes: int64 area codes; measure, period: the rows' group keys (any
    array-likes of the rows' length); values: float64 (NaN = missing). Every (measure, period)
    group must be whole: a row is ranked among the rows given with it."""
    import pandas as pd
    absent = [c for c in ("measure", "polarity", "quartiles") if c not in measures.columns]
    if absent:
        raise KeyError(f"the measures frame lacks the column(s) {', '.join(map(repr, absent))} "
                       f"(it needs measure, polarity and quartiles)")
    regions = lait_regions()
    comparators = {ENGLAND, *regions["region"], *regions["fallback"].dropna().astype(int)}
    codes = np.asarray(codes, dtype=np.int64)
    if len(codes) == 0:  # (pandas cannot factorize an empty MultiIndex)
        return dict(zip(BENCHMARK_COLUMNS, (np.zeros(0, np.int32), np.zeros(0, np.int8),
                                            *(np.zeros(0, np.float64) for _ in range(3)))))
    is_la = ~np.isin(codes, list(comparators))
    m = measures.drop_duplicates(subset=["measure"]).set_index("measure")
    keys = pd.MultiIndex.from_arrays([measure, period])
    group_of, uniques = pd.factorize(keys)
    group = group_of.astype(np.int64) * 2 + (~is_la)
    group_measure = uniques.get_level_values(0)
    pol = [_polarity_code(p) for p in group_measure.map(m["polarity"]).fillna("-")]
    quart = [str(q).strip().lower() not in ("no", "n", "false", "0")
             for q in group_measure.map(m["quartiles"]).fillna("yes")]
    polarity = np.zeros(2 * len(uniques), np.int8)
    polarity[0::2] = pol  # comparator groups (odd ids) stay neutral
    quartiles = np.zeros(2 * len(uniques), np.int8)
    quartiles[0::2] = quart
    r = compare(values, group, polarity=polarity, quartiles=quartiles, threads=threads,
                digits=digits)
    if neighbours is not None:
        area_codes, table = neighbour_table(neighbours, np.unique(codes))
        dense = pd.Index(area_codes).get_indexer(codes)
        sn_mean = neighbour_means(values, dense, group, table, threads=threads, digits=digits)
        sn_mean[~is_la] = np.nan
    else:
        sn_mean = np.full(len(codes), np.nan)
    figure = pd.Series(values, index=pd.MultiIndex.from_arrays([codes, measure, period]))
    figure = figure[~figure.index.duplicated()]

    def look(code_column):
        idx = pd.MultiIndex.from_arrays([code_column, measure, period])
        return figure.reindex(idx).to_numpy()

    reg = regions.set_index("area")
    own = pd.Series(codes).map(reg["region"]).fillna(-1).astype(np.int64).to_numpy()
    fall = pd.Series(codes).map(reg["fallback"]).fillna(-1).astype(np.int64).to_numpy()
    region = look(own)
    region = np.where(np.isnan(region), look(fall), region)
    return dict(zip(BENCHMARK_COLUMNS, (
        r.rank, r.band, sn_mean, look(np.full(len(codes), ENGLAND)),
        np.where(is_la, region, np.nan))))
