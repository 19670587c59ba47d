"""Recording an event on the BIS clock: registration, holds and their end, referral, decision."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_required_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class ClockEventDialog(FormDialog[ClockEvent]):
    """One clock event: what happened, on which day, and why BIS stopped the clock."""

    def __init__(
        self, event: ClockEvent, submit: Submit[ClockEvent], parent: QWidget | None = None
    ) -> None:
        title = _("Correct BIS clock event") if event.id else _("Add BIS clock event")
        super().__init__(title, submit, parent)
        self._event = event
        self.kind: EnumCombo[ClockEventKind] = EnumCombo(ClockEventKind)
        self.kind.set_value(event.kind)
        self.on = DateField(event.on)
        self.hold_reason: EnumCombo[HoldReason] = EnumCombo(HoldReason, _("(no hold)"))
        self.hold_reason.set_value(event.hold_reason)
        self.note = TextBinding(QLineEdit(), event.note)
        self.add_row("kind", _("Event"), self.kind)
        self.add_row("on", _("On"), self.on)
        self.add_row(
            "hold_reason",
            _("Hold reason"),
            self.hold_reason,
            _("For a hold that starts: why BIS stopped the clock (15 CFR 750.4(b))."),
        )
        self.add_row("note", _("Note"), self.note.widget)
        self.resize(560, 360)

    def build(self) -> ClockEvent:
        """The event as the fields describe it."""
        errors: dict[str, str] = {}
        on = read_required_date(self.on, "on", errors, _("Give the day of the event."))
        if errors or on is None:
            raise ValidationError(errors)
        return replace(
            self._event,
            kind=self.kind.value() or self._event.kind,
            on=on,
            hold_reason=self.hold_reason.value(),
            note=self.note.value(),
        )
