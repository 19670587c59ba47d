"""The filters under the search box: matter, kind, date range, direction, and literal matching."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.documents import Direction
from desktop_app.core.models import MatterSummary
from desktop_app.core.search_query import KINDS, SearchFilters
from desktop_app.gui.search.columns import kind_label
from desktop_app.gui.search.dates import DateBound
from desktop_app.gui.widgets.text import display_text
from desktop_app.i18n import _

DIRECTIONS = (Direction.INCOMING, Direction.OUTGOING, Direction.INTERNAL)
MATTER_WIDTH = 560
"""The matter filter grows with the view up to this width (titles are long)."""


class SearchFilterBar(QWidget):
    """What narrows a search; `changed` whenever any of it changes."""

    changed = Signal()
    """A filter changed: search again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matter = QComboBox()
        self.matter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.matter.setMinimumContentsLength(12)
        self.matter.addItem(_("All matters"), None)
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), "")
        for entity in KINDS.values():
            self.kind.addItem(kind_label(entity), entity)
        self.direction = QComboBox()
        self.direction.addItem(_("Any direction"), "")
        for direction in DIRECTIONS:
            self.direction.addItem(direction.label, direction.value)
        self.date_from = DateBound(_("Only records dated on or after this day"))
        self.date_to = DateBound(_("Only records dated on or before this day"))
        self.literal = QCheckBox(_("&Literal (substring)"))
        self.literal.setToolTip(_("Match every term as a substring, exactly as typed"))
        self._lay_out()
        for combo in (self.matter, self.kind, self.direction):
            combo.currentIndexChanged.connect(self.changed)
        self.date_from.changed.connect(self.changed)
        self.date_to.changed.connect(self.changed)
        self.literal.toggled.connect(self.changed)

    def _lay_out(self) -> None:
        # The combos say what they hold ("All kinds"), so they need no labels: the bar stays
        # narrow enough for the left side of the window beside an open matter.
        for combo, name in (
            (self.matter, _("Matter")),
            (self.kind, _("Kind of record")),
            (self.direction, _("Direction")),
        ):
            combo.setAccessibleName(name)
            combo.setToolTip(name)
        first = QHBoxLayout()
        self.matter.setMaximumWidth(MATTER_WIDTH)
        first.addWidget(self.matter, 1)
        first.addWidget(self.kind)
        first.addWidget(self.direction)
        first.addStretch()
        second = QHBoxLayout()
        second.addWidget(_buddy(_("From"), self.date_from.edit))
        second.addWidget(self.date_from)
        second.addWidget(_buddy(_("to"), self.date_to.edit))
        second.addWidget(self.date_to)
        second.addSpacing(8)
        second.addWidget(self.literal)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def set_matters(self, matters: Sequence[MatterSummary]) -> None:
        """Offer these matters (keeping the chosen one when it is still there)."""
        chosen = self.matter.currentData()
        blocked = self.matter.blockSignals(True)
        try:
            self.matter.clear()
            self.matter.addItem(_("All matters"), None)
            for row in matters:
                m = row.matter
                self.matter.addItem(display_text(f"{m.number}  {m.title}", 90), m.id)
            self.matter.setCurrentIndex(max(self.matter.findData(chosen), 0))
        finally:
            self.matter.blockSignals(blocked)
        if self.matter.currentData() != chosen:
            self.changed.emit()

    def filters(self) -> SearchFilters:
        """The filters as chosen (a date that is not one is left out)."""
        matter = self.matter.currentData()
        return SearchFilters(
            matter_id=matter if isinstance(matter, int) else None,
            entity=str(self.kind.currentData() or ""),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            direction=str(self.direction.currentData() or ""),
        )

    def clear(self) -> None:
        """Every filter back to "all"."""
        for combo in (self.matter, self.kind, self.direction):
            combo.setCurrentIndex(0)
        self.date_from.clear()
        self.date_to.clear()
        self.literal.setChecked(False)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
