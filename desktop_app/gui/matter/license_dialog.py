"""Recording a license: number, validity, scope, status and place in a replacement chain.

The last valid day is worked out (15 CFR 750.7(g)) and shown as the fields change: the expiry
printed on the license when counsel enter it, else the date the validity basis gives, extended
only by a holiday of the library's calendar. What counsel should check against the license (a
printed date earlier than the basis gives, an emergency license without its printed date, a
holiday extension, a four-year basis for a one-year item) is shown beside its field.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from desktop_app.core.authorizations import (
    Determination,
    License,
    LicenseStatus,
    ValidityBasis,
)
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Item, Party
from desktop_app.core.validity import license_expiry, license_state, license_warnings
from desktop_app.core.validity import validate_license as license_errors
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.checklist import CheckList
from desktop_app.gui.widgets.choices import IdCombo, TypeChecks
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_date, read_required_date
from desktop_app.gui.widgets.form import WARNING_STYLE, FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class LicenseDialog(FormDialog[License]):
    """The fields of one license; the expiry and state beside them, computed."""

    def __init__(
        self,
        license_: License,
        submit: Submit[License],
        *,
        scope: tuple[list[Party], list[Item]],
        others: list[License],
        determinations: list[Determination],
        today: date,
        calendar: HolidayCalendar = FEDERAL,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Edit license") if license_.id else _("Add license")
        super().__init__(title, submit, parent, check=lambda x: license_errors(x, calendar))
        self._license, self._today, self._calendar = license_, today, calendar
        self._shown_errors: set[str] = set()
        parties, items = scope
        self._items = items
        x = license_
        self.number = TextBinding(QLineEdit(), x.number)
        self.validated_on = DateField(x.validated_on)
        self.validity: EnumCombo[ValidityBasis] = EnumCombo(ValidityBasis)
        self.validity.set_value(x.validity)
        self.expires_on_set = DateField(x.expires_on_set)
        self.expiry = QLabel()
        self.status: EnumCombo[LicenseStatus] = EnumCombo(LicenseStatus)
        self.status.set_value(x.status)
        self.parties = CheckList([(p.id, p.name) for p in parties], x.party_ids)
        self.items = CheckList([(i.id, i.name) for i in items], x.item_ids)
        self.types = TypeChecks(x.transaction_types)
        self.employee_release = QCheckBox(_("Release to the licensee's regular employees"))
        self.employee_release.setChecked(x.employee_release)
        self.excluded = TextBinding(QLineEdit(), ", ".join(x.excluded_countries))
        choices = [(o.id, f"{o.number} ({o.validated_on})") for o in others if o.id != x.id]
        self.replaces = IdCombo(choices, x.replaces_license_id)
        decided = [(d.id, f"{d.decided_on} — {d.kind.label}") for d in determinations]
        self.determination = IdCombo(decided, x.determination_id)
        self._add_rows()
        for signal in (
            self.validated_on.textChanged,
            self.expires_on_set.textChanged,
            self.validity.currentIndexChanged,
            self.status.currentIndexChanged,
            self.number.widget.textChanged,
        ):
            signal.connect(self._show_computed)
        self._show_computed()
        self.resize(760, 760)

    def _add_rows(self) -> None:
        self.number_note = self.add_row("number", _("Number"), self.number.widget)
        self.add_row("validated_on", _("Validated on"), self.validated_on)
        self.validity_note = self.add_row("validity", _("Validity basis"), self.validity)
        self.set_note = self.add_row(
            "expires_on_set",
            _("Printed expiry"),
            self.expires_on_set,
            _("The expiry printed on the license; it controls (15 CFR 750.7(g))."),
        )
        self.expires_note = self.add_row("expires", _("Valid through"), self.expiry)
        self.add_row("status", _("Status"), self.status)
        self.add_row("party_ids", _("Parties"), self.parties)
        self.add_row("item_ids", _("Items"), self.items)
        self.add_row("transaction_types", _("Transactions"), self.types)
        self.add_row("employee_release", "", self.employee_release, _("15 CFR 750.7(a)(3)."))
        self.add_row(
            "excluded_countries",
            _("Excluded"),
            self.excluded.widget,
            _("Country codes or groups, separated by commas (e.g. D:5, CN)."),
        )
        self.add_row("replaces_license_id", _("Replaces"), self.replaces)
        self.add_row("determination_id", _("Determination"), self.determination)

    def _show_computed(self) -> None:
        try:
            draft = self.build()
            expiry = license_expiry(draft, self._calendar)
        except (ValidationError, ValueError, OverflowError):
            self.expiry.setText(_("(complete the dates to see it)"))
            return
        state = license_state(draft, self._today, self._calendar)
        self.expiry.setText(
            _("{day} — {state} on {today}").format(
                day=expiry.isoformat(), state=state, today=self._today.isoformat()
            )
        )
        warnings = license_warnings(draft, self._items, self._calendar)
        for label, key in (
            (self.number_note, "number"),
            (self.validity_note, "validity"),
            (self.set_note, "expires_on_set"),
            (self.expires_note, "expires"),
        ):
            if key in self._shown_errors:
                continue
            if key in warnings:
                label.setStyleSheet(WARNING_STYLE)
                label.setText(warnings[key])
            label.setVisible(key in warnings)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the errors, and the warnings where a field has no error."""
        self._shown_errors = set(errors)
        super().show_errors(errors)
        self._show_computed()

    def build(self) -> License:
        """The license as the fields describe it."""
        errors: dict[str, str] = {}
        validated = read_required_date(
            self.validated_on, "validated_on", errors, _("Give the validation date.")
        )
        expires_set = read_date(self.expires_on_set, "expires_on_set", errors)
        if errors or validated is None:
            raise ValidationError(errors)
        excluded = tuple(c.strip().upper() for c in self.excluded.value().split(",") if c.strip())
        return replace(
            self._license,
            number=self.number.value(),
            validated_on=validated,
            validity=self.validity.value() or self._license.validity,
            expires_on_set=expires_set,
            status=self.status.value() or self._license.status,
            party_ids=self.parties.value(),
            item_ids=self.items.value(),
            transaction_types=self.types.value(),
            employee_release=self.employee_release.isChecked(),
            excluded_countries=excluded,
            replaces_license_id=self.replaces.value(),
            determination_id=self.determination.value(),
        )
