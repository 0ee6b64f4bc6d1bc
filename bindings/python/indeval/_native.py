"""The native library: finding and loading libindeval, declaring its C functions for ctypes, and
turning its return codes into Python exceptions. ``capi/include/indeval.h`` is the reference for
every name, signature and code here.

Where the library is looked for, in order:

1. the ``INDEVAL_LIBRARY`` environment variable: the path of the shared library itself;
2. this package's own folder (an installed package may ship the library next to its modules);
3. the build tree of the repository this package sits in: ``build/release``, ``build/dev``, then
   any other ``build/*`` folder, each at ``capi/libindeval.so*``.

The library is loaded on first use, not on import, so ``import indeval`` always works.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import threading
from ctypes import POINTER, c_char_p, c_double, c_int32, c_uint16, c_void_p
from pathlib import Path
from typing import Optional

#: The ABI major this binding is written for (INDEVAL_ABI_MAJOR of indeval.h).
ABI_MAJOR = 1

# ---- return codes (indeval.h) -------------------------------------------------------------------
OK = 0
E_NULL = -1
E_RANGE = -2
E_PARSE = -3
E_HANDLE = -4
E_BUFFER = -5
E_NOMEM = -6
E_INTERNAL = -7
E_ENCODING = -8
E_UNSUPPORTED = -9

ERROR_NAMES = {
    E_NULL: "INDEVAL_E_NULL",
    E_RANGE: "INDEVAL_E_RANGE",
    E_PARSE: "INDEVAL_E_PARSE",
    E_HANDLE: "INDEVAL_E_HANDLE",
    E_BUFFER: "INDEVAL_E_BUFFER",
    E_NOMEM: "INDEVAL_E_NOMEM",
    E_INTERNAL: "INDEVAL_E_INTERNAL",
    E_ENCODING: "INDEVAL_E_ENCODING",
    E_UNSUPPORTED: "INDEVAL_E_UNSUPPORTED",
}

NO_DECIMALS = -1
FIELD_REF, FIELD_TITLE, FIELD_SECTION, FIELD_RULE_TEXT = 0, 1, 2, 3
FINDING_CODE, FINDING_MESSAGE, FINDING_WHERE = 0, 1, 2


# ---- exceptions ---------------------------------------------------------------------------------

class Error(Exception):
    """A failure reported by the indeval library. ``code`` is the C return code (negative),
    ``code_name`` its name in indeval.h ("INDEVAL_E_RANGE"), ``message`` the library's message and
    ``function`` the C function that failed ("indeval_rules_parse"; "" when not known)."""

    def __init__(self, message: str, code: int = E_INTERNAL, function: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.function = function

    @property
    def code_name(self) -> str:
        return ERROR_NAMES.get(self.code, f"INDEVAL_E_{-self.code}")


class ParseError(Error, ValueError):
    """Rule text the library cannot read. ``position`` is the 0-based character (code point)
    offset of the problem in the text as given (0 when the problem is the text as a whole), the
    N of the message's "at character N"; ``byte_offset`` is its offset in the UTF-8 text."""

    def __init__(self, message: str, position: int, code: int = E_PARSE, function: str = ""):
        super().__init__(message, code, function)
        self.position = position


class ArgumentError(Error, ValueError):
    """An argument the library refused: out of range, NULL, badly encoded, or not supported."""


class LibraryNotFoundError(Error, OSError):
    """The shared library could not be found or loaded."""


def split_message(text: str) -> tuple:
    """(function, message) of a last-error text "indeval_rules_parse: unknown status ..."."""
    m = re.match(r"(indeval_[a-z0-9_]+): (.*)\Z", text, re.S)
    return (m.group(1), m.group(2)) if m else ("", text)


def _exception_for(code: int, text: str) -> Error:
    function, message = split_message(text)
    if code in (E_NULL, E_RANGE, E_ENCODING, E_UNSUPPORTED, E_HANDLE):
        return ArgumentError(message, code, function)
    if code == E_NOMEM:
        return Error(message or "out of memory", code, function)
    return Error(message, code, function)


# ---- locating the library -----------------------------------------------------------------------

