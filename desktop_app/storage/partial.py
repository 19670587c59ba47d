"""Hidden work folders beside a target (``.NAME.KIND-xxxxxxxx``) that a killed process can leave.

A builder locks ``.NAME.KIND-xxxxxxxx.lock`` before it makes its folder and lets go only after
renaming the folder into place, so a folder whose lock can be taken belongs to a process that
died, and is removed by the next one (`sweep`). Only folders this user owns are touched, never
through a link: a backup target may sit in a folder other people share.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from desktop_app.errors import LibraryLockedError
from desktop_app.storage import files
from desktop_app.storage.lock import LibraryLock


class Building:
    """A private work folder beside ``target``, alive while this object holds its lock."""

    def __init__(self, target: Path, kind: str) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        name = f".{target.name}.{kind}-{secrets.token_hex(4)}"
        self.folder = target.parent / name
        self._lock_path = target.parent / f"{name}.lock"
        self._lock = LibraryLock(self._lock_path)
        self._lock.acquire()
        try:
            self.folder.mkdir(mode=files.PRIVATE_DIR)
        except BaseException:
            self.finish()
            raise

    def finish(self) -> None:
        """Let go: the folder was renamed into place or removed."""
        self._lock.release()
        self._lock_path.unlink(missing_ok=True)


def sweep(target: Path, kind: str) -> int:
    """Remove the work folders of dead builders beside ``target``; return how many."""
    return sweep_folder(target.parent, f".{target.name}.{kind}-*")


def sweep_folder(folder: Path, pattern: str) -> int:
    """Remove the dead builders' work folders in ``folder`` whose names match ``pattern``."""
    removed = 0
    for leftover in folder.glob(pattern):
        if leftover.name.endswith(".lock"):
            if not leftover.with_name(leftover.name.removesuffix(".lock")).exists():
                _drop_lock(leftover)  # a builder killed before it made its folder
            continue
        if _own_folder(leftover) and _drop_lock(
            leftover.with_name(leftover.name + ".lock"), leftover
        ):
            removed += 1
    return removed


def _drop_lock(lock_path: Path, work: Path | None = None) -> bool:
    """Take a dead builder's lock, remove its ``work`` folder and the lock; False if alive."""
    lock = LibraryLock(lock_path)
    try:
        lock.acquire()
    except LibraryLockedError:
        return False  # its builder is alive
    try:
        if work is not None:
            files.remove_tree(work)
    finally:
        lock.release()
        lock_path.unlink(missing_ok=True)
    return True


def _own_folder(path: Path) -> bool:
    try:
        found = os.lstat(path)
    except OSError:
        return False
    mine = os.name != "posix" or found.st_uid == os.getuid()
    return path.is_dir() and not path.is_symlink() and mine
