"""Opening the library for the window: the writer on its worker thread, and the GUI's reader.

`open_library` opens both halves; `open_session` wraps them with the gateway. A restore closes
the gateway's library (`Gateway.release`) and hands it a freshly opened one (`Gateway.attach`),
so the same window and views carry on over the restored library.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.gui.files import OnDemandReader
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.worker import LibraryWorker
from desktop_app.ingest.references import find_references
from desktop_app.paths import LibraryPaths
from desktop_app.reference.ccl import load_ccl
from desktop_app.storage.library import Library


@dataclass
class Session:
    """An open library as the window uses it: the gateway (writer worker, reader) and files."""

    gateway: Gateway
    files: OnDemandReader

    @property
    def worker(self) -> LibraryWorker | None:
        """The writer worker, or None when the library is open read-only."""
        return self.gateway.worker

    def close(self) -> None:
        """Finish pending writes and builds, stop the file readers and close the connections."""
        self.gateway.release()
        self.files.close()


def open_library(
    paths: LibraryPaths, *, write: bool = True, check_later: bool = False
) -> tuple[Library, LibraryWorker | None]:
    """Open the writer on its thread (if ``write``), then a reader here: (reader, worker).

    A library that fails its check keeps no writer: it opens read-only with the problem shown.
    With ``check_later`` the writer skips ``quick_check`` (seconds for a big library) and the
    window runs it on the writer's thread after its first paint (`Gateway.check_library`).
    """
    deferred = write and check_later
    worker = (
        LibraryWorker(lambda: Library.open(paths, write=True, checked=deferred)) if write else None
    )
    if worker is not None and worker.problem is not None:
        worker.close()
        worker = None
    try:
        # The writer has just run quick_check on the same file: reading it all again doubled
        # the time to open a big library.
        reader = Library.open(paths, write=False, checked=worker is not None)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    return reader, worker


def open_session(
    paths: LibraryPaths, actor: str, *, write: bool = True, check_later: bool = False
) -> Session:
    """Open the library for the window (see `open_library`) with its gateway."""
    reader, worker = open_library(paths, write=write, check_later=check_later)
    files = OnDemandReader()
    gateway = Gateway(
        reader,
        worker,
        actor,
        ccl=load_ccl,
        file_reader=files,
        find_refs=find_references,
    )
    gateway.unchecked = check_later and worker is not None
    return Session(gateway, files)
