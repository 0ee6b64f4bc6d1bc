"""The Excel/VBA module, bindings/excel/indeval.bas, against the C header it declares,
capi/include/indeval.h: every exported function declared in both conditional-compilation branches
(VBA7 and VBA 6) with the right number of parameters and compatible VBA types, every numeric
INDEVAL_* macro as a Public Const of the same value, and a module text the VBA editor imports.

Only text is read: neither the library nor a build is needed.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEADER = REPO / "capi" / "include" / "indeval.h"
MODULE = REPO / "bindings" / "excel" / "indeval.bas"
README = REPO / "bindings" / "excel" / "README.md"

LIB = "indeval.dll"
BRANCHES = ("vba7", "legacy")  # #If VBA7 Then ... #Else ... #End If


# ---- the header ---------------------------------------------------------------------------------

def _c_code(text: str) -> str:
    """The header without comments and preprocessor lines."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@functools.lru_cache(maxsize=None)
def header_text() -> str:
    return HEADER.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def header_handles() -> frozenset:
    """The opaque handle types: typedef struct indeval_x indeval_x;"""
    return frozenset(re.findall(r"typedef\s+struct\s+(indeval_\w+)\s+\1\s*;", header_text()))


PROTOTYPE = re.compile(
    r"INDEVAL_API\s+int32_t\s+INDEVAL_CALL\s+(indeval_\w+)\s*\(([^()]*)\)\s*;")


@functools.lru_cache(maxsize=None)
def header_functions() -> dict:
    """name -> [(C type, parameter name)], in header order."""
    functions = {}
    for name, params in PROTOTYPE.findall(_c_code(header_text())):
        assert name not in functions, f"{name} is declared twice in indeval.h"
        params = " ".join(params.split())
        functions[name] = [] if params in ("", "void") else [
            _c_param(p) for p in params.split(",")]
    return functions


def _c_param(text: str) -> tuple:
    m = re.fullmatch(r"(.*?[\w*])\s*\b([A-Za-z_]\w*)", text.strip())
    assert m, f"cannot read the C parameter {text!r}"
    ctype = re.sub(r"\s*\*", "*", m.group(1)).strip()
    return ctype, m.group(2)


@functools.lru_cache(maxsize=None)
def header_constants() -> dict:
    """Every numeric #define INDEVAL_*: name -> value."""
    found = {}
    for name, value in re.findall(r"^\s*#\s*define\s+(INDEVAL_\w+)\s+\(?\s*(-?\d+)\s*\)?\s*(?:/\*.*)?$",
                                  header_text(), flags=re.M):
        found[name] = int(value)
    return found


def c_kind(ctype: str) -> str:
    """What a C parameter type is, for the VBA side."""
    if ctype == "int32_t":
        return "int32"
    if ctype == "double":
        return "double"
    if re.fullmatch(r"(const )?int32_t\*", ctype):
        return "int32 array or out"
    if re.fullmatch(r"(const )?double\*", ctype):
        return "double array or out"
    if ctype == "int8_t*":
        return "int8 array out"
    if ctype == "const float*":
        return "float array in"
    if ctype in ("const void*", "void*"):
        return "typed array"
    if ctype in ("char*", "uint16_t*"):
        return "text buffer out"
    if ctype == "const char*":
        return "UTF-8 text in"
    if ctype == "const uint16_t*":
        return "UTF-16 text in"
    if ctype == "const char* const*":
        return "UTF-8 text array in"
    if ctype == "const uint16_t* const*":
        return "UTF-16 text array in"
    m = re.fullmatch(r"(?:const )?(indeval_\w+)(\*\*?)", ctype)
    if m and m.group(1) in header_handles():
        return "handle out" if m.group(2) == "**" else "handle"
    raise AssertionError(f"C type {ctype!r} has no VBA mapping here: extend c_kind and ALLOWED")


def allowed(kind: str, branch: str) -> set:
    """The (passing, VBA type) forms that fit a C parameter kind in a branch."""
    ptr = "LongPtr" if branch == "vba7" else "Long"
    return {
        "int32": {("ByVal", "Long")},
        "double": {("ByVal", "Double")},
        "int32 array or out": {("ByRef", "Long"), ("ByVal", ptr)},
        "double array or out": {("ByRef", "Double"), ("ByVal", ptr)},
        "int8 array out": {("ByRef", "Byte"), ("ByVal", ptr)},
        "float array in": {("ByRef", "Single"), ("ByVal", ptr)},
        "typed array": {("ByVal", ptr)},
        "text buffer out": {("ByVal", ptr)},
        "UTF-8 text in": {("ByVal", ptr), ("ByVal", "String")},
        "UTF-16 text in": {("ByVal", ptr)},
        "UTF-8 text array in": {("ByVal", ptr), ("ByRef", ptr)},
        "UTF-16 text array in": {("ByVal", ptr), ("ByRef", ptr)},
        "handle out": {("ByRef", ptr)},
        "handle": {("ByVal", ptr)},
    }[kind]


