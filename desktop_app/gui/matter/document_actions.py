"""What the workspace does with files: attach and import them, save or open their originals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.documents import Direction, Document, FileOutcome, Filing, Outcome
from desktop_app.core.filenames import is_risky, safe_filename
from desktop_app.core.text import visible
from desktop_app.gui.file_dialogs import open_files, save_file
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.originals import OriginalCopies
from desktop_app.gui.tasks import LongTask
from desktop_app.i18n import _


class DocumentActions(QObject):
    """Filing files on the open matter and handing out copies of originals.

    ``direction`` says which way files attached or dropped now travelled (counsel's choice).
    """

    import_finished = Signal(str)
    """An import ended: a one-sentence summary."""

    def __init__(
        self,
        gateway: Gateway,
        copies: OriginalCopies,
        parent: QWidget,
        matter_id: Callable[[], int | None],
        show_tab: Callable[[str], None],
        *,
        direction: Callable[[], Direction] = lambda: Direction.UNKNOWN,
    ) -> None:
        super().__init__(parent)
        self._gateway, self.copies, self._parent = gateway, copies, parent
        self._matter_id, self._show_tab, self._direction = matter_id, show_tab, direction

    def attach_files(self) -> None:
        """Choose files to attach to the matter."""
        chosen = open_files(self._parent, _("Attach files to the matter"), "attach")
        if chosen:
            self.import_paths(chosen)

    def import_paths(self, paths: list[Path]) -> None:
        """File these files (and folders) on the matter, with progress and Cancel."""
        matter_id = self._matter_id()
        if matter_id is None or not paths:
            return
        paths_of = self._gateway.reader.paths
        task = LongTask(self._parent, _("Filing documents…"), _("Documents not filed"), paths_of)
        filing = Filing(direction=self._direction())
        self._gateway.import_files(matter_id, paths, task, self._report_import, filing=filing)

    def _report_import(self, outcomes: list[FileOutcome]) -> None:
        self._show_tab("correspondence")
        summary = import_summary(outcomes)
        unfiled = (Outcome.QUARANTINED, Outcome.FAILED, Outcome.NOT_READ)
        refused = [o for o in outcomes if o.outcome in unfiled]
        if refused:
            details = "\n".join(f"{visible(Path(o.path).name)}: {o.reason}" for o in refused[:20])
            QMessageBox.warning(
                self._parent, _("Some files were not filed"), f"{summary}\n\n{details}"
            )
        self.import_finished.emit(summary)

    def save_original(self, document: Document) -> None:
        """Save a copy of a document's original bytes where the person chooses."""
        suggested = safe_filename(document.filename, document.sha256)
        target = save_file(self._parent, _("Save original as"), "original", suggested)
        if target is not None:
            self.copies.save_as(self._gateway.original(document.sha256), target)

    def open_original(self, document: Document) -> None:
        """Open a private copy of the original in the system viewer (asking for risky types)."""
        if is_risky(document.filename):
            question = _(
                "{name} is a type of file that can run code on this computer. Open it only "
                "if you trust where it came from. Open it anyway?"
            ).format(name=visible(document.filename))
            answer = QMessageBox.question(self._parent, _("Open original"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.copies.open(document, self._gateway.original(document.sha256))


def local_paths(data: QMimeData) -> list[Path]:
    """The local files and folders in dropped data."""
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def import_summary(outcomes: list[FileOutcome]) -> str:
    """One sentence on an import: how many filed, duplicate, quarantined."""
    counts = {kind: sum(1 for o in outcomes if o.outcome is kind) for kind in Outcome}
    summary = _("{i} filed, {d} already on file, {q} quarantined.").format(
        i=counts[Outcome.IMPORTED], d=counts[Outcome.DUPLICATE], q=counts[Outcome.QUARANTINED]
    )
    if counts[Outcome.NOT_READ]:
        summary += " " + _("{n} not read.").format(n=counts[Outcome.NOT_READ])
    if counts[Outcome.FAILED]:
        summary += " " + _("The import stopped: the library could not take the next file.")
    return summary
