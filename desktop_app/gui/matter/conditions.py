"""The Conditions tab: the safeguard-condition register, and the log of the selected condition.

"Move to…" offers only the statuses the state machine allows next (``allowed_next``); each
move asks for its date and a note. "Log…" records a notice, an acknowledgment, a performance
(with the due date it meets) or a note. Everything saves through the condition service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    LogKind,
)
from desktop_app.core.condition_states import allowed_next
from desktop_app.core.documents import Document
from desktop_app.core.models import MatterRecord, Party
from desktop_app.core.obligations import ConditionService
from desktop_app.core.withdrawal import offered
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.condition_columns import (
    CONDITION_COLUMNS,
    ConditionRow,
    condition_rows,
    log_columns,
)
from desktop_app.gui.matter.condition_dialog import ConditionDialog, ConditionLinks
from desktop_app.gui.matter.condition_log_dialogs import LogDialog, Move, MoveDialog
from desktop_app.gui.matter.determination_dialog import document_choices
from desktop_app.gui.matter.withdrawn_columns import with_withdrawal
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _

OpenDialog = Callable[[FormDialog[Any]], None]


class ConditionsTab(QWidget):
    """The register above, the selected condition's log below."""

    def __init__(
        self, gateway: Gateway, open_dialog: OpenDialog, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._gateway, self._open = gateway, open_dialog
        self.record: MatterRecord | None = None
        self.today = date.today()
        self._editable = True
        self._parties: dict[int, Party] = {}
        self._documents: dict[int, Document] = {}
        self.register: RecordTable[ConditionRow] = RecordTable(
            _("Conditions, riders and safeguards"),
            with_withdrawal(CONDITION_COLUMNS, lambda r: r.condition),
            key=lambda r: r.condition.id,
        )
        self.log: RecordTable[ConditionLog] = RecordTable(
            _("Log of the selected condition, newest first"),
            log_columns(self._parties, self._documents),
            key=lambda e: e.id,
            editable=False,
        )
        self.move_menu = QMenu(self)
        self.move_button = QPushButton(_("&Move to…"))
        self.move_button.setMenu(self.move_menu)
        self.log_button = QPushButton(_("&Log…"))
        self._lay_out()
        self.register.add_requested.connect(lambda: self.edit_condition(None))
        self.register.edit_requested.connect(lambda r: self.edit_condition(r.condition))
        self.register.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.log_button.clicked.connect(self.log_entry)

    def _lay_out(self) -> None:
        self.register.add_button.setText(_("Add condition…"))
        self.register.bar.addWidget(self.move_button)
        self.register.bar.addWidget(self.log_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.register)
        splitter.addWidget(self.log)
        splitter.setSizes([430, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_record(self, record: MatterRecord, today: date) -> None:
        """Show a matter's conditions as of ``today``."""
        self.record, self.today = record, today
        self._parties.clear()
        self._parties.update({p.id: p for p in record.parties})
        self._documents.clear()
        self._documents.update({d.id: d for d in record.documents})
        rows = condition_rows(record, today, self._gateway.calendar())
        self.register.set_rows(rows)
        if self.selected() is None and rows:
            urgency = ("overdue", "due_soon", "upcoming")
            first = min(rows, key=lambda r: (_rank(r.standing, urgency), r.next_due or date.max))
            self.select_condition(first.condition.id)
        self._on_selection()

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only library forbids them)."""
        self._editable = editable
        self.register.set_editable(editable)
        self._on_selection()

    def select_condition(self, condition_id: int) -> None:
        """Select a condition's row (and so show its log)."""
        position = self.register.model.position_of(condition_id)
        if position is not None:
            index = self.register.proxy.mapFromSource(self.register.model.index(position, 0))
            self.register.table.selectRow(index.row())

    def selected(self) -> ConditionRow | None:
        """The selected register row, if any."""
        return self.register.selected()

    def _on_selection(self, *_args: object) -> None:
        row = self.selected()
        entries = self.record.decisions.condition_log if self.record and row else ()
        mine = [e for e in entries if row and e.condition_id == row.condition.id]
        self.log.set_rows(sorted(mine, key=lambda e: (e.on, e.id), reverse=True))
        self.log.model.redraw()
        self.move_menu.clear()
        targets = allowed_next(row.condition) if row else []
        for status in targets:
            action = self.move_menu.addAction(status.label)
            action.triggered.connect(lambda _checked=False, s=status: self.move_to(s))
        self.move_button.setEnabled(self._editable and bool(targets))
        self.log_button.setEnabled(self._editable and row is not None)

    def _matter_id(self) -> int:
        assert self.record is not None
        return self.record.matter.id

    def edit_condition(self, condition: Condition | None) -> None:
        """Open the condition dialog on a condition, or on a new one."""
        if self.record is None:
            return
        found = self.record.decisions
        target = condition or Condition(
            self._matter_id(), ConditionKind.LICENSE_CONDITION, ConditionCategory.OTHER, ""
        )
        links = ConditionLinks(
            list(self.record.parties),
            offered(found.licenses, (target.license_id,)),
            offered(found.letters, (target.letter_id,)),
        )
        op = ConditionService.update_condition if condition else ConditionService.add_condition
        submit = self._gateway.condition_submitter(op)
        self._open(ConditionDialog(target, links, submit, self))

    def move_to(self, status: ConditionStatus) -> None:
        """Ask for the date and a note, then move the selected condition to ``status``."""
        row = self.selected()
        if self.record is None or row is None:
            return
        documents = document_choices(offered(self.record.documents))
        submit = self._gateway.condition_submitter(_transition)
        self._open(
            MoveDialog(row.condition, status, documents, submit, today=self.today, parent=self)
        )

    def log_entry(self) -> None:
        """Open the log dialog for the selected condition (a performance when one is due)."""
        row = self.selected()
        if self.record is None or row is None:
            return
        kind = LogKind.PERFORMED if row.next_due else LogKind.COMMUNICATED
        entry = ConditionLog(
            self._matter_id(), row.condition.id, kind, self.today, due=row.next_due
        )
        parties = [(p.id, p.name) for p in self.record.parties]
        choices = (parties, document_choices(offered(self.record.documents)))
        submit = self._gateway.condition_submitter(ConditionService.log)
        self._open(LogDialog(entry, choices, submit, self))


def _rank(standing: str, order: tuple[str, ...]) -> int:
    return order.index(standing) if standing in order else len(order)


def _transition(service: ConditionService, move: Move) -> Condition:
    return service.transition(move.condition_id, move.to, move.on, move.note, move.document_id)
