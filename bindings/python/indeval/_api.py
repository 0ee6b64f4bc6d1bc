"""The Python face of the library: rule sets, indicators, bulk evaluation, direction of travel and
lint. Every rating is the library's; this module converts arguments and results."""

from __future__ import annotations

import ctypes
import math
from collections.abc import Mapping
from ctypes import byref, c_double, c_int32, c_void_p
from typing import Iterable, NamedTuple, Optional, Sequence, Union

import numpy as np

from . import _arrays as arr
from . import _native as nat
from ._enums import (COMPARATOR_KEYWORDS, Comparator, Direction, Kernel, Orientation, Polarity,
                     Reason, Scale, Severity, Status, Unit, coerce, decimals_code)

NAN = float("nan")

#: The most rows one C call takes (its count is an int32_t); longer arrays go in several calls.
MAX_ROWS_PER_CALL = arr.INT32_MAX


def _figure(x, what: str) -> float:
    """A target or cohort: a number, or None for none."""
    return arr.scalar(x, what)


# ---- rule sets ----------------------------------------------------------------------------------

def _comparators(figures: dict):
    """The comparator keyword arguments (england=..., previous_year=...) of one value as the C
    array and its length; None for each one not given."""
    out = (c_double * len(COMPARATOR_KEYWORDS))()
    for i, key in enumerate(COMPARATOR_KEYWORDS):
        out[i] = _figure(figures.get(key), key)
    return out, len(COMPARATOR_KEYWORDS)


class Evaluation(NamedTuple):
    """Everything one rating knows."""

    status: Status
    reason: Reason
    band: int  # index of the band, best first; -1 when None
    value: float  # the value as compared: in points, rounded to the decimals
    target: float  # the target as compared, in points (NaN when none)
    distance: float  # to the target, positive = better (NaN when unknown)


