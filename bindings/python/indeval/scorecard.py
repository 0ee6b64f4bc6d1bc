"""Scorecard files: reading the wide and long CSV layouts, and rating a scorecard by the binding.

The layouts
-----------
**Wide** (the seed's own shape): one row per indicator. Columns, matched case-insensitively, in any
order (the seed's printed headings are accepted as aliases)::

    ref            (or "Indicator Number")   required, unique
    title          (or "Indicator Title")
    section
    polarity       BIB / SIB / High / Low, or blank, "-" or NA for context counts
    unit           count / percent / days / average / rate; blank: percent when a value has "%"
    decimals       0..15, how many places the figures are printed to (values are rounded to it
                   before they are rated); blank: no rounding
    Apr-17 ...     one column per month, values exactly as printed (see below), oldest first
    target         (or "2017-18 Target") "95.0%", "17", "NA", "<10% of Cohort", blank
    cohort         optional: the cohort size for rules written as "% of cohort"
    owner          (or "Target Owner")
    published_rag  (or "RAG", "Published RAG") the status the scorecard printed
    methodology    (or "RAG Methodology") the rule text, e.g. "95% or above Green 85%-94% Amber ..."

**Long**: a values file with columns ``ref,period,value`` (and optionally ``note``), one row per
indicator and period, plus a definitions file in the wide layout without month columns.

Cells, periods, names and figures are read and printed by the library (``indeval.read_cell``,
``period_key``, the enums' names, ``format_value``): ``79% (6m+)`` is 79 with the note "6m+",
``est 90`` is 90 (an estimate, which lint reports), ``n/a`` or ``Data - In progress`` is no figure
with its text kept, and text that is no figure (``8x%``) is an error naming the row, the column and
the character. Month columns are periods, ordered and stepped by the library.

Rating (``rate_scorecard``) calls the binding for everything that is a rating: parsing the rule
text, rating a value, explaining it, the direction of travel, and lint. This module only walks the
files' rows and columns and hands the binding what they hold.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ._enums import Direction, Polarity, Qualifier, Status, Unit
from ._native import ParseError
from ._reading import format_value, period_key, period_previous, read_cell

__all__ = [
    "ScorecardError",
    "Reading",
    "Indicator",
    "Scorecard",
    "Finding",
    "RatedRow",
    "RatedScorecard",
    "SpcIcons",
    "SPC_MIN_POINTS",
    "spc_icons",
    "read_value",
    "read_target",
    "month_key",
    "read_wide",
    "read_long",
    "read_definitions",
    "read_scorecard",
    "seed_path",
    "load_seed",
    "rate_scorecard",
    "lint_scorecard",
    "format_number",
    "STATUS_NAMES",
    "DIRECTION_NAMES",
]

MISSING = math.nan

class _Names:
    """The names of an enum's codes, from the library, read on first use: names[code]."""

    def __init__(self, enum):
        self._enum = enum

    def __getitem__(self, code: int) -> str:
        return str(self._enum(code))

    def __iter__(self):
        return (str(m) for m in self._enum)

    def __len__(self) -> int:
        return len(self._enum)


#: Status names by code (None 0, Red 1, Amber 2, Green 3, Blue 4), as the library prints them.
STATUS_NAMES = _Names(Status)
#: Direction names by code (none 0 prints "-", improved 1, declined 2, same 3, up 4, down 5).
DIRECTION_NAMES = _Names(Direction)

# --------------------------------------------------------------------------------------------
# Errors


class ScorecardError(ValueError):
    """A scorecard file that cannot be read. The message names the file, row and column.

    ``row`` counts the header as row 1, as a spreadsheet shows it; ``column`` is the column's
    heading as written in the file.
    """

    def __init__(self, message: str, *, file: Optional[str] = None, row: Optional[int] = None,
                 column: Optional[str] = None):
        self.reason = message
        self.file = file
        self.row = row
        self.column = column
        where = []
        if file:
            where.append(str(file))
        place = []
        if row is not None:
            place.append(f"row {row}")
        if column is not None:
            place.append(f"column '{column}'")
        if place:
            where.append(", ".join(place))
        super().__init__(": ".join(where + [message]))


