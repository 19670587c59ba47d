"""Adding and editing a condition: its text, whom it binds, who owns it, and when it is due.

A condition that must be met before release (a written acknowledgment, vetting) holds coverage
back until its dated evidence is logged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    ConditionCategory,
    ConditionKind,
    License,
    ObligationKind,
)
from desktop_app.core.condition_states import initial_status
from desktop_app.core.models import Party
from desktop_app.core.obligations import condition_errors
from desktop_app.errors import ValidationError
from desktop_app.gui.matter.schedule_field import ScheduleField
from desktop_app.gui.widgets.checklist import CheckList
from desktop_app.gui.widgets.choices import IdCombo, YesNoCombo
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _

MAX_GRACE_DAYS = 365


@dataclass(frozen=True)
class ConditionLinks:
    """What a condition can point at in its matter: parties, licenses, letters."""

    parties: list[Party]
    licenses: list[License]
    letters: list[AuthorizationLetter]


class ConditionDialog(FormDialog[Condition]):
    """The fields of one condition; its status moves only through "Move to…"."""

    def __init__(
        self,
        condition: Condition,
        links: ConditionLinks,
        submit: Submit[Condition],
        parent: QWidget | None = None,
    ) -> None:
        title = _("Edit condition") if condition.id else _("Add condition")
        super().__init__(title, submit, parent, check=condition_errors)
        self._condition, self._licenses = condition, links.licenses
        c = condition
        self.kind: EnumCombo[ConditionKind] = EnumCombo(ConditionKind)
        self.kind.set_value(c.kind)
        self.category: EnumCombo[ConditionCategory] = EnumCombo(ConditionCategory)
        self.category.set_value(c.category)
        self.text = TextBinding(QPlainTextEdit(), c.text)
        self.number = TextBinding(QLineEdit(), c.number)
        self.license = IdCombo(
            [(x.id, f"{x.number} ({x.validated_on})") for x in links.licenses], c.license_id
        )
        self.letter = IdCombo(
            [(x.id, f"{x.dated} — {x.effect.label} {x.reference}") for x in links.letters],
            c.letter_id,
        )
        self.parties = CheckList([(p.id, p.name) for p in links.parties], c.bound_party_ids)
        self.owner = TextBinding(QLineEdit(), c.owner)
        self.obligation: EnumCombo[ObligationKind] = EnumCombo(ObligationKind)
        self.obligation.set_value(c.obligation)
        self.first_due = DateField(c.first_due)
        self.schedule = ScheduleField(c.rrule, self._typed_first_due, self._license_validated)
        self.grace_days = QSpinBox()
        self.grace_days.setRange(0, MAX_GRACE_DAYS)
        self.grace_days.setValue(max(c.grace_days, 0))
        self.grace_days.setSuffix(_(" days"))
        self.grace_days.setMaximumWidth(120)
        self.acknowledgment = QCheckBox(_("Written acknowledgment required (15 CFR 750.7(d))"))
        self.acknowledgment.setChecked(c.acknowledgment_required)
        self.before_release = YesNoCombo(c.before_release)
        self._add_rows()
        self.schedule.rule_chosen.connect(
            lambda: self.obligation.set_value(ObligationKind.RECURRING)
        )
        self.schedule.first_due_suggested.connect(lambda d: self.first_due.setText(d.isoformat()))
        self.first_due.textChanged.connect(self.schedule.show_preview)
        self.schedule.show_preview()
        self.resize(780, 760)

    def _add_rows(self) -> None:
        self.add_row("kind", _("Kind"), self.kind)
        self.add_row("category", _("Category"), self.category)
        self.text.widget.setMaximumHeight(110)
        self.add_row("text", _("Text"), self.text.widget, _("Verbatim, as BIS wrote it."))
        self.add_row("number", _("Number"), self.number.widget)
        self.add_row("license_id", _("License"), self.license)
        self.add_row("letter_id", _("Letter"), self.letter)
        self.add_row("bound_party_ids", _("Binds"), self.parties)
        self.add_row("owner", _("Owner"), self.owner.widget)
        self.add_row("obligation", _("Obligation"), self.obligation)
        self.add_row("first_due", _("First due"), self.first_due)
        self.add_row(
            "rrule",
            _("Repeats"),
            self.schedule,
            _("An RFC 5545 rule, e.g. FREQ=MONTHLY;INTERVAL=3."),
        )
        self.add_row("grace_days", _("Grace"), self.grace_days)
        self.add_row("acknowledgment_required", "", self.acknowledgment)
        self.add_row(
            "before_release",
            _("Must be met before release"),
            self.before_release,
            _("Yes for an acknowledgment or vetting the release may not happen without."),
        )

    def _typed_first_due(self) -> date | None:
        try:
            return self.first_due.value("first_due")
        except ValidationError:
            return None

    def _license_validated(self) -> date | None:
        chosen = self.license.value()
        return next((x.validated_on for x in self._licenses if x.id == chosen), None)

    def build(self) -> Condition:
        """The condition as the fields describe it (a new one starts in its initial status)."""
        errors: dict[str, str] = {}
        first_due = read_date(self.first_due, "first_due", errors)
        if errors:
            raise ValidationError(errors)
        kind = self.kind.value() or self._condition.kind
        status = self._condition.status if self._condition.id else initial_status(kind)
        return replace(
            self._condition,
            kind=kind,
            category=self.category.value() or self._condition.category,
            text=self.text.value(),
            number=self.number.value(),
            license_id=self.license.value(),
            letter_id=self.letter.value(),
            bound_party_ids=self.parties.value(),
            owner=self.owner.value(),
            obligation=self.obligation.value() or self._condition.obligation,
            first_due=first_due,
            rrule=self.schedule.value(),
            grace_days=self.grace_days.value(),
            acknowledgment_required=self.acknowledgment.isChecked(),
            before_release=self.before_release.value(),
            status=status,
        )
