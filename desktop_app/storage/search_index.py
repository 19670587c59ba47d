"""The search index: one row per searchable record, kept in step inside the record's transaction.

``search_entries`` holds, for each matter, party, item, document, determination, license, letter,
condition, note and memo draft (the latest version per matter), a title and a body of text; two
FTS5 tables index it: ``search_entries_fts`` (sqlite-utils ``enable_fts``: unicode61 with
diacritics removed, for words) and ``search_trigram`` (trigram, for substrings and scripts
written without spaces). Both are external-content tables written here, row by row, on the
connection of the record's own transaction: triggers cannot do it, because the library runs with
``trusted_schema=OFF`` and SQLite refuses FTS5 tables inside triggers then.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from enum import Enum
from typing import Any

from sqlite_utils import Database

from desktop_app.core.authorizations import AnnexRow, ClockEvent, ConditionLog
from desktop_app.core.documents import Document, Quarantined
from desktop_app.core.drafts import MemoDraft, Setting
from desktop_app.core.enums import LabeledEnum
from desktop_app.core.models import Matter
from desktop_app.core.retention import LegalHold, RetentionTrigger, TrashEntry
from desktop_app.core.screening_lists import Edition
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.storage.codec import TABLES, from_row

ENTRIES = "search_entries"
WORDS = "search_entries_fts"
TRIGRAM = "search_trigram"
NOT_INDEXED: frozenset[type] = frozenset(
    {Quarantined, AnnexRow, ConditionLog, ClockEvent, Setting, RetentionTrigger, LegalHold,
     TrashEntry, Edition, Screening, ScreeningHit}
)  # fmt: skip
NOT_TRASHED = "(e.matter_id IS NULL OR e.matter_id NOT IN (SELECT matter_id FROM trash))"
"""A condition on entries ``e``: none of a matter in the trash (the trash has few rows)."""
TITLE_FIELDS = ("title", "name", "re", "reference", "filename", "text", "number")
UNSEARCHED = frozenset(
    {"sha256", "media_type", "message_id", "in_reply_to", "references", "imported_at",
     "saved_at", "rrule", "created_at", "reader_notes", "status_reason"}
)  # fmt: skip

INDEXES = (WORDS, TRIGRAM)


def rebuild(db: Database) -> None:
    """Index every record of the library again, from nothing."""
    for index in INDEXES:
        db.execute(f"INSERT INTO [{index}] ([{index}]) VALUES ('delete-all')")
    db.execute(f"DELETE FROM [{ENTRIES}]")
    for kind, table in TABLES.items():
        if kind in NOT_INDEXED:
            continue
        for row in db.table(table).rows:
            put(db, from_row(kind, row))


def put(db: Database, record: Any) -> None:
    """Index ``record`` (a new or changed one); records that are never searched are skipped."""
    kind = type(record)
    if kind in NOT_INDEXED:
        return
    if isinstance(record, MemoDraft):
        _drop_older_drafts(db, record)
    entity = TABLES[kind]
    body = _body(record)
    if isinstance(record, Document):
        body = _with_extracted(db, record.id, body)
    _remove(db, entity, record.id)
    title, body = _unmarked(_title(record)), _unmarked(body)
    values = (_matter_id(record), title, body, _date(record), _direction(record))
    cursor = db.execute(
        f"INSERT INTO [{ENTRIES}] (entity, entity_id, matter_id, title, body, on_date, direction)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [entity, record.id, *values],
    )
    _index(db, cursor.lastrowid, values[1], values[2])


def drop(db: Database, kind: type, record_id: int) -> None:
    """Take a removed record out of the index."""
    if kind in TABLES and kind not in NOT_INDEXED:
        _remove(db, TABLES[kind], record_id)


def set_body_text(db: Database, document_id: int) -> None:
    """Index a document again now that its extracted text (a body, a PDF's words) is stored."""
    row = db.execute("SELECT * FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is not None:
        names = [d[0] for d in db.execute("SELECT * FROM documents LIMIT 0").description]
        put(db, from_row(Document, dict(zip(names, row, strict=True))))


def _remove(db: Database, entity: str, entity_id: int) -> None:
    row = db.execute(
        f"SELECT id, title, body FROM [{ENTRIES}] WHERE entity = ? AND entity_id = ?",
        [entity, entity_id],
    ).fetchone()
    if row is not None:
        _unindex(db, *row)
        db.execute(f"DELETE FROM [{ENTRIES}] WHERE id = ?", [row[0]])


def _index(db: Database, entry_id: int | None, title: str, body: str) -> None:
    for index in INDEXES:
        db.execute(
            f"INSERT INTO [{index}] (rowid, title, body) VALUES (?, ?, ?)", [entry_id, title, body]
        )


def _unindex(db: Database, entry_id: int, title: str, body: str) -> None:
    for index in INDEXES:
        db.execute(
            f"INSERT INTO [{index}] ([{index}], rowid, title, body) VALUES ('delete', ?, ?, ?)",
            [entry_id, title, body],
        )


def _with_extracted(db: Database, document_id: int, body: str) -> str:
    row = db.execute(
        "SELECT text FROM document_text WHERE document_id = ?", [document_id]
    ).fetchone()
    return f"{body}\n\n{row[0]}" if row and row[0] else body


def _drop_older_drafts(db: Database, draft: MemoDraft) -> None:
    older = db.execute(
        f"SELECT entity_id FROM [{ENTRIES}] WHERE entity = 'memo_drafts' AND matter_id = ?"
        " AND entity_id != ?",
        [draft.matter_id, draft.id],
    ).fetchall()
    for (entity_id,) in older:
        _remove(db, "memo_drafts", entity_id)


SNIPPET_OPEN, SNIPPET_CLOSE = "\ue000", "\ue001"  # private-use marks around snippet matches
_MARKERS = str.maketrans("", "", SNIPPET_OPEN + SNIPPET_CLOSE)


def _unmarked(text: str) -> str:
    """``text`` without the two private-use characters search snippets are marked with."""
    return text.translate(_MARKERS)


def _matter_id(record: Any) -> int | None:
    return int(record.id) if isinstance(record, Matter) else record.matter_id


def _title(record: Any) -> str:
    """The record's own name, or failing that the label of its first vocabulary field."""
    for name in TITLE_FIELDS:
        value = getattr(record, name, "")
        if type(value) is str and value:
            return value[:300]
    labels = (getattr(record, f.name) for f in fields(record))
    return next((v.label for v in labels if isinstance(v, LabeledEnum)), "")


def _body(record: Any) -> str:
    parts: list[str] = []
    for f in fields(record):
        if f.name in UNSEARCHED:
            continue
        value = getattr(record, f.name)
        if type(value) is str and value:
            parts.append(value)
        elif isinstance(value, tuple):
            parts += [v for v in value if type(v) is str and v]
    return "\n".join(parts)


DATE_FIELDS = (
    "doc_date",
    "imported_at",
    "decided_on",
    "validated_on",
    "dated",
    "opened",
    "created_at",
)


def _date(record: Any) -> str:
    for name in DATE_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str) and value:
            return value[:10]
    return ""


def _direction(record: Any) -> str:
    value = getattr(record, "direction", None)
    return value.value if isinstance(value, Enum) else ""
