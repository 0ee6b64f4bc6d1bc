"""``python3 -m indeval``: see indeval.cli."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
