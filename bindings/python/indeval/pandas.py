"""pandas in and out: rate a long DataFrame (one row per indicator and period) in one bulk call.

    >>> import pandas as pd, indeval, indeval.pandas as ipd
    >>> df = pd.DataFrame({"indicator": ["AMT 2", "W 1"], "value": [63.9, 18.0]})
    >>> ipd.evaluate(df, {"AMT 2": "95% or above Green 85%-94% Amber 84% and below Red",
    ...                   "W 1": indeval.Indicator("W 1", rules="17 or below Green 18.1-20 Amber "
    ...                                            "20.1 and above Red", decimals=0)})
      status reason
    0    Red  rated
    1  Amber  rated

The result has the input's index and, per row, ``status`` and ``reason`` (and ``direction`` when
``previous`` names a column): unordered pandas Categoricals whose categories are the library's
names in code order (status None, Red, Amber, Green, Blue; reason rated, no data, ...; direction
-, improved, ...), so ``.cat.codes`` are the C ABI's codes. The codes are the library's int8 output
arrays themselves (``Categorical.from_codes``), not a copy.

float64 columns are read in place; other numeric columns are converted once; nullable dtypes (``Float64``, ``Int64`` with ``pd.NA``) are converted once, pd.NA
being a missing value (status None, reason "no data").

Indicators missing from ``rules`` are an error naming them (``unknown="error"``, the default),
because a typo in a key would otherwise pass silently as "not rated"; ``unknown="not rated"``
rates them None with the reason "not rated", as a None entry in ``rules`` does.

Also here: ``read_scorecard`` (a scorecard file as a long DataFrame), ``spc`` (XmR charts with
Categorical results) and ``compare`` (LAIT's ranks, quartile bands and statistical-neighbour means
within each measure and period, on the input's index).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

import numpy as np
import pandas as pd

from . import _arrays as arr
from ._api import Catalogue, Indicator, RuleSet
from ._enums import Direction, Reason, Status
from ._native import ParseError

__all__ = ["evaluate", "evaluate_with", "catalogue", "floats", "result_frame", "read_scorecard",
           "scorecard_indicators", "spc", "spc_dtypes", "spc_meta", "compare", "STATUS", "REASON",
           "DIRECTION", "QUARTILE"]


def _categories(enum) -> pd.CategoricalDtype:
    # The names are the enums' own (the words the library prints), in code order.
    return pd.CategoricalDtype([str(m) for m in sorted(enum, key=int)], ordered=False)


#: The dtypes of the result's columns.
STATUS = _categories(Status)
REASON = _categories(Reason)
DIRECTION = _categories(Direction)

#: The dtype of compare()'s quartile column: "" (no band), then A (best quarter) ... D, so
#: .cat.codes are the library's band codes.
QUARTILE = pd.CategoricalDtype(["", "A", "B", "C", "D"], ordered=False)

_UNKNOWN = ("error", "not rated")


def _parsed(key, text: str) -> RuleSet:
    """Rule text for indicator `key`; a ParseError names the indicator."""
    try:
        return RuleSet.parse(text)
    except ParseError as e:
        raise ParseError(f"rules for indicator {key!r}: {e.message}", e.position, e.code,
                         e.function) from None


def _entry(key, rules, catalogue: Catalogue, *, decimals, scale) -> None:
    """Adds `rules` (RuleSet, Indicator, rule text or None) for indicator `key`."""
    if isinstance(rules, str):
        rules = _parsed(key, rules)
    if isinstance(rules, Indicator):
        catalogue.add(rules, scale=scale)
    elif rules is None or isinstance(rules, RuleSet):
        catalogue.add(rules, decimals=decimals, scale=scale)
    else:
        raise TypeError(f"rules for indicator {key!r} must be a RuleSet, an Indicator, rule text "
                        f"or None, not {type(rules).__name__}")


def catalogue(rules: Mapping, *, decimals: Optional[int] = None, scale="points",
              unknown: str = "error") -> tuple:
    """(keys, Catalogue): entry i of the catalogue rates the indicator keys[i]; with
    unknown="not rated", entry len(keys) has no rules and rates the indicators not in keys."""
    if not isinstance(rules, Mapping):
        raise TypeError(f"rules must be a mapping of indicator -> RuleSet, Indicator, rule text "
                        f"or None, not {type(rules).__name__}")
    if unknown not in _UNKNOWN:
        raise ValueError(f"unknown must be one of {', '.join(map(repr, _UNKNOWN))}, "
                         f"not {unknown!r}")
    cat = Catalogue()
    for key, entry in rules.items():
        _entry(key, entry, cat, decimals=decimals, scale=scale)
    if unknown == "not rated":
        cat.add(None)
    return pd.Index(list(rules.keys()), dtype=object), cat


def _entry_numbers(keys: pd.Index, column: pd.Series, unknown: str, name: str) -> tuple:
    """The catalogue entry of each row (int32), or -1 where the indicator is not in keys."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Look up each category once, then take by the column's codes (-1 = missing stays -1).
        per_category = np.append(keys.get_indexer(column.cat.categories), -1)
        found = per_category.take(column.cat.codes.to_numpy())  # code -1 takes the last: -1
    else:
        found = keys.get_indexer(pd.Index(column.to_numpy(dtype=object), dtype=object))
    found = found.astype(np.int32, copy=False)
    missing = found < 0
    if missing.any() and unknown == "error":
        absent = pd.unique(column.to_numpy(dtype=object)[missing])
        shown = ", ".join("missing (NA)" if pd.isna(k) else repr(k) for k in absent[:10])
        more = f" and {len(absent) - 10} more" if len(absent) > 10 else ""
        raise KeyError(f"column {name!r} names indicators that have no rules: {shown}{more} "
                       f"(give them rules, None for not rated, or pass unknown='not rated')")
    return found, missing


