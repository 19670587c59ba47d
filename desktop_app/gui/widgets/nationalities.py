"""Editing a person's citizenships and permanent residencies, one row each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.enums import NationalityBasis
from desktop_app.core.models import Nationality
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import CountryField, DateField
from desktop_app.i18n import _


class _Row(QWidget):
    """One citizenship or residency: country, basis, date acquired, remove button."""

    def __init__(self, entry: Nationality) -> None:
        super().__init__()
        self.country = CountryField(entry.country)
        self.basis: EnumCombo[NationalityBasis] = EnumCombo(NationalityBasis)
        self.basis.set_value(entry.basis)
        self.since = DateField(entry.since)
        self.since.setToolTip(_("Date acquired; the most recent decides the deemed destination"))
        self.remove = QPushButton(_("Remove"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.country, self.basis, self.since, self.remove):
            layout.addWidget(widget)

    def value(self) -> Nationality:
        basis = self.basis.value() or NationalityBasis.CITIZENSHIP
        return Nationality(self.country.value(), basis, self.since.value("nationalities"))


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
        self.add_button.clicked.connect(lambda: self.add(Nationality("")))
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
        self._rows.append(row)
        self._list.addWidget(row)
        self.changed.emit()

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def rows(self) -> list[_Row]:
        """The rows, in order."""
        return list(self._rows)

    def value(self) -> tuple[Nationality, ...]:
        """Every row with a country, in order; ValidationError for an unreadable date."""
        entries = tuple(row.value() for row in self._rows if row.country.value())
        if any(not row.country.value() and row.since.text().strip() for row in self._rows):
            raise ValidationError({"nationalities": _("Each row needs a country code.")})
        return entries