class RuleSet:
    """A RAG methodology read by the library: ordered bands, best to worst.

    ``RuleSet.parse("95% or above Green 85%-94% Amber 84% and below Red")``; ``str(rule_set)`` is
    its canonical text, which parses back to an equal rule set. Immutable, hashable, picklable.
    """

    __slots__ = ("_handle", "_text", "__weakref__")

    def __init__(self, *_args, **_kwargs):
        raise TypeError("use RuleSet.parse(text) to make a rule set")

    @classmethod
    def parse(cls, text: str, polarity=None) -> "RuleSet":
        """Reads methodology text. Raises ParseError (.position: the character offset of the
        problem; .byte_offset: its offset in the UTF-8 text).

        Rules may be measured against comparators ("at or above the England average", "within 5%
        of statistical neighbours", "improved on the previous period"). polarity ("BIB"/"SIB"/a
        Polarity) says which way is better for text that says "better than", "or better",
        "improved on"; without it such text needs "higher is better" / "lower is better" or
        other bounds that show the way, or it is refused."""
        data = nat.utf8(text, "rule text")
        out = c_void_p()
        position = c_int32(-1)
        if polarity is None:
            rc = nat.lib().indeval_rules_parse(data, byref(out), byref(position))
        else:
            pol = int(coerce(Polarity, polarity, "polarity"))
            rc = nat.lib().indeval_rules_parse_for(data, pol, byref(out), byref(position))
        if rc == nat.E_PARSE:
            function, message = nat.split_message(nat.last_error())
            err = nat.ParseError(message, nat.char_offset(text, max(position.value, 0)),
                                 nat.E_PARSE, function)
            err.byte_offset = err.byte_position = position.value
            raise err
        nat.check(rc)
        return cls._wrap(nat.Handle(out, "indeval_rules_free"))

    @classmethod
    def _wrap(cls, handle: nat.Handle) -> "RuleSet":
        self = object.__new__(cls)
        self._handle = handle
        self._text = None
        return self

    @property
    def _ptr(self) -> c_void_p:
        return self._handle.ptr

    def __str__(self) -> str:
        if self._text is None:
            self._text = nat.text_out("indeval_rules_print", self._ptr)
        return self._text

    def __repr__(self) -> str:
        return f"RuleSet.parse({str(self)!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, RuleSet) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __reduce__(self):
        return (RuleSet.parse, (str(self),))

    def _info(self) -> tuple:
        bands, orient, target, cohort = c_int32(), c_int32(), c_int32(), c_int32()
        nat.call("indeval_rules_info", self._ptr, byref(bands), byref(orient), byref(target),
                 byref(cohort))
        return bands.value, Orientation(orient.value), bool(target.value), bool(cohort.value)

    def __len__(self) -> int:
        """The number of bands."""
        return self._info()[0]

    @property
    def orientation(self) -> Orientation:
        return self._info()[1]

    @property
    def needs_target(self) -> bool:
        """Whether rating needs a target (the rules are relative to one)."""
        return self._info()[2]

    @property
    def needs_cohort(self) -> bool:
        """Whether rating needs a cohort size (the rules are a percentage of one)."""
        return self._info()[3]

    @property
    def comparators(self) -> tuple:
        """The comparators the rules are measured against (Comparator members, in code order)."""
        mask = c_int32()
        nat.call("indeval_rules_comparators", self._ptr, byref(mask))
        return tuple(c for c in Comparator if mask.value >> int(c) & 1)

    def evaluate(self, values, *, target=None, cohort=None, decimals: Optional[int] = None,
                 scale: Union[Scale, str, int] = "points", polarity=None, england=None,
                 region=None, neighbours=None, previous=None, previous_year=None):
        """Rates values. A single number (or None = missing) gives a Status; an array-like gives
        a numpy int8 array of status codes of the same shape (compare with Status members).

        target, cohort and the comparators (england, region, neighbours: the statistical
        neighbours' mean, previous: the period before, previous_year: the same period a year
        before): a number, None, or (for array values) an array of the values' shape. A rule
        measured against one that is missing rates None (Reason.NEEDS_COMPARATOR). The previous
        period's and last year's figures are compared as rated (rounded to decimals).
        decimals: round values to this many places before rating (None: no rounding).
        scale: "points" (63.9 means 63.9%) or "fraction" (0.639). polarity only signs distances."""
        dec = decimals_code(decimals)
        sc = coerce(Scale, scale, "scale")
        pol = coerce(Polarity, polarity, "polarity", Polarity.NEUTRAL)
        figures = dict(england=england, region=region, neighbours=neighbours, previous=previous,
                       previous_year=previous_year)
        if all(arr.is_scalar(x) for x in (values, target, cohort, *figures.values())):
            status = c_int32()
            comps, count = _comparators(figures)
            nat.call("indeval_rules_evaluate_against", self._ptr, arr.scalar(values, "value"),
                     _figure(target, "target"), _figure(cohort, "cohort"), dec, int(sc), int(pol),
                     comps, count, byref(status), None)
            return Status(status.value)
        cat = Catalogue()
        cat.add(self, decimals=decimals, scale=sc, polarity=pol,
                target=target if arr.is_scalar(target) else None)
        del figures["previous"]  # the previous column serves as the previous period's figures
        return cat._run(values, None, previous, None if arr.is_scalar(target) else target, cohort,
                        threads=1, kernel=Kernel.AUTOMATIC, want_reason=False,
                        want_direction=False, comparators=figures).status

    def evaluation(self, value, *, target=None, cohort=None, decimals: Optional[int] = None,
                   scale: Union[Scale, str, int] = "points", polarity=None) -> Evaluation:
        """Rates one value and returns everything the rating knows (see Evaluation). polarity
        only signs the distance to the target."""
        outs = [c_int32(), c_int32(), c_int32(), c_double(), c_double(), c_double()]
        nat.call("indeval_rules_evaluate_detail", self._ptr, arr.scalar(value, "value"),
                 _figure(target, "target"), _figure(cohort, "cohort"), decimals_code(decimals),
                 int(coerce(Scale, scale, "scale")),
                 int(coerce(Polarity, polarity, "polarity", Polarity.NEUTRAL)),
                 *(byref(o) for o in outs))
        return Evaluation(Status(outs[0].value), Reason(outs[1].value), outs[2].value,
                          outs[3].value, outs[4].value, outs[5].value)

    def explain(self, value, *, target=None, cohort=None, decimals: Optional[int] = None,
                scale: Union[Scale, str, int] = "points",
                unit: Union[Unit, str, int, None] = None, **comparators) -> str:
        """One line for a person: "Red: 63.9% is below the Amber threshold of 85%". Comparators
        as for evaluate (england=..., previous_year=...)."""
        return explain(self, value, target=target, cohort=cohort, decimals=decimals, scale=scale,
                       unit=unit, **comparators)


