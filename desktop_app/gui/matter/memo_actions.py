"""Building, saving, printing and issuing a matter's memo from the Memos tab.

A build runs off the GUI thread (`Gateway.build`, or the writer for an issue) with a progress
dialog whose Cancel stops it between steps; a cancelled build's result is never shown. reportlab
is imported only inside the operations, on the worker, so it stays off the window's start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.documents import FileOutcome, Outcome
from desktop_app.errors import UserError
from desktop_app.gui.file_dialogs import save_file
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.memo_preview import BuildKey, Built, MemoPreview, memo_filename
from desktop_app.gui.matter.memo_print import print_document
from desktop_app.gui.tasks import LongTask, report_failure
from desktop_app.i18n import _
from desktop_app.storage.files import write_replacing
from desktop_app.storage.library import Library

Then = Callable[[Built], None]


@dataclass(frozen=True)
class Issued:
    """A memo filed on its matter: how the filing went, and the bytes filed."""

    outcome: FileOutcome
    built: Built


class MemoOutputs(QObject):
    """Preview, Save as, Print and Issue for the memo of the open matter."""

    message = Signal(str)
    """A one-sentence result for the tab's status line."""

    def __init__(self, gateway: Gateway, pane: MemoPreview, parent: QWidget) -> None:
        super().__init__(parent)
        self._gateway, self.pane, self._parent = gateway, pane, parent
        self.as_of = date.today()
        self.building: BuildKey | None = None
        self.task: LongTask | None = None
        """The build or issue under way, if any."""

    def preview(self, key: BuildKey, then: Then | None = None) -> None:
        """Build the memo for ``key`` off the GUI thread and show it; then ``then(built)``."""
        task = self._task(_("Building the memo…"), _("Memo not built"))
        as_of, self.building = self.as_of, key

        actor = self._gateway.actor

        def op(library: Library) -> Built:
            return _build(library, key, as_of, task, actor=actor)

        def done(built: Built) -> None:
            if not self.pane.show_built(built):
                self._failed(_("Memo not shown"), UserError(_("The built PDF could not be read.")))
            elif then is not None:
                then(built)
            else:
                self.message.emit(_("Preview built."))

        task.start(
            lambda on_done, on_error: self._gateway.build(op, on_done, on_error),
            done,
            on_cancelled=lambda: self.message.emit(_("Preview cancelled.")),
            on_end=self._ended,
        )

    def save_as(self, built: Built) -> None:
        """Ask where, then write exactly ``built``'s bytes there (replacing a file safely)."""
        target = save_file(
            self._parent, _("Save memo as"), "memo", built.filename, _("PDF files (*.pdf)")
        )
        if target is None:
            return
        try:
            write_replacing(built.data, target)
        except OSError as exc:
            error = UserError(
                _("Could not save the memo to {target}: {why}. Nothing else changed.").format(
                    target=target, why=exc.strerror or exc
                )
            )
            self._failed(_("Memo not saved"), error)
            return
        what = f"the memo of {built.key.number} saved as {target}"
        self._gateway.build(lambda lib: lib.publish(built.head, what), _ignore, _ignore)
        self.message.emit(_("Saved the memo as {name}.").format(name=Path(target).name))

    def print_shown(self) -> None:
        """Print the pages shown in the preview (the print dialog chooses printer and pages)."""
        try:
            pages = print_document(self.pane.document, self._parent)
        except UserError as error:
            self._failed(_("Memo not printed"), error)
            return
        if pages:
            self.message.emit(_("Sent {n} pages to the printer.").format(n=pages))

    def issue(self, key: BuildKey) -> None:
        """Build the memo (not invariant) and file it on the matter, on the writer thread."""
        task = self._task(_("Issuing the memo…"), _("Memo not issued"))
        as_of, actor = self.as_of, self._gateway.actor

        def op(library: Library) -> Issued:
            built = _build(library, key, as_of, task, actor=actor, issued=True)
            from desktop_app.samples import issue_memo  # noqa: PLC0415 - readers on demand

            return Issued(issue_memo(library, key.number, built.filename, built.data, actor), built)

        task.start(
            lambda on_done, on_error: self._gateway.run(op, on_done, on_error),
            self._issued,
            on_cancelled=lambda: self.message.emit(_("Cancelled; nothing was built or filed.")),
            on_end=self._ended,
            keep_cancelled=True,  # filed before Cancel was seen: say what was filed
        )

    def _task(self, title: str, failure: str) -> LongTask:
        self.task = LongTask(self._parent, title, failure, self._gateway.reader.paths)
        return self.task

    def _ended(self) -> None:
        self.building = self.task = None

    def _issued(self, issued: Issued) -> None:
        outcome = issued.outcome
        if outcome.outcome is Outcome.IMPORTED:
            self.pane.show_built(issued.built)
            self.message.emit(
                _("Issued: {name} is filed on the matter as an outgoing memo.").format(
                    name=issued.built.filename
                )
            )
        elif outcome.outcome is Outcome.DUPLICATE:
            self.message.emit(_("These exact pages were issued before; nothing was added."))
        else:
            self._failed(_("Memo not issued"), UserError(outcome.reason))

    def _failed(self, title: str, error: BaseException) -> None:
        report_failure(self._parent, title, error, self._gateway.reader.paths)


def _ignore(_result: object) -> None:
    """A published head is an extra check; the saved memo stands without it."""


def _build(
    library: Library,
    key: BuildKey,
    as_of: date,
    task: LongTask,
    *,
    actor: str = "",
    issued: bool = False,
) -> Built:
    """Build on a worker thread; Cancel stops the build at its next progress report.

    ``issued`` marks its pages ISSUED, not DRAFT.
    """
    from desktop_app.reports.make import matter_memo_pdf  # noqa: PLC0415 - reportlab on demand

    task.check()
    head = library.reads.audit_head()
    _number, data = matter_memo_pdf(
        library.reads,
        key.number,
        as_of,
        kind=key.kind,
        version=key.version,
        progress=task.progress,
        issued=issued,
        limit=key.limit,
        account=actor,
    )
    return Built(key, memo_filename(key), data, head)
