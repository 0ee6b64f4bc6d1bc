"""examples/lait_england.py on real LAIT data: every local authority, every period, of the six
measures extracted in tests/data/lait (see tests/data/README.md), rated against England's value.

The expectations are worked out here independently of the example and of pandas: the gzip files
are read with the csv module, and each status is a direct comparison with England's figure
(High: >= England Green, >= 95% of it Amber, else Red; Low the mirror with 105%).
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import gzip
import importlib.util
import io
import math
import os
import re
from collections import Counter
from pathlib import Path

import pytest

import indeval

REPO = Path(__file__).resolve().parents[2]
LAIT = REPO / "tests" / "data" / "lait"
EXAMPLE = REPO / "examples" / "lait_england.py"


def _require_data() -> None:
    for name in ("bds_long.csv.gz", "lait_data_dictionary.csv.gz"):
        assert (LAIT / name).is_file(), f"the LAIT extract {LAIT / name} is missing"


_FIFTEEN_DIGITS = decimal.Context(prec=15)


def figure(text: str) -> float:
    """The figure as published: NaN for '-', else the text to 15 significant digits (the file
    writes some figures with float noise: '95.399999999999991' is 95.4)."""
    return math.nan if text == "-" else float(_FIFTEEN_DIGITS.plus(decimal.Decimal(text)))


def _run(module, argv) -> tuple:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rated = module.main(argv)
    return rated, out.getvalue()


@pytest.fixture(scope="module")
def example():
    _require_data()
    spec = importlib.util.spec_from_file_location("lait_england", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def full_run(example, tmp_path_factory):
    """The example on every row, with --csv: (printed text, the CSV's rows as dicts)."""
    path = tmp_path_factory.mktemp("lait") / "rated.csv"
    _, printed = _run(example, ["--data", str(LAIT), "--csv", str(path)])
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return printed, rows


@pytest.fixture(scope="module")
def expected():
    """{(la, measure, years): (polarity, value, england)} for every local-authority row of a
    measure with a polarity, values as float (NaN for '-'), read straight from the files."""
    _require_data()
    polarity = {}
    with gzip.open(LAIT / "lait_data_dictionary.csv.gz", "rt", newline="") as f:
        for r in csv.DictReader(f):
            assert polarity.setdefault(r["Measure_short"], r["Polarity"]) == r["Polarity"]
    england, las = {}, []
    with gzip.open(LAIT / "bds_long.csv.gz", "rt", newline="") as f:
        for r in csv.DictReader(f):
            pol = polarity.get(r["Short Desc"])
            if pol not in ("High", "Low"):
                continue
            value = figure(r["Values"])
            key = (r["Short Desc"], r["Years"])
            number = int(r["LA Number"])
            if number == 970:
                england[key] = value
            elif not 980 <= number <= 990 and r["Region"] != "NA":
                las.append((r["LA and Regions"], *key, pol, value))
    out = {}
    for la, measure, years, pol, value in las:
        assert (la, measure, years) not in out
        out[(la, measure, years)] = (pol, value, england.get((measure, years), math.nan))
    return out


def direct(polarity: str, value: float, england: float) -> tuple:
    """(status, reason) by comparing with England's figure directly."""
    if math.isnan(value):
        return "None", "no data"
    if math.isnan(england):
        return "None", "needs target"
    if polarity == "High":
        return ("Green" if value >= england else
                "Amber" if value >= england * 95 / 100 else "Red"), "rated"
    return ("Green" if value <= england else
            "Amber" if value <= england * 105 / 100 else "Red"), "rated"


def test_the_rule_texts_read_as_intended(example):
    high, low = (indeval.RuleSet.parse(example.RULES[p]) for p in ("High", "Low"))
    assert str(high) == "Green: >= target; Amber: >= 95% of target; Red: otherwise"
    assert str(low) == "Green: <= target; Amber: <= 105% of target; Red: otherwise"


def test_every_local_authority_row_is_rated_exactly_once(full_run, expected):
    _, rows = full_run
    keys = Counter((r["la"], r["measure"], r["years"]) for r in rows)
    assert len(expected) > 8_000
    assert len(rows) == len(expected)
    assert set(keys) == set(expected)
    assert max(keys.values()) == 1
    assert not {"England", "London", "South East", "North East"} & {r["la"] for r in rows}


def test_every_status_is_the_direct_comparison_with_england(full_run, expected):
    _, rows = full_run
    wrong = []
    for r in rows:
        pol, value, england = expected[(r["la"], r["measure"], r["years"])]
        if (r["status"], r["reason"]) != direct(pol, value, england):
            wrong.append((r, pol, value, england))
    assert not wrong[:5], f"{len(wrong)} rows differ from the direct comparison"


@pytest.mark.parametrize("la,measure,years,value,england,status,reason", [
    # RevCP (High): child protection cases reviewed on time, England 93.6 in 2016
    ("Barking and Dagenham", "RevCP", "2016", 96.9, 93.6, "Green", "rated"),
    ("Barnsley", "RevCP", "2016", 93.5, 93.6, "Amber", "rated"),
    ("Birmingham", "RevCP", "2016", 77.2, 93.6, "Red", "rated"),
    ("Bournemouth, Christchurch and Poole", "RevCP", "2016", None, 93.6, "None", "no data"),
    # InfMort (Low): infant mortality per 1000 live births, England 3.9 in 2016 (105%: 4.095)
    ("Barnet", "InfMort", "2016", 2.2, 3.9, "Green", "rated"),
    ("Barking and Dagenham", "InfMort", "2016", 4.0, 3.9, "Amber", "rated"),
    ("Bedford Borough", "InfMort", "2016", 4.1, 3.9, "Red", "rated"),
    # ReoffYO (Low): England's figure is '-' in 2016
    ("Barnet", "ReoffYO", "2016", 40.63, None, "None", "needs target"),
    # Boundaries, written in the file with float noise: 64.599999999999994 is exactly 95% of 68
    # (FSP_NEW_LIT, High), 14.700000000000001 exactly 105% of 14 (Emotional_LAC, Low), and
    # 95.399999999999991 is England's 95.4 (2yr_Ofsted_rating, High)
    ("Barking and Dagenham", "FSP_NEW_LIT", "2022", 64.6, 68.0, "Amber", "rated"),
    ("Cambridgeshire", "Emotional_LAC", "2016", 14.7, 14.0, "Amber", "rated"),
    ("Wolverhampton", "2yr_Ofsted_rating", "2018", 95.4, 95.4, "Green", "rated"),
])
def test_known_rows(full_run, expected, la, measure, years, value, england, status, reason):
    _, rows = full_run
    pol, got_value, got_england = expected[(la, measure, years)]
    assert (value is None and math.isnan(got_value)) or got_value == value
    assert (england is None and math.isnan(got_england)) or got_england == england
    assert direct(pol, got_value, got_england) == (status, reason)
    row, = (r for r in rows if (r["la"], r["measure"], r["years"]) == (la, measure, years))
    assert (row["status"], row["reason"]) == (status, reason)
    assert row["value"] == ("" if value is None else repr(value))
    assert row["england"] == ("" if england is None else repr(england))


def test_the_printed_counts_add_up(full_run, expected):
    printed, rows = full_run
    number = r"([\d,]+)"

    def count(text):
        return int(text.replace(",", ""))

    total = count(re.search(rf"^{number} rows rated", printed, re.M).group(1))
    statuses = {s: count(n) for s, n in re.findall(rf"(Green|Amber|Red|None) {number}",
                                                   printed.splitlines()[1])}
    reasons = {r: count(n) for n, r in re.findall(rf"{number} (no data|needs target)", printed)}
    assert total == len(rows) == len(expected)
    assert statuses == Counter(r["status"] for r in rows)
    assert sum(statuses.values()) == total
    assert sum(reasons.values()) == statuses["None"]
    need_target = sum(1 for pol, v, e in expected.values() if not math.isnan(v) and math.isnan(e))
    assert reasons["needs target"] == need_target > 0


def test_one_measure_latest_period(example, expected):
    rated, printed = _run(example, ["--data", str(LAIT), "--measure", "InfMort", "--latest"])
    years = {y for _, m, y in expected if m == "InfMort"}
    latest = set(rated["years"])
    assert set(rated["measure"]) == {"InfMort"} and len(latest) == 1 and latest <= years
    (year,) = latest
    rows = {k: v for k, v in expected.items() if k[1:] == ("InfMort", year)}
    assert len(rated) == len(rows)
    for la, status in zip(rated["la"], rated["status"]):
        assert status == direct(*rows[(la, "InfMort", year)])[0]
    assert f"InfMort (Low), {year}: England" in printed


def test_missing_data_says_where_to_get_it(example, tmp_path):
    with pytest.raises(SystemExit) as e:
        example.main(["--data", str(tmp_path)])
    message = str(e.value)
    assert "LAIT data not found" in message and str(tmp_path / "bds_long.csv.gz") in message
    assert "dfe-analytical-services/local-authority-interactive-tool" in message
    assert "--data" in message and "INDEVAL_SHARED_DIR" in message
