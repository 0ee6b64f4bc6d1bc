"""The XmR rules of indeval's SPC (NHSRplotthedots 0.2.2, as the README documents them), written
the way a pandas/numpy user would: whole-column numpy operations, no loop over series.

An independent implementation, used by bench/bench_spc.py to time indeval against and by the
tests to check indeval on real series. Input: points already in date order within each series and
series contiguous; per point the values, a series id (0..S-1, non-decreasing), a phase id
(non-decreasing, new at each rebase); per series the improvement code (0 neutral, 1 increase,
2 decrease), target (NaN = none), fix_after (0 = none) and screen flag.
Output codes are indeval's (spc_rule, spc_variation, spc_assurance).
"""

from __future__ import annotations

import numpy as np

LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)
SCREEN = 3.267
RUN = 7


def _group_starts(group):
    n = len(group)
    new = np.ones(n, dtype=bool)
    new[1:] = group[1:] != group[:-1]
    return new


def _r_mean(values, keep, group, ngroups):
    """R's mean() per group over values[keep]: long double sum / n, then one correction pass."""
    x = np.where(keep, values, 0.0).astype(np.longdouble)
    count = np.bincount(group, weights=keep, minlength=ngroups)
    total = np.zeros(ngroups, dtype=np.longdouble)
    np.add.at(total, group, x)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = total / count
        dev = np.where(keep, x - s[group], 0)
        t = np.zeros(ngroups, dtype=np.longdouble)
        np.add.at(t, group, dev)
        s = np.where(np.isfinite(s), s + t / count, s)
    return s.astype(np.float64)


def _runs(key, starts, length):
    """True for every point of a run of >= length equal non-zero keys (runs end at group starts)."""
    n = len(key)
    change = starts.copy()
    change[1:] |= key[1:] != key[:-1]
    run_id = np.cumsum(change) - 1
    run_len = np.bincount(run_id)
    return (key != 0) & (run_len[run_id] >= length)


def spc_numpy(values, series, phase, improvement, target, fix_after, screen):
    y = np.asarray(values, dtype=np.float64)
    n = len(y)
    series = np.asarray(series, dtype=np.int64)
    phase = np.asarray(phase, dtype=np.int64)
    finite = np.isfinite(y)
    y = np.where(finite, y, np.nan)
    starts = _group_starts(phase) | _group_starts(series)
    group = np.cumsum(starts) - 1
    ngroups = int(group[-1]) + 1 if n else 0
    first = np.flatnonzero(starts)
    pos = np.arange(n) - first[group]
    fix = np.asarray(fix_after, dtype=np.int64)[series]
    in_fix = (fix == 0) | (pos < fix)
    scr = np.asarray(screen, dtype=bool)[series]

    mean = _r_mean(y, finite & in_fix, group, ngroups)
    mr = np.full(n, np.nan)
    mr[1:] = np.abs(y[1:] - y[:-1])
    has_mr = ~starts & in_fix & ~np.isnan(mr)
    has_mr[0] = False
    amr = _r_mean(mr, has_mr, group, ngroups)
    with np.errstate(invalid="ignore"):
        kept = has_mr & (~scr | (mr < SCREEN * amr[group]))
    amr = _r_mean(mr, kept, group, ngroups)  # once; without screening `kept` is every range

    m = mean[group]
    a = amr[group]
    lower, upper = m - LIMIT * a, m + LIMIT * a
    lower_close, upper_close = m - LIMIT_CLOSE * a, m + LIMIT_CLOSE * a
    with np.errstate(invalid="ignore"):
        side = np.sign(y - m)
        outside = (y > upper) | (y < lower)
        close = ~outside & ((y < lower_close) | (y > upper_close))
    side = np.nan_to_num(side, nan=0.0).astype(np.int8)

    shift = _runs(side, starts, RUN)

    step = np.zeros(n, dtype=np.int8)  # step[i] = sign(y[i] - y[i-1]) within a group
    with np.errstate(invalid="ignore"):
        step[1:] = np.nan_to_num(np.sign(y[1:] - y[:-1]), nan=0.0).astype(np.int8)
    step[starts] = 0
    step_run = _runs(step, starts, RUN - 1)
    trend = step_run.copy()
    trend[:-1] |= step_run[1:]  # the point before the first step of a run

    same3 = np.zeros(n, dtype=bool)  # window i, i+1, i+2 within one group
    same3[:-2] = (group[:-2] == group[2:])
    c = close.astype(np.int8)
    win = np.zeros(n, dtype=bool)
    if n >= 3:
        win[:-2] = same3[:-2] & (c[:-2] + c[1:-1] + c[2:] >= 2) & (side[:-2] != 0) & \
            (side[:-2] == side[1:-1]) & (side[:-2] == side[2:])
    in_win = win.copy()
    in_win[1:] |= win[:-1]
    in_win[2:] |= win[:-2]
    two3 = in_win & close

    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = trend[1:] & ~starts[1:]
    step_next = np.zeros(n, dtype=np.int8)
    step_next[:-1] = step[1:]
    direction = np.where(trend & nxt, step_next, step)
    high = side > 0
    rule = np.select(
        [outside, trend, two3, shift],
        [np.where(side == 1, 1, 2), np.where(direction == 1, 3, 4),
         np.where(high, 5, 6), np.where(high, 7, 8)], 0).astype(np.int8)

    rule_side = np.select([np.isin(rule, (1, 3, 5, 7)), np.isin(rule, (2, 4, 6, 8))], [1, -1], 0)
    imp = np.asarray(improvement, dtype=np.int8)[series]
    oriented = np.where(imp == 2, -rule_side, rule_side)
    variation = np.where(imp == 0, np.select([rule_side > 0, rule_side < 0], [3, 4], 0),
                         np.select([oriented > 0, oriented < 0], [1, 2], 0)).astype(np.int8)

    nseries = len(improvement)
    last = np.full(nseries, -1)
    last[series] = np.arange(n)  # the last index of each series wins
    tgt = np.asarray(target, dtype=np.float64)
    imp_s = np.asarray(improvement, dtype=np.int8)
    lo = np.where(last >= 0, lower[last], np.nan)
    up = np.where(last >= 0, upper[last], np.nan)
    inc = imp_s == 1
    with np.errstate(invalid="ignore"):
        assurance = np.select([np.isnan(tgt) | (imp_s == 0) | (last < 0), tgt > up, tgt < lo],
                              [0, np.where(inc, 2, 1), np.where(inc, 1, 2)], 3).astype(np.int8)
    return {"mean": m, "lower": lower, "upper": upper, "rule": rule, "variation": variation,
            "assurance": assurance}
