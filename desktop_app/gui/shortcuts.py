"""Help → Keyboard shortcuts: every menu entry that has keys, and the keys every form takes.

The list is read from the window's own menus when it is opened, so it says what the keys do in
this build, not what a page once said.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _

FORM_KEYS = (
    (_("Every form"), _("Save"), "Ctrl+Enter"),
    (_("Every form"), _("Close (asks first when something was changed)"), "Esc"),
)
"""What every form dialog (`widgets.form.FormDialog`) does with these keys."""


def plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, entry, keys) of every menu entry with a shortcut, in menu order, then the forms'."""
    rows = []
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            keys = _keys(action)
            if keys:
                rows.append((plain(top.text()), plain(action.text()), keys))
    return [*rows, *FORM_KEYS]


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


class ShortcutsDialog(QDialog):
    """The shortcuts in a table (menu, entry, keys), with Close."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setObjectName("shortcuts")
        rows = shortcut_rows(bar)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([_("Menu"), _("Entry"), _("Keys")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumSize(600, 560)
        note = QLabel(_("Alt with an underlined letter opens that menu or tab."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table.setFocus()


def show_shortcuts(parent: QWidget, bar: QMenuBar) -> ShortcutsDialog:
    """Open the list over ``parent`` (window-modal, not blocking) and return it."""
    dialog = ShortcutsDialog(bar, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