# --------------------------------------------------------------------------------------------
# Value text


@dataclass(frozen=True)
class Reading:
    """One cell of a scorecard as the library reads it: the figure (NaN when there is none), its
    note (the bracketed note, or the text of a cell with no figure), its text as written, whether
    it is written as a percentage, and its qualifier ("est 90": estimate)."""

    value: float = MISSING
    note: str = ""
    text: str = ""
    percent: bool = False  # written with a "%"
    qualifier: Qualifier = Qualifier.NONE

    @property
    def missing(self) -> bool:
        return math.isnan(self.value)


def read_value(text: Optional[str]) -> Reading:
    """Reads a value as a scorecard prints it. Raises ValueError (a ParseError, with the
    character position) for text that is no value."""
    raw = "" if text is None else str(text)
    cell = read_cell(raw)
    return Reading(cell.figure, cell.note, raw, cell.unit == Unit.PERCENT, cell.qualifier)


def read_target(text: Optional[str]) -> Optional[float]:
    """The numeric target in a target cell, or None when it is not a plain number.

    ``95.0%`` -> 95.0, ``17`` -> 17; ``NA``, blank, and relative targets such as ``<10% of Cohort``
    -> None (they are kept as text for display, and no numeric target is passed on). Raises
    ValueError for text that starts like a number but is not one (``9x%``)."""
    s = ("" if text is None else str(text)).strip()
    try:
        cell = read_cell(s)
    except ParseError as e:
        if s[:1].isdigit() or s[:1] in "+-.":
            raise ValueError(f"cannot read {s!r} as a target (expected a number such as 95% or "
                             f"17, NA, blank, or a relative target such as <10% of Cohort): "
                             f"{e}") from None
        return None
    return None if cell.missing else cell.figure


