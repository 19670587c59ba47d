"""A dialog that edits one record: labelled rows, messages beside the fields, async save.

Subclasses add rows and implement `build()`; saving hands the record to ``submit`` (which runs
the service off the GUI thread) and stays open with the messages shown if it is refused.
Unchanged text fields give back the stored value exactly, whatever Qt does to the text it shows.
Typing starts in the first field; Tab walks the fields in order, then Save and Cancel;
Ctrl+Enter saves from any field; Esc (or Cancel, or closing the window) asks before it throws
changes away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ValidationError
from desktop_app.gui.errors import message_for
from desktop_app.gui.widgets.form_state import (
    State,
    ask_discard,
    field_state,
    first_field,
    fit_to_screen,
)
from desktop_app.i18n import _

T = TypeVar("T")
W = TypeVar("W", QLineEdit, QPlainTextEdit)
Submit = Callable[[T, Callable[[Any], None], Callable[[BaseException], None]], None]
log = logging.getLogger(__name__)
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


class TextBinding(Generic[W]):
    """A text widget bound to a stored value: untouched, it returns the value exactly."""

    def __init__(self, widget: W, original: str) -> None:
        self.widget: W = widget
        self._original = original
        _set_text(widget, original)
        self._shown = _text(widget)

    def value(self) -> str:
        """The stored value if the field was not edited, else what the field holds."""
        current = _text(self.widget)
        return self._original if current == self._shown else current


class LinesBinding:
    """A multi-line field holding one entry per line (tags, aliases)."""

    def __init__(self, widget: QPlainTextEdit, original: tuple[str, ...]) -> None:
        self.widget = widget
        self._text = TextBinding(widget, "\n".join(original))
        self._original = original
        self._joined = "\n".join(original)

    def value(self) -> tuple[str, ...]:
        """The stored entries if untouched, else the non-empty lines."""
        text = self._text.value()
        if text == self._joined:
            return self._original
        return tuple(line for line in text.split("\n") if line.strip())


def _set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setCursorPosition(0)
    else:
        widget.setPlainText(text)


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


class FormDialog(QDialog, Generic[T]):
    """Edit one record; `saved` carries what the service stored."""

    saved = Signal(object)
    """The service accepted the record: the stored result."""

    build: Callable[[], T]
    """Subclasses: the record the fields describe; raise ValidationError for unreadable input."""

    def __init__(
        self,
        title: str,
        submit: Submit[T],
        parent: QWidget | None = None,
        check: Callable[[T], dict[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self._check = check
        self._saving = False
        self._errors: dict[str, QLabel] = {}
        self._baseline: State | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.general_error = _message_label(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setToolTip(_("Save (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self._lay_out()

    def _lay_out(self) -> None:
        self.body = QWidget()
        self.body.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 560)

    def add_row(self, name: str, label: str, widget: QWidget, hint: str = "") -> QLabel:
        """Add a labelled field and the message line under it; return that message label."""
        column = QWidget()
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555555;")
            box.addWidget(note)
        message = _message_label(ERROR_STYLE)
        box.addWidget(message)
        box.addStretch()
        self.form.addRow(label, column)
        self._errors[name] = message
        return message

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """On first showing: remember what the fields hold, and put the cursor in the first."""
        super().showEvent(event)
        if self._baseline is None:
            fit_to_screen(self)
            for editor in self.body.findChildren(QPlainTextEdit):
                editor.setTabChangesFocus(True)  # Tab walks the fields; text is pasted
            self._baseline = field_state(self.body)
            first = first_field(self, self.body)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def changed(self) -> bool:
        """True when a field holds something else than when the dialog was first shown."""
        return self._baseline is not None and field_state(self.body) != self._baseline

    def save(self) -> None:
        """Check the fields, then hand the record to the service."""
        if self._saving:
            return
        self.show_errors({})
        try:
            record = self.build()
        except ValidationError as exc:
            self.show_errors(exc.fields)
            return
        errors = self._check(record) if self._check else {}
        if errors:
            self.show_errors(errors)
            return
        self.buttons.setEnabled(False)
        self._saving = True
        self._submit(record, self._done, self._failed)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message beside its field; messages for no field go at the top."""
        general = [why for name, why in errors.items() if name not in self._errors]
        for name, label in self._errors.items():
            label.setStyleSheet(ERROR_STYLE)
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    def error_text(self, name: str) -> str:
        """The message shown beside a field ("" when none)."""
        label = self._errors[name]
        return "" if label.isHidden() else label.text()

    def _done(self, result: Any) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_errors(error.fields)
            return
        message = message_for(error)
        if message is None:
            log.error("saving failed", exc_info=error)
            message = _("Saving failed because of a bug; the details are in the log.")
        self.show_errors({"": message})

    def reject(self) -> None:
        """Cancel, unless a save is on its way (its result must find the dialog).

        With changes made, ask first whether to throw them away.
        """
        if self._saving or (self.changed() and not ask_discard(self)):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Refuse to close while a save is on its way."""
        if self._saving:
            event.ignore()
        else:
            super().closeEvent(event)


def _message_label(style: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.hide()
    return label
