"""Reading and printing through the library (ABI 1.1): scorecard cells, period labels and figures.
Nothing is decided here: each function translates one C call."""

from __future__ import annotations

import ctypes
import math
from ctypes import byref, c_double, c_int32
from typing import NamedTuple, Optional

from . import _native as nat
from ._enums import CellReason, Qualifier, Scale, Unit, coerce, decimals_code, year_kind_code



class Cell(NamedTuple):
    """One scorecard cell as the library reads it."""

    figure: float  # NaN when there is none
    unit: Optional[Unit]  # what the text says ("%": PERCENT, "days": DAYS), else None
    qualifier: Qualifier  # "approx 63.9": APPROXIMATE (the figure is still the figure)
    note: str  # the bracketed note ("6m+"), or the text of a cell with no figure
    reason: CellReason  # why there is no figure; FIGURE when there is one

    @property
    def missing(self) -> bool:
        return math.isnan(self.figure)


def read_cell(text: Optional[str], *, significant_15: bool = False) -> Cell:
    """Reads a cell ("79% (6m+)", "est 90", "n/a", "#DIV/0!", "Data - In progress"). Text that is
    no figure raises ParseError with the character position of the problem."""
    raw = "" if text is None else str(text)
    data = nat.utf8(raw, "text")
    figure, unit, reason, qualifier, needed, position = (c_double(), c_int32(), c_int32(),
                                                        c_int32(), c_int32(), c_int32())
    buf = ctypes.create_string_buffer(len(data) + 1)
    rc = nat.lib().indeval_cell_read(data, 1 if significant_15 else 0, byref(figure), byref(unit),
                                     byref(reason), byref(qualifier), buf, len(buf),
                                     byref(needed), byref(position))
    if rc == nat.E_PARSE:
        function, message = nat.split_message(nat.last_error())
        raise nat.ParseError(message, nat.char_offset(raw, position.value), rc, function)
    nat.check(rc)
    return Cell(figure.value, None if unit.value < 0 else Unit(unit.value),
                Qualifier(qualifier.value), buf.raw[: needed.value].decode("utf-8", "replace"),
                CellReason(reason.value))


class PeriodKey(NamedTuple):
    """Where a period sits: its first month (year * 12 + month - 1) and its length in months."""

    first_month: int
    months: int
    kind: int


def period_key(label: str, year_kind: str = "financial") -> Optional[PeriodKey]:
    """The order of a period label ("Nov-17", "2017-18"), or None when it is no period."""
    kind, first, months = c_int32(), c_int32(), c_int32()
    rc = nat.lib().indeval_period_parse(nat.utf8(label, "label"), year_kind_code(year_kind),
                                        byref(kind), byref(first), byref(months), None)
    if rc == nat.E_PARSE:
        return None
    nat.check(rc)
    return PeriodKey(first.value, months.value, kind.value)


def period_label(label: str, year_kind: str = "financial") -> str:
    """The canonical label ("November 2017" -> "Nov-17")."""
    return nat.text_out("indeval_period_label", nat.utf8(label, "label"), year_kind_code(year_kind))


def period_previous(label: str, year_kind: str = "financial") -> str:
    """The label of the period before ("Nov-17" -> "Oct-17")."""
    return nat.text_out("indeval_period_previous", nat.utf8(label, "label"),
                        year_kind_code(year_kind))


def period_next(label: str, year_kind: str = "financial") -> str:
    """The label of the period after ("Nov-17" -> "Dec-17")."""
    return nat.text_out("indeval_period_next", nat.utf8(label, "label"), year_kind_code(year_kind))


def format_value(value, unit="count", decimals: Optional[int] = None, scale="points") -> str:
    """A figure as printed and as rated: 94.25 at 1 decimal is "94.3", with "%" or " days"."""
    v = math.nan if value is None else float(value)
    return nat.text_out("indeval_value_format", v, int(coerce(Unit, unit, "unit", Unit.COUNT)),
                        decimals_code(decimals), int(coerce(Scale, scale, "scale")))
