"""What an import is given, path by path: a file to read, or why it is not read.

Every path given or found in a folder ends with an outcome (issue 16 point 4): a regular file
is read; a folder is walked (sorted, links inside it not followed); anything else — a path that
does not exist, a link inside a folder, a dangling link, a FIFO, a device or socket, a folder
that cannot be opened — becomes "not read" with its reason, and nothing is stored for it.
A link named on the command line or dropped by counsel is their choice and is followed to a
regular file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop_app.core.documents import FileOutcome, Outcome

Entry = Path | FileOutcome


def walk(paths: Iterable[Path]) -> Iterator[Entry]:
    """Each path given, in order: the file to read, or its "not read" outcome; folders walked."""
    for path in paths:
        yield from _given(path)


def _given(path: Path) -> Iterator[Entry]:
    try:
        found = path.stat()  # a link given by counsel is followed
    except FileNotFoundError:
        why = "a link to nothing" if path.is_symlink() else "there is no such file or folder"
        yield _not_read(path, why)
        return
    except OSError as error:
        yield _not_read(path, f"could not be opened ({error.strerror or error})")
        return
    if stat.S_ISDIR(found.st_mode):
        yield from _folder(path)
    else:
        yield path if stat.S_ISREG(found.st_mode) else _not_read(path, _kind(found.st_mode))


def _folder(folder: Path) -> Iterator[Entry]:
    """The folder's entries, sorted and depth first; links are named, never followed."""
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)
    except OSError as error:
        yield _not_read(folder, f"the folder could not be read ({error.strerror or error})")
        return
    for name in names:
        path = folder / name
        try:
            found = path.lstat()
        except OSError as error:
            yield _not_read(path, f"could not be opened ({error.strerror or error})")
            continue
        if stat.S_ISLNK(found.st_mode):
            yield _not_read(path, "a link inside a folder is not followed; import its target")
        elif stat.S_ISDIR(found.st_mode):
            yield from _folder(path)
        elif stat.S_ISREG(found.st_mode):
            yield path
        else:
            yield _not_read(path, _kind(found.st_mode))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def _not_read(path: Path, why: str) -> FileOutcome:
    return FileOutcome(str(path), Outcome.NOT_READ, why)
