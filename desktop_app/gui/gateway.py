"""The window's single way to the library: reads on the GUI thread, writes through the worker.

Every write runs a `MatterService` call on the writer thread via `run_op`; when it succeeds the
gateway announces `library_changed` so views reload from the read connection.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop_app.core.correspondence import CorrespondenceService, Reader
from desktop_app.core.documents import Document, FileOutcome
from desktop_app.core.models import AuditEntry, Matter, MatterRecord, MatterSummary
from desktop_app.core.services import MatterService
from desktop_app.errors import ReadOnlyLibraryError
from desktop_app.gui.widgets.progress import ProgressRelay
from desktop_app.gui.worker import LibraryWorker
from desktop_app.reference.ccl import CclEdition
from desktop_app.storage import queries
from desktop_app.storage.library import Library

T = TypeVar("T")
Op = Callable[[MatterService], T]


class Gateway(QObject):
    """Reads and writes for the window."""

    library_changed = Signal(object)
    """A write succeeded: its result (often the stored record)."""
    write_failed = Signal(object)
    """A write failed: the exception, for a dialog-less caller to show."""

    def __init__(
        self,
        reader: Library,
        worker: LibraryWorker | None,
        actor: str,
        *,
        ccl: Callable[[], CclEdition],
        file_reader: Reader,
        find_refs: Callable[[str], tuple[str, ...]],
    ) -> None:
        super().__init__()
        self.reader = reader
        self.worker = worker
        self.actor = actor
        self._ccl = ccl
        self.file_reader = file_reader
        self.find_refs = find_refs

    @property
    def ccl(self) -> CclEdition:
        """The shipped Commerce Control List, read on first use (it is 1 MB of JSON)."""
        return self._ccl()

    @property
    def writable(self) -> bool:
        """False when the library is open read-only (held elsewhere, or failing its check)."""
        return self.worker is not None and self.reader.problem is None

    def docket(self) -> list[MatterSummary]:
        """Every matter with its counts."""
        return queries.docket(self.reader.db)

    def record(self, matter_id: int) -> MatterRecord:
        """One matter with everything on it."""
        return queries.matter_record(
            self.reader.db, queries.matter_by_id(self.reader.db, matter_id)
        )

    def find_matter(self, number: str) -> Matter:
        """The matter with this number (any case), or NotFoundError."""
        return queries.matter_by_number(self.reader.db, number)

    def history(self, matter_id: int) -> list[AuditEntry]:
        """The matter's audit entries, newest first."""
        return queries.history(self.reader.db, matter_id)

    def write(
        self,
        op: Op[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``op(service)`` with the matter service on the writer thread."""
        actor = self.actor
        heading = self.eccn_heading
        self.run(
            lambda library: op(MatterService(library, actor, eccn_heading=heading)),
            on_done,
            on_error,
        )

    def eccn_heading(self, eccn: str) -> str | None:
        """The heading of an ECCN in the shipped CCL, or None when it is not listed."""
        return self.ccl.heading(eccn)

    def file_documents(
        self,
        op: Callable[[CorrespondenceService], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``op(service)`` with the correspondence service on the writer thread."""
        actor = self.actor
        self.run(
            lambda library: op(
                CorrespondenceService(library, library.blobs, actor, find_refs=self.find_refs)
            ),
            on_done,
            on_error,
        )

    def run(
        self,
        op: Callable[[Library], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``op(library)`` on the writer thread; report back on the GUI thread."""
        if self.worker is None or not self.writable:
            (on_error or self.write_failed.emit)(
                ReadOnlyLibraryError("This library is open read-only.")
            )
            return

        def done(result: T) -> None:
            if on_done is not None:
                on_done(result)
            self.library_changed.emit(result)

        self.worker.run_op(op, done, on_error or self.write_failed.emit)

    def import_files(
        self,
        matter_id: int,
        paths: list[Path],
        progress: ProgressRelay,
        on_done: Callable[[list[FileOutcome]], None],
    ) -> None:
        """File ``paths`` on a matter off the GUI thread, reporting to ``progress``."""
        read = self.file_reader

        def op(service: CorrespondenceService) -> list[FileOutcome]:
            return service.import_paths(
                matter_id, paths, read, progress=progress.report, cancelled=progress.cancelled
            )

        def finished(outcomes: list[FileOutcome]) -> None:
            progress.finish()
            on_done(outcomes)

        def failed(error: BaseException) -> None:
            progress.finish()
            self.write_failed.emit(error)

        self.file_documents(op, finished, failed)

    def document_text(self, document_id: int) -> str:
        """The text read from a document."""
        return queries.document_text(self.reader.db, document_id)

    def original(self, sha256: str) -> bytes:
        """The original bytes of a document, from the blob store."""
        return self.reader.blobs.read(sha256)

    def document_submitter(self) -> Callable[..., None]:
        """A `FormDialog` submit function that re-files a document."""

        def submit(
            record: Document,
            on_done: Callable[[Document], None],
            on_error: Callable[[BaseException], None],
        ) -> None:
            self.file_documents(lambda service: service.update_document(record), on_done, on_error)

        return submit

    def submitter(self, op: Callable[[MatterService, Any], T]) -> Callable[..., None]:
        """A `FormDialog` submit function that saves the dialog's record with ``op``."""

        def submit(
            record: Any, on_done: Callable[[T], None], on_error: Callable[[BaseException], None]
        ) -> None:
            self.write(lambda service: op(service, record), on_done, on_error)

        return submit
