"""The spc command's XmR charts in a real browser.

Writes the charts of the LAIT extract plus a built series with a target and a rebase, loads the page
in headless Chromium, and checks the rendered DOM: one chart per series, one point per value
coloured by the variation the csv output gives it, limits, target line, phase break, icons; and a
screenshot with the improvement and concern colours. Shares the browser helpers of the report's
test (no skipping: Chromium is required). Output kept under $INDEVAL_TEST_OUTPUT_DIR/browser.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_report_browser import count_colour, output_dir, rendered, run_cli, screenshot

REPO = Path(__file__).resolve().parents[2]
EXTRACT = REPO / "tests" / "data" / "spc_lait_extract.csv"


class Charts(HTMLParser):
    """Per <section data-series>: its attributes, points (data-variation), lines and icons."""

    def __init__(self):
        super().__init__()
        self.sections = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "data-series" in a:
            self.sections.append({"attrs": a, "points": [], "lines": [], "icons": []})
        elif not self.sections:
            return
        elif tag == "circle" and "data-variation" in a:
            self.sections[-1]["points"].append(a["data-variation"])
        elif tag == "line" and "data-line" in a:
            self.sections[-1]["lines"].append(a["data-line"])
        elif tag == "svg" and "data-icon" in a:
            self.sections[-1]["icons"].append((a["data-icon"], a["data-name"]))


@pytest.fixture(scope="module")
def charts(tmp_path_factory):
    data = tmp_path_factory.mktemp("spc") / "input.csv"
    lines = EXTRACT.read_text(encoding="utf-8").splitlines()
    lines[0] += ",target,rebase"
    lines[1:] = [x + ",," for x in lines[1:]]
    values = [10, 12] * 7 + [25, 30, 31, 30, 31, 30, 31, 30, 31, 30, 31, 30, 31, 30]
    for i, v in enumerate(values):
        lines.append(f"built,2020-{1 + i // 12:02d}-{1 + i % 12:02d},{v},increase,40,"
                     f"{1 if i == 15 else ''}")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = output_dir() / "spc.html"
    rows = list(csv.DictReader(io.StringIO(
        run_cli("spc", str(data), "--format", "csv", "--html", str(page)).stdout)))
    assert rows
    return page, rows


def test_one_chart_per_series_with_the_csv_variations(charts):
    page, rows = charts
    parser = rendered(page, "spc.dom.html", Charts())
    by_series = {}
    for r in rows:
        by_series.setdefault(r["series"], []).append(r)
    assert [s["attrs"]["data-series"] for s in parser.sections] == list(by_series)
    for s in parser.sections:
        name = s["attrs"]["data-series"]
        expected = [r["variation"] for r in by_series[name] if r["value"] != ""]
        assert s["points"] == expected, name
        assert s["attrs"]["data-assurance"] == by_series[name][-1]["assurance"], name
        assert s["icons"][0] == ("variation", by_series[name][-1]["variation"]), name
    built = next(s for s in parser.sections if s["attrs"]["data-series"] == "built")
    assert "target" in built["lines"] and "phase-break" in built["lines"]
    assert built["lines"].count("upper") == 2  # one per phase
    assert ("assurance", "fail") in built["icons"]  # target 40 above the second phase's limits
    assert "improvement" in built["points"]


def test_screenshot_shows_improvement_and_concern(charts):
    page, _ = charts
    pixels = screenshot(page, "spc.png", "900,2400")
    blue = count_colour(pixels, (0x1F, 0x77, 0xD0))
    orange = count_colour(pixels, (0xE4, 0x6C, 0x0A))
    assert blue > 30 and orange > 30, (blue, orange)


def test_page_is_self_contained(charts):
    page, _ = charts
    text = page.read_text(encoding="utf-8")
    for needle in ("<script", "http://", "https://", "<link", "@import", "url("):
        assert needle not in text, needle
