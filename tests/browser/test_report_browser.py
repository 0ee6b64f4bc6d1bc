"""The HTML report in a real browser.

Generates the report of the built-in seed scorecard with the command line, loads it in headless
Chromium, dumps the DOM as rendered and takes a screenshot, and checks that the rendered page has
one row per indicator with the status the command line's csv output gives it.

Needs Debian's `chromium` (or set INDEVAL_CHROMIUM to a Chromium/Chrome binary) and `python3-pil`
to read the screenshot. Without them the test fails: it does not skip. The page, its rendered DOM
and the screenshot are kept in $INDEVAL_TEST_OUTPUT_DIR/browser (default: build/test-output/browser
under the repository) for a person to look at.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import indeval.cli

REPO = Path(__file__).resolve().parents[2]
PACKAGE_ROOT = Path(indeval.cli.__file__).resolve().parents[1]
STATUS_NAMES = {"Red", "Amber", "Green", "Blue", "None"}
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--mute-audio"]


def output_dir() -> Path:
    d = Path(os.environ.get("INDEVAL_TEST_OUTPUT_DIR") or REPO / "build" / "test-output")
    d = d / "browser"
    d.mkdir(parents=True, exist_ok=True)
    return d


def chromium() -> str:
    for candidate in (os.environ.get("INDEVAL_CHROMIUM"), "chromium", "chromium-browser",
                      "google-chrome", "/usr/bin/chromium"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail("headless Chromium is needed for the browser test and was not found: install "
                "Debian's `chromium` (apt-get install chromium) or set INDEVAL_CHROMIUM to a "
                "Chromium/Chrome binary")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PACKAGE_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    proc = subprocess.run([sys.executable, "-m", "indeval", *args], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, f"indeval {' '.join(args)} failed:\n{proc.stderr}"
    return proc


def run_browser(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="indeval-chromium-") as profile:
        proc = subprocess.run([chromium(), *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, f"chromium failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return proc


def rendered(page: Path, name: str, parser: HTMLParser) -> HTMLParser:
    """Feeds `parser` the DOM Chromium renders of `page` (kept as `parser.dom`, and as `name` in
    the output folder)."""
    parser.dom = run_browser("--dump-dom", "--virtual-time-budget=2000", page.as_uri()).stdout
    (output_dir() / name).write_text(parser.dom, encoding="utf-8")
    parser.feed(parser.dom)
    return parser


def screenshot(page: Path, name: str, size: str) -> list:
    """The RGB pixels of a screenshot of `page` at `size` ("1600,900"), kept as `name` in the output
    folder."""
    shot = output_dir() / name
    if shot.exists():
        shot.unlink()
    run_browser(f"--window-size={size}", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 5_000, "no screenshot was written"
    try:
        from PIL import Image
    except ImportError:
        pytest.fail("reading the screenshot needs Pillow: apt-get install python3-pil")
    with Image.open(shot) as im:
        assert im.size == tuple(int(x) for x in size.split(","))
        return list(im.convert("RGB").getdata())


def count_colour(pixels: list, rgb: tuple, tolerance: int = 6) -> int:
    return sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, rgb)))


class RenderedRows(HTMLParser):
    """Collects, for each <tr data-ref>, its attributes and the text of its status chip."""

    def __init__(self):
        super().__init__()
        self.rows = []  # (attrs, status chip text)
        self._row = None
        self._in_chip = 0
        self._chip_text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-ref" in a:
            self._row = a
            self._chip_text = []
        elif self._row is not None and tag == "span" and a.get("data-role") == "status":
            self._in_chip = 1
        elif self._in_chip:
            self._in_chip += 1

    def handle_endtag(self, tag):
        if self._in_chip and tag == "span":
            self._in_chip -= 1
        elif tag == "tr" and self._row is not None:
            self.rows.append((self._row, "".join(self._chip_text).strip()))
            self._row = None

    def handle_data(self, data):
        if self._in_chip:
            self._chip_text.append(data)


@pytest.fixture(scope="module")
def report():
    out = output_dir()
    page = out / "scorecard.html"
    csv_text = run_cli("scorecard", "--format", "csv", "--html", str(page)).stdout
    expected = list(csv.DictReader(io.StringIO(csv_text)))
    assert expected, "the csv output is empty"
    return page, expected


def test_rendered_page_has_one_row_per_indicator_with_its_status(report):
    page, expected = report
    rows = rendered(page, "scorecard.dom.html", RenderedRows()).rows
    refs = [attrs["data-ref"] for attrs, _ in rows]
    assert refs == [row["ref"] for row in expected], "one row per indicator, in scorecard order"
    assert len(set(refs)) == len(refs) == 34
    for (attrs, chip), row in zip(rows, expected):
        ref = row["ref"]
        assert chip in STATUS_NAMES, (ref, chip)
        assert chip == row["status"], f"{ref}: page shows {chip}, csv says {row['status']}"
        assert attrs["data-status"] == row["status"], ref
        assert attrs["data-previous-status"] == row["previous_status"], ref
        assert attrs["data-direction"] == row["direction"], ref
        assert attrs["data-published-status"] == row["published_status"], ref
        assert attrs.get("title") == row["explanation"], f"{ref}: the explanation is the hover text"
        assert attrs["data-spc-variation"] == row["spc_variation"], ref
        assert attrs["data-spc-assurance"] == row["spc_assurance"], ref
    shown = {attrs["data-ref"]: chip for attrs, chip in rows}
    # Known rows of the seed, November 2017.
    assert shown["AMT 2"] == "Red"
    assert shown["W 1"] == "Amber"
    assert shown["LAC 10"] == "Amber"
    assert shown["AD 7"] == "Green"
    assert shown["CIN 4"] == "Red"


def test_screenshot_shows_the_rag_colours(report):
    page, expected = report
    pixels = screenshot(page, "scorecard.png", "1600,2600")
    colours = {"Red": (0xB3, 0x26, 0x1E), "Amber": (0xF2, 0xA9, 0x00), "Green": (0x2E, 0x7D, 0x32)}
    counts = {name: count_colour(pixels, c) for name, c in colours.items()}
    statuses = {row["status"] for row in expected}
    for name in colours:
        if name in statuses:
            assert counts[name] > 200, f"no {name} chips visible in the screenshot ({counts})"


def test_page_is_self_contained(report):
    page, _ = report
    text = page.read_text(encoding="utf-8")
    for needle in ("<script", "http://", "https://", "<link", "@import", "url("):
        assert needle not in text, f"the report must not load anything ({needle!r} found)"


# --- SPC icons ------------------------------------------------------------------------------

SPC_CARD = REPO / "tests" / "data" / "scorecard_spc.csv"


class SpcCells(HTMLParser):
    """Per <tr data-ref>: its attributes, the icons (kind, name) drawn in its SPC cell, and the
    cell's text."""

    def __init__(self):
        super().__init__()
        self.rows = {}
        self._ref = None
        self._depth = 0  # inside td.spc

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-ref" in a:
            self._ref = a["data-ref"]
            self.rows[self._ref] = {"attrs": a, "icons": [], "text": []}
        elif tag == "td" and self._ref is not None and a.get("class") == "spc":
            self._depth = 1
        elif self._depth:
            self._depth += 1
            if tag == "svg" and "data-icon" in a:
                self.rows[self._ref]["icons"].append((a["data-icon"], a["data-name"]))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth and self._ref is not None:
            self.rows[self._ref]["text"].append(data)


