"""A table of records with Add, Edit and Remove buttons: the body of most workspace tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.widgets.cut_tips import CutTips
from desktop_app.gui.widgets.table_model import ROW_ROLE, SORT_ROLE, Column, RecordTableModel
from desktop_app.gui.widgets.text import display_text
from desktop_app.i18n import _

T = TypeVar("T")
MAX_WIDTH = 260


FIT_ROWS = 100
"""How many rows fitting a column to its contents looks at."""


class RecordTable(QWidget, Generic[T]):
    """Rows of one record type with the actions counsel take on them."""

    add_requested = Signal()
    """The person asked to add a record."""
    edit_requested = Signal(object)
    """The person asked to edit this record."""
    remove_requested = Signal(object)
    """The person asked to remove this record."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[T]],
        key: Callable[[T], Any],
        editable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Parented, so they die with the widget on the GUI thread, never in a garbage collection
        # that happens to run on the library worker's thread.
        self.model: RecordTableModel[T] = RecordTableModel(columns, key, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _make_view(self.proxy)
        self.title = QLabel(f"<b>{title}</b>")
        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.remove_button = QPushButton(_("Remove"))
        self._editable = editable
        self._remove_label: Callable[[T], str] | None = None
        self._lay_out(editable)
        self._connect()

    def _lay_out(self, editable: bool) -> None:
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.title)
        self.bar.addStretch()
        for button in (self.add_button, self.edit_button, self.remove_button):
            self.bar.addWidget(button)
            button.setVisible(editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.table.doubleClicked.connect(self._edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The Delete key itself: the standard Delete of X11 is also Ctrl+D, the Docket's key.
        self.widths_set = False
        """True once the person resized a column; the rows shown next keep the widths."""
        self._fitting = False
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: self._resized(column)
        )
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)  # a window of tables: one each
        remove.activated.connect(self._remove_selected)
        if self._editable:
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                enter = QShortcut(QKeySequence(key), self.table)
                enter.setContext(Qt.ShortcutContext.WidgetShortcut)
                enter.activated.connect(self._edit_current)
        self._update_buttons()

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show these records (column widths the person set are kept)."""
        if self.model.set_rows(rows) and not self.widths_set:
            self._fitting = True
            try:
                self._fit_columns()
            finally:
                self._fitting = False
        self._update_buttons()

    def _resized(self, column: int) -> None:
        stretched = column == self.model.columnCount() - 1  # follows the view's own width
        if not self._fitting and not stretched and self.table.isVisible():
            self.widths_set = True  # the person dragged a column: their widths stay

    def _fit_columns(self) -> None:
        """Size each column but the last to its header and the text of the first rows shown.

        Measured here with the view's font metrics rather than by Qt's per-cell size hints,
        which ask the model seven roles per cell (a fifth of opening a 5,000-document matter).
        """
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        style = self.table.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table)
        grid = 1 if self.table.showGrid() else 0
        padding = 2 * (margin + 1) + grid + 1  # + 1: Qt's text layout rounds widths up
        shown = min(FIT_ROWS, self.proxy.rowCount())
        rows = [self.proxy.index(row, 0).data(ROW_ROLE) for row in range(shown)]
        for column in range(self.model.columnCount() - 1):
            declared = self.model.column(column)
            texts = {display_text(declared.text(row)) for row in rows}
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            width = max(widest + padding, header.sectionSizeHint(column))
            cap = declared.max_width or MAX_WIDTH
            header.resizeSection(column, min(max(width, 70), cap))

    def selected(self) -> T | None:
        """The selected record, if any."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def set_editable(self, editable: bool) -> None:
        """Enable or disable the buttons that change records (read-only libraries)."""
        self.add_button.setEnabled(editable)
        self._editable = editable
        self._update_buttons()

    def label_remove(self, label: Callable[[T], str]) -> None:
        """Name the Remove button after the selected record (Withdraw… or Put back in force)."""
        self._remove_label = label
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        has = chosen is not None and self._editable
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        if self._remove_label is not None and chosen is not None:
            self.remove_button.setText(self._remove_label(chosen))

    def _edit_current(self) -> None:
        """Return edits the row under the cursor, selecting it first (Tab gives a cursor only)."""
        current = self.table.currentIndex()
        if self.selected() is None and current.isValid():
            self.table.selectRow(current.row())
        self._edit_selected()

    def _edit_selected(self) -> None:
        record = self.selected()
        if record is not None and self.edit_button.isEnabled():
            self.edit_requested.emit(record)

    def _remove_selected(self) -> None:
        record = self.selected()
        if record is not None and self.remove_button.isEnabled():
            self.remove_requested.emit(record)


def _make_view(model: QSortFilterProxyModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab goes on to the buttons and the next table
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(130)
    CutTips(view)
    return view
