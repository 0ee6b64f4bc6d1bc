"""The same cells through the C ABI (ctypes, as any C or VBA caller) and the Python binding give
what the C++ core gives (test_cell.cpp reads the same table, tests/data/cells.tsv): figure, unit,
qualifier, note, reason and printed text. And the scorecard's every output shows the figure rated."""

from __future__ import annotations

import ctypes
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import indeval
from indeval import _native as nat
from indeval import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "cells.tsv"


def table():
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    assert len(rows) >= 20
    return rows


@pytest.mark.parametrize("row", table(), ids=lambda r: repr(r[0]))
def test_c_abi_and_python_read_the_cell_as_the_core(row):
    text, figure, unit, qualifier, note, reason, printed = row
    # Through the C ABI directly, UTF-16 as VBA passes it.
    wide = (ctypes.c_uint16 * (len(text) + 1))(*[ord(ch) for ch in text], 0)
    f, u, r, q, needed = (ctypes.c_double(), ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32(),
                          ctypes.c_int32())
    buf = (ctypes.c_uint16 * 64)()
    assert nat.lib().indeval_cell_read_w(wide, 0, ctypes.byref(f), ctypes.byref(u),
                                         ctypes.byref(r), ctypes.byref(q), buf, 64,
                                         ctypes.byref(needed), None) == 0
    assert "".join(chr(c) for c in buf[: needed.value]) == note
    # Through the Python binding.
    cell = indeval.read_cell(text)
    for got in (f.value, cell.figure):
        assert (math.isnan(got) if figure == "nan" else got == float(figure))
    assert (str(cell.unit) if cell.unit is not None else "-") == unit
    assert u.value == (-1 if cell.unit is None else int(cell.unit))
    assert str(cell.qualifier) == qualifier and q.value == int(cell.qualifier)
    assert cell.note == note
    assert str(cell.reason) == reason and r.value == int(cell.reason)
    assert indeval.format_value(cell.figure, "percent", 1) == printed


def test_malformed_cell_names_the_character():
    with pytest.raises(indeval.ParseError) as e:
        indeval.read_cell("\u00a379x")  # a pound sign: the position counts characters
    assert e.value.position == 0
    with pytest.raises(indeval.ParseError) as e:
        indeval.read_cell("8x%")
    assert e.value.position == 1 and "'x'" in str(e.value)


# ---- the scorecard shows the figure rated, in every output ----------------------------------

CARD = ("ref,title,polarity,unit,decimals,Oct-17,Nov-17,target,published_rag,methodology\n"
        "A,a,BIB,percent,1,90,94.25,95%,Green,94.3% or above Green 90%-94.2% Amber 89.9% and below Red\n"
        "B,b,BIB,count,2,1,2.675,3,Green,2.68 or above Green otherwise Red\n"
        "C,c,BIB,count,0,1,2.5,3,Green,3 or above Green otherwise Red\n")


def run(*args):
    import io
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(list(args), out=out, err=err)
    return rc, out.getvalue(), err.getvalue()


def test_every_output_shows_the_rated_figure(tmp_path):
    path = tmp_path / "card.csv"
    path.write_text(CARD, encoding="utf-8")
    rc, table_text, _ = run("scorecard", str(path))
    assert rc == 0
    lines = {line.split()[0]: line for line in table_text.splitlines()[2:5]}
    assert "94.3%" in lines["A"] and "Green" in lines["A"] and "94.2" not in lines["A"]
    assert " 2.68 " in lines["B"] and "2.67" not in lines["B"]
    assert lines["C"].split()[1] == "3"
    rc, csv_text, _ = run("scorecard", str(path), "--format", "csv")
    rows = {r.split(",")[0]: r.split(",") for r in csv_text.splitlines()[1:]}
    assert rows["A"][2:5] == ["94.25", "94.3", "percent"]
    assert rows["B"][2:5] == ["2.675", "2.68", "count"]
    assert rows["C"][2:5] == ["2.5", "3", "count"]
    assert "Green: 94.3% is at or above" in csv_text
    rc, json_text, _ = run("scorecard", str(path), "--format", "json")
    ind = {i["ref"]: i for i in json.loads(json_text)["indicators"]}
    assert (ind["A"]["value"], ind["A"]["rated_value"]) == (94.25, 94.3)
    assert (ind["B"]["value"], ind["B"]["rated_value"]) == (2.675, 2.68)
    assert (ind["C"]["value"], ind["C"]["rated_value"]) == (2.5, 3)
    assert ind["B"]["explanation"].startswith("Green: 2.68 is")
    html_out = tmp_path / "card.html"
    rc, _, _ = run("scorecard", str(path), "--html", str(html_out))
    html = html_out.read_text(encoding="utf-8")
    import re
    shown = re.findall(r'<td class="num value"[^>]*>([^<]*)</td>', html)
    assert shown == ["94.3%", "2.68", "3"]
    assert "Green: 94.3% is" in html and "Green: 2.68 is" in html


