"""python3 -m indeval benchmark: output, and bad input reported by line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import indeval
from indeval import cli

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture()
def files(tmp_path):
    x = pd.read_csv(DATA / "lait_extract.csv", dtype=str, keep_default_na=False)
    values = tmp_path / "values.csv"
    measures = tmp_path / "measures.csv"
    x[["area", "measure", "period", "value"]].to_csv(values, index=False)
    x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]].to_csv(measures,
                                                                             index=False)
    return x, values, measures


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main([str(a) for a in args], out=out, err=err)
    return rc, out.getvalue(), err.getvalue()


def test_csv_has_one_row_per_input_row_with_the_figures(files):
    x, values, measures = files
    rc, out, err = run("benchmark", values, "--measures", measures, "--neighbours",
                       DATA / "statistical_neighbours.csv", "--format", "csv")
    assert rc == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["area", "measure", "period", "value", "rank", "quartile", "sn_mean"]
    assert len(rows) == len(x)
    for r, (_, want) in zip(rows, x.iterrows()):
        assert (r["area"], r["measure"], r["period"]) == (want["area"], want["measure"],
                                                          want["period"])
        assert r["rank"] == ("" if want["rank"] == "0" else want["rank"])
        assert r["quartile"] == want["band"]
        if want["sn_mean"]:
            assert float(r["sn_mean"]) == pytest.approx(float(want["sn_mean"]), rel=1e-14)
        else:
            assert r["sn_mean"] == ""


def test_area_json_and_table(files):
    _, values, measures = files
    rc, out, _ = run("benchmark", values, "--measures", measures, "--area", 301, "--format",
                     "json")
    assert rc == 0
    records = json.loads(out)
    assert {r["area"] for r in records} == {301} and len(records) == 7
    level3 = [r for r in records if r["measure"] == "Level3Age19" and r["period"] == "2023"][0]
    assert level3["rank"] == 32 and level3["quartile"] == "A" and level3["value"] == 65.099
    rc, out, _ = run("benchmark", values, "--measures", measures, "--area", 301)
    assert rc == 0 and out.splitlines()[0].split() == ["area", "measure", "period", "value",
                                                       "rank", "quartile", "sn_mean"]
    rc, _, err = run("benchmark", values, "--measures", measures, "--area", 1)
    assert rc == 2 and "no rows for area 1" in err


def test_bad_rows_are_reported_with_their_line(files, tmp_path):
    _, values, measures = files
    with open(values, "a") as f:
        f.write("301,Level3Age19,2024,68\n")     # line 1192: given again
        f.write("302,Level3Age19,2025,n/a\n")    # line 1193: not a number
        f.write("30x,Level3Age19,2025,1\n")      # line 1194: not an area code
        f.write("303,NoSuchMeasure,2025,1\n")    # line 1195: unknown measure
    rc, out, err = run("benchmark", values, "--measures", measures)
    assert rc == 2 and out == ""
    assert "values.csv line 1192: area 301, measure 'Level3Age19', period '2024' is given " \
           "again (first on line" in err
    assert "values.csv line 1193: value 'n/a' is not a number" in err
    assert "values.csv line 1194: area '30x' is not an area code" in err
    assert "values.csv line 1195: measure 'NoSuchMeasure' is not in" in err


def test_unknown_neighbour_codes_and_bad_measures(files, tmp_path):
    _, values, measures = files
    sn = (DATA / "statistical_neighbours.csv").read_text().splitlines()
    sn[2] = sn[2].replace(",320,", ",999,", 1)  # Barnet's first neighbour
    bad_sn = tmp_path / "sn.csv"
    bad_sn.write_text("\n".join(sn) + "\n")
    rc, _, err = run("benchmark", values, "--measures", measures, "--neighbours", bad_sn)
    assert rc == 2 and "sn.csv line 3: sn1 '999' is not a la_number of the file" in err
    bad_m = tmp_path / "m.csv"
    bad_m.write_text("measure,polarity,quartiles\nLevel3Age19,Up,yes\nTotFixedEx,Low,maybe\n"
                     "TotFixedEx,Low,no\n")
    rc, _, err = run("benchmark", values, "--measures", bad_m)
    assert rc == 2
    assert "m.csv line 2: polarity 'Up' is not High, Low, BIB, SIB or '-'" in err
    assert "m.csv line 3: quartiles 'maybe' is not yes or no" in err
    rc, _, err = run("benchmark", values, "--measures", tmp_path / "none.csv")
    assert rc == 2 and "cannot read" in err
    missing = tmp_path / "cols.csv"
    missing.write_text("area,measure,value\n1,a,2\n")
    rc, _, err = run("benchmark", missing, "--measures", measures)
    assert rc == 2 and "line 1: no column period" in err


def test_an_unreadable_period_label_is_a_warning_and_its_rows_stay(files):
    _, values, measures = files
    with open(values, "a") as f:
        f.write("301,Level3Age19,0,50\n302,Level3Age19,0,60\n")
    rc, out, err = run("benchmark", values, "--measures", measures, "--format", "csv")
    assert rc == 0
    assert "warning: period label '0' cannot be read (2 rows)" in err
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["period"] == "0"]
    assert [(r["area"], r["rank"]) for r in rows] == [("301", "2"), ("302", "1")]


def test_html_needs_an_area(files, tmp_path):
    _, values, measures = files
    rc, _, err = run("benchmark", values, "--measures", measures, "--html", tmp_path / "a.html")
    assert rc == 2 and "--html needs --area" in err


def test_authority_page_rates_each_measure_by_its_comparator_rules(files, tmp_path):
    x, values, _ = files
    measures = tmp_path / "measures_rules.csv"
    m = x.drop_duplicates("measure")[["measure", "polarity", "quartiles"]].copy()
    m["rules"] = ["Green: better than the England average; Amber: within 5% of the England "
                  "average; Red: otherwise" if p in ("High", "Low") else "" for p in m["polarity"]]
    m.to_csv(measures, index=False)
    page = tmp_path / "page.html"
    rc, _, err = run("benchmark", values, "--measures", measures, "--area", 301, "--html", page)
    assert rc == 0, err
    text = page.read_text(encoding="utf-8")
    rows = re.findall(r'data-measure="([^"]*)" data-period="([^"]*)"[^>]*data-rag="([^"]*)"', text)
    assert rows
    from indeval.cli_benchmark import read_measures, read_values
    result = indeval.benchmark(read_values(str(values))[0], read_measures(str(measures))[0])
    for measure, period, rag in rows:
        spec = m.set_index("measure").loc[measure]
        if not spec["rules"]:
            assert rag == ""
            continue
        row = result[(result["area"] == 301) & (result["measure"] == measure)
                     & (result["period"].astype(str) == period)].iloc[0]
        want = indeval.RuleSet.parse(spec["rules"], spec["polarity"]).evaluate(
            row["value"], england=row["england"])
        assert rag == str(want), (measure, period)
    assert any(rag in ("Red", "Amber", "Green") for _, _, rag in rows)


def test_measures_rules_are_read_with_their_polarity_and_refused_with_a_position(files, tmp_path):
    _, values, _ = files
    measures = tmp_path / "bad.csv"
    measures.write_text("measure,polarity,quartiles,rules\n"
                        "Level3Age19,-,yes,Green: better than the England average; Red: otherwise\n")
    rc, _, err = run("benchmark", values, "--measures", measures)
    assert rc == 2
    assert "bad.csv line 2: the rules of 'Level3Age19' are refused at character 7" in err
    assert "which way is better" in err