_NAMES = {
    "win32": ("indeval.dll",),
    "darwin": ("libindeval.dylib",),
}


def _library_globs() -> tuple:
    if sys.platform in _NAMES:
        return _NAMES[sys.platform]
    return ("libindeval.so", "libindeval.so.*")


def _pick(folder: Path) -> Optional[Path]:
    """The library in `folder`: the unversioned name if present, else the newest versioned one."""
    for pattern in _library_globs():
        found = sorted(p for p in folder.glob(pattern) if p.is_file())
        if found:
            # libindeval.so.1.0.0 sorts after libindeval.so.1: prefer the shortest (the SONAME link)
            return sorted(found, key=lambda p: (len(p.name), p.name))[0]
    return None


def repo_root() -> Path:
    """The repository this package sits in (bindings/python/indeval -> the root)."""
    return Path(__file__).resolve().parents[3]


def source_version() -> str:
    """The version in the repository's include/indeval/version.hpp (the one the CMake build and
    setup.py read), for a package used from the source tree; "unknown" when there is none."""
    try:
        text = (repo_root() / "include" / "indeval" / "version.hpp").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    parts = [re.search(rf"#define INDEVAL_VERSION_{p} (\d+)", text) for p in
             ("MAJOR", "MINOR", "PATCH")]
    return ".".join(m.group(1) for m in parts) if all(parts) else "unknown"


def candidates() -> list:
    """Every place the library is looked for, in order, as (description, path or None)."""
    out = []
    env = os.environ.get("INDEVAL_LIBRARY")
    if env:
        out.append(("INDEVAL_LIBRARY", Path(env)))
    here = Path(__file__).resolve().parent
    out.append(("package folder", _pick(here)))
    build = repo_root() / "build"
    preferred = ["release", "dev"]
    folders = [build / name for name in preferred]
    if build.is_dir():
        folders += sorted(p for p in build.iterdir() if p.is_dir() and p.name not in preferred)
    for folder in folders:
        capi = folder / "capi"
        if capi.is_dir():
            out.append((f"build tree {folder.name}", _pick(capi)))
    return out


def find_library() -> Path:
    """The path of the library that would be loaded. Raises LibraryNotFoundError."""
    env = os.environ.get("INDEVAL_LIBRARY")
    if env:
        path = Path(env)
        if not path.is_file():
            raise LibraryNotFoundError(
                f"INDEVAL_LIBRARY is {env!r}, which is not a file; it must be the path of the "
                f"shared library (libindeval.so)", E_INTERNAL)
        return path
    for _, path in candidates():
        if path is not None and path.is_file():
            return path
    raise LibraryNotFoundError(
        "cannot find the indeval shared library: set INDEVAL_LIBRARY to its path, or build it "
        f"(cmake --workflow --preset dev) so that {repo_root() / 'build'}/*/capi/libindeval.so "
        "exists", E_INTERNAL)


# ---- signatures ---------------------------------------------------------------------------------

_i32 = c_int32
_pi32 = POINTER(c_int32)
_pd = POINTER(c_double)
_h = c_void_p          # a handle
_ph = POINTER(c_void_p)  # a handle out-parameter
_s = c_char_p          # UTF-8 string in
_buf = c_char_p        # UTF-8 buffer out (a create_string_buffer)
_ws = POINTER(c_uint16)  # UTF-16 string in or buffer out
_arr = c_void_p        # an array: numpy data pointer, or None

