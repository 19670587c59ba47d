"""The matter workspace: a header and a tab for each part of the matter file.

The tabs are Overview, Parties, Items, Activities, Correspondence and History.

It opens the dialogs for its own records and saves through the gateway; after any change the
main window reloads it with `show_matter`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.documents import Document, FileOutcome, Outcome
from desktop_app.core.enums import PartyRole, TransactionType
from desktop_app.core.filenames import is_risky, safe_filename
from desktop_app.core.models import Activity, AuditEntry, Item, MatterRecord, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.core.text import visible
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter import TABS
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.columns import (
    HISTORY_COLUMNS,
    ITEM_COLUMNS,
    activity_columns,
    party_columns,
)
from desktop_app.gui.matter.correspondence import CorrespondenceTab
from desktop_app.gui.matter.document_dialog import DocumentDialog
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.note_dialog import NoteDialog
from desktop_app.gui.matter.overview import OverviewTab
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.originals import OriginalCopies
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.gui.widgets.progress import ProgressRelay
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _


class MatterWorkspace(QWidget):
    """One matter, tab by tab."""

    import_finished = Signal(str)
    """An import ended: a one-sentence summary."""

    def __init__(
        self, gateway: Gateway, copies: OriginalCopies, parent: QWidget | None = None
    ) -> None:
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
        self.correspondence = CorrespondenceTab(gateway)
        self.copies = copies
        self.tabs = QTabWidget()
        for widget, label in (
            (self.overview, _("&Overview")),
            (self.parties, _("&Parties")),
            (self.items, _("&Items")),
            (self.activities, _("&Activities")),
            (self.correspondence, _("&Correspondence")),
            (self.history, _("&History")),
        ):
            self.tabs.addTab(widget, label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(self.tabs, 1)
        self._connect()

    def _connect_correspondence(self) -> None:
        tab = self.correspondence
        tab.attach_requested.connect(self.attach_files)
        tab.edit_requested.connect(self.edit_document)
        tab.save_requested.connect(self.save_original)
        tab.open_requested.connect(self.open_original)
        self.setAcceptDrops(True)

    def _connect(self) -> None:
        self._connect_correspondence()
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
        self.correspondence.show_documents(record.documents, record.quarantined)
        self.history.set_rows(history)
        self.set_editable(self._gateway.writable)

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only library forbids them)."""
        self.overview.edit_button.setEnabled(editable)
        for table in (self.overview.notes, self.parties, self.items, self.activities):
            table.set_editable(editable)
        self.correspondence.set_editable(editable)
        self.setAcceptDrops(editable)

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

    def attach_files(self) -> None:
        """Choose files to attach to the matter."""
        chosen, _filter = QFileDialog.getOpenFileNames(self, _("Attach files to the matter"))
        if chosen:
            self.import_paths([Path(p) for p in chosen])

    def import_paths(self, paths: list[Path]) -> None:
        """File these files (and folders) on the matter, with progress and Cancel."""
        if self.record is None or not paths:
            return
        relay = ProgressRelay(self, _("Filing documents…"))
        self._gateway.import_files(self.record.matter.id, paths, relay, self._report_import)

    def _report_import(self, outcomes: list[FileOutcome]) -> None:
        self.show_tab("correspondence")
        summary = import_summary(outcomes)
        refused = [o for o in outcomes if o.outcome is Outcome.QUARANTINED]
        if refused:
            details = "\n".join(f"{visible(Path(o.path).name)}: {o.reason}" for o in refused[:20])
            QMessageBox.warning(self, _("Some files were not filed"), f"{summary}\n\n{details}")
        self.import_finished.emit(summary)

    def edit_document(self, document: Document) -> None:
        """Open the filing dialog of a document."""
        self.open_dialog(DocumentDialog(document, self._gateway.document_submitter(), self))

    def save_original(self, document: Document) -> None:
        """Save a copy of a document's original bytes where the person chooses."""
        suggested = safe_filename(document.filename, document.sha256)
        target, _filter = QFileDialog.getSaveFileName(self, _("Save original as"), suggested)
        if target:
            self.copies.save_as(self._gateway.original(document.sha256), Path(target))

    def open_original(self, document: Document) -> None:
        """Open a private copy of the original in the system viewer (asking for risky types)."""
        if is_risky(document.filename):
            question = _(
                "{name} is a type of file that can run code on this computer. Open it only "
                "if you trust where it came from. Open it anyway?"
            ).format(name=visible(document.filename))
            answer = QMessageBox.question(self, _("Open original"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.copies.open(document, self._gateway.original(document.sha256))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept files dragged from a file manager when a matter is open."""
        if self.record is not None and _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """File the dropped files and folders on the open matter."""
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

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


def _local_paths(data: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def import_summary(outcomes: list[FileOutcome]) -> str:
    """One sentence on an import: how many filed, duplicate, quarantined."""
    counts = {kind: sum(1 for o in outcomes if o.outcome is kind) for kind in Outcome}
    return _("{i} filed, {d} already on file, {q} quarantined.").format(
        i=counts[Outcome.IMPORTED], d=counts[Outcome.DUPLICATE], q=counts[Outcome.QUARANTINED]
    )


def _key(record: Party | Item | Activity) -> int:
    return record.id
