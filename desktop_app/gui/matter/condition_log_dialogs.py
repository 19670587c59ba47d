"""Moving a condition to its next status, and logging a notice, acknowledgment or performance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from desktop_app.core.authorizations import (
    Condition,
    ConditionLog,
    ConditionStatus,
    LogKind,
)
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.choices import IdCombo
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_date, read_required_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _

LOGGED_KINDS = (LogKind.COMMUNICATED, LogKind.ACKNOWLEDGED, LogKind.PERFORMED, LogKind.NOTE)
"""What the Log… dialog records; transitions are logged by moving the condition."""

Choices = list[tuple[int, str]]


@dataclass(frozen=True)
class Move:
    """A transition to make: which condition, to what status, on which day, why, on what proof."""

    condition_id: int
    to: ConditionStatus
    on: date
    note: str = ""
    document_id: int | None = None


class MoveDialog(FormDialog[Move]):
    """Confirm a transition with its date (default today) and a note."""

    def __init__(
        self,
        condition: Condition,
        to: ConditionStatus,
        documents: Choices,
        submit: Submit[Move],
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Move to {status}").format(status=to.label), submit, parent)
        self._condition, self._to = condition, to
        self.change = QLabel(f"{condition.status.label} → {to.label}")
        self.on = DateField(today)
        self.note = TextBinding(QPlainTextEdit(), "")
        self.document = IdCombo(documents, None)
        self.add_row("status", _("Status"), self.change)
        self.add_row("on", _("On"), self.on)
        self.add_row("note", _("Note"), self.note.widget, _("Why, and on what authority."))
        self.add_row("document_id", _("Evidence"), self.document)
        self.resize(560, 380)

    def build(self) -> Move:
        """The transition as the fields describe it."""
        errors: dict[str, str] = {}
        on = read_required_date(self.on, "on", errors, _("Give the day of the change."))
        if errors or on is None:
            raise ValidationError(errors)
        return Move(self._condition.id, self._to, on, self.note.value(), self.document.value())


class LogDialog(FormDialog[ConditionLog]):
    """One entry in a condition's log: who was told, who acknowledged, what was performed."""

    def __init__(
        self,
        entry: ConditionLog,
        choices: tuple[Choices, Choices],
        submit: Submit[ConditionLog],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Log on the condition"), submit, parent)
        parties, documents = choices
        self._entry = entry
        self.kind: EnumCombo[LogKind] = EnumCombo(LogKind, only=LOGGED_KINDS)
        self.kind.set_value(entry.kind)
        self.on = DateField(entry.on)
        self.party = IdCombo(parties, entry.party_id)
        self.due = DateField(entry.due)
        self.document = IdCombo(documents, entry.document_id)
        self.note = TextBinding(QPlainTextEdit(), entry.note)
        self.add_row("kind", _("What"), self.kind)
        self.add_row("on", _("On"), self.on)
        self.add_row("party_id", _("Party"), self.party, _("Who was told, or who acknowledged."))
        self.add_row(
            "due", _("Due date met"), self.due, _("For a performance: the due date it meets.")
        )
        self.add_row("document_id", _("Evidence"), self.document)
        self.add_row("note", _("Note"), self.note.widget)
        self.resize(580, 440)

    def build(self) -> ConditionLog:
        """The log entry as the fields describe it (a due date only for a performance)."""
        errors: dict[str, str] = {}
        on = read_required_date(self.on, "on", errors, _("Give the day."))
        due = read_date(self.due, "due", errors)
        if errors or on is None:
            raise ValidationError(errors)
        kind = self.kind.value() or self._entry.kind
        return replace(
            self._entry,
            kind=kind,
            on=on,
            party_id=self.party.value(),
            due=due if kind is LogKind.PERFORMED else None,
            document_id=self.document.value(),
            note=self.note.value(),
        )
