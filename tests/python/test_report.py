"""The HTML report, rendered from rows already rated (no rating happens here)."""

import math
from html.parser import HTMLParser

from indeval import scorecard as sc
from indeval.report import format_display, render_html

PERIODS = ["Sep-17", "Oct-17", "Nov-17"]


def indicator(ref, section, values, **kw):
    ind = sc.Indicator(ref=ref, section=section, **kw)
    for p, text in zip(PERIODS, values):
        ind.readings[p] = sc.read_value(text)
    return ind


def row(ind, status, previous, direction, explanation, series_status, findings=(),
        published="None"):
    cur, prev = ind.reading("Nov-17"), ind.reading("Oct-17")
    series = [(p, ind.reading(p), s) for p, s in zip(PERIODS, series_status)]
    return sc.RatedRow(indicator=ind, period="Nov-17", previous_period="Oct-17",
                       value=cur.value, note=cur.note, previous_value=prev.value,
                       previous_note=prev.note, status=status, previous_status=previous,
                       direction=direction, published_status=published,
                       explanation=explanation, series=series, findings=list(findings))


def sample():
    amt2 = indicator("AMT 2", "Assessment", ["78.5%", "67.7%", "63.9%"], unit="percent",
                     decimals=1, target_text="95.0%", target=95.0, polarity="BIB",
                     title="Percentage of C&F assessments <completed> within 45 days",
                     owner="MK", published="Red")
    lac19 = indicator("LAC 19 (12m)", "Looked After Children", ["71% (6m+)", "71% (6m+)", "53%"],
                      unit="percent", decimals=0, target_text="60%", target=60.0,
                      published="Green")
    qa2 = indicator("QA 2", "Quality Assurance", ["Data - In progress", "Data - In progress",
                                                  "Data - In progress"], unit="count")
    w1 = indicator("W 1", "Workforce", ["17", "17", "18"], unit="average", decimals=0,
                   target_text="17", target=17.0, published="Yellow")
    finding = sc.Finding("W 1", "band-gap", "warning", "Bands leave a gap between 17 and 18.1",
                         "rules")
    stray = sc.Finding("ZZ 9", "orphan", "info", "A finding about no row", "")
    rows = [
        row(w1, 2, 3, 2, "Amber: 18 is above the Green threshold of 17", [3, 3, 2], [finding],
            published="Yellow"),
        row(amt2, 1, 1, 2, "Red: 63.9% is below the Amber threshold of 85%", [2, 1, 1],
            published="Red"),
        row(lac19, 1, 3, 0, "Red: 53% is below the Amber threshold of 55%", [3, 3, 1],
            published="Green"),
        row(qa2, 0, 0, 0, "None: not rated (no RAG methodology) (Data - In progress)", [0, 0, 0]),
    ]
    card = sc.Scorecard(PERIODS, [r.indicator for r in rows], "sample.csv")
    return sc.RatedScorecard(card, "Nov-17", "Oct-17", rows, [finding, stray])


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []
        self.tags = []
        self.sections = []
        self.findings = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr" and "data-ref" in a:
            self.rows.append(a)
        if tag == "tbody":
            self.sections.append(a.get("data-section"))
        if tag == "li" and "data-code" in a:
            self.findings.append(a)


def parse(text):
    c = Collect()
    c.feed(text)
    return c


def test_one_row_per_indicator_with_its_attributes():
    page = render_html(sample())
    c = parse(page)
    assert [r["data-ref"] for r in c.rows] == ["W 1", "AMT 2", "LAC 19 (12m)", "QA 2"]
    by = {r["data-ref"]: r for r in c.rows}
    assert by["AMT 2"]["data-status"] == "Red"
    assert by["AMT 2"]["data-direction"] == "declined"
    assert by["W 1"]["data-status"] == "Amber"
    assert by["W 1"]["data-previous-status"] == "Green"
    assert by["W 1"]["data-published-status"] == "Yellow"
    assert by["LAC 19 (12m)"]["data-direction"] == "-"
    assert by["QA 2"]["data-status"] == "None"
    assert by["AMT 2"]["title"] == "Red: 63.9% is below the Amber threshold of 85%"
    assert by["AMT 2"]["data-value"] == "63.9"


def test_sections_in_order_of_first_appearance():
    c = parse(render_html(sample()))
    assert c.sections == ["Workforce", "Assessment", "Looked After Children", "Quality Assurance"]


def test_text_is_escaped():
    page = render_html(sample())
    assert "&lt;completed&gt;" in page
    assert "<completed>" not in page


def test_self_contained_and_printable():
    page = render_html(sample())
    assert page.startswith("<!DOCTYPE html>")
    for needle in ("<script", "http://", "https://", "<link", "<img", "url("):
        assert needle not in page
    assert "@media print" in page
    assert '<meta charset="utf-8">' in page


def test_sparkline_target_line_and_points():
    page = render_html(sample())
    assert page.count("<svg") == 4
    assert page.count('class="target"') == 3  # no numeric target for QA 2
    assert "Nov-17: 63.9% \u2013 Red" in page  # a point's hover text
    assert "Sep-17: 71% (6m+) \u2013 Green" in page
    assert "no data" in page


def test_definition_change_breaks_the_line_and_explains_no_direction():
    page = render_html(sample())
    assert "the definition changed (6m+ \u2192 current definition)" in page
    lac19 = page[page.index('data-ref="LAC 19 (12m)"'):page.index('data-ref="QA 2"')]
    assert lac19.count("<polyline") == 1  # Sep-Oct (6m+) joined; Nov-17 (12m) stands apart
    assert lac19.count("noted") == 2  # the two 6m+ points are drawn faded


def test_findings_beside_their_rows_and_the_rest_below():
    page = render_html(sample())
    c = parse(page)
    assert [f["data-code"] for f in c.findings] == ["band-gap", "orphan"]
    w1_row = page.index('data-ref="W 1"')
    amt2_row = page.index('data-ref="AMT 2"')
    assert w1_row < page.index("Bands leave a gap") < amt2_row
    assert page.index("Other findings") < page.index("A finding about no row")


def test_summary_counts():
    page = render_html(sample())
    assert '<li data-count-status="Red"><span class="chip s-red">Red</span> 2</li>' in page
    assert 'data-count-status="Blue"' not in page


def test_published_label_outside_the_rules_is_shown_as_printed():
    page = render_html(sample())
    assert 'class="chip s-other small differs"' in page


def test_format_display():
    assert format_display(63.9, "percent", 1) == "63.9%"
    assert format_display(11.0, "percent", 1) == "11.0%"
    assert format_display(18.0, "average", 0) == "18"
    assert format_display(460.0, "days", 0) == "460 days"
    assert format_display(math.nan, "count") == "no data"
    assert format_display(2.5, "count") == "2.5"
