"""The spc command's HTML page: an XmR chart per series (inline SVG: points coloured by variation,
mean and limits per phase, phase breaks, the target line) with its variation and assurance icons
in the manner of NHS "Making Data Count". One self-contained file: no scripts, no fetches.
Layout only: every figure and name shown is the library's (through cli_spc.Analysis)."""

from __future__ import annotations

import html
import math

import numpy as np

from . import xmr

# Making Data Count's palette: common cause grey, improvement blue, concern orange, neutral purple.
COLOURS = {"common_cause": "#7f7f7f", "improvement": "#1f77d0", "concern": "#e46c0a",
           "neutral_high": "#7b3fa0", "neutral_low": "#7b3fa0"}
ASSURANCE_COLOURS = {"pass": "#1f77d0", "fail": "#e46c0a", "inconsistent": "#7f7f7f"}
ASSURANCE_LETTERS = {"pass": "P", "fail": "F", "inconsistent": "?"}
W, H, PAD_L, PAD_R, PAD_T, PAD_B = 760, 260, 64, 16, 14, 40

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b}
h1{font-size:20px;margin:0 0 4px}
section{border-top:1px solid #ddd;padding:12px 0;break-inside:avoid}
h2{font-size:16px;margin:0 0 6px;display:flex;gap:10px;align-items:center}
.icons{display:inline-flex;gap:6px}
.meta{color:#555;font-size:12px;margin:0 0 6px}
svg text{font:11px system-ui,sans-serif;fill:#444}
.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}
"""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def icon(kind: str, name: str, improvement: str) -> str:
    """A round icon: variation (letter C, H or L) or assurance (P, F or ?)."""
    if kind == "variation":
        colour = COLOURS[name]
        letter = "C" if name == "common_cause" else (
            "H" if name == "neutral_high" or (name == "improvement") == (improvement != "decrease")
            else "L")
        title = name.replace("_", " ")
        title = "common cause variation" if name == "common_cause" else f"special cause: {title}"
    else:
        colour = ASSURANCE_COLOURS[name]
        letter = ASSURANCE_LETTERS[name]
        title = {"pass": "assurance: the process will consistently meet the target",
                 "fail": "assurance: the process will consistently miss the target",
                 "inconsistent": "assurance: the process will sometimes meet the target"}[name]
    return (f'<svg class="icon" data-icon="{kind}" data-name="{name}" width="28" height="28" '
            f'viewBox="0 0 28 28" role="img" aria-label="{html.escape(title)}"><title>'
            f'{html.escape(title)}</title><circle cx="14" cy="14" r="12" fill="#fff" '
            f'stroke="{colour}" stroke-width="3"/><text x="14" y="19" text-anchor="middle" '
            f'style="font:bold 13px system-ui,sans-serif;fill:{colour}">{letter}</text></svg>')


def warning_notes(warnings: int, missing: bool = True) -> list:
    """The library's warning bits of a series (xmr.WARNING_*) in words."""
    notes = []
    if warnings & xmr.WARNING_SHORT_PHASE:
        notes.append("a phase has fewer than 13 points: trial limits")
    if warnings & xmr.WARNING_UNDEFINED_LIMITS:
        notes.append("no limits for a phase (no moving range left after screening)")
    if missing and warnings & xmr.WARNING_MISSING_VALUES:
        notes.append("some values are missing")
    return notes


def _chart(a, k: int, idx: np.ndarray) -> str:
    r = a.result
    y = a.values[idx]
    series_values = [v for v in np.r_[y, r.mean[idx], r.lower[idx], r.upper[idx], a.target[k]]
                     if not math.isnan(v)]
    if not series_values:
        return '<p class="meta">no values</p>'
    lo, hi = min(series_values), max(series_values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    lo, hi = lo - span * 0.05, hi + span * 0.05
    n = len(idx)

    def px(i):
        return PAD_L + (i + 0.5) * (W - PAD_L - PAD_R) / max(n, 1)

    def py(v):
        return PAD_T + (hi - v) / (hi - lo) * (H - PAD_T - PAD_B)

    parts = [f'<svg class="xmr" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
             f'aria-label="XmR chart of {html.escape(a.series[k])}">',
             f'<rect x="{PAD_L}" y="{PAD_T}" width="{W - PAD_L - PAD_R}" '
             f'height="{H - PAD_T - PAD_B}" fill="#fafafa" stroke="#ccc"/>']
    for v in (lo + span * 0.05, hi - span * 0.05):
        parts.append(f'<text x="{PAD_L - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{_num(v)}</text>')
    # Phases: runs of points with the same limits, split at each rebase.
    starts = [0] + [j for j in range(1, n) if a.rebase[idx[j]]]
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else n
        if p > 0:
            x = (px(s - 1) + px(s)) / 2
            parts.append(f'<line data-line="phase-break" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" '
                         f'y2="{H - PAD_B}" stroke="#333" stroke-dasharray="2 3"/>')
        x1, x2 = px(s) - 4, px(e - 1) + 4
        i0 = idx[s]
        for name, v, dash, colour in (("mean", r.mean[i0], "", "#333"),
                                      ("upper", r.upper[i0], "6 4", "#555"),
                                      ("lower", r.lower[i0], "6 4", "#555")):
            if not math.isnan(v):
                parts.append(f'<line data-line="{name}" x1="{x1:.1f}" x2="{x2:.1f}" '
                             f'y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="{colour}" '
                             f'stroke-width="1.2"' + (f' stroke-dasharray="{dash}"' if dash else "")
                             + "/>")
    if not math.isnan(a.target[k]):
        t = py(a.target[k])
        parts.append(f'<line data-line="target" x1="{PAD_L}" x2="{W - PAD_R}" y1="{t:.1f}" '
                     f'y2="{t:.1f}" stroke="#c00000" stroke-width="1.5" stroke-dasharray="10 4"/>')
    path = []
    for j in range(n):
        if math.isnan(y[j]):
            path.append(None)
        else:
            path.append(f"{px(j):.1f},{py(y[j]):.1f}")
    run = []
    for pt in path + [None]:
        if pt is None:
            if len(run) > 1:
                parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="#999"/>')
            run = []
        else:
            run.append(pt)
    variation = r.names("variation")
    rule = r.names("rule")
    for j in range(n):
        i = idx[j]
        if math.isnan(y[j]):
            continue
        tip = f"{a.dates[i]}: {_num(y[j])}" + (f" ({rule[i]})" if rule[i] else "")
        parts.append(f'<circle data-variation="{variation[i]}" data-rule="{rule[i]}" '
                     f'cx="{px(j):.1f}" cy="{py(y[j]):.1f}" r="4.5" '
                     f'fill="{COLOURS[variation[i]]}"><title>{html.escape(tip)}</title></circle>')
    step = max(1, n // 12)
    for j in range(0, n, step):
        parts.append(f'<text x="{px(j):.1f}" y="{H - PAD_B + 16}" text-anchor="middle">'
                     f'{html.escape(a.dates[idx[j]])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(a) -> str:
    r = a.result
    labels = np.repeat(np.arange(len(a.series)), a.counts)
    improvement = xmr.spc_names("improvement")
    variation = xmr.spc_names("variation")
    assurance = xmr.spc_names("assurance")
    body = [f"<h1>XmR charts: {html.escape(str(a.name))}</h1>",
            '<p class="legend">' + "".join(
                f'<span><i style="background:{c}"></i>{n.replace("_", " ")}</span>'
                for n, c in COLOURS.items() if n != "neutral_low")
            + '<span>-- limits, — mean, <b style="color:#c00000">- -</b> target, '
              '⋮ phase break</span></p>']
    for k, name in enumerate(a.series):
        idx = a.order[labels[a.order] == k]
        imp = improvement[a.improvement[k]]
        last = variation[r.last_variation[k]]
        ass = assurance[r.assurance[k]]
        icons = icon("variation", last, imp) + (icon("assurance", ass, imp) if ass else "")
        notes = warning_notes(r.warnings[k], missing=False)
        target = "" if math.isnan(a.target[k]) else f"; target {_num(a.target[k])}"
        body.append(
            f'<section data-series="{html.escape(name)}" data-last-variation="{last}" '
            f'data-assurance="{ass}"><h2>{html.escape(name)}<span class="icons">{icons}</span></h2>'
            f'<p class="meta">improvement: {imp}{target}'
            + ("".join(f"; {html.escape(x)}" for x in notes)) + "</p>" + _chart(a, k, idx)
            + "</section>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>XmR charts"
            f"</title><style>{_CSS}</style></head><body>" + "\n".join(body) + "</body></html>\n")


def write_html(a, path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(render(a))
