"""The browser test imports the package from the source tree, like tests/python."""

import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "bindings" / "python"
if str(PACKAGE_ROOT) not in sys.path:
    sys.path.insert(0, str(PACKAGE_ROOT))