def _rules_ptr(rule_set: Optional[RuleSet], what: str = "rule_set"):
    if rule_set is None:
        return None
    if not isinstance(rule_set, RuleSet):
        raise TypeError(f"{what} must be a RuleSet or None, not {type(rule_set).__name__}")
    return rule_set._ptr


def explain(rule_set: Optional[RuleSet], value, *, target=None, cohort=None,
            decimals: Optional[int] = None, scale="points", unit=None, **comparators) -> str:
    """As RuleSet.explain, for a rule set that may be None (then: "None: not rated ...")."""
    unknown = sorted(set(comparators) - set(COMPARATOR_KEYWORDS))
    if unknown:
        raise TypeError(f"unknown comparator {unknown[0]!r}: one of {', '.join(COMPARATOR_KEYWORDS)}")
    comps, count = _comparators(comparators)
    return nat.text_out("indeval_rules_explain_against", _rules_ptr(rule_set),
                        arr.scalar(value, "value"), _figure(target, "target"),
                        _figure(cohort, "cohort"), decimals_code(decimals),
                        int(coerce(Scale, scale, "scale")),
                        int(coerce(Unit, unit, "unit", Unit.COUNT)), comps, count)


def direction(previous, current, *, polarity=None, rule_set: Optional[RuleSet] = None,
              decimals: Optional[int] = None, scale="points"):
    """Direction of travel from `previous` to `current`.

    IMPROVED/DECLINED when which way is good is known (the polarity: "BIB"/"SIB"/Polarity, else
    the rule set's orientation), UP/DOWN when it is not, SAME when equal once rounded to
    `decimals`, NONE when either is missing or infinite. Two numbers give a Direction; arrays give
    a numpy int8 array of direction codes."""
    pol = coerce(Polarity, polarity, "polarity", Polarity.NEUTRAL)
    dec = decimals_code(decimals)
    sc = coerce(Scale, scale, "scale")
    if arr.is_scalar(previous) and arr.is_scalar(current):
        out = c_int32()
        nat.call("indeval_direction", arr.scalar(previous, "previous"),
                 arr.scalar(current, "current"), int(pol), _rules_ptr(rule_set), dec, int(sc),
                 byref(out))
        return Direction(out.value)
    cat = Catalogue()
    cat.add(rule_set, decimals=decimals, scale=sc, polarity=pol)
    if previous is None:
        previous = NAN
    return cat._run(current, None, previous, None, None, threads=1, kernel=Kernel.AUTOMATIC,
                    want_reason=False, want_direction=True).direction


# ---- bulk ---------------------------------------------------------------------------------------

class BulkResult(NamedTuple):
    """Results of a bulk evaluation: numpy int8 arrays of codes, each of the values' shape.
    ``direction`` is None when no previous values were given."""

    status: np.ndarray
    reason: np.ndarray
    direction: Optional[np.ndarray]


