"""The dialogs of recordkeeping: place a legal hold, release one, record a retention event."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.retention import LegalHold, RetentionTrigger, TriggerKind
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_required_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class HoldDialog(FormDialog[LegalHold]):
    """A new legal hold: who asked for the records, and when (15 CFR 762.6(b))."""

    def __init__(
        self, hold: LegalHold, submit: Submit[LegalHold], parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Place a legal hold"), submit, parent)
        self._hold = hold
        self.requested_by = TextBinding(QLineEdit(), hold.requested_by)
        self.requested_by.widget.setPlaceholderText(_("e.g. BIS Office of Export Enforcement"))
        self.requested_on = DateField(hold.requested_on)
        self.note = TextBinding(QPlainTextEdit(), hold.note)
        self.add_row("requested_by", _("Requested by"), self.requested_by.widget)
        self.add_row("requested_on", _("Requested on"), self.requested_on)
        self.add_row(
            "note",
            _("Request"),
            self.note.widget,
            _("While the hold is open nothing on the matter may be deleted, however old."),
        )
        self.resize(560, 380)

    def build(self) -> LegalHold:
        """The hold as the fields describe it."""
        errors: dict[str, str] = {}
        day = read_required_date(
            self.requested_on, "requested_on", errors, _("Give the day of the request.")
        )
        if errors or day is None:
            raise ValidationError(errors)
        return replace(
            self._hold,
            requested_by=self.requested_by.value(),
            requested_on=day,
            note=self.note.value(),
        )


class ReleaseDialog(FormDialog[LegalHold]):
    """Release an open hold on a written authorization."""

    def __init__(
        self, hold: LegalHold, submit: Submit[LegalHold], parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Release the legal hold"), submit, parent)
        self._hold = hold
        self.released_on = DateField(hold.released_on)
        self.release_note = TextBinding(QPlainTextEdit(), hold.release_note)
        self.add_row("released_on", _("Released on"), self.released_on)
        self.add_row(
            "release_note",
            _("Written authorization"),
            self.release_note.widget,
            _("Which letter or message from {who} released it.").format(who=hold.requested_by),
        )
        self.resize(560, 340)

    def build(self) -> LegalHold:
        """The hold with its release as the fields describe it."""
        errors: dict[str, str] = {}
        day = read_required_date(
            self.released_on, "released_on", errors, _("Give the day of the release.")
        )
        if errors or day is None:
            raise ValidationError(errors)
        return replace(self._hold, released_on=day, release_note=self.release_note.value())


class TriggerDialog(FormDialog[RetentionTrigger]):
    """An event retention runs from (15 CFR 762.6(a); ten years for OFAC, 31 CFR 501.601)."""

    def __init__(
        self,
        trigger: RetentionTrigger,
        submit: Submit[RetentionTrigger],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Add a retention event"), submit, parent)
        self._trigger = trigger
        self.kind: EnumCombo[TriggerKind] = EnumCombo(TriggerKind)
        self.kind.set_value(trigger.kind)
        self.occurred_on = DateField(trigger.occurred_on)
        self.note = TextBinding(QLineEdit(), trigger.note)
        self.add_row(
            "kind",
            _("Event"),
            self.kind,
            _("Records are kept from the latest of these events: five years (EAR), ten (OFAC)."),
        )
        self.add_row("occurred_on", _("Occurred on"), self.occurred_on)
        self.add_row("note", _("Note"), self.note.widget)
        self.resize(600, 340)

    def build(self) -> RetentionTrigger:
        """The event as the fields describe it."""
        errors: dict[str, str] = {}
        day = read_required_date(
            self.occurred_on, "occurred_on", errors, _("Give the day of the event.")
        )
        if errors or day is None:
            raise ValidationError(errors)
        return replace(
            self._trigger,
            kind=self.kind.value() or self._trigger.kind,
            occurred_on=day,
            note=self.note.value(),
        )