#: name -> argument types; every function returns int32_t.
SIGNATURES = {
    "indeval_version": (_pi32, _pi32, _pi32),
    "indeval_version_string": (_buf, _i32, _pi32),
    "indeval_abi_version": (_pi32, _pi32),
    "indeval_last_error": (_buf, _i32, _pi32),
    "indeval_last_error_w": (_ws, _i32, _pi32),
    "indeval_no_figure": (_pd,),
    "indeval_rules_parse": (_s, _ph, _pi32),
    "indeval_rules_parse_w": (_ws, _ph, _pi32),
    "indeval_rules_free": (_h,),
    "indeval_rules_clone": (_h, _ph),
    "indeval_rules_print": (_h, _buf, _i32, _pi32),
    "indeval_rules_print_w": (_h, _ws, _i32, _pi32),
    "indeval_rules_info": (_h, _pi32, _pi32, _pi32, _pi32),
    "indeval_rules_evaluate": (_h, c_double, c_double, c_double, _i32, _i32, _pi32, _pi32),
    "indeval_rules_evaluate_detail": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _pi32,
                                      _pi32, _pi32, _pd, _pd, _pd),
    "indeval_rules_explain": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _buf, _i32,
                              _pi32),
    "indeval_rules_explain_w": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _ws, _i32,
                                _pi32),
    "indeval_rules_parse_for": (_s, _i32, _ph, _pi32),
    "indeval_rules_parse_for_w": (_ws, _i32, _ph, _pi32),
    "indeval_rules_comparators": (_h, _pi32),
    "indeval_rules_evaluate_against": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _pd,
                                       _i32, _pi32, _pi32),
    "indeval_rules_explain_against": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _pd,
                                      _i32, _buf, _i32, _pi32),
    "indeval_rules_explain_against_w": (_h, c_double, c_double, c_double, _i32, _i32, _i32, _pd,
                                        _i32, _ws, _i32, _pi32),
    "indeval_direction": (c_double, c_double, _i32, _h, _i32, _i32, _pi32),
    "indeval_indicator_create": (_ph,),
    "indeval_indicator_free": (_h,),
    "indeval_indicator_set": (_h, _i32, _i32, _i32, c_double),
    "indeval_indicator_set_rules": (_h, _h),
    "indeval_indicator_set_text": (_h, _i32, _s),
    "indeval_indicator_set_text_w": (_h, _i32, _ws),
    "indeval_indicator_evaluate": (_h, c_double, c_double, _i32, _pi32, _pi32),
    "indeval_indicator_explain": (_h, c_double, c_double, _i32, _buf, _i32, _pi32),
    "indeval_indicator_explain_w": (_h, c_double, c_double, _i32, _ws, _i32, _pi32),
    "indeval_indicator_direction": (_h, c_double, c_double, _i32, _pi32),
    "indeval_series_create": (_ph,),
    "indeval_series_free": (_h,),
    "indeval_series_add": (_h, _s, c_double, _s, _s),
    "indeval_series_add_w": (_h, _ws, c_double, _ws, _ws),
    "indeval_series_add_many": (_h, _i32, _arr, _arr, _arr, _arr),
    "indeval_series_add_many_w": (_h, _i32, _arr, _arr, _arr, _arr),
    "indeval_series_size": (_h, _pi32),
    "indeval_series_direction": (_h, _h, _i32, _i32, _i32, _pi32),
    "indeval_catalogue_create": (_ph,),
    "indeval_catalogue_free": (_h,),
    "indeval_catalogue_add": (_h, _h, _i32, _i32, _i32, c_double, _pi32),
    "indeval_catalogue_add_indicator": (_h, _h, _i32, _pi32),
    "indeval_catalogue_size": (_h, _pi32),
    "indeval_evaluate_bulk": (_h, _arr, _arr, _arr, _arr, _arr, _i32, _arr, _arr, _arr, _i32),
    "indeval_evaluate_bulk_kernel": (_h, _arr, _arr, _arr, _arr, _arr, _i32, _arr, _arr, _arr,
                                     _i32, _i32),
    "indeval_context_create": (_ph,),
    "indeval_context_free": (_h,),
    "indeval_request_create": (_i32, _ph),
    "indeval_request_free": (_h,),
    "indeval_request_set_catalogue": (_h, _h),
    "indeval_request_set_array": (_h, _i32, _i32, _arr, _i32),
    "indeval_request_set_output": (_h, _i32, _i32, _arr, _i32),
    "indeval_request_set_int": (_h, _i32, _i32),
    "indeval_request_set_double": (_h, _i32, c_double),
    "indeval_request_set_segments": (_h, _arr, _arr, _arr, _i32),
    "indeval_request_run": (_h, _h),
    "indeval_spc_name": (_i32, _i32, _buf, _i32, _pi32),
    "indeval_spc_code": (_i32, _s, _pi32),
    "indeval_spc_date": (_s, _i32, _pi32),
    "indeval_lint": (_h, _h, c_double, _ph),
    "indeval_findings_free": (_h,),
    "indeval_findings_count": (_h, _pi32),
    "indeval_findings_severity": (_h, _i32, _pi32),
    "indeval_findings_text": (_h, _i32, _i32, _buf, _i32, _pi32),
    "indeval_findings_text_w": (_h, _i32, _i32, _ws, _i32, _pi32),
    "indeval_widen_float32": (_arr, _arr, _i32),
    # reading and printing (ABI 1.1)
    "indeval_cell_read": (_s, _i32, _pd, _pi32, _pi32, _pi32, _buf, _i32, _pi32, _pi32),
    "indeval_cell_read_w": (_ws, _i32, _pd, _pi32, _pi32, _pi32, _ws, _i32, _pi32, _pi32),
    "indeval_series_add_cell": (_h, _s, _s, _s, _i32),
    "indeval_series_add_cell_w": (_h, _ws, _ws, _ws, _i32),
    "indeval_period_parse": (_s, _i32, _pi32, _pi32, _pi32, _pi32),
    "indeval_period_parse_w": (_ws, _i32, _pi32, _pi32, _pi32, _pi32),
    "indeval_period_compare": (_s, _s, _i32, _pi32),
    "indeval_period_compare_w": (_ws, _ws, _i32, _pi32),
    "indeval_period_label": (_s, _i32, _buf, _i32, _pi32),
    "indeval_period_label_w": (_ws, _i32, _ws, _i32, _pi32),
    "indeval_period_next": (_s, _i32, _buf, _i32, _pi32),
    "indeval_period_next_w": (_ws, _i32, _ws, _i32, _pi32),
    "indeval_period_previous": (_s, _i32, _buf, _i32, _pi32),
    "indeval_period_previous_w": (_ws, _i32, _ws, _i32, _pi32),
    "indeval_name": (_i32, _i32, _buf, _i32, _pi32),
    "indeval_name_w": (_i32, _i32, _ws, _i32, _pi32),
    "indeval_code": (_i32, _s, _pi32),
    "indeval_code_w": (_i32, _ws, _pi32),
    "indeval_value_format": (c_double, _i32, _i32, _i32, _buf, _i32, _pi32),
    "indeval_value_format_w": (c_double, _i32, _i32, _i32, _ws, _i32, _pi32),
}