# ---- CSV files as spreadsheets export them -----------------------------------------------------

SEEDISH = "ref,polarity,unit,Oct-17,Nov-17,target,methodology\nA,BIB,percent,90%,95%,95%,Green >= 95; otherwise Red\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: t.replace("A,", "\u00c9A,").encode("cp1252"),
], ids=["utf8", "bom", "crlf", "cr-only", "utf16", "latin1"])
def test_csv_exports_are_read(tmp_path, encode):
    path = tmp_path / "e.csv"
    path.write_bytes(encode(SEEDISH))
    rc, out, err = run("scorecard", str(path), "--format", "csv")
    assert rc == 0, err
    assert out.splitlines()[1].split(",")[2:4] == ["95", "95"]
    assert "Traceback" not in err


def test_utf16_without_bom_is_refused_clearly(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(SEEDISH.encode("utf-16-le"))
    rc, out, err = run("scorecard", str(path))
    assert rc != 0 and "NUL bytes" in err and "Traceback" not in err


def test_header_only_file_has_no_indicators(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("ref,Oct-17,Nov-17\n", encoding="utf-8")
    rc, out, err = run("scorecard", str(path))
    assert rc != 0 and "no indicators" in err


def test_rows_longer_or_shorter_than_the_header_name_their_row(tmp_path):
    for body, row in (("A,1\n", 2), ("A,1,2\nB,1,2,3\n", 3)):
        path = tmp_path / "w.csv"
        path.write_text("ref,Oct-17,Nov-17\n" + body, encoding="utf-8")
        rc, out, err = run("scorecard", str(path))
        assert rc != 0 and f"row {row}" in err and "Traceback" not in err


def test_long_layout_misspelled_column_names_the_one_expected(tmp_path):
    values = tmp_path / "v.csv"
    values.write_text("ref,period,vlaue\nA,Nov-17,5\n", encoding="utf-8")
    defs = tmp_path / "d.csv"
    defs.write_text("ref,unit\nA,count\n", encoding="utf-8")
    rc, out, err = run("scorecard", str(values), "--definitions", str(defs))
    assert rc != 0 and "vlaue" in err and "'value'" in err


def test_qualified_figures_are_rated_and_linted(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("ref,polarity,unit,Oct-17,Nov-17,target,methodology\n"
                    "A,BIB,percent,90%,est 96%,95%,Green >= 95; otherwise Red\n", encoding="utf-8")
    rc, out, err = run("scorecard", str(path), "--format", "csv")
    assert rc == 0 and ",Green," in out
    rc, out, err = run("lint", str(path), "--format", "csv")
    assert "qualified-figure" in out and "an estimate" in out


def test_the_period_before_is_found_by_the_calendar(tmp_path):
    from indeval import scorecard as sc
    path = tmp_path / "gap.csv"
    path.write_text("ref,polarity,unit,Aug-17,Oct-17,target,methodology\n"
                    "A,BIB,count,5,6,5,Green >= 5; otherwise Red\n", encoding="utf-8")
    card = sc.read_scorecard(path)
    assert card.period_before("Oct-17") is None  # Sep-17 is missing, not Aug-17
    assert card.period_before("November 2017") == "Oct-17"  # by period, however written
    rated = sc.rate_scorecard(card)
    assert rated.previous_period is None and rated.rows[0].direction == 0
    codes = {(f.code, f.where) for f in sc.lint_scorecard(card)}
    assert ("period-missing", "Sep-17") in codes


def test_notes_compare_by_one_rule(tmp_path):
    from indeval import scorecard as sc
    path = tmp_path / "n.csv"
    path.write_text("ref,polarity,unit,Oct-17,Nov-17,target,methodology\n"
                    "A,BIB,percent,70% (6m+),79% (6M+),75%,Green >= 75; otherwise Red\n",
                    encoding="utf-8")
    card = sc.read_scorecard(path)
    rated = sc.rate_scorecard(card)
    assert str(indeval.Direction(rated.rows[0].direction)) == "improved"
    assert not [f for f in sc.lint_scorecard(card) if f.code == "definition-change"]
