"""Adding and editing an item: ECCN (with its CCL heading shown), description, AI-model fields."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.enums import ItemKind
from desktop_app.core.models import Item
from desktop_app.core.validation import is_eccn, item_errors, item_warnings
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.fields import CountryField, NumberField
from desktop_app.gui.widgets.form import WARNING_STYLE, FormDialog, Submit, TextBinding
from desktop_app.i18n import _
from desktop_app.reference.ccl import CclEdition

_PUBLISHED = ((_("Unknown"), None), (_("Not published"), False), (_("Published"), True))


class ItemDialog(FormDialog[Item]):
    """The fields of one item; the CCL edition shipped with the app names the ECCN typed."""

    def __init__(
        self, item: Item, ccl: CclEdition, submit: Submit[Item], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Edit item") if item.id else _("Add item"), submit, parent, check=item_errors
        )
        self._item = item
        self._ccl = ccl
        self.name = TextBinding(QLineEdit(), item.name)
        self.kind: EnumCombo[ItemKind] = EnumCombo(ItemKind)
        self.kind.set_value(item.kind)
        self.eccn = TextBinding(QLineEdit(), item.eccn)
        self.description = TextBinding(QPlainTextEdit(), item.description)
        self.model_name = TextBinding(QLineEdit(), item.model_name)
        self.model_version = TextBinding(QLineEdit(), item.model_version)
        self.training_ops = NumberField(item.training_ops)
        self.published = QComboBox()
        for label, value in _PUBLISHED:
            self.published.addItem(label, value)
        self.published.setCurrentIndex([v for _l, v in _PUBLISHED].index(item.weights_published))
        self.hosting_location = TextBinding(QLineEdit(), item.hosting_location)
        self.hosting_country = CountryField(item.hosting_country)
        self._add_rows()

    def _add_rows(self) -> None:
        self.add_row("name", _("Name"), self.name.widget)
        self.add_row("kind", _("Kind"), self.kind)
        self.eccn_note = self.add_row(
            "eccn",
            _("ECCN"),
            self.eccn.widget,
            _("e.g. 4E091, 3A090.a or EAR99; empty if not yet classified."),
        )
        self.description.widget.setMaximumHeight(90)
        self.add_row("description", _("Description"), self.description.widget)
        self.add_row("model_name", _("Model name"), self.model_name.widget)
        self.add_row("model_version", _("Model version"), self.model_version.widget)
        self.add_row("training_ops", _("Training compute (operations)"), self.training_ops)
        self.add_row("weights_published", _("Weights"), self.published)
        self.add_row("hosting_location", _("Hosting location"), self.hosting_location.widget)
        self.add_row("hosting_country", _("Hosting country"), self.hosting_country)
        self.eccn.widget.textChanged.connect(self._show_heading)
        self._show_heading()

    def _show_heading(self) -> None:
        eccn = self.eccn.value()
        draft = replace(self._item, eccn=eccn)
        warning = item_warnings(draft, self._ccl.heading).get("eccn")
        heading = self._ccl.heading(eccn) if is_eccn(eccn) and not warning else None
        if warning:
            text, style = warning, WARNING_STYLE
        elif heading:
            text, style = f"{eccn.split('.')[0]}: {heading}", "color: #555555;"
        else:
            text, style = "", ""
        self.eccn_note.setStyleSheet(style)
        self.eccn_note.setText(text)
        self.eccn_note.setVisible(bool(text))

    def build(self) -> Item:
        """The item as the fields describe it."""
        ops = self.training_ops.value("training_ops")
        return replace(
            self._item,
            name=self.name.value(),
            kind=self.kind.value() or self._item.kind,
            eccn=self.eccn.value(),
            description=self.description.value(),
            model_name=self.model_name.value(),
            model_version=self.model_version.value(),
            training_ops=ops,
            weights_published=self.published.currentData(),
            hosting_location=self.hosting_location.value(),
            hosting_country=self.hosting_country.value(),
        )
