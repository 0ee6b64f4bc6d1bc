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
    dom = run_browser("--dump-dom", "--virtual-time-budget=2000", page.as_uri()).stdout
    (output_dir() / "scorecard.dom.html").write_text(dom, encoding="utf-8")
    parser = RenderedRows()
    parser.feed(dom)
    rendered = parser.rows
    refs = [attrs["data-ref"] for attrs, _ in rendered]
    assert refs == [row["ref"] for row in expected], "one row per indicator, in scorecard order"
    assert len(set(refs)) == len(refs) == 34
    for (attrs, chip), row in zip(rendered, expected):
        ref = row["ref"]
        assert chip in STATUS_NAMES, (ref, chip)
        assert chip == row["status"], f"{ref}: page shows {chip}, csv says {row['status']}"
        assert attrs["data-status"] == row["status"], ref
        assert attrs["data-previous-status"] == row["previous_status"], ref
        assert attrs["data-direction"] == row["direction"], ref
        assert attrs["data-published-status"] == row["published_status"], ref
        assert attrs.get("title") == row["explanation"], f"{ref}: the explanation is the hover text"
    shown = {attrs["data-ref"]: chip for attrs, chip in rendered}
    # Known rows of the seed, November 2017.
    assert shown["AMT 2"] == "Red"
    assert shown["W 1"] == "Amber"
    assert shown["LAC 10"] == "Amber"
    assert shown["AD 7"] == "Green"
    assert shown["CIN 4"] == "Red"


def test_screenshot_shows_the_rag_colours(report):
    page, expected = report
    shot = output_dir() / "scorecard.png"
    if shot.exists():
        shot.unlink()
    run_browser("--window-size=1600,2600", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000, "no screenshot was written"
    try:
        from PIL import Image
    except ImportError:
        pytest.fail("reading the screenshot needs Pillow: apt-get install python3-pil")

    with Image.open(shot) as im:
        rgb = im.convert("RGB")
        width, height = rgb.size
        assert (width, height) == (1600, 2600)
        colours = {"Red": (0xB3, 0x26, 0x1E), "Amber": (0xF2, 0xA9, 0x00),
                   "Green": (0x2E, 0x7D, 0x32)}
        counts = {name: 0 for name in colours}
        for pixel in rgb.getdata():
            for name, c in colours.items():
                if all(abs(a - b) <= 6 for a, b in zip(pixel, c)):
                    counts[name] += 1
    statuses = {row["status"] for row in expected}
    for name in colours:
        if name in statuses:
            assert counts[name] > 200, f"no {name} chips visible in the screenshot ({counts})"


def test_page_is_self_contained(report):
    page, _ = report
    text = page.read_text(encoding="utf-8")
    for needle in ("<script", "http://", "https://", "<link", "@import", "url("):
        assert needle not in text, f"the report must not load anything ({needle!r} found)"
