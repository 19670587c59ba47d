"""Adding and editing a party: an entity, an Annex A row, or a person with nationalities.

A person's employment (since, until, and whether it is regular and permanent) decides whether a
letter or license that covers an entity's employees covers them (15 CFR 750.7(a)(3)). Their
citizenships and residencies, with the days each was held, give the deemed destination shown
as of today (15 CFR 734.13(b)); a D:5 or Macau one is flagged beside them. Stateless, and a
protected individual's basis and exclusions (8 U.S.C. 1324b(a)(3)), show only when relevant.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.deemed import deemed_destination
from desktop_app.core.enums import PartyKind, PartyRole, UsStatus
from desktop_app.core.models import Nationality, Party
from desktop_app.core.validation import country_name, party_errors
from desktop_app.errors import ValidationError
from desktop_app.gui.matter.nationality_cells import country_groups, entry_flags
from desktop_app.gui.matter.person_status import PersonStatus
from desktop_app.gui.widgets.choices import YesNoCombo
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import CountryField, DateField, IntField, read_date
from desktop_app.gui.widgets.form import FormDialog, LinesBinding, Submit, TextBinding
from desktop_app.gui.widgets.nationalities import NationalitiesEditor
from desktop_app.i18n import _


class PartyDialog(FormDialog[Party]):
    """The fields of one party; the person fields matter for deemed exports.

    ``today`` is the day the deemed destination, the flags and the checks read nationalities on
    (None: the computer's date);
    ``group_of`` the Country Groups lookup (the shipped one unless given).
    """

    def __init__(
        self,
        party: Party,
        others: list[Party],
        submit: Submit[Party],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        group_of: GroupLookup | None = None,
    ) -> None:
        title = _("Edit party") if party.id else _("Add party")
        day = today or date.today()
        super().__init__(title, submit, parent, check=lambda p: party_errors(p, day))
        self._party = party
        self._today = day
        self._group_of = group_of or country_groups()
        self.name = TextBinding(QLineEdit(), party.name)
        self.role: EnumCombo[PartyRole] = EnumCombo(PartyRole)
        self.role.set_value(party.role)
        self.kind: EnumCombo[PartyKind] = EnumCombo(PartyKind)
        self.kind.set_value(party.kind)
        self.country = CountryField(party.country)
        self.address = TextBinding(QPlainTextEdit(), party.address)
        self.aliases = LinesBinding(QPlainTextEdit(), party.aliases)
        self.annex_row = IntField(party.annex_row)
        self.employer = self._employer_combo(party, others)
        self.employed_since = DateField(party.employed_since)
        self.employed_until = DateField(party.employed_until)
        self.regular_employee = YesNoCombo(party.regular_employee)
        self.nationalities = NationalitiesEditor(party.nationalities)
        self.us_status: EnumCombo[UsStatus] = EnumCombo(UsStatus)
        self.us_status.set_value(party.us_status)
        self.visa_type = TextBinding(QLineEdit(), party.visa_type)
        self.visa_expiry = DateField(party.visa_expiry)
        self.notes = TextBinding(QPlainTextEdit(), party.notes)
        self.deemed = QLabel()
        self.deemed.setWordWrap(True)
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.status = PersonStatus(party)
        self._add_rows()
        for signal in (
            self.nationalities.changed,
            self.us_status.currentIndexChanged,
            self.kind.currentIndexChanged,
            self.status.stateless.currentIndexChanged,
            self.status.exclusions.currentIndexChanged,
        ):
            signal.connect(self._show_deemed)
        self.role.currentIndexChanged.connect(self._person_for_role)  # bound: no cycle
        self._show_deemed()
        self.resize(920, 720)  # a nationality row (country, basis, two dates) fits

    def _person_for_role(self, _index: int = 0) -> None:
        """A foreign national is a person: a new party's Kind follows the role chosen."""
        entity = self.kind.value() is PartyKind.ENTITY
        if not self._party.id and entity and self.role.value() is PartyRole.FOREIGN_NATIONAL:
            self.kind.set_value(PartyKind.INDIVIDUAL)

    def _employer_combo(self, party: Party, others: list[Party]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("(none)"), None)
        for other in others:
            is_current = other.id == party.employer_id
            if other.id != party.id and (other.kind is not PartyKind.INDIVIDUAL or is_current):
                combo.addItem(other.name, other.id)
        found = combo.findData(party.employer_id)
        combo.setCurrentIndex(max(found, 0))
        return combo

    def _add_rows(self) -> None:
        self.add_row("name", _("Name"), self.name.widget)
        self.add_row("role", _("Role"), self.role)
        self.add_row("kind", _("Kind"), self.kind)
        self.add_row(
            "country", _("Country"), self.country, _("Where the party is located (ISO code).")
        )
        self.address.widget.setMaximumHeight(70)
        self.add_row("address", _("Address"), self.address.widget)
        self.aliases.widget.setMaximumHeight(60)
        self.add_row("aliases", _("Aliases"), self.aliases.widget, _("One per line."))
        self.add_row("annex_row", _("Annex A row"), self.annex_row)
        self.add_row("employer_id", _("Employer"), self.employer)
        self.add_row("employed_since", _("Employed since"), self.employed_since)
        self.add_row(
            "employed_until", _("Employed until"), self.employed_until, _("Empty: still employed.")
        )
        self.add_row(
            "regular_employee",
            _("Regular employee"),
            self.regular_employee,
            _("Bona fide regular and permanent employment (15 CFR 750.7(a)(3))."),
        )
        self.add_row(
            "nationalities",
            _("Citizenships and residencies"),
            self.nationalities,
            _("Since: the day acquired. Until: the day it lapsed or was renounced (empty: held)."),
        )
        self._person_row("nationality_flags", _("Flags"), self.flags)
        self._person_row("stateless", _("Stateless"), self.status.stateless)
        self.add_row("us_status", _("US status"), self.us_status)
        self._person_row("protected_basis", _("Protected basis"), self.status.protected_basis)
        self._person_row(
            "protected_exclusions_clear",
            _("Exclusions of 1324b(a)(3)"),
            self.status.exclusions,
            _("Do the exclusions of 8 U.S.C. 1324b(a)(3) NOT apply? Counsel's answer."),
        )
        self._person_row("statute", _("The statute"), self.status.statute)
        self.add_row("deemed", _("Deemed destination"), self.deemed)
        self.add_row("visa_type", _("Visa type"), self.visa_type.widget)
        self.add_row("visa_expiry", _("Visa expiry"), self.visa_expiry)
        self.notes.widget.setMaximumHeight(80)
        self.add_row("notes", _("Notes"), self.notes.widget)

    def _person_row(self, name: str, label: str, widget: QWidget, hint: str = "") -> None:
        self.status.keep_row(name, self.add_row(name, label, widget, hint))

    def _show_deemed(self) -> None:
        """Show the rows that apply, the flags, and the deemed destination as of today."""
        kind = self.kind.value() or self._party.kind
        status = self.us_status.value() or UsStatus.NOT_APPLICABLE
        self.status.show_rows(self.form, kind, status)
        today = self._today
        try:
            draft = replace(
                self._party,
                kind=kind,
                nationalities=self.nationalities.value(),
                us_status=status,
                **self.status.values(kind, status),
            )
        except ValidationError:
            self.deemed.setText(_("(complete the dates to see it)"))
            return
        flags = entry_flags(draft.nationalities, today, self._group_of)
        self.flags.setText(flags)
        self.status.show_flags(self.form, bool(flags))
        result = deemed_destination(draft, today)
        country = f"{result.country} — {country_name(result.country)}" if result.country else "—"
        dated = today.isoformat() in result.reason
        template = _("{country}: {reason}") if dated else _("{country}: {reason} (on {day})")
        self.deemed.setText(template.format(country=country, reason=result.reason, day=today))

    def build(self) -> Party:
        """The party as the fields describe it."""
        errors: dict[str, str] = {}
        annex_row: int | None = None
        nationalities: tuple[Nationality, ...] = ()
        try:
            annex_row = self.annex_row.value("annex_row")
        except ValidationError as exc:
            errors.update(exc.fields)
        try:
            nationalities = self.nationalities.value()
        except ValidationError as exc:
            errors.update(exc.fields)
        expiry = read_date(self.visa_expiry, "visa_expiry", errors)
        since = read_date(self.employed_since, "employed_since", errors)
        until = read_date(self.employed_until, "employed_until", errors)
        if errors:
            raise ValidationError(errors)
        kind = self.kind.value() or self._party.kind
        status = self.us_status.value() or UsStatus.NOT_APPLICABLE
        return replace(
            self._party,
            name=self.name.value(),
            role=self.role.value() or self._party.role,
            kind=kind,
            country=self.country.value(),
            address=self.address.value(),
            aliases=self.aliases.value(),
            annex_row=annex_row,
            employer_id=self.employer.currentData(),
            employed_since=since,
            employed_until=until,
            regular_employee=self.regular_employee.value(),
            nationalities=nationalities,
            us_status=status,
            **self.status.values(kind, status),
            visa_type=self.visa_type.value(),
            visa_expiry=expiry,
            notes=self.notes.value(),
        )
