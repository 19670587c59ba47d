"""Recording a letter that imposes or lifts a requirement, with its Annex A pasted in.

The Annex A table is pasted as written (CSV, tab- or semicolon-separated, as copied from the
PDF or a spreadsheet); each row is kept as written, and the party it surely names is suggested
for counsel to confirm. An existing letter's Annex A can be replaced the same way. The letter's
place among the others (which earlier letter it supersedes or modifies), its addressee, the
destinations it leaves out and a revocation are recorded here too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.core.authorizations import AuthorizationLetter, LetterEffect
from desktop_app.core.letter_checks import parse_destinations
from desktop_app.core.models import MatterRecord
from desktop_app.core.withdrawal import offered
from desktop_app.errors import ValidationError
from desktop_app.gui.matter.annex_dialog import ANNEX_HINT, annex_errors, annex_with_loader
from desktop_app.gui.matter.determination_dialog import document_choices
from desktop_app.gui.widgets.checklist import CheckList
from desktop_app.gui.widgets.choices import IdCombo, TypeChecks
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_date, read_required_date
from desktop_app.gui.widgets.form import FormDialog, LinesBinding, Submit, TextBinding
from desktop_app.i18n import _


@dataclass(frozen=True)
class LetterDraft:
    """A letter and the Annex A text pasted with it."""

    letter: AuthorizationLetter
    annex_text: str


class LetterDialog(FormDialog[LetterDraft]):
    """The fields of a new authorization letter, with its Annex A."""

    def __init__(
        self,
        letter: AuthorizationLetter,
        record: MatterRecord,
        submit: Submit[LetterDraft],
        parent: QWidget | None = None,
    ) -> None:
        title = _("Edit letter") if letter.id else _("Add letter")
        super().__init__(title, submit, parent, check=lambda d: annex_errors(d.annex_text))
        self._letter = letter
        self._parties = record.parties
        items, documents = record.items, record.documents
        self.effect: EnumCombo[LetterEffect] = EnumCombo(LetterEffect)
        self.effect.set_value(letter.effect)
        self.dated = DateField(letter.dated)
        self.effective_from = DateField(letter.effective_from if letter.id else None)
        self.effective_until = DateField(letter.effective_until)
        self.revoked_on = DateField(letter.revoked_on)
        self.reference = TextBinding(QLineEdit(), letter.reference)
        self.signatory = TextBinding(QLineEdit(), letter.signatory)
        parties = [(p.id, f"{p.name} — {p.role.label}") for p in record.parties]
        self.addressee = IdCombo(parties, letter.addressee_id)
        self.items = CheckList([(i.id, i.name) for i in items], letter.item_ids)
        self.versions = LinesBinding(QPlainTextEdit(), letter.model_versions)
        self.types = TypeChecks(letter.transaction_types)
        self.foreign_employees = QCheckBox(
            _("Includes the named entities' foreign-national employees")
        )
        self.own_employees = QCheckBox(_("Includes the addressee's own employees"))
        self.foreign_employees.setChecked(letter.includes_foreign_national_employees)
        self.own_employees.setChecked(letter.includes_own_employees)
        self.excluded = TextBinding(QLineEdit(), ", ".join(letter.excluded_destinations))
        others = [
            (x.id, f"{x.dated} — {x.effect.label} {x.reference}".rstrip())
            for x in offered(
                record.decisions.letters, (letter.supersedes_letter_id, letter.modifies_letter_id)
            )
            if x.id != letter.id
        ]
        self.supersedes_letter = IdCombo(others, letter.supersedes_letter_id)
        self.modifies_letter = IdCombo(others, letter.modifies_letter_id)
        self.supersedes = TextBinding(QLineEdit(), letter.supersedes)
        self.verbatim = TextBinding(QPlainTextEdit(), letter.verbatim)
        self.document = IdCombo(
            document_choices(offered(documents, (letter.document_id,))), letter.document_id
        )
        decided = [
            (d.id, f"{d.decided_on} — {d.kind.label}")
            for d in offered(record.decisions.determinations, (letter.determination_id,))
        ]
        self.determination = IdCombo(decided, letter.determination_id)
        self.annex = QPlainTextEdit()
        self._add_rows()
        self.resize(820, 840)

    def _add_rows(self) -> None:
        self.add_row("effect", _("Effect"), self.effect)
        self.add_row("dated", _("Dated"), self.dated)
        self.add_row(
            "effective_from",
            _("Effective from"),
            self.effective_from,
            _("Empty: the date it bears."),
        )
        self.add_row(
            "effective_until", _("Effective until"), self.effective_until, _("Empty: open-ended.")
        )
        self.add_row(
            "revoked_on", _("Revoked on"), self.revoked_on, _("The day a revocation took effect.")
        )
        self.add_row("reference", _("Reference"), self.reference.widget)
        self.add_row("signatory", _("Signed by"), self.signatory.widget)
        self.add_row(
            "addressee_id",
            _("Addressed to"),
            self.addressee,
            _("The party whose own employees the letter may cover."),
        )
        self.add_row("item_ids", _("Items"), self.items)
        self.versions.widget.setMaximumHeight(50)
        self.add_row(
            "model_versions", _("Model versions"), self.versions.widget, _("One per line.")
        )
        self.add_row("transaction_types", _("Transactions"), self.types)
        self.add_row("includes_foreign_national_employees", "", self.foreign_employees)
        self.add_row("includes_own_employees", "", self.own_employees)
        self.add_row(
            "excluded_destinations",
            _("Excluded destinations"),
            self.excluded.widget,
            _("Countries (ISO codes) or Country Groups the letter leaves out, e.g. CN, D:5."),
        )
        self.add_row(
            "supersedes_letter_id",
            _("Supersedes letter"),
            self.supersedes_letter,
            _("An earlier letter this one ends, from its effective date."),
        )
        self.add_row(
            "modifies_letter_id",
            _("Modifies letter"),
            self.modifies_letter,
            _("An earlier letter this one changes, from its effective date."),
        )
        self.add_row(
            "supersedes", _("Supersedes (as written)"), self.supersedes.widget, _("Verbatim.")
        )
        self.verbatim.widget.setMaximumHeight(70)
        self.add_row("verbatim", _("Operative text"), self.verbatim.widget, _("Verbatim."))
        self.add_row("document_id", _("Letter on file"), self.document)
        self.add_row("determination_id", _("Determination"), self.determination)
        if self._letter.id:
            return  # a stored letter's Annex A is replaced with "Replace Annex A…"
        self.annex.setPlaceholderText("1\tThistlegate Analytics Ltd\t12 Wharf Road, London\tGB")
        self.add_row(
            "annex", _("Annex A"), annex_with_loader(self.annex, self._parties), ANNEX_HINT
        )

    def build(self) -> LetterDraft:
        """The letter and its Annex A text as the fields describe them."""
        errors: dict[str, str] = {}
        dated = read_required_date(
            self.dated, "dated", errors, _("Give the date the letter bears.")
        )
        start = read_date(self.effective_from, "effective_from", errors)
        until = read_date(self.effective_until, "effective_until", errors)
        revoked = read_date(self.revoked_on, "revoked_on", errors)
        if errors or dated is None:
            raise ValidationError(errors)
        letter = replace(
            self._letter,
            effect=self.effect.value() or self._letter.effect,
            dated=dated,
            effective_from=start or dated,
            effective_until=until,
            reference=self.reference.value(),
            signatory=self.signatory.value(),
            addressee_id=self.addressee.value(),
            item_ids=self.items.value(),
            model_versions=self.versions.value(),
            transaction_types=self.types.value(),
            includes_foreign_national_employees=self.foreign_employees.isChecked(),
            includes_own_employees=self.own_employees.isChecked(),
            excluded_destinations=self._excluded(),
            supersedes_letter_id=self.supersedes_letter.value(),
            modifies_letter_id=self.modifies_letter.value(),
            revoked_on=revoked,
            supersedes=self.supersedes.value(),
            verbatim=self.verbatim.value(),
            document_id=self.document.value(),
            determination_id=self.determination.value(),
        )
        return LetterDraft(letter, self.annex.toPlainText())

    def _excluded(self) -> tuple[str, ...]:
        typed = self.excluded.value()
        stored = self._letter.excluded_destinations
        return stored if typed == ", ".join(stored) else parse_destinations(typed)