class Catalogue:
    """Numbered rating entries for bulk evaluation: each a rule set (or None: not rated) with
    its decimals, scale, polarity and default target. Rows name their entry by number."""

    __slots__ = ("_handle", "_size", "__weakref__")

    def __init__(self, entries: Iterable = ()):
        self._handle = nat.new_handle("indeval_catalogue_create", "indeval_catalogue_free")
        self._size = 0
        for e in entries:
            self.add(e)

    def __len__(self) -> int:
        return self._size

    def add(self, rules=None, *, decimals: Optional[int] = None, scale="points", polarity=None,
            target=None) -> int:
        """Appends an entry and returns its number. `rules` is a RuleSet, None (not rated), or an
        Indicator (which brings its own decimals, polarity and target; only `scale` applies)."""
        index = c_int32()
        sc = int(coerce(Scale, scale, "scale"))
        if isinstance(rules, Indicator):
            if decimals is not None or polarity is not None or target is not None:
                raise TypeError("an Indicator brings its own decimals, polarity and target")
            nat.call("indeval_catalogue_add_indicator", self._handle.ptr, rules._ptr, sc,
                     byref(index))
        else:
            nat.call("indeval_catalogue_add", self._handle.ptr, _rules_ptr(rules, "rules"),
                     decimals_code(decimals), sc,
                     int(coerce(Polarity, polarity, "polarity", Polarity.NEUTRAL)),
                     _figure(target, "target"), byref(index))
        self._size += 1
        return index.value

    def evaluate(self, values, index=None, *, previous=None, target=None, cohort=None,
                 segments=None, threads: int = 1, kernel="automatic",
                 reason: bool = True, england=None, region=None, neighbours=None,
                 previous_year=None, out=None) -> BulkResult:
        """Rates every value with its row's entry (index None: entry 0 for every row).

        index: each row's entry number, any integer dtype (int8, uint8, int16 and int32 are read
        in place). segments: instead of an index, rows grouped by entry as runs, a tuple of three
        integer sequences (first row, count, entry) that together cover every row once.
        previous: values of the period before, for the direction of travel; target: per-row
        targets in place of the entries' own (NaN = none); cohort: per-row cohort sizes. Each may
        be a scalar or an array of the values' shape. threads: 1 (this thread), n, or 0 (one per
        hardware thread). kernel: "automatic" (the best this CPU has), "scalar", "avx2",
        "avx512". reason=False leaves the reasons out (BulkResult.reason is then None).
        england, region, neighbours, previous_year: per-row comparators (scalar or array) for
        rules measured against them; `previous` is also the previous period's figure.
        out: arrays to write the results into instead of new ones (repeated calls then reuse
        their memory): a BulkResult or a tuple (status, reason, direction), each a writable,
        C-contiguous int8 array of the values' shape, or None for a new one."""
        figures = dict(england=england, region=region, neighbours=neighbours,
                       previous_year=previous_year)
        return self._run(values, index, previous, target, cohort, segments=segments,
                         threads=threads, kernel=coerce(Kernel, kernel, "kernel"),
                         want_reason=bool(reason), want_direction=previous is not None,
                         comparators=figures, out=out)

    def _run(self, values, index, previous, target, cohort, *, threads, kernel: Kernel,
             want_reason: bool, want_direction: bool, segments=None,
             comparators: Optional[dict] = None, out=None) -> BulkResult:
        if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)):
            raise TypeError(f"threads must be an int, not {type(threads).__name__}")
        if not 0 <= threads <= arr.INT32_MAX:
            raise ValueError(f"threads must be 0 (one per hardware thread) to {arr.INT32_MAX}, "
                             f"not {threads}")
        v = arr.floats(values, "values")
        shape = v.shape
        v = v.reshape(-1)
        n = v.size

        def optional(x, what, convert):
            if x is None:
                return None
            return arr.like(convert(x, what), shape, what).reshape(-1)

        prev = optional(previous, "previous", arr.floats)
        idx = optional(index, "index", arr.indexes)
        tgt = optional(target, "target", arr.floats)
        coh = optional(cohort, "cohort", arr.floats)
        runs = _segments(segments)
        given = _outputs(out, shape, want_reason, want_direction)
        status, reason, direc = (
            g.reshape(-1) if g is not None else np.empty(n, dtype=np.int8) if wanted else None
            for g, wanted in zip(given, (True, want_reason, want_direction)))

        request = nat.new_handle("indeval_request_create", "indeval_request_free", nat.JOB_RATE)
        call = nat.lib()
        rq = request.ptr
        nat.check(call.indeval_request_set_catalogue(rq, self._handle.ptr))
        nat.check(call.indeval_request_set_int(rq, nat.OPTION_THREADS, int(threads)))
        nat.check(call.indeval_request_set_int(rq, nat.OPTION_KERNEL, int(kernel)))
        inputs = [(nat.ARRAY_VALUE, v), (nat.ARRAY_PREVIOUS, prev), (nat.ARRAY_INDEX, idx),
                  (nat.ARRAY_TARGET, tgt), (nat.ARRAY_COHORT, coh)]
        # comparators: keyword -> figures; the previous period's are `previous` unless given.
        for i, key in enumerate(COMPARATOR_KEYWORDS):
            inputs.append((nat.ARRAY_ENGLAND + i,
                           optional((comparators or {}).get(key), key, arr.floats)))
        outputs = [(nat.OUTPUT_STATUS, status), (nat.OUTPUT_REASON, reason),
                   (nat.OUTPUT_DIRECTION, direc)]
        for (_, o), name in zip(outputs, _OUTPUT_NAMES):
            for (_, a), what in zip(inputs, _INPUT_NAMES):
                if o is not None and a is not None and np.may_share_memory(o, a):
                    raise ValueError(f"out: the {name} array shares memory with {what}")
        # The ABI counts rows in int32: longer inputs go in slices.
        start = 0
        while True:
            count = min(MAX_ROWS_PER_CALL, n - start)
            for key, a in inputs:
                if a is not None:
                    nat.check(call.indeval_request_set_array(
                        rq, key, _ELEMENT_TYPES[a.dtype], arr.address(a) + start * a.itemsize,
                        count))
            for key, a in outputs:
                if a is not None:
                    nat.check(call.indeval_request_set_output(
                        rq, key, nat.TYPE_INT8, arr.address(a) + start, count))
            if runs is not None:
                first, cnt, ent = _slice_runs(runs, start, count)
                nat.check(call.indeval_request_set_segments(
                    rq, arr.address(first), arr.address(cnt), arr.address(ent), len(first)))
            nat.check(call.indeval_request_run(rq, None))
            start += count
            if start >= n:
                break
        del request  # frees the request
        return BulkResult(*(g if g is not None else a.reshape(shape) if a is not None else None
                            for g, a in zip(given, (status, reason, direc))))


