"""Dask: rate a dask.dataframe partition by partition, on as many machines as the cluster has.

    >>> import dask.dataframe as dd
    >>> import indeval.dask
    >>> ddf = dd.read_csv("values-*.csv")                       # indicator,period,value,...
    >>> rated = indeval.dask.evaluate(ddf, {"AMT 2": "95% or above Green 85%-94% Amber 84% "
    ...                                              "and below Red"}, previous="previous")
    >>> ddf.assign(**{c: rated[c] for c in rated.columns}).to_csv("rated-*.csv")

Each partition is rated by indeval.pandas.evaluate with the same arguments, so the result equals
the single-process call row for row: the same columns, Categorical dtypes and index. Rows are rated
independently; nothing needs a shuffle. spc (a series needs all its points) and compare (a rank
needs every area of its measure and period) shuffle the rows first, so that each series or group
lies wholly in one partition.

The rules travel to the workers as text (a RuleSet's canonical text, an Indicator's settings) and
are made into a catalogue once per worker process; each worker loads the shared library on first
use, from the indeval package it imports (an installed package carries libindeval.so). Rule text
is read on the client first, so unreadable rules fail at once; indicators without rules
(unknown="error") fail when the partition naming them is computed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Optional

import dask.dataframe as dd
import pandas as pd

from . import pandas as ipd
from ._api import Indicator, RuleSet

__all__ = ["evaluate", "spc", "compare"]


def _portable(key, entry):
    """An entry of `rules` as plain, hashable data that pickles small and compares by value."""
    if isinstance(entry, str):
        entry = ipd._parsed(key, entry)
    if entry is None:
        return None
    if isinstance(entry, RuleSet):
        return ("rules", str(entry))
    if isinstance(entry, Indicator):
        return ("indicator", entry.ref, tuple(sorted(dict(
            title=entry.title, section=entry.section, polarity=int(entry.polarity),
            unit=int(entry.unit), decimals=entry.decimals, target=entry.target,
            rules=None if entry.rules is None else str(entry.rules),
            rule_text=entry.rule_text).items())))
    raise TypeError(f"rules for indicator {key!r} must be a RuleSet, an Indicator, rule text "
                    f"or None, not {type(entry).__name__}")


def _entry(spec):
    if spec is None:
        return None
    if spec[0] == "rules":
        return RuleSet.parse(spec[1])
    fields = dict(spec[2])
    if fields["rules"] is not None:
        fields["rules"] = RuleSet.parse(fields["rules"])
    return Indicator(spec[1], **fields)


@functools.lru_cache(maxsize=16)
def _catalogue(spec: tuple, decimals, scale, unknown) -> tuple:
    """The (keys, Catalogue) for a portable rules table: made once per worker process."""
    return ipd.catalogue({key: _entry(entry) for key, entry in spec}, decimals=decimals,
                         scale=scale, unknown=unknown)


def _rate_partition(part: pd.DataFrame, spec: tuple, decimals, scale, unknown, columns: dict,
                    threads, kernel) -> pd.DataFrame:
    keys, cat = _catalogue(spec, decimals, scale, unknown)
    return ipd.evaluate_with(part, keys, cat, unknown=unknown, threads=threads, kernel=kernel,
                             **columns)


def evaluate(ddf: dd.DataFrame, rules: Mapping, *, indicator="indicator", value="value",
             target=None, previous=None, cohort=None, decimals: Optional[int] = None,
             scale="points", unknown: str = "error", threads: int = 1,
             kernel="automatic", england=None, region=None, neighbours=None,
             previous_year=None) -> dd.DataFrame:
    """indeval.pandas.evaluate over a dask DataFrame, partition by partition (lazy: nothing is
    rated until the result is computed). Arguments as indeval.pandas.evaluate; threads is per
    partition (Dask already runs partitions in parallel)."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    if not isinstance(rules, Mapping):
        raise TypeError(f"rules must be a mapping of indicator -> RuleSet, Indicator, rule text "
                        f"or None, not {type(rules).__name__}")
    spec = tuple((key, _portable(key, entry)) for key, entry in rules.items())
    # Checks every argument on the client, before any worker sees it.
    ipd.catalogue({key: _entry(entry) for key, entry in spec}, decimals=decimals, scale=scale,
                  unknown=unknown)
    columns = dict(indicator=indicator, value=value, target=target, previous=previous,
                   cohort=cohort, england=england, region=region, neighbours=neighbours,
                   previous_year=previous_year)
    meta = ddf._meta
    for role, name in columns.items():
        if name is not None:
            ipd._column(meta, name, role)
    out = ipd.result_frame(meta.index[:0], with_direction=previous is not None)
    return ddf.map_partitions(_rate_partition, spec, decimals, scale, unknown, columns, threads,
                              kernel, meta=out, align_dataframes=False)


def _spc_partition(part: pd.DataFrame, columns: dict, options: dict) -> pd.DataFrame:
    return ipd.spc(part, **columns, **options)


def spc(ddf: dd.DataFrame, *, series: str = "series", date: Optional[str] = "date",
        value: str = "value", **options) -> dd.DataFrame:
    """indeval.pandas.spc over a dask DataFrame. A series' limits and rules need all its points,
    so the rows are first shuffled by `series` (every series then lies wholly in one partition,
    which is rated by one call); the result has the input's rows and index, in shuffled order
    (sort by the index, or join, to line it up with the input)."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    columns = dict(series=series, date=date, value=value)
    for role, name in columns.items():
        if name is not None:
            ipd._column(ddf._meta, name, role)
    grouped = ddf.shuffle(on=series)
    return grouped.map_partitions(_spc_partition, columns, options,
                                  meta=ipd.spc_meta(ddf._meta), align_dataframes=False)


def _with_columns(part: pd.DataFrame, result: pd.DataFrame) -> pd.DataFrame:
    """part with result's columns added by position (the index may repeat labels)."""
    out = part.copy()
    for name in result.columns:
        out[name] = result[name].values
    return out


def _compare_partition(part: pd.DataFrame, measures: pd.DataFrame, neighbours, columns: dict,
                       threads, digits) -> pd.DataFrame:
    return _with_columns(part, ipd.compare(part, measures, neighbours=neighbours, **columns,
                                           threads=threads, digits=digits))


def compare(ddf: dd.DataFrame, measures: pd.DataFrame, *, neighbours=None, area="area",
            measure="measure", period="period", value="value", threads: int = 1,
            digits: int = 15) -> dd.DataFrame:
    """indeval.pandas.compare over a dask DataFrame (arguments as there; measures and neighbours
    are small pandas frames sent with the tasks). A rank, a quartile band and a neighbour mean
    need every area of their (measure, period) group, the England and region figures too, so the
    rows are first shuffled by (measure, period): every group then lies wholly in one partition,
    which one call compares. Returns ddf's rows with the columns rank, quartile, sn_mean, england
    and region added, in shuffled order with the input's index: once sorted by the index it
    equals df.join(indeval.pandas.compare(df, ...)) row for row (sort, or join on a key, to line
    it up with the input)."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    columns = dict(area=area, measure=measure, period=period, value=value)
    # Checks the columns and the measures on the client, before any worker sees them.
    meta = _compare_partition(ddf._meta, measures, neighbours, columns, threads, digits)
    # The frames go inside a partial: map_partitions would make a pandas argument a collection.
    per_partition = functools.partial(_compare_partition, measures=measures,
                                      neighbours=neighbours, columns=columns, threads=threads,
                                      digits=digits)
    return ddf.shuffle(on=[measure, period]).map_partitions(per_partition, meta=meta,
                                                            align_dataframes=False)