# ---- the module ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def module_bytes() -> bytes:
    return MODULE.read_bytes()


@functools.lru_cache(maxsize=None)
def module_lines() -> tuple:
    return tuple(module_bytes().decode("ascii", "replace").splitlines())


def _strip_comment(line: str) -> str:
    """The line without its ' comment (a quote inside a string literal is not one)."""
    in_string = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_string = not in_string
        elif ch == "'" and not in_string:
            return line[:i]
    return line


@functools.lru_cache(maxsize=None)
def logical_lines() -> tuple:
    """(first physical line number, statement without comment, branch) for every statement, with
    " _" continuations joined. branch: "vba7" or "legacy" inside #If VBA7 Then / #Else, else ""."""
    out = []
    pending, start = "", None
    stack = []  # [condition, in #Else] for every open #If
    for number, line in enumerate(module_lines(), 1):
        if start is None:
            start = number
        if re.search(r"(^|\s)_$", line.rstrip()):
            pending += line.rstrip()[:-1] + " "
            continue
        statement = " ".join(_strip_comment(pending + line).split())
        pending, first, start = "", start, None
        m = re.fullmatch(r"#If (.+) Then", statement, flags=re.I)
        if m:
            stack.append([m.group(1).strip(), False])
            continue
        if re.fullmatch(r"#Else", statement, flags=re.I):
            assert stack, f"line {first}: #Else without #If"
            stack[-1][1] = True
            continue
        if re.fullmatch(r"#End If", statement, flags=re.I):
            assert stack, f"line {first}: #End If without #If"
            stack.pop()
            continue
        assert not statement.lower().startswith("#elseif"), \
            f"line {first}: #ElseIf is not expected in this module"
        branch = ""
        for condition, in_else in stack:
            if condition.lower() == "vba7":
                branch = "legacy" if in_else else "vba7"
        out.append((first, statement, branch))
    assert not stack, "an #If is not closed by #End If"
    assert not pending, "the module ends in a line continuation"
    return tuple(out)


DECLARE = re.compile(
    r'(?:(?:Public|Private) )?Declare (PtrSafe )?(Function|Sub) (\w+) Lib "([^"]*)"'
    r'(?: Alias "([^"]*)")? ?\((.*)\)(?: As (\w+))?', flags=re.I)
PARAM = re.compile(r"(ByVal|ByRef) (\w+) As (\w+)", flags=re.I)
VBA_TYPES = {t.lower(): t for t in ("Long", "LongPtr", "LongLong", "Double", "Byte", "String",
                                    "Integer", "Single", "Boolean", "Currency", "Variant", "Any")}


@functools.lru_cache(maxsize=None)
def declarations() -> tuple:
    """Every Declare statement of the module: dicts with line, branch, ptrsafe, kind, name, lib,
    alias, entry (the exported name called), params [(passing, name, VBA type)] and returns."""
    found = []
    for line, statement, branch in logical_lines():
        if not re.search(r"\bDeclare\b", statement, flags=re.I):
            continue
        m = DECLARE.fullmatch(statement)
        assert m, f"line {line}: cannot read this Declare statement: {statement}"
        ptrsafe, kind, name, lib, alias, params, returns = m.groups()
        parsed = []
        for text in ([] if not params.strip() else params.split(",")):
            p = PARAM.fullmatch(text.strip())
            assert p, (f"line {line}: {name}: parameter {text.strip()!r} must read "
                       f"'ByVal|ByRef Name As Type' (an explicit ByVal or ByRef; no Optional, "
                       f"ParamArray or array parameters)")
            passing, pname, vtype = p.groups()
            passing = {"byval": "ByVal", "byref": "ByRef"}[passing.lower()]
            parsed.append((passing, pname, VBA_TYPES.get(vtype.lower(), vtype)))
        found.append(dict(line=line, branch=branch, ptrsafe=bool(ptrsafe), kind=kind.lower(),
                          name=name, lib=lib, alias=alias, entry=alias or name, params=parsed,
                          returns=VBA_TYPES.get((returns or "").lower(), returns)))
    return tuple(found)


