"""Adding and editing an activity: what goes to whom, how, when, and its deemed destination.

Its date (planned or performed, as its status says) is the day its coverage is answered for,
and the day its deemed destination is read on (15 CFR 734.13(b): what the person holds then);
the destination address matters where a letter names addresses.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from desktop_app.core.deemed import deemed_destination
from desktop_app.core.enums import ActivityStatus, ReleaseMechanism, TransactionType
from desktop_app.core.models import Activity, Item, Party
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import CountryField, DateField, read_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class ActivityDialog(FormDialog[Activity]):
    """The fields of one activity, choosing among the matter's items and parties."""

    def __init__(
        self,
        activity: Activity,
        items: list[Item],
        parties: list[Party],
        submit: Submit[Activity],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(_("Edit activity") if activity.id else _("Add activity"), submit, parent)
        self._activity = activity
        self._today = today or date.today()
        self._parties = {p.id: p for p in parties}
        self.type: EnumCombo[TransactionType] = EnumCombo(TransactionType)
        self.type.set_value(activity.type)
        self.item = _choice(
            [(i.id, f"{i.name} ({i.eccn or _('unclassified')})") for i in items], activity.item_id
        )
        self.party = _choice(
            [(p.id, f"{p.name} — {p.role.label}") for p in parties], activity.party_id
        )
        self.from_country = CountryField(activity.from_country)
        self.to_country = CountryField(activity.to_country)
        self.mechanism: EnumCombo[ReleaseMechanism] = EnumCombo(ReleaseMechanism)
        self.mechanism.set_value(activity.mechanism)
        self.status: EnumCombo[ActivityStatus] = EnumCombo(ActivityStatus)
        self.status.set_value(activity.status)
        self.on = DateField(activity.on)
        self.to_address = TextBinding(QPlainTextEdit(), activity.to_address)
        self.description = TextBinding(QPlainTextEdit(), activity.description)
        self.deemed = QLabel()
        self._add_rows()

    def _add_rows(self) -> None:
        self.add_row("type", _("Transaction"), self.type)
        self.add_row("item_id", _("Item"), self.item)
        self.add_row("party_id", _("To (party or person)"), self.party)
        self.add_row("deemed", _("Deemed destination"), self.deemed)
        self.add_row("from_country", _("From country"), self.from_country)
        self.add_row(
            "to_country",
            _("To country"),
            self.to_country,
            _("For a deemed export: the country where the release happens."),
        )
        self.to_address.widget.setMaximumHeight(60)
        self.add_row(
            "to_address",
            _("Destination address"),
            self.to_address.widget,
            _("Where it arrives, when a letter names addresses."),
        )
        self.add_row("mechanism", _("Release mechanism"), self.mechanism)
        self.add_row("status", _("Status"), self.status)
        self.add_row(
            "on",
            _("Date"),
            self.on,
            _("Planned or performed, as the status says; coverage is answered as of this day."),
        )
        self.add_row("description", _("End use and notes"), self.description.widget)
        self.type.currentIndexChanged.connect(self._show_deemed)
        self.party.currentIndexChanged.connect(self._show_deemed)
        self.party.currentIndexChanged.connect(self._fill_from_party)
        self.on.textChanged.connect(self._show_deemed)
        self._show_deemed()

    def _fill_from_party(self, _index: int = 0) -> None:
        """An empty To country and address take the chosen party's (typed ones stay)."""
        party = self._parties.get(self.party.currentData())
        if party is None:
            return
        if not self.to_country.value() and party.country:
            self.to_country.edit.setText(party.country)
        if not self.to_address.value().strip() and party.address:
            self.to_address.widget.setPlainText(party.address)

    def _show_deemed(self) -> None:
        """The deemed destination on the activity's date (today while none is typed)."""
        kind = self.type.value()
        party = self._parties.get(self.party.currentData())
        if kind is None or not kind.is_deemed or party is None:
            self.deemed.setText(_("— (only for deemed exports and reexports)"))
            return
        try:
            on = self.on.value("on") or self._today
        except ValidationError:
            on = self._today
        result = deemed_destination(party, on)
        self.deemed.setText(f"{result.country or '—'}: {result.reason} ({_('on')} {on})")

    def build(self) -> Activity:
        """The activity as the fields describe it."""
        errors: dict[str, str] = {}
        on = read_date(self.on, "on", errors)
        if errors:
            raise ValidationError(errors)
        return replace(
            self._activity,
            type=self.type.value() or self._activity.type,
            item_id=self.item.currentData(),
            party_id=self.party.currentData(),
            from_country=self.from_country.value(),
            to_country=self.to_country.value(),
            mechanism=self.mechanism.value() or self._activity.mechanism,
            status=self.status.value() or self._activity.status,
            on=on,
            to_address=self.to_address.value(),
            description=self.description.value(),
        )


def _choice(options: list[tuple[int, str]], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("(none)"), None)
    for key, label in options:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo
