"""The HTML scorecard report: one self-contained page (no network, no script).

The page shows the scorecard by section: for each indicator its value for the period, the target,
a RAG chip for the status (the explanation shows on hover, and in print), the previous period's
status, the direction of travel, the published RAG, a sparkline over the year with the target
line, the SPC icons (variation of the period rated and assurance against the target, as the
library's SPC gives them; none for a series shorter than ``SPC_MIN_POINTS`` values, with the
reason) and the lint findings that concern it. Each indicator row carries ``data-ref``,
``data-status``, ``data-previous-status``, ``data-direction``, ``data-published-status``,
``data-spc-variation``, ``data-spc-assurance`` and ``data-spc-reason`` attributes, so a test (or a
script) can read the page without parsing its layout.

Rendering works from rows already rated (`indeval.scorecard.RatedScorecard`); nothing here rates.
"""

from __future__ import annotations

import html
import math
from typing import Iterable, Optional

from .scorecard import SPC_MIN_POINTS, STATUS_NAMES, RatedRow, RatedScorecard, format_number

__all__ = ["render_html", "write_html", "format_display"]

_CSS = """
:root { --red:#b3261e; --amber:#f2a900; --green:#2e7d32; --blue:#1f5fbf; --none:#8a8f98;
        --ink:#1d1f23; --muted:#5f6670; --rule:#d9dce1; --band:#f3f5f8; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
       sans-serif; color: var(--ink); margin: 24px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 10px; }
.summary { display: flex; gap: 8px; list-style: none; padding: 0; margin: 0 0 14px;
           flex-wrap: wrap; }
.summary li { display: flex; align-items: center; gap: 6px; }
.legend { color: var(--muted); font-size: 11px; margin: 0 0 12px; }
table.scorecard { border-collapse: collapse; width: 100%; }
table.scorecard th, table.scorecard td { border-bottom: 1px solid var(--rule); padding: 5px 6px;
       vertical-align: middle; text-align: left; }
thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted);
       border-bottom: 2px solid var(--ink) !important; white-space: nowrap; }
tr.section-head th { background: var(--band); font-size: 13px; text-transform: none;
       letter-spacing: 0; color: var(--ink); padding-top: 8px; }
td.ref { font-weight: 600; white-space: nowrap; }
td.title { max-width: 330px; }
td.title .owner { color: var(--muted); font-size: 11px; }
table.scorecard td.num, table.scorecard th.num { text-align: right; white-space: nowrap;
       font-variant-numeric: tabular-nums; }
.note { text-align: left; }
.note { display: block; color: var(--muted); font-size: 11px; max-width: 180px;
        white-space: normal; }
.chip { display: inline-block; min-width: 52px; padding: 2px 8px; border-radius: 10px;
        font-size: 11px; font-weight: 600; text-align: center; color: #fff;
        border: 1px solid transparent; }
.chip.s-red { background: var(--red); }
.chip.s-amber { background: var(--amber); color: #1d1f23; }
.chip.s-green { background: var(--green); }
.chip.s-blue { background: var(--blue); }
.chip.s-none { background: #fff; color: var(--muted); border-color: var(--none); }
.chip.s-other { background: #fff7c2; color: #1d1f23; border-color: #c9b200; }
.chip.small { min-width: 0; font-size: 10px; padding: 1px 6px; }
.chip.differs { outline: 2px dashed var(--ink); outline-offset: 1px; }
.dir { white-space: nowrap; font-size: 12px; }
.dir .arrow { font-size: 13px; }
.dir-improved { color: var(--green); }
.dir-declined { color: var(--red); }
.dir-same, .dir-none, .dir-up, .dir-down { color: var(--muted); }
svg.spark { display: block; }
svg.spark .line { fill: none; stroke: #4a5160; stroke-width: 1.3; }
svg.spark .target { stroke: #1d1f23; stroke-width: 1; stroke-dasharray: 3 2; }
svg.spark circle { stroke: #fff; stroke-width: .8; }
svg.spark .p-red { fill: var(--red); }
svg.spark .p-amber { fill: var(--amber); }
svg.spark .p-green { fill: var(--green); }
svg.spark .p-blue { fill: var(--blue); }
svg.spark .p-none { fill: #fff; stroke: var(--none); stroke-width: 1; }
svg.spark .noted { fill-opacity: .35; }
svg.spark .current { stroke: #1d1f23; stroke-width: 1.4; }
td.spc { white-space: nowrap; }
td.spc .icons { display: inline-flex; gap: 3px; }
td.spc svg.icon { width: 22px; height: 22px; }
td.spc .caution { color: var(--amber); font-weight: 700; cursor: help; }
td.spc .no-spc { color: var(--muted); font-size: 11px; white-space: normal; display: block;
       max-width: 120px; }
ul.findings { list-style: none; margin: 0; padding: 0; font-size: 11px; max-width: 300px; }
ul.findings li { margin: 0 0 2px; padding-left: 14px; text-indent: -14px; }
ul.findings li::before { content: "\\25CF\\00A0"; }
ul.findings .where { color: var(--muted); font-weight: 600; }
.sev-error::before { color: var(--red); }
.sev-warning::before { color: var(--amber); }
.sev-info::before, .sev-note::before { color: var(--blue); }
.why { display: none; color: var(--muted); font-size: 11px; }
.other-findings { margin-top: 18px; }
footer { margin-top: 16px; color: var(--muted); font-size: 11px; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { margin: 0; font-size: 9.5px; }
  h1 { font-size: 16px; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  table.scorecard th, table.scorecard td { padding: 3px 4px; }
  .why { display: block; font-size: 1em; }
  .screen-only { display: none; }
  td.title { max-width: 240px; }
  ul.findings, .note, td.title .owner { font-size: 1em; }
  ul.findings { max-width: 240px; }
}
"""

