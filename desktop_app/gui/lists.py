"""The lists the window shows — docket, trash and agenda — read off the GUI thread.

On a big library reading 10,000 matters and 20,000 conditions and working out the agenda takes
over a second; done on the GUI thread, the window froze that long just after it appeared and
again after every change. `read_lists` (at start) and `read_agenda` (after each change) run on
the gateway's read-only build worker instead, and the window shows what they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core.models import LibraryFacts, MatterSummary
from desktop_app.storage.library import Library

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow


@dataclass(frozen=True)
class AgendaRead:
    """The library's facts and the agenda worked out from them for ``as_of`` and ``days``."""

    facts: LibraryFacts
    rows: list[AgendaRow]
    as_of: date
    days: int


@dataclass(frozen=True)
class Lists:
    """Every matter, the trash, and the agenda."""

    matters: list[MatterSummary]
    trashed: list[MatterSummary]
    agenda: AgendaRead


def read_agenda(library: Library, as_of: date, days: int) -> AgendaRead:
    """Read the facts and work out the agenda (on a worker thread: ~1 s at 20,000 conditions)."""
    from desktop_app.core.agenda import agenda  # noqa: PLC0415 - its rules load after first paint

    facts = library.reads.library_facts()
    return AgendaRead(facts, agenda(facts, as_of, days), as_of, days)


def read_lists(library: Library, as_of: date, days: int) -> Lists:
    """Read every list the window shows first (on a worker thread)."""
    reads = library.reads
    return Lists(reads.docket(), reads.trashed(), read_agenda(library, as_of, days))
