"""Rates a scorecard file from Python and writes its HTML report — what
``python3 -m indeval scorecard FILE --html OUT`` does, as library calls.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/scorecard_report.py \
        [examples/data/seed_scorecard.csv] [scorecard.html]
"""

import sys

from indeval.report import write_html
from indeval.scorecard import read_scorecard, rate_scorecard


def main(argv):
    source = (argv[1] if len(argv) > 1 else "") or None  # None: the built-in seed scorecard
    out = argv[2] if len(argv) > 2 else "scorecard.html"
    card = read_scorecard(source)
    rated = rate_scorecard(card)  # the latest period, and the one before it
    for row in rated.rows:
        if row.status_name == "Red":
            print(f"{row.ref:8} {row.explanation}")
    for finding in rated.findings:
        print(f"{finding.ref:8} {finding.severity}: {finding.message}")
    write_html(rated, out)
    print(f"wrote {out}: {len(rated.rows)} indicators, {rated.period} against "
          f"{rated.previous_period}")


if __name__ == "__main__":
    main(sys.argv)
