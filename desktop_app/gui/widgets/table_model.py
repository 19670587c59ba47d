"""A table model over a list of frozen dataclasses, with its columns declared once.

Each `Column` names its header, how to get the display text from a row, an optional sort key,
tooltip, text colour and alignment. Replacing the rows emits the precise insert/remove/change
signals rather than a reset, so selections and scroll positions survive a refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from desktop_app.gui.widgets.text import display_text

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: header, display accessor, optional sort key, tooltip and colour, alignment.

    ``foreground`` gives a row's text colour (a name such as ``"#b00020"``), or None for the
    default; ``decoration`` an icon shown before the text; ``max_width`` lets a column that
    matters grow wider than the usual cap when fitted.
    """

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None
    foreground: Callable[[T], str | None] | None = None
    max_width: int | None = None
    decoration: Callable[[T], QIcon | None] | None = None


def tinted(columns: Sequence[Column[T]], colour: Callable[[T], str | None]) -> list[Column[T]]:
    """The same columns with every cell of a row coloured by ``colour(row)`` (e.g. overdue)."""
    return [replace(column, foreground=colour) for column in columns]


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows of records shown through declared columns."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        key: Callable[[T], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[T] = []
        self._positions: tuple[list[T], dict[Any, int]] = ([], {})

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of records (none under a child index: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of declared columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, sort key, tooltip, alignment or the record itself."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        return self._role_value(row, column, role)

    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """`data` of the cell at ``row``, ``column``, without making an index (for filters)."""
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        return self._role_value(self._rows[row], self._columns[column], role)

    def _role_value(self, row: T, column: Column[T], role: int) -> Any:
        if role == _DISPLAY:
            return display_text(column.text(row))
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.text(row).casefold()
        if role == ROW_ROLE:
            return row
        return _decoration(row, column, role)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers; row numbers vertically."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def column(self, section: int) -> Column[T]:
        """The declared column at ``section``."""
        return self._columns[section]

    def rows(self) -> list[T]:
        """A copy of every record shown."""
        return list(self._rows)

    def rows_view(self) -> Sequence[T]:
        """Every record shown, without a copy: read it, never keep it across a change."""
        return self._rows

    def position_of(self, key: Any) -> int | None:
        """The row position of the record with this key, if shown."""
        rows, positions = self._positions
        if rows is not self._rows:  # every change puts a new list in place
            positions = {}
            for position, row in enumerate(self._rows):
                positions.setdefault(self._key(row), position)
            self._positions = (self._rows, positions)
        return positions.get(key)

    def set_rows(self, rows: Sequence[T]) -> bool:
        """Show ``rows``; return True when the set of rows changed (not only their values)."""
        new = list(rows)
        if [self._key(r) for r in new] == [self._key(r) for r in self._rows]:
            self._update_in_place(new)
            return False
        if self._rows:
            self.beginRemoveRows(QModelIndex(), 0, len(self._rows) - 1)
            self._rows = []
            self.endRemoveRows()
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._rows = new
            self.endInsertRows()
        return True

    def redraw(self) -> None:
        """Announce every cell changed: for columns that read data kept beside the rows."""
        if self._rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last))

    def _update_in_place(self, new: list[T]) -> None:
        changed = [i for i, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
        self._rows = new
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))


def _decoration(row: T, column: Column[T], role: int) -> Any:
    """Tooltip, alignment, colour and icon of a cell."""
    if role == _TOOLTIP and column.tooltip:
        return display_text(column.tooltip(row))
    if role == _ALIGNMENT and column.align_right:
        return _RIGHT
    if role == _FOREGROUND and column.foreground:
        name = column.foreground(row)
        return QColor(name) if name else None
    if role == _DECORATION and column.decoration:
        return column.decoration(row)
    return None
