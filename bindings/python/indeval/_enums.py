"""The library's codes as IntEnums (values fixed by indeval.h), and the coercions that let
arguments be given as an enum, its int code, or its name as scorecards write it."""

from __future__ import annotations

from enum import IntEnum
from typing import Optional


class _Coded(IntEnum):
    """An IntEnum whose str() is the word a scorecard prints (Red, improved).

    Names come from the library (indeval_name / indeval_code), never from a table here: an enum
    with a table of names in indeval.h sets ``_names`` to its INDEVAL_NAMES_* code. The others
    (scale, orientation, kernel) are named by their members."""

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict:
        kind = cls._names_kind()
        if kind is None:
            return {m.value: m.name.lower().replace("_", " ") for m in cls}
        from . import _native
        return {m.value: _native.code_name(kind, m.value) for m in cls}

    @classmethod
    def _names_kind(cls):
        return None

    def __str__(self) -> str:
        return self.label

    def __format__(self, spec: str) -> str:
        return format(self.label, spec) if not spec or spec[-1:] not in "dxXobn" else \
            format(int(self), spec)

    @classmethod
    def parse(cls, text: str):
        """The member named `text`, as scorecards write it (the library's lenient reading), or by
        its member name, in any case; ValueError otherwise."""
        key = text.strip().lower()
        for m in cls:
            if key == m.name.lower():
                return m
        kind = cls._names_kind()
        if kind is not None:
            from . import _native
            code = _native.name_code(kind, text)
            if code is not None:
                return cls(code)
        else:
            for m in cls:
                if key == m.label.lower():
                    return m
        raise ValueError(f"{text!r} is not a {cls.__name__} "
                         f"({', '.join(m.label or m.name for m in cls)})")


class Status(_Coded):
    """A rating. RED < AMBER < GREEN < BLUE; NONE is "not rated"."""

    NONE = 0
    RED = 1
    AMBER = 2
    GREEN = 3
    BLUE = 4

    @classmethod
    def _names_kind(cls):
        return 0  # INDEVAL_NAMES_STATUS



class Reason(_Coded):
    """Why a value got its status."""

    RATED = 0
    NO_DATA = 1
    NOT_RATED = 2
    NEEDS_TARGET = 3
    NEEDS_COHORT = 4
    NOT_FINITE = 5
    NEEDS_COMPARATOR = 6

    @classmethod
    def _names_kind(cls):
        return 3  # INDEVAL_NAMES_REASON


class Direction(_Coded):
    """Direction of travel: IMPROVED/DECLINED when which way is good is known, UP/DOWN when not."""

    NONE = 0
    IMPROVED = 1
    DECLINED = 2
    SAME = 3
    UP = 4
    DOWN = 5

    @classmethod
    def _names_kind(cls):
        return 4  # INDEVAL_NAMES_DIRECTION



class Polarity(_Coded):
    """Which way is good: BIB (bigger is better), SIB (smaller is better), or NEUTRAL."""

    NEUTRAL = 0
    BIB = 1
    SIB = 2

    @classmethod
    def _names_kind(cls):
        return 1  # INDEVAL_NAMES_POLARITY




class Unit(_Coded):
    """What an indicator's numbers are (percent values are percentage points)."""

    COUNT = 0
    PERCENT = 1
    DAYS = 2
    AVERAGE = 3
    RATE = 4

    @classmethod
    def _names_kind(cls):
        return 2  # INDEVAL_NAMES_UNIT



class Scale(_Coded):
    """How percentage values arrive: POINTS (63.9) or FRACTION (0.639)."""

    POINTS = 0
    FRACTION = 1


class Orientation(_Coded):
    """Which way a rule set's bands run."""

    NONE = 0
    RISING = 1
    FALLING = 2


class Severity(_Coded):
    """How much a lint finding matters."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def _names_kind(cls):
        return 6  # INDEVAL_NAMES_SEVERITY


class Kernel(_Coded):
    """The bulk evaluator's instruction set; AUTOMATIC picks the best this CPU has."""

    AUTOMATIC = 0
    SCALAR = 1
    AVX2 = 2
    AVX512 = 3


