"""The Python binding: loading, enums, rule sets, single-value rating, explanation, direction of
travel and errors. (Bulk: test_binding_bulk.py; indicators and lint: test_binding_indicator.py.)"""

from __future__ import annotations

import ctypes
import math
import pickle
import threading
from pathlib import Path

import numpy as np
import pytest

import indeval
from indeval import Direction, Polarity, Reason, RuleSet, Status, Unit, _native

from rule_texts import AMT2, COHORT, INF, NAN, TARGETED, W1


@pytest.fixture(scope="module")
def amt2():
    return RuleSet.parse(AMT2)


@pytest.fixture(scope="module")
def w1():
    return RuleSet.parse(W1)


# ---- the library --------------------------------------------------------------------------------

def test_library_loads_and_reports_its_versions():
    assert indeval.abi_version()[0] == _native.ABI_MAJOR == 1
    assert indeval.library_version() == indeval.__version__
    assert Path(indeval.library_path()).is_file()


def test_every_declared_function_is_in_the_header(repo_root):
    header = (repo_root / "capi" / "include" / "indeval.h").read_text()
    import re
    declared = set(re.findall(r"INDEVAL_CALL (indeval_[a-z0-9_]+)\(", header))
    assert declared == set(_native.SIGNATURES)


def test_library_search_order(tmp_path, monkeypatch):
    monkeypatch.delenv("INDEVAL_LIBRARY", raising=False)
    fake_repo = tmp_path / "repo"
    for name in ("dev", "release", "asan"):
        capi = fake_repo / "build" / name / "capi"
        capi.mkdir(parents=True)
        (capi / "libindeval.so.1").write_bytes(b"")
        (capi / "libindeval.so").write_bytes(b"")
    package = tmp_path / "package"
    package.mkdir()
    monkeypatch.setattr(_native, "repo_root", lambda: fake_repo)
    monkeypatch.setattr(_native, "__file__", str(package / "_native.py"))
    # build/release first, then build/dev, then the rest; the SONAME-less link preferred
    assert _native.find_library() == fake_repo / "build" / "release" / "capi" / "libindeval.so"
    (fake_repo / "build" / "release" / "capi" / "libindeval.so").unlink()
    (fake_repo / "build" / "release" / "capi" / "libindeval.so.1").unlink()
    assert _native.find_library() == fake_repo / "build" / "dev" / "capi" / "libindeval.so"
    # the package's own folder comes before the build tree
    (package / "libindeval.so.1").write_bytes(b"")
    assert _native.find_library() == package / "libindeval.so.1"
    # and INDEVAL_LIBRARY before everything
    explicit = tmp_path / "elsewhere.so"
    explicit.write_bytes(b"")
    monkeypatch.setenv("INDEVAL_LIBRARY", str(explicit))
    assert _native.find_library() == explicit
    monkeypatch.setenv("INDEVAL_LIBRARY", str(tmp_path / "missing.so"))
    with pytest.raises(indeval.LibraryNotFoundError, match="INDEVAL_LIBRARY"):
        _native.find_library()
    monkeypatch.delenv("INDEVAL_LIBRARY")
    (package / "libindeval.so.1").unlink()
    for p in fake_repo.rglob("libindeval.so*"):
        p.unlink()
    with pytest.raises(indeval.LibraryNotFoundError, match="cannot find"):
        _native.find_library()


# ---- enums --------------------------------------------------------------------------------------

def test_status_codes_are_the_c_codes():
    assert [(s.name, int(s)) for s in Status] == [
        ("NONE", 0), ("RED", 1), ("AMBER", 2), ("GREEN", 3), ("BLUE", 4)]
    assert [int(r) for r in Reason] == [0, 1, 2, 3, 4, 5, 6]
    assert [(d.name, int(d)) for d in Direction] == [
        ("NONE", 0), ("IMPROVED", 1), ("DECLINED", 2), ("SAME", 3), ("UP", 4), ("DOWN", 5)]
    assert str(Status.AMBER) == "Amber" and f"{Status.NONE}" == "None"
    assert f"{Status.RED:d}" == "1" and f"{Status.RED:>6}" == "   Red"
    assert str(Direction.NONE) == "-" and str(Reason.NEEDS_TARGET) == "needs target"
    assert Status.parse(" amber ") is Status.AMBER
    with pytest.raises(ValueError, match="Yellow"):
        Status.parse("Yellow")
    assert Polarity.parse("High") is Polarity.BIB and Polarity.parse("") is Polarity.NEUTRAL
    assert Unit.parse("%") is Unit.PERCENT


# ---- rule sets ----------------------------------------------------------------------------------

def test_parse_print_and_value_semantics(amt2):
    text = str(amt2)
    assert text == "Green: >= 95; Amber: >= 85 and <= 94; Red: <= 84"
    again = RuleSet.parse(text)
    assert again == amt2 and hash(again) == hash(amt2) and str(again) == text
    assert RuleSet.parse(W1) != amt2
    assert repr(amt2) == f"RuleSet.parse({text!r})"
    assert pickle.loads(pickle.dumps(amt2)) == amt2
    assert len(amt2) == 3
    assert amt2.orientation == indeval.Orientation.RISING
    assert not amt2.needs_target and not amt2.needs_cohort
    assert RuleSet.parse(TARGETED).needs_target
    assert RuleSet.parse(COHORT).needs_cohort
    with pytest.raises(TypeError):
        RuleSet()