def floats(column: pd.Series, name: str) -> np.ndarray:
    """A column as float64 for the library: the column's own memory when it is float64 already;
    nullable dtypes once converted, pd.NA as NaN."""
    dtype = column.dtype
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and not isinstance(
            dtype, pd.CategoricalDtype):
        if dtype.kind not in "biuf":
            raise TypeError(f"column {name!r} must hold numbers, not {dtype}")
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    return arr.floats(column.to_numpy(), f"column {name!r}")


def _column(df: pd.DataFrame, name, role: str) -> pd.Series:
    if name not in df.columns:
        raise KeyError(f"the {role} column {name!r} is not in the DataFrame (its columns: "
                       f"{', '.join(map(repr, df.columns[:20]))})")
    return df[name]


def evaluate(df: pd.DataFrame, rules: Mapping, *, indicator="indicator", value="value",
             target=None, previous=None, cohort=None, decimals: Optional[int] = None,
             scale="points", unknown: str = "error", threads: int = 1,
             kernel="automatic", england=None, region=None, neighbours=None,
             previous_year=None) -> pd.DataFrame:
    """Rates every row of a long DataFrame with the rules of its indicator.

    df: one row per observation. rules: a mapping of indicator (the values of column `indicator`)
    -> RuleSet, Indicator (its own decimals, polarity and target), rule text, or None (not rated).
    value, target, previous, cohort: column names (target, previous, cohort optional). A target
    column replaces the entries' own targets (a missing target there is none). previous gives the
    direction of travel, and is the previous period for rules measured against it. england,
    region, neighbours, previous_year: column names of comparators, for rules measured against
    them (a missing figure rates None, reason "needs comparator"). decimals: rounding for the
    RuleSet and rule-text entries (an Indicator
    brings its own). scale: "points" or "fraction" for every row. unknown: "error" (default) or
    "not rated", for indicators that have no entry in `rules`. threads, kernel: as
    indeval.evaluate_bulk.

    Returns a DataFrame on df's index with Categorical columns status, reason and, with
    previous, direction (see the module's documentation)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    keys, cat = catalogue(rules, decimals=decimals, scale=scale, unknown=unknown)
    return evaluate_with(df, keys, cat, indicator=indicator, value=value, target=target,
                         previous=previous, cohort=cohort, unknown=unknown, threads=threads,
                         kernel=kernel, england=england, region=region, neighbours=neighbours,
                         previous_year=previous_year)


def evaluate_with(df: pd.DataFrame, keys: pd.Index, cat: Catalogue, *, indicator="indicator",
                  value="value", target=None, previous=None, cohort=None, unknown="error",
                  threads: int = 1, kernel="automatic", england=None, region=None,
                  neighbours=None, previous_year=None) -> pd.DataFrame:
    """evaluate() with the rules already made into a catalogue by catalogue(..., unknown=)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    index, missing = _entry_numbers(keys, _column(df, indicator, "indicator"), unknown,
                                    indicator)
    index[missing] = len(keys)  # unknown="not rated": the catalogue's last entry, without rules
    values = floats(_column(df, value, "value"), value)
    optional = {}
    for role, name in (("target", target), ("previous", previous), ("cohort", cohort),
                       ("england", england), ("region", region), ("neighbours", neighbours),
                       ("previous_year", previous_year)):
        if name is not None:
            optional[role] = floats(_column(df, name, role), name)
    if len(df) == 0:
        return result_frame(df.index, with_direction=previous is not None)
    result = cat.evaluate(values, index, threads=threads, kernel=kernel, **optional)
    return result_frame(df.index, result.status, result.reason, result.direction,
                        with_direction=previous is not None)


