"""The party dialog's status fields for a person: stateless, and a protected individual's basis.

"Stateless" shows for an individual; "Protected basis" and the exclusions question only while
the US status is "Protected individual" (8 U.S.C. 1324b(a)(3)), with the statute's words beside
them, read-only. The question is counsel's tri-state answer: not answered (the deemed answer is
then undetermined and coverage needs review), the exclusions do not apply (no foreign person),
or an exclusion applies (a foreign person, deemed to the most recent nationality).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desktop_app.core.deemed import PROTECTED_WORDS
from desktop_app.core.enums import PartyKind, ProtectedBasis, UsStatus
from desktop_app.core.models import Party
from desktop_app.gui.widgets.choices import YesNoCombo
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.i18n import _


class ExclusionsCombo(QComboBox):
    """Do the exclusions of 8 U.S.C. 1324b(a)(3) not apply? Unknown, they do not, one does."""

    CHOICES = (
        (None, _("Not answered (unknown)")),
        (True, _("The exclusions do not apply: protected")),
        (False, _("An exclusion applies: a foreign person")),
    )

    def __init__(self, value: bool | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for data, label in self.CHOICES:
            self.addItem(label, data)
        self.setCurrentIndex([data for data, _label in self.CHOICES].index(value))
        self.setToolTip(PROTECTED_WORDS)

    def value(self) -> bool | None:
        """True (no exclusion applies), False (one does), or None (not answered)."""
        data = self.currentData()
        return data if isinstance(data, bool) else None


class PersonStatus:
    """The three fields, the rows they sit in, and which rows the current answers call for."""

    def __init__(self, party: Party) -> None:
        self.stateless = YesNoCombo(party.stateless)
        self.stateless.setToolTip(_("A person who is no country's citizen (15 CFR 734.13(b))"))
        self.protected_basis: EnumCombo[ProtectedBasis] = EnumCombo(ProtectedBasis)
        self.protected_basis.set_value(party.protected_basis)
        self.protected_basis.setToolTip(PROTECTED_WORDS)
        self.exclusions = ExclusionsCombo(party.protected_exclusions_clear)
        self.statute = QLabel(PROTECTED_WORDS)
        self.statute.setWordWrap(True)
        self.statute.setStyleSheet("color: #555555;")
        self._rows: dict[str, QWidget] = {}

    def keep_row(self, name: str, message: QLabel) -> None:
        """Remember the row ``add_row`` made for ``name`` (its field sits above ``message``)."""
        parent = message.parentWidget()
        if parent is not None:
            self._rows[name] = parent

    def show_rows(self, form: QFormLayout, kind: PartyKind | None, status: UsStatus | None) -> None:
        """Show the rows the kind and US status call for; hide the others."""
        person = kind is PartyKind.INDIVIDUAL
        protected = person and status is UsStatus.PROTECTED_INDIVIDUAL
        wanted = {
            "stateless": person,
            "protected_basis": protected,
            "protected_exclusions_clear": protected,
            "statute": protected,
        }
        for name, row in self._rows.items():
            if name in wanted:
                form.setRowVisible(row, wanted[name])

    def show_flags(self, form: QFormLayout, shown: bool) -> None:
        """Show the flags row only while a nationality held today is flagged."""
        row = self._rows.get("nationality_flags")
        if row is not None:
            form.setRowVisible(row, shown)

    def values(self, kind: PartyKind, status: UsStatus) -> dict[str, Any]:
        """The fields as the record holds them; a hidden field is not recorded."""
        person = kind is PartyKind.INDIVIDUAL
        protected = person and status is UsStatus.PROTECTED_INDIVIDUAL
        return {
            "stateless": self.stateless.value() if person else None,
            "protected_basis": self.protected_basis.value() or ProtectedBasis.NONE
            if protected
            else ProtectedBasis.NONE,
            "protected_exclusions_clear": self.exclusions.value() if protected else None,
        }
