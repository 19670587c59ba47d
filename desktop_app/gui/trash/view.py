"""The Trash view: matters moved to the trash, with Restore and Delete permanently…."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.models import MatterSummary
from desktop_app.gui.docket.model import DOCKET_COLUMNS
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _

TRASH_COLUMNS = DOCKET_COLUMNS[:6]
"""Matter, status, title, kind, agency, counsel."""


class TrashView(QWidget):
    """The matters in the trash: hidden from the docket, agenda and search until restored."""

    restore_requested = Signal(object)
    """Take this matter (a `MatterSummary`) out of the trash."""
    purge_requested = Signal(object)
    """Delete this matter (a `MatterSummary`) and all its records for good."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: RecordTable[MatterSummary] = RecordTable(
            _("Matters in the trash"), TRASH_COLUMNS, key=lambda s: s.matter.id, editable=False
        )
        self.restore_button = QPushButton(_("&Restore"))
        self.purge_button = QPushButton(_("&Delete permanently…"))
        self.purge_button.setStyleSheet("QPushButton:enabled { color: #b00020; }")
        self.table.bar.addWidget(self.restore_button)
        self.table.bar.addWidget(self.purge_button)
        self.note = QLabel(
            _(
                "A matter can be moved to the trash once its five-year retention (15 CFR "
                "762.6(a)) has ended and no legal hold is open (Matter → Move to trash…). "
                "Restore puts it back on the docket; Delete permanently removes it and its "
                "records for good."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        self.empty = QLabel(_("The trash is empty."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))
        self.purge_button.clicked.connect(lambda: self._emit(self.purge_requested))
        self.table.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._writable = True
        self._update_buttons()

    def set_matters(self, matters: list[MatterSummary]) -> None:
        """Show these trashed matters."""
        self.table.set_rows(matters)
        self.empty.setVisible(not matters)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid Restore and Delete (a read-only library forbids them)."""
        self._writable = editable
        self._update_buttons()

    def select_matter(self, matter_id: int) -> None:
        """Select the row of this matter, if it is in the trash."""
        for row in range(self.table.proxy.rowCount()):
            index = self.table.proxy.index(row, 0)
            summary = self.table.proxy.data(index, ROW_ROLE)
            if summary.matter.id == matter_id:
                self.table.table.selectRow(row)
                return

    def _emit(self, signal: SignalInstance) -> None:
        summary = self.table.selected()
        if summary is not None and self._writable:
            signal.emit(summary)

    def _update_buttons(self) -> None:
        chosen = self.table.selected() is not None and self._writable
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