def result_frame(index: pd.Index, status=None, reason=None, direction=None, *,
                 with_direction: bool) -> pd.DataFrame:
    """The result's DataFrame over the library's int8 code arrays (None: empty), without a copy."""
    empty = np.empty(0, dtype=np.int8)
    columns = [("status", status, STATUS), ("reason", reason, REASON)]
    if with_direction:
        columns.append(("direction", direction, DIRECTION))
    return pd.DataFrame({name: pd.Categorical.from_codes(empty if codes is None else codes,
                                                         dtype=dtype)
                         for name, codes, dtype in columns}, index=index, copy=False)


# ---- scorecards ---------------------------------------------------------------------------------

def read_scorecard(path=None, definitions=None) -> pd.DataFrame:
    """A scorecard file (wide, or long with its definitions file; None: the built-in seed) as a
    long DataFrame, one row per indicator and period in the file's order: indicator (the ref),
    period (an ordered Categorical of the file's periods, oldest first), value (NaN when there is
    no figure), note ("6m+" of "79% (6m+)"), text (the cell as written), target, cohort (NaN when
    none) and published (the printed RAG, on the latest period's rows only).

    Rate it with the indicators' own settings: evaluate(frame, scorecard_indicators(path,
    definitions), cohort="cohort"). Unreadable files raise indeval.scorecard.ScorecardError with
    the row and column."""
    from . import scorecard as sc
    card = sc.read_scorecard(path, definitions)
    latest = card.latest()
    rows = {name: [] for name in ("indicator", "period", "value", "note", "text", "target",
                                  "cohort", "published")}
    for ind in card.indicators:
        for period in card.periods:
            reading = ind.reading(period)
            for name, item in (("indicator", ind.ref), ("period", period),
                               ("value", reading.value), ("note", reading.note),
                               ("text", reading.text),
                               ("target", np.nan if ind.target is None else ind.target),
                               ("cohort", np.nan if ind.cohort is None else ind.cohort),
                               ("published", ind.published if period == latest else "")):
                rows[name].append(item)
    frame = pd.DataFrame(rows)
    frame["period"] = pd.Categorical(frame["period"], categories=list(card.periods),
                                     ordered=True)
    for name in ("value", "target", "cohort"):
        frame[name] = frame[name].astype(np.float64)
    return frame


def scorecard_indicators(path=None, definitions=None) -> dict:
    """The scorecard's indicators by ref, as indeval.Indicator values with the file's rules,
    polarity, unit, decimals and target (rules that cannot be read: None, not rated; `lint`
    says why) — the `rules` argument of evaluate() for read_scorecard()'s frame."""
    from . import scorecard as sc
    card = sc.read_scorecard(path, definitions)
    return {ind.ref: sc._Rated(ind).native for ind in card.indicators}


# ---- statistical process control ----------------------------------------------------------------

_SPC_NAMED = ("variation", "rule", "assurance")