_lock = threading.Lock()
_lib = None
_lib_path: Optional[Path] = None


def _declare(library) -> None:
    for name, argtypes in SIGNATURES.items():
        try:
            fn = getattr(library, name)
        except AttributeError:
            raise LibraryNotFoundError(
                f"{_lib_path} lacks {name}: it is older than this binding expects", E_INTERNAL
            ) from None
        fn.argtypes = argtypes
        fn.restype = c_int32


def lib():
    """The loaded library (loaded, declared and checked on first call)."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        path = find_library()
        try:
            loader = ctypes.WinDLL if sys.platform == "win32" and ctypes.sizeof(c_void_p) == 4 \
                else ctypes.CDLL
            library = loader(str(path))
        except OSError as e:
            raise LibraryNotFoundError(f"cannot load the indeval library {path}: {e}",
                                       E_INTERNAL) from e
        _lib_path = path
        _declare(library)
        major, minor = c_int32(), c_int32()
        library.indeval_abi_version(ctypes.byref(major), ctypes.byref(minor))
        if major.value != ABI_MAJOR:
            raise LibraryNotFoundError(
                f"{path} implements ABI {major.value}.{minor.value}; this binding needs ABI "
                f"{ABI_MAJOR}.x", E_INTERNAL)
        _lib = library
        return _lib


def library_path() -> Path:
    """The path of the loaded library (loading it if need be)."""
    lib()
    assert _lib_path is not None
    return _lib_path


# ---- calling ------------------------------------------------------------------------------------

def last_error() -> str:
    """The calling thread's last error message from the library."""
    library = lib()
    needed = c_int32(0)
    buf = ctypes.create_string_buffer(512)
    rc = library.indeval_last_error(buf, len(buf), ctypes.byref(needed))
    if rc == E_BUFFER:
        buf = ctypes.create_string_buffer(needed.value + 1)
        rc = library.indeval_last_error(buf, len(buf), ctypes.byref(needed))
    return buf.value.decode("utf-8", "replace") if rc == OK else ""


