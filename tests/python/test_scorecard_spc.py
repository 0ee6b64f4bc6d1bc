"""The scorecard's SPC icons: the library's variation of the rated period and assurance against
the target, per indicator, where the series is long enough; none (with the reason) where not."""

from __future__ import annotations

import csv
import io
import json
import math
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

import indeval
from indeval import scorecard as sc
from indeval.cli import SCORECARD_CSV_COLUMNS, main
from indeval.report import render_html

# tests/data/scorecard_spc.csv, 24 months (Apr-16 .. Mar-18): LONG 1, bigger is better, shifts up
# over its last 8 months (special cause: improvement); LONG 2, smaller is better, always meets its
# target; NEUTRAL, no polarity and no target; two too short for the icons: SHORT (3 values) and
# GAP (20 values, none for the month rated).
CARD = Path(__file__).resolve().parents[1] / "data" / "scorecard_spc.csv"


def read_series() -> tuple:
    """(periods, {ref: (polarity, target, values)}) of the file, read with the csv module."""
    with open(CARD, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    periods = head[head.index("unit") + 1:head.index("target")]
    series = {}
    for r in rows[1:]:
        cells = dict(zip(head, r))
        series[cells["ref"]] = (cells["polarity"], cells["target"],
                                [float(cells[p]) if cells[p] else None for p in periods])
    return periods, series


PERIODS, SERIES = read_series()


@pytest.fixture(scope="module")
def card_path():
    return CARD


@pytest.fixture(scope="module")
def rated(card_path):
    return sc.rate_scorecard(sc.read_scorecard(str(card_path)))


def expected(ref, upto=None):
    """indeval.spc on the series by itself: (last variation, assurance) as names."""
    polarity, target, values = SERIES[ref]
    values = values[:upto]
    r = indeval.spc(np.array([math.nan if v is None else v for v in values], dtype=float),
                    improvement={"BIB": "increase", "SIB": "decrease"}.get(polarity, "neutral"),
                    target=float(target) if target else None)
    return str(r.names("last_variation")[0]), str(r.names("assurance")[0]), int(r.warnings[0])


def test_long_series_have_the_library_icons(rated):
    by_ref = {row.ref: row for row in rated.rows}
    for ref in ("LONG 1", "LONG 2", "NEUTRAL"):
        spc = by_ref[ref].spc
        variation, assurance, warnings = expected(ref)
        assert spc.shown and spc.reason == "", ref
        assert (spc.variation, spc.assurance, spc.warnings) == (variation, assurance, warnings)
        assert spc.points == 24
        assert spc.notes == ()  # 24 points, no missing value: no warning
    assert by_ref["LONG 1"].spc.variation == "improvement"
    assert by_ref["LONG 1"].spc.assurance == "pass"
    assert by_ref["LONG 2"].spc.assurance == "pass"  # smaller is better, always well below 80
    assert by_ref["NEUTRAL"].spc.assurance == ""  # no target, no direction


def test_short_series_have_no_icons_and_a_reason(rated):
    by_ref = {row.ref: row for row in rated.rows}
    short = by_ref["SHORT"].spc
    assert not short.shown and short.variation == short.assurance == ""
    assert short.points == 3
    assert str(sc.SPC_MIN_POINTS) in short.reason and "3 points" in short.reason
    gap = by_ref["GAP"].spc
    assert not gap.shown and gap.reason == "no value for Mar-18"


def test_icons_follow_the_period_rated(card_path):
    """Rated for an earlier month, the series ends there: a short series gets the trial-limits
    note the library warns of."""
    earlier = sc.rate_scorecard(sc.read_scorecard(str(card_path)), "Nov-16")
    spc = {row.ref: row.spc for row in earlier.rows}["LONG 1"]
    variation, assurance, warnings = expected("LONG 1", PERIODS.index("Nov-16") + 1)
    assert spc.points == 8 and spc.shown
    assert (spc.variation, spc.assurance, spc.warnings) == (variation, assurance, warnings)
    assert warnings & indeval.xmr.WARNING_SHORT_PHASE
    assert any("fewer than 13 points" in note for note in spc.notes)
    assert "fewer than 7" not in spc.reason
    tiny = sc.rate_scorecard(sc.read_scorecard(str(card_path)), "Sep-16")
    assert {row.ref: row.spc for row in tiny.rows}["LONG 1"].reason.startswith("6 points")


class Cells(HTMLParser):
    """Each indicator row's attributes and the icons (kind, name) in its SPC cell."""

    def __init__(self):
        super().__init__()
        self.rows = {}
        self._ref = None
        self._in_spc = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-ref" in a:
            self._ref = a["data-ref"]
            self.rows[self._ref] = (a, [])
        elif tag == "td" and self._ref is not None:
            self._in_spc = a.get("class") == "spc"
        elif tag == "svg" and self._in_spc and "data-icon" in a:
            self.rows[self._ref][1].append((a["data-icon"], a["data-name"]))


def test_html_shows_the_icons_for_long_series_only(rated):
    parser = Cells()
    parser.feed(render_html(rated))
    for ref in SERIES:
        attrs, icons = parser.rows[ref]
        spc = next(r.spc for r in rated.rows if r.ref == ref)
        assert attrs["data-spc-variation"] == spc.variation
        assert attrs["data-spc-assurance"] == spc.assurance
        assert attrs["data-spc-reason"] == spc.reason
        want = []
        if spc.shown:
            want.append(("variation", spc.variation))
            if spc.assurance:
                want.append(("assurance", spc.assurance))
        assert icons == want, ref
    assert parser.rows["LONG 1"][1] == [("variation", "improvement"), ("assurance", "pass")]
    assert parser.rows["SHORT"][1] == []


def test_csv_and_json_carry_the_spc_columns(card_path):
    out, err = io.StringIO(), io.StringIO()
    assert main(["scorecard", str(card_path), "--format", "csv"], out=out, err=err) == 0
    rows = {r["ref"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert tuple(next(csv.reader(io.StringIO(out.getvalue())))) == SCORECARD_CSV_COLUMNS
    variation, assurance, _ = expected("LONG 1")
    assert (rows["LONG 1"]["spc_variation"], rows["LONG 1"]["spc_assurance"]) == (variation,
                                                                                  assurance)
    assert rows["LONG 1"]["spc_note"] == ""
    assert rows["SHORT"]["spc_variation"] == "" and "at least" in rows["SHORT"]["spc_note"]
    out = io.StringIO()
    assert main(["scorecard", str(card_path), "--format", "json"], out=out, err=err) == 0
    doc = {i["ref"]: i["spc"] for i in json.loads(out.getvalue())["indicators"]}
    assert doc["LONG 1"]["variation"] == variation and doc["LONG 1"]["assurance"] == assurance
    assert doc["LONG 1"]["points"] == 24 and doc["LONG 1"]["reason"] is None
    assert doc["SHORT"]["variation"] is None and doc["SHORT"]["reason"]
    assert doc["NEUTRAL"]["improvement"] == "neutral" and doc["NEUTRAL"]["assurance"] is None