def spc_dtypes() -> dict:
    """The dtypes of spc()'s named columns: unordered Categoricals of the library's names in code
    order (so .cat.codes are the library's codes)."""
    from .xmr import spc_names
    return {kind: pd.CategoricalDtype(list(spc_names(kind)), ordered=False)
            for kind in _SPC_NAMED}


def spc(df: pd.DataFrame, *, series: str = "series", date: Optional[str] = "date",
        value: str = "value", **options) -> pd.DataFrame:
    """indeval.spc_frame (XmR analysis of every series of a long DataFrame; the options are its
    own: improvement, target, rebase, fix_after, screen, threads) with ``variation``, ``rule`` and
    ``assurance`` as Categoricals (see spc_dtypes) instead of text. Returns a copy of df with the
    result columns added, rows in df's order."""
    from .xmr import spc_frame
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    if len(df) == 0:
        return spc_meta(df)
    out = spc_frame(df, series=series, date=date, value=value, **options)
    for kind, dtype in spc_dtypes().items():
        out[kind] = pd.Categorical(out[kind], dtype=dtype)
    return out


def spc_meta(df: pd.DataFrame) -> pd.DataFrame:
    """spc()'s result for no rows: df's columns and the result columns, empty."""
    out = df.iloc[:0].copy()
    for column in ("mean", "lower", "upper"):
        out[column] = np.empty(0, dtype=np.float64)
    for kind, dtype in spc_dtypes().items():
        out[kind] = pd.Categorical([], dtype=dtype)
    return out


# ---- comparisons across areas -------------------------------------------------------------------

def _area_codes(column: pd.Series, name: str) -> np.ndarray:
    """Area codes as int64; a missing or non-whole code is an error naming the column."""
    codes = floats(column, name)
    bad = ~np.isfinite(codes) | (codes != np.round(codes))
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(f"column {name!r} must hold whole area codes, not "
                         f"{column.iloc[first]!r} (row {column.index[first]!r})")
    return codes.astype(np.int64)


def compare(df: pd.DataFrame, measures: pd.DataFrame, *, neighbours=None, area="area",
            measure="measure", period="period", value="value", threads: int = 1,
            digits: int = 15) -> pd.DataFrame:
    """indeval.benchmark's figures for a long DataFrame (one row per area, measure and period), on
    df's index: every row's rank, quartile band and statistical-neighbour mean among the local
    authorities of its (measure, period), with the England and region figures beside it, as LAIT
    shows them. The library decides every figure (indeval.compare, indeval.neighbour_means).

    measures: a frame with columns measure, polarity (High/Low/BIB/SIB/-) and quartiles (bool or
    yes/no); measures not in it are neither ranked nor banded. neighbours: a frame in LAIT's
    statistical-neighbours layout (la_number, sn1 ... snK), or None. area, measure, period, value:
    column names; area holds LAIT codes (England 970 and the regions are comparators, with no
    rank). value may be any numeric dtype; nullable ones (Float64 with pd.NA) are read once, pd.NA
    being a missing value (no rank). digits: values are compared as published, at this many
    significant digits.

    Returns a DataFrame on df's index with rank (int32, 1 = best, 0 = none), quartile (Categorical
    of QUARTILE: "" none, A best quarter ... D; .cat.codes are the library's band codes), sn_mean,
    england and region (float64). Every (measure, period) group is ranked as a whole, so df must
    hold all of a group's areas (indeval.dask.compare shuffles by group for that)."""
    from .comparison import BENCHMARK_COLUMNS, benchmark_columns
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    if not isinstance(measures, pd.DataFrame):
        raise TypeError(f"measures must be a pandas DataFrame, not {type(measures).__name__}")
    codes = _area_codes(_column(df, area, "area"), area)
    keys = [_column(df, name, role) for role, name in (("measure", measure), ("period", period))]
    values = floats(_column(df, value, "value"), value)
    columns = benchmark_columns(codes, *keys, values, measures, neighbours=neighbours,
                                threads=threads, digits=digits)
    columns["quartile"] = pd.Categorical.from_codes(columns["quartile"], dtype=QUARTILE)
    return pd.DataFrame({name: columns[name] for name in BENCHMARK_COLUMNS}, index=df.index,
                        copy=False)
