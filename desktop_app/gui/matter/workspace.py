"""The matter workspace: a header and the tabs Overview, Parties, Items, Activities, History.

It opens the dialogs for its own records and saves through the gateway; after any change the
main window reloads it with `show_matter`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop_app.core.enums import PartyRole, TransactionType
from desktop_app.core.models import Activity, AuditEntry, Item, MatterRecord, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.core.text import visible
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.columns import (
    HISTORY_COLUMNS,
    ITEM_COLUMNS,
    activity_columns,
    party_columns,
)
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.note_dialog import NoteDialog
from desktop_app.gui.matter.overview import OverviewTab
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _

TABS = ("overview", "parties", "items", "activities", "history")


class MatterWorkspace(QWidget):
    """One matter, tab by tab."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.record: MatterRecord | None = None
        self.dialog: FormDialog[Any] | None = None
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.subheader = QLabel()
        self.subheader.setTextFormat(Qt.TextFormat.PlainText)
        self.overview = OverviewTab()
        self._party_names: dict[int, Party] = {}
        self._item_names: dict[int, Item] = {}
        self.parties: RecordTable[Party] = RecordTable(
            _("Parties"), party_columns(self._party_names), _key
        )
        self.items: RecordTable[Item] = RecordTable(_("Items"), ITEM_COLUMNS, _key)
        self.activities: RecordTable[Activity] = RecordTable(
            _("Activities"), activity_columns(self._party_names, self._item_names), _key
        )
        self.history: RecordTable[AuditEntry] = RecordTable(
            _("History — every change to this matter, from the audit chain"),
            HISTORY_COLUMNS,
            key=lambda e: e.seq,
            editable=False,
        )
        self.tabs = QTabWidget()
        for widget, label in (
            (self.overview, _("&Overview")),
            (self.parties, _("&Parties")),
            (self.items, _("&Items")),
            (self.activities, _("&Activities")),
            (self.history, _("&History")),
        ):
            self.tabs.addTab(widget, label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(self.tabs, 1)
        self._connect()

    def _connect(self) -> None:
        self.overview.edit_requested.connect(self.edit_matter)
        self.overview.notes.add_requested.connect(self.add_note)
        self.overview.notes.remove_requested.connect(
            lambda n: self._remove(_("note"), "", lambda s: s.remove_note(n.id))
        )
        self.parties.add_requested.connect(lambda: self.edit_party(None))
        self.parties.edit_requested.connect(self.edit_party)
        self.parties.remove_requested.connect(
            lambda p: self._remove(_("party"), p.name, lambda s: s.remove_party(p.id))
        )
        self.items.add_requested.connect(lambda: self.edit_item(None))
        self.items.edit_requested.connect(self.edit_item)
        self.items.remove_requested.connect(
            lambda i: self._remove(_("item"), i.name, lambda s: s.remove_item(i.id))
        )
        self.activities.add_requested.connect(lambda: self.edit_activity(None))
        self.activities.edit_requested.connect(self.edit_activity)
        self.activities.remove_requested.connect(
            lambda a: self._remove(_("activity"), a.type.label, lambda s: s.remove_activity(a.id))
        )

    def show_matter(self, record: MatterRecord, history: list[AuditEntry]) -> None:
        """Fill every tab with this matter."""
        self.record = record
        m = record.matter
        self.header.setText(visible(f"{m.number}  {m.title}"))
        self.subheader.setText(
            f"{m.kind.label} · {m.status.label} · {m.agency.label} · {m.privilege.label}"
        )
        self.overview.show_matter(m, list(record.notes))
        self._party_names.clear()
        self._party_names.update({p.id: p for p in record.parties})
        self._item_names.clear()
        self._item_names.update({i.id: i for i in record.items})
        self.parties.set_rows(record.parties)
        self.items.set_rows(record.items)
        self.activities.set_rows(record.activities)
        self.history.set_rows(history)
        self.set_editable(self._gateway.writable)

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only library forbids them)."""
        self.overview.edit_button.setEnabled(editable)
        for table in (self.overview.notes, self.parties, self.items, self.activities):
            table.set_editable(editable)

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by name (overview, parties, items, activities, history)."""
        self.tabs.setCurrentIndex(TABS.index(name))

    def edit_matter(self) -> None:
        """Open the matter dialog on this matter."""
        if self.record is not None:
            self.open_dialog(
                MatterDialog(
                    self.record.matter, self._gateway.submitter(MatterService.update_matter), self
                )
            )

    def add_note(self) -> None:
        """Open the note dialog."""
        if self.record is not None:
            self.open_dialog(
                NoteDialog(
                    Note(self.record.matter.id, ""),
                    self._gateway.submitter(MatterService.add_note),
                    self,
                )
            )

    def edit_party(self, party: Party | None) -> None:
        """Open the party dialog on a party, or on a new one."""
        if self.record is None:
            return
        target = party or Party(self.record.matter.id, "", PartyRole.OTHER)
        op = MatterService.update_party if party else MatterService.add_party
        self.open_dialog(
            PartyDialog(target, list(self.record.parties), self._gateway.submitter(op), self)
        )

    def edit_item(self, item: Item | None) -> None:
        """Open the item dialog on an item, or on a new one."""
        if self.record is None:
            return
        target = item or Item(self.record.matter.id, "")
        op = MatterService.update_item if item else MatterService.add_item
        self.open_dialog(ItemDialog(target, self._gateway.ccl, self._gateway.submitter(op), self))

    def edit_activity(self, activity: Activity | None) -> None:
        """Open the activity dialog on an activity, or on a new one."""
        if self.record is None:
            return
        target = activity or Activity(self.record.matter.id, TransactionType.EXPORT)
        op = MatterService.update_activity if activity else MatterService.add_activity
        self.open_dialog(
            ActivityDialog(
                target,
                list(self.record.items),
                list(self.record.parties),
                self._gateway.submitter(op),
                self,
            )
        )

    def open_dialog(self, dialog: FormDialog[Any]) -> None:
        """Show a record dialog window-modally; `dialog` holds it while it is open."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _remove(self, what: str, name: str, op: Callable[[MatterService], object]) -> None:
        question = _("Remove this {what}?").format(what=what)
        if name:
            question += f"\n\n{visible(name)[:200]}"
        answer = QMessageBox.question(self, _("Remove"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._gateway.write(op, on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        text = message_for(error)
        if text is None:
            raise error
        QMessageBox.warning(self, _("Not removed"), text)


def _key(record: Party | Item | Activity) -> int:
    return record.id
