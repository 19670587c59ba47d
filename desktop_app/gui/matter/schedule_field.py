"""The recurrence rule of a condition: an RRULE line, quick rules, and the dates it gives.

"Quarterly" fills ``schedule.quarterly_rule`` from the first due date; "Yearly on the license
anniversary" fills ``schedule.anniversary_rule`` from the linked license's validation date (and
suggests the first anniversary as the first due date when none is set). Under the field, the
next due dates the rule gives, or why it gives none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.schedule import anniversary_rule, check_schedule, due_dates, quarterly_rule
from desktop_app.core.schedule_words import rule_words
from desktop_app.gui.widgets.form import TextBinding
from desktop_app.i18n import _

PREVIEW_COUNT = 4
NOTE_STYLE = "color: #555555;"


class ScheduleField(QWidget):
    """An RRULE line with quick buttons and a preview of the due dates."""

    rule_chosen = Signal()
    """A quick button filled the rule (the obligation is recurring)."""
    first_due_suggested = Signal(object)
    """A quick button suggests this first due date (a date), the field being empty."""

    def __init__(
        self,
        rule: str,
        first_due: Callable[[], date | None],
        license_validated: Callable[[], date | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._first_due = first_due
        self._license_validated = license_validated
        self.rule = TextBinding(QLineEdit(), rule)
        self.rule.widget.setPlaceholderText("FREQ=MONTHLY;INTERVAL=3")
        self.quarterly = QPushButton(_("&Quarterly"))
        self.anniversary = QPushButton(_("Yearly on the license &anniversary"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(NOTE_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quarterly)
        buttons.addWidget(self.anniversary)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rule.widget)
        layout.addLayout(buttons)
        layout.addWidget(self.preview)
        self.quarterly.clicked.connect(self.fill_quarterly)
        self.anniversary.clicked.connect(self.fill_anniversary)
        # The preview waits until typing pauses: some rules take dateutil long to rule out.
        self._typing = QTimer(self, singleShot=True, interval=400)
        self._typing.timeout.connect(self.show_preview)
        self.rule.widget.textChanged.connect(self._typing.start)

    def value(self) -> str:
        """The rule as typed (the stored one exactly when untouched)."""
        return self.rule.value()

    def fill_quarterly(self) -> None:
        """Every three months from the first due date."""
        first = self._first_due()
        if first is None:
            self.preview.setText(_("Enter the first due date, then choose Quarterly."))
            return
        self._fill(quarterly_rule(first))

    def fill_anniversary(self) -> None:
        """Once a year on the anniversary of the linked license's validation date."""
        validated = self._license_validated()
        if validated is None:
            self.preview.setText(_("Link the condition to a license first."))
            return
        if self._first_due() is None:
            self.first_due_suggested.emit(validated + relativedelta(years=1))
        self._fill(anniversary_rule(validated))

    def _fill(self, rule: str) -> None:
        self.rule.widget.setText(rule)
        self.rule_chosen.emit()
        self.show_preview()

    def show_preview(self) -> None:
        """The next due dates the rule gives from the first due date, or why it gives none."""
        rule, first = self.value().strip(), self._first_due()
        if not rule:
            self.preview.setText(_("No rule: a one-time date, or no schedule."))
            return
        if first is None:
            self.preview.setText(_("Enter the first due date to see the dates the rule gives."))
            return
        problems = check_schedule(rule, first)
        if problems:
            self.preview.setText(problems.get("rrule", ""))
            return
        dates = due_dates(rule, first, first, first + relativedelta(years=3))[:PREVIEW_COUNT]
        due = _("Due: {dates} …").format(dates=", ".join(d.isoformat() for d in dates))
        words = rule_words(rule)
        self.preview.setText(f"{words[0].upper()}{words[1:]}. {due}" if words else due)
