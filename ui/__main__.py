"""`python -m ui` (and the PyInstaller bundle) start Spacebank like the `spacebank` command."""

from __future__ import annotations

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
