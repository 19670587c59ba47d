"""Creating and editing a matter: title, kind, status, numbers, counsel, dates, tags, marking."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.enums import Agency, MatterKind, MatterStatus, Privilege
from desktop_app.core.models import Matter
from desktop_app.core.validation import matter_errors, matter_warnings
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import DateField, read_date
from desktop_app.gui.widgets.form import (
    WARNING_STYLE,
    FormDialog,
    LinesBinding,
    Submit,
    TextBinding,
)
from desktop_app.i18n import _


class MatterDialog(FormDialog[Matter]):
    """The fields of one matter; a new matter gets its number when saved."""

    def __init__(
        self, matter: Matter, submit: Submit[Matter], parent: QWidget | None = None
    ) -> None:
        title = _("Edit {number}").format(number=matter.number) if matter.id else _("New matter")
        super().__init__(title, submit, parent, check=matter_errors)
        self._matter = matter
        self.title = TextBinding(QLineEdit(), matter.title)
        self.kind: EnumCombo[MatterKind] = EnumCombo(MatterKind)
        self.kind.set_value(matter.kind)
        self.status: EnumCombo[MatterStatus] = EnumCombo(MatterStatus)
        self.status.set_value(matter.status)
        self.status_reason = QLineEdit()
        self.agency: EnumCombo[Agency] = EnumCombo(Agency)
        self.agency.set_value(matter.agency)
        self.acn = TextBinding(QLineEdit(), matter.acn)
        self.license_number = TextBinding(QLineEdit(), matter.license_number)
        self.counsel = TextBinding(QLineEdit(), matter.counsel)
        self.opened = DateField(matter.opened)
        self.closed = DateField(matter.closed)
        self.tags = LinesBinding(QPlainTextEdit(), matter.tags)
        self.privilege: EnumCombo[Privilege] = EnumCombo(Privilege)
        self.privilege.set_value(matter.privilege)
        self.summary = TextBinding(QPlainTextEdit(), matter.summary)
        self._add_rows()

    def _add_rows(self) -> None:
        number = matter_number_text(self._matter)
        self.add_row("number", _("Number"), QLabel(number))
        self.add_row("title", _("Title"), self.title.widget)
        self.add_row("kind", _("Kind"), self.kind)
        self.add_row("status", _("Status"), self.status)
        self.add_row(
            "status_reason",
            _("Reason for a status change"),
            self.status_reason,
            _("Needed when you change the status by hand; kept in the history."),
        )
        self.add_row("agency", _("Agency"), self.agency)
        self.acn_warning = self.add_row("acn", _("Application control no."), self.acn.widget)
        self.license_warning = self.add_row(
            "license_number", _("License number"), self.license_number.widget
        )
        self.add_row("counsel", _("Responsible counsel"), self.counsel.widget)
        self.add_row("opened", _("Opened"), self.opened, _("Empty means today."))
        self.add_row("closed", _("Closed"), self.closed)
        self.tags.widget.setMaximumHeight(70)
        self.add_row("tags", _("Tags"), self.tags.widget, _("One tag per line."))
        self.add_row("privilege", _("Privilege marking"), self.privilege)
        self.add_row("summary", _("Summary"), self.summary.widget)
        self.acn.widget.textChanged.connect(self._show_warnings)
        self.license_number.widget.textChanged.connect(self._show_warnings)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the errors, and the format warnings where a field has no error."""
        super().show_errors(errors)
        if "acn" not in errors and "license_number" not in errors:
            self._show_warnings()

    def _show_warnings(self) -> None:
        draft = replace(
            self._matter,
            acn=self.acn.value(),
            license_number=self.license_number.value(),
        )
        warnings = matter_warnings(draft)
        for label, key in ((self.acn_warning, "acn"), (self.license_warning, "license_number")):
            label.setStyleSheet(WARNING_STYLE)
            label.setText(warnings.get(key, ""))
            label.setVisible(key in warnings)

    def _reason(self) -> str:
        """The reason typed, or the stored one when the status did not change."""
        if (self.status.value() or self._matter.status) is self._matter.status:
            return self._matter.status_reason
        return self.status_reason.text()

    def build(self) -> Matter:
        """The matter as the fields describe it."""
        errors: dict[str, str] = {}
        opened = read_date(self.opened, "opened", errors)
        closed = read_date(self.closed, "closed", errors)
        if errors:
            raise ValidationError(errors)
        return replace(
            self._matter,
            title=self.title.value(),
            kind=self.kind.value() or self._matter.kind,
            status=self.status.value() or self._matter.status,
            agency=self.agency.value() or self._matter.agency,
            acn=self.acn.value(),
            license_number=self.license_number.value(),
            counsel=self.counsel.value(),
            opened=opened,
            closed=closed,
            tags=self.tags.value(),
            privilege=self.privilege.value() or self._matter.privilege,
            status_reason=self._reason(),
            summary=self.summary.value(),
        )


def matter_number_text(matter: Matter) -> str:
    """The number, or a note that one will be assigned."""
    return matter.number or _("assigned when saved (EC-<year>-NNNN)")
