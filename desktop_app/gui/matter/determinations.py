"""The Determinations tab: what was decided, the licenses and letters, Annex A and the BIS clock.

It opens the dialogs for its own records and saves through the gateway's decision service;
after a change the window reloads it with `show_record`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Determination,
    License,
)
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.models import MatterRecord, Party
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.decision_columns import (
    CLOCK_EVENT_COLUMNS,
    DETERMINATION_COLUMNS,
    LETTER_COLUMNS,
    LICENSE_COLUMNS,
    LicenseRow,
    annex_columns,
    clock_text,
    license_rows,
)
from desktop_app.gui.matter.decision_dialogs import (
    DialogContext,
    annex_dialog,
    annex_link_dialog,
    clock_dialog,
    determination_dialog,
    edit_letter_dialog,
    letter_dialog,
    license_dialog,
)
from desktop_app.gui.matter.withdrawn_columns import with_withdrawal
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _

OpenDialog = Callable[[FormDialog[Any]], None]


def _same(record: Any) -> Any:
    return record


class DeterminationsTab(QWidget):
    """Determinations, licenses, letters with the selected letter's Annex A, and the clock."""

    def __init__(
        self, gateway: Gateway, open_dialog: OpenDialog, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._gateway, self._open = gateway, open_dialog
        self.record: MatterRecord | None = None
        self.today = date.today()
        self._parties: dict[int, Party] = {}
        self.determinations: RecordTable[Determination] = RecordTable(
            _("Determinations"), with_withdrawal(DETERMINATION_COLUMNS, _same), key=lambda d: d.id
        )
        self.licenses: RecordTable[LicenseRow] = RecordTable(
            _("Licenses"),
            with_withdrawal(LICENSE_COLUMNS, lambda r: r.license),
            key=lambda r: r.license.id,
        )
        self.letters: RecordTable[AuthorizationLetter] = RecordTable(
            _("Letters"), with_withdrawal(LETTER_COLUMNS, _same), key=lambda x: x.id
        )
        self.annex: RecordTable[AnnexRow] = RecordTable(
            _("Annex A of the selected letter"),
            annex_columns(self._parties),
            key=lambda r: r.id,
        )
        self.clock = QLabel()
        self.clock.setTextFormat(Qt.TextFormat.PlainText)
        self.clock.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clock_button = QPushButton(_("Add clock event…"))
        self.clock_events: RecordTable[ClockEvent] = RecordTable(
            _("Clock events"), CLOCK_EVENT_COLUMNS, key=lambda e: e.id
        )
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        self.letters.add_button.setText(_("Add letter…"))
        self.annex.add_button.setText(_("Replace Annex A…"))
        self.annex.edit_button.setText(_("Link…"))
        self.annex.edit_button.setToolTip(_("Confirm the selected row's party, or pick another"))
        self.annex.remove_button.hide()
        self.clock_events.remove_button.hide()  # records are kept: a wrong one is corrected
        self.clock_events.add_button.setText(_("Add clock event…"))
        self.clock_events.edit_button.setText(_("Correct…"))
        self.clock_button.hide()  # the table's Add does it
        clock = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("<b>BIS clock — 15 CFR 750.4</b>")))
        bar.addStretch()
        bar.addWidget(self.clock_button)
        box = QVBoxLayout(clock)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(bar)
        box.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.clock_events, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.determinations, self.licenses, self.letters, self.annex, clock):
            splitter.addWidget(widget)
        splitter.setSizes([140, 100, 110, 220, 180])
        scroll = QScrollArea()  # five tables need more than a laptop's height: they scroll
        scroll.setWidget(splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect(self) -> None:
        self.determinations.add_requested.connect(lambda: self.edit_determination(None))
        self.determinations.edit_requested.connect(self.edit_determination)
        self.licenses.add_requested.connect(lambda: self.edit_license(None))
        self.licenses.edit_requested.connect(lambda r: self.edit_license(r.license))
        self.letters.add_requested.connect(self.add_letter)
        self.letters.edit_requested.connect(self.edit_letter)
        self.annex.add_requested.connect(self._replace_selected_annex)
        self.annex.edit_requested.connect(self.link_annex_row)
        self.letters.table.selectionModel().selectionChanged.connect(self._show_annex)
        self.clock_button.clicked.connect(self.add_clock_event)
        self.clock_events.add_requested.connect(self.add_clock_event)
        self.clock_events.edit_requested.connect(self.correct_clock_event)

    def show_record(self, record: MatterRecord, today: date) -> None:
        """Show a matter's decisions as of ``today``."""
        self.record, self.today = record, today
        found = record.decisions
        self._parties.clear()
        self._parties.update({p.id: p for p in record.parties})
        self.determinations.set_rows(found.determinations)
        calendar = self._gateway.calendar()
        self.licenses.set_rows(license_rows(found.licenses, self._parties, today, calendar))
        self.letters.set_rows(found.letters)
        if self.letters.selected() is None and found.letters:
            with_rows = {r.letter_id for r in found.annex_rows}
            first = next((x for x in found.letters if x.id in with_rows), found.letters[0])
            self.select(self.letters, first.id)
        self._show_annex()
        self.clock_events.set_rows(sorted(found.clock_events, key=lambda e: (e.on, e.id)))
        self.clock.setText(
            clock_text(read_clock(found.clock_events, today, record.matter.kind, calendar), today)
            if found.clock_events
            else _("No clock events: record the registration when BIS registers an application.")
        )

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only library forbids them)."""
        for table in (self.determinations, self.licenses, self.letters, self.annex):
            table.set_editable(editable)
        self.clock_events.set_editable(editable)
        self.clock_button.setEnabled(editable)

    @staticmethod
    def select(table: RecordTable[Any], key: int) -> None:
        """Select the row of the record with this key in one of the tab's tables."""
        position = table.model.position_of(key)
        if position is not None:
            table.table.selectRow(table.proxy.mapFromSource(table.model.index(position, 0)).row())

    def _show_annex(self, *_args: object) -> None:
        letter = self.letters.selected()
        rows = self.record.decisions.annex_rows if self.record and letter else ()
        self.annex.set_rows([r for r in rows if letter and r.letter_id == letter.id])
        self.annex.model.redraw()

    def _context(self) -> DialogContext | None:
        if self.record is None:
            return None
        return DialogContext(self.record, self.today, self._gateway, self)

    def edit_determination(self, determination: Determination | None) -> None:
        """Open the determination dialog on a determination, or on a new one."""
        if (ctx := self._context()) is not None:
            self._open(determination_dialog(ctx, determination))

    def edit_license(self, license_: License | None) -> None:
        """Open the license dialog on a license, or on a new one."""
        if (ctx := self._context()) is not None:
            self._open(license_dialog(ctx, license_))

    def add_letter(self) -> None:
        """Open the dialog for a new authorization letter with its Annex A."""
        if (ctx := self._context()) is not None:
            self._open(letter_dialog(ctx))

    def edit_letter(self, letter: AuthorizationLetter) -> None:
        """Open the dialog that corrects a stored letter."""
        if (ctx := self._context()) is not None:
            self._open(edit_letter_dialog(ctx, letter))

    def _replace_selected_annex(self) -> None:
        letter = self.letters.selected()
        if letter is not None:
            self.replace_annex(letter)

    def replace_annex(self, letter: AuthorizationLetter) -> None:
        """Open the dialog that replaces a letter's Annex A."""
        if (ctx := self._context()) is not None:
            self._open(annex_dialog(ctx, letter))

    def link_annex_row(self, row: AnnexRow) -> None:
        """Open the dialog that confirms, changes or clears an Annex A row's link."""
        if (ctx := self._context()) is not None:
            self._open(annex_link_dialog(ctx, row))

    def add_clock_event(self) -> None:
        """Open the dialog for an event on the BIS clock."""
        if (ctx := self._context()) is not None:
            self._open(clock_dialog(ctx))

    def correct_clock_event(self, event: ClockEvent) -> None:
        """Open the dialog that corrects a recorded clock event."""
        if (ctx := self._context()) is not None:
            self._open(clock_dialog(ctx, event))
