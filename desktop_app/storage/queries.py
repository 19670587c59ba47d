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
from desktop_app.core.changes import Change
from desktop_app.core.documents import Blob, Document, Quarantined
from desktop_app.core.drafts import PAPER_SETTING, MemoDraft, Paper, Setting, new_draft
from desktop_app.core.holiday_calendar import HOLIDAYS_SETTING, HolidayCalendar, calendar_of
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
from desktop_app.core.retention import LegalHold, RetentionTrigger, TrashEntry
from desktop_app.core.retention_state import RetentionState
from desktop_app.core.screening_lists import Edition
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.errors import NotFoundError
from desktop_app.storage import audit, snapshot
from desktop_app.storage.codec import TABLES, column_list, from_row, from_values

R = TypeVar("R")

_SUMMARY_SQL = """
SELECT m.*,
  (SELECT count(*) FROM parties p WHERE p.matter_id = m.id) AS _parties,
  (SELECT count(*) FROM items i WHERE i.matter_id = m.id) AS _items
FROM matters m {where} ORDER BY m.number
"""
_IN_TRASH = "m.id IN (SELECT matter_id FROM trash)"
_ANY_ON_DOCKET = (
    "SELECT EXISTS (SELECT 1 FROM matters m WHERE m.id NOT IN (SELECT matter_id FROM trash))"
)


def docket(db: Database) -> list[MatterSummary]:
    """Every matter not in the trash, with its counts, in matter-number order."""
    return _summaries(db, f"WHERE NOT {_IN_TRASH}" if _has_trash(db) else "")


def has_docket(db: Database) -> bool:
    """Whether any matter is on the docket (not in the trash): cheap, unlike `docket`."""
    sql = _ANY_ON_DOCKET if _has_trash(db) else "SELECT EXISTS (SELECT 1 FROM matters)"
    return bool(db.execute(sql).fetchone()[0])


def trashed(db: Database) -> list[MatterSummary]:
    """The matters in the trash, with their counts, in matter-number order."""
    return _summaries(db, f"WHERE {_IN_TRASH}") if _has_trash(db) else []


def _summaries(db: Database, where: str) -> list[MatterSummary]:
    summaries = []
    for row in db.query(_SUMMARY_SQL.format(where=where)):
        parties, items = row.pop("_parties"), row.pop("_items")
        summaries.append(MatterSummary(from_row(Matter, row), parties, items))
    return summaries


def _has_trash(db: Database) -> bool:
    """False only for a library made before migration 0008 and opened read-only."""
    return bool(db.table("trash").exists())


def trashed_ids(db: Database) -> set[int]:
    """The ids of the matters in the trash."""
    if not _has_trash(db):
        return set()
    return {row[0] for row in db.execute("SELECT matter_id FROM trash")}


def retention_state(db: Database, matter: Matter) -> RetentionState:
    """What the recordkeeping rules read about a matter.

    Its events, holds and trash entry, and the activities, licenses, conditions and clock
    events that start its retention or keep it live.
    """
    held = _has_trash(db)
    trash = children(db, TrashEntry, matter.id) if held else []
    return RetentionState(
        matter=matter,
        triggers=tuple(children(db, RetentionTrigger, matter.id)) if held else (),
        holds=tuple(children(db, LegalHold, matter.id)) if held else (),
        trash=trash[0] if trash else None,
        activities=tuple(children(db, Activity, matter.id)),
        decisions=Decisions(
            licenses=tuple(children(db, License, matter.id)),
            conditions=tuple(children(db, Condition, matter.id)),
            clock_events=tuple(children(db, ClockEvent, matter.id)),
        ),
        calendar=holiday_calendar(db),
    )


def matter_by_number(db: Database, number: str) -> Matter:
    """The matter with this number (case-insensitive), or NotFoundError."""
    rows = list(db.table("matters").rows_where("upper(number) = upper(?)", [number.strip()]))
    if not rows:
        raise NotFoundError(f"No matter numbered {number!r}. `compliance-desk cases` lists them.")
    return from_row(Matter, rows[0])


def matter_by_id(db: Database, matter_id: int) -> Matter:
    """The matter with this id, or NotFoundError."""
    matter = by_id(db, Matter, matter_id)
    if matter is None:
        raise NotFoundError(f"No matter with id {matter_id}.")
    return matter


def children(db: Database, kind: type[R], matter_id: int) -> list[R]:
    """Every record of ``kind`` on a matter, in id order."""
    rows = db.execute(
        f"SELECT {column_list(kind)} FROM [{TABLES[kind]}] WHERE matter_id = ? ORDER BY id",  # noqa: S608  # names from the schema
        [matter_id],
    )
    return [from_values(kind, row) for row in rows]


def by_id(db: Database, kind: type[R], record_id: int) -> R | None:
    """The record of ``kind`` with this id, if there is one."""
    row = db.execute(
        f"SELECT {column_list(kind)} FROM [{TABLES[kind]}] WHERE id = ?",  # noqa: S608  # names from the schema
        [record_id],
    ).fetchone()
    return None if row is None else from_values(kind, row)


