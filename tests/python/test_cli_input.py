"""Reading scorecard files: value text, the wide and long layouts, and their errors.

These tests cover the file formats only (indeval.scorecard's readers); rating is the binding's.
"""

import csv
import io
import math
import re
from pathlib import Path

import pytest

from indeval import scorecard as sc

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "data" / "seed_scorecard.csv"
SHIPPED = REPO / "bindings" / "python" / "indeval" / "data" / "seed_scorecard.csv"
DEFINITIONS = REPO / "examples" / "data" / "seed_definitions.csv"
LONG = REPO / "examples" / "data" / "seed_values_long.csv"
SEED_TEXT = REPO / "tests" / "data" / "seed" / "ofsted-priority-indicators-2017-11.txt"

MONTHS = ["Apr-17", "May-17", "Jun-17", "Jul-17", "Aug-17", "Sep-17", "Oct-17", "Nov-17"]


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- value text ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, value, note", [
    ("63.9%", 63.9, ""),
    ("63.9", 63.9, ""),
    (" 18 ", 18.0, ""),
    ("0", 0.0, ""),
    ("95.0%", 95.0, ""),
    ("79% (6m+)", 79.0, "6m+"),
    ("71%(6m+)", 71.0, "6m+"),
    ("1,234", 1234.0, ""),
    ("-2.5", -2.5, ""),
    (".5", 0.5, ""),
])
def test_read_value_numbers(text, value, note):
    r = sc.read_value(text)
    assert r.value == value
    assert r.note == note
    assert r.text == text
    assert r.percent == ("%" in text)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_read_value_blank_is_missing_without_note(text):
    r = sc.read_value(text)
    assert math.isnan(r.value) and r.missing and r.note == ""


@pytest.mark.parametrize("text", [
    "Data - In progress and will be able to report on this from January 2018",
    "Data - In progress",
    "NA", "n/a", "-", "..", "x", "Not available",
])
def test_read_value_missing_keeps_its_text_as_note(text):
    r = sc.read_value(text)
    assert r.missing
    assert r.note == text.strip()


@pytest.mark.parametrize("text", ["8x%", "63.9%%", "12 34", "abc", "1.2.3", "79% (6m+", "nan",
                                  "inf", "%", "(6m+)", "1e3"])
def test_read_value_refuses_what_is_no_value(text):
    with pytest.raises(ValueError, match="cannot read"):
        sc.read_value(text)


@pytest.mark.parametrize("text, target", [
    ("24%", 24.0), ("17", 17.0), ("95.0%", 95.0), ("558", 558.0),
    ("<10% of Cohort", None), ("NA", None), ("", None), (None, None), ("TBC", None),
])
def test_read_target(text, target):
    assert sc.read_target(text) == target


def test_read_target_refuses_a_broken_number():
    with pytest.raises(ValueError, match="cannot read '9x%' as a target"):
        sc.read_target("9x%")


@pytest.mark.parametrize("label, key", [
    ("Apr-17", (2017, 4)), ("Nov-17", (2017, 11)), ("Jan-18", (2018, 1)),
    ("Sept 2017", (2017, 9)), ("April-2017", (2017, 4)), ("nov-2017", (2017, 11)),
    ("Target", None), ("2017-18", None), ("Foo-17", None),
])
def test_month_key(label, key):
    assert sc.month_key(label) == key


def test_format_number():
    assert sc.format_number(63.9) == "63.9"
    assert sc.format_number(18.0) == "18"
    assert sc.format_number(math.nan) == ""
    assert sc.format_number(None) == ""


# --- the seed transcription ----------------------------------------------------------------


def test_shipped_seed_is_identical_to_the_example():
    assert SHIPPED.read_bytes() == EXAMPLE.read_bytes()


def test_seed_path_finds_the_shipped_copy():
    assert sc.seed_path().read_bytes() == EXAMPLE.read_bytes()


def test_seed_scorecard_shape():
    card = sc.load_seed()
    assert card.periods == MONTHS
    refs = [i.ref for i in card.indicators]
    assert len(refs) == 34 == len(set(refs))
    for ref in ("P1", "W 1", "W 2", "AMT 2", "LAC 19 (12m)", "MC 1", "LE 3", "CL 1", "CL 2",
                "CL 3", "QA 2", "QA 3", "CL a", "CL 3a"):
        assert ref in refs, ref
    assert "W 1 e" not in refs  # the summary list's name; the table prints W 2
    sections = []
    for i in card.indicators:
        if i.section not in sections:
            sections.append(i.section)
    assert sections == ["Workforce", "Front Door", "Assessment",
                        "Children in Need of Help and Protection", "Looked After Children",
                        "Fostering and Adoption", "Care Leavers", "Quality Assurance"]


