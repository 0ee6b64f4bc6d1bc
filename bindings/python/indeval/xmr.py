"""Statistical process control beside RAG: XmR limits, special-cause variation and target
assurance (NHS "Making Data Count", NHSRplotthedots 0.2.2), computed by the library's SPC job over
whole numpy columns in one call.

    >>> r = indeval.spc(values, series=codes, date=days, improvement="increase", target=95)
    >>> r.upper, r.rule, r.variation          # per point
    >>> r.assurance, r.warnings               # per series
    >>> indeval.spc_names("rule")[r.rule]     # the codes' names, as the library gives them

``spc_frame(df, ...)`` does the same for a pandas DataFrame in long layout and returns it with the
results as columns. The rules are the library's; this module only moves arrays and names.
"""

from __future__ import annotations

import ctypes
import functools
import re
from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import _arrays as arr
from . import _native as nat
from ._enums import year_kind_code

# The SPC job's ids and codes of indeval.h (fixed by the ABI); the common ones are _native's.
JOB_SPC = 4
TYPE_INT8, TYPE_UINT8, TYPE_INT32, TYPE_DOUBLE = nat.TYPE_INT8, nat.TYPE_UINT8, nat.TYPE_INT32, nat.TYPE_DOUBLE
ARRAY_VALUE, ARRAY_DATE, ARRAY_REBASE = 40, 41, 42
ARRAY_IMPROVEMENT, ARRAY_TARGET, ARRAY_FIX_AFTER, ARRAY_SCREEN = 43, 44, 45, 46
OUTPUT_MEAN, OUTPUT_LOWER, OUTPUT_UPPER, OUTPUT_VARIATION, OUTPUT_RULE = 140, 141, 142, 143, 144
OUTPUT_ASSURANCE, OUTPUT_WARNINGS, OUTPUT_LAST_VARIATION = 145, 146, 147
OPTION_THREADS = nat.OPTION_THREADS
NAME_KINDS = {"variation": 1, "rule": 2, "assurance": 3, "improvement": 4}

#: Warning bits of SpcResult.warnings.
WARNING_SHORT_PHASE, WARNING_MISSING_VALUES, WARNING_UNDEFINED_LIMITS = 1, 2, 4


@functools.lru_cache(maxsize=None)
def spc_names(kind: str) -> np.ndarray:
    """The names of a kind of code ("variation", "rule", "assurance", "improvement"), indexed by
    code, as a numpy array of str (so ``spc_names("rule")[result.rule]`` names every point)."""
    k = _kind(kind)
    names = []
    while True:
        try:
            names.append(nat.text_out("indeval_spc_name", k, len(names)))
        except nat.ArgumentError:
            break
    return np.array(names, dtype=object)


def spc_code(kind: str, name) -> int:
    """The code of a name ("increase", "SIB", "trend_up" ...), or an int code checked against the
    kind's names; ValueError otherwise."""
    k = _kind(kind)
    if isinstance(name, (int, np.integer)) and not isinstance(name, bool):
        if 0 <= int(name) < len(spc_names(kind)):
            return int(name)
        raise ValueError(f"{name} is not a {kind} code (0..{len(spc_names(kind)) - 1})")
    if not isinstance(name, str):
        raise TypeError(f"{kind} must be a name or a code, not {type(name).__name__}")
    code = ctypes.c_int32(-1)
    rc = nat.lib().indeval_spc_code(k, nat.utf8(name, kind), ctypes.byref(code))
    if rc != nat.OK:
        raise ValueError(f"{name!r} is none of the {kind} names ({', '.join(n for n in spc_names(kind) if n)})")
    return code.value