def check(rc: int) -> None:
    """Raises the exception for a non-zero return code, with the library's message."""
    if rc != OK:
        raise _exception_for(rc, last_error())


def call(name: str, *args) -> None:
    """Calls a library function and raises on failure."""
    rc = getattr(lib(), name)(*args)
    if rc != OK:
        raise _exception_for(rc, last_error())


#: The buffer size text_out tries first; a longer text costs a second call.
FIRST_BUFFER = 256


def text_out(name: str, *args) -> str:
    """Calls a function that ends in (char* buf, int32_t cap, int32_t* needed) and returns the
    text, growing the buffer once if it was too small."""
    fn = getattr(lib(), name)
    needed = c_int32(0)
    buf = ctypes.create_string_buffer(FIRST_BUFFER)
    rc = fn(*args, buf, len(buf), ctypes.byref(needed))
    if rc == E_BUFFER:
        buf = ctypes.create_string_buffer(needed.value + 1)
        rc = fn(*args, buf, len(buf), ctypes.byref(needed))
    check(rc)
    return buf.raw[: needed.value].decode("utf-8", "replace")


def utf8(text: str, what: str) -> bytes:
    """A str as NUL-terminated UTF-8 for the library; embedded NULs are refused."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str, not {type(text).__name__}")
    if "\0" in text:
        raise ValueError(f"{what} contains a NUL character")
    return text.encode("utf-8")


def char_offset(text: str, byte_offset: int) -> int:
    """The character offset in `text` of a UTF-8 byte offset."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


class Handle:
    """Owns one library handle and frees it with `free_name` when collected."""

    __slots__ = ("_ptr", "_free_name", "__weakref__")

    def __init__(self, ptr: c_void_p, free_name: str):
        self._ptr = ptr
        self._free_name = free_name

    @property
    def ptr(self) -> c_void_p:
        return self._ptr

    def __del__(self):
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr is not None and ptr.value and _lib is not None:
            try:
                getattr(_lib, self._free_name)(ptr)
            except Exception:  # interpreter shutdown
                pass


# Bulk requests (indeval.h, "engine: contexts and bulk requests").
JOB_RATE = 1
TYPE_INT8, TYPE_UINT8, TYPE_INT16, TYPE_INT32, TYPE_DOUBLE = 1, 2, 3, 4, 5
ARRAY_VALUE, ARRAY_PREVIOUS, ARRAY_INDEX, ARRAY_TARGET, ARRAY_COHORT = 1, 2, 3, 4, 5
ARRAY_ENGLAND = 6  # then one per comparator, in INDEVAL_COMPARATOR_* order
OUTPUT_STATUS, OUTPUT_REASON, OUTPUT_DIRECTION = 101, 102, 103
OPTION_THREADS, OPTION_KERNEL = 201, 202


def new_handle(create_name: str, free_name: str, *args) -> Handle:
    """Calls a _create/_parse-style function whose last parameter is the handle out-parameter."""
    out = c_void_p()
    call(create_name, *args, ctypes.byref(out))
    return Handle(out, free_name)


# ---- names, from the library's tables (indeval_name / indeval_code) ------------------------------

_names_cache: dict = {}


def code_name(kind: int, code_value: int) -> str:
    """The library's name of a code (INDEVAL_NAMES_* kind); cached, names never change."""
    key = (kind, code_value)
    if key not in _names_cache:
        _names_cache[key] = text_out("indeval_name", kind, code_value)
    return _names_cache[key]


def name_code(kind: int, text: str) -> Optional[int]:
    """The code of a name as scorecards write it, or None when the library knows no such name."""
    out = ctypes.c_int32()
    rc = lib().indeval_code(kind, utf8(text, "name"), ctypes.byref(out))
    return out.value if rc == 0 else None
