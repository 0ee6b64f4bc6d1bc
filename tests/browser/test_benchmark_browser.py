"""The authority page of `benchmark --area CODE --html OUT` in a real browser.

Writes the page for Barking and Dagenham (301) from the committed LAIT extract, loads it in
headless Chromium, and checks the rendered DOM has one row per measure whose period, rank and
quartile chip are what the command's csv output gives for that measure's latest period; takes a
screenshot and looks for the chips' colours. Kept in $INDEVAL_TEST_OUTPUT_DIR/browser.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from test_report_browser import count_colour, output_dir, rendered, run_cli, screenshot

DATA = Path(__file__).resolve().parents[1] / "data"
AREA = "301"


class Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []
        self._chip = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-measure" in a:
            self.rows.append({**a, "chip": "", "svg": False})
        elif self.rows and tag == "span" and a.get("class") == "chip":
            self._chip = []
        elif self.rows and tag == "polyline":
            self.rows[-1]["svg"] = True

    def handle_endtag(self, tag):
        if tag == "span" and self._chip is not None:
            self.rows[-1]["chip"] = "".join(self._chip).strip()
            self._chip = None

    def handle_data(self, data):
        if self._chip is not None:
            self._chip.append(data)


@pytest.fixture(scope="module")
def page():
    out = output_dir()
    x = pd.read_csv(DATA / "lait_extract.csv", dtype=str, keep_default_na=False)
    values, measures = out / "benchmark_values.csv", out / "benchmark_measures.csv"
    x[["area", "measure", "period", "value"]].to_csv(values, index=False)
    x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]].to_csv(measures,
                                                                             index=False)
    html = out / "authority.html"
    text = run_cli("benchmark", str(values), "--measures", str(measures), "--neighbours",
                   str(DATA / "statistical_neighbours.csv"), "--area", AREA, "--format", "csv",
                   "--html", str(html)).stdout
    return html, list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_measure_as_the_csv_says(page):
    html, rows = page
    parser = rendered(html, "authority.dom.html", Rows())
    shown = parser.rows
    measures = list(dict.fromkeys(r["measure"] for r in rows))
    assert [r["data-measure"] for r in shown] == measures
    for r in shown:
        mine = [c for c in rows if c["measure"] == r["data-measure"] and c["value"] not in ("", "-")]
        latest = mine[-1]  # the extract lists periods oldest first
        assert r["data-period"] == latest["period"]
        assert r["data-rank"] == latest["rank"], r
        assert r["data-quartile"] == r["chip"] == latest["quartile"], r
    by = {r["data-measure"]: r for r in shown}
    assert by["Level3Age19"]["chip"] == "A" and by["Level3Age19"]["data-rank"] == "31"
    assert by["KS2R_AVG_Scaled_Score"]["chip"] == ""  # No_Quartile = N
    assert by["Social_Work_Starters"]["data-rank"] == ""  # no polarity
    assert by["Level3Age19"]["svg"], "a sparkline for a measure with two periods"
    assert "<h1>Barking and Dagenham (301)</h1>" in parser.dom


def test_screenshot_shows_the_band_chips(page):
    html, _ = page
    pixels = screenshot(html, "authority.png", "1400,600")
    green = count_colour(pixels, (0x1A, 0x7F, 0x37))
    assert green > 50, "the A chips are not visible"


def test_page_is_self_contained(page):
    text = page[0].read_text(encoding="utf-8")
    for needle in ("<script", "http://", "https://", "<link", "@import", "url("):
        assert needle not in text
