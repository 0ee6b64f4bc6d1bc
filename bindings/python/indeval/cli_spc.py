"""The command line's ``spc`` command: XmR charts for every series of a long CSV file.

Every mean, limit, rule, variation and assurance comes from the library (indeval.spc); this
module reads the file, groups its rows by series, and prints.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import List, Optional

import numpy as np

from . import xmr as spc_mod

PROG = "python3 -m indeval"
CSV_COLUMNS = ("series", "date", "value", "mean", "lower", "upper", "variation", "rule", "assurance")
INPUT_COLUMNS = ("series", "date", "value", "improvement", "target", "rebase", "fix_after", "screen")
_MISSING = {"", "-", "na", "n/a", "nan"}


class SpcInputError(ValueError):
    """A file the spc command cannot read: the message names the file, row and column (the header
    is row 1, as a spreadsheet shows it)."""

    def __init__(self, message: str, *, file: str, row: Optional[int] = None,
                 column: Optional[str] = None):
        place = ", ".join(p for p in (f"row {row}" if row is not None else "",
                                      f"column '{column}'" if column else "") if p)
        super().__init__(": ".join(x for x in (file, place, message) if x))


def add_parser(sub) -> None:
    """Registers the command on the command line's subparsers."""
    import argparse
    p = sub.add_parser(
        "spc", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="XmR charts: limits, special-cause variation and target assurance per series",
        description="Statistical process control as NHS 'Making Data Count' and NHSRplotthedots "
                    "0.2.2 compute it: for every series, the XmR mean and limits per phase, the "
                    "rule that flags each point (outside the limits, trend, 2 of 3, shift), its "
                    "variation by the improvement direction, and the series' assurance against "
                    "its target.",
        epilog="input columns: series,date,value plus optional improvement (increase, decrease,\n"
               "  neutral, BIB, SIB), target, rebase (1 on the first point of a new phase),\n"
               "  fix_after (blank or >= 12) and screen (true/false, default true). Dates are\n"
               "  ISO YYYY-MM-DD or period labels (Apr-17, 2016-17, 2017 Q1). A series' settings\n"
               "  must agree on every row that gives them.\n"
               "csv columns: " + ",".join(CSV_COLUMNS) + "\n"
               "  variation common_cause|improvement|concern|neutral_high|neutral_low; rule blank\n"
               "  or above_upper|below_lower|trend_up|trend_down|two_of_three_high|two_of_three_low|\n"
               "  shift_high|shift_low; assurance pass|fail|inconsistent or blank; undefined limits\n"
               "  blank; numbers printed round-trip exact.\n"
               "\nexamples:\n"
               f"  {PROG} spc tests/data/spc_lait_extract.csv\n"
               f"  {PROG} spc data.csv --format csv --html charts.html")
    p.add_argument("file", metavar="FILE", help="the CSV file")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--html", metavar="OUT", help="also write an XmR chart per series to OUT")
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)


def number(x: float) -> str:
    """Round-trip exact and as short as possible: 72, 16.32, 0.1; blank for NaN."""
    if x is None or math.isnan(x):
        return ""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


