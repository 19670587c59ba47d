"""Recording a determination: who decided what and when, on which text and rules edition.

A license exception, no-license-required, not-subject-to-the-EAR or no-release determination
counts for coverage only for the items and activities it is said to be about.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.authorizations import Decider, Determination, DeterminationKind
from desktop_app.core.documents import Document
from desktop_app.core.models import Activity, MatterRecord
from desktop_app.core.withdrawal import offered
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.checklist import CheckList
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_required_date
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


def document_choices(documents: list[Document]) -> list[tuple[int, str]]:
    """(id, "date — title") for each document of a matter, for lists and combos."""
    return [
        (d.id, f"{d.doc_date[:10]} — {d.title or d.filename or _('(unnamed)')}") for d in documents
    ]


def activity_choices(record: MatterRecord) -> list[tuple[int, str]]:
    """(id, "type — item → party, date") for each activity of a matter."""
    items = {i.id: i.name for i in record.items}
    parties = {p.id: p.name for p in record.parties}

    def label(a: Activity) -> str:
        what = items.get(a.item_id, _("no item")) if a.item_id is not None else _("no item")
        whom = parties.get(a.party_id, "—") if a.party_id is not None else "—"
        when = a.on.isoformat() if a.on else _("undated")
        return f"{a.type.label} — {what} → {whom}, {when}"

    return [(a.id, label(a)) for a in record.activities]


class DeterminationDialog(FormDialog[Determination]):
    """The fields of one determination."""

    def __init__(
        self,
        determination: Determination,
        record: MatterRecord,
        submit: Submit[Determination],
        parent: QWidget | None = None,
    ) -> None:
        title = _("Edit determination") if determination.id else _("Add determination")
        super().__init__(title, submit, parent)
        self._determination = determination
        d = determination
        self.kind: EnumCombo[DeterminationKind] = EnumCombo(DeterminationKind)
        self.kind.set_value(d.kind)
        self.decided_on = DateField(d.decided_on)
        self.decided_by: EnumCombo[Decider] = EnumCombo(Decider)
        self.decided_by.set_value(d.decided_by)
        self.decider_name = TextBinding(QLineEdit(), d.decider_name)
        self.reference = TextBinding(QLineEdit(), d.reference)
        self.license_exception = TextBinding(QLineEdit(), d.license_exception)
        self.excerpt = TextBinding(QPlainTextEdit(), d.excerpt)
        self.sources = CheckList(
            document_choices(offered(record.documents, d.source_document_ids)),
            d.source_document_ids,
        )
        self.items = CheckList([(i.id, i.name) for i in record.items], d.item_ids)
        self.activities = CheckList(activity_choices(record), d.activity_ids)
        self.regulation_edition = TextBinding(QLineEdit(), d.regulation_edition)
        self.enforcement_note = TextBinding(QPlainTextEdit(), d.enforcement_note)
        self._add_rows()
        self.resize(720, 680)

    def _add_rows(self) -> None:
        self.add_row("kind", _("Kind"), self.kind)
        self.add_row("decided_on", _("Decided on"), self.decided_on)
        self.add_row("decided_by", _("Decided by"), self.decided_by)
        self.add_row("decider_name", _("Decider's name"), self.decider_name.widget)
        self.add_row("reference", _("Reference"), self.reference.widget)
        self.add_row(
            "license_exception",
            _("License exception"),
            self.license_exception.widget,
            _("Its symbol (e.g. TSU) when the kind is 'license exception applies'."),
        )
        self.excerpt.widget.setMaximumHeight(110)
        self.add_row("excerpt", _("Excerpt"), self.excerpt.widget, _("Verbatim, as written."))
        self.add_row("source_document_ids", _("Rests on"), self.sources)
        self.add_row(
            "item_ids",
            _("About items"),
            self.items,
            _("What a license exception, no-license-required or not-subject decision covers."),
        )
        self.add_row("activity_ids", _("About activities"), self.activities)
        self.add_row(
            "regulation_edition",
            _("Rules relied on"),
            self.regulation_edition.widget,
            _("The eCFR date or Federal Register citation."),
        )
        self.enforcement_note.widget.setMaximumHeight(80)
        self.add_row("enforcement_note", _("Enforcement posture"), self.enforcement_note.widget)

    def build(self) -> Determination:
        """The determination as the fields describe it."""
        errors: dict[str, str] = {}
        decided_on = read_required_date(
            self.decided_on, "decided_on", errors, _("Give the date of the decision.")
        )
        if errors or decided_on is None:
            raise ValidationError(errors)
        return replace(
            self._determination,
            kind=self.kind.value() or self._determination.kind,
            decided_on=decided_on,
            decided_by=self.decided_by.value() or self._determination.decided_by,
            decider_name=self.decider_name.value(),
            reference=self.reference.value(),
            license_exception=self.license_exception.value(),
            excerpt=self.excerpt.value(),
            source_document_ids=self.sources.value(),
            item_ids=self.items.value(),
            activity_ids=self.activities.value(),
            regulation_edition=self.regulation_edition.value(),
            enforcement_note=self.enforcement_note.value(),
        )
