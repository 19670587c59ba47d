"""Counsel's link of one Annex A row to a party: the suggestions, best first, to confirm or pick.

The dialog lists the parties the row may be with their name score, whether the country agrees
and how alike the addresses are; the suggested (or confirmed) party is selected. Enter confirms
the selected party, "Unlink" leaves the row linked to no one, "New party from this row" adds the
row as written as an Annex A entity and links it, Esc cancels. "Every party" lists
the whole matter, for a party the suggestions do not reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from desktop_app.core.annex import SUGGESTIONS, Suggestion, suggest_links
from desktop_app.core.authorizations import AnnexRow
from desktop_app.core.models import Party
from desktop_app.errors import ValidationError
from desktop_app.gui.matter.decision_columns import link_text
from desktop_app.gui.widgets.form import FormDialog, Submit
from desktop_app.gui.widgets.table_model import ROW_ROLE, Column, RecordTableModel
from desktop_app.gui.widgets.text import display_text
from desktop_app.i18n import _


@dataclass(frozen=True)
class AnnexLink:
    """Counsel's choice for a row: the party it is (None: linked to no one)."""

    row_id: int
    party_id: int | None
    new_party: bool = False
    """Make a party of the row as written and link it (``party_id`` is then None)."""


def _country(found: Suggestion) -> str:
    if found.country_match is None:
        return f"? {found.party.country or _('none given')}"
    return f"{'✓' if found.country_match else '✗'} {found.party.country}"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


CANDIDATE_COLUMNS: list[Column[Suggestion]] = [
    Column(_("Party"), lambda s: s.party.name, tooltip=lambda s: s.party.name),
    Column(_("Name"), lambda s: _score(s.name_score), lambda s: s.name_score, align_right=True),
    Column(_("Country"), _country),
    Column(_("Address"), lambda s: _score(s.address_score), align_right=True),
    Column(_("Party's address"), lambda s: s.party.address, tooltip=lambda s: s.party.address),
]


class AnnexLinkDialog(FormDialog[AnnexLink]):
    """Confirm, change or clear the party one Annex A row is linked to."""

    def __init__(
        self,
        row: AnnexRow,
        parties: list[Party],
        submit: Submit[AnnexLink],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Link Annex A row {n}").format(n=row.row_no), submit, parent)
        self._row, self._parties = row, parties
        self._unlink = self._new = False
        self.candidates: RecordTableModel[Suggestion] = RecordTableModel(
            CANDIDATE_COLUMNS, key=lambda s: s.party.id, parent=self
        )
        self.table = _candidate_view(self.candidates)
        self.everyone = QCheckBox(_("List &every party of the matter"))
        self._add_rows()
        self._set_buttons()
        self.everyone.toggled.connect(self._fill)
        self.table.doubleClicked.connect(self.save)
        self._fill(self._needs_everyone())
        self.resize(760, 460)

    def _add_rows(self) -> None:
        row = self._row
        where = " · ".join(display_text(x) for x in (row.address_as_written, row.country) if x)
        self.add_row("row", _("As written"), _plain(display_text(row.name_as_written), where))
        self.add_row("link", _("Link now"), _plain(link_text(row)))
        self.add_row(
            "party",
            _("Parties it may be"),
            self.table,
            _("Best first: name score (0-100, name or alias), country, address likeness."),
        )
        self.add_row("everyone", "", self.everyone)

    def _set_buttons(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("&Confirm link"))
        unlink = self.buttons.addButton(_("&Unlink"), QDialogButtonBox.ButtonRole.ActionRole)
        unlink.setToolTip(_("Leave this row linked to no party"))
        unlink.setEnabled(self._row.party_id is not None)
        unlink.clicked.connect(self.unlink)
        new = self.buttons.addButton(
            _("&New party from this row"), QDialogButtonBox.ButtonRole.ActionRole
        )
        new.setToolTip(_("Add the row as written as an Annex A entity of the matter, linked"))
        new.clicked.connect(self.new_party)

    def _needs_everyone(self) -> bool:
        linked = self._row.party_id
        shown = {s.party.id for s in suggest_links(self._row, self._parties)}
        return linked is not None and linked not in shown

    def _fill(self, everyone: bool) -> None:
        if self.everyone.isChecked() != everyone:
            self.everyone.setChecked(everyone)  # calls back with the same value
            return
        limit = None if everyone else SUGGESTIONS
        self.candidates.set_rows(suggest_links(self._row, self._parties, limit))
        wanted = self.selected_party_id() or self._row.party_id
        position = self.candidates.position_of(wanted) if wanted is not None else None
        self.table.selectRow(position if position is not None else 0)
        self.table.resizeColumnsToContents()

    def selected_party_id(self) -> int | None:
        """The id of the party selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        found = rows[0].data(ROW_ROLE) if rows else None
        return found.party.id if isinstance(found, Suggestion) else None

    def changed(self) -> bool:
        """Choosing in the list types nothing: Esc cancels without asking."""
        return False

    def unlink(self) -> None:
        """Save the row as linked to no party."""
        self._unlink = True
        self.save()
        self._unlink = False

    def new_party(self) -> None:
        """Make a party of the row as written and link the row to it."""
        self._new = True
        self.save()
        self._new = False

    def build(self) -> AnnexLink:
        """The row and the party chosen (None after Unlink)."""
        if self._unlink:
            return AnnexLink(self._row.id, None)
        if self._new:
            return AnnexLink(self._row.id, None, new_party=True)
        chosen = self.selected_party_id()
        if chosen is None:
            unlink = _(", or Unlink") if self._row.party_id is not None else ""
            raise ValidationError(
                {
                    "party": _(
                        "Choose a party in the list, or make one from this row (New party from "
                        "this row, Alt+N){unlink}."
                    ).format(unlink=unlink)
                }
            )
        return AnnexLink(self._row.id, chosen)


def _plain(*lines: str) -> QLabel:
    label = QLabel("\n".join(line for line in lines if line))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _candidate_view(model: RecordTableModel[Suggestion]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the list for the next field
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setMinimumHeight(170)
    return view