def filed_document(db: Database, matter_id: int, sha256: str) -> Document | None:
    """The document of a matter with these bytes, if any: a top-level one before an attachment."""
    row = db.execute(
        f"SELECT {column_list(Document)} FROM documents "  # noqa: S608  # names from the schema
        "WHERE matter_id = ? AND sha256 = ? ORDER BY parent_id IS NOT NULL, id LIMIT 1",
        [matter_id, sha256],
    ).fetchone()
    return None if row is None else from_values(Document, row)


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
    """The determinations, licenses, letters, Annex A rows, conditions, clock and screenings."""
    screened = db.table("screenings").exists()  # none in a library before 0014, read-only
    return Decisions(
        determinations=tuple(children(db, Determination, matter_id)),
        licenses=tuple(children(db, License, matter_id)),
        letters=tuple(children(db, AuthorizationLetter, matter_id)),
        annex_rows=tuple(children(db, AnnexRow, matter_id)),
        conditions=tuple(children(db, Condition, matter_id)),
        condition_log=tuple(children(db, ConditionLog, matter_id)),
        clock_events=tuple(children(db, ClockEvent, matter_id)),
        screenings=tuple(children(db, Screening, matter_id)) if screened else (),
        screening_hits=tuple(children(db, ScreeningHit, matter_id)) if screened else (),
    )


def library_facts(db: Database) -> LibraryFacts:
    """Every matter, condition, log entry, license and clock event: what the agenda reads.

    Matters in the trash, and what hangs on them, are left out.
    """
    gone = trashed_ids(db)
    screened = everything(db, Screening) if db.table("screenings").exists() else []
    return LibraryFacts(
        matters=tuple(m for m in everything(db, Matter) if m.id not in gone),
        conditions=tuple(c for c in everything(db, Condition) if c.matter_id not in gone),
        logs=tuple(e for e in everything(db, ConditionLog) if e.matter_id not in gone),
        licenses=tuple(x for x in everything(db, License) if x.matter_id not in gone),
        clock_events=tuple(e for e in everything(db, ClockEvent) if e.matter_id not in gone),
        calendar=holiday_calendar(db),
        screenings=tuple(s for s in screened if s.matter_id not in gone),
        open_hits=tuple(
            h
            for h in (everything(db, ScreeningHit) if screened else ())
            if h.disposition.open and h.matter_id not in gone
        ),
    )


def everything(db: Database, kind: type[R]) -> list[R]:
    """Every record of ``kind`` in the library (for the agenda), in id order."""
    rows = db.execute(f"SELECT {column_list(kind)} FROM [{TABLES[kind]}] ORDER BY id")  # noqa: S608  # names from the schema
    return [from_values(kind, row) for row in rows]


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


def audit_range(db: Database, first: int, last: int) -> list[AuditEntry]:
    """The audit entries numbered ``first`` to ``last``, oldest first."""
    rows = db.table("audit").rows_where("seq BETWEEN ? AND ?", [first, last], order_by="seq")
    return [AuditEntry(**row) for row in rows]


def changed_since(db: Database, seq: int) -> Change:
    """What the audit entries after number ``seq`` wrote: their record kinds and matters."""
    rows = db.execute(
        "SELECT DISTINCT entity, matter_id FROM audit WHERE seq > ?", [seq]
    ).fetchall()
    return Change(
        entities=frozenset(str(entity) for entity, _matter in rows),
        matters=frozenset(int(matter) for _entity, matter in rows if matter is not None),
    )


def editions(db: Database) -> list[Edition]:
    """Every list edition the library holds, newest publication first (none before 0013)."""
    if not db.table("list_editions").exists():
        return []
    rows = db.execute(
        f"SELECT {column_list(Edition)} FROM list_editions ORDER BY published DESC, id DESC"  # noqa: S608  # names from the schema
    ).fetchall()
    return [from_values(Edition, row) for row in rows]


def edition_with(db: Database, sha256: str) -> Edition | None:
    """The edition whose file has this SHA-256, if the library holds it."""
    row = db.execute(
        f"SELECT {column_list(Edition)} FROM list_editions WHERE sha256 = ?",  # noqa: S608  # names from the schema
        [sha256],
    ).fetchone()
    return None if row is None else from_values(Edition, row)


def library_id(db: Database) -> str | None:
    """The library's identity (None before migration 0012 or when it is not a valid id)."""
    return snapshot.library_in(db.conn)


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


def settings_named(db: Database, prefix: str) -> list[Setting]:
    """Every library setting whose name starts with ``prefix``, by name."""
    rows = db.execute(
        f"SELECT {column_list(Setting)} FROM settings WHERE substr(name, 1, ?) = ? ORDER BY name",  # noqa: S608  # names from the schema
        [len(prefix), prefix],
    ).fetchall()
    return [from_values(Setting, row) for row in rows]


def paper(db: Database) -> Paper:
    """The paper memos are laid out for (Letter until counsel choose otherwise)."""
    stored = setting(db, PAPER_SETTING)
    return Paper(stored.value) if stored and stored.value in set(Paper) else Paper.LETTER


def holiday_calendar(db: Database) -> HolidayCalendar:
    """The holidays that extend license validity (15 CFR 750.7(g)): federal unless a State set."""
    return calendar_of(setting(db, HOLIDAYS_SETTING))
