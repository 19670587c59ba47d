"""Copies of originals outside the library: "Save original as…" and "Open original".

Opening never runs anything from the library: the bytes are copied, under a safe name, into a
private folder (mode 0700) under ``<data-dir>/opened`` and handed to the system viewer; types
that can run code are opened only after the person confirms. The copies are removed when the
window closes, and swept at the next start after a crash.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop_app.core.documents import Document
from desktop_app.core.filenames import safe_filename
from desktop_app.errors import UserError
from desktop_app.storage.files import write_replacing


class OriginalCopies:
    """Makes and later removes the private copies handed to viewers."""

    def __init__(self, base: Path) -> None:
        self._base = base

    def save_as(self, data: bytes, target: Path) -> None:
        """Write a copy of an original where the person chose.

        A file already there is replaced only once the copy is complete, so a full disk never
        leaves it half-written.
        """
        try:
            write_replacing(data, target)
        except OSError as exc:
            raise UserError(
                f"Could not save the copy to {target}: {exc.strerror or exc}. The original is "
                "unchanged in the library."
            ) from None

    def open(self, document: Document, data: bytes) -> Path:
        """Copy an original to a private folder and open it with the system viewer."""
        self._base.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=self._base))
        copy = folder / safe_filename(document.filename, document.sha256)
        copy.write_bytes(data)
        copy.chmod(0o400)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        return copy

    def clean(self) -> None:
        """Remove every private copy (this session's, and any a crash left behind)."""
        shutil.rmtree(self._base, ignore_errors=True)