def library_declarations(branch: str) -> dict:
    """entry point -> declaration, for the Declares of indeval.dll in a branch."""
    out = {}
    for d in declarations():
        if d["lib"].lower() == LIB and d["branch"] == branch:
            assert d["entry"] not in out, \
                f"line {d['line']}: {d['entry']} is declared twice in the {branch} branch"
            out[d["entry"]] = d
    return out


@functools.lru_cache(maxsize=None)
def module_constants() -> dict:
    found = {}
    for line, statement, _ in logical_lines():
        m = re.fullmatch(r"(?:Public |Global )?Const (INDEVAL_\w+)(?: As (\w+))? = (.+)",
                         statement, flags=re.I)
        if m:
            name, vtype, value = m.groups()
            assert name.upper() not in {k.upper() for k in found}, f"line {line}: {name} twice"
            assert re.fullmatch(r"Public Const .*", statement), \
                f"line {line}: {name} should be a Public Const"
            assert (vtype or "").lower() == "long", f"line {line}: {name} should be As Long"
            assert re.fullmatch(r"-?\d+", value.strip()), \
                f"line {line}: {name} should be a plain decimal number, not {value!r}"
            found[name] = int(value)
    return found


# ---- tests: the header is read completely -------------------------------------------------------

def test_every_header_prototype_is_read():
    code = _c_code(header_text())
    functions = header_functions()
    # Every exported declaration must have the one shape PROTOTYPE reads; a function returning
    # something else, or a new macro in front of it, would otherwise go unnoticed here.
    assert code.count("INDEVAL_API") == len(functions), \
        "indeval.h has an INDEVAL_API declaration that is not 'INDEVAL_API int32_t INDEVAL_CALL " \
        "name(params);'"
    assert len(functions) >= 40
    assert header_handles() >= {"indeval_rules", "indeval_catalogue", "indeval_indicator",
                                "indeval_series", "indeval_findings"}
    for name, params in functions.items():
        for ctype, _ in params:
            c_kind(ctype)  # raises for a type without a mapping


def test_header_constants_are_read():
    constants = header_constants()
    assert constants["INDEVAL_OK"] == 0
    assert constants["INDEVAL_E_NULL"] == -1
    assert constants["INDEVAL_NO_DECIMALS"] == -1
    # every #define INDEVAL_* that is a number was read (the others are INDEVAL_H, _API, _CALL)
    defines = set(re.findall(r"^\s*#\s*define\s+(INDEVAL_\w+)", header_text(), flags=re.M))
    assert defines - set(constants) == {"INDEVAL_H", "INDEVAL_API", "INDEVAL_CALL"}


# ---- tests: declarations ------------------------------------------------------------------------

@pytest.mark.parametrize("branch", BRANCHES)
def test_every_header_function_is_declared(branch):
    declared = library_declarations(branch)
    missing = sorted(set(header_functions()) - set(declared))
    extra = sorted(set(declared) - set(header_functions()))
    assert not missing, f"not declared in the {branch} branch of indeval.bas: {missing}"
    assert not extra, f"declared in the {branch} branch but not in indeval.h: {extra}"


def test_library_declarations_sit_in_the_vba7_branches():
    for d in declarations():
        if d["lib"].lower() == LIB or d["entry"].lower().startswith("indeval_"):
            assert d["branch"] in BRANCHES, \
                f"line {d['line']}: {d['name']} is outside '#If VBA7 Then ... #Else ... #End If'"
            assert d["lib"] == LIB, f"line {d['line']}: {d['name']} should be Lib \"{LIB}\""


def test_declaration_form():
    for d in declarations():
        where = f"line {d['line']}: {d['name']}"
        if d["branch"] == "vba7":
            assert d["ptrsafe"], f"{where}: a VBA7 Declare needs PtrSafe"
        elif d["branch"] == "legacy":
            assert not d["ptrsafe"], f"{where}: VBA 6 does not know PtrSafe"
        if d["lib"].lower() != LIB:
            continue
        assert d["kind"] == "function", f"{where}: declare it as a Function (it returns int32_t)"
        assert d["returns"] == "Long", f"{where}: every indeval function returns int32_t: As Long"
        if d["alias"] is not None:
            # GetProcAddress is case-sensitive: the alias is the exported name, exactly
            assert d["alias"] == d["name"], f"{where}: Alias {d['alias']!r} differs from the name"


