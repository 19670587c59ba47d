"""Opening the library for a command: as the writer, or read-only when it cannot be written."""

from __future__ import annotations

import getpass
import logging
import sqlite3
import sys
from typing import TYPE_CHECKING

from desktop_app.errors import LibraryDamagedError, LibraryError, LibraryLockedError, UserError
from desktop_app.paths import LibraryPaths

if TYPE_CHECKING:
    from desktop_app.storage.library import Library

log = logging.getLogger(__name__)


def open_for_reading(paths: LibraryPaths) -> Library:
    """Open a library to read it; read-only when it cannot be written just now.

    As the writer when free, so a new library is created and an old one upgraded. When another
    process writes, the disk is full or the volume is read-only, an existing library is read
    read-only instead (with a warning saying why); a damaged one is never opened that way here.
    """
    try:
        library = _library().open(paths, write=True)
    except LibraryDamagedError:
        raise
    except LibraryError as refused:
        if not paths.database.exists():
            raise
        library = _read_only_instead(paths, refused)
    if library.problem:
        print(
            f"compliance-desk: warning: library opened read-only: {library.problem}",
            file=sys.stderr,
        )
    _warn(library)
    return library


def _read_only_instead(paths: LibraryPaths, refused: LibraryError) -> Library:
    try:
        library = _library().open(paths, write=False)
    except LibraryError:
        raise refused from None
    if not isinstance(refused, LibraryLockedError):
        print(f"compliance-desk: warning: read-only: {refused.message}", file=sys.stderr)
    return library


def open_for_writing(paths: LibraryPaths) -> Library:
    """Open a library as its single writer, printing its warnings (location, backup) once."""
    library = _library().open(paths, write=True)
    _warn(library)
    _follow_the_clock(library)
    return library


def _library() -> type[Library]:
    """The storage layer, imported when a command first opens the library, not at start.

    Every command module imports this one; importing storage (sqlite-utils and the codec) at
    the top would charge it to ``--help``, to the window's start and to each command's start.
    """
    from desktop_app.storage.library import Library  # noqa: PLC0415 - see the docstring

    return Library


def _follow_the_clock(library: Library) -> None:
    """Statuses that change with time (day 45 after an intent to deny) are recorded first."""
    from desktop_app.core.decisions import DecisionService  # noqa: PLC0415 - rules load

    try:
        DecisionService(library, getpass.getuser()).follow_the_clock()
    except (UserError, sqlite3.Error) as exc:
        log.warning("statuses not brought up to date: %s", type(exc).__name__)


_WARNED: set[str] = set()


def _warn(library: Library) -> None:
    for warning in library.warnings:
        if warning not in _WARNED:
            _WARNED.add(warning)
            print(f"compliance-desk: warning: {warning}", file=sys.stderr)
