"""Finds bundled files whether running from source or from a PyInstaller bundle."""

from __future__ import annotations

from spacebank.resources import resource_path

__all__ = ["resource_path"]
