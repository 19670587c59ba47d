"""Logging to rotating files in the library's logs/ folder.

Only operations, ids and tracebacks are logged; never the text of a matter, a party's details
or a document (docs/reliability.md T25).
"""

from __future__ import annotations

import errno
import io
import logging
import os
from logging.handlers import RotatingFileHandler

from desktop_app.errors import LibraryError
from desktop_app.paths import LibraryPaths

LOG_NAME = "compliance-desk.log"


class PrivateLogHandler(RotatingFileHandler):
    """A rotating log whose files are readable by their owner only (0600), rotated ones too."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


_NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def setup_logging(paths: LibraryPaths) -> None:
    """Send our log records to logs/compliance-desk.log (1 MB × 5 files)."""
    root = logging.getLogger("desktop_app")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        paths.logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateLogHandler(
            paths.logs / LOG_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        if exc.errno in _NOT_WRITABLE and paths.database.is_file():
            return  # a library on a read-only volume is still read; its log is not kept
        raise LibraryError(
            f"Cannot use {paths.root} as the library folder ({exc.strerror}). Choose a folder "
            "you can write to with --data-dir."
        ) from exc
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
