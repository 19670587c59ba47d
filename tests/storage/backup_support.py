"""Helpers shared by the backup, restore and rotation tests (not a test module)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop_app.core.models import Note
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.library import Library

Rows = dict[str, list[tuple[object, ...]]]


def filled_library(root: Path, notes: int = 3) -> LibraryPaths:
    """A closed library in ``root`` holding the sample matters (with originals) and notes."""
    paths = LibraryPaths(root)
    library = Library.open(paths, write=True)
    try:
        matters = add_sample_matters(library)
        service = MatterService(library, actor="test")
        for n in range(notes):
            service.add_note(Note(matters[0].id, f"note {n}"))
    finally:
        library.close()
    return paths


def logical_dump(database: Path) -> Rows:
    """Every row of every table of a database file, in a stable order."""
    conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM [{table}]")), key=repr)
            for table in tables
        }
    finally:
        conn.close()


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → bytes); empty when ``root`` is missing."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def docket(paths: LibraryPaths) -> list[object]:
    """The matters of a library as the docket lists them."""
    library = Library.open(paths, write=False)
    try:
        return list(queries.docket(library.db))
    finally:
        library.close()


def copied(paths: LibraryPaths, root: Path) -> LibraryPaths:
    """A copy of the closed library ``paths`` in ``root`` (quicker than making another)."""
    shutil.copytree(paths.root, root)
    return LibraryPaths(root)
