"""Read-only questions the window and the command line ask of a library."""

from __future__ import annotations

from typing import TypeVar

from sqlite_utils import Database

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Blob, Document, Quarantined
from desktop_app.core.drafts import PAPER_SETTING, MemoDraft, Paper, Setting, new_draft
from desktop_app.core.models import (
    Activity,
    AuditEntry,
    Decisions,
    Item,
    LibraryFacts,
    Matter,
    MatterRecord,
    MatterSummary,
    Note,
    Party,
)
from desktop_app.errors import NotFoundError
from desktop_app.storage import audit
from desktop_app.storage.codec import TABLES, from_row

R = TypeVar("R")

_SUMMARY_SQL = """
SELECT m.*,
  (SELECT count(*) FROM parties p WHERE p.matter_id = m.id) AS _parties,
  (SELECT count(*) FROM items i WHERE i.matter_id = m.id) AS _items
FROM matters m ORDER BY m.number
"""


def docket(db: Database) -> list[MatterSummary]:
    """Every matter with its counts, in matter-number order."""
    summaries = []
    for row in db.query(_SUMMARY_SQL):
        parties, items = row.pop("_parties"), row.pop("_items")
        summaries.append(MatterSummary(from_row(Matter, row), parties, items))
    return summaries


def matter_by_number(db: Database, number: str) -> Matter:
    """The matter with this number (case-insensitive), or NotFoundError."""
    rows = list(db.table("matters").rows_where("upper(number) = upper(?)", [number.strip()]))
    if not rows:
        raise NotFoundError(f"No matter numbered {number!r}. `compliance-desk cases` lists them.")
    return from_row(Matter, rows[0])


def matter_by_id(db: Database, matter_id: int) -> Matter:
    """The matter with this id, or NotFoundError."""
    rows = list(db.table("matters").rows_where("id = ?", [matter_id]))
    if not rows:
        raise NotFoundError(f"No matter with id {matter_id}.")
    return from_row(Matter, rows[0])


def children(db: Database, kind: type[R], matter_id: int) -> list[R]:
    """Every record of ``kind`` on a matter, in id order."""
    rows = db.table(TABLES[kind]).rows_where("matter_id = ?", [matter_id], order_by="id")
    return [from_row(kind, row) for row in rows]


def matter_record(db: Database, matter: Matter) -> MatterRecord:
    """A matter with its parties, items, activities and notes."""
    return MatterRecord(
        matter=matter,
        parties=tuple(children(db, Party, matter.id)),
        items=tuple(children(db, Item, matter.id)),
        activities=tuple(children(db, Activity, matter.id)),
        notes=tuple(children(db, Note, matter.id)),
        documents=tuple(documents(db, matter.id)),
        quarantined=tuple(children(db, Quarantined, matter.id)),
        decisions=decisions(db, matter.id),
    )


def decisions(db: Database, matter_id: int) -> Decisions:
    """The determinations, licenses, letters, Annex A rows, conditions and clock of a matter."""
    return Decisions(
        determinations=tuple(children(db, Determination, matter_id)),
        licenses=tuple(children(db, License, matter_id)),
        letters=tuple(children(db, AuthorizationLetter, matter_id)),
        annex_rows=tuple(children(db, AnnexRow, matter_id)),
        conditions=tuple(children(db, Condition, matter_id)),
        condition_log=tuple(children(db, ConditionLog, matter_id)),
        clock_events=tuple(children(db, ClockEvent, matter_id)),
    )


def library_facts(db: Database) -> LibraryFacts:
    """Every matter, condition, log entry, license and clock event: what the agenda reads."""
    return LibraryFacts(
        matters=tuple(everything(db, Matter)),
        conditions=tuple(everything(db, Condition)),
        logs=tuple(everything(db, ConditionLog)),
        licenses=tuple(everything(db, License)),
        clock_events=tuple(everything(db, ClockEvent)),
    )


def everything(db: Database, kind: type[R]) -> list[R]:
    """Every record of ``kind`` in the library (for the agenda), in id order."""
    return [from_row(kind, row) for row in db.table(TABLES[kind]).rows_where(order_by="id")]


def documents(db: Database, matter_id: int) -> list[Document]:
    """The documents of a matter in filing order (a parent always before its attachments)."""
    return children(db, Document, matter_id)


def document_text(db: Database, document_id: int) -> str:
    """The text extracted from a document ("" when it has none)."""
    row = db.execute(
        "SELECT text FROM document_text WHERE document_id = ?", [document_id]
    ).fetchone()
    return str(row[0]) if row else ""


def blob_fixity(db: Database, sha256: str) -> Blob | None:
    """The recorded SHA-256, MD5 and size of an original."""
    row = db.execute("SELECT sha256, md5, size FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
    return Blob(row[0], row[1], row[2]) if row else None


def history(db: Database, matter_id: int) -> list[AuditEntry]:
    """The audit entries of one matter, newest first."""
    rows = db.table("audit").rows_where("matter_id = ?", [matter_id], order_by="seq desc")
    return [AuditEntry(**row) for row in rows]


def audit_entries(db: Database) -> list[AuditEntry]:
    """The whole audit chain, oldest first."""
    return [AuditEntry(**row) for row in db.table("audit").rows_where(order_by="seq")]


def audit_head(db: Database) -> tuple[int, str]:
    """The last entry's sequence number and hash."""
    return audit.head(db)


def memo_drafts(db: Database, matter_id: int) -> list[MemoDraft]:
    """Every saved version of a matter's memo draft, oldest first."""
    rows = db.table("memo_drafts").rows_where("matter_id = ?", [matter_id], order_by="version")
    return [from_row(MemoDraft, row) for row in rows]


def memo_draft(db: Database, matter: Matter, version: int | None = None) -> MemoDraft:
    """One version of a matter's draft (the latest by default; a new draft when none is saved)."""
    versions = memo_drafts(db, matter.id)
    if version is None:
        return versions[-1] if versions else new_draft(matter)
    for draft in versions:
        if draft.version == version:
            return draft
    raise NotFoundError(f"{matter.number} has no memo draft version {version}.")


def setting(db: Database, name: str) -> Setting | None:
    """The library setting of this name, if one was ever set."""
    rows = list(db.table("settings").rows_where("name = ?", [name], limit=1))
    return from_row(Setting, rows[0]) if rows else None


def paper(db: Database) -> Paper:
    """The paper memos are laid out for (Letter until counsel choose otherwise)."""
    stored = setting(db, PAPER_SETTING)
    return Paper(stored.value) if stored and stored.value in set(Paper) else Paper.LETTER
