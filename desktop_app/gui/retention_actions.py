"""Recordkeeping from the window: the hold and retention dialog, the trash, purge and void.

Moving to the trash and purging are refused (with the reason, audited by the service) while a
legal hold is open, the matter is still live, or its retention period (15 CFR 762.6(a); 31 CFR
501.601) has not ended. Purge asks for the matter number typed out, as the command line does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop_app.core.models import Matter, MatterSummary
from desktop_app.core.retention import TrashEntry
from desktop_app.core.retention_service import Purged
from desktop_app.core.text import visible
from desktop_app.errors import ConfirmationNeededError
from desktop_app.gui.shell import Shell
from desktop_app.gui.tasks import report_failure
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.gui.matter.retention_dialog import RetentionDialog


class RetentionActions(QObject):
    """Legal hold and retention…, Move to trash…, and the Trash view's Restore and Delete."""

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: RetentionDialog | None = None

    def open_dialog(self) -> None:
        """Show the open matter's legal holds and retention events."""
        window = self._window
        if window.matter_id is None:
            self._no_matter()
            return
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        from desktop_app.gui.matter.retention_dialog import RetentionDialog  # noqa: PLC0415 - on demand

        self.dialog = RetentionDialog(window.gateway, window.matter_id, window.today, window)
        self.dialog.open()

    def move_to_trash(self) -> None:
        """Ask, then move the open matter to the trash (refused under hold or retention)."""
        window = self._window
        matter_id = window.matter_id
        if matter_id is None:
            self._no_matter()
            return
        number = visible(window.gateway.retention_state(matter_id).matter.number)
        answer = QMessageBox.question(
            window,
            _("Move to trash?"),
            _(
                "Move {number} to the trash? It leaves the docket, the agenda and search; "
                "Restore in the Trash view brings it back."
            ).format(number=number),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(_entry: TrashEntry) -> None:
            window.leave_matter()
            window.statusBar().showMessage(
                _("Moved {number} to the trash.").format(number=number), 8000
            )

        failed = self._failed(_("Not moved to the trash"))

        def asked(error: BaseException) -> None:
            if not isinstance(error, ConfirmationNeededError):
                failed(error)
                return
            title = _("No party on an OFAC list?")
            if QMessageBox.question(window, title, error.message) != QMessageBox.StandardButton.Yes:
                return
            window.gateway.retention(
                lambda service: service.trash(matter_id, no_ofac_party=True),
                done,
                failed,
                window.today,
            )

        window.gateway.retention(
            lambda service: service.trash(matter_id), done, asked, window.today
        )

    def void_matter(self) -> None:
        """Ask why, then void the open matter (refused when it holds a record to keep)."""
        window = self._window
        matter_id = window.matter_id
        if matter_id is None:
            self._no_matter()
            return
        number = visible(window.gateway.retention_state(matter_id).matter.number)
        reason, ok = QInputDialog.getText(
            window,
            _("Void matter opened in error"),
            _(
                "Void {number}? It and the parties, items and notes typed on it are deleted; the "
                "audit chain keeps them and the reason, and its number is never given again. A "
                "matter holding a document, a decision, an activity or anything else to keep is "
                "refused.\n\nWhy was it opened in error?"
            ).format(number=number),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return

        def done(_purged: Purged) -> None:
            window.leave_matter()
            window.statusBar().showMessage(_("Voided {number}.").format(number=number), 8000)

        window.gateway.retention(
            lambda service: service.void(matter_id, reason),
            done,
            self._failed(_("Not voided")),
            window.today,
        )

    def restore(self, summary: MatterSummary) -> None:
        """Take a matter out of the trash, back onto the docket."""
        window = self._window
        matter_id = summary.matter.id

        def done(matter: Matter) -> None:
            window.statusBar().showMessage(
                _("Restored {number} from the trash.").format(number=visible(matter.number)),
                8000,
            )

        window.gateway.retention(
            lambda service: service.restore(matter_id),
            done,
            self._failed(_("Not restored")),
            window.today,
        )

    def purge(self, summary: MatterSummary) -> None:
        """Ask for the matter number typed out, then delete the matter for good."""
        window = self._window
        number = summary.matter.number
        typed, ok = QInputDialog.getText(
            window,
            _("Delete permanently"),
            _(
                "This deletes {number}, every record on it and its originals no other matter "
                "uses, for good. It cannot be undone.\n\nType {number} to confirm:"
            ).format(number=visible(number)),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return
        if typed.strip().upper() != number.upper():
            QMessageBox.information(
                window,
                _("Not deleted"),
                _("Not confirmed; {number} was not deleted.").format(number=visible(number)),
            )
            return
        matter_id = summary.matter.id

        def done(purged: Purged) -> None:
            window.statusBar().showMessage(
                _("Deleted {number} for good: {rows} records, {blobs} originals.").format(
                    number=visible(number), rows=purged.rows, blobs=len(purged.blobs_removed)
                ),
                10000,
            )

        window.gateway.retention(
            lambda service: service.purge(matter_id),
            done,
            self._failed(_("Not deleted")),
            window.today,
        )

    def _no_matter(self) -> None:
        QMessageBox.information(
            self._window, _("No matter open"), _("Open a matter from the docket first.")
        )

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            report_failure(self._window, title, error, self._window.library_paths)

        return failed
