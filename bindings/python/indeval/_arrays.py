"""numpy arrays for the C ABI: converted once to the exact dtype and layout it reads (C-contiguous
float64, int32, int8), so the library reads them in place; refused with a clear message when a
conversion would change their meaning (text, complex numbers, fractional indexes, numbers too
large for a double). pandas' nullable arrays (Float64, Int64, boolean) are read with NA missing.
float32 figures are widened by the library to the double of their shortest decimal (the figure
as written: np.float32(94.95) is 94.95), so they rate as written."""

from __future__ import annotations

import numbers
import sys

import numpy as np

INT32_MAX = 2**31 - 1


def _is_na(v) -> bool:
    """True for pandas' NA (pd.NA), without importing pandas."""
    pd = sys.modules.get("pandas")
    return pd is not None and v is pd.NA


def _widen_float32(a: np.ndarray) -> np.ndarray:
    """float32 values as the doubles of their shortest decimals, by the library's rule."""
    from . import _native as nat
    src = np.ascontiguousarray(a, dtype=np.float32)
    out = np.empty(src.shape, dtype=np.float64)
    if src.size > INT32_MAX:
        raise ValueError(f"more than {INT32_MAX} float32 values at once")
    nat.call("indeval_widen_float32", address(src), address(out), int(src.size))
    return out


def _real(x, what: str) -> float:
    """A real number as a double, or a clear error naming `what` when it has none."""
    try:
        return float(x)
    except OverflowError:
        raise ValueError(f"{what} is too large for a number (a double): {x}") from None


def _from_extension(x):
    """A pandas extension array or Series with a nullable numeric dtype as float64 (NA -> NaN);
    anything else unchanged."""
    dtype = getattr(x, "dtype", None)
    if dtype is None or isinstance(dtype, np.dtype) or not hasattr(x, "to_numpy"):
        return x
    if getattr(dtype, "kind", "O") in "biuf":
        return x.to_numpy(dtype=np.float64, na_value=np.nan)
    return x


def is_scalar(x) -> bool:
    """True for a single number (or None or pd.NA = missing) rather than an array-like."""
    if x is None or _is_na(x):
        return True
    if isinstance(x, (numbers.Number, np.generic)):
        return not isinstance(x, (str, bytes))
    return False


def scalar(x, what: str) -> float:
    """A single value as a double; None is missing (NaN)."""
    if x is None or _is_na(x):
        return float("nan")
    if isinstance(x, (bool, np.bool_)):
        return float(x)
    if isinstance(x, (complex, np.complexfloating)):
        raise TypeError(f"{what} must be a real number, not {type(x).__name__}")
    if isinstance(x, np.float32):
        return float(_widen_float32(np.asarray(x))[()])
    if isinstance(x, numbers.Real):
        return _real(x, what)
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return scalar(x.item(), what)
    raise TypeError(f"{what} must be a number or None, not {type(x).__name__}")


def floats(x, what: str) -> np.ndarray:
    """`x` as a C-contiguous float64 array (a view when it already is one). None and pd.NA
    elements, and NA in pandas' nullable arrays, are missing (NaN); float32 is widened as written."""
    a = np.asarray(_from_extension(x))
    kind = a.dtype.kind
    if a.dtype == np.float32:
        return _widen_float32(a)
    if kind in "biuf":
        return np.asarray(a, dtype=np.float64, order="C")
    if kind == "O":
        flat = a.ravel()
        out = np.empty(flat.shape, dtype=np.float64)
        for i, v in enumerate(flat):  # an object array is Python objects already: check each one
            if v is None or _is_na(v):
                out[i] = np.nan
            elif (isinstance(v, (str, bytes, complex))
                  or not isinstance(v, (numbers.Real, np.generic))):
                raise TypeError(f"{what} must hold numbers or None, not {type(v).__name__} "
                                f"({v!r})")
            else:
                out[i] = scalar(v, what)
        return out.reshape(a.shape)
    if kind in "US":
        raise TypeError(f"{what} must be numbers, not text ({a.dtype}); read the figures "
                        f"into numbers first")
    if kind == "c":
        raise TypeError(f"{what} must be real numbers, not complex ({a.dtype})")
    raise TypeError(f"{what} must be numbers, not {a.dtype}")


# Index dtypes the library reads as they are (a small catalogue's index in fewer bytes).
NARROW_INDEXES = (np.dtype(np.int8), np.dtype(np.uint8), np.dtype(np.int16), np.dtype(np.int32))


def indexes(x, what: str = "index") -> np.ndarray:
    """`x` as a C-contiguous integer array the library reads: int8, uint8, int16 and int32 as they
    are, other integers as int32. Only integer arrays are taken: a float index is refused rather
    than truncated, and values beyond int32 are refused rather than wrapped."""
    if getattr(getattr(x, "dtype", None), "kind", "") in ("i", "u") and hasattr(x, "isna") \
            and not isinstance(x.dtype, np.dtype):
        if bool(np.asarray(x.isna()).any()):
            raise ValueError(f"{what} holds NA (a missing index)")
        x = x.to_numpy(dtype=np.int64)
    a = np.asarray(x)
    kind = a.dtype.kind
    if kind not in "iu":
        hint = (" (convert whole-number floats explicitly, e.g. .astype(np.int32))"
                if kind == "f" else "")
        raise TypeError(f"{what} must be integers, not {a.dtype}{hint}")
    if a.dtype in NARROW_INDEXES:
        return np.asarray(a, order="C")
    if a.size:
        lo, hi = int(a.min()), int(a.max())
        if lo < 0 or hi > INT32_MAX:
            bad = lo if lo < 0 else hi
            raise ValueError(f"{what} holds {bad}, outside 0..{INT32_MAX}")
    return np.asarray(a, dtype=np.int32, order="C")


def like(arr: np.ndarray, shape: tuple, what: str) -> np.ndarray:
    """`arr` broadcast to `shape`, C-contiguous (copied only when it had to be broadcast)."""
    if arr.shape == shape:
        return arr
    try:
        return np.array(np.broadcast_to(arr, shape), order="C")
    except ValueError:
        raise ValueError(f"{what} has shape {arr.shape}, which does not fit the values' "
                         f"shape {shape}") from None


def address(arr) -> int:
    """The address of a C-contiguous array's first element, or None for no array."""
    if arr is None:
        return None
    return arr.__array_interface__["data"][0]
