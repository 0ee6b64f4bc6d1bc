"""Bulk evaluation from Python: numpy arrays in and out, exactly the single-value results row by
row, every kernel and thread count, the dtypes and layouts accepted and refused, huge arrays."""

from __future__ import annotations

import numpy as np
import pytest

import indeval
from indeval import Catalogue, Direction, Indicator, Kernel, Reason, RuleSet, Status, _api, _arrays

from rule_texts import AMT2, COHORT, INF, NAN, TARGETED, W1


@pytest.fixture(scope="module")
def rules():
    return [RuleSet.parse(t) for t in (AMT2, W1, TARGETED, COHORT)]


def rows(n: int, seed: int = 7):
    """Random rows with the edge values mixed in: NaN, +-inf, exact thresholds."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 110, n)
    values[rng.random(n) < 0.05] = NAN
    values[rng.random(n) < 0.02] = INF
    values[rng.random(n) < 0.02] = -INF
    for threshold in (95, 85, 84, 17, 18.1, 20, 20.1, 94.95, 84.5):
        values[rng.random(n) < 0.01] = threshold
    previous = rng.uniform(0, 110, n)
    previous[rng.random(n) < 0.05] = NAN
    same = rng.random(n) < 0.05
    previous[same] = values[same]
    target = rng.uniform(80, 100, n)
    target[rng.random(n) < 0.1] = NAN
    cohort = rng.uniform(50, 500, n)
    cohort[rng.random(n) < 0.1] = NAN
    return values, previous, target, cohort


def expected(entries, index, values, previous, target, cohort):
    """Row by row with the single-value functions."""
    n = len(values)
    status = np.empty(n, np.int8)
    direction = np.empty(n, np.int8)
    for i in range(n):
        rules, decimals, polarity = entries[index[i]]
        t = None if target is None else target[i]
        c = None if cohort is None else cohort[i]
        status[i] = rules.evaluate(values[i], target=t, cohort=c, decimals=decimals) \
            if rules is not None else Status.NONE
        if previous is not None:
            direction[i] = indeval.direction(previous[i], values[i], polarity=polarity,
                                             rule_set=rules, decimals=decimals)
    return status, direction


def test_bulk_is_the_single_value_rating_row_by_row(rules):
    entries = [(rules[0], None, "BIB"), (rules[1], 1, "SIB"), (None, None, None),
               (rules[2], 0, "BIB"), (rules[3], None, None), (rules[0], 0, None)]
    cat = Catalogue()
    for r, decimals, polarity in entries:
        cat.add(r, decimals=decimals, polarity=polarity)
    n = 3000
    values, previous, target, cohort = rows(n)
    index = np.random.default_rng(1).integers(0, len(entries), n).astype(np.int32)
    got = cat.evaluate(values, index, previous=previous, target=target, cohort=cohort)
    want_status, want_direction = expected(entries, index, values, previous, target, cohort)
    assert got.status.dtype == got.reason.dtype == got.direction.dtype == np.int8
    np.testing.assert_array_equal(got.status, want_status)
    np.testing.assert_array_equal(got.direction, want_direction)
    # reasons agree with the statuses
    assert np.all((got.status == 0) == (got.reason != Reason.RATED))
    assert np.all(got.reason[np.isnan(values) & (index != 2)] == Reason.NO_DATA)
    assert np.all(got.reason[np.isinf(values) & (index != 2)] == Reason.NOT_FINITE)
    assert np.all(got.reason[index == 2] == Reason.NOT_RATED)


def test_every_kernel_and_thread_count_agrees(rules):
    cat = Catalogue([rules[0], rules[1], None])
    n = 10_007  # not a multiple of any vector width
    values, previous, _, _ = rows(n, seed=3)
    index = (np.arange(n) % 3).astype(np.int32)
    reference = cat.evaluate(values, index, previous=previous, kernel="scalar")
    for kernel in Kernel:
        for threads in (0, 1, 2, 3):
            try:
                got = cat.evaluate(values, index, previous=previous, threads=threads, kernel=kernel)
            except indeval.ArgumentError as e:
                assert e.code == indeval._native.E_UNSUPPORTED and kernel >= Kernel.AVX2
                continue
            for a, b in zip(got, reference):
                np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="threads"):
        cat.evaluate(values, index, threads=-1)
    with pytest.raises(TypeError, match="threads"):
        cat.evaluate(values, index, threads=1.5)
    with pytest.raises(ValueError, match="Kernel"):
        cat.evaluate(values, index, kernel="sse9")


def test_evaluate_bulk_takes_rule_sets_indicators_and_none(rules):
    ind = Indicator("W 1", polarity="SIB", decimals=1, rules=rules[1])
    result = indeval.evaluate_bulk([rules[0], None, ind], [0, 1, 2, 2], [96, 50, 17.04, 18],
                                   previous=[90, 40, 17.2, 18])
    assert result.status.tolist() == [Status.GREEN, Status.NONE, Status.GREEN, Status.AMBER]
    assert result.reason.tolist() == [Reason.RATED, Reason.NOT_RATED, Reason.RATED, Reason.RATED]
    assert result.direction.tolist() == [Direction.IMPROVED, Direction.UP, Direction.IMPROVED,
                                         Direction.SAME]
    no_previous = indeval.evaluate_bulk([rules[0]], None, [96, 50])
    assert no_previous.direction is None
    assert indeval.evaluate_bulk([rules[0]], None, [96, 50], reason=False).reason is None
    assert no_previous.status.tolist() == [3, 1]
    # a Catalogue is used as it is
    cat = Catalogue([rules[0]])
    assert indeval.evaluate_bulk(cat, None, [96]).status.tolist() == [3]
    with pytest.raises(TypeError):
        indeval.evaluate_bulk(["95% or above Green"], None, [96])
    with pytest.raises(TypeError, match="own"):
        cat.add(ind, decimals=1)


def test_rule_set_and_indicator_arrays(rules):
    amt2 = rules[0]
    got = amt2.evaluate([96, 90, NAN, INF, None, 63.9])
    assert got.dtype == np.int8 and got.tolist() == [3, 2, 0, 0, 0, 1]
    got = amt2.evaluate(np.array([[96.0, 90.0], [50.0, 95.0]]))
    assert got.shape == (2, 2) and got.tolist() == [[3, 2], [1, 3]]
    assert amt2.evaluate(np.array(96.0)).shape == ()  # a 0-d array stays an array
    targeted = rules[2]
    assert targeted.evaluate([91, 96], target=95).tolist() == [2, 3]
    assert targeted.evaluate([91, 91, 91], target=[95, 90, NAN]).tolist() == [2, 3, 0]
    assert targeted.evaluate([0.91, 0.96], target=0.95, scale="fraction").tolist() == [2, 3]
    assert rules[3].evaluate([12, 12], cohort=[100, 60]).tolist() == [2, 1]
    assert rules[3].evaluate([12, 5], cohort=100).tolist() == [2, 3]
    with pytest.raises(ValueError, match="shape"):
        targeted.evaluate([91, 96], target=[95, 95, 95])
    ind = Indicator("AMT 2", polarity="BIB", decimals=1, rules=amt2, unit="percent")
    assert ind.evaluate([94.95, 94.94]).tolist() == [3, 2]
    assert ind.direction([90, 95], [94.95, 95.01]).tolist() == [Direction.IMPROVED, Direction.SAME]


def test_dtypes_are_converted_or_refused(rules):
    cat = Catalogue([rules[0], rules[1]])
    values = [96, 18, 90, 21]
    want = cat.evaluate(np.array(values, dtype=np.float64), np.array([0, 1, 0, 1], np.int32))
    for dtype in (np.float32, np.int64, np.int16, np.uint8, np.float16):
        got = cat.evaluate(np.array(values, dtype=dtype), np.array([0, 1, 0, 1], np.int32))
        np.testing.assert_array_equal(got.status, want.status)
    for dtype in (np.int64, np.uint8, np.int16, np.uint64):
        got = cat.evaluate(values, np.array([0, 1, 0, 1], dtype=dtype))
        np.testing.assert_array_equal(got.status, want.status)
    np.testing.assert_array_equal(cat.evaluate(values, [0, 1, 0, 1]).status, want.status)
    # no silent truncation of a float index, nor wrapping of a wide one
    with pytest.raises(TypeError, match="integers"):
        cat.evaluate(values, np.array([0.0, 1.0, 0.0, 1.0]))
    with pytest.raises(TypeError, match="integers"):
        cat.evaluate(values, [0, 1.5, 0, 1])
    with pytest.raises(TypeError, match="integers"):
        cat.evaluate(values, np.array([True, False, True, False]))
    with pytest.raises(ValueError, match="outside"):
        cat.evaluate(values, np.array([0, 1, 2**32, 1], dtype=np.int64))
    with pytest.raises(ValueError, match="outside"):
        cat.evaluate(values, np.array([0, -1, 0, 1], dtype=np.int64))
    with pytest.raises(indeval.ArgumentError, match="index"):
        cat.evaluate(values, np.array([0, -1, 0, 1], dtype=np.int32))
    with pytest.raises(indeval.ArgumentError, match="index"):
        cat.evaluate(values, np.array([0, 2, 0, 1], dtype=np.int32))
    # values: numbers or None; never text or complex
    got = cat.evaluate(np.array([96, None, 90, None], dtype=object), [0, 1, 0, 1])
    assert got.status.tolist() == [3, 0, 2, 0]
    assert got.reason.tolist() == [0, 1, 0, 1]
    with pytest.raises(TypeError, match="text"):
        cat.evaluate(np.array(["96", "18", "90", "21"]), [0, 1, 0, 1])
    with pytest.raises(TypeError, match="text"):
        cat.evaluate([96, "18", 90, 21], [0, 1, 0, 1])
    with pytest.raises(TypeError, match="complex"):
        cat.evaluate(np.array(values, dtype=complex), [0, 1, 0, 1])
    with pytest.raises(TypeError):
        cat.evaluate(np.array(["2017-11-01"], dtype="datetime64[D]"))


def test_arrays_are_read_in_place_when_they_can_be():
    values = np.linspace(0, 100, 1000)
    assert _arrays.floats(values, "values") is values
    index = np.zeros(1000, np.int32)
    assert _arrays.indexes(index) is index
    assert not np.shares_memory(_arrays.floats(values.astype(np.float32), "v"), values)


def test_non_contiguous_and_broadcast_inputs(rules):
    cat = Catalogue([rules[0], rules[1]])
    base = np.array([[96.0, 0.0, 18.0, 0.0, 90.0, 0.0, 21.0, 0.0]] * 3)
    strided = base[1, ::2]  # a view with a stride of 2
    assert not strided.flags.c_contiguous
    index = np.array([0, 9, 1, 9, 0, 9, 1, 9], np.int32)[::2]
    got = cat.evaluate(strided, index)
    assert got.status.tolist() == [3, 2, 2, 1]
    fortran = np.asfortranarray(np.array([[96.0, 18.0], [90.0, 21.0]]))
    got = cat.evaluate(fortran, np.array([[0, 1], [0, 1]]))
    assert got.status.tolist() == [[3, 2], [2, 1]]
    # a scalar index or previous is broadcast to every row (W 1's bands fall: down is better)
    assert cat.evaluate([17, 18, 21], 1).status.tolist() == [3, 2, 1]
    assert cat.evaluate([17, 18, 21], 1, previous=18).direction.tolist() == [
        Direction.IMPROVED, Direction.SAME, Direction.DECLINED]


def test_empty_arrays(rules):
    cat = Catalogue([rules[0]])
    got = cat.evaluate(np.array([]), np.array([], np.int32), previous=[])
    assert got.status.shape == got.reason.shape == got.direction.shape == (0,)
    assert got.status.dtype == np.int8
    assert rules[0].evaluate([]).shape == (0,)
    assert indeval.direction([], [], polarity="BIB").shape == (0,)
    assert Catalogue().evaluate([]).status.shape == (0,)
    with pytest.raises(indeval.ArgumentError, match="empty"):
        Catalogue().evaluate([1.0])


def test_long_arrays_go_in_several_calls(rules, monkeypatch):
    cat = Catalogue([rules[0], rules[1], None])
    n = 1001
    values, previous, target, cohort = rows(n, seed=11)
    index = (np.arange(n) % 3).astype(np.int32)
    whole = cat.evaluate(values, index, previous=previous, target=target, cohort=cohort)
    monkeypatch.setattr(_api, "MAX_ROWS_PER_CALL", 64)
    pieces = cat.evaluate(values, index, previous=previous, target=target, cohort=cohort)
    for a, b in zip(whole, pieces):
        np.testing.assert_array_equal(a, b)


def test_huge_array(rules):
    n = 10_000_000
    values = np.random.default_rng(5).uniform(0, 110, n)
    values[::1000] = NAN
    cat = Catalogue([rules[0], rules[1]])
    index = (np.arange(n, dtype=np.int32) & 1)
    got = cat.evaluate(values, index, threads=2)
    assert got.status.shape == (n,)
    sample = np.random.default_rng(6).integers(0, n, 200)
    for i in sample:
        assert got.status[i] == rules[index[i]].evaluate(values[i])
    assert np.all(got.status[::1000] == Status.NONE)
    assert np.count_nonzero(got.status == Status.NONE) == n // 1000


def test_catalogue_grows_between_calls(rules):
    cat = Catalogue()
    assert len(cat) == 0
    assert cat.add(rules[0]) == 0
    assert cat.evaluate([96]).status.tolist() == [3]
    assert cat.add(rules[1], decimals=0) == 1
    assert len(cat) == 2
    assert cat.evaluate([17.4, 96], [1, 0]).status.tolist() == [3, 3]
    with pytest.raises(ValueError, match="decimals"):
        cat.add(rules[0], decimals=99)
    with pytest.raises(ValueError, match="Polarity"):
        cat.add(rules[0], polarity="sideways")
    assert len(cat) == 2


def test_per_row_targets_with_fraction_values(rules):
    """Fractions rounded to decimals, each row with its own target: as the single-value rating."""
    targeted = rules[2]
    for decimals in (None, 0, 1):
        single = [targeted.evaluate(0.91, target=t, scale="fraction", decimals=decimals)
                  for t in (0.95, 0.90, NAN)]
        assert single == [Status.AMBER, Status.GREEN, Status.NONE]
        bulk = targeted.evaluate([0.91, 0.91, 0.91], target=[0.95, 0.90, NAN], scale="fraction",
                                 decimals=decimals)
        assert bulk.tolist() == single, f"decimals={decimals}"


# ---- segments, narrow indexes, fork -------------------------------------------------------------

def test_segments_and_narrow_indexes_give_the_index_results(rules):
    values, previous, target, cohort = rows(30000, seed=11)
    cat = Catalogue(rules)
    lengths = [0, 7000, 1, 12000, 5000, 5999]
    entries = [1, 0, 3, 2, 1, 0]
    first = np.cumsum([0] + lengths[:-1])
    index = np.repeat(entries, lengths).astype(np.int32)
    want = cat.evaluate(values, index, previous=previous, target=target, cohort=cohort)
    order = [3, 0, 5, 1, 4, 2]  # segments in any order
    seg = (first[order], np.array(lengths)[order], np.array(entries)[order])
    for threads in (1, 3):
        got = cat.evaluate(values, segments=seg, previous=previous, target=target, cohort=cohort,
                           threads=threads)
        for a, b in zip(got, want):
            np.testing.assert_array_equal(a, b)
        got = indeval.evaluate_bulk(cat, None, values, segments=seg, previous=previous,
                                    target=target, cohort=cohort, threads=threads)
        np.testing.assert_array_equal(got.status, want.status)
        for dtype in (np.int8, np.uint8, np.int16):
            narrow = index.astype(dtype)
            assert _arrays.indexes(narrow).dtype == dtype  # read in place, not widened
            got = cat.evaluate(values, narrow, previous=previous, target=target, cohort=cohort,
                               threads=threads)
            for a, b in zip(got, want):
                np.testing.assert_array_equal(a, b)


def test_segments_refused_with_the_library_message(rules):
    cat = Catalogue(rules)
    values = np.arange(10.0)
    with pytest.raises(indeval.ArgumentError, match="overlap"):
        cat.evaluate(values, segments=([0, 4], [5, 6], [0, 1]))
    with pytest.raises(indeval.ArgumentError, match="no segment covers row 9"):
        cat.evaluate(values, segments=([0], [9], [0]))
    with pytest.raises(indeval.ArgumentError, match="entry"):
        cat.evaluate(values, segments=([0], [10], [4]))
    with pytest.raises(indeval.ArgumentError, match="segments"):
        cat.evaluate(values, np.zeros(10, np.int32), segments=([0], [10], [0]))
    with pytest.raises(ValueError, match="differ in length"):
        cat.evaluate(values, segments=([0], [10], [0, 1]))
    with pytest.raises(TypeError, match="segments"):
        cat.evaluate(values, segments=[0, 10])
    with pytest.raises(TypeError, match="integers"):
        cat.evaluate(values, segments=([0.0], [10], [0]))
    with pytest.raises(indeval.ArgumentError, match="outside"):
        cat.evaluate(values, np.array([0, 1, 2, 3, 4, -1, 0, 0, 0, 0], np.int8))


def _rate_in_child(seed):
    values, previous, target, cohort = rows(200000, seed=seed)
    cat = Catalogue([RuleSet.parse(AMT2), RuleSet.parse(W1)])
    index = (np.arange(values.size) % 2).astype(np.int32)
    one = cat.evaluate(values, index, previous=previous, threads=1)
    many = cat.evaluate(values, index, previous=previous, threads=4)
    return all(np.array_equal(a, b) for a, b in zip(one, many))


def test_fork_start_method_children_use_threads_of_their_own():
    """multiprocessing with fork (Linux's default before Python 3.14) after threaded calls: the
    children's threaded calls finish with the right results instead of hanging on the parent's
    threads."""
    import multiprocessing
    assert _rate_in_child(1)  # the parent's threads are started
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        results = pool.map_async(_rate_in_child, range(6)).get(timeout=120)
    assert results == [True] * 6


def test_catalogue_refuses_an_infinite_target_as_an_indicator_does(rules):
    cat = Catalogue()
    for bad in (INF, -INF):
        with pytest.raises(indeval.ArgumentError, match="target"):
            cat.add(rules[2], target=bad)
    assert len(cat) == 0
    assert cat.add(rules[2], target=NAN) == 0  # none


def test_results_written_into_the_callers_arrays(rules, monkeypatch):
    cat = Catalogue([rules[0], rules[1], None])
    n = 1001
    values, previous, target, _ = rows(n, seed=5)
    values, previous, target = (a.reshape(7, 143) for a in (values, previous, target))
    index = (np.arange(n) % 3).astype(np.int8).reshape(7, 143)
    fresh = cat.evaluate(values, index, previous=previous, target=target)
    out = tuple(np.full((7, 143), 99, np.int8) for _ in range(3))
    got = cat.evaluate(values, index, previous=previous, target=target, out=out)
    assert all(g is o for g, o in zip(got, out))  # the caller's arrays, filled in
    for a, b in zip(out, fresh):
        np.testing.assert_array_equal(a, b)
    # a BulkResult is accepted as `out`, and None entries get new arrays
    again = cat.evaluate(values * 0.5, index, previous=previous, out=got._replace(direction=None))
    assert again.status is out[0] and again.reason is out[1] and again.direction is not out[2]
    np.testing.assert_array_equal(out[0], cat.evaluate(values * 0.5, index).status)
    # slices too (the ABI's int32 row count): every slice lands in its place
    monkeypatch.setattr(_api, "MAX_ROWS_PER_CALL", 64)
    out = tuple(np.zeros((7, 143), np.int8) for _ in range(3))
    cat.evaluate(values, index, previous=previous, target=target, out=out)
    for a, b in zip(out, fresh):
        np.testing.assert_array_equal(a, b)
    # only status wanted, through evaluate_bulk
    status = np.empty((7, 143), np.int8)
    indeval.evaluate_bulk(cat, index, values, reason=False, out=(status, None, None))
    np.testing.assert_array_equal(status, fresh.status)


def test_output_arrays_are_checked_before_anything_is_written(rules):
    cat = Catalogue([rules[0]])
    values = np.array([95.0, 90.0, np.nan, 10.0])
    ok = np.zeros(4, np.int8)

    def refused(error, match, out, **kw):
        before = ok.copy()
        with pytest.raises(error, match=match):
            cat.evaluate(values, out=out, **kw)
        np.testing.assert_array_equal(ok, before)

    refused(TypeError, "BulkResult or a tuple", [ok, None, None])
    refused(TypeError, "BulkResult or a tuple", (ok, None))
    refused(TypeError, "status array must be int8, not int32", (np.zeros(4, np.int32), None, None))
    refused(TypeError, "status array must be a numpy array, not list", ([0] * 4, None, None))
    refused(ValueError, r"reason array has shape \(5,\); the values have \(4,\)",
            (ok, np.zeros(5, np.int8), None))
    refused(ValueError, "C-contiguous", (np.zeros(8, np.int8)[::2], None, None))
    frozen = np.zeros(4, np.int8)
    frozen.flags.writeable = False
    refused(ValueError, "writable", (frozen, None, None))
    refused(ValueError, r"reason array was given, but no reason is computed \(reason=False\)",
            (ok, np.zeros(4, np.int8), None), reason=False)
    refused(ValueError, r"direction array was given.*no previous values",
            (ok, None, np.zeros(4, np.int8)))
    refused(ValueError, "must not overlap", (ok, ok, None))
    index = np.zeros(4, np.int8)
    with pytest.raises(ValueError, match="status array shares memory with index"):
        cat.evaluate(values, index, out=(index, None, None))
    empty = cat.evaluate(np.empty(0), out=(np.empty(0, np.int8), None, None))
    assert empty.status.size == 0