def test_seed_scorecard_known_cells():
    card = sc.load_seed()
    by = {i.ref: i for i in card.indicators}
    amt2 = by["AMT 2"]
    assert amt2.polarity == "BIB" and amt2.unit == "percent" and amt2.decimals == 1
    assert amt2.reading("Nov-17").value == 63.9 and amt2.target == 95.0
    assert amt2.methodology == "95% or above Green 85%-94% Amber 84% and below Red"
    assert by["W 1"].reading("Nov-17").value == 18 and by["W 1"].published == "Yellow"
    assert by["W 1"].unit == "average"
    assert by["AD 7"].unit == "days" and by["AD 7"].reading("May-17").value == 0
    lac19 = by["LAC 19 (12m)"]
    assert lac19.reading("Apr-17").value == 79 and lac19.reading("Apr-17").note == "6m+"
    assert lac19.reading("Sep-17").note == "6m+"
    assert lac19.reading("Oct-17").note == "" and lac19.reading("Oct-17").value == 53
    assert by["CP 10"].target_text == "<10% of Cohort" and by["CP 10"].target is None
    assert by["CL 1"].target_text == "NA" and by["CL 1"].target is None
    assert by["MC 1"].methodology == "" and by["MC 1"].polarity == ""
    for ref in ("MC 1", "LE 3", "CL 1", "CL 2", "CL 3", "QA 2"):
        assert by[ref].methodology == "", ref
    assert by["P1"].reading("Sep-17").missing and by["P1"].reading("Oct-17").value == 43
    qa2 = by["QA 2"].reading("Nov-17")
    assert qa2.missing and qa2.note.startswith("Data - In progress")
    assert by["MC 6"].published == "" and by["LE 2"].published == ""


def test_seed_scorecard_matches_the_seed_document_cell_by_cell():
    """Every detailed-table row of the seed, cell by cell, against the CSV."""
    assert SEED_TEXT.is_file(), f"the seed document is not at {SEED_TEXT}"
    printed = {}
    started = False
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if f[0] == "Indicator Number":
            started = True
            assert f[3:11] == MONTHS
            continue
        if (not started or len(f) != 15 or not f[0].strip() or not f[1].strip()
                or f[0] in ("Improvement Activity", "Next Steps")):
            continue
        printed[f[0]] = f
    rows = list(csv.DictReader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))
    assert [r["ref"] for r in rows] == list(printed)
    for r in rows:
        f = printed[r["ref"]]
        assert r["title"] == f[1]
        assert r["polarity"] == f[2]
        months = [r[m] for m in MONTHS]
        if f[3].startswith("Data - In progress"):  # one merged cell, repeated in each month
            assert months == [f[3]] * 8 and f[4:11] == [""] * 7
        else:
            assert months == f[3:11], r["ref"]
        assert [r["target"], r["owner"], r["published_rag"], r["methodology"]] == f[11:15]


def test_seed_decimals_follow_the_printed_figures():
    card = sc.load_seed()
    for ind in card.indicators:
        places = {len(r.text.split("%")[0].split(".")[1]) if "." in r.text else 0
                  for r in ind.readings.values() if not r.missing}
        if places:
            assert ind.decimals == max(places), ind.ref


# --- wide layout errors --------------------------------------------------------------------

HEADER = ("ref,title,section,polarity,unit,decimals,Oct-17,Nov-17,target,owner,published_rag,"
          "methodology\n")


def test_wide_minimal(tmp_path):
    p = write(tmp_path, "s.csv", "ref,Oct-17,Nov-17\nA,1,2\n")
    card = sc.read_scorecard(p)
    assert card.periods == ["Oct-17", "Nov-17"]
    assert card.indicators[0].unit == "count"