def spc_date(text: str, year_kind: str = "financial") -> int:
    """Days since 1970-01-01 of an ISO date ``YYYY-MM-DD`` or the first day of a period label
    (``Apr-17``, ``2016-17``, ``2017 Q1``); ValueError when it is neither."""
    day = ctypes.c_int32(0)
    rc = nat.lib().indeval_spc_date(nat.utf8(text, "date"), year_kind_code(year_kind), ctypes.byref(day))
    if rc != nat.OK:
        raise ValueError(nat.split_message(nat.last_error())[1])
    return day.value


def _kind(kind: str) -> int:
    try:
        return NAME_KINDS[kind]
    except KeyError:
        raise ValueError(f"kind must be one of {', '.join(NAME_KINDS)}, not {kind!r}") from None


@dataclass
class SpcResult:
    """Per point (in the order given): ``mean``, ``lower``, ``upper`` (float64; NaN = undefined),
    ``variation`` and ``rule`` (int8 codes). Per series (in order of first appearance):
    ``assurance``, ``last_variation`` (int8 codes), ``warnings`` (uint8 bits, WARNING_*),
    ``first`` and ``count`` (its rows: contiguous)."""

    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    variation: np.ndarray
    rule: np.ndarray
    assurance: np.ndarray
    last_variation: np.ndarray
    warnings: np.ndarray
    first: np.ndarray
    count: np.ndarray

    def names(self, field: str) -> np.ndarray:
        """A code field as names: ``r.names("rule")``."""
        kind = "variation" if field == "last_variation" else field
        return spc_names(kind)[getattr(self, field)]


def _runs(series, n: int):
    """(first, count) of the runs of equal labels; each label must form one run."""
    if series is None:
        return np.zeros(1, dtype=np.int32), np.array([n], dtype=np.int32)
    labels = np.asarray(series)
    if labels.shape != (n,):
        raise ValueError(f"series has shape {labels.shape}, the values ({n},)")
    starts = np.zeros(0, np.int64)
    if n:  # 0 and every row whose label differs from the one before (no n-long concatenation)
        starts = np.concatenate(([0], np.flatnonzero(labels[1:] != labels[:-1]) + 1))
    heads = labels[starts]
    # Labels that rise from run to run (sorted codes, the usual case) are one run each: no sort.
    rising = labels.dtype.kind in "iuf" and bool(np.all(heads[1:] > heads[:-1]))
    if n and not rising and len(starts) != len(np.unique(heads)):
        seen = {}
        for s in starts:
            key = labels[s]
            if key in seen:
                raise ValueError(f"series {key!r} is not contiguous: rows {seen[key]} and {s} start "
                                 f"runs of it (sort the rows by series first)")
            seen[key] = s
    count = np.diff(np.r_[starts, n])
    return starts.astype(np.int32), count.astype(np.int32)


def _per_series(x, nseries: int, what: str, convert, dtype) -> np.ndarray:
    """A setting for every series: one value, or one per series (numbers taken as a whole
    column; anything else, such as names, converted once per distinct value)."""
    if arr.is_scalar(x) or isinstance(x, str):
        return np.full(nseries, convert(x), dtype=dtype)
    a = np.asarray(x)
    if a.shape != (nseries,):
        raise ValueError(f"{what} has {a.size} elements; give one, or one per series ({nseries})")
    if a.dtype.kind in "biuf" and dtype is not object:
        return a
    if a.dtype.kind in "iu" and dtype is object and a.size:
        # Integer codes, which run 0..K-1: when the smallest and the largest are codes, all are.
        try:
            convert(a.min()), convert(a.max())
            return a
        except ValueError:
            pass  # name the first bad one as below
    distinct, inverse = np.unique(a.astype(object).astype(str) if a.dtype.kind == "O" else a,
                                  return_inverse=True)
    firsts = {}
    for i, v in enumerate(inverse):
        firsts.setdefault(v, i)
        if len(firsts) == len(distinct):
            break
    return np.array([convert(a[firsts[k]]) for k in range(len(distinct))], dtype=dtype)[inverse]


