"""The window's file readers, started when the first file is attached, not at start-up.

Importing the readers (and the child processes they run) costs time the window should not spend
before it first paints; most sessions never attach a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.documents import ParsedFile, Rejected

if TYPE_CHECKING:
    from desktop_app.importing import FileReader


class OnDemandReader:
    """A `core.correspondence.ReadAhead` that builds the isolated readers on first use."""

    def __init__(self) -> None:
        self._reader: FileReader | None = None

    def _get(self) -> FileReader:
        if self._reader is None:
            from desktop_app.importing import FileReader  # noqa: PLC0415 - see module doc

            self._reader = FileReader.isolated()
        return self._reader

    def __call__(self, path: Path, staging: Path) -> ParsedFile | Rejected:
        """Read one file through a copy in ``staging``."""
        return self._get()(path, staging)

    def read_each(self, paths: list[Path], staging: Path) -> Iterator[ParsedFile | Rejected]:
        """Read ``paths`` in order, working ahead."""
        return self._get().read_each(paths, staging)

    def close(self) -> None:
        """Stop the readers if they were started."""
        if self._reader is not None:
            self._reader.close()
