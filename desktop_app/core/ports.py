"""What the core needs from a library, stated as protocols so the core never imports storage.

Storage implements these over SQLite; tests may implement them over anything. A unit of work is
one write transaction: every insert, update and delete it performs writes its audit entry in the
same transaction, and nothing is kept unless the block ends without an exception.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol, TypeVar

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Blob, Document, Quarantined, Staged
from desktop_app.core.drafts import MemoDraft, Setting
from desktop_app.core.models import Activity, AuditEntry, Item, Matter, Note, Party
from desktop_app.core.retention import LegalHold, RetentionTrigger, TrashEntry
from desktop_app.core.screening_lists import Edition
from desktop_app.core.screening_records import Screening, ScreeningHit

Record = TypeVar(
    "Record",
    Matter,
    Party,
    Item,
    Activity,
    Note,
    Document,
    Quarantined,
    Determination,
    License,
    AuthorizationLetter,
    AnnexRow,
    Condition,
    ConditionLog,
    ClockEvent,
    MemoDraft,
    Setting,
    RetentionTrigger,
    LegalHold,
    TrashEntry,
    Edition,
    Screening,
    ScreeningHit,
)


class UnitOfWork(Protocol):
    """The reads and audited writes available inside one write transaction."""

    def get(self, kind: type[Record], record_id: int) -> Record:
        """Return one record; raise NotFoundError when it does not exist."""
        ...

    def children(self, kind: type[Record], matter_id: int) -> list[Record]:
        """Every record of a kind that belongs to a matter, in id order."""
        ...

    def insert(self, record: Record) -> Record:
        """Store a new record and return it with its id."""
        ...

    def update(self, record: Record) -> Record:
        """Replace a stored record; return the version it replaced."""
        ...

    def delete(self, kind: type[Record], record_id: int) -> Record:
        """Remove a record and return what was removed."""
        ...

    def audit_entries(self, first: int, last: int) -> list[AuditEntry]:
        """The audit entries numbered ``first`` to ``last``, oldest first."""
        ...

    def revert(self, entry: AuditEntry, what: str) -> None:
        """Put the record of ``entry`` back as it was before (ChangedSinceError if changed)."""
        ...

    def find_matter(self, number: str) -> Matter | None:
        """The matter with this number, if any."""
        ...

    def find_setting(self, name: str) -> Setting | None:
        """The library setting of this name, if one was ever set."""
        ...

    def matter_titles(self) -> set[str]:
        """The title of every matter in the library."""
        ...

    def last_matter_sequence(self, year: int) -> int:
        """The highest NNNN of the numbers EC-<year>-NNNN in use, or 0."""
        ...

    def numbers_in_audit(self) -> list[str]:
        """Every number a matter had before a change or deletion, from the audit chain."""
        ...

    def clocked_matter_ids(self) -> list[int]:
        """The ids of the matters with a BIS clock event, in id order."""
        ...

    def in_trash(self, matter_id: int) -> bool:
        """Whether the matter is in the trash."""
        ...

    def find_document(self, matter_id: int, sha256: str) -> Document | None:
        """The document of a matter with these bytes (top-level first, else an attachment)."""
        ...

    def find_edition(self, sha256: str) -> Edition | None:
        """The list edition the library holds with these bytes, if any."""
        ...

    def record_blob(self, blob: Blob) -> None:
        """Note the fixity of a stored original (once per content)."""
        ...

    def set_document_text(self, document_id: int, text: str) -> None:
        """Keep the text extracted from a document, for reading and search."""
        ...

    def record_refusal(self, matter_id: int, attempt: str, reason: str) -> None:
        """Audit a refused attempt on a matter (action ``refused``); nothing else changes."""
        ...

    def forget_document_text(self, document_id: int) -> None:
        """Remove the text extracted from a document (before the document itself)."""
        ...

    def blob_in_use(self, sha256: str) -> bool:
        """Whether any document, quarantined file or list edition still names these bytes."""
        ...

    def forget_blob(self, sha256: str) -> None:
        """Remove the fixity row of bytes nothing names any more (the file goes after commit)."""
        ...


class BlobSink(Protocol):
    """Where original bytes go before their records are committed."""

    def put(self, data: bytes) -> Blob:
        """Store ``data`` durably under its SHA-256 and return its fixity."""
        ...

    def adopt(self, staged: Staged) -> Blob:
        """Move a copy made in the staging folder into the store, checking its hash."""
        ...

    def staging_area(self) -> Path:
        """The folder inside the library where readers copy originals before they are filed."""
        ...


class BlobRemover(Protocol):
    """Where original bytes are removed from, only after the rows naming them are gone."""

    def discard(self, sha256: str) -> None:
        """Delete the stored bytes with this hash (nothing happens when they are absent)."""
        ...


class Store(Protocol):
    """A library that hands out write transactions."""

    def transaction(self, actor: str) -> AbstractContextManager[UnitOfWork]:
        """Open one write transaction on behalf of ``actor``."""
        ...
