"""The command line: ``python3 -m indeval scorecard | lint | rate``.

Every rating, direction, explanation and lint finding comes from the binding (and so from the C++
core); this module reads the files, chooses the periods, and prints.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from typing import List, Optional, Sequence

from . import cli_benchmark
from . import cli_spc
from ._enums import COMPARATOR_KEYWORDS
from . import scorecard as sc
from ._progress import Progress
from .scorecard import ScorecardError

__all__ = ["main", "SCORECARD_CSV_COLUMNS", "LINT_CSV_COLUMNS"]

SCORECARD_CSV_COLUMNS = ("ref", "period", "value", "rated_value", "unit", "target", "status",
                         "previous_status", "direction", "published_status", "explanation",
                         "spc_variation", "spc_assurance", "spc_note")
LINT_CSV_COLUMNS = ("ref", "code", "severity", "message")

PROG = "python3 -m indeval"

_LAYOUTS = """\
input layouts:
  wide  one row per indicator: ref, title, section, polarity, unit, decimals, one column per
        month (Apr-17 ... Nov-17) holding the values as printed ("63.9%", "79% (6m+)",
        blank, "Data - In progress"), target, owner, published_rag, methodology
  long  a values file with columns ref,period,value[,note] and, with --definitions, a
        definitions file in the wide layout without the month columns
  A file that cannot be read is refused with the row and column at fault (exit status 2).
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog):
        super().__init__(prog, max_help_position=30)


def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", metavar="FILE",
                   help="scorecard CSV, wide or long layout (default: the built-in seed "
                        "scorecard, November 2017)")
    p.add_argument("--definitions", metavar="DEFS",
                   help="definitions CSV for a long-layout FILE (ref,title,...,methodology)")
    _add_quiet(p)


