"""What pasted Annex A text will be read as, shown row by row before it is saved.

Under the Annex A box: each row as the app reads it (number, name, address, country) and the
party it would suggest for it, with the rows that match no party named as a warning — they are
kept as written and can be linked by hand after saving (Annex A → Link…). Read again a moment
after typing stops, so a long paste does not slow typing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annex import PartyIndex
from desktop_app.core.annex_parse import AnnexLine, parse_annex
from desktop_app.core.models import Party
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.form import WARNING_STYLE
from desktop_app.i18n import _

HEADERS = (_("Row"), _("Name as written"), _("Address"), _("Country"), _("Suggested party"))
DELAY_MS = 250


class AnnexPreview(QWidget):
    """The rows ``editor`` holds as they will be read, and the parties they suggest."""

    def __init__(
        self, editor: QPlainTextEdit, parties: Sequence[Party], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._index = PartyIndex(parties)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next field
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        editor.textChanged.connect(self._timer.start)
        self.refresh()

    def refresh(self) -> None:
        """Read the text again and show its rows."""
        text = self._editor.toPlainText()
        lines: list[AnnexLine] = []
        if text.strip():
            try:
                lines = parse_annex(text)
            except ValidationError as exc:
                self._show([], " ".join(exc.fields.values()))
                return
        self._show(lines, "")

    def _show(self, lines: list[AnnexLine], problem: str) -> None:
        self.table.setRowCount(len(lines))
        unmatched: list[AnnexLine] = []
        for row, line in enumerate(lines):
            party = self._index.sure_match(line.name, line.country, line.address)
            if party is None:
                unmatched.append(line)
            cells = (str(line.row_no), line.name, line.address, line.country, _named(party))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setStyleSheet(WARNING_STYLE if problem or unmatched else "")
        self.summary.setText(problem or _summary(lines, unmatched))


def _named(party: Party | None) -> str:
    return party.name if party is not None else _("— none: link it after saving")


def _summary(lines: list[AnnexLine], unmatched: list[AnnexLine]) -> str:
    if not lines:
        return _("Nothing pasted yet.")
    read = _("Read as {n} rows.").format(n=len(lines)) if len(lines) != 1 else _("Read as 1 row.")
    if not unmatched:
        return read + " " + _("Each names one of the matter's parties.")
    rows = ", ".join(f"{x.row_no} ({x.name})" for x in unmatched[:5])
    more = _(" and {n} more").format(n=len(unmatched) - 5) if len(unmatched) > 5 else ""
    return (
        read
        + " "
        + _("No party matches row {rows}{more}: kept as written; link it after saving.").format(
            rows=rows, more=more
        )
    )
