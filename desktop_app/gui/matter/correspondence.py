"""The Correspondence tab: the matter's chronology beside a preview of the chosen document."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop_app.core.chronology import ChronologyRow, chronology, sort_stamp
from desktop_app.core.documents import Direction, Document, DocumentKind, Quarantined
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.preview import PDF, DocumentPreview
from desktop_app.gui.matter.withdrawn_columns import with_withdrawal
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _, n_

MAX_PREVIEW_BYTES = 64 * 1024 * 1024


def when(iso: str) -> str:
    """A document date for the table: date and time as written, with the offset."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso) <= 10:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")


def _title(row: ChronologyRow) -> str:
    document = row.document
    marker = "└ " if document.parent_id else ("↳ " if row.depth else "")
    name = document.title or document.filename or _("(unnamed)")
    replies = f"  [{row.replies + 1} messages]" if row.replies else ""
    return "    " * max(row.depth - 1, 0) + ("  " if row.depth else "") + marker + name + replies


CHRONOLOGY_COLUMNS: list[Column[ChronologyRow]] = [
    Column(
        "Date",
        lambda r: when(r.document.doc_date),
        lambda r: sort_stamp(r.document.doc_date),
        tooltip=lambda r: r.document.doc_date,
    ),
    Column("Subject or name", _title, tooltip=lambda r: r.document.filename),
    Column("From", lambda r: r.document.sender),
    Column("To", lambda r: ", ".join(r.document.recipients)),
    Column("Kind", lambda r: r.document.kind.label),
    Column("Direction", lambda r: r.document.direction.label),
    Column(
        "Size",
        lambda r: f"{r.document.size / 1024:,.0f} KB",
        lambda r: r.document.size,
        align_right=True,
    ),
]

QUARANTINE_COLUMNS: list[Column[Quarantined]] = [
    Column("File", lambda q: q.filename or _("(unnamed)")),
    Column("Why it was not filed", lambda q: q.reason, tooltip=lambda q: q.reason),
    Column("When", lambda q: when(q.at)),
    Column("Size", lambda q: f"{q.size:,} bytes", lambda q: q.size, align_right=True),
]


class CorrespondenceTab(QWidget):
    """Chronology (threads grouped, attachments under their email) and preview."""

    attach_requested = Signal()
    """The person asked to attach files."""
    edit_requested = Signal(object)
    """The person asked to change how a document is filed: the Document."""
    save_requested = Signal(object)
    """The person asked to save a copy of an original: the Document."""
    open_requested = Signal(object)
    """The person asked to open an original in its viewer: the Document."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.chronology: RecordTable[ChronologyRow] = RecordTable(
            _("Correspondence"),
            with_withdrawal(CHRONOLOGY_COLUMNS, lambda r: r.document),
            key=lambda r: r.document.id,
        )
        self.chronology.table.setSortingEnabled(False)
        self.quarantine: RecordTable[Quarantined] = RecordTable(
            _("Quarantine — kept byte for byte, not filed"),
            QUARANTINE_COLUMNS,
            key=lambda q: q.id,
            editable=False,
        )
        self.preview = DocumentPreview()
        self.save_button = QPushButton(_("Save original as…"))
        self.open_button = QPushButton(_("Open original"))
        self.count = QLabel()
        self._shown: Document | None = None
        """The document the preview shows, as it was when shown."""
        self.direction: EnumCombo[Direction] = EnumCombo(Direction)
        self.direction.set_value(Direction.UNKNOWN)
        self.direction.setToolTip(
            _("Which way the files attached or dropped next travelled (their attachments too)")
        )
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        self.chronology.title.hide()  # the tab says it; the pane must fit a laptop's width
        self.chronology.add_button.setText(_("Attach files…"))
        self.chronology.edit_button.setText(_("Filing…"))
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        filing = QHBoxLayout()
        label = QLabel(_("File new documents as:"))
        label.setBuddy(self.direction)
        filing.addWidget(label)
        filing.addWidget(self.direction)
        filing.addStretch(1)
        column.addLayout(filing)
        column.addWidget(self.chronology, 3)
        column.addWidget(self.quarantine, 1)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        box.addLayout(buttons)
        box.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.chronology.add_requested.connect(self.attach_requested)
        self.chronology.edit_requested.connect(lambda row: self.edit_requested.emit(row.document))
        self.chronology.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.save_button.clicked.connect(lambda: self._emit_selected(self.save_requested))
        self.open_button.clicked.connect(lambda: self._emit_selected(self.open_requested))
        self._update_buttons()

    def show_documents(
        self, documents: tuple[Document, ...], held: tuple[Quarantined, ...]
    ) -> None:
        """Show a matter's documents as a chronology, and its quarantine if any."""
        selected = self.selected_document()
        rows = chronology(documents)
        self.chronology.set_rows(rows)
        self.quarantine.set_rows(held)
        self.quarantine.setVisible(bool(held))
        emails = sum(1 for d in documents if d.kind is DocumentKind.EMAIL and not d.parent_id)
        counted = n_("{n} document", "{n} documents", len(documents)).format(n=len(documents))
        mails = n_("{e} email", "{e} emails", emails).format(e=emails)
        self.count.setText(
            _("{documents}, {emails} · drop files here to attach them").format(
                documents=counted, emails=mails
            )
        )
        if selected is not None:
            self.select_document(selected.id)
        elif rows:
            self.chronology.table.selectRow(0)
        else:
            self.preview.clear()
        current = self.selected_document()
        if current is not None and current != self._shown:
            self._show(current)  # the same row, re-filed: its pane must not keep the old values
        self._update_buttons()

    def select_document(self, document_id: int) -> None:
        """Select a document's row (and so preview it)."""
        position = self.chronology.model.position_of(document_id)
        if position is not None:
            index = self.chronology.proxy.mapFromSource(self.chronology.model.index(position, 0))
            self.chronology.table.selectRow(index.row())

    def selected_document(self) -> Document | None:
        """The document whose row is selected."""
        row = self.chronology.selected()
        return row.document if row is not None else None

    def set_editable(self, editable: bool) -> None:
        """Allow attaching and re-filing (a read-only library forbids them)."""
        self.chronology.set_editable(editable)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        document = self.selected_document()
        self._update_buttons()
        if document is None:
            self._shown = None
            self.preview.clear()
            return
        self._show(document)

    def _show(self, document: Document) -> None:
        self._shown = document
        data = None
        if document.media_type == PDF and document.size <= MAX_PREVIEW_BYTES:
            data = self._gateway.original(document.sha256)
        self.preview.show_document(document, self._gateway.document_text(document.id), data)

    def _update_buttons(self) -> None:
        has = self.selected_document() is not None
        self.save_button.setEnabled(has)
        self.open_button.setEnabled(has)

    def _emit_selected(self, signal: SignalInstance) -> None:
        document = self.selected_document()
        if document is not None:
            signal.emit(document)