@pytest.mark.parametrize("branch", BRANCHES)
@pytest.mark.parametrize("function", sorted(header_functions()))
def test_parameters_match_the_header(function, branch):
    d = library_declarations(branch).get(function)
    if d is None:
        pytest.fail(f"{function} is not declared in the {branch} branch")
    c_params = header_functions()[function]
    assert len(d["params"]) == len(c_params), (
        f"line {d['line']}: {function} takes {len(c_params)} parameters in indeval.h "
        f"({', '.join(f'{t} {n}' for t, n in c_params)}), the {branch} Declare "
        f"{len(d['params'])}")
    for i, ((ctype, cname), (passing, vname, vtype)) in enumerate(zip(c_params, d["params"]), 1):
        kind = c_kind(ctype)
        fits = allowed(kind, branch)
        assert (passing, vtype) in fits, (
            f"line {d['line']}: {function} parameter {i} ({ctype} {cname}, {kind}) is declared "
            f"'{passing} {vname} As {vtype}' in the {branch} branch; expected one of "
            f"{sorted(f'{p} As {t}' for p, t in fits)}")


def test_legacy_branch_uses_only_vba6_syntax():
    for line, statement, branch in logical_lines():
        if branch == "legacy":
            for word in ("PtrSafe", "LongPtr", "LongLong"):
                assert not re.search(rf"\b{word}\b", statement, flags=re.I), \
                    f"line {line}: {word} does not exist in VBA 6 (the #Else branch)"


# ---- tests: constants ---------------------------------------------------------------------------

def test_every_header_constant_is_a_public_const_of_the_same_value():
    header, module = header_constants(), module_constants()
    missing = sorted(set(header) - set(module))
    extra = sorted(set(module) - set(header))
    assert not missing, f"INDEVAL_* macros without a Public Const in indeval.bas: {missing}"
    assert not extra, f"Public Consts of indeval.bas that indeval.h does not define: {extra}"
    wrong = {name: (module[name], value) for name, value in header.items()
             if module[name] != value}
    assert not wrong, f"Public Const values differing from indeval.h (module, header): {wrong}"


# ---- tests: the module text ---------------------------------------------------------------------

def test_module_text_imports_cleanly():
    data = module_bytes()
    bad = [i for i, b in enumerate(data) if b > 0x7F or (b < 0x20 and b not in (0x09, 0x0A, 0x0D))]
    assert not bad, f"indeval.bas must be plain ASCII; first offending byte at offset {bad[0]}"
    # CRLF everywhere: no bare LF, no bare CR
    assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r") > 0, \
        "indeval.bas must use CRLF line endings throughout"
    assert data.endswith(b"\r\n"), "indeval.bas must end with a line ending"
    lines = module_lines()
    assert lines[0] == 'Attribute VB_Name = "indeval"', \
        "the first line must be Attribute VB_Name = \"indeval\""
    assert "Option Explicit" in lines
    too_long = [n for n, line in enumerate(lines, 1) if len(line) > 1023]
    assert not too_long, f"lines longer than VBA's 1023 characters: {too_long}"
    run = 0
    for n, line in enumerate(lines, 1):
        run = run + 1 if re.search(r"(^|\s)_$", line.rstrip()) else 0
        assert run <= 24, f"line {n}: more than 24 line continuations in one statement"
    assert not any(line != line.rstrip() for line in lines), "trailing whitespace"


def test_readme_names_every_worksheet_function():
    readme = README.read_text(encoding="utf-8")
    public = [m for _, s, _ in logical_lines()
              for m in re.findall(r"^Public Function (\w+)", s)]
    assert "IndevalRate" in public and "IndevalRateRange" in public
    undocumented = [name for name in public if not re.search(rf"\b{name}\b", readme)]
    assert not undocumented, f"bindings/excel/README.md does not mention {undocumented}"


# ---- tests: what the module offers a VBA user ---------------------------------------------------

def _declared_scope(branch: str) -> dict:
    """entry point -> "Public" or "Private", for the Declares of indeval.dll in a branch."""
    scopes = {}
    for line, statement, b in logical_lines():
        m = re.match(r'(Public |Private )?Declare (?:PtrSafe )?Function (\w+) Lib "([^"]*)"'
                     r'(?: Alias "([^"]*)")?', statement, flags=re.I)
        if m and b == branch and m.group(3).lower() == LIB:
            scopes[m.group(4) or m.group(2)] = (m.group(1) or "Public").strip()
    return scopes


def _takes_utf8(params) -> bool:
    return any(re.fullmatch(r"(const )?char\*( const\*)?", ctype) for ctype, _ in params)


