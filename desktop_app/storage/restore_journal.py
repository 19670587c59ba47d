"""Restore's swap made recoverable: a journal in the library folder says how far it got.

Restore moves the old library's files aside one by one, then renames the backup's originals
and database in (`restore._swap_in`). A kill between two of those renames used to leave the live
library without its originals, and a second restore then split the old library across two
folders. Now the swap writes ``restore-journal`` first (the aside folder and the phase), and
whoever takes the writer lock next finishes the story before anything else (`recover`):

- phase ``moving`` (old files going aside): every file goes back; the restore did not happen.
- phase ``installing`` (old files all aside): with the new database in place the restore is
  complete and the journal goes; without it the partly installed copy of the backup (the backup
  itself is untouched) is removed and the old library goes back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop_app.storage import files
from desktop_app.storage.manifest import BLOBS, DATABASE

JOURNAL = "restore-journal"
KEPT_IN_PLACE = frozenset({"lock", "logs", JOURNAL, f"{JOURNAL}.new"})
"""What a restore leaves in the library folder: the lock it holds, the logs, the journal."""
MOVING = "moving"
INSTALLING = "installing"


def write(root: Path, aside: Path, phase: str) -> None:
    """Record (durably) that the swap into ``root`` is in ``phase``, the old files in ``aside``."""
    temp = root / f"{JOURNAL}.new"
    temp.write_text(json.dumps({"aside": aside.name, "phase": phase}), encoding="utf-8")
    files.fsync_file(temp)
    os.replace(temp, root / JOURNAL)
    files.fsync_dir(root)


def finish(root: Path) -> None:
    """The swap completed: the journal goes."""
    (root / JOURNAL).unlink(missing_ok=True)
    files.fsync_dir(root)


def recover(root: Path) -> str | None:
    """Complete or undo a swap a kill interrupted; what was done, or None when nothing was."""
    journal = root / JOURNAL
    if journal.is_symlink() or not journal.is_file():
        return None
    entry = json.loads(journal.read_text(encoding="utf-8"))
    aside = root.parent / str(entry["aside"])
    if entry["phase"] == INSTALLING and (root / DATABASE).is_file():
        finish(root)
        return f"an interrupted restore had completed; the old library is in {aside}"
    if entry["phase"] == INSTALLING:
        for name in (BLOBS, DATABASE):
            files.remove_tree(root / name)
    _move_back(aside, root)
    finish(root)
    return f"an interrupted restore was undone; the library is as it was before it ({root})"


def _move_back(aside: Path, root: Path) -> None:
    if aside.is_dir() and not aside.is_symlink():
        for moved in sorted(aside.iterdir()):
            if moved.name in KEPT_IN_PLACE:
                continue
            if files.is_empty_tree(root / moved.name):  # an empty folder made since: in the way
                files.remove_tree(root / moved.name)
            if not (root / moved.name).exists():
                os.replace(moved, root / moved.name)
        files.fsync_dir(root)
        if not any(aside.iterdir()):
            aside.rmdir()
