"""A record dialog's keyboard and screen manners: what its fields hold, where typing starts.

`field_state` reads every input widget under a root (texts, choices, ticks, ticked list rows)
in a fixed order; two equal states mean nothing was changed. Rows added or removed (a second
nationality) change the state too. `first_field` is the first widget Tab would reach;
`ask_discard` asks before changes are thrown away; `fit_to_screen` keeps a tall dialog's
buttons on a small screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.i18n import _

State = tuple[tuple[str, object], ...]
SCREEN_MARGIN = 40
"""Pixels a dialog leaves free at the screen's edges (its title bar and the window's frame)."""


def field_state(root: QWidget) -> State:
    """The value of every input widget under ``root``, in the order of its children."""
    return tuple(
        (type(widget).__name__, value)
        for widget in root.findChildren(QWidget)
        if (value := _value(widget)) is not None
    )


def _ticks(view: QAbstractItemView) -> tuple[object, ...] | None:
    """The tick of each row of a list of checkable rows; None for any other view."""
    model = view.model()
    first = model.index(0, 0)
    if not model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable:
        return None
    role = Qt.ItemDataRole.CheckStateRole
    return tuple(model.index(row, 0).data(role) for row in range(model.rowCount()))


_READERS: tuple[tuple[type[QWidget], Callable[[Any], object]], ...] = (
    (QLineEdit, lambda w: w.text()),
    (QPlainTextEdit, lambda w: w.toPlainText()),
    (QComboBox, lambda w: w.currentIndex()),
    (QAbstractSpinBox, lambda w: w.text()),
    (QAbstractButton, lambda w: w.isChecked() if w.isCheckable() else None),
    (QAbstractItemView, _ticks),
)


def _value(widget: QWidget) -> object:
    for kind, read in _READERS:
        if isinstance(widget, kind):
            return read(widget)
    return None


def first_field(window: QWidget, inside: QWidget, kind: type[QWidget] = QWidget) -> QWidget | None:
    """The first widget under ``inside`` (of ``kind``) that Tab reaches from ``window``'s start."""
    current: QWidget | None = window.nextInFocusChain()
    while current is not None and current is not window:
        takes_tab = bool(current.focusPolicy() & Qt.FocusPolicy.TabFocus)
        shown = current.isEnabled() and current.isVisibleTo(window)
        if takes_tab and shown and inside.isAncestorOf(current) and isinstance(current, kind):
            return current
        current = current.nextInFocusChain()
    return None


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to throw the changes away; keeping on editing is the default answer."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Discard changes?"),
        _("You changed this record. Discard the changes?"),
        buttons.Discard | buttons.Cancel,
        parent,
    )
    box.button(buttons.Discard).setText(_("&Discard"))
    box.button(buttons.Cancel).setText(_("&Keep editing"))
    box.setDefaultButton(buttons.Cancel)
    return box.exec() == buttons.Discard.value


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen (its fields scroll) and keep its frame on the screen."""
    room = window.screen().availableGeometry()
    width = min(window.width(), room.width() - SCREEN_MARGIN)
    height = min(window.height(), room.height() - 2 * SCREEN_MARGIN)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    left = min(max(window.x(), room.left()), room.right() - width)
    top = min(max(window.y(), room.top()), room.bottom() - height - SCREEN_MARGIN)
    window.move(max(left, room.left()), max(top, room.top()))
