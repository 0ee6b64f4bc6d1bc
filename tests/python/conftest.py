"""Shared setup of the Python tests (``/usr/bin/python3 -m pytest tests/python``).

- The package is imported from the source tree: ``bindings/python`` goes first on ``sys.path``.
- The native library is the one named by ``INDEVAL_LIBRARY`` (ctest sets it to the library it just
  built); without it the package looks in its own folder, then in the build tree
  (``build/release``, ``build/dev``, then any other ``build/*``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE_ROOT = REPO / "bindings" / "python"

if str(PACKAGE_ROOT) not in sys.path:
    sys.path.insert(0, str(PACKAGE_ROOT))


def pytest_report_header(config):
    try:
        from indeval import _native
        return f"indeval library: {_native.find_library()}"
    except Exception as e:  # the tests that need it will say so too
        return f"indeval library: not found ({e})"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