def test_wide_aliases_the_seed_headings(tmp_path):
    p = write(tmp_path, "s.csv", "Indicator Number,Indicator Title,Polarity,Oct-17,Nov-17,"
              "2017-18 Target,Target Owner,RAG,RAG Methodology\n"
              "AMT 2,Assessments,BIB,67.7%,63.9%,95.0%,MK,Red,95% or above Green\n")
    ind = sc.read_scorecard(p).indicators[0]
    assert (ind.ref, ind.title, ind.polarity, ind.target, ind.owner, ind.published,
            ind.unit) == ("AMT 2", "Assessments", "BIB", 95.0, "MK", "Red", "percent")
    assert ind.methodology == "95% or above Green"


def test_wide_bad_value_names_row_and_column(tmp_path):
    p = write(tmp_path, "bad.csv", HEADER + "A,,,BIB,percent,0,50%,60%,90%,X,Red,\n"
              "B,,,BIB,percent,0,70%,8x%,90%,X,Red,\n")
    with pytest.raises(sc.ScorecardError) as e:
        sc.read_scorecard(p)
    assert e.value.row == 3 and e.value.column == "Nov-17"
    assert "row 3" in str(e.value) and "column 'Nov-17'" in str(e.value)
    assert "'8x%'" in str(e.value) and "bad.csv" in str(e.value)


@pytest.mark.parametrize("line, column, words", [
    ("A,,,Up,percent,0,1,2,,,,", "polarity", "polarity"),
    ("A,,,BIB,furlongs,0,1,2,,,,", "unit", "unit"),
    ("A,,,BIB,count,x,1,2,,,,", "decimals", "decimals"),
    ("A,,,BIB,count,16,1,2,,,,", "decimals", "decimals"),
    ("A,,,BIB,count,0,1,2,9x%,,,", "target", "target"),
    ("A,,,BIB,count,0,1,2%,,,,", "Nov-17", "percentage but the unit"),
    (",,,BIB,count,0,1,2,,,,", "ref", "no ref"),
])
def test_wide_bad_cells_name_row_and_column(tmp_path, line, column, words):
    p = write(tmp_path, "bad.csv", HEADER + line + "\n")
    with pytest.raises(sc.ScorecardError, match=re.escape(words)) as e:
        sc.read_scorecard(p)
    assert (e.value.row, e.value.column) == (2, column)


def test_wide_duplicate_ref(tmp_path):
    p = write(tmp_path, "d.csv", "ref,Nov-17\nA,1\nB,2\nA,3\n")
    with pytest.raises(sc.ScorecardError, match="already used on row 2") as e:
        sc.read_scorecard(p)
    assert (e.value.row, e.value.column) == (4, "ref")


def test_wide_unknown_column_is_refused_not_dropped(tmp_path):
    p = write(tmp_path, "u.csv", "ref,Nov-17,comment\nA,1,hello\n")
    with pytest.raises(sc.ScorecardError, match="unknown column") as e:
        sc.read_scorecard(p)
    assert (e.value.row, e.value.column) == (1, "comment")


def test_wide_extra_cell_is_refused_not_dropped(tmp_path):
    p = write(tmp_path, "x.csv", "ref,Nov-17\nA,1\nB,2,3\n")
    with pytest.raises(sc.ScorecardError, match="extra cell '3'") as e:
        sc.read_scorecard(p)
    assert e.value.row == 3


def test_wide_needs_a_ref_column_and_months(tmp_path):
    with pytest.raises(sc.ScorecardError, match="no ref column"):
        sc.read_scorecard(write(tmp_path, "a.csv", "title,Nov-17\nA,1\n"))
    with pytest.raises(sc.ScorecardError, match="no month columns"):
        sc.read_scorecard(write(tmp_path, "b.csv", "ref,title\nA,x\n"))
    with pytest.raises(sc.ScorecardError, match="empty"):
        sc.read_scorecard(write(tmp_path, "c.csv", ""))


def test_wide_months_must_run_in_order(tmp_path):
    with pytest.raises(sc.ScorecardError, match="oldest to newest") as e:
        sc.read_scorecard(write(tmp_path, "o.csv", "ref,Nov-17,Oct-17\nA,1,2\n"))
    assert e.value.column == "Oct-17"


def test_wide_short_rows_are_refused_with_their_row(tmp_path):
    # A short row used to be padded with blanks (its methodology too) and rated "not rated".
    with pytest.raises(sc.ScorecardError, match="2 cells but the header has 3 columns") as e:
        sc.read_scorecard(write(tmp_path, "s.csv", "ref,Oct-17,Nov-17\nA,1,2\nB,1\n"))
    assert e.value.row == 3


