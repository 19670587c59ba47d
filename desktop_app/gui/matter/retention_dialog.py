"""Matter → Legal hold and retention…: a matter's holds and the events its retention runs from.

Every change goes through `RetentionService` on the writer thread; a refusal (a hold keeps the
event) is shown with its reason, and the service has audited it. The lists reload after any
change to the library.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.retention import LegalHold, RetentionTrigger, TriggerKind
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.text import visible
from desktop_app.errors import ConfirmationNeededError, ValidationError
from desktop_app.gui.gateway import Gateway, Notice
from desktop_app.gui.matter.recordkeeping import (
    HOLD_COLUMNS,
    TRIGGER_COLUMNS,
    recordkeeping_line,
)
from desktop_app.gui.matter.retention_forms import HoldDialog, ReleaseDialog, TriggerDialog
from desktop_app.gui.tasks import report_failure
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _


class RetentionDialog(QDialog):
    """One matter's legal holds (Place…, Release…) and retention events (Add…, Remove)."""

    def __init__(
        self,
        gateway: Gateway,
        matter_id: int,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self._today = today
        self.matter_id = matter_id
        self.form: FormDialog[Any] | None = None
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: 600;")
        self.holds: RecordTable[LegalHold] = RecordTable(
            _("Legal holds — requests for the records (15 CFR 762.6(b))"),
            HOLD_COLUMNS,
            key=lambda h: h.id,
        )
        self.holds.add_button.setText(_("&Place…"))
        self.holds.edit_button.setText(_("&Release…"))
        self.holds.remove_button.hide()
        self.triggers: RecordTable[RetentionTrigger] = RecordTable(
            _("Events retention runs from (15 CFR 762.6(a); 31 CFR 501.601)"),
            TRIGGER_COLUMNS,
            key=lambda t: (t.id, t.kind.value, t.occurred_on),
        )
        self.triggers.add_button.setText(_("&Add…"))
        self.triggers.edit_button.hide()
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.holds, 1)
        layout.addWidget(self.triggers, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)

    def _connect(self) -> None:
        self.holds.add_requested.connect(self.place_hold)
        self.holds.edit_requested.connect(self.release_hold)
        self.triggers.add_requested.connect(self.add_trigger)
        self.triggers.remove_requested.connect(self.remove_trigger)
        self._gateway.library_changed.connect(self._changed)

    def _changed(self, notice: Notice) -> None:
        if self.isVisible() and notice.change.concerns(self.matter_id):
            self.reload()

    def reload(self) -> None:
        """Read the matter's holds and events again."""
        state = self._gateway.retention_state(self.matter_id)
        self.setWindowTitle(
            _("Legal hold and retention — {number}").format(number=visible(state.matter.number))
        )
        self.status.setText(recordkeeping_line(state, self._today()))
        self.holds.set_rows(state.holds)
        self.triggers.set_rows(state.events(self._today()))
        writable = self._gateway.writable
        self.holds.set_editable(writable)
        self.triggers.set_editable(writable)

    def place_hold(self) -> None:
        """Open the dialog for a new hold."""
        hold = LegalHold(self.matter_id, "", self._today())
        self._open(HoldDialog(hold, self._submitter(RetentionService.place_hold), self))

    def release_hold(self, hold: LegalHold) -> None:
        """Open the release dialog on an open hold."""
        if not hold.is_open:
            QMessageBox.information(
                self, _("Already released"), _("That hold was already released.")
            )
            return
        held = LegalHold(
            hold.matter_id,
            hold.requested_by,
            hold.requested_on,
            self._today(),
            hold.note,
            hold.release_note,
            hold.id,
        )

        def release(service: RetentionService, record: LegalHold) -> LegalHold:
            assert record.released_on is not None
            return service.release_hold(record.id, record.released_on, record.release_note)

        self._open(ReleaseDialog(held, self._submitter(release), self))

    def add_trigger(self) -> None:
        """Open the dialog for a new retention event."""
        trigger = RetentionTrigger(self.matter_id, TriggerKind.EXPORT_DATE, self._today())
        self._open(TriggerDialog(trigger, self._add_with_question, self))

    def _add_with_question(
        self,
        record: RetentionTrigger,
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Add an event; one dated before the matter was opened asks first, then is added."""
        gateway, today = self._gateway, self._today

        def asked(error: BaseException) -> None:
            if not isinstance(error, ConfirmationNeededError):
                on_error(error)
                return
            answer = QMessageBox.question(self.form or self, _("Record the event?"), error.message)
            if answer != QMessageBox.StandardButton.Yes:
                on_error(ValidationError({"occurred_on": _("Not recorded: check the date.")}))
                return
            confirmed = partial(RetentionService.add_trigger, trigger=record, confirmed=True)
            gateway.retention(confirmed, on_done, on_error, today)

        gateway.retention(lambda service: service.add_trigger(record), on_done, asked, today)

    def remove_trigger(self, trigger: RetentionTrigger) -> None:
        """Ask, then remove counsel's event recorded by mistake (refused under a legal hold)."""
        if trigger.by_app:
            QMessageBox.information(
                self,
                _("Recorded by the app"),
                _(
                    "The app recorded “{event}” from the matter's record; counsel's events"
                    " can only add to it, not remove it."
                ).format(event=trigger.kind.label),
            )
            return
        answer = QMessageBox.question(
            self,
            _("Remove the retention event?"),
            _("Remove “{event}” of {day}? Remove only an event recorded by mistake.").format(
                event=trigger.kind.label, day=trigger.occurred_on.isoformat()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._gateway.retention(
            lambda service: service.remove_trigger(trigger.id),
            on_error=self._refused(_("Event not removed")),
            today=self._today,
        )

    def _submitter(self, op: Callable[[RetentionService, Any], object]) -> Callable[..., None]:
        gateway, today = self._gateway, self._today

        def submit(
            record: Any,
            on_done: Callable[[object], None],
            on_error: Callable[[BaseException], None],
        ) -> None:
            gateway.retention(lambda service: op(service, record), on_done, on_error, today)

        return submit

    def _open(self, dialog: FormDialog[Any]) -> None:
        self.form = dialog
        dialog.open()

    def _refused(self, title: str) -> Callable[[BaseException], None]:
        def refused(error: BaseException) -> None:
            self.reload()
            report_failure(self, title, error, self._gateway.reader.paths)

        return refused