def month_key(label: str) -> Optional[tuple]:
    """(year, month) of a month label such as ``Apr-17``, ``Sept 2017`` or ``April-2017``, as the
    library reads period labels; None for any other text."""
    key = period_key(label)
    if key is None or key.kind != 0:
        return None
    return (key.first_month // 12, key.first_month % 12 + 1)


def format_number(v: Optional[float], decimals: Optional[int] = None, unit="count") -> str:
    """A figure as the library prints it (63.9, 18, 0.5; at `decimals` places, rounded as rated,
    when given); blank when missing."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return format_value(v, unit, decimals)


# --------------------------------------------------------------------------------------------
# The model


@dataclass
class Indicator:
    """One row of a scorecard, as the file holds it."""

    ref: str
    title: str = ""
    section: str = ""
    polarity: str = ""  # "BIB", "SIB" or "" (neutral)
    unit: str = ""  # a unit name as the library prints it ("percent"), "" until settled
    decimals: Optional[int] = None
    target_text: str = ""
    target: Optional[float] = None
    cohort: Optional[float] = None
    owner: str = ""
    published: str = ""  # the published RAG as written ("Red", "Yellow", "")
    methodology: str = ""
    readings: dict = field(default_factory=dict)  # period label -> Reading
    row: Optional[int] = None  # where the indicator is defined

    def reading(self, period: Optional[str]) -> Reading:
        if period is None:
            return Reading()
        return self.readings.get(period, Reading())


@dataclass
class Scorecard:
    """Indicators and the periods their values cover, oldest first."""

    periods: list
    indicators: list
    source: str = ""

    def latest(self) -> Optional[str]:
        return self.periods[-1] if self.periods else None

    def period_before(self, period: str) -> Optional[str]:
        """The period before `period` by the calendar (the library steps periods), when the
        scorecard has it: a scorecard that skips a month has no period before the month after."""
        key = period_key(period)
        if key is None:
            return None
        try:
            before = period_key(period_previous(period))
        except Exception:  # before the first year a label can name
            return None
        for p in self.periods:
            if period_key(p) == before:
                return p
        return None

    def index_of(self, period: str) -> int:
        """The index of a period, matched as written or as the same period (``Nov 2017``)."""
        if period in self.periods:
            return self.periods.index(period)
        key = period_key(period)
        if key is not None:
            for i, p in enumerate(self.periods):
                if period_key(p) == key:
                    return i
        raise KeyError(period)

    def resolve_period(self, period: Optional[str]) -> str:
        if period is None:
            latest = self.latest()
            if latest is None:
                raise ScorecardError("the scorecard has no periods", file=self.source or None)
            return latest
        try:
            return self.periods[self.index_of(period)]
        except KeyError:
            raise ScorecardError(
                f"no period {period!r} in the scorecard (it has {', '.join(self.periods)})",
                file=self.source or None) from None


# --------------------------------------------------------------------------------------------
# Reading the files

_COLUMN_ALIASES = {
    "ref": "ref", "indicator number": "ref", "reference": "ref", "indicator": "ref",
    "title": "title", "indicator title": "title",
    "section": "section",
    "polarity": "polarity",
    "unit": "unit",
    "decimals": "decimals",
    "target": "target", "2017-18 target": "target",
    "cohort": "cohort",
    "owner": "owner", "target owner": "owner",
    "published_rag": "published", "published rag": "published", "rag": "published",
    "published": "published", "published_status": "published",
    "methodology": "methodology", "rag methodology": "methodology", "rules": "methodology",
}
_LONG_ALIASES = {"ref": "ref", "indicator number": "ref", "indicator": "ref",
                 "period": "period", "value": "value", "note": "note"}


def _alias(heading: str, aliases: dict) -> Optional[str]:
    h = heading.strip().lower()
    if h in aliases:
        return aliases[h]
    h = re.sub(r"[\s_]+", " ", h)
    for k, v in aliases.items():
        if re.sub(r"[\s_]+", " ", k) == h:
            return v
    # "2018-19 Target" and the like
    if re.fullmatch(r"\d{4}[-/]\d{2,4} target", h):
        return "target"
    return None


def _decode(data: bytes, name: str) -> str:
    """The text of a CSV export: UTF-8 (with or without a BOM), UTF-16 (with a BOM, as Excel's
    "Unicode text"), else Windows-1252 / Latin-1 (Excel's "CSV" on Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ScorecardError(f"not valid UTF-16 text ({e.reason} at byte {e.start})",
                                 file=name) from None
    if b"\x00" in data:
        raise ScorecardError("not a text file (it holds NUL bytes: UTF-16 without a byte-order "
                             "mark, or a spreadsheet's binary format; export it as CSV)",
                             file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _open_text(source) -> tuple:
    """(text, name) for a path, a file object, or text given as io.StringIO."""
    if hasattr(source, "read"):
        data = source.read()
        name = getattr(source, "name", "") or ""
        return (_decode(data, name) if isinstance(data, bytes) else data), name
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ScorecardError(e.strerror or str(e), file=str(source)) from None
    return _decode(data, str(source)), str(source)


def _records(text: str, name: str) -> tuple:
    """The header and the data rows, each with its 1-based row number (header = row 1). Line
    ends may be CRLF, LF or CR alone (old Mac Excel)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for i, record in enumerate(reader, start=1):
            rows.append((i, record))
    except csv.Error as e:
        raise ScorecardError(f"not valid CSV: {e}", file=name, row=len(rows) + 1) from None
    # Drop wholly blank lines (they carry nothing), keep numbering.
    rows = [(i, r) for i, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ScorecardError("the file is empty (expected a header row)", file=name)
    (_, header), body = rows[0], rows[1:]
    if not body:
        raise ScorecardError("no indicators: the file has a header row and nothing else",
                             file=name)
    return header, rows[0][0], body


def _check_width(record, header, rownum, name):
    """A row as wide as its header; a shorter or longer one is refused (a cell would otherwise
    land in the wrong column, or be padded with blanks that no one wrote)."""
    if len(record) != len(header):
        extra = [c for c in record[len(header):] if c.strip()]
        raise ScorecardError(
            f"the row has {len(record)} cells but the header has {len(header)} columns"
            + (f" (extra cell {extra[0]!r})" if extra else ""), file=name, row=rownum)
    return record


def _read_polarity(text: str) -> Optional[str]:
    """"BIB", "SIB" or "" (neutral), as the library reads a polarity; None when it cannot."""
    try:
        return str(Polarity.parse(text))
    except ValueError:
        return None


def _read_unit(text: str) -> Optional[str]:
    """A unit name as the library reads it; "" when blank (settled from the figures); None when
    it cannot be read."""
    if not text.strip():
        return ""
    try:
        return str(Unit.parse(text))
    except ValueError:
        return None


def _definitions(header, body, name, *, allow_months: bool) -> tuple:
    """Indicators (without values unless allow_months) and the month columns, from a wide table."""
    roles = {}  # column index -> role
    months = []  # (column index, label)
    seen = {}
    for j, heading in enumerate(header):
        h = heading.strip()
        if not h:
            if any(j < len(r) and r[j].strip() for _, r in body):
                raise ScorecardError("a column with values has no heading", file=name, row=1,
                                     column=f"#{j + 1}")
            continue
        role = _alias(h, _COLUMN_ALIASES)
        if role is None and month_key(h) is not None:
            if not allow_months:
                raise ScorecardError(
                    "a definitions file has no month columns (the values go in the long file)",
                    file=name, row=1, column=h)
            if any(month_key(h) == month_key(label) for _, label in months):
                raise ScorecardError("the month appears twice", file=name, row=1, column=h)
            months.append((j, h))
            continue
        if role is None:
            raise ScorecardError(
                "unknown column (expected ref, title, section, polarity, unit, decimals, month "
                "columns such as Apr-17, target, cohort, owner, published_rag, methodology)",
                file=name, row=1, column=h)
        if role in seen:
            raise ScorecardError(f"the column repeats column '{seen[role]}'", file=name, row=1,
                                 column=h)
        seen[role] = h
        roles[j] = role
    if "ref" not in seen:
        raise ScorecardError("there is no ref column (the indicator's reference, e.g. AMT 2)",
                             file=name, row=1)
    for (_, before), (_, label) in zip(months, months[1:]):
        if month_key(label) < month_key(before):
            raise ScorecardError(f"month columns must run oldest to newest, and this one comes "
                                 f"after {before}", file=name, row=1, column=label)

    indicators = []
    refs = {}
    for rownum, record in body:
        record = _check_width(record, header, rownum, name)
        cells = {role: record[j] for j, role in roles.items()}
        ref = cells.get("ref", "").strip()
        col = lambda role: seen[role]  # noqa: E731
        if not ref:
            raise ScorecardError("the indicator has no ref", file=name, row=rownum,
                                 column=col("ref"))
        if ref in refs:
            raise ScorecardError(f"ref {ref!r} is already used on row {refs[ref]}", file=name,
                                 row=rownum, column=col("ref"))
        refs[ref] = rownum
        ind = Indicator(ref=ref, row=rownum)
        ind.title = cells.get("title", "").strip()
        ind.section = cells.get("section", "").strip()
        ind.owner = cells.get("owner", "").strip()
        ind.published = cells.get("published", "").strip()
        ind.methodology = cells.get("methodology", "").strip()
        if "polarity" in cells:
            pol = _read_polarity(cells["polarity"])
            if pol is None:
                raise ScorecardError(f"cannot read {cells['polarity'].strip()!r} as a polarity "
                                     f"(expected BIB, SIB or blank)", file=name, row=rownum,
                                     column=col("polarity"))
            ind.polarity = pol
        if "unit" in cells:
            unit = _read_unit(cells["unit"])
            if unit is None:
                raise ScorecardError(f"cannot read {cells['unit'].strip()!r} as a unit "
                                     f"(expected {', '.join(str(u) for u in Unit)} or blank)", file=name,
                                     row=rownum, column=col("unit"))
            ind.unit = unit
        if "decimals" in cells and cells["decimals"].strip():
            d = cells["decimals"].strip()
            if not re.fullmatch(r"\d{1,2}", d) or int(d) > 15:
                raise ScorecardError(f"cannot read {d!r} as decimals (expected 0..15 or blank)",
                                     file=name, row=rownum, column=col("decimals"))
            ind.decimals = int(d)
        if "target" in cells:
            ind.target_text = cells["target"].strip()
            try:
                ind.target = read_target(ind.target_text)
            except ValueError as e:
                raise ScorecardError(str(e), file=name, row=rownum, column=col("target")) from None
        if "cohort" in cells and cells["cohort"].strip():
            r = None
            try:
                r = read_value(cells["cohort"])
            except ValueError:
                pass
            if r is None or r.missing or r.percent or r.note:
                raise ScorecardError(f"cannot read {cells['cohort'].strip()!r} as a cohort size "
                                     f"(expected a number)", file=name, row=rownum,
                                     column=col("cohort"))
            ind.cohort = r.value
        for j, label in months:
            try:
                ind.readings[label] = read_value(record[j])
            except ValueError as e:
                raise ScorecardError(str(e), file=name, row=rownum, column=label) from None
        indicators.append(ind)
    return indicators, [label for _, label in months], seen


def _settle_units(indicators, name, where) -> None:
    """Blank units become percent when a figure is written with "%"; a "%" on a figure of an
    indicator declared in another unit is an error."""
    for ind in indicators:
        pct = [(p, r) for p, r in ind.readings.items() if r.percent]
        if not ind.unit:
            ind.unit = "percent" if pct or ind.target_text.endswith("%") else "count"
        elif pct and ind.unit != "percent":
            period, reading = pct[0]
            row, column = where(ind, period)
            raise ScorecardError(
                f"{reading.text.strip()!r} is a percentage but the unit of {ind.ref} is "
                f"{ind.unit}", file=name, row=row, column=column)


def read_wide(source) -> Scorecard:
    """Reads a wide-layout scorecard (one row per indicator, one column per month)."""
    text, name = _open_text(source)
    header, _, body = _records(text, name)
    indicators, periods, _ = _definitions(header, body, name, allow_months=True)
    if not periods:
        raise ScorecardError("there are no month columns (such as Apr-17)", file=name, row=1)
    _settle_units(indicators, name, lambda ind, period: (ind.row, period))
    return Scorecard(periods, indicators, name)


def read_definitions(source) -> tuple:
    """Indicators without values, from a definitions file (the wide layout minus months)."""
    text, name = _open_text(source)
    header, _, body = _records(text, name)
    indicators, _, _ = _definitions(header, body, name, allow_months=False)
    return indicators, name


def is_long_layout(source) -> bool:
    """True when the file's header has a period column (the long layout: ref,period,value)."""
    text, name = _open_text(source)
    header, _, _ = _records(text, name)
    return "period" in {_alias(h, _LONG_ALIASES) for h in header}


def read_long(values, definitions) -> Scorecard:
    """Reads a long-layout scorecard: ``ref,period,value[,note]`` rows plus a definitions file."""
    indicators, def_name = read_definitions(definitions)
    by_ref = {ind.ref: ind for ind in indicators}
    text, name = _open_text(values)
    header, _, body = _records(text, name)
    cols = {}
    for j, heading in enumerate(header):
        role = _alias(heading, _LONG_ALIASES)
        if role is None:
            if not heading.strip() and not any(j < len(r) and r[j].strip() for _, r in body):
                continue
            known = {_alias(h, _LONG_ALIASES) for h in header} - {None}
            expected = [c for c in ("ref", "period", "value") if c not in known]
            hint = f"expected the column '{expected[0]}'" if expected else \
                "expected ref, period, value and optionally note"
            raise ScorecardError(f"unknown column ({hint})",
                                 file=name, row=1, column=heading.strip() or f"#{j + 1}")
        if role in cols:
            raise ScorecardError("the column appears twice", file=name, row=1, column=heading)
        cols[role] = j
    for needed in ("ref", "period", "value"):
        if needed not in cols:
            raise ScorecardError(f"there is no {needed} column", file=name, row=1)
    heading = {role: header[j].strip() for role, j in cols.items()}
    seen = {}  # (ref, month) -> row
    where = {}  # (ref, period) -> (row, column)
    periods = {}  # month key -> label as first written
    for rownum, record in body:
        record = _check_width(record, header, rownum, name)
        ref = record[cols["ref"]].strip()
        if ref not in by_ref:
            raise ScorecardError(f"ref {ref!r} is not in the definitions file {def_name}",
                                 file=name, row=rownum, column=heading["ref"])
        label = record[cols["period"]].strip()
        key = month_key(label)
        if key is None:
            raise ScorecardError(f"cannot read {label!r} as a month (expected a label such as "
                                 f"Apr-17)", file=name, row=rownum, column=heading["period"])
        label = periods.setdefault(key, label)
        if (ref, key) in seen:
            raise ScorecardError(f"{ref} {label} already has a value on row {seen[(ref, key)]}",
                                 file=name, row=rownum, column=heading["period"])
        seen[(ref, key)] = rownum
        try:
            reading = read_value(record[cols["value"]])
        except ValueError as e:
            raise ScorecardError(str(e), file=name, row=rownum, column=heading["value"]) from None
        if "note" in cols and record[cols["note"]].strip():
            note = record[cols["note"]].strip()
            if reading.note and reading.note != note:
                raise ScorecardError(
                    f"the value's note ({reading.note!r}) differs from the note column ({note!r})",
                    file=name, row=rownum, column=heading["note"])
            reading = Reading(reading.value, note, reading.text, reading.percent)
        by_ref[ref].readings[label] = reading
        where[(ref, label)] = (rownum, heading["value"])
    ordered = [periods[k] for k in sorted(periods)]
    if not ordered:
        raise ScorecardError("there are no values", file=name)
    _settle_units(indicators, name, lambda ind, period: where[(ind.ref, period)])
    return Scorecard(ordered, indicators, name)


def read_scorecard(path=None, definitions=None) -> Scorecard:
    """Reads a scorecard file in either layout; no path means the built-in seed scorecard."""
    if path is None:
        if definitions is not None:
            raise ScorecardError("a definitions file goes with a long-layout values file")
        return load_seed()
    if is_long_layout(path):
        if definitions is None:
            raise ScorecardError("a long-layout file (ref,period,value) needs a definitions file "
                                 "(--definitions)", file=str(path))
        return read_long(path, definitions)
    if definitions is not None:
        raise ScorecardError("a definitions file goes with a long-layout values file "
                             "(ref,period,value), and this file is in the wide layout",
                             file=str(path))
    return read_wide(path)


def seed_path() -> Path:
    """The built-in seed scorecard: shipped in the package, else the repository's example copy."""
    here = Path(__file__).resolve().parent
    shipped = here / "data" / "seed_scorecard.csv"
    if shipped.is_file():
        return shipped
    repo = here.parents[2] / "examples" / "data" / "seed_scorecard.csv"
    if repo.is_file():
        return repo
    try:  # a zipped or otherwise packaged install
        from importlib import resources
        res = resources.files(__package__) / "data" / "seed_scorecard.csv"
        if res.is_file():
            return Path(str(res))
    except (ImportError, AttributeError, TypeError):
        pass
    raise ScorecardError("the built-in seed scorecard is missing from the package "
                         "(expected indeval/data/seed_scorecard.csv)")


def load_seed() -> Scorecard:
    card = read_wide(seed_path())
    card.source = "built-in seed scorecard (November 2017)"
    return card


# --------------------------------------------------------------------------------------------
# Rating, through the binding


@dataclass
class Finding:
    """A lint finding: what is wrong with an indicator's data or rules, and where."""

    ref: str
    code: str
    severity: str
    message: str
    where: str = ""


@dataclass
class RatedRow:
    """One indicator rated for a period and the period before it."""

    indicator: Indicator
    period: str
    previous_period: Optional[str]
    value: float
    note: str
    previous_value: float
    previous_note: str
    status: int
    previous_status: int
    direction: int
    published_status: str  # "Red"... "None" when blank, else the label as printed ("Yellow")
    explanation: str
    series: list  # [(period, Reading, status code)] over every period of the scorecard
    findings: list = field(default_factory=list)
    rules_error: str = ""
    spc: Optional["SpcIcons"] = None

    @property
    def ref(self) -> str:
        return self.indicator.ref

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[int(self.status)]

    @property
    def previous_status_name(self) -> str:
        return STATUS_NAMES[int(self.previous_status)]

    @property
    def direction_name(self) -> str:
        return DIRECTION_NAMES[int(self.direction)]


#: The fewest non-missing points for which a scorecard shows the SPC icons: the run of a shift or
#: a trend (7), so that every rule of the library can fire. Fewer than 13 points still shows
#: them, with the library's warning that the limits are trial limits.
SPC_MIN_POINTS = 7


@dataclass
class SpcIcons:
    """The library's SPC reading of an indicator's series (every period up to the one rated, one
    phase): the variation of the rated period's point and the assurance against the target, by
    the indicator's polarity (BIB = increase, SIB = decrease, none = neutral). ``shown`` is false
    when the series is too short for the icons, ``reason`` saying why; ``notes`` are the
    library's warnings (trial limits, missing values)."""

    points: int  # non-missing points in the series
    variation: str = ""  # a name of indeval.spc_names("variation"), "" when not shown
    assurance: str = ""  # a name of indeval.spc_names("assurance"); "" when none or not shown
    improvement: str = "neutral"
    warnings: int = 0
    reason: str = ""
    notes: tuple = ()

    @property
    def shown(self) -> bool:
        return not self.reason


def spc_icons(card: Scorecard, period: str) -> list:
    """An SpcIcons for every indicator of the scorecard, from one call of indeval.spc over the
    periods up to and including `period`."""
    from . import spc_report, xmr
    import numpy as np

    upto = card.periods[:card.index_of(period) + 1]
    inds = card.indicators
    values = np.array([ind.reading(p).value for ind in inds for p in upto], dtype=np.float64)
    if not inds or not upto:
        return [SpcIcons(0, reason="no periods") for _ in inds]
    # The polarity as the library reads an improvement direction (BIB = increase ...).
    names = xmr.spc_names("improvement")
    improvement = [str(names[xmr.spc_code("improvement", ind.polarity or "neutral")])
                   for ind in inds]
    target = [math.nan if ind.target is None else ind.target for ind in inds]
    r = xmr.spc(values, np.repeat(np.arange(len(inds)), len(upto)), improvement=improvement,
                target=target)
    present = np.isfinite(values).reshape(len(inds), len(upto))
    out = []
    for k, imp in enumerate(improvement):
        points = int(np.count_nonzero(present[k]))
        warnings = int(r.warnings[k])
        icons = SpcIcons(points, improvement=imp, warnings=warnings,
                         notes=tuple(spc_report.warning_notes(warnings)))
        if points < SPC_MIN_POINTS:
            icons.reason = (f"{points} point{'s' if points != 1 else ''} up to {period}: SPC "
                            f"needs at least {SPC_MIN_POINTS}")
        elif warnings & xmr.WARNING_UNDEFINED_LIMITS:
            icons.reason = "no control limits (no moving range left after screening)"
        elif not present[k][-1]:
            icons.reason = f"no value for {period}"
        else:
            icons.variation = str(r.names("last_variation")[k])
            icons.assurance = str(r.names("assurance")[k])
        out.append(icons)
    return out


@dataclass
class RatedScorecard:
    card: Scorecard
    period: str
    previous_period: Optional[str]
    rows: list
    findings: list  # every finding, in row order

    def counts(self) -> dict:
        out = {name: 0 for name in STATUS_NAMES}
        for row in self.rows:
            out[row.status_name] += 1
        return out


def published_status(text: str) -> str:
    """The published RAG as a status name; blank is "None"; an unknown label is kept as written."""
    s = text.strip()
    if not s:
        return "None"
    try:
        return str(Status.parse(s))
    except ValueError:
        return s


def _binding():
    """The binding's top-level module (imported late: the native library loads on first use)."""
    from importlib import import_module
    return import_module(__package__ or "indeval")


class _Rated:
    """An indicator of the file as the binding holds it: its rules, target, decimals, polarity
    and unit, and the rule text as written (for lint)."""

    def __init__(self, ind: Indicator):
        ie = _binding()
        self.source = ind
        self.rules_error = ""
        rules = None
        if ind.methodology.strip():
            try:
                rules = ie.RuleSet.parse(ind.methodology)
            except ie.ParseError as e:
                self.rules_error = str(e)
                if str(e.position) not in self.rules_error:
                    self.rules_error += f" (at character {e.position})"
        self.native = ie.Indicator(ind.ref, title=ind.title, section=ind.section,
                                   polarity=ind.polarity or None, unit=ind.unit or None,
                                   decimals=ind.decimals, target=ind.target, rules=rules,
                                   rule_text=ind.methodology)

    def status(self, value: float) -> int:
        return int(self.native.evaluate(value, cohort=self.source.cohort))

    def explain(self, value: float) -> str:
        if self.rules_error:
            return f"None: the RAG methodology cannot be read: {self.rules_error}"
        if self.native.rules is None:
            return "None: not rated (no RAG methodology)"
        return str(self.native.explain(value, cohort=self.source.cohort))

    def direction(self, previous: "Reading", current: "Reading") -> int:
        """The library's direction of travel; none across a change of definition (notes that
        differ by the library's rule)."""
        return int(self.native.direction(previous.value, current.value,
                                         previous_note=previous.note, current_note=current.note))

    def lint(self, card: Scorecard) -> list:
        """The binding's findings for the indicator over every period of the file. The published
        RAG goes with the file's latest period; each value's note goes with it."""
        from ._api import lint_cells
        latest = card.latest()
        cells = [(p, self.source.reading(p).text, self.source.published if p == latest else "")
                 for p in card.periods]
        return [Finding(self.source.ref, f.code, str(f.severity), f.message, f.where)
                for f in lint_cells(self.native, cells, cohort=self.source.cohort)]


def _each(indicators: list, progress) -> Iterable:
    """The indicators, counted done one by one on `progress` (an indeval._progress.Progress)."""
    return indicators if progress is None else progress.iterate(indicators)


def lint_scorecard(card: Scorecard, *, progress=None) -> list:
    """Every lint finding of every indicator, in scorecard order."""
    findings = []
    for ind in _each(card.indicators, progress):
        findings.extend(_Rated(ind).lint(card))
    return findings


def rate_scorecard(card: Scorecard, period: Optional[str] = None, *,
                   progress=None) -> RatedScorecard:
    """Rates every indicator for `period` (default: the latest) and the period before it.

    Statuses, explanations, directions and findings all come from the binding. What is decided
    here is which values to hand it: no direction is asked for across a change of definition
    (two values with different notes, such as "79% (6m+)" then "53%").
    """
    period = card.resolve_period(period)
    previous = card.period_before(period)
    latest = card.latest()
    rows = []
    all_findings = []
    for ind in _each(card.indicators, progress):
        rated = _Rated(ind)
        series = [(p, ind.reading(p), rated.status(ind.reading(p).value)) for p in card.periods]
        cur = ind.reading(period)
        prev = ind.reading(previous)
        explanation = rated.explain(cur.value)
        if cur.missing and cur.note:
            explanation += f" ({cur.note})"
        direction = 0 if previous is None else rated.direction(prev, cur)
        findings = rated.lint(card)
        rows.append(RatedRow(
            indicator=ind, period=period, previous_period=previous, value=cur.value,
            note=cur.note, previous_value=prev.value, previous_note=prev.note,
            status=rated.status(cur.value),
            previous_status=rated.status(prev.value) if previous else 0,
            direction=direction,
            # The file's published RAG is the one printed for its latest period.
            published_status=published_status(ind.published) if period == latest else "None",
            explanation=explanation, series=series, findings=findings,
            rules_error=rated.rules_error))
        all_findings.extend(findings)
    for row, icons in zip(rows, spc_icons(card, period)):
        row.spc = icons
    return RatedScorecard(card, period, previous, rows, all_findings)
