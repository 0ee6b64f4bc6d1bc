"""``python3 -m indeval benchmark``: every area against every other, as the DfE's LAIT shows it.

Ranks, quartile bands and statistical-neighbour means come from the library (indeval.compare);
this module reads the CSV files, reports what is wrong with them by row, and prints or writes the
authority page.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import math
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from . import comparison as cmp
from ._api import RuleSet
from ._native import ParseError

PROG = "python3 -m indeval"
CSV_COLUMNS = ("area", "measure", "period", "value", "rank", "quartile", "sn_mean")
_MISSING = ("", "-")


class InputError(Exception):
    """A file that cannot be used: every message names the file and the line."""


def register(sub) -> None:
    p = sub.add_parser(
        "benchmark", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="rank, quartile band and statistical-neighbour mean of every area",
        description="For every measure and period, where each local authority stands among all "
                    "of them: its rank (1 = best by the measure's polarity; ties share the lowest "
                    "rank), its quartile band A (best quarter) to D (R's type-7 quartiles; a value "
                    "equal to a cut point falls in the lower-valued band) and the mean of its "
                    "statistical neighbours' values. England (970) and the regions (980-990) are "
                    "comparators and take no rank.",
        epilog="files:\n"
               "  VALUES.csv    area,measure,period,value   (value blank or '-' = missing)\n"
               "  MEASURES.csv  measure,polarity,quartiles[,rules]  (High/Low/BIB/SIB/-; yes/no;\n"
               "                a RAG rule text such as 'Green: better than the England average;\n"
               "                Amber: within 5% of the England average; Red: otherwise', shown\n"
               "                on the authority page)\n"
               "  SN.csv        la_number,la_name,region,sn1,sn1_closeness,...,sn10,...\n"
               "\nexamples:\n"
               f"  {PROG} benchmark values.csv --measures measures.csv --neighbours sn.csv\n"
               f"  {PROG} benchmark values.csv --measures measures.csv --area 301 "
               "--html barking.html")
    p.add_argument("values", metavar="VALUES.csv")
    p.add_argument("--measures", required=True, metavar="MEASURES.csv")
    p.add_argument("--neighbours", metavar="SN.csv")
    p.add_argument("--area", type=int, metavar="CODE", help="only this area's rows")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--html", metavar="OUT", help="write the authority page of --area to OUT")
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)


# ---- reading --------------------------------------------------------------------------------------

def _rows(path: str, columns: Tuple[str, ...]) -> List[Tuple[int, Dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in columns if c not in header]
            if missing:
                raise InputError(f"{path} line 1: no column {', '.join(missing)} "
                                 f"(expected {','.join(columns)})")
            reader.fieldnames = header
            return [(reader.line_num, {k: (v or "").strip() for k, v in r.items() if k})
                    for r in reader]
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None


def read_values(path: str) -> Tuple[pd.DataFrame, List[str]]:
    """The values file as a frame (area, measure, period, text, value, line) and its errors."""
    errors: List[str] = []
    seen: Dict[Tuple[int, str, str], int] = {}
    out = {"area": [], "measure": [], "period": [], "text": [], "value": [], "line": []}
    for line, r in _rows(path, ("area", "measure", "period", "value")):
        try:
            area = int(r["area"])
        except ValueError:
            errors.append(f"{path} line {line}: area {r['area']!r} is not an area code")
            continue
        text = r["value"]
        value = math.nan
        if text not in _MISSING:
            try:
                value = float(text.replace(",", ""))
            except ValueError:
                value = None
            if value is None or not math.isfinite(value):
                errors.append(f"{path} line {line}: value {text!r} is not a number "
                              f"(blank or '-' for missing)")
                continue
        key = (area, r["measure"], r["period"])
        if key in seen:
            errors.append(f"{path} line {line}: area {area}, measure {r['measure']!r}, period "
                          f"{r['period']!r} is given again (first on line {seen[key]})")
            continue
        seen[key] = line
        for k, v in (("area", area), ("measure", r["measure"]), ("period", r["period"]),
                     ("text", text), ("value", value), ("line", line)):
            out[k].append(v)
    return pd.DataFrame(out), errors


def read_measures(path: str) -> Tuple[pd.DataFrame, List[str]]:
    """The measures file (measure, polarity, quartiles, and an optional rules column: a RAG rule
    text, which may be measured against England, the region, statistical neighbours, the previous
    period or last year) and its errors."""
    errors: List[str] = []
    rows = []
    seen: Dict[str, int] = {}
    for line, r in _rows(path, ("measure", "polarity", "quartiles")):
        try:
            polarity = cmp.Polarity.parse(r["polarity"])
        except ValueError:
            errors.append(f"{path} line {line}: polarity {r['polarity']!r} is not High, Low, "
                          f"BIB, SIB or '-'")
            continue
        q = r["quartiles"].lower()
        if q not in ("yes", "no", ""):
            errors.append(f"{path} line {line}: quartiles {r['quartiles']!r} is not yes or no")
            continue
        if r["measure"] in seen:
            errors.append(f"{path} line {line}: measure {r['measure']!r} is given again (first "
                          f"on line {seen[r['measure']]})")
            continue
        rules = None
        if r.get("rules"):
            try:
                rules = RuleSet.parse(r["rules"], polarity)
            except ParseError as e:
                errors.append(f"{path} line {line}: the rules of {r['measure']!r} are refused at "
                              f"character {e.position}: {e.message}")
                continue
        seen[r["measure"]] = line
        rows.append((r["measure"], int(polarity), q != "no", rules))
    return pd.DataFrame(rows, columns=["measure", "polarity", "quartiles", "rules"]), errors


def read_neighbours(path: str) -> Tuple[pd.DataFrame, List[str]]:
    rows = _rows(path, ("la_number", "sn1"))
    errors: List[str] = []
    codes = {}
    for line, r in rows:
        try:
            codes[int(r["la_number"])] = line
        except ValueError:
            errors.append(f"{path} line {line}: la_number {r['la_number']!r} is not an area code")
    table = []
    for line, r in rows:
        cols = [k for k in r if k.startswith("sn") and k[2:].isdigit()]
        entry = {"la_number": r["la_number"]}
        for k in cols:
            text = r[k]
            if text in _MISSING:
                continue
            try:
                code = int(text)
            except ValueError:
                code = None
            if code is None or code not in codes:
                errors.append(f"{path} line {line}: {k} {text!r} is not a la_number of the file")
                continue
            entry[k] = code
        table.append(entry)
    frame = pd.DataFrame(table)
    if "la_number" in frame:
        frame["la_number"] = pd.to_numeric(frame["la_number"], errors="coerce")
        frame = frame.dropna(subset=["la_number"])
    return frame, errors


# ---- periods ----------------------------------------------------------------------------------------

def period_order(labels) -> Tuple[Dict[str, int], List[str]]:
    """A sort key (the last month) for every label the library reads, and the labels it cannot."""
    keys: Dict[str, int] = {}
    unread: List[str] = []
    for label in labels:
        months = cmp.period_months(label)
        if months is None:
            unread.append(label)
        else:
            keys[label] = months[1]
    return keys, unread


# ---- output -----------------------------------------------------------------------------------------

def _num(x, digits: int = 15) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else \
        format(float(x), f".{digits}g")


def _records(result: pd.DataFrame) -> List[List[str]]:
    return [[str(a), m, p, t if t not in _MISSING else "", str(r) if r else "", q, _num(s)]
            for a, m, p, t, r, q, s in zip(result["area"], result["measure"], result["period"],
                                           result["text"], result["rank"], result["quartile"],
                                           result["sn_mean"])]


def _table(rows: List[List[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(CSV_COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
             for r in [list(CSV_COLUMNS)] + rows]
    return "\n".join(lines) + "\n"


def run(args, out, err) -> int:
    try:
        values, errors = read_values(args.values)
        measures, m_errors = read_measures(args.measures)
        errors += m_errors
        sn = None
        if args.neighbours:
            sn, sn_errors = read_neighbours(args.neighbours)
            errors += sn_errors
    except InputError as e:
        err.write(f"{PROG} benchmark: error: {e}\n")
        return 2
    unknown = sorted(set(values["measure"]) - set(measures["measure"])) if len(values) else []
    for m in unknown:
        first = int(values.loc[values["measure"] == m, "line"].iloc[0])
        errors.append(f"{args.values} line {first}: measure {m!r} is not in {args.measures}")
    if errors:
        for e in errors[:50]:
            err.write(f"{PROG} benchmark: error: {e}\n")
        if len(errors) > 50:
            err.write(f"{PROG} benchmark: ... and {len(errors) - 50} more errors\n")
        return 2
    if args.html and args.area is None:
        err.write(f"{PROG} benchmark: error: --html needs --area CODE\n")
        return 2
    keys, unread = period_order(pd.unique(values["period"]))
    for label in unread:
        n = int((values["period"] == label).sum())
        err.write(f"{PROG} benchmark: warning: period label {label!r} cannot be read "
                  f"({n} rows); its rows are grouped under the label as written\n")

    result = cmp.benchmark(values, measures, neighbours=sn, threads=args.threads)
    shown = result if args.area is None else result[result["area"] == args.area]
    if args.area is not None and shown.empty:
        err.write(f"{PROG} benchmark: error: no rows for area {args.area} in {args.values}\n")
        return 2
    rows = _records(shown)
    if args.format == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        w.writerows(rows)
    elif args.format == "json":
        records = [{"area": int(a), "measure": m, "period": p,
                    "value": None if math.isnan(v) else v, "rank": int(r) or None,
                    "quartile": q or None, "sn_mean": None if math.isnan(s) else s}
                   for a, m, p, v, r, q, s in zip(shown["area"], shown["measure"],
                                                  shown["period"], shown["value"], shown["rank"],
                                                  shown["quartile"], shown["sn_mean"])]
        out.write(json.dumps(records, indent=1) + "\n")
    else:
        out.write(_table(rows))
    if args.html:
        page = authority_page(result, measures, args.area, keys)
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(page)
        err.write(f"wrote {args.html}\n")
    return 0


# ---- the authority page -----------------------------------------------------------------------------

_CHIP = {"A": "#1a7f37", "B": "#7cb342", "C": "#f0a30a", "D": "#c62828"}


def _spark(points: List[Tuple[float, float, float]]) -> str:
    """An inline SVG: the area (solid), England (dashed) and neighbours (dotted) over periods."""
    finite = [v for p in points for v in p if v is not None and not math.isnan(v)]
    if len(points) < 2 or not finite:
        return ""
    lo, hi = min(finite), max(finite)
    span = (hi - lo) or 1.0
    w, h = 120, 28

    def line(k, style):
        pts = [(i * w / (len(points) - 1), h - 2 - (p[k] - lo) / span * (h - 4))
               for i, p in enumerate(points) if p[k] is not None and not math.isnan(p[k])]
        if len(pts) < 2:
            return ""
        d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        return f'<polyline points="{d}" fill="none" {style}/>'

    return (f'<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            + line(1, 'stroke="#888" stroke-dasharray="3,2"')
            + line(2, 'stroke="#5b7fbf" stroke-dasharray="1,2"')
            + line(0, 'stroke="#222" stroke-width="1.5"') + "</svg>")


_RAG = {"Red": "#c0392b", "Amber": "#e08e0b", "Green": "#2e8540", "Blue": "#2f6fb5",
        "None": "#888"}


def _rag(rules, latest, rows: pd.DataFrame, keys: Dict[str, int]) -> Tuple[str, str]:
    """The RAG of the latest value by the measure's rules (if any) with its comparators: England,
    region, neighbours, the period just before and the period a year before; and its explanation."""
    if rules is None or (isinstance(rules, float) and math.isnan(rules)):
        return "", ""
    earlier = rows[rows["order"] < latest["order"]]
    last = keys.get(latest["period"])
    year_before = rows[rows["period"].map(keys) == last - 12] if last is not None else rows[:0]
    figures = dict(england=latest["england"], region=latest["region"],
                   neighbours=latest["sn_mean"],
                   previous=earlier.iloc[-1]["value"] if len(earlier) else None,
                   previous_year=year_before.iloc[-1]["value"] if len(year_before) else None)
    return str(rules.evaluate(latest["value"], **figures)), rules.explain(latest["value"], **figures)


def authority_page(result: pd.DataFrame, measures: pd.DataFrame, area: int,
                   keys: Dict[str, int]) -> str:
    """One self-contained HTML page: every measure of `area` with its latest value, change since
    the period before, England / region / neighbours, rank, quartile chip, the RAG by the
    measure's rules where given, and a sparkline."""
    mine = result[result["area"] == area].copy()
    mine["order"] = mine["period"].map(keys)
    counted = result[result["rank"] > 0].groupby(["measure", "period"]).size()
    names = cmp.lait_regions().set_index("area")["name"]
    title = f"{names[area]} ({area})" if area in names.index else f"Area {area}"
    pol = measures.set_index("measure")["polarity"]
    rules_of = measures.set_index("measure")["rules"] if "rules" in measures else pd.Series()
    body = []
    for measure, rows in mine.groupby("measure", sort=False):
        rows = rows.dropna(subset=["order"]).sort_values("order", kind="stable")
        if rows.empty:
            continue
        with_value = rows.dropna(subset=["value"])
        latest = with_value.iloc[-1] if len(with_value) else rows.iloc[-1]
        before = rows[rows["order"] < latest["order"]].dropna(subset=["value"])
        change = latest["value"] - before.iloc[-1]["value"] if len(before) else math.nan
        n = counted.get((measure, latest["period"]), 0)
        chip = latest["quartile"]
        points = [(r.value, r.england, r.sn_mean) for r in rows.itertuples()]
        pname = str(cmp.Polarity(int(pol.get(measure, 0)))) or "-"
        rag, why = _rag(rules_of.get(measure), latest, rows, keys)
        rank = f"{latest['rank']} of {n}" if latest["rank"] else ""
        # a difference of two published figures: shown to 12 digits, without binary noise
        change_text = ("+" if change > 0 else "") + _num(change, 12) if not math.isnan(change) else ""
        cells = [
            f'<td class="measure">{html.escape(measure)}</td>',
            f"<td>{html.escape(str(latest['period']))}</td>",
            f'<td class="num value">{_num(latest["value"])}</td>',
            f'<td class="num">{change_text}</td>',
            f'<td class="num">{_num(latest["england"])}</td>',
            f'<td class="num">{_num(latest["region"])}</td>',
            f'<td class="num">{_num(latest["sn_mean"])}</td>',
            f'<td class="num rank">{rank}</td>',
            f'<td class="band">' + (f'<span class="chip" style="background:{_CHIP[chip]}">{chip}</span>'
                                    if chip else "") + "</td>",
            f"<td>{pname}</td>",
            f'<td class="rag" title="{html.escape(why)}">'
            + (f'<span class="chip" style="background:{_RAG[rag]}">{rag}</span>' if rag else "")
            + "</td>",
            f"<td>{_spark(points)}</td>",
        ]
        attrs = (f'data-measure="{html.escape(measure)}" '
                 f'data-period="{html.escape(str(latest["period"]))}" '
                 f'data-rank="{latest["rank"] or ""}" data-quartile="{chip}" data-rag="{rag}"')
        body.append(f"<tr {attrs}>" + "".join(cells) + "</tr>")
    head = ("<tr><th>measure</th><th>period</th><th>value</th><th>change</th><th>England</th>"
            "<th>region</th><th>neighbours</th><th>rank</th><th>band</th><th>polarity</th>"
            "<th>RAG</th><th>trend</th></tr>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}: benchmarks</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; }}
th, td {{ padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.chip {{ display: inline-block; min-width: 1.4em; text-align: center; color: #fff;
         border-radius: 3px; font-weight: 600; }}
.key span {{ margin-right: 1.5em; }}
@media print {{ body {{ margin: 0; }} }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="key"><span>rank: 1 = best of the local authorities with a value</span>
<span>band: A best quarter … D worst</span>
<span>trend: area — solid, England — dashed, neighbours — dotted</span></p>
<table id="benchmarks"><thead>{head}</thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""
