"""A list of labelled ids to tick: the parties a condition binds, the items a license covers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QListView, QWidget

from desktop_app.gui.widgets.text import display_text

Index = QModelIndex | QPersistentModelIndex


class CheckModel(QAbstractListModel):
    """(id, label) choices, each ticked or not."""

    def __init__(
        self,
        choices: Sequence[tuple[int, str]],
        ticked: Iterable[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        wanted = set(ticked)
        self._ticked = [key in wanted for key, _label in self._choices]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of choices (none under a child index: this is a flat list)."""
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The label, or whether the choice is ticked."""
        if not index.isValid() or index.row() >= len(self._choices):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(self._choices[index.row()][1])
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = self._ticked[index.row()]
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Choices can be ticked."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(  # noqa: N802
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Tick or untick a choice."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._ticked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def ticked(self) -> tuple[int, ...]:
        """The ids ticked, in the order of the choices."""
        return tuple(key for (key, _l), on in zip(self._choices, self._ticked, strict=True) if on)

    def set_ticked(self, ids: Iterable[int]) -> None:
        """Tick exactly ``ids``."""
        wanted = set(ids)
        for row, (key, _label) in enumerate(self._choices):
            self.setData(
                self.index(row),
                Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole,
            )


class CheckList(QListView):
    """Tick any number of (id, label) choices; space toggles the current one."""

    changed = Signal()
    """A choice was ticked or unticked."""

    def __init__(
        self,
        choices: Sequence[tuple[int, str]],
        ticked: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choices = CheckModel(choices, ticked, self)
        self.setModel(self.choices)
        self.choices.dataChanged.connect(lambda *_args: self.changed.emit())
        self.setMaximumHeight(min(24 * max(len(choices), 1) + 8, 150))

    def value(self) -> tuple[int, ...]:
        """The ids ticked."""
        return self.choices.ticked()