def _dates(date, n: int, year_kind: str) -> Optional[np.ndarray]:
    if date is None:
        return None
    a = np.asarray(date)
    if a.shape != (n,):
        raise ValueError(f"date has shape {a.shape}, the values ({n},)")
    if a.dtype.kind == "M":
        return a.astype("datetime64[D]").astype(np.int64).astype(np.int32)
    if a.dtype.kind in "iu":
        if a.size and (a.min() < -2**31 or a.max() >= 2**31):
            raise ValueError("date holds days outside the int32 range")
        return np.asarray(a, dtype=np.int32, order="C")
    out = np.empty(n, dtype=np.int32)
    for i, text in enumerate(a):
        try:
            out[i] = spc_date(str(text), year_kind)
        except ValueError as e:
            raise ValueError(f"date of row {i}: {e}") from None
    return out


def spc(values, series=None, *, date=None, rebase=None, improvement="neutral", target=None,
        fix_after=0, screen=True, year_kind: str = "financial", threads: int = 1) -> SpcResult:
    """XmR analysis of every series in one call.

    values: the points (NaN or +-inf = missing). series: a label per point; the rows of a series
    must be contiguous (None: all rows are one series). date: per point, days (ints),
    numpy datetime64, or text (ISO dates or period labels, read by the library); None = rows
    already in date order. rebase: per point, true where a new phase starts. improvement
    ("increase", "decrease", "neutral", BIB/SIB or a code), target (None/NaN = none), fix_after
    (0 = none, else >= 12) and screen: one for all series or one per series. threads: 0 = one per
    hardware thread. Refused input raises indeval.ArgumentError naming the row (its position in
    the arrays given)."""
    v = arr.floats(values, "values").ravel()
    n = v.size
    first, count = _runs(series, n)
    nseries = len(first)
    imp = _per_series(improvement, nseries, "improvement",
                      lambda x: spc_code("improvement", x), object)
    imp = np.ascontiguousarray(imp, dtype=np.int8)
    tgt = np.ascontiguousarray(_per_series(target, nseries, "target",
                                           lambda x: arr.scalar(x, "target"), np.float64),
                               dtype=np.float64)
    fix = _per_series(fix_after, nseries, "fix_after", lambda x: 0 if x is None else int(x),
                      np.int32)
    if fix.dtype.kind == "f" and np.any(fix != np.round(fix)):
        raise ValueError("fix_after must be whole numbers")
    fix = np.ascontiguousarray(fix, dtype=np.int32)
    scr = np.ascontiguousarray(_per_series(screen, nseries, "screen", lambda x: 1 if x else 0,
                                           np.int8) != 0, dtype=np.int8)
    days = _dates(date, n, year_kind)
    reb = None
    if rebase is not None:
        reb = np.asarray(np.asarray(rebase).ravel() != 0, dtype=np.int8)
        if reb.shape != (n,):
            raise ValueError(f"rebase has {reb.size} elements, the values {n}")
    entry = np.arange(nseries, dtype=np.int32)

    out = SpcResult(mean=np.empty(n), lower=np.empty(n), upper=np.empty(n),
                    variation=np.empty(n, np.int8), rule=np.empty(n, np.int8),
                    assurance=np.empty(nseries, np.int8), last_variation=np.empty(nseries, np.int8),
                    warnings=np.empty(nseries, np.uint8), first=first, count=count)
    handle = nat.new_handle("indeval_request_create", "indeval_request_free", JOB_SPC)
    req = handle.ptr
    a = arr.address

    def array(id_, type_, x):
        nat.call("indeval_request_set_array", req, id_, type_, a(x), len(x))

    def output(id_, type_, x):
        nat.call("indeval_request_set_output", req, id_, type_, a(x), len(x))

    array(ARRAY_VALUE, TYPE_DOUBLE, v)
    if days is not None:
        array(ARRAY_DATE, TYPE_INT32, days)
    if reb is not None:
        array(ARRAY_REBASE, TYPE_INT8, reb)
    array(ARRAY_IMPROVEMENT, TYPE_INT8, imp)
    array(ARRAY_TARGET, TYPE_DOUBLE, tgt)
    array(ARRAY_FIX_AFTER, TYPE_INT32, fix)
    array(ARRAY_SCREEN, TYPE_INT8, scr)
    nat.call("indeval_request_set_segments", req, a(first), a(count), a(entry), nseries)
    output(OUTPUT_MEAN, TYPE_DOUBLE, out.mean)
    output(OUTPUT_LOWER, TYPE_DOUBLE, out.lower)
    output(OUTPUT_UPPER, TYPE_DOUBLE, out.upper)
    output(OUTPUT_VARIATION, TYPE_INT8, out.variation)
    output(OUTPUT_RULE, TYPE_INT8, out.rule)
    output(OUTPUT_ASSURANCE, TYPE_INT8, out.assurance)
    output(OUTPUT_LAST_VARIATION, TYPE_INT8, out.last_variation)
    output(OUTPUT_WARNINGS, TYPE_UINT8, out.warnings)
    nat.call("indeval_request_set_int", req, OPTION_THREADS, int(threads))
    nat.call("indeval_request_run", req, None)
    return out


