"""The one read path: every question the faces and the reports ask of an open library.

`Library.reads` hands out a `Reads` bound to the library's connection, so nothing outside
``desktop_app.storage`` holds the database handle (docs/architecture.md, "The read path"). Each
method is one question; the SQL behind it stays in `queries`, `search` and `coverage_reads`
(the last two load on first use, after the window's first paint).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlite_utils import Database

from desktop_app.core.changes import Change
from desktop_app.core.drafts import MemoDraft, Paper
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import (
    AuditEntry,
    LibraryFacts,
    Matter,
    MatterRecord,
    MatterSummary,
)
from desktop_app.core.people import PREFIX as PEOPLE_PREFIX
from desktop_app.core.people import Person, people_from
from desktop_app.core.retention_state import RetentionState
from desktop_app.core.screening_lists import Edition
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.core.search_query import Query, SearchFilters, SearchHit
from desktop_app.core.signatures import TRUSTED_SETTING, TrustedSigner, signers_of
from desktop_app.storage import queries

if TYPE_CHECKING:
    from desktop_app.core.coverage_facts import MatterFacts
    from desktop_app.storage.coverage_reads import Counted


class Reads:
    """Read-only questions asked of one open library, on the thread that owns its connection."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def docket(self) -> list[MatterSummary]:
        """Every matter not in the trash, with its counts, in matter-number order."""
        return queries.docket(self._db)

    def has_docket(self) -> bool:
        """Whether any matter is on the docket (without reading them all)."""
        return queries.has_docket(self._db)

    def trashed(self) -> list[MatterSummary]:
        """The matters in the trash, with their counts."""
        return queries.trashed(self._db)

    def trashed_ids(self) -> set[int]:
        """The ids of the matters in the trash."""
        return queries.trashed_ids(self._db)

    def matter(self, number: str) -> Matter:
        """The matter with this number (any case), or NotFoundError."""
        return queries.matter_by_number(self._db, number)

    def matter_by_id(self, matter_id: int) -> Matter:
        """The matter with this id, or NotFoundError."""
        return queries.matter_by_id(self._db, matter_id)

    def record(self, matter: Matter) -> MatterRecord:
        """One matter with everything on it."""
        return queries.matter_record(self._db, matter)

    def record_of(self, number: str) -> MatterRecord:
        """The record of the matter with this number, or NotFoundError."""
        return self.record(self.matter(number))

    def retention_state(self, matter: Matter) -> RetentionState:
        """A matter's retention events, legal holds and trash entry."""
        return queries.retention_state(self._db, matter)

    def history(self, matter_id: int) -> list[AuditEntry]:
        """The matter's audit entries, newest first."""
        return queries.history(self._db, matter_id)

    def library_facts(self) -> LibraryFacts:
        """Every matter, condition, log entry, license and clock event: what the agenda reads."""
        return queries.library_facts(self._db)

    def holiday_calendar(self) -> HolidayCalendar:
        """The library's holidays for license validity (15 CFR 750.7(g))."""
        return queries.holiday_calendar(self._db)

    def document_text(self, document_id: int) -> str:
        """The text read from a document."""
        return queries.document_text(self._db, document_id)

    def memo_drafts(self, matter_id: int) -> list[MemoDraft]:
        """Every saved version of a matter's memo draft, oldest first."""
        return queries.memo_drafts(self._db, matter_id)

    def memo_draft(self, matter: Matter, version: int | None = None) -> MemoDraft:
        """One version of the matter's memo draft (the latest when ``version`` is None)."""
        return queries.memo_draft(self._db, matter, version)

    def people(self) -> dict[str, Person]:
        """Each account's person (name and title), for those who gave them."""
        return people_from(queries.settings_named(self._db, PEOPLE_PREFIX))

    def trusted_signers(self) -> tuple[TrustedSigner, ...]:
        """The colleagues whose signed bundles this library accepts, in the order added."""
        found = queries.setting(self._db, TRUSTED_SETTING)
        return signers_of(found.value if found else None)

    def paper(self) -> Paper:
        """The paper memos are laid out for."""
        return queries.paper(self._db)

    def audit_head(self) -> tuple[int, str]:
        """The number and hash of the last audit entry."""
        return queries.audit_head(self._db)

    def audit_range(self, first: int, last: int) -> list[AuditEntry]:
        """The audit entries numbered ``first`` to ``last``, oldest first."""
        return queries.audit_range(self._db, first, last)

    def changed_since(self, seq: int) -> Change:
        """What was written after audit entry ``seq`` (see `audit_head`)."""
        return queries.changed_since(self._db, seq)

    def editions(self) -> list[Edition]:
        """Every list edition the library holds, newest publication first."""
        return queries.editions(self._db)

    def screenings(self, matter_id: int) -> list[Screening]:
        """Every screening of a matter's parties, oldest first."""
        return queries.children(self._db, Screening, matter_id) if self._screens() else []

    def screening_hits(self, matter_id: int) -> list[ScreeningHit]:
        """Every potential match recorded on a matter, oldest first."""
        return queries.children(self._db, ScreeningHit, matter_id) if self._screens() else []

    def _screens(self) -> bool:
        return bool(self._db.table("screenings").exists())

    def search(
        self,
        query: Query,
        filters: SearchFilters | None = None,
        limit: int = 50,
        *,
        literal: bool = False,
    ) -> list[SearchHit]:
        """The records matching ``query`` under ``filters``: best first, or newest first."""
        from desktop_app.storage.search import search  # noqa: PLC0415 - the index on first search

        return search(self._db, query, filters, limit, literal=literal)

    def counted_matters(self) -> list[Counted]:
        """The matters the coverage review counts, each with the hash of its last audit entry."""
        from desktop_app.storage import coverage_reads  # noqa: PLC0415 - after first paint

        return coverage_reads.counted_matters(self._db)

    def coverage_facts(self, matter_ids: Sequence[int]) -> dict[int, MatterFacts]:
        """The coverage facts of each matter named, read in a few queries."""
        from desktop_app.storage import coverage_reads  # noqa: PLC0415 - after first paint

        return coverage_reads.coverage_facts(self._db, matter_ids)