_OUTPUT_NAMES = ("status", "reason", "direction")
_INPUT_NAMES = ("values", "previous", "index", "target", "cohort") + COMPARATOR_KEYWORDS


def _outputs(out, shape, want_reason: bool, want_direction: bool):
    """The caller's output arrays (status, reason, direction), each None or checked: a writable,
    C-contiguous int8 ndarray of `shape`, distinct from the others."""
    if out is None:
        return (None, None, None)
    if not isinstance(out, tuple) or len(out) != 3:
        raise TypeError("out must be a BulkResult or a tuple (status, reason, direction)")
    for a, name, wanted in zip(out, _OUTPUT_NAMES, (True, want_reason, want_direction)):
        if a is None:
            continue
        if not wanted:
            raise ValueError(f"out: a {name} array was given, but no {name} is computed"
                             + (" (reason=False)" if name == "reason" else
                                " (no previous values)"))
        if not isinstance(a, np.ndarray):
            raise TypeError(f"out: the {name} array must be a numpy array, not "
                            f"{type(a).__name__}")
        if a.dtype != np.int8:
            raise TypeError(f"out: the {name} array must be int8, not {a.dtype}")
        if a.shape != shape:
            raise ValueError(f"out: the {name} array has shape {a.shape}; the values have "
                             f"{shape}")
        if not a.flags.c_contiguous or not a.flags.writeable:
            raise ValueError(f"out: the {name} array must be C-contiguous and writable")
    given = [a for a in out if a is not None]
    if any(np.may_share_memory(a, b) for i, a in enumerate(given) for b in given[i + 1:]):
        raise ValueError("out: the status, reason and direction arrays must not overlap")
    return out


_ELEMENT_TYPES = {np.dtype(np.float64): nat.TYPE_DOUBLE, np.dtype(np.int32): nat.TYPE_INT32,
                  np.dtype(np.int16): nat.TYPE_INT16, np.dtype(np.int8): nat.TYPE_INT8,
                  np.dtype(np.uint8): nat.TYPE_UINT8}


def _segments(segments):
    """(first, count, entry) as three int64 arrays, or None."""
    if segments is None:
        return None
    try:
        first, count, entry = segments
    except (TypeError, ValueError):
        raise TypeError("segments must be a tuple (first, count, entry) of integer sequences") \
            from None
    parts = [np.asarray(arr.indexes(p, what), dtype=np.int64).reshape(-1)
             for p, what in ((first, "segments' first rows"), (count, "segments' counts"),
                             (entry, "segments' entries"))]
    if not parts[0].size == parts[1].size == parts[2].size:
        raise ValueError(f"segments: first, count and entry differ in length "
                         f"({parts[0].size}, {parts[1].size}, {parts[2].size})")
    return parts


