"""Functions whose module is imported on first call.

ReportLab, openpyxl and icalendar add ~250 ms and tens of MB to start-up if imported
with the screens that merely offer them; the app loads them when a document, export or
calendar is first made.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def imported_on_call(target: str) -> Callable[..., Any]:
    """`"package.module:function"` as a callable that imports the module when called."""
    module_name, _, name = target.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module_name), name)(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = f"{module_name}.{name}"
    return call
