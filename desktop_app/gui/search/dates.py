"""A date bound typed by hand: empty means none, a bad one is said beside it and not applied."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.validation import parse_date
from desktop_app.errors import ValidationError
from desktop_app.i18n import _

BAD_COLOUR = "#b00020"


class DateBound(QWidget):
    """A line edit for an ISO date with a message beside it when the text is not one."""

    changed = Signal()
    """The text was edited (or cleared)."""

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setToolTip(tooltip)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(40)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 40)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {BAD_COLOUR};")
        self.message.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self._on_text)

    def value(self) -> str:
        """The date as ``YYYY-MM-DD``; empty when the box is empty or not a date."""
        try:
            day = parse_date(self.edit.text(), "date")
        except ValidationError:
            return ""
        return day.isoformat() if day else ""

    @property
    def bad(self) -> bool:
        """True when something is typed that is not a date."""
        return bool(self.edit.text().strip()) and not self.value()

    def clear(self) -> None:
        """Empty the box."""
        self.edit.clear()

    def _on_text(self) -> None:
        bad = self.bad
        self.message.setText(_("not a date") if bad else "")
        self.message.setToolTip(
            _("Write a date like 2026-06-26; until then this bound is not applied") if bad else ""
        )
        self.message.setVisible(bad)
        self.changed.emit()
