"""The docket's "Next deadline" column: each matter's earliest entry on the agenda.

The entries are the agenda's (`core.agenda`): overdue obligations, passed BIS deadlines and
whatever is due within the agenda's window, read off the GUI thread with the agenda; a matter
with nothing there shows a blank cell, and its tooltip says how far ahead was looked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from desktop_app.core.models import MatterSummary
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow  # its rules load after the first paint

DEADLINE_HEADER = _("Next deadline")
LATE_COLOUR = "#b00020"
LATE_STATES = frozenset({"overdue", "passed"})


@dataclass
class ShownDeadlines:
    """The first agenda entry of each matter, and the window the agenda looked at."""

    first: dict[int, AgendaRow] = field(default_factory=dict)
    as_of: date | None = None
    days: int = 0

    def update(self, rows: Iterable[AgendaRow], as_of: date, days: int) -> None:
        """Take each matter's earliest entry from the agenda's ``rows``."""
        first: dict[int, AgendaRow] = {}
        for row in rows:
            known = first.get(row.matter_id)
            if known is None or (row.due, row.title) < (known.due, known.title):
                first[row.matter_id] = row
        self.first, self.as_of, self.days = first, as_of, days


def deadline_column(shown: ShownDeadlines) -> Column[MatterSummary]:
    """The column, reading the entries from ``shown`` (the model keeps it current)."""

    def text(s: MatterSummary) -> str:
        row = shown.first.get(s.matter.id)
        return "" if row is None else f"{row.due.isoformat()} · {row.state.replace('_', ' ')}"

    def tip(s: MatterSummary) -> str:
        row = shown.first.get(s.matter.id)
        if row is None:
            if shown.as_of is None:
                return _("The agenda is still being read")
            horizon = shown.as_of + timedelta(days=shown.days)
            return _("Nothing overdue, and nothing due by {day} (the agenda's window)").format(
                day=horizon.isoformat()
            )
        return f"{row.due.isoformat()} {row.state.replace('_', ' ')}: {row.title}"

    def rank(s: MatterSummary) -> int:
        row = shown.first.get(s.matter.id)
        return date.max.toordinal() if row is None else row.due.toordinal()

    def late(s: MatterSummary) -> str | None:
        row = shown.first.get(s.matter.id)
        return LATE_COLOUR if row is not None and row.state in LATE_STATES else None

    return Column(DEADLINE_HEADER, text, rank, tooltip=tip, foreground=late)
