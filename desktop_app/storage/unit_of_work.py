"""One write transaction over the library, with audited inserts, updates and deletes.

Implements `desktop_app.core.ports.UnitOfWork`. Every mutation method writes its audit entry
before returning, on the same connection, inside the same transaction.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from sqlite_utils import Database

from desktop_app.core.documents import Blob, Document
from desktop_app.core.drafts import Setting
from desktop_app.core.models import AuditEntry, Matter
from desktop_app.core.record_kinds import KINDS
from desktop_app.core.screening_lists import Edition
from desktop_app.core.serialize import canonical_json
from desktop_app.errors import ChangedSinceError, NotFoundError, ValidationError
from desktop_app.storage import audit, queries, search_index, text_digest
from desktop_app.storage.codec import TABLES, from_image, from_row, to_row
from desktop_app.storage.rows import insert_row

R = TypeVar("R")


class SqliteUnitOfWork:
    """Reads and audited writes bound to one open transaction on ``db``."""

    def __init__(
        self, db: Database, actor: str, clock: audit.Clock, named: set[str] | None = None
    ) -> None:
        self._db = db
        self._actor = actor
        self._clock = clock
        self.named = set() if named is None else named
        """The SHA-256 of every original this transaction recorded a row for."""
        self._unindexed: dict[int, Document] = {}
        """Documents inserted here and not yet indexed: each is indexed once, with its text."""

    def get(self, kind: type[R], record_id: int) -> R:
        """Return one record; raise NotFoundError when it does not exist."""
        found = queries.by_id(self._db, kind, record_id)
        if found is None:
            raise NotFoundError(f"No {kind.__name__.lower()} with id {record_id}.")
        return found

    def children(self, kind: type[R], matter_id: int) -> list[R]:
        """Every record of a kind that belongs to a matter, in id order."""
        return queries.children(self._db, kind, matter_id)

    def insert(self, record: R) -> R:
        """Store a new record and return it with its id."""
        record_id = insert_row(self._db, TABLES[type(record)], to_row(record))
        stored = replace(record, id=record_id)  # type: ignore[type-var]
        self._audit("insert", stored, None, stored)
        if isinstance(stored, Document):
            self._unindexed[stored.id] = stored  # indexed by set_document_text or flush
        else:
            search_index.put(self._db, stored)
        return stored

    def update(self, record: R) -> R:
        """Replace a stored record; return the version it replaced."""
        before = self.get(type(record), _id(record))
        if getattr(before, "matter_id", None) != getattr(record, "matter_id", None):
            raise ValidationError({"matter_id": "A record cannot move to another matter."})
        if before == record:
            return before
        self._db.table(TABLES[type(record)]).update(_id(record), to_row(record))
        self._audit("update", record, before, record)
        self._forget_unindexed(type(record), _id(record))
        search_index.put(self._db, record)
        return before

    def delete(self, kind: type[R], record_id: int) -> R:
        """Remove a record and return what was removed."""
        before = self.get(kind, record_id)
        self._db.table(TABLES[kind]).delete(record_id)
        self._audit("delete", before, before, None)
        self._forget_unindexed(kind, record_id)
        search_index.drop(self._db, kind, record_id)
        return before

    def audit_entries(self, first: int, last: int) -> list[AuditEntry]:
        """The audit entries numbered ``first`` to ``last``, oldest first."""
        return queries.audit_range(self._db, first, last)

    def revert(self, entry: AuditEntry, what: str) -> None:
        """Put the record of ``entry`` back as it was before, as a new audited change.

        Refused (ChangedSinceError naming ``what``) unless the record is now exactly as the
        entry left it: a later change would otherwise be lost without anyone seeing it.
        """
        kind = KINDS[entry.entity]
        before: Any = None if entry.before is None else from_image(kind, entry.before)
        after: Any = None if entry.after is None else from_image(kind, entry.after)
        if queries.by_id(self._db, kind, entry.entity_id) != after:
            raise ChangedSinceError(
                f"{what} was changed again after this change (or is gone), so undoing it "
                "would lose that later change. Nothing was undone."
            )
        if after is None:
            self.insert(before)
        elif before is None:
            self.delete(kind, entry.entity_id)
        else:
            self.update(before)

    def find_matter(self, number: str) -> Matter | None:
        """The matter with this number, if any."""
        rows = list(self._db.table("matters").rows_where("number = ?", [number]))
        return from_row(Matter, rows[0]) if rows else None

    def find_setting(self, name: str) -> Setting | None:
        """The library setting of this name, if one was ever set."""
        return queries.setting(self._db, name)

    def matter_titles(self) -> set[str]:
        """The title of every matter in the library."""
        return {row[0] for row in self._db.execute("SELECT title FROM matters")}

    def last_matter_sequence(self, year: int) -> int:
        """The highest NNNN of the numbers EC-<year>-NNNN in use, or 0."""
        prefix = f"EC-{year:04d}-"
        sql = "SELECT number FROM matters WHERE substr(number, 1, ?) = ?"
        tails = [row[0][len(prefix) :] for row in self._db.execute(sql, [len(prefix), prefix])]
        return max((int(t) for t in tails if t.isdigit()), default=0)

    def numbers_in_audit(self) -> list[str]:
        """Every number a matter had before a change or deletion (read once per library)."""
        sql = (
            "SELECT DISTINCT json_extract(before, '$.number') FROM audit"
            " WHERE entity = 'matters' AND action IN ('update', 'delete')"
        )
        return [row[0] for row in self._db.execute(sql) if isinstance(row[0], str) and row[0]]

    def clocked_matter_ids(self) -> list[int]:
        """The ids of the matters with a BIS clock event, in id order."""
        sql = "SELECT DISTINCT matter_id FROM clock_events ORDER BY matter_id"
        return [row[0] for row in self._db.execute(sql)]

    def in_trash(self, matter_id: int) -> bool:
        """Whether the matter is in the trash."""
        return matter_id in queries.trashed_ids(self._db)

    def find_document(self, matter_id: int, sha256: str) -> Document | None:
        """The document of a matter with these bytes (top-level first, else an attachment)."""
        return queries.filed_document(self._db, matter_id, sha256)

    def find_edition(self, sha256: str) -> Edition | None:
        """The list edition the library holds with these bytes, if any."""
        return queries.edition_with(self._db, sha256)

    def record_blob(self, blob: Blob) -> None:
        """Note the fixity of a stored original (once per content)."""
        self._db.execute(
            "INSERT OR IGNORE INTO blobs (sha256, md5, size) VALUES (?, ?, ?)",
            [blob.sha256, blob.md5, blob.size],
        )
        self.named.add(blob.sha256)

    def set_document_text(self, document_id: int, text: str) -> None:
        """Keep the text extracted from a document, for reading and search (its hash audited)."""
        before = text_digest.stored(self._db, document_id)
        row = {"document_id": document_id, "text": text}
        insert_row(self._db, "document_text", row, replace=True)
        self._audit_text(document_id, before, text_digest.summary(document_id, text))
        new = self._unindexed.pop(document_id, None)
        if new is not None:
            search_index.put(self._db, new)  # its first and only indexing, text included
        else:
            search_index.set_body_text(self._db, document_id)

    def cover_text(self) -> int:
        """Audit the hash of every text filed before text was audited; return how many."""
        done = 0
        for document_id in text_digest.uncovered_ids(self._db):
            self._audit_text(document_id, None, text_digest.stored(self._db, document_id))
            done += 1
        text_digest.mark_covered(self._db)
        return done

    def flush(self) -> None:
        """Index the documents inserted here that no text was stored for (before commit)."""
        pending = list(self._unindexed.values())
        self._unindexed.clear()
        for document in pending:
            search_index.put(self._db, document)

    def record_refusal(self, matter_id: int, attempt: str, reason: str) -> None:
        """Audit a refused attempt on a matter (action ``refused``); nothing else changes.

        ``after`` holds what was attempted and why it was refused; ``before`` is empty. The
        entry changes no row, so a replay of the log skips it.
        """
        audit.append(
            self._db,
            self._clock,
            actor=self._actor,
            action="refused",
            entity="matters",
            entity_id=matter_id,
            matter_id=matter_id,
            before=None,
            after=canonical_json({"attempt": attempt, "reason": reason}),
        )

    def forget_document_text(self, document_id: int) -> None:
        """Remove the text extracted from a document (before the document itself)."""
        before = text_digest.stored(self._db, document_id)
        self._db.execute("DELETE FROM document_text WHERE document_id = ?", [document_id])
        if before is not None:
            self._audit_text(document_id, before, None)

    def blob_in_use(self, sha256: str) -> bool:
        """Whether any document, quarantined file or list edition still names these bytes."""
        sql = (
            "SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?)"
            " OR EXISTS (SELECT 1 FROM quarantine WHERE sha256 = ?)"
            " OR EXISTS (SELECT 1 FROM list_editions WHERE sha256 = ?)"
        )
        return bool(self._db.execute(sql, [sha256, sha256, sha256]).fetchone()[0])

    def forget_blob(self, sha256: str) -> None:
        """Remove the fixity row of bytes nothing names any more (the file goes after commit)."""
        self._db.execute("DELETE FROM blobs WHERE sha256 = ?", [sha256])

    def _forget_unindexed(self, kind: type, record_id: int) -> None:
        """A document changed or removed here is indexed (or dropped) as it is now."""
        if kind is Document:
            self._unindexed.pop(record_id, None)

    def _audit_text(
        self, document_id: int, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> None:
        """Audit a document's text by its SHA-256 and length (entity ``document_text``)."""
        if after is not None and before == after:
            return
        action = "insert" if before is None else "delete" if after is None else "update"
        audit.append(
            self._db,
            self._clock,
            actor=self._actor,
            action=action,
            entity=text_digest.ENTITY,
            entity_id=document_id,
            matter_id=text_digest.matter_of(self._db, document_id),
            before=None if before is None else canonical_json(before),
            after=None if after is None else canonical_json(after),
        )

    def _audit(self, action: str, record: Any, before: Any, after: Any) -> None:
        matter_id = record.id if isinstance(record, Matter) else getattr(record, "matter_id", None)
        audit.append(
            self._db,
            self._clock,
            actor=self._actor,
            action=action,
            entity=TABLES[type(record)],
            entity_id=record.id,
            matter_id=matter_id,
            before=None if before is None else canonical_json(before),
            after=None if after is None else canonical_json(after),
        )


def _id(record: Any) -> int:
    return int(record.id)
