"""The binding types no name table: its enums' codes are indeval.h's, member for member, and their
names come from the library (the VBA module's Public Consts are checked against the same header by
test_excel_module.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import indeval
from indeval import _enums

HEADER = Path(__file__).resolve().parents[2] / "capi" / "include" / "indeval.h"


def header_macros() -> dict:
    text = HEADER.read_text(encoding="utf-8")
    return {name: int(value) for name, value in
            re.findall(r"^#define (INDEVAL_\w+) \(?(-?\d+)\)?", text, flags=re.M)}


@pytest.mark.parametrize("enum", list(_enums.HEADER_PREFIXES), ids=lambda e: e.__name__)
def test_enum_codes_are_the_header_codes(enum):
    prefix = _enums.HEADER_PREFIXES[enum]
    macros = {name[len(prefix):]: value for name, value in header_macros().items()
              if name.startswith(prefix) and value >= 0}
    members = {m.name: m.value for m in enum}
    assert members == macros


def test_names_come_from_the_library():
    assert str(indeval.Status.AMBER) == "Amber"
    assert str(indeval.Direction.NONE) == "-"
    assert str(indeval.Reason.NO_DATA) == "no data"
    assert indeval.Polarity.parse("higher is better") == indeval.Polarity.BIB
    assert indeval.Unit.parse("%") == indeval.Unit.PERCENT
    assert indeval.Status.parse(" green ") == indeval.Status.GREEN
    with pytest.raises(ValueError):
        indeval.Status.parse("Yellow")


def test_no_name_table_in_the_binding():
    source = Path(_enums.__file__).read_text(encoding="utf-8")
    for word in ('"Amber"', '"improved"', '"BIB"', '"percent"', '"no data"'):
        assert word not in source