def _add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar (one is shown on a terminal when a run takes over 2 s)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=_Formatter,
        description="Rate children's-services scorecard indicators Red/Amber/Green by their own "
                    "RAG methodology, and say what is wrong with the data.",
        epilog="examples:\n"
               f"  {PROG} scorecard --html scorecard.html\n"
               f"  {PROG} lint\n"
               f"  {PROG} rate --rules '95% or above Green 85%-94% Amber 84% and below Red' 63.9\n"
               f"\nRun '{PROG} COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "scorecard", formatter_class=_Formatter,
        help="rate every indicator for a period and the one before it",
        description="Rate every indicator for period P (default: the latest in the file) and for "
                    "the period before it, with the direction of travel, the published RAG, and "
                    "an explanation of each rating.",
        epilog=_LAYOUTS + "\ncsv columns: " + ",".join(SCORECARD_CSV_COLUMNS) +
        "\n  statuses Red|Amber|Green|Blue|None; directions improved|declined|same|up|down|-;"
        "\n  published_status is the printed RAG of the file's latest period (None when"
        "\n  blank or for an earlier period; a label outside the rule set, such as Yellow,"
        "\n  is kept as printed)\n"
        "\nexamples:\n"
        f"  {PROG} scorecard\n"
        f"  {PROG} scorecard --period Oct-17 --format csv\n"
        f"  {PROG} scorecard examples/data/seed_scorecard.csv --html scorecard.html\n"
        f"  {PROG} scorecard examples/data/seed_values_long.csv "
        "--definitions examples/data/seed_definitions.csv")
    _add_input(p)
    p.add_argument("--period", metavar="P", help="the period to rate, e.g. Nov-17 (default: the "
                   "latest in the file)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--html", metavar="OUT", help="also write the HTML report to OUT")

    p = sub.add_parser(
        "lint", formatter_class=_Formatter,
        help="list what is wrong with a scorecard's data and rules",
        description="List the lint findings for every indicator: rules that cannot be read, "
                    "bands with gaps or overlaps, polarities that contradict the rules, targets "
                    "the rules rate Red, published RAGs that differ from the rating, definition "
                    "changes, and the like.",
        epilog=_LAYOUTS + "\ncsv columns: " + ",".join(LINT_CSV_COLUMNS) + "\n"
        "\nexamples:\n"
        f"  {PROG} lint\n"
        f"  {PROG} lint examples/data/seed_scorecard.csv --format csv")
    _add_input(p)
    p.add_argument("--format", choices=("table", "csv"), default="table",
                   help="output format (default: table)")

    p = sub.add_parser(
        "rate", formatter_class=_Formatter,
        help="rate values against a rule text",
        description="Rate each VALUE against the rule text and print one status name per line "
                    "(Red, Amber, Green, Blue or None). A rule text that is refused exits with "
                    "status 2 and prints the error and its position on stderr.",
        epilog="values: 63.9 or 63.9% (percentages are points), blank or NA for no figure\n"
               "\nexamples:\n"
               f"  {PROG} rate --rules '95% or above Green 85%-94% Amber 84% and below Red' "
               "63.9 90 97.5\n"
               f"  {PROG} rate --rules '17 or below Green 18.1-20 Amber 20.1 and above Red' "
               "--decimals 0 18\n"
               f"  {PROG} rate --rules '10% of cohort or below Green 10-15% Amber 16% and "
               "above Red' --cohort 120 14\n"
               f"  {PROG} rate --rules 'Green: better than the England average; Amber: within 5% "
               "of the England average; Red: otherwise' --polarity BIB --england 89.4 90.2 86")
    p.add_argument("--rules", required=True, metavar="TEXT",
                   help="the RAG methodology, e.g. '95%% or above Green 85%%-94%% Amber 84%% and "
                        "below Red'")
    p.add_argument("--target", metavar="T",
                   help="the target, for rules relative to it (95%% or 95)")
    p.add_argument("--cohort", metavar="C", type=float, help="the cohort size, for rules written "
                   "as a percentage of the cohort")
    p.add_argument("--decimals", metavar="D", type=int,
                   help="round each value to D places (half away from zero) before rating")
    p.add_argument("--polarity", metavar="P",
                   help="which way is better (BIB or SIB), for rules that say 'better than', "
                        "'or better', 'improved on'")
    for flag, what in (("--england", "the England average"), ("--region", "the regional average"),
                       ("--neighbours", "the statistical neighbours' mean"),
                       ("--previous", "the previous period's value"),
                       ("--previous-year", "the same period's value a year before")):
        p.add_argument(flag, metavar="X", help=f"{what}, for rules measured against it")
    p.add_argument("--explain", action="store_true",
                   help="print the explanation of each rating instead of the status name")
    p.add_argument("values", nargs="+", metavar="VALUE", help="a value to rate")
    _add_quiet(p)
    cli_benchmark.register(sub)
    cli_spc.add_parser(sub)
    return parser


# --------------------------------------------------------------------------------------------
# Output


