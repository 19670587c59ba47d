"""The file choosers: they open where counsel keep their files, then where they last went.

A Qt file dialog given no folder opens in the process's working folder — for the installed app,
the program's own folder. These open first in the person's Documents folder (their home when
there is none), and afterwards, for each purpose (attaching files, saving a memo, backups…), in
the folder chosen last time in this session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last: dict[str, Path] = {}
"""The folder each purpose last chose, for this session."""


def start_folder(purpose: str) -> Path:
    """Where a chooser for ``purpose`` opens: the folder it chose last, else Documents or home."""
    last = _last.get(purpose)
    if last is not None and last.is_dir():
        return last
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def open_files(parent: QWidget, title: str, purpose: str, filters: str = "") -> list[Path]:
    """Files to read, chosen by the person (none if they cancel)."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent, title, str(start_folder(purpose)), filters
    )
    paths = [Path(p) for p in chosen]
    if paths:
        _last[purpose] = paths[0].parent
    return paths


def open_file(parent: QWidget, title: str, purpose: str, filters: str = "") -> Path | None:
    """One file to read, chosen by the person (None if they cancel)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(purpose)), filters
    )
    return _remember(purpose, chosen)


def save_file(
    parent: QWidget, title: str, purpose: str, suggested: str, filters: str = ""
) -> Path | None:
    """Where to write a file, ``suggested`` as its name (None if they cancel)."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder(purpose) / suggested), filters
    )
    return _remember(purpose, chosen)


def folder(parent: QWidget, title: str, purpose: str) -> Path | None:
    """A folder, chosen by the person (None if they cancel)."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(purpose)))
    if not chosen:
        return None
    _last[purpose] = Path(chosen)
    return Path(chosen)


def _remember(purpose: str, chosen: str) -> Path | None:
    if not chosen:
        return None
    _last[purpose] = Path(chosen).parent
    return Path(chosen)