def _slice_runs(runs, start, count):
    """The runs clipped to rows [start, start + count), renumbered from 0, as int32 arrays (the
    library checks them)."""
    first, cnt, entry = runs
    if start == 0 and count >= int((first + cnt).max(initial=0)):
        return tuple(np.ascontiguousarray(a, dtype=np.int32) for a in runs)
    lo = np.maximum(first, start)
    hi = np.minimum(first + cnt, start + count)
    keep = hi > lo
    return (np.ascontiguousarray(lo[keep] - start, dtype=np.int32),
            np.ascontiguousarray(hi[keep] - lo[keep], dtype=np.int32),
            np.ascontiguousarray(entry[keep], dtype=np.int32))


def evaluate_bulk(rule_sets, index, values, *, previous=None, target=None, cohort=None,
                  segments=None, threads: int = 1, kernel="automatic",
                  reason: bool = True, out=None, **comparators) -> BulkResult:
    """Rates many values at once: row i is values[i] rated by rule_sets[index[i]].

    rule_sets: a Catalogue, or a sequence whose elements are a RuleSet, an Indicator, or None
    (not rated). index: integer array of the values' shape (None: every row uses entry 0).
    Returns a BulkResult of int8 arrays (status, reason, direction; direction is None without
    `previous`; reason is None with reason=False). See Catalogue.evaluate for the rest."""
    cat = rule_sets if isinstance(rule_sets, Catalogue) else Catalogue(rule_sets)
    return cat.evaluate(values, index, previous=previous, target=target, cohort=cohort,
                        segments=segments, threads=threads, kernel=kernel, reason=reason,
                        out=out, **comparators)


# ---- indicators and lint ------------------------------------------------------------------------

class Observation(NamedTuple):
    """One value of an indicator's series, as the scorecard shows it."""

    period: str  # the label as written: "Nov-17"
    value: float  # NaN (or None) when blank
    note: str = ""  # "6m+", "NA" ...
    published: str = ""  # the published status as written: "Amber", "Yellow", ""


class Finding(NamedTuple):
    """A lint finding."""

    code: str  # a stable identifier of the kind of finding
    severity: Severity
    message: str  # a sentence for a person
    where: str  # what it is about: a period label, "rules", "target" ...