_STATUS_CLASS = {name: "s-" + name.lower() for name in STATUS_NAMES}
_ARROWS = {"improved": None, "declined": None, "same": "\u25B6", "up": "\u25B2", "down": "\u25BC",
           "-": "\u2013"}


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def format_display(value: float, unit: str, decimals: Optional[int] = None) -> str:
    """A figure as the scorecard shows it and as it is rated (the library's format_value: 94.25
    at 1 decimal is ``94.3%``), ``18``, ``460 days``; ``no data``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    from ._reading import format_value
    return format_value(value, unit or "count", decimals)


def _chip(name: str, *, title: str = "", small: bool = False, differs: bool = False,
          attr: str = "") -> str:
    cls = ["chip", _STATUS_CLASS.get(name, "s-other")]
    if small:
        cls.append("small")
    if differs:
        cls.append("differs")
    t = f' title="{_e(title)}"' if title else ""
    a = f" {attr}" if attr else ""
    return f'<span class="{" ".join(cls)}"{t}{a}>{_e(name)}</span>'


def _direction_html(row: RatedRow) -> str:
    name = row.direction_name
    arrow = _ARROWS.get(name)
    if arrow is None:  # improved / declined: the arrow shows which way the value moved
        arrow = "\u25B2" if row.value > row.previous_value else "\u25BC"
    if name == "-":
        if row.previous_period is None:
            why = "no earlier period"
        elif row.note != row.previous_note:
            was = row.previous_note or "current definition"
            now = row.note or "current definition"
            why = f"the definition changed ({was} \u2192 {now}): no direction across the change"
        else:
            why = "no direction: a value is missing"
        label = ""
    else:
        unit, decimals = row.indicator.unit, row.indicator.decimals
        why = (f"{row.previous_period} {format_display(row.previous_value, unit, decimals)}"
               f" \u2192 {row.period} {format_display(row.value, unit, decimals)}: {name}")
        label = name
    return (f'<span class="dir dir-{"none" if name == "-" else name}" title="{_e(why)}">'
            f'<span class="arrow">{arrow}</span> {_e(label)}</span>')


def _sparkline(row: RatedRow, width: int = 150, height: int = 34) -> str:
    series = row.series
    n = len(series)
    unit = row.indicator.unit
    target = row.indicator.target
    values = [r.value for _, r, _ in series if not r.missing]
    scale = list(values)
    if target is not None and math.isfinite(target):
        scale.append(target)
    label = f"{row.ref}: values over {series[0][0]} to {series[-1][0]}" if n else row.ref
    if not values or n == 0:
        return (f'<svg class="spark" width="{width}" height="{height}" role="img" '
                f'aria-label="{_e(label)}: no data"><title>{_e(label)}: no data</title>'
                f'<text x="2" y="{height / 2 + 4:.0f}" font-size="10" fill="#8a8f98">'
                f'no data</text></svg>')
    lo, hi = min(scale), max(scale)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    pad_x, pad_y = 5, 5

    def x(i):
        return pad_x + (i * (width - 2 * pad_x) / (n - 1) if n > 1 else (width - 2 * pad_x) / 2)

    def y(v):
        return pad_y + (hi - v) * (height - 2 * pad_y) / (hi - lo)

    parts = [f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{_e(label)}"><title>{_e(label)}</title>']
    if target is not None and math.isfinite(target):
        ty = y(target)
        parts.append(f'<line class="target" x1="{pad_x - 3}" x2="{width - pad_x + 3}" '
                     f'y1="{ty:.1f}" y2="{ty:.1f}"><title>target {_e(row.indicator.target_text)}'
                     f'</title></line>')
    # The line breaks at a missing value and where the definition (note) changes.
    run = []
    prev_note = None
    for i, (_, reading, _) in enumerate(series):
        if reading.missing or (run and reading.note != prev_note):
            if len(run) > 1:
                parts.append('<polyline class="line" points="' + " ".join(run) + '"/>')
            run = []
        if not reading.missing:
            run.append(f"{x(i):.1f},{y(reading.value):.1f}")
            prev_note = reading.note
    if len(run) > 1:
        parts.append('<polyline class="line" points="' + " ".join(run) + '"/>')
    for i, (period, reading, status) in enumerate(series):
        if reading.missing:
            continue
        name = STATUS_NAMES[int(status)]
        cls = ["p-" + name.lower()]
        if reading.note:
            cls.append("noted")
        current = period == row.period
        if current:
            cls.append("current")
        text = f"{period}: {format_display(reading.value, unit, row.indicator.decimals)}"
        if reading.note:
            text += f" ({reading.note})"
        text += f" \u2013 {name}"
        parts.append(f'<circle class="{" ".join(cls)}" cx="{x(i):.1f}" cy="{y(reading.value):.1f}" '
                     f'r="{3.4 if current else 2.4}"><title>{_e(text)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _spc_html(row: RatedRow) -> str:
    """The SPC icons (Making Data Count's, drawn by the spc page) of the rated period, or the
    reason there are none; the library's warnings as a marked tooltip."""
    from .spc_report import icon
    spc = row.spc
    if spc is None:
        return ""
    if not spc.shown:
        return f'<span class="no-spc" title="{_e(spc.reason)}">no SPC: {_e(spc.reason)}</span>'
    icons = icon("variation", spc.variation, spc.improvement)
    if spc.assurance:
        icons += icon("assurance", spc.assurance, spc.improvement)
    caution = ""
    if spc.notes:
        text = f"{spc.points} points; " + "; ".join(spc.notes)
        caution = (f' <span class="caution" data-role="spc-note" title="{_e(text)}" '
                   f'aria-label="{_e(text)}">!</span>')
    return f'<span class="icons">{icons}</span>{caution}'


def _severity_class(severity: str) -> str:
    s = "".join(c for c in str(severity).lower() if c.isalnum() or c == "-")
    return "sev-" + (s or "info")


def _findings_html(findings: Iterable) -> str:
    items = []
    for f in findings:
        where = getattr(f, "where", "") or ""
        label = f'<span class="where">{_e(where)}:</span> ' if where else ""
        items.append(f'<li class="finding {_severity_class(f.severity)}" data-code="{_e(f.code)}" '
                     f'data-severity="{_e(f.severity)}" title="{_e(f.severity)}: {_e(f.code)}">'
                     f'{label}{_e(f.message)}</li>')
    if not items:
        return ""
    return '<ul class="findings">' + "".join(items) + "</ul>"


def _row_html(row: RatedRow) -> str:
    ind = row.indicator
    status = row.status_name
    previous = row.previous_status_name
    published = row.published_status
    value = format_display(row.value, ind.unit, ind.decimals)
    note = ""
    if row.note:
        note = f'<span class="note" title="{_e(row.note)}">{_e(row.note)}</span>'
    owner = f' <span class="owner">{_e(ind.owner)}</span>' if ind.owner else ""
    differs = published != "None" and published != status
    published_title = (f"published {ind.published or 'blank'}; rated {status}"
                       if published != "None" else "no published RAG")
    attrs = {
        "data-ref": ind.ref,
        "data-section": ind.section,
        "data-period": row.period,
        "data-value": format_number(row.value),
        "data-status": status,
        "data-previous-status": previous if row.previous_period else "None",
        "data-direction": row.direction_name,
        "data-published-status": published,
    }
    if row.spc is not None:
        attrs["data-spc-variation"] = row.spc.variation
        attrs["data-spc-assurance"] = row.spc.assurance
        attrs["data-spc-reason"] = row.spc.reason
    attr_text = " ".join(f'{k}="{_e(v)}"' for k, v in attrs.items())
    cells = [
        f'<td class="ref">{_e(ind.ref)}</td>',
        f'<td class="title">{_e(ind.title)}{owner}<span class="why">{_e(row.explanation)}</span>'
        f'</td>',
        f'<td class="num value" title="{_e(row.explanation)}">{_e(value)}{note}</td>',
        f'<td class="num target">{_e(ind.target_text)}</td>',
        '<td class="status">'
        + _chip(status, title=row.explanation, attr='data-role="status"') + "</td>",
        '<td class="previous">'
        + (_chip(previous, small=True, title=f"{row.previous_period}: {previous}")
           if row.previous_period else "") + "</td>",
        f'<td class="direction">{_direction_html(row)}</td>',
        '<td class="published">'
        + _chip(published, small=True, differs=differs, title=published_title) + "</td>",
        f'<td class="trend">{_sparkline(row)}</td>',
        f'<td class="spc">{_spc_html(row)}</td>',
        f'<td class="lint">{_findings_html(row.findings)}</td>',
    ]
    return (f'<tr class="indicator" {attr_text} title="{_e(row.explanation)}">' + "".join(cells)
            + "</tr>")


def render_html(rated: RatedScorecard, *, title: Optional[str] = None,
                version: Optional[str] = None) -> str:
    """The whole report page as one string."""
    period, previous = rated.period, rated.previous_period
    heading = title or f"Children's services scorecard \u2013 {period}"
    columns = ["Ref", "Indicator", period, "Target", "Status", previous or "Previous", "Travel",
               "Published", f"{rated.card.periods[0]} \u2013 {rated.card.periods[-1]}"
               if rated.card.periods else "Trend", "SPC", "Findings"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(heading)}</title>", f"<style>{_CSS}</style></head><body>"]
    out.append(f"<header><h1>{_e(heading)}</h1>")
    meta = [f"Source: {rated.card.source}" if rated.card.source else "",
            f"rated for {period}" + (f", compared with {previous}" if previous else ""),
            f"{len(rated.rows)} indicators"]
    out.append(f'<p class="meta">{_e("; ".join(m for m in meta if m))}</p>')
    counts = rated.counts()
    out.append('<ul class="summary" aria-label="status counts">')
    for name in ("Red", "Amber", "Green", "Blue", "None"):
        if name == "Blue" and counts[name] == 0:
            continue
        out.append(f'<li data-count-status="{name}">{_chip(name)} {counts[name]}</li>')
    out.append("</ul>")
    out.append('<p class="legend">Sparkline: one dot per month coloured by its rating; dashed line '
               '= target; ringed dot = the period rated; faded dot = a figure under another '
               'definition (its note). <span class="screen-only">Hover over a status for its '
               'explanation. </span>A dashed outline on a published RAG marks one that differs '
               'from the rating. SPC: the Making Data Count icons of the period rated (variation: C common '
               'cause, H/L special cause high/low, blue improvement, orange concern, purple '
               'neither; assurance against the target: P pass, F fail, ? inconsistent) over '
               f'the series to that period, shown from {SPC_MIN_POINTS} values; ! marks a '
               'warning such as trial limits (fewer than 13 points).</p></header>')
    numeric = {2, 3}
    out.append('<table class="scorecard"><thead><tr>'
               + "".join(f'<th class="num">{_e(c)}</th>' if i in numeric else f"<th>{_e(c)}</th>"
                         for i, c in enumerate(columns)) + "</tr></thead>")
    sections = []
    by_section = {}
    for row in rated.rows:
        key = row.indicator.section
        if key not in by_section:
            by_section[key] = []
            sections.append(key)
        by_section[key].append(row)
    for section in sections:
        out.append(f'<tbody class="section" data-section="{_e(section)}">')
        out.append(f'<tr class="section-head"><th colspan="{len(columns)}">'
                   f'{_e(section or "Other indicators")}</th></tr>')
        for row in by_section[section]:
            out.append(_row_html(row))
        out.append("</tbody>")
    out.append("</table>")
    refs = {row.ref for row in rated.rows}
    others = [f for f in rated.findings if f.ref not in refs]
    if others:
        out.append('<section class="other-findings"><h2>Other findings</h2>'
                   + _findings_html(others) + "</section>")
    foot = "Rated by indeval" + (f" {version}" if version else "")
    out.append(f"<footer>{_e(foot)}.</footer></body></html>")
    return "\n".join(out) + "\n"


def write_html(rated: RatedScorecard, path, **kwargs) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(render_html(rated, **kwargs))