class CellReason(_Coded):
    """Why a scorecard cell has no figure (FIGURE when it has one)."""

    FIGURE = 0
    BLANK = 1
    NOT_AVAILABLE = 2
    SPREADSHEET_ERROR = 3
    NO_FIGURE_TEXT = 4
    SUPPRESSED = 5
    MALFORMED = 6

    @classmethod
    def _names_kind(cls):
        return 7  # INDEVAL_NAMES_CELL


class Qualifier(_Coded):
    """How a figure is qualified ("approx 63.9", "est 90", "<5")."""

    NONE = 0
    APPROXIMATE = 1
    ESTIMATE = 2
    PROVISIONAL = 3
    ROUNDED = 4
    SUPPRESSED = 5

    @classmethod
    def _names_kind(cls):
        return 8  # INDEVAL_NAMES_QUALIFIER


class YearKind(_Coded):
    """What a bare year such as "2023" names: a calendar, financial (Apr-Mar) or academic year."""

    CALENDAR = 0
    FINANCIAL = 1
    ACADEMIC = 2

    @classmethod
    def _names_kind(cls):
        return 10  # INDEVAL_NAMES_YEAR_KIND


class Comparator(_Coded):
    """A published figure rules can be measured against: "at or above the England average"."""

    ENGLAND = 0
    REGION = 1
    NEIGHBOURS = 2
    PREVIOUS = 3
    PREVIOUS_YEAR = 4

    @classmethod
    def _names_kind(cls):
        return 11  # INDEVAL_NAMES_COMPARATOR


#: The keyword arguments that give comparators, in code order.
COMPARATOR_KEYWORDS = ("england", "region", "neighbours", "previous", "previous_year")

#: Each enum and the prefix of its codes in indeval.h (a test checks they agree, member for member).
HEADER_PREFIXES = {
    Status: "INDEVAL_STATUS_", Reason: "INDEVAL_REASON_", Direction: "INDEVAL_DIRECTION_",
    Polarity: "INDEVAL_POLARITY_", Unit: "INDEVAL_UNIT_", Scale: "INDEVAL_SCALE_",
    Orientation: "INDEVAL_ORIENTATION_", Severity: "INDEVAL_SEVERITY_", Kernel: "INDEVAL_KERNEL_",
    CellReason: "INDEVAL_CELL_", Qualifier: "INDEVAL_QUALIFIER_", YearKind: "INDEVAL_YEAR_",
    Comparator: "INDEVAL_COMPARATOR_",
}


def year_kind_code(value) -> int:
    """A year kind argument ("financial", a YearKind or its code) as its INDEVAL_YEAR_* code."""
    return int(coerce(YearKind, value, "year_kind"))


def coerce(cls, value, what: str, default=None):
    """`value` as a member of `cls`: a member, its int code, or its name; None gives `default`."""
    if value is None:
        if default is None:
            raise TypeError(f"{what} is required")
        return default
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        return cls.parse(value)
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a {cls.__name__}, its code or its name, not a bool")
    try:
        code = int(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be a {cls.__name__}, its code or its name, "
                        f"not {type(value).__name__}") from None
    if code != value:
        raise TypeError(f"{what} must be a whole code, not {value!r}")
    try:
        return cls(code)
    except ValueError:
        raise ValueError(f"{what}: {code} is not a {cls.__name__} code "
                         f"({', '.join(f'{m.value} {m.name}' for m in cls)})") from None


def decimals_code(decimals: Optional[int]) -> int:
    """decimals as the C argument: 0..15, or -1 for None (no rounding)."""
    if decimals is None:
        return -1
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        try:
            import numpy as np
            if isinstance(decimals, np.integer):
                decimals = int(decimals)
            else:
                raise TypeError
        except TypeError:
            raise TypeError(f"decimals must be an int 0..15 or None, not {decimals!r}") from None
    if not 0 <= decimals <= 15:
        raise ValueError(f"decimals must be 0..15 or None, not {decimals}")
    return decimals