class Indicator:
    """A scorecard indicator: how its values are rated. Immutable; ``replace(**changes)`` makes
    a changed copy.

    rules: a RuleSet, rule text (parsed here; ParseError if unreadable), or None (not rated).
    rule_text: the methodology as written, for lint (defaults to `rules` when that is text).
    polarity: "BIB", "SIB", "" / None (neutral) or a Polarity; unit: "count", "percent", "days",
    "average", "rate" or a Unit; decimals: 0..15 or None; target: a number or None."""

    __slots__ = ("_fields", "_handle", "__weakref__")

    def __init__(self, ref: str = "", *, title: str = "", section: str = "", polarity=None,
                 unit=None, decimals: Optional[int] = None, target=None, rules=None,
                 rule_text: Optional[str] = None):
        if isinstance(rules, str):
            if rule_text is None:
                rule_text = rules
            rules = RuleSet.parse(rules, polarity)  # "better than" reads with the polarity
        elif rules is not None and not isinstance(rules, RuleSet):
            raise TypeError(f"rules must be a RuleSet, rule text or None, not "
                            f"{type(rules).__name__}")
        fields = dict(ref=ref, title=title, section=section,
                      polarity=coerce(Polarity, polarity, "polarity", Polarity.NEUTRAL),
                      unit=coerce(Unit, unit, "unit", Unit.COUNT), decimals=decimals,
                      target=None if target is None or (isinstance(target, float) and
                                                        math.isnan(target)) else target,
                      rules=rules, rule_text=rule_text or "")
        h = nat.new_handle("indeval_indicator_create", "indeval_indicator_free")
        for field, name in ((nat.FIELD_REF, "ref"), (nat.FIELD_TITLE, "title"),
                            (nat.FIELD_SECTION, "section"), (nat.FIELD_RULE_TEXT, "rule_text")):
            nat.call("indeval_indicator_set_text", h.ptr, field, nat.utf8(fields[name], name))
        nat.call("indeval_indicator_set", h.ptr, int(fields["polarity"]), int(fields["unit"]),
                 decimals_code(decimals), _figure(fields["target"], "target"))
        nat.call("indeval_indicator_set_rules", h.ptr, _rules_ptr(rules, "rules"))
        self._fields = fields
        self._handle = h

    @property
    def _ptr(self) -> c_void_p:
        return self._handle.ptr

    ref = property(lambda self: self._fields["ref"])
    title = property(lambda self: self._fields["title"])
    section = property(lambda self: self._fields["section"])
    polarity = property(lambda self: self._fields["polarity"])
    unit = property(lambda self: self._fields["unit"])
    decimals = property(lambda self: self._fields["decimals"])
    target = property(lambda self: self._fields["target"])
    rules = property(lambda self: self._fields["rules"])
    rule_text = property(lambda self: self._fields["rule_text"])

    def replace(self, **changes) -> "Indicator":
        fields = dict(self._fields)
        fields.update(changes)
        ref = fields.pop("ref")
        return Indicator(ref, **fields)

    def __repr__(self) -> str:
        parts = [repr(self.ref)]
        for name in ("title", "section", "polarity", "unit", "decimals", "target", "rules"):
            value = self._fields[name]
            if value not in (None, "", Polarity.NEUTRAL) and not (name == "unit" and
                                                                  value == Unit.COUNT):
                parts.append(f"{name}={value!r}" if name != "rules" else f"rules={str(value)!r}")
        return f"Indicator({', '.join(parts)})"

    def evaluate(self, values, *, cohort=None, scale="points"):
        """Rates values with the indicator's own rules, target, decimals and polarity: a Status
        for one number, a numpy int8 array of status codes for an array-like."""
        sc = coerce(Scale, scale, "scale")
        if arr.is_scalar(values) and arr.is_scalar(cohort):
            status = c_int32()
            nat.call("indeval_indicator_evaluate", self._ptr, arr.scalar(values, "value"),
                     _figure(cohort, "cohort"), int(sc), byref(status), None)
            return Status(status.value)
        cat = Catalogue()
        cat.add(self, scale=sc)
        return cat._run(values, None, None, None, cohort, threads=1, kernel=Kernel.AUTOMATIC,
                        want_reason=False, want_direction=False).status

    def explain(self, value, *, cohort=None, scale="points") -> str:
        """One line for a person, in the indicator's unit."""
        return nat.text_out("indeval_indicator_explain", self._ptr, arr.scalar(value, "value"),
                            _figure(cohort, "cohort"), int(coerce(Scale, scale, "scale")))

    def direction(self, previous, current, *, scale="points", previous_note: Optional[str] = None,
                  current_note: Optional[str] = None):
        """Direction of travel with the indicator's polarity (else its rules' orientation) and
        decimals: a Direction for two numbers, an int8 array for arrays.

        previous_note, current_note: the values' qualifier notes ("6m+" of "79% (6m+)"), for two
        numbers. When given and different, the definition changed between the two values and
        there is no direction (Direction.NONE)."""
        sc = coerce(Scale, scale, "scale")
        if previous_note is not None or current_note is not None:
            if not (arr.is_scalar(previous) and arr.is_scalar(current)):
                raise TypeError("notes go with two single values, not arrays")
            ser = _series([Observation("previous", previous, previous_note or ""),
                           Observation("current", current, current_note or "")])
            out = c_int32()
            nat.call("indeval_series_direction", self._ptr, ser.ptr, 0, 1, int(sc), byref(out))
            return Direction(out.value)
        if arr.is_scalar(previous) and arr.is_scalar(current):
            out = c_int32()
            nat.call("indeval_indicator_direction", self._ptr, arr.scalar(previous, "previous"),
                     arr.scalar(current, "current"), int(sc), byref(out))
            return Direction(out.value)
        cat = Catalogue()
        cat.add(self, scale=sc)
        return cat._run(current, None, previous, None, None, threads=1, kernel=Kernel.AUTOMATIC,
                        want_reason=False, want_direction=True).direction

    def lint(self, series=(), *, cohort=None) -> list:
        """Findings about the indicator and its series (see indeval.lint)."""
        return lint(self, series, cohort=cohort)


def _observations(series) -> list:
    if isinstance(series, Mapping):
        return [Observation(str(p), v) for p, v in series.items()]
    out = []
    for item in series:
        if isinstance(item, Observation):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(Observation(**item))
        else:
            out.append(Observation(*item))
    return out


def _series(rows: Sequence[Observation]) -> nat.Handle:
    """A library series holding `rows`."""
    ser = nat.new_handle("indeval_series_create", "indeval_series_free")
    n = len(rows)
    if n:
        periods = (ctypes.c_char_p * n)(*(nat.utf8(str(o.period), "period") for o in rows))
        values = arr.floats([arr.scalar(o.value, "value") for o in rows], "values")
        notes = (ctypes.c_char_p * n)(*(nat.utf8(o.note or "", "note") for o in rows))
        published = (ctypes.c_char_p * n)(*(nat.utf8(o.published or "", "published")
                                            for o in rows))
        nat.call("indeval_series_add_many", ser.ptr, n, ctypes.addressof(periods),
                 arr.address(values), ctypes.addressof(notes), ctypes.addressof(published))
    return ser


def lint(indicator: Indicator, series=(), *, cohort=None) -> list:
    """What a performance team should know about an indicator and its values: rules that
    contradict the polarity, gaps and overlaps between bands, a target its own rules rate worse
    than Green, published statuses that disagree with the rules or are not statuses at all, zeros
    that look like missing figures, definition changes, and so on.

    series: the values earliest first, as Observations, tuples (period, value[, note[,
    published]]), dicts with those keys, or a mapping period -> value. cohort: the cohort size
    for rules written as a percentage of one. Returns a list of Finding, in the library's order;
    Finding.code is a stable identifier ("band-gap", "published-mismatch" ...)."""
    if not isinstance(indicator, Indicator):
        raise TypeError(f"lint needs an Indicator, not {type(indicator).__name__}")
    return _findings(indicator, _series(_observations(series)), cohort)


def lint_cells(indicator: Indicator, cells, *, cohort=None) -> list:
    """As lint, for a series given as the cells were written: (period, text[, published]) rows,
    earliest first. The library reads each cell (figure, note, qualifier: "est 90" is reported);
    a cell that is no figure raises ParseError."""
    if not isinstance(indicator, Indicator):
        raise TypeError(f"lint needs an Indicator, not {type(indicator).__name__}")
    ser = nat.new_handle("indeval_series_create", "indeval_series_free")
    for row in cells:
        period, text = row[0], row[1]
        published = row[2] if len(row) > 2 else ""
        nat.call("indeval_series_add_cell", ser.ptr, nat.utf8(str(period), "period"),
                 nat.utf8(text or "", "text"), nat.utf8(published or "", "published"), 0)
    return _findings(indicator, ser, cohort)


def _findings(indicator: Indicator, ser, cohort) -> list:
    findings = nat.new_handle("indeval_lint", "indeval_findings_free", indicator._ptr, ser.ptr,
                              _figure(cohort, "cohort"))
    count = c_int32()
    nat.call("indeval_findings_count", findings.ptr, byref(count))
    out = []
    for i in range(count.value):
        sev = c_int32()
        nat.call("indeval_findings_severity", findings.ptr, i, byref(sev))
        texts = [nat.text_out("indeval_findings_text", findings.ptr, i, field)
                 for field in (nat.FINDING_CODE, nat.FINDING_MESSAGE, nat.FINDING_WHERE)]
        out.append(Finding(texts[0], Severity(sev.value), texts[1], texts[2]))
    return out


# ---- library ------------------------------------------------------------------------------------

def abi_version() -> tuple:
    """(major, minor) of the C ABI the loaded library implements."""
    major, minor = c_int32(), c_int32()
    nat.call("indeval_abi_version", byref(major), byref(minor))
    return major.value, minor.value


def library_version() -> str:
    """The loaded library's version, "0.1.0"."""
    return nat.text_out("indeval_version_string")


def library_path():
    """The path of the loaded library."""
    return nat.library_path()