def test_missing_file_is_a_scorecard_error(tmp_path):
    with pytest.raises(sc.ScorecardError, match="nope.csv"):
        sc.read_scorecard(tmp_path / "nope.csv")


# --- long layout ---------------------------------------------------------------------------


def test_long_layout_reads_like_the_wide_one():
    wide = sc.read_scorecard(EXAMPLE)
    long = sc.read_scorecard(LONG, DEFINITIONS)
    assert long.periods == wide.periods
    assert [i.ref for i in long.indicators] == [i.ref for i in wide.indicators]
    for a, b in zip(wide.indicators, long.indicators):
        for field in ("title", "section", "polarity", "unit", "decimals", "target_text", "target",
                      "owner", "published", "methodology"):
            assert getattr(a, field) == getattr(b, field), (a.ref, field)
        for p in wide.periods:
            ra, rb = a.reading(p), b.reading(p)
            assert (ra.missing, ra.note) == (rb.missing, rb.note), (a.ref, p)
            if not ra.missing:
                assert ra.value == rb.value


def test_long_layout_needs_definitions():
    with pytest.raises(sc.ScorecardError, match="--definitions"):
        sc.read_scorecard(LONG)


def test_definitions_go_with_a_long_file_only():
    with pytest.raises(sc.ScorecardError, match="wide layout"):
        sc.read_scorecard(EXAMPLE, DEFINITIONS)


def test_long_layout_with_note_column_and_sorting(tmp_path):
    d = write(tmp_path, "d.csv", "ref,polarity,methodology\nA,BIB,\n")
    v = write(tmp_path, "v.csv", "ref,period,value,note\nA,Nov-17,5,\nA,Oct-17,4,6m+\n")
    card = sc.read_scorecard(v, d)
    assert card.periods == ["Oct-17", "Nov-17"]
    assert card.indicators[0].reading("Oct-17").note == "6m+"


@pytest.mark.parametrize("line, row, column, words", [
    ("Z,Nov-17,5", 2, "period", None),
    ("A,Nov-17,8x%", 2, "value", "'8x%'"),
    ("A,Novembr,5", 2, "period", "as a month"),
])
def test_long_layout_errors_name_row_and_column(tmp_path, line, row, column, words):
    d = write(tmp_path, "d.csv", "ref,title\nA,x\n")
    v = write(tmp_path, "v.csv", "ref,period,value\n" + line + "\n")
    with pytest.raises(sc.ScorecardError) as e:
        sc.read_scorecard(v, d)
    assert e.value.row == row
    assert e.value.column in (column, "ref")
    if words:
        assert words in str(e.value)


def test_long_layout_unknown_ref_names_the_ref_column(tmp_path):
    d = write(tmp_path, "d.csv", "ref,title\nA,x\n")
    v = write(tmp_path, "v.csv", "ref,period,value\nA,Oct-17,1\nZ,Nov-17,5\n")
    with pytest.raises(sc.ScorecardError, match="'Z' is not in the definitions") as e:
        sc.read_scorecard(v, d)
    assert (e.value.row, e.value.column) == (3, "ref")


def test_long_layout_duplicate_value(tmp_path):
    d = write(tmp_path, "d.csv", "ref\nA\n")
    v = write(tmp_path, "v.csv", "ref,period,value\nA,Nov-17,1\nA,Nov 2017,2\n")
    with pytest.raises(sc.ScorecardError, match="already has a value on row 2") as e:
        sc.read_scorecard(v, d)
    assert e.value.row == 3


def test_definitions_with_month_columns_are_refused(tmp_path):
    v = write(tmp_path, "v.csv", "ref,period,value\nA,Nov-17,1\n")
    with pytest.raises(sc.ScorecardError, match="no month columns") as e:
        sc.read_scorecard(v, EXAMPLE)
    assert e.value.column == "Apr-17"


def test_period_lookup():
    card = sc.load_seed()
    assert card.resolve_period(None) == "Nov-17"
    assert card.resolve_period("Oct-17") == "Oct-17"
    assert card.resolve_period("October 2017") == "Oct-17"
    assert card.period_before("Nov-17") == "Oct-17"
    assert card.period_before("Apr-17") is None
    with pytest.raises(sc.ScorecardError, match="no period 'Dec-17'"):
        card.resolve_period("Dec-17")