def test_parse_errors_carry_the_position():
    with pytest.raises(indeval.ParseError) as info:
        RuleSet.parse("95% or above Purple")
    e = info.value
    assert e.position == 13 and e.byte_position == 13
    assert "Purple" in str(e) and "Purple" in e.message
    assert e.code == _native.E_PARSE and e.code_name == "INDEVAL_E_PARSE"
    assert e.function == "indeval_rules_parse"
    assert isinstance(e, ValueError) and isinstance(e, indeval.Error)
    # positions are characters of the str, not bytes of its UTF-8
    with pytest.raises(indeval.ParseError) as info:
        RuleSet.parse("≥ 95 Green ≥ 85 Purple")
    assert info.value.position == 16 and info.value.byte_position == 20
    assert info.value.byte_offset == 20 and "at character 16" in str(info.value)
    # a long word is shortened in the message, which keeps its position
    with pytest.raises(indeval.ParseError) as info:
        RuleSet.parse("Green: 95 or above " + "x" * 5000 + " Red: otherwise")
    assert info.value.position == 19 and info.value.byte_offset == 19
    assert "at character 19" in str(info.value) and len(str(info.value)) < 300
    with pytest.raises(indeval.ParseError) as info:
        RuleSet.parse("")
    assert info.value.position == 0
    with pytest.raises(TypeError):
        RuleSet.parse(b"95% or above Green")
    with pytest.raises(ValueError, match="NUL"):
        RuleSet.parse("95% or above Green\0")
    with pytest.raises(ValueError):
        RuleSet.parse("95% or above Green \ud800")  # a lone surrogate is not UTF-8


def utf16(text: str):
    """A NUL-terminated UTF-16 buffer, as VBA's StrPtr gives one."""
    units = list(np.frombuffer(text.encode("utf-16-le"), dtype="<u2")) + [0]
    return (ctypes.c_uint16 * len(units))(*units)


def test_utf16_entry_points_through_ctypes():
    lib = _native.lib()
    out, position = ctypes.c_void_p(), ctypes.c_int32(99)
    rc = lib.indeval_rules_parse_w(utf16("≥ 95 Green 🟢"), ctypes.byref(out),
                                   ctypes.byref(position))
    assert rc == _native.E_PARSE and position.value == 11  # UTF-16 units: U+2265 is one
    assert lib.indeval_rules_parse_w(utf16(AMT2), ctypes.byref(out), ctypes.byref(position)) == 0
    assert position.value == -1
    buf = (ctypes.c_uint16 * 128)()
    needed = ctypes.c_int32()
    assert lib.indeval_rules_print_w(out, buf, 128, ctypes.byref(needed)) == 0
    assert bytes(buf)[: 2 * needed.value].decode("utf-16-le") == str(RuleSet.parse(AMT2))
    assert lib.indeval_rules_free(out) == 0


# ---- single values ------------------------------------------------------------------------------

def test_evaluate_one_value(amt2, w1):
    assert amt2.evaluate(63.9) is Status.RED
    assert amt2.evaluate(95) is Status.GREEN
    assert amt2.evaluate(94.5) is Status.AMBER
    assert amt2.evaluate(np.float32(96)) is Status.GREEN
    assert amt2.evaluate(np.int64(90)) is Status.AMBER
    assert w1.evaluate(18) is Status.AMBER
    for missing in (NAN, None, INF, -INF, np.nan):
        assert amt2.evaluate(missing) is Status.NONE
    assert amt2.evaluate(94.95) is Status.AMBER
    assert amt2.evaluate(94.95, decimals=1) is Status.GREEN
    assert amt2.evaluate(0.95, scale="fraction") is Status.GREEN
    assert amt2.evaluate(0.95, scale=indeval.Scale.FRACTION) is Status.GREEN
    targeted = RuleSet.parse(TARGETED)
    assert targeted.evaluate(91) is Status.NONE
    assert targeted.evaluate(91, target=95) is Status.AMBER
    assert targeted.evaluate(96, target=95) is Status.GREEN
    cohort = RuleSet.parse(COHORT)
    assert cohort.evaluate(12) is Status.NONE
    assert cohort.evaluate(12, cohort=100) is Status.AMBER


def test_evaluate_refuses_bad_arguments(amt2):
    with pytest.raises(ValueError, match="decimals"):
        amt2.evaluate(50, decimals=16)
    with pytest.raises(TypeError, match="decimals"):
        amt2.evaluate(50, decimals=1.5)
    with pytest.raises(ValueError, match="Scale"):
        amt2.evaluate(50, scale="percent")
    with pytest.raises(ValueError):
        amt2.evaluate(50, scale=2)
    with pytest.raises(TypeError):
        amt2.evaluate("63.9")
    with pytest.raises(TypeError):
        amt2.evaluate(1 + 2j)
    with pytest.raises(TypeError):
        amt2.evaluate(50, target="95")


