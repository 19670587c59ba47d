"""Withdrawing a record with a reason, and putting it back in force, from a table's button.

`Withdrawing.attach` turns a table's Remove button into "Withdraw…" (or "Put back in force" on
a withdrawn row); the Delete key does the same. The reason is asked in a form that keeps what was
typed when the service refuses (a record still rests on this one) and shows why.
`core.withdrawals` decides; the History shows who did it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QWidget

from desktop_app.core.in_force import named
from desktop_app.core.text import visible
from desktop_app.core.withdrawal import is_withdrawn
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.tasks import report_failure
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _

OpenDialog = Callable[[FormDialog[Any]], None]


class WithdrawDialog(FormDialog[str]):
    """Why a record is withdrawn: the one field, with what withdrawing does said above it."""

    def __init__(self, name: str, submit: Submit[str], parent: QWidget | None = None) -> None:
        super().__init__(_("Withdraw a record"), submit, parent)
        self.intro = intro = QLabel(
            _(
                "Withdraw {name}? It stays in the library, marked withdrawn with your reason, "
                "and the History shows who withdrew it. It leaves coverage, the agenda, the "
                "Overview and the memo's body; the memo lists it as withdrawn. It can be put "
                "back in force later."
            ).format(name=visible(name))
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = TextBinding(QPlainTextEdit(), "")
        self.add_row("reason", _("Reason"), self.reason.widget)
        self.resize(540, 320)

    def build(self) -> str:
        """The reason as typed."""
        return self.reason.value()


class Withdrawing:
    """The Withdraw… / Put back in force button of the tables of one matter tab."""

    def __init__(
        self,
        gateway: Gateway,
        open_dialog: OpenDialog,
        parent: QWidget,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._gateway, self._open, self._parent, self._today = gateway, open_dialog, parent, today

    def attach(self, table: RecordTable[Any], record_of: Callable[[Any], Any]) -> None:
        """Let ``table``'s rows be withdrawn; ``record_of`` gives a row's record."""
        table.remove_button.setText(_("Withdraw…"))
        table.remove_button.setToolTip(_("Withdraw the selected record, or put it back (Delete)"))
        table.remove_button.setVisible(True)
        table.label_remove(
            lambda row: _("Put back in force") if is_withdrawn(record_of(row)) else _("Withdraw…")
        )
        table.remove_requested.connect(lambda row: self.act(record_of(row)))

    def act(self, record: Any) -> None:
        """Withdraw a record in force (asking why), or put a withdrawn one back (asking first)."""
        if is_withdrawn(record):
            self.reinstate(record)
        else:
            self.withdraw(record)

    def withdraw(self, record: Any) -> None:
        """Open the form that asks why, then withdraws."""
        kind, record_id, matter_id = type(record), record.id, record.matter_id

        def submit(
            reason: str, done: Callable[[Any], None], failed: Callable[[BaseException], None]
        ) -> None:
            self._gateway.withdrawals(
                lambda s: s.withdraw(kind, record_id, reason, matter_id), done, failed, self._today
            )

        self._open(WithdrawDialog(named(record), submit, self._parent))

    def reinstate(self, record: Any) -> None:
        """Ask, then put a withdrawn record back in force."""
        question = _(
            "Put {name} back in force? It was withdrawn on {day}: {reason}\n\nIt counts again "
            "in coverage, the agenda and the memo; the History keeps the withdrawal."
        ).format(
            name=visible(named(record)),
            day=record.withdrawn_on.isoformat(),
            reason=visible(record.withdrawn_reason),
        )
        answer = QMessageBox.question(self._parent, _("Put back in force"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        kind, record_id, matter_id = type(record), record.id, record.matter_id
        self._gateway.withdrawals(
            lambda s: s.reinstate(kind, record_id, matter_id), None, self._refused, self._today
        )

    def _refused(self, error: BaseException) -> None:
        report_failure(self._parent, _("Not put back"), error, self._gateway.reader.paths)