def error_row(error: Exception) -> Optional[int]:
    """The row (position in the arrays given) an SPC error names, if it names one."""
    m = re.search(r"\brow (\d+)", str(error))
    return int(m.group(1)) if m else None


def spc_frame(df, *, series: str = "series", date: Optional[str] = "date", value: str = "value",
              improvement="neutral", target=None, rebase: Optional[str] = None, fix_after=0,
              screen=True, threads: int = 1):
    """spc() over a long-layout DataFrame: returns a copy with columns ``mean``, ``lower``,
    ``upper``, ``variation``, ``rule`` (names) and ``assurance`` (the series', on each of its
    rows). improvement, target, fix_after and screen are a value for every series or the name of
    a column, which must hold one value per series. The rows keep their order."""
    import pandas as pd

    codes, labels = pd.factorize(df[series], sort=False)
    order = np.argsort(codes, kind="stable")
    codes_sorted = codes[order]

    def setting(x, what):
        if isinstance(x, str) and x in df.columns:
            col = df[x].to_numpy()[order]
            first = np.flatnonzero(np.r_[True, codes_sorted[1:] != codes_sorted[:-1]])
            per = col[first]
            per_row = np.repeat(per, np.diff(np.r_[first, len(col)]))
            same = (per_row == col) | (pd.isna(per_row) & pd.isna(col))
            if not np.all(same):
                bad = order[np.flatnonzero(~same)[0]]
                raise ValueError(f"{what} column {x!r}: row {bad} differs from the rest of its series")
            return per
        return x

    try:
        result = spc(df[value].to_numpy()[order], codes_sorted,
                     date=None if date is None else df[date].to_numpy()[order],
                     rebase=None if rebase is None else df[rebase].to_numpy()[order],
                     improvement=setting(improvement, "improvement"),
                     target=setting(target, "target"), fix_after=setting(fix_after, "fix_after"),
                     screen=setting(screen, "screen"), threads=threads)
    except nat.ArgumentError as e:
        row = error_row(e)
        if row is None or row >= len(order):
            raise
        # The library counts rows as given to it (grouped by series): say which row of the frame.
        raise nat.ArgumentError(f"row {order[row]} of the frame (index {df.index[order[row]]!r}): "
                                f"{e.message}", e.code, e.function) from None
    out = df.copy()
    back = np.empty_like(order)
    back[order] = np.arange(len(order))
    out["mean"] = result.mean[back]
    out["lower"] = result.lower[back]
    out["upper"] = result.upper[back]
    out["variation"] = result.names("variation")[back]
    out["rule"] = result.names("rule")[back]
    per_row = np.repeat(result.names("assurance"), result.count)
    out["assurance"] = per_row[back]
    return out
