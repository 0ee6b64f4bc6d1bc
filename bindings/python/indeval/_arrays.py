"""numpy arrays for the C ABI: converted once to the exact dtype and layout it reads (C-contiguous
float64, int32, int8), so the library reads them in place; refused with a clear message when a
conversion would change their meaning (text, complex numbers, fractional indexes)."""

from __future__ import annotations

import numbers

import numpy as np

INT32_MAX = 2**31 - 1


def is_scalar(x) -> bool:
    """True for a single number (or None = missing) rather than an array-like."""
    if x is None or isinstance(x, (numbers.Number, np.generic)):
        return not isinstance(x, (str, bytes))
    return False


def scalar(x, what: str) -> float:
    """A single value as a double; None is missing (NaN)."""
    if x is None:
        return float("nan")
    if isinstance(x, (bool, np.bool_)):
        return float(x)
    if isinstance(x, (complex, np.complexfloating)):
        raise TypeError(f"{what} must be a real number, not {type(x).__name__}")
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return scalar(x.item(), what)
    raise TypeError(f"{what} must be a number or None, not {type(x).__name__}")


def floats(x, what: str) -> np.ndarray:
    """`x` as a C-contiguous float64 array (a view when it already is one). None elements of an
    object array are missing (NaN)."""
    a = np.asarray(x)
    kind = a.dtype.kind
    if kind in "biuf":
        return np.asarray(a, dtype=np.float64, order="C")
    if kind == "O":
        flat = a.ravel()
        for v in flat:  # an object array is Python objects already: check each one
            if v is not None and (isinstance(v, (str, bytes, complex))
                                  or not isinstance(v, (numbers.Real, np.generic))):
                raise TypeError(f"{what} must hold numbers or None, not {type(v).__name__} "
                                f"({v!r})")
        missing = np.array([v is None for v in flat], dtype=bool)
        out = np.where(missing, np.nan, flat).astype(np.float64)
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