class Analysis:
    """The file's rows grouped by series (in order of first appearance, each in date order) and the
    library's results."""

    def __init__(self, name: str, text: str, threads: int = 1):
        self.name = name
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            raise SpcInputError("the file is empty (expected a header: series,date,value)", file=name)
        header = [h.strip() for h in rows[0]]
        col = {}
        for i, h in enumerate(header):
            if h in INPUT_COLUMNS:
                if h in col:
                    raise SpcInputError("the column appears twice", file=name, row=1, column=h)
                col[h] = i
        for required in ("series", "date", "value"):
            if required not in col:
                raise SpcInputError(f"no '{required}' column (the header has: {', '.join(header)})",
                                    file=name, row=1)
        body = [(i + 2, r) for i, r in enumerate(rows[1:]) if any(c.strip() for c in r)]

        def cell(r, key):
            j = col.get(key)
            return r[j].strip() if j is not None and j < len(r) else ""

        # Group by series, first appearance first; keep each row's file row number.
        groups = {}
        for line, r in body:
            groups.setdefault(cell(r, "series"), []).append((line, r))
        self.series = list(groups)
        ordered = [x for g in groups.values() for x in g]
        self.lines = np.array([line for line, _ in ordered], dtype=np.int64)
        self.dates = [cell(r, "date") for _, r in ordered]
        values = np.empty(len(ordered))
        days = np.empty(len(ordered), dtype=np.int32)
        rebase = np.zeros(len(ordered), dtype=np.int8)
        for k, (line, r) in enumerate(ordered):
            if not cell(r, "series"):
                raise SpcInputError("the series is blank", file=name, row=line, column="series")
            values[k] = self._value(cell(r, "value"), line, "value", missing_ok=True)
            try:
                days[k] = spc_mod.spc_date(cell(r, "date"))
            except ValueError as e:
                raise SpcInputError(str(e), file=name, row=line, column="date") from None
            rb = cell(r, "rebase").lower()
            if rb not in ("", "0", "1", "true", "false"):
                raise SpcInputError(f"rebase must be 1 or 0 (or true/false, blank), not {rb!r}",
                                    file=name, row=line, column="rebase")
            rebase[k] = rb in ("1", "true")
        self.values = values
        settings = {key: [] for key in ("improvement", "target", "fix_after", "screen")}
        for g in groups.values():
            for key in settings:
                settings[key].append(self._setting(g, key, cell))
        self.improvement = settings["improvement"]
        self.target = settings["target"]
        self.counts = [len(g) for g in groups.values()]
        labels = np.repeat(np.arange(len(groups)), self.counts)
        try:
            self.result = spc_mod.spc(values, labels, date=days, rebase=rebase,
                                      improvement=self.improvement, target=self.target,
                                      fix_after=settings["fix_after"], screen=settings["screen"],
                                      threads=threads)
        except ValueError as e:
            row = spc_mod.error_row(e)
            if row is None:
                raise
            message = str(e)
            if "same date" in message:
                other = [k for k in range(len(ordered)) if k != row and days[k] == days[row]
                         and labels[k] == labels[row]]
                message = (f"the date repeats row {self.lines[other[0]]} of series "
                           f"{self.series[labels[row]]!r}" if other else message)
            raise SpcInputError(message, file=name, row=int(self.lines[row]), column="date") from None
        # Each series in date order, for printing and charts.
        self.order = np.lexsort((days, labels))
        self.days = days
        self.rebase = rebase

    def _value(self, text: str, line: int, column: str, missing_ok: bool) -> float:
        if text.lower() in _MISSING:
            return math.nan
        try:
            v = float(text.replace(",", ""))
        except ValueError:
            raise SpcInputError(f"{text!r} is not a number", file=self.name, row=line,
                                column=column) from None
        if not math.isfinite(v):
            raise SpcInputError(f"{text!r} is not a finite number", file=self.name, row=line,
                                column=column)
        return v

    def _setting(self, group, key, cell):
        """A series' setting: the value its rows give (they must agree), or the default."""
        found = None
        for line, r in group:
            text = cell(r, key)
            if not text:
                continue
            value = self._read_setting(key, text, line)
            if found is not None and value != found[0] and not (
                    isinstance(value, float) and math.isnan(value) and math.isnan(found[0])):
                raise SpcInputError(f"{key} {text!r} differs from row {found[1]} of the same series",
                                    file=self.name, row=line, column=key)
            if found is None:
                found = (value, line)
        if found is not None:
            return found[0]
        return {"improvement": 0, "target": math.nan, "fix_after": 0, "screen": True}[key]

    def _read_setting(self, key, text, line):
        if key == "improvement":
            try:
                return spc_mod.spc_code("improvement", text)
            except ValueError as e:
                raise SpcInputError(str(e), file=self.name, row=line, column=key) from None
        if key == "target":
            return self._value(text, line, key, missing_ok=True)
        if key == "fix_after":
            try:
                n = int(text)
            except ValueError:
                n = None
            if n is None or n < 12:
                raise SpcInputError(f"fix_after must be blank or a whole number of at least 12, "
                                    f"not {text!r}", file=self.name, row=line, column=key)
            return n
        low = text.lower()
        if low not in ("true", "false", "1", "0", "yes", "no"):
            raise SpcInputError(f"screen must be true or false, not {text!r}", file=self.name,
                                row=line, column=key)
        return low in ("true", "1", "yes")

    def series_of(self, k: int) -> slice:
        start = int(self.result.first[k])
        return slice(start, start + int(self.result.count[k]))

    def rows(self) -> List[List[str]]:
        r = self.result
        variation = r.names("variation")
        rule = r.names("rule")
        assurance = r.names("assurance")
        labels = np.repeat(np.arange(len(self.series)), self.counts)
        out = []
        for i in self.order:
            k = labels[i]
            out.append([self.series[k], self.dates[i], number(self.values[i]), number(r.mean[i]),
                        number(r.lower[i]), number(r.upper[i]), variation[i], rule[i], assurance[k]])
        return out


def _table(rows: List[List[str]]) -> str:
    header = [c.upper() for c in CSV_COLUMNS]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip()
             for r in [header] + rows]
    return "\n".join(lines) + "\n"


def _json(a: Analysis) -> str:
    r = a.result
    series = []
    labels = np.repeat(np.arange(len(a.series)), a.counts)
    variation, rule, assurance = r.names("variation"), r.names("rule"), r.names("assurance")
    improvement = spc_mod.spc_names("improvement")

    def num(x):
        return None if math.isnan(x) else float(x)

    for k, name in enumerate(a.series):
        points = [{"date": a.dates[i], "value": num(a.values[i]), "mean": num(r.mean[i]),
                   "lower": num(r.lower[i]), "upper": num(r.upper[i]),
                   "variation": variation[i], "rule": rule[i] or None}
                  for i in a.order if labels[i] == k]
        series.append({"series": name, "improvement": improvement[a.improvement[k]],
                       "target": num(a.target[k]), "assurance": assurance[k] or None,
                       "last_variation": variation[r.last_variation[k]],
                       "warnings": int(r.warnings[k]), "points": points})
    return json.dumps({"series": series}, indent=1) + "\n"


def run(args, out, err) -> int:
    """The spc command; 2 for a file it cannot read."""
    try:
        with open(args.file, encoding="utf-8-sig", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        err.write(f"{PROG} spc: error: {args.file}: {e}\n")
        return 2
    try:
        a = Analysis(args.file, text, threads=args.threads)
    except SpcInputError as e:
        err.write(f"{PROG} spc: error: {e}\n")
        return 2
    rows = a.rows()
    if args.format == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        w.writerows(rows)
    elif args.format == "json":
        out.write(_json(a))
    else:
        out.write(_table(rows))
        short = int(np.count_nonzero(a.result.warnings & spc_mod.WARNING_SHORT_PHASE))
        out.write(f"\n{len(a.series)} series, {len(rows)} points; {short} with a phase of fewer "
                  f"than 13 points (trial limits)\n")
    if args.html:
        from .spc_report import write_html
        write_html(a, args.html)
        if args.format == "table":
            out.write(f"wrote {args.html}\n")
    return 0
