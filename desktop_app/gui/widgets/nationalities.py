"""Editing a person's citizenships and permanent residencies, one row each, with their dates.

A row holds the country, the basis, the day it was acquired ("Since") and the day it lapsed or
was renounced ("Until": the first day it is no longer held, 15 CFR 734.13(b) reads what is held
on the day asked). Each date is read when the dialog saves; an unreadable one names the row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.core.enums import NationalityBasis
from desktop_app.core.models import Nationality
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import CountryField, DateField
from desktop_app.i18n import _


class _Row(QWidget):
    """One citizenship or residency: country, basis, since, until, remove button."""

    def __init__(self, entry: Nationality) -> None:
        super().__init__()
        self.country = CountryField(entry.country)
        self.basis: EnumCombo[NationalityBasis] = EnumCombo(NationalityBasis)
        self.basis.set_value(entry.basis)
        self.since = DateField(entry.since)
        self.since.setToolTip(_("Since: the day acquired; the most recent held decides"))
        self.until = DateField(entry.until)
        self.until.setPlaceholderText(_("Until"))
        self.until.setToolTip(_("Until: the day it lapsed or was renounced; empty: still held"))
        self.remove = QPushButton(_("Remove"))
        # A long country name must not widen the form past the dialog: it gets what is left.
        self.country.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.country.name.setMinimumWidth(60)
        self.country.edit.textChanged.connect(self._name_tip)
        self._name_tip()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.country, self.basis, self.since, self.until, self.remove):
            layout.addWidget(widget)

    def _name_tip(self) -> None:
        self.country.name.setToolTip(self.country.name.text())

    def focusables(self) -> tuple[QWidget, ...]:
        """The row's fields as Tab visits them, left to right."""
        return (self.country.edit, self.basis, self.since, self.until, self.remove)

    def value(self) -> Nationality:
        basis = self.basis.value() or NationalityBasis.CITIZENSHIP
        since = self.since.value("nationalities")
        return Nationality(self.country.value(), basis, since, self.until.value("nationalities"))

    def has_text(self) -> bool:
        """True when a date is typed in the row."""
        return bool(self.since.text().strip() or self.until.text().strip())


class NationalitiesEditor(QWidget):
    """The list of a person's countries, with Add and Remove."""

    changed = Signal()
    """A row was added, removed or edited."""

    def __init__(self, entries: tuple[Nationality, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Add citizenship or residency"))
        self.add_button.clicked.connect(self._add_blank)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._list)
        layout.addWidget(self.add_button)
        for entry in entries:
            self.add(entry)

    def add(self, entry: Nationality) -> None:
        """Append a row for ``entry``."""
        row = _Row(entry)
        row.remove.clicked.connect(lambda: self._remove(row))
        row.country.edit.textChanged.connect(self.changed)
        row.basis.currentIndexChanged.connect(self.changed)
        row.since.textChanged.connect(self.changed)
        row.until.textChanged.connect(self.changed)
        self._rows.append(row)
        self._list.addWidget(row)
        self._order_tabs()
        self.changed.emit()

    def _add_blank(self) -> None:
        self.add(Nationality(""))
        self._rows[-1].country.edit.setFocus(Qt.FocusReason.TabFocusReason)

    def _order_tabs(self) -> None:
        """Tab walks the rows top to bottom, then Add (a row made later would come last)."""
        chain = [w for row in self._rows for w in row.focusables()] + [self.add_button]
        for before, after in zip([self, *chain], chain, strict=False):
            QWidget.setTabOrder(before, after)

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.add_button.setFocus(Qt.FocusReason.TabFocusReason)
        self.changed.emit()

    def rows(self) -> list[_Row]:
        """The rows, in order."""
        return list(self._rows)

    def value(self) -> tuple[Nationality, ...]:
        """Every row with a country, in order; ValidationError for an unreadable date."""
        entries = []
        for position, row in enumerate(self._rows, start=1):
            if not row.country.value():
                if row.has_text():
                    raise ValidationError({"nationalities": _("Each row needs a country code.")})
                continue
            try:
                entries.append(row.value())
            except ValidationError as exc:
                why = exc.fields.get("nationalities", "")
                raise ValidationError({"nationalities": f"Row {position}: {why}"}) from None
        return tuple(entries)
