"""indeval: RAG ratings for performance scorecards, over the library's C ABI (ctypes + numpy).

    >>> import indeval
    >>> rules = indeval.RuleSet.parse("95% or above Green 85%-94% Amber 84% and below Red")
    >>> rules.evaluate(63.9)
    <Status.RED: 1>
    >>> rules.evaluate([96, 90, float("nan")])          # numpy int8 status codes
    array([3, 2, 0], dtype=int8)
    >>> rules.explain(63.9, unit="percent")
    'Red: 63.9% is below the Amber threshold of 85%'
    >>> indeval.direction(60, 63.9, polarity="BIB")
    <Direction.IMPROVED: 1>

Bulk: ``indeval.evaluate_bulk(rule_sets, index, values, previous=..., target=..., cohort=...,
threads=...)`` rates whole numpy columns in one call to the library, reading the arrays in place
(C-contiguous float64 values, int32 index; other dtypes are converted once, and a float index is
refused rather than truncated). It returns a ``BulkResult(status, reason, direction)`` of int8
arrays (``direction`` is None without ``previous``). ``Catalogue`` keeps the entries for repeated
calls.

Indicators: ``indeval.Indicator(ref, polarity=, unit=, decimals=, target=, rules=)`` rates,
explains and gives the direction of travel with its own settings; ``indeval.lint(indicator,
series)`` returns ``Finding``s.

Benchmarking (as the DfE's LAIT): ``indeval.compare(values, group, polarity=, quartiles=)``
gives each value's rank and quartile band within its group (int32 ``.rank``, 0 = none; int8
``.band``, 0 none, 1 A ... 4 D); ``indeval.neighbour_means`` the mean of each area's statistical
neighbours; ``indeval.benchmark(frame, measures, neighbours=)`` all of it over a long DataFrame.

Errors: everything the library refuses raises ``indeval.Error`` (``.code``, ``.code_name``,
``.message``); unreadable rule text raises ``indeval.ParseError`` (also a ValueError) whose
``.position`` is the character offset of the problem; refused arguments raise
``indeval.ArgumentError`` (also a ValueError). Python-side type problems raise TypeError.

The shared library is found through ``INDEVAL_LIBRARY`` (its path), then this package's folder,
then the repository's build tree (build/release, build/dev, build/*), and loaded on first use.
"""

from ._api import (BulkResult, Catalogue, Evaluation, Finding, Indicator,
                   Observation, RuleSet, abi_version, direction, evaluate_bulk, explain,
                   library_path, library_version, lint)
from ._enums import (CellReason, Comparator, Direction, Kernel, Orientation, Polarity, Qualifier,
                     Reason, Scale, Severity, Status, Unit)
from ._native import ArgumentError, Error, LibraryNotFoundError, ParseError
from .comparison import (CompareResult, benchmark, compare, lait_regions, neighbour_means,
                         neighbour_table, period_months)
from ._reading import (Cell, format_value, period_key, period_label, period_next, period_previous,
                       read_cell)
from .xmr import SpcResult, spc, spc_code, spc_date, spc_frame, spc_names

#: The version of this package (include/indeval/version.hpp, as the CMake build reads it); the
#: library it loads reports its own (library_version()).
try:
    from ._version import version as __version__
except ImportError:  # a source checkout: setup.py writes _version.py into built packages only
    from ._native import source_version as _source_version
    __version__ = _source_version()

__all__ = [
    "__version__",
    "abi_version",
    "library_version",
    "library_path",
    "Status",
    "Reason",
    "Comparator",
    "Direction",
    "Polarity",
    "Unit",
    "Scale",
    "Orientation",
    "Severity",
    "Kernel",
    "Error",
    "ParseError",
    "ArgumentError",
    "LibraryNotFoundError",
    "RuleSet",
    "Evaluation",
    "explain",
    "direction",
    "Catalogue",
    "BulkResult",
    "evaluate_bulk",
    "Indicator",
    "Observation",
    "Finding",
    "lint",
    "compare",
    "CompareResult",
    "neighbour_means",
    "neighbour_table",
    "benchmark",
    "lait_regions",
    "period_months",
    "CellReason",
    "Qualifier",
    "Cell",
    "read_cell",
    "format_value",
    "period_key",
    "period_label",
    "period_next",
    "period_previous",
    "spc",
    "spc_frame",
    "SpcResult",
    "spc_names",
    "spc_code",
    "spc_date",
]