def test_evaluation_details(amt2):
    targeted = RuleSet.parse(TARGETED)
    e = targeted.evaluation(91, target=95, polarity="BIB")
    assert e == (Status.AMBER, Reason.RATED, 1, 91.0, 95.0, -4.0)
    assert targeted.evaluation(91, target=95, polarity="SIB").distance == 4.0
    e = amt2.evaluation(94.95, decimals=1)
    assert e.status is Status.GREEN and e.band == 0 and e.value == 95.0
    assert math.isnan(e.target) and math.isnan(e.distance)
    e = amt2.evaluation(NAN)
    assert e.status is Status.NONE and e.reason is Reason.NO_DATA and e.band == -1
    assert targeted.evaluation(91).reason is Reason.NEEDS_TARGET


def test_explain(amt2):
    assert amt2.explain(63.9, unit="percent") == "Red: 63.9% is below the Amber threshold of 85%"
    assert amt2.explain(63.9).startswith("Red: 63.9 is below")
    assert "no data" in amt2.explain(None)
    assert indeval.explain(None, 50).startswith("None: not rated")
    assert indeval.explain(amt2, 96, unit=Unit.PERCENT).startswith("Green: 96%")
    with pytest.raises(ValueError):
        amt2.explain(50, unit="litres")


def test_text_longer_than_the_first_buffer(amt2, monkeypatch):
    expected = amt2.explain(63.9, unit="percent")
    monkeypatch.setattr(_native, "FIRST_BUFFER", 8)
    assert amt2.explain(63.9, unit="percent") == expected
    assert str(RuleSet.parse(AMT2)) == str(amt2)
    monkeypatch.setattr(_native, "FIRST_BUFFER", len(expected))  # one short: the NUL
    assert amt2.explain(63.9, unit="percent") == expected
    monkeypatch.setattr(_native, "FIRST_BUFFER", len(expected) + 1)
    assert amt2.explain(63.9, unit="percent") == expected


def test_direction_of_travel(amt2, w1):
    assert indeval.direction(60, 63.9, polarity="BIB") is Direction.IMPROVED
    assert indeval.direction(60, 63.9, polarity="SIB") is Direction.DECLINED
    assert indeval.direction(60, 63.9) is Direction.UP
    assert indeval.direction(63.9, 60, polarity=None) is Direction.DOWN
    assert indeval.direction(60, 63.9, rule_set=amt2) is Direction.IMPROVED
    assert indeval.direction(18, 19, rule_set=w1) is Direction.DECLINED
    assert indeval.direction(63.91, 63.94, polarity="BIB", decimals=1) is Direction.SAME
    assert indeval.direction(NAN, 5, polarity="BIB") is Direction.NONE
    assert indeval.direction(5, INF, polarity="BIB") is Direction.NONE
    assert indeval.direction(None, 5) is Direction.NONE
    got = indeval.direction([60, 70, NAN, 5], [63.9, 70, 5, 4], polarity=Polarity.BIB)
    assert got.dtype == np.int8
    assert got.tolist() == [Direction.IMPROVED, Direction.SAME, Direction.NONE, Direction.DECLINED]
    got = indeval.direction(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[2.0, 2.0], [1.0, 9.0]]),
                            rule_set=w1)
    assert got.shape == (2, 2) and got.tolist() == [[2, 3], [1, 2]]
    with pytest.raises(ValueError, match="Polarity"):
        indeval.direction(1, 2, polarity="up")
    with pytest.raises(TypeError):
        indeval.direction(1, 2, rule_set=AMT2)  # text is not a RuleSet


# ---- errors -------------------------------------------------------------------------------------

def test_library_errors_become_exceptions_with_its_message(amt2):
    cat = indeval.Catalogue([amt2])
    with pytest.raises(indeval.ArgumentError) as info:
        cat.evaluate([1.0, 2.0, 3.0], np.array([0, 3, 0], dtype=np.int32))
    e = info.value
    assert e.code == _native.E_RANGE and e.code_name == "INDEVAL_E_RANGE"
    assert e.function == "indeval_request_run"  # the bulk calls go through a request
    assert "index[1] = 3" in e.message
    assert isinstance(e, ValueError)


def test_last_error_is_per_thread():
    """Each thread reads the message of its own last failure, whatever other threads do."""
    lib = _native.lib()
    barrier = threading.Barrier(4)
    results = {}

    def work(k):
        bad_decimals = 20 + k
        status = ctypes.c_int32()
        barrier.wait()
        for _ in range(200):
            rc = lib.indeval_rules_evaluate(None, 1.0, NAN, NAN, bad_decimals, 0,
                                            ctypes.byref(status), None)
            assert rc == _native.E_RANGE
            message = _native.last_error()
            if f"not {bad_decimals}" not in message:
                results[k] = message
                return
        results[k] = "ok"

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {k: "ok" for k in range(4)}
