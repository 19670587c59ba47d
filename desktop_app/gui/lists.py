"""The lists the window shows first — docket, trash and agenda — read off the GUI thread.

On a big library reading 10,000 matters and 20,000 conditions and working out the agenda takes
over a second; done on the GUI thread just after the first paint, the new window froze for that
long. `read_lists` runs on the gateway's read-only build worker instead and the window shows
what it returns (`MainWindow._lists_read`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core.models import LibraryFacts, MatterSummary
from desktop_app.storage import queries
from desktop_app.storage.library import Library

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow


@dataclass(frozen=True)
class Lists:
    """Every matter, the trash, and the agenda worked out for ``as_of`` and ``days``."""

    matters: list[MatterSummary]
    trashed: list[MatterSummary]
    facts: LibraryFacts
    agenda: list[AgendaRow]
    as_of: date
    days: int


def read_lists(library: Library, as_of: date, days: int) -> Lists:
    """Read the lists from ``library`` and work out the agenda (on a worker thread)."""
    from desktop_app.core.agenda import agenda  # noqa: PLC0415 - its rules load after first paint

    db = library.db
    facts = queries.library_facts(db)
    return Lists(
        matters=queries.docket(db),
        trashed=queries.trashed(db),
        facts=facts,
        agenda=agenda(facts, as_of, days),
        as_of=as_of,
        days=days,
    )