def _csv_text(header: Sequence[str], rows: List[Sequence[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _table_text(header: Sequence[str], rows: List[Sequence[str]],
                wrap_last: bool = False) -> str:
    widths = [len(h) for h in header]
    for r in rows:
        for i, c in enumerate(r[:-1] if wrap_last else r):
            widths[i] = max(widths[i], len(c))
    lines = []
    for r in [list(header)] + [list(x) for x in rows]:
        cells = [c.ljust(widths[i]) for i, c in enumerate(r[:-1])] + [r[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _scorecard_csv_rows(rated: sc.RatedScorecard) -> List[List[str]]:
    return [[row.ref, row.period, sc.format_number(row.value),
             sc.format_number(row.value, row.indicator.decimals), row.indicator.unit,
             row.indicator.target_text, row.status_name, row.previous_status_name,
             row.direction_name, row.published_status, row.explanation, row.spc.variation,
             row.spc.assurance, _spc_note(row.spc)] for row in rated.rows]


def _spc_note(spc: sc.SpcIcons) -> str:
    """Why there are no SPC icons, else the library's warnings."""
    return spc.reason or "; ".join(spc.notes)


def _display(row_value: float, unit: str, decimals, note: str) -> str:
    from .report import format_display
    text = format_display(row_value, unit, decimals)
    if note and not math.isnan(row_value):
        text += f" ({note})"
    return text


def _scorecard_table(rated: sc.RatedScorecard) -> str:
    head = f"Scorecard {rated.period}"
    if rated.previous_period:
        head += f" (previous: {rated.previous_period})"
    head += f" - {rated.card.source}\n"
    header = ["REF", "VALUE", "TARGET", "STATUS", "PREVIOUS", "DIRECTION", "PUBLISHED",
              "EXPLANATION"]
    rows = []
    for row in rated.rows:
        value = _display(row.value, row.indicator.unit, row.indicator.decimals, row.note)
        if math.isnan(row.value):
            value = "-"
        rows.append([row.ref, value, row.indicator.target_text or "-", row.status_name,
                     row.previous_status_name, row.direction_name, row.published_status,
                     row.explanation])
    counts = rated.counts()
    foot = "  ".join(f"{name} {counts[name]}" for name in sc.STATUS_NAMES
                     if counts[name] or name != "Blue")
    findings = len(rated.findings)
    return (head + _table_text(header, rows, wrap_last=True) + f"\n{len(rated.rows)} indicators: "
            + foot + (f"; {findings} lint findings (see: lint)" if findings else "") + "\n")


def _nan_to_none(v: float):
    return None if v is None or (isinstance(v, float) and not math.isfinite(v)) else v


def _rated_number(value: float, decimals):
    """The figure rated, as a number: the library's printed figure read back (exact)."""
    text = sc.format_number(value, decimals)
    return float(text) if text and math.isfinite(value) else None


def _scorecard_json(rated: sc.RatedScorecard) -> str:
    out = {
        "source": rated.card.source,
        "period": rated.period,
        "previous_period": rated.previous_period,
        "periods": list(rated.card.periods),
        "counts": rated.counts(),
        "indicators": [],
    }
    for row in rated.rows:
        ind = row.indicator
        out["indicators"].append({
            "ref": ind.ref, "title": ind.title, "section": ind.section,
            "polarity": ind.polarity or None, "unit": ind.unit, "decimals": ind.decimals,
            "period": row.period, "value": _nan_to_none(row.value),
            "rated_value": _rated_number(row.value, ind.decimals),
            "note": row.note or None,
            "previous_period": row.previous_period,
            "previous_value": _nan_to_none(row.previous_value),
            "previous_note": row.previous_note or None,
            "target": ind.target_text or None, "target_value": ind.target,
            "status": row.status_name, "previous_status": row.previous_status_name,
            "direction": row.direction_name, "published_status": row.published_status,
            "published_text": ind.published or None, "methodology": ind.methodology or None,
            "explanation": row.explanation,
            "spc": {"points": row.spc.points, "variation": row.spc.variation or None,
                    "assurance": row.spc.assurance or None, "improvement": row.spc.improvement,
                    "reason": row.spc.reason or None, "notes": list(row.spc.notes)},
            "findings": [{"code": f.code, "severity": f.severity, "message": f.message,
                          "where": f.where} for f in row.findings],
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Commands


def _version() -> str:
    try:
        from importlib import import_module
        return str(import_module(__package__ or "indeval").__version__)
    except Exception:  # noqa: BLE001 - the version is informative only
        return ""


def _cmd_scorecard(args, out, err) -> int:
    card = sc.read_scorecard(args.file, args.definitions)
    with Progress(len(card.indicators), "rating", quiet=args.quiet, stream=err) as progress:
        rated = sc.rate_scorecard(card, args.period, progress=progress)
    if args.format == "csv":
        out.write(_csv_text(SCORECARD_CSV_COLUMNS, _scorecard_csv_rows(rated)))
    elif args.format == "json":
        out.write(_scorecard_json(rated))
    else:
        out.write(_scorecard_table(rated))
    if args.html:
        from .report import write_html
        try:
            write_html(rated, args.html, version=_version() or None)
        except OSError as e:
            raise ScorecardError(e.strerror or str(e), file=args.html) from None
        err.write(f"wrote {args.html}\n")
    return 0


def _cmd_lint(args, out, err) -> int:
    card = sc.read_scorecard(args.file, args.definitions)
    with Progress(len(card.indicators), "linting", quiet=args.quiet, stream=err) as progress:
        findings = sc.lint_scorecard(card, progress=progress)
    rows = [[f.ref, f.code, f.severity, f.message] for f in findings]
    if args.format == "csv":
        out.write(_csv_text(LINT_CSV_COLUMNS, rows))
    else:
        if rows:
            out.write(_table_text(["REF", "WHERE", "CODE", "SEVERITY", "MESSAGE"],
                                  [[f.ref, f.where or "-", f.code, f.severity, f.message]
                                   for f in findings], wrap_last=True))
        refs = {f.ref for f in findings}
        out.write(f"\n{len(rows)} findings for {len(refs)} of {len(card.indicators)} "
                  f"indicators\n")
    return 0


def _cmd_rate(args, out, err) -> int:
    from importlib import import_module
    ie = import_module(__package__ or "indeval")
    try:
        polarity = ie.Polarity.parse(args.polarity) if args.polarity is not None else None
    except ValueError as e:
        err.write(f"{PROG} rate: error: --polarity: {e}\n")
        return 2
    try:
        rules = ie.RuleSet.parse(args.rules, polarity)
    except ie.ParseError as e:
        position = getattr(e, "position", None)
        err.write(f"{PROG} rate: error: the rule text was refused at position {position}: {e}\n")
        if isinstance(position, int) and 0 <= position <= len(args.rules):
            err.write(f"  {args.rules}\n  {' ' * position}^\n")
        return 2
    try:
        target = sc.read_target(args.target) if args.target is not None else None
    except ValueError as e:
        err.write(f"{PROG} rate: error: --target: {e}\n")
        return 2
    if args.target is not None and target is None:
        err.write(f"{PROG} rate: error: --target: {args.target!r} is not a number\n")
        return 2
    comparators = {}
    for key in COMPARATOR_KEYWORDS:
        flag = "--" + key.replace("_", "-")
        text = getattr(args, key)
        if text is None:
            continue
        try:
            cell = ie.read_cell(text)
        except ie.ParseError as e:
            err.write(f"{PROG} rate: error: {flag}: cannot read {text!r} as a figure (expected "
                      f"a number such as 91.5% or 17): {e}\n")
            return 2
        if cell.missing:
            err.write(f"{PROG} rate: error: {flag}: {text!r} is not a number\n")
            return 2
        comparators[key] = cell.figure
    for name, figure in (("--target", target), ("--cohort", args.cohort),
                         *(("--" + k.replace("_", "-"), x) for k, x in comparators.items())):
        if figure is not None and not math.isfinite(figure):
            err.write(f"{PROG} rate: error: {name}: {figure!r} is not a finite number "
                      f"(too large for a double, or infinite)\n")
            return 2
    if args.decimals is not None and not 0 <= args.decimals <= 15:
        err.write(f"{PROG} rate: error: --decimals: must be 0..15\n")
        return 2
    values = []
    for i, text in enumerate(args.values, start=1):
        try:
            values.append(sc.read_value(text).value)
        except ValueError as e:
            err.write(f"{PROG} rate: error: VALUE {i}: {e}\n")
            return 2
    kwargs = dict(target=target, cohort=args.cohort, decimals=args.decimals, **comparators)
    lines = []  # written once the progress bar is gone, not through it
    with Progress(len(values), "rating", quiet=args.quiet, stream=err) as progress:
        for v in progress.iterate(values):
            if args.explain:
                lines.append(str(rules.explain(v, **kwargs)) + "\n")
            else:
                lines.append(sc.STATUS_NAMES[int(rules.evaluate(v, **kwargs))] + "\n")
    out.write("".join(lines))
    return 0


def main(argv: Optional[Sequence[str]] = None, *, out=None, err=None) -> int:
    """Runs the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        out.write(f"indeval {_version()}\n")
        return 0
    if not args.command:
        parser.print_help(out)
        return 2
    try:
        if args.command == "scorecard":
            return _cmd_scorecard(args, out, err)
        if args.command == "lint":
            return _cmd_lint(args, out, err)
        if args.command == "benchmark":
            return cli_benchmark.run(args, out, err)
        if args.command == "spc":
            return cli_spc.run(args, out, err)
        return _cmd_rate(args, out, err)
    except ScorecardError as e:
        err.write(f"{PROG} {args.command}: error: {e}\n")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the library's own failures, reported without a trace
        from importlib import import_module
        if not isinstance(e, import_module(__package__ or "indeval").Error):
            raise
        err.write(f"{PROG} {args.command}: error: {e}\n")
        return 1
