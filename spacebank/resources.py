"""Finds bundled files (fonts, logo) from source or from a PyInstaller bundle.

The core cannot import `ui`, so this is the one helper both layers use.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/ (PyInstaller unpacks to sys._MEIPASS)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)
