"""The docket view: filter box, status and kind filters, the table, and the empty-library offer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.models import MatterSummary
from desktop_app.gui.docket.model import DocketFilter, docket_model
from desktop_app.gui.review import ReviewCounts

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.core.agenda import AgendaRow
from desktop_app.gui.widgets.cut_tips import CutTips
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _, n_


class DocketView(QWidget):
    """Every matter in one table, filtered as you type."""

    matter_chosen = Signal(int)
    """A matter was selected: its id."""
    sample_requested = Signal()
    """The person asked to add the sample matters."""
    new_matter_requested = Signal()
    """The person asked to create a matter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = docket_model(self)
        self.proxy = DocketFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit(
            placeholderText=_("Filter matters — number, title, counsel, tag…")
        )
        self.filter_box.setClearButtonEnabled(True)
        self.status_filter = EnumCombo(MatterStatus, _("All statuses"))
        self.kind_filter = EnumCombo(MatterKind, _("All kinds"))
        self.table = self._make_table()
        self.count_label = QLabel()
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self._make_empty_state())
        self._lay_out()
        self._connect()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the docket; it never opens the next matter
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((100, 95, 95, 150, 300, 150, 60, 130, 85, 55, 50)):
            table.setColumnWidth(column, width)
        CutTips(table)
        return table

    def _make_empty_state(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        text = QLabel(
            _(
                "<h3>No matters yet</h3><p>Create your first matter, or add three "
                "illustrative sample matters to see how a file is kept.</p>"
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_button = QPushButton(_("Add the sample matters"))
        self.new_button = QPushButton(_("New matter…"))
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.new_button)
        row.addWidget(self.sample_button)
        row.addStretch()
        layout.addStretch()
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addStretch()
        return box

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.kind_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        title = QLabel(_("<b>Docket</b>"))
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        self.filter_box.textChanged.connect(self._on_filter)
        self.status_filter.currentIndexChanged.connect(
            lambda: self._apply(lambda: self.proxy.set_status(self.status_filter.value()))
        )
        self.kind_filter.currentIndexChanged.connect(
            lambda: self._apply(lambda: self.proxy.set_kind(self.kind_filter.value()))
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.sample_button.clicked.connect(self.sample_requested)
        self.new_button.clicked.connect(self.new_matter_requested)

    def _on_filter(self, text: str) -> None:
        self._apply(lambda: self.proxy.set_text(text))

    def _apply(self, change: object) -> None:
        assert callable(change)
        change()
        self._update_count()

    def set_matters(self, rows: list[MatterSummary]) -> None:
        """Show these matters, keeping the selection where it can."""
        self.model.set_rows(rows)
        self._stack.setCurrentIndex(0 if rows else 1)
        self._update_count()

    def set_review(self, review: ReviewCounts) -> None:
        """Show how many coverage answers of each matter need review."""
        self.model.set_review(review)

    def set_deadlines(self, rows: list[AgendaRow], as_of: date, days: int) -> None:
        """Show each matter's first entry on the agenda."""
        self.model.set_deadlines(rows, as_of, days)

    def select_matter(self, matter_id: int, *, quiet: bool = False) -> None:
        """Select the row of a matter (clearing the filters if they hide it).

        ``quiet`` selects without announcing `matter_chosen` (the caller shows it already).
        """
        position = self.model.position_of(matter_id)
        if position is None:
            return
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(position, 0))
        blocked = self.blockSignals(quiet)
        try:
            self.table.selectRow(index.row())
        finally:
            self.blockSignals(blocked)
        self.table.scrollTo(index)

    def clear_selection(self) -> None:
        """Select no matter, announcing nothing."""
        blocked = self.blockSignals(True)
        try:
            self.table.clearSelection()
        finally:
            self.blockSignals(blocked)

    def clear_filters(self) -> None:
        """Show every matter again."""
        self.filter_box.clear()
        self.status_filter.set_value(None)
        self.kind_filter.set_value(None)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes: list[QModelIndex] = selected.indexes()
        if indexes:
            summary: MatterSummary = indexes[0].data(ROW_ROLE)
            self.matter_chosen.emit(summary.matter.id)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (
            n_("{total} matter", "{total} matters", total).format(total=total)
            if shown == total
            else n_("{shown} of {total} matter", "{shown} of {total} matters", total).format(
                shown=shown, total=total
            )
        )
        self.count_label.setText(text)
