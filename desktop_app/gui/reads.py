"""What the window reads, on the GUI thread through the read-only connection.

Derived facts that depend on the day (coverage, the agenda) take that day as a parameter: the
window reads "today" once per refresh and tests fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject

from desktop_app.core.agenda import LibraryFacts
from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.coverage_model import Coverage
from desktop_app.core.drafts import MemoDraft, Paper
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import AuditEntry, Matter, MatterRecord, MatterSummary
from desktop_app.core.people import Person
from desktop_app.core.retention_state import RetentionState
from desktop_app.gui.review import activity_answers, party_answers
from desktop_app.reference.ccl import CclEdition
from desktop_app.storage.library import Library


class LibraryReads(QObject):
    """Reads for the window; the gateway (its subclass) supplies ``reader`` and ``_ccl``."""

    reader: Library
    _ccl: Callable[[], CclEdition]

    @property
    def ccl(self) -> CclEdition:
        """The shipped Commerce Control List, read on first use (it is 1 MB of JSON)."""
        return self._ccl()

    def eccn_heading(self, eccn: str) -> str | None:
        """The heading of an ECCN in the shipped CCL, or None when it is not listed."""
        return self.ccl.heading(eccn)

    def docket(self) -> list[MatterSummary]:
        """Every matter with its counts."""
        return self.reader.reads.docket()

    def has_docket(self) -> bool:
        """Whether any matter is on the docket (without reading them all)."""
        return self.reader.reads.has_docket()

    def trashed(self) -> list[MatterSummary]:
        """The matters in the trash, with their counts."""
        return self.reader.reads.trashed()

    def retention_state(self, matter_id: int) -> RetentionState:
        """A matter's retention events, legal holds and trash entry."""
        reads = self.reader.reads
        return reads.retention_state(reads.matter_by_id(matter_id))

    def record(self, matter_id: int) -> MatterRecord:
        """One matter with everything on it."""
        reads = self.reader.reads
        return reads.record(reads.matter_by_id(matter_id))

    def find_matter(self, number: str) -> Matter:
        """The matter with this number (any case), or NotFoundError."""
        return self.reader.reads.matter(number)

    def history(self, matter_id: int) -> list[AuditEntry]:
        """The matter's audit entries, newest first."""
        return self.reader.reads.history(matter_id)

    def library_facts(self) -> LibraryFacts:
        """Every matter, condition, log entry, license and clock event: what the agenda reads."""
        return self.reader.reads.library_facts()

    def coverage(self, record: MatterRecord, as_of: date) -> dict[int, Coverage]:
        """Coverage of every party row of a matter on ``as_of``, by party id."""
        return party_answers(MatterFacts.of(record, self.calendar()), as_of)

    def activity_coverage(self, record: MatterRecord, as_of: date) -> dict[int, Coverage]:
        """Coverage of every activity of a matter on its date (``as_of`` if none), by id."""
        return activity_answers(MatterFacts.of(record, self.calendar()), as_of)

    def calendar(self) -> HolidayCalendar:
        """The library's holidays for license validity (15 CFR 750.7(g))."""
        return self.reader.reads.holiday_calendar()

    def document_text(self, document_id: int) -> str:
        """The text read from a document."""
        return self.reader.reads.document_text(document_id)

    def original(self, sha256: str) -> bytes:
        """The original bytes of a document, from the blob store."""
        return self.reader.blobs.read(sha256)

    def memo_drafts(self, matter_id: int) -> list[MemoDraft]:
        """Every saved version of a matter's memo draft, oldest first."""
        return self.reader.reads.memo_drafts(matter_id)

    def people(self) -> dict[str, Person]:
        """Each account's person (name and title), for those who gave them."""
        return self.reader.reads.people()

    def paper(self) -> Paper:
        """The paper memos are laid out for."""
        return self.reader.reads.paper()
