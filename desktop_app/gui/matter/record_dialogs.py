"""Opening a matter's record dialogs, and asking before removing a record.

`MatterDialogs` is the part of the workspace that edits the matter itself, its notes, parties,
items, activities and documents; every dialog saves through the gateway off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.documents import Document
from desktop_app.core.enums import PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, MatterRecord, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.core.text import visible
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.document_dialog import DocumentDialog
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.note_dialog import NoteDialog
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.tasks import report_failure
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.i18n import _


class MatterDialogs(QWidget):
    """A widget showing one matter that opens the dialogs for its records."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.record: MatterRecord | None = None
        self.dialog: FormDialog[Any] | None = None

    def edit_matter(self) -> None:
        """Open the matter dialog on this matter."""
        if self.record is not None:
            submit = self._gateway.submitter(MatterService.update_matter)
            self.open_dialog(MatterDialog(self.record.matter, submit, self))

    def add_note(self) -> None:
        """Open the note dialog."""
        if self.record is not None:
            submit = self._gateway.submitter(MatterService.add_note)
            self.open_dialog(NoteDialog(Note(self.record.matter.id, ""), submit, self))

    def edit_note(self, note: Note) -> None:
        """Open the note dialog on a recorded note."""
        if self.record is not None:
            submit = self._gateway.submitter(MatterService.update_note)
            self.open_dialog(NoteDialog(note, submit, self))

    def edit_party(self, party: Party | None) -> None:
        """Open the party dialog on a party, or on a new one."""
        if self.record is None:
            return
        target = party or Party(self.record.matter.id, "", PartyRole.OTHER)
        submit = self._gateway.submitter(
            MatterService.update_party if party else MatterService.add_party
        )
        self.open_dialog(PartyDialog(target, list(self.record.parties), submit, self))

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
        items, parties = list(self.record.items), list(self.record.parties)
        submit = self._gateway.submitter(op)
        self.open_dialog(ActivityDialog(target, items, parties, submit, self))

    def edit_document(self, document: Document) -> None:
        """Open the filing dialog of a document."""
        self.open_dialog(DocumentDialog(document, self._gateway.document_submitter(), self))

    def open_dialog(self, dialog: FormDialog[Any]) -> None:
        """Show a record dialog window-modally; `dialog` holds it while it is open."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def remove_record(self, record: Note | Party | Item | Activity) -> None:
        """Ask, then remove a note, party, item or activity."""
        if isinstance(record, Note):
            self._remove(_("note"), "", lambda s: s.remove_note(record.id))
        elif isinstance(record, Party):
            self._remove(_("party"), record.name, lambda s: s.remove_party(record.id))
        elif isinstance(record, Item):
            self._remove(_("item"), record.name, lambda s: s.remove_item(record.id))
        else:
            self._remove(_("activity"), record.type.label, lambda s: s.remove_activity(record.id))

    def _remove(self, what: str, name: str, op: Callable[[MatterService], object]) -> None:
        question = _("Remove this {what}?").format(what=what)
        if name:
            question += f"\n\n{visible(name)[:200]}"
        answer = QMessageBox.question(self, _("Remove"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._gateway.write(op, on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        report_failure(self, _("Not removed"), error, self._gateway.reader.paths)