@pytest.mark.parametrize("branch", BRANCHES)
def test_utf8_forms_with_a_utf16_twin_are_private(branch):
    # VBA has no UTF-8 conversion (StrConv gives the local code page): where the header has a
    # UTF-16 (_w) form, a VBA user calls that one, and the UTF-8 twin stays declared but Private
    # (so the module still covers the whole ABI). A UTF-8 function without a twin stays Public:
    # it is VBA's only way to it (ASCII text, through StrConv).
    scopes = _declared_scope(branch)
    functions = header_functions()
    for name, params in functions.items():
        expected = "Private" if _takes_utf8(params) and name + "_w" in functions else "Public"
        assert scopes.get(name) == expected, \
            f"{name} should be declared {expected} in the {branch} branch, is {scopes.get(name)}"


def _procedures() -> dict:
    """name -> (header statement, body statements) for every Function/Sub of the module."""
    procs, current = {}, None
    for _, statement, _ in logical_lines():
        m = re.match(r"(?:Public |Private )?(?:Function|Sub) (\w+)\s*\((.*)\)(?: As (\w+))?$",
                     statement)
        if m and "Declare" not in statement:
            current = m.group(1)
            procs[current] = (statement, [])
        elif re.fullmatch(r"End (Function|Sub)", statement):
            current = None
        elif current:
            procs[current][1].append(statement)
    return procs


def test_worksheet_failures_are_excel_error_values():
    # A worksheet function returns Variant, so that a refused input is #VALUE! (CVErr) rather than
    # a message that looks like a result; the message goes to IndevalLastError.
    for name, (statement, body) in _procedures().items():
        if not re.match(r"Public Function Indeval", statement):
            continue
        returns = re.search(r"\) As (\w+)$", statement).group(1)
        if name in ("IndevalLastError", "IndevalLibraryError", "IndevalLoad", "IndevalRulesInfo",
                    "IndevalText"):
            continue
        assert returns == "Variant", f"{name} returns {returns}: it cannot give #VALUE!"
    body = " ".join(_procedures()["OneCell"][1])
    assert "CVErr(XL_ERR_VALUE)" in body and "lastFailure = LastErrorText()" in body
    assert module_private_const("XL_ERR_VALUE") == 2015  # xlErrValue


def module_private_const(name: str) -> int:
    for _, statement, _ in logical_lines():
        m = re.fullmatch(rf"Private Const {name} As Long = (-?\d+)", statement)
        if m:
            return int(m.group(1))
    raise AssertionError(f"no Private Const {name} As Long")


def test_strptr_is_taken_only_of_buffers_and_through_indevaltext():
    # StrPtr of an empty String can be 0, which the library refuses as NULL: text going in is
    # passed through IndevalText; StrPtr itself is for the String$ buffers text comes out in.
    for name, (statement, body) in _procedures().items():
        for line in body:
            for argument in re.findall(r"\bStrPtr\((\w+)\)", line):
                allowed = {"chars"} | ({"Text", "emptyText"} if name == "IndevalText" else set()) \
                    | ({"DllPath"} if name == "LoadFrom" else set())
                assert argument in allowed, f"{name}: StrPtr({argument}) in: {line}"


def test_flags_reach_vba_as_booleans():
    statement, body = _procedures()["IndevalRulesInfo"]
    assert "ByRef NeedsTarget As Boolean" in statement and "ByRef NeedsCohort As Boolean" in statement
    assert "NeedsTarget = (targetFlag <> 0)" in body and "NeedsCohort = (cohortFlag <> 0)" in body


def test_loading_is_checked_and_the_abi_compared():
    statement, body = _procedures()["EnsureLoaded"]
    text = "\n".join(body)
    assert "If abiChecked Then Exit Sub" in text
    assert "indeval_abi_version(majorVersion, minorVersion)" in text
    assert "majorVersion <> INDEVAL_ABI_MAJOR Or minorVersion < INDEVAL_ABI_MINOR" in text
    assert text.rstrip().endswith("abiChecked = True"), "marked done only after the checks pass"
    load = "\n".join(_procedures()["IndevalLoad"][1])
    assert "If IndevalLoad Then" in load and "dllLoaded = True" in load
    assert not re.search(r"^\s*dllLoaded = True", load.split("If IndevalLoad Then")[0], re.M)


def test_figures_of_every_numeric_variant_type():
    _, body = _procedures()["FigureOf"]
    cases = next(line for line in body if line.startswith("Case vbDouble"))
    for vartype in ("vbDouble", "vbSingle", "vbLong", "vbInteger", "vbByte", "vbCurrency",
                    "vbDecimal", "VB_LONG_LONG"):
        assert vartype in cases, f"FigureOf ignores {vartype}"
    assert module_private_const("VB_LONG_LONG") == 20  # vbLongLong
