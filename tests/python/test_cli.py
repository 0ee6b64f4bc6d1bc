"""The command line, ``python3 -m indeval scorecard | lint | rate``, over the binding."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import indeval.cli
from indeval.cli import LINT_CSV_COLUMNS, SCORECARD_CSV_COLUMNS, main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "data"
WIDE = EXAMPLES / "seed_scorecard.csv"
LONG = EXAMPLES / "seed_values_long.csv"
DEFINITIONS = EXAMPLES / "seed_definitions.csv"
PACKAGE_ROOT = Path(indeval.cli.__file__).resolve().parents[1]

STATUSES = {"Red", "Amber", "Green", "Blue", "None"}
DIRECTIONS = {"improved", "declined", "same", "up", "down", "-"}
AMT2_RULES = "95% or above Green 85%-94% Amber 84% and below Red"


def run(*argv):
    """(exit status, stdout, stderr) of the command line, in process."""
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as e:  # argparse: --help and usage errors
        code = e.code
    return code, out.getvalue(), err.getvalue()


def run_process(*argv):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PACKAGE_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return subprocess.run([sys.executable, "-m", "indeval", *argv], capture_output=True,
                          text=True, env=env, timeout=120)


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def seed_csv():
    code, out, err = run("scorecard", "--format", "csv")
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def seed(seed_csv):
    return {row["ref"]: row for row in csv_rows(seed_csv)}


# --- scorecard -----------------------------------------------------------------------------


def test_scorecard_csv_columns_are_exact(seed_csv):
    header = seed_csv.splitlines()[0]
    assert header == ("ref,period,value,rated_value,unit,target,status,previous_status,"
                      "direction,published_status,explanation,spc_variation,spc_assurance,"
                      "spc_note")
    assert tuple(header.split(",")) == SCORECARD_CSV_COLUMNS


def test_scorecard_csv_has_every_indicator_once(seed_csv):
    rows = csv_rows(seed_csv)
    assert len(rows) == 34
    assert len({r["ref"] for r in rows}) == 34
    for r in rows:
        assert r["period"] == "Nov-17"
        assert r["status"] in STATUSES and r["previous_status"] in STATUSES, r
        assert r["direction"] in DIRECTIONS, r
        assert r["explanation"].startswith(r["status"] + ":"), r


@pytest.mark.parametrize("ref, value, status", [
    ("AMT 2", "63.9", "Red"),
    ("W 1", "18", "Amber"),
    ("LAC 10", "90", "Amber"),
    ("AD 7", "460", "Green"),
    ("CIN 4", "62", "Red"),
    ("FD 3", "82", "Red"),
    ("CL 1a", "64", "Green"),
    ("LAC 19 (12m)", "70", "Green"),
])
def test_scorecard_known_rows(seed, ref, value, status):
    assert seed[ref]["value"] == value
    assert seed[ref]["status"] == status


def test_scorecard_previous_period_and_direction(seed):
    amt2 = seed["AMT 2"]
    assert amt2["previous_status"] == "Red"  # Oct-17 67.7%
    assert amt2["direction"] == "declined"  # 67.7 -> 63.9, bigger is better
    assert amt2["target"] == "95.0%"
    assert amt2["published_status"] == "Red"
    assert "63.9%" in amt2["explanation"]
    assert seed["LAC 19 (12m)"]["direction"] == "improved"  # 53% -> 70%, same definition
    assert seed["W 1"]["direction"] == "declined"  # 17 -> 18, smaller is better
    assert seed["CIN 4"]["direction"] == "same"  # 62% -> 62%
    assert seed["MC 1"]["direction"] == "down"  # no polarity, no rules: 212 -> 188


def test_scorecard_rows_without_rules_or_data(seed):
    for ref in ("MC 1", "LE 3", "CL 1", "CL 2", "CL 3", "QA 2"):
        assert seed[ref]["status"] == "None", ref
    qa2 = seed["QA 2"]
    assert qa2["value"] == ""
    assert "Data - In progress" in qa2["explanation"]
    assert qa2["direction"] == "-"
    qa3 = seed["QA 3"]
    assert qa3["status"] == "None" and "Data - In progress" in qa3["explanation"]


def test_scorecard_relative_target_is_text_and_not_a_number(seed):
    cp10 = seed["CP 10"]
    assert cp10["target"] == "<10% of Cohort"
    assert cp10["status"] == "None"  # its rules are relative to a cohort size it does not give
    assert cp10["published_status"] == "Green"


def test_scorecard_published_status_as_printed(seed):
    assert seed["W 1"]["published_status"] == "Yellow"  # outside the rule set: kept as printed
    assert seed["LAC 20"]["published_status"] == "Yellow"
    assert seed["MC 6"]["published_status"] == "None"  # blank
    assert seed["LAC 10"]["published_status"] == "Amber"


def test_scorecard_period_option():
    code, out, err = run("scorecard", "--period", "Oct-17", "--format", "csv")
    assert code == 0, err
    rows = {r["ref"]: r for r in csv_rows(out)}
    assert {r["period"] for r in rows.values()} == {"Oct-17"}
    assert rows["AMT 2"]["value"] == "67.7" and rows["AMT 2"]["status"] == "Red"
    assert rows["AMT 2"]["previous_status"] == "Red"  # Sep-17 78.5%
    assert rows["W 1"]["value"] == "17" and rows["W 1"]["status"] == "Green"
    # Sep-17 is "71% (6m+)", another definition: no direction across the change.
    assert rows["LAC 19 (12m)"]["value"] == "53"
    assert rows["LAC 19 (12m)"]["direction"] == "-"
    # The published RAG is the latest period's; an earlier period has none.
    assert rows["AMT 2"]["published_status"] == "None"


def test_scorecard_first_period_has_no_previous():
    code, out, err = run("scorecard", "--period", "Apr-17", "--format", "csv")
    assert code == 0, err
    for r in csv_rows(out):
        assert r["previous_status"] == "None" and r["direction"] == "-", r


def test_scorecard_unknown_period_exits_2():
    code, out, err = run("scorecard", "--period", "Dec-17")
    assert code == 2
    assert "Dec-17" in err and "Nov-17" in err
    assert out == ""


def test_scorecard_default_is_the_seed_and_the_latest_period(seed_csv):
    code, out, err = run("scorecard", str(WIDE), "--format", "csv")
    assert code == 0, err
    assert out == seed_csv
    code, out, err = run("scorecard", str(WIDE), "--period", "Nov-17", "--format", "csv")
    assert out == seed_csv


def test_scorecard_long_layout_gives_the_same_output(seed_csv):
    code, out, err = run("scorecard", str(LONG), "--definitions", str(DEFINITIONS),
                         "--format", "csv")
    assert code == 0, err
    assert out == seed_csv


def test_scorecard_long_layout_without_definitions_exits_2():
    code, out, err = run("scorecard", str(LONG))
    assert code == 2
    assert "--definitions" in err


def test_scorecard_table(seed):
    code, out, err = run("scorecard")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Scorecard Nov-17 (previous: Oct-17)")
    assert lines[1].split()[:4] == ["REF", "VALUE", "TARGET", "STATUS"]
    amt2 = next(line for line in lines if line.startswith("AMT 2 "))
    assert "63.9%" in amt2 and " Red " in amt2 and "declined" in amt2
    assert any(line.startswith("34 indicators:") for line in lines)


def test_scorecard_json(seed):
    code, out, err = run("scorecard", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["period"] == "Nov-17" and doc["previous_period"] == "Oct-17"
    assert len(doc["indicators"]) == 34
    by = {i["ref"]: i for i in doc["indicators"]}
    assert by["AMT 2"]["value"] == 63.9 and by["AMT 2"]["status"] == "Red"
    assert by["QA 2"]["value"] is None
    assert by["LAC 19 (12m)"]["note"] is None
    for ref, row in seed.items():
        assert by[ref]["status"] == row["status"]
        assert by[ref]["direction"] == row["direction"]


def test_scorecard_html(tmp_path, seed):
    page = tmp_path / "report.html"
    code, out, err = run("scorecard", "--format", "csv", "--html", str(page))
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert text.count("data-ref=") == 34
    for ref, row in seed.items():
        assert f'data-ref="{ref}"' in text.replace("&amp;", "&")
    assert "wrote" in err


def test_scorecard_html_unwritable(tmp_path):
    code, out, err = run("scorecard", "--html", str(tmp_path / "no" / "such" / "dir.html"))
    assert code == 2
    assert "dir.html" in err


# --- malformed files -----------------------------------------------------------------------


def test_malformed_value_names_row_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    text = WIDE.read_text(encoding="utf-8").replace("63.9%", "8x%")
    bad.write_text(text, encoding="utf-8")
    code, out, err = run("scorecard", str(bad))
    assert code == 2
    assert out == ""
    # AMT 2 is the 10th indicator: row 11 counting the header as row 1.
    assert "bad.csv: row 11, column 'Nov-17'" in err
    assert "'8x%'" in err


def test_malformed_file_in_a_process_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,polarity,Nov-17\nA,Upwards,5\n", encoding="utf-8")
    proc = run_process("lint", str(bad))
    assert proc.returncode == 2
    assert "row 2, column 'polarity'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_malformed_long_file_names_row_and_column(tmp_path):
    bad = tmp_path / "values.csv"
    bad.write_text("ref,period,value\nAMT 2,Nov-17,63.9%\nAMT 2,Oct-17,sixty\n", encoding="utf-8")
    code, out, err = run("scorecard", str(bad), "--definitions", str(DEFINITIONS))
    assert code == 2
    assert "row 3, column 'value'" in err and "'sixty'" in err


def test_missing_file_exits_2(tmp_path):
    code, out, err = run("scorecard", str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv" in err


# --- lint ----------------------------------------------------------------------------------


def test_lint_csv_columns_are_exact():
    code, out, err = run("lint", "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[0] == "ref,code,severity,message"
    assert tuple(out.splitlines()[0].split(",")) == LINT_CSV_COLUMNS
    rows = csv_rows(out)
    assert rows, "the seed has findings"
    refs = {r["ref"] for r in rows}
    for r in rows:
        assert r["code"] and r["severity"] and r["message"], r
    # The seed's known oddities each get a finding.
    for ref in ("LAC 19 (12m)", "W 1", "LAC 20", "FD 8", "QA 1", "CIN 4"):
        assert ref in refs, ref


def test_lint_codes_for_the_seed():
    code, out, err = run("lint", "--format", "csv")
    found = {(r["ref"], r["code"]) for r in csv_rows(out)}
    assert ("LAC 19 (12m)", "definition-change") in found  # "79% (6m+)" then "53%"
    assert ("W 1", "published-unknown") in found  # "Yellow"
    assert ("QA 1", "polarity-conflict") in found  # SIB with rising rules


def test_unreadable_rules_rate_none_and_lint_says_why(tmp_path):
    f = tmp_path / "rules.csv"
    f.write_text("ref,polarity,Oct-17,Nov-17,methodology\n"
                 "X 1,BIB,50%,60%,95% or above Grene 85%-94% Amber\n", encoding="utf-8")
    code, out, err = run("scorecard", str(f), "--format", "csv")
    assert code == 0, err
    row = csv_rows(out)[0]
    assert row["status"] == "None" and "cannot be read" in row["explanation"]
    assert "Grene" in row["explanation"]
    code, out, err = run("lint", str(f), "--format", "csv")
    assert [r["code"] for r in csv_rows(out)] == ["rules-unreadable"]


def test_runs_from_any_directory(tmp_path):
    env_cwd = tmp_path
    proc = subprocess.run([sys.executable, "-m", "indeval", "scorecard", "--format", "csv"],
                          capture_output=True, text=True, cwd=env_cwd, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(PACKAGE_ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert len(csv_rows(proc.stdout)) == 34


def test_lint_table():
    code, out, err = run("lint")
    assert code == 0, err
    assert out.splitlines()[0].split()[:5] == ["REF", "WHERE", "CODE", "SEVERITY", "MESSAGE"]
    assert "findings for" in out.splitlines()[-1]


def test_lint_long_layout_matches_wide():
    a = run("lint", "--format", "csv")
    b = run("lint", str(LONG), "--definitions", str(DEFINITIONS), "--format", "csv")
    assert a[0] == b[0] == 0
    assert a[1] == b[1]


def test_lint_findings_appear_in_the_report(tmp_path):
    page = tmp_path / "r.html"
    assert run("scorecard", "--html", str(page))[0] == 0
    code, out, err = run("lint", "--format", "csv")
    text = page.read_text(encoding="utf-8")
    assert text.count('class="finding ') == len(csv_rows(out))


# --- rate ----------------------------------------------------------------------------------


def test_rate_one_status_per_line():
    code, out, err = run("rate", "--rules", AMT2_RULES, "63.9", "90", "97.5", "94.5", "84.5")
    assert code == 0, err
    assert out.splitlines() == ["Red", "Amber", "Green", "Amber", "Red"]


def test_rate_missing_and_percent_values():
    code, out, err = run("rate", "--rules", AMT2_RULES, "95%", "", "NA")
    assert code == 0, err
    assert out.splitlines() == ["Green", "None", "None"]


def test_rate_decimals():
    # 94.95 rounds to 95.0 at one place: Green.
    assert run("rate", "--rules", AMT2_RULES, "--decimals", "1", "94.95")[1] == "Green\n"
    assert run("rate", "--rules", AMT2_RULES, "94.95")[1] == "Amber\n"


def test_rate_falling_rules():
    code, out, err = run("rate", "--rules", "17 or below Green 18.1-20 Amber 20.1 and above Red",
                         "16", "18", "20", "21")
    assert code == 0, err
    assert out.splitlines() == ["Green", "Amber", "Amber", "Red"]


def test_rate_cohort():
    rules = "10% of cohort or below Green 10-15% Amber 16% and above Red"
    assert run("rate", "--rules", rules, "14")[1] == "None\n"
    assert run("rate", "--rules", rules, "--cohort", "200", "14")[1] == "Green\n"
    assert run("rate", "--rules", rules, "--cohort", "100", "14")[1] == "Amber\n"


def test_rate_target():
    rules = "target or above Green, within 5% of target Amber, otherwise Red"
    assert run("rate", "--rules", rules, "92")[1] == "None\n"  # relative to a target it lacks
    code, out, err = run("rate", "--rules", rules, "--target", "95%", "90", "92", "96")
    assert code == 0, err
    assert out.splitlines() == ["Red", "Amber", "Green"]
    assert run("rate", "--rules", rules, "--target", "<10% of Cohort", "92")[0] == 2


def test_rate_explain():
    code, out, err = run("rate", "--rules", AMT2_RULES, "--explain", "63.9")
    assert code == 0, err
    assert out.startswith("Red: ") and "63.9" in out


def test_rate_refused_rules_exit_2_with_position():
    proc = run_process("rate", "--rules", "95% or above Grene 85%-94% Amber", "63.9")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "position" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_rate_refused_rules_in_process():
    code, out, err = run("rate", "--rules", "95% or above Grene", "63.9")
    assert code == 2
    assert "refused at position" in err
    assert "^" in err  # the caret under the position


def test_rate_bad_value_exits_2():
    code, out, err = run("rate", "--rules", AMT2_RULES, "8x%")
    assert code == 2 and "'8x%'" in err


def test_rate_needs_rules_and_values():
    assert run("rate", "63.9")[0] == 2
    assert run("rate", "--rules", AMT2_RULES)[0] == 2


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["scorecard"], ["lint"], ["rate"]])
def test_help_for_every_command(command):
    proc = run_process(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: python3 -m indeval")
    assert "example" in proc.stdout
    assert "python3 -m indeval " + (command[0] if command else "scorecard") in proc.stdout


def test_no_command_prints_help_and_exits_2():
    code, out, err = run()
    assert code == 2 and "scorecard" in out


def test_version():
    code, out, err = run("--version")
    assert code == 0 and out.startswith("indeval ")
