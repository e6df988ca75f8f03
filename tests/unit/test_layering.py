"""The core must stay importable without Qt: widgets depend on it, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "spacebank"
FORBIDDEN = ("PySide6", "ui")


def test_core_never_imports_qt_or_ui() -> None:
    assert _imports_of(CORE, FORBIDDEN) == []


def test_documents_need_no_database() -> None:
    """Documents render DTOs; the document service is what reads the database."""
    banned = ("sqlalchemy", "spacebank.services", "spacebank.storage")
    assert _imports_of(CORE / "documents", banned) == []


def _imports_of(folder: Path, banned: tuple[str, ...]) -> list[str]:
    offenders = []
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(CORE.parent)}: {name}"
                for name in names
                if any(name == b or name.startswith(b + ".") for b in banned)
            ]
    return offenders