@pytest.fixture(scope="module")
def spc_report():
    page = output_dir() / "scorecard_spc.html"
    csv_text = run_cli("scorecard", str(SPC_CARD), "--format", "csv", "--html", str(page)).stdout
    return page, {row["ref"]: row for row in csv.DictReader(io.StringIO(csv_text))}


def test_spc_icons_render_for_long_series_only(spc_report):
    page, expected = spc_report
    parser = rendered(page, "scorecard_spc.dom.html", SpcCells())
    assert set(parser.rows) == set(expected)
    for ref, row in expected.items():
        cell = parser.rows[ref]
        want = []
        if row["spc_variation"]:
            want.append(("variation", row["spc_variation"]))
            if row["spc_assurance"]:
                want.append(("assurance", row["spc_assurance"]))
        assert cell["icons"] == want, ref
        assert cell["attrs"]["data-spc-variation"] == row["spc_variation"], ref
        if not row["spc_variation"]:
            assert cell["attrs"]["data-spc-reason"] == row["spc_note"] != "", ref
            assert "no SPC" in "".join(cell["text"]), ref
    assert parser.rows["LONG 1"]["icons"] == [("variation", "improvement"), ("assurance", "pass")]
    assert parser.rows["SHORT"]["icons"] == [] and parser.rows["GAP"]["icons"] == []


def test_spc_icons_are_visible(spc_report):
    page, _ = spc_report
    # The improvement and pass icons' colour.
    hits = count_colour(screenshot(page, "scorecard_spc.png", "1600,900"), (0x1F, 0x77, 0xD0), 8)
    assert hits > 100, f"the improvement and pass icons are not visible ({hits} blue pixels)"
