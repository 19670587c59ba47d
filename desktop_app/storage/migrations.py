"""The schema, as named append-only migrations (sqlite-utils `Migrations`).

A new library is made only by running them all. Never edit or reorder a shipped migration: add a
new one. A library that carries a migration this build does not know came from a newer build and
is refused (`unknown_migrations`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils import Database

from desktop_app.storage import search_index

migrations = sqlite_utils.Migrations("compliance_desk")

MIGRATIONS_TABLE = sqlite_utils.Migrations.migrations_table


@migrations(name="0001_matters_parties_items_audit")
def _initial(db: Database) -> None:
    db.table("matters").create(
        {
            "id": int,
            "number": str,
            "title": str,
            "summary": str,
            "kind": str,
            "status": str,
            "agency": str,
            "acn": str,
            "license_number": str,
            "counsel": str,
            "opened": str,
            "closed": str,
            "tags": str,
            "privilege": str,
        },
        pk="id",
        not_null={"number", "title", "kind", "status", "agency", "privilege"},
        strict=True,
    )
    db.table("matters").create_index(["number"], unique=True)
    db.table("parties").create(
        {
            "id": int,
            "matter_id": int,
            "name": str,
            "role": str,
            "kind": str,
            "country": str,
            "address": str,
            "aliases": str,
            "annex_row": int,
            "employer_id": int,
            "nationalities": str,
            "us_status": str,
            "visa_type": str,
            "visa_expiry": str,
            "notes": str,
        },
        pk="id",
        not_null={"matter_id", "name", "role", "kind"},
        foreign_keys=[("matter_id", "matters", "id"), ("employer_id", "parties", "id")],
        strict=True,
    )
    db.table("items").create(
        {
            "id": int,
            "matter_id": int,
            "name": str,
            "kind": str,
            "eccn": str,
            "description": str,
            "model_name": str,
            "model_version": str,
            "training_ops": float,
            "weights_published": int,
            "hosting_location": str,
            "hosting_country": str,
        },
        pk="id",
        not_null={"matter_id", "name", "kind"},
        foreign_keys=[("matter_id", "matters", "id")],
        strict=True,
    )
    db.table("activities").create(
        {
            "id": int,
            "matter_id": int,
            "type": str,
            "item_id": int,
            "party_id": int,
            "from_country": str,
            "to_country": str,
            "mechanism": str,
            "description": str,
            "status": str,
        },
        pk="id",
        not_null={"matter_id", "type", "status"},
        foreign_keys=[
            ("matter_id", "matters", "id"),
            ("item_id", "items", "id"),
            ("party_id", "parties", "id"),
        ],
        strict=True,
    )
    db.table("notes").create(
        {"id": int, "matter_id": int, "text": str, "author": str, "created_at": str},
        pk="id",
        not_null={"matter_id", "text"},
        foreign_keys=[("matter_id", "matters", "id")],
        strict=True,
    )
    db.table("audit").create(
        {
            "seq": int,
            "at": str,
            "actor": str,
            "action": str,
            "entity": str,
            "entity_id": int,
            "matter_id": int,
            "before": str,
            "after": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"at", "actor", "action", "entity", "prev_hash", "hash"},
        strict=True,
    )
    for table in ("parties", "items", "activities", "notes"):
        db.table(table).create_index(["matter_id"])
    db.table("activities").create_index(["party_id"])
    db.table("activities").create_index(["item_id"])
    db.table("parties").create_index(["employer_id"])
    db.table("audit").create_index(["matter_id", "seq"])


@migrations(name="0002_documents_blobs_quarantine")
def _documents(db: Database) -> None:
    db.table("blobs").create(
        {"sha256": str, "md5": str, "size": int},
        pk="sha256",
        not_null={"md5", "size"},
        strict=True,
    )
    db.table("documents").create(
        {
            "id": int,
            "matter_id": int,
            "parent_id": int,
            "position": int,
            "sha256": str,
            "filename": str,
            "media_type": str,
            "size": int,
            "kind": str,
            "direction": str,
            "doc_date": str,
            "title": str,
            "sender": str,
            "recipients": str,
            "cc": str,
            "message_id": str,
            "in_reply_to": str,
            "references": str,
            "found_refs": str,
            "note": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"matter_id", "sha256", "filename", "media_type", "size", "kind", "direction"},
        foreign_keys=[
            ("matter_id", "matters", "id"),
            ("parent_id", "documents", "id"),
            ("sha256", "blobs", "sha256"),
        ],
        strict=True,
    )
    db.table("document_text").create(
        {"document_id": int, "text": str},
        pk="document_id",
        not_null={"text"},
        foreign_keys=[("document_id", "documents", "id")],
        strict=True,
    )
    db.table("quarantine").create(
        {
            "id": int,
            "matter_id": int,
            "filename": str,
            "sha256": str,
            "size": int,
            "reason": str,
            "at": str,
        },
        pk="id",
        not_null={"matter_id", "filename", "reason"},
        foreign_keys=[("matter_id", "matters", "id")],
        strict=True,
    )
    db.table("documents").create_index(["matter_id", "sha256"])
    db.table("documents").create_index(["parent_id"])
    db.table("documents").create_index(["sha256"])
    db.table("quarantine").create_index(["matter_id"])


@migrations(name="0003_document_reader_notes")
def _reader_notes(db: Database) -> None:
    db.table("documents").add_column("reader_notes", str)


def _matter_table(
    db: Database, name: str, columns: dict[str, type], foreign: list[tuple[str, str, str]]
) -> None:
    """A table of records that belong to a matter: id, matter_id, then ``columns``."""
    db.table(name).create(
        {"id": int, "matter_id": int, **columns},
        pk="id",
        not_null={"matter_id"},
        foreign_keys=[("matter_id", "matters", "id"), *foreign],
        strict=True,
    )
    db.table(name).create_index(["matter_id"])


@migrations(name="0004_determinations_licenses_letters_conditions")
def _authorizations(db: Database) -> None:
    _matter_table(
        db,
        "determinations",
        {
            "kind": str,
            "decided_on": str,
            "decided_by": str,
            "decider_name": str,
            "reference": str,
            "excerpt": str,
            "source_document_ids": str,
            "regulation_edition": str,
            "enforcement_note": str,
            "license_exception": str,
        },
        [],
    )
    _matter_table(
        db,
        "licenses",
        {
            "number": str,
            "validated_on": str,
            "validity": str,
            "expires_on_set": str,
            "status": str,
            "party_ids": str,
            "item_ids": str,
            "transaction_types": str,
            "employee_release": int,
            "excluded_countries": str,
            "replaces_license_id": int,
            "determination_id": int,
        },
        [("replaces_license_id", "licenses", "id"), ("determination_id", "determinations", "id")],
    )
    _matter_table(
        db,
        "letters",
        {
            "effect": str,
            "dated": str,
            "effective_from": str,
            "effective_until": str,
            "reference": str,
            "signatory": str,
            "item_ids": str,
            "model_versions": str,
            "transaction_types": str,
            "includes_foreign_national_employees": int,
            "includes_own_employees": int,
            "supersedes": str,
            "verbatim": str,
            "document_id": int,
            "determination_id": int,
        },
        [("document_id", "documents", "id"), ("determination_id", "determinations", "id")],
    )
    _matter_table(
        db,
        "annex_rows",
        {
            "letter_id": int,
            "row_no": int,
            "name_as_written": str,
            "address_as_written": str,
            "country": str,
            "party_id": int,
        },
        [("letter_id", "letters", "id"), ("party_id", "parties", "id")],
    )
    _matter_table(
        db,
        "conditions",
        {
            "kind": str,
            "category": str,
            "text": str,
            "number": str,
            "license_id": int,
            "letter_id": int,
            "bound_party_ids": str,
            "owner": str,
            "obligation": str,
            "first_due": str,
            "rrule": str,
            "grace_days": int,
            "acknowledgment_required": int,
            "status": str,
            "evidence_document_ids": str,
        },
        [("license_id", "licenses", "id"), ("letter_id", "letters", "id")],
    )
    _matter_table(
        db,
        "condition_log",
        {
            "condition_id": int,
            "kind": str,
            "on": str,
            "from_status": str,
            "to_status": str,
            "party_id": int,
            "due": str,
            "document_id": int,
            "note": str,
        },
        [
            ("condition_id", "conditions", "id"),
            ("party_id", "parties", "id"),
            ("document_id", "documents", "id"),
        ],
    )
    _matter_table(
        db,
        "clock_events",
        {
            "kind": str,
            "on": str,
            "hold_reason": str,
            "note": str,
        },
        [],
    )
    db.table("annex_rows").create_index(["letter_id", "row_no"], unique=True)
    db.table("condition_log").create_index(["condition_id"])


@migrations(name="0005_matter_status_reason")
def _status_reason(db: Database) -> None:
    db.table("matters").add_column("status_reason", str)


@migrations(name="0006_memo_drafts_settings")
def _memo_drafts(db: Database) -> None:
    db.table("memo_drafts").create(
        {
            "id": int,
            "matter_id": int,
            "version": int,
            "to": str,
            "sender": str,
            "cc": str,
            "re": str,
            "legend": str,
            "marking": str,
            "facts": str,
            "analysis": str,
            "recommendation": str,
            "open_questions": str,
            "saved_at": str,
        },
        pk="id",
        not_null={"matter_id", "version", "saved_at"},
        foreign_keys=[("matter_id", "matters", "id")],
        strict=True,
    )
    db.table("memo_drafts").create_index(["matter_id", "version"], unique=True)
    db.table("settings").create(
        {"id": int, "name": str, "value": str},
        pk="id",
        not_null={"name", "value"},
        strict=True,
    )
    db.table("settings").create_index(["name"], unique=True)


@migrations(name="0007_search_index")
def _search_index(db: Database) -> None:
    """Issue 7: the search index's tables, empty; they are filled after every migration ran.

    Frozen: the tables are spelled out here, and the filling is left to `REBUILT_AFTER`, which
    reads the records with the dataclasses of the build doing the upgrade, once the schema is
    theirs (filling it here broke the upgrade of a library with a party: a later column).
    """
    db.table("search_entries").create(
        {
            "id": int,
            "entity": str,
            "entity_id": int,
            "matter_id": int,
            "title": str,
            "body": str,
            "on_date": str,
            "direction": str,
        },
        pk="id",
        not_null={"entity", "entity_id", "title", "body"},
        strict=True,
    )
    db.table("search_entries").create_index(["entity", "entity_id"], unique=True)
    db.table("search_entries").create_index(["matter_id"])
    db.table("search_entries").enable_fts(
        ["title", "body"], tokenize="unicode61 remove_diacritics 2"
    )
    db.execute(
        "CREATE VIRTUAL TABLE [search_trigram] USING fts5(title, body,"
        " content=[search_entries], content_rowid=id, tokenize='trigram')"
    )


REBUILT_AFTER = frozenset({"0007_search_index"})
"""Migrations after which the search index is rebuilt, once all pending ones are applied."""


def apply(db: Database) -> None:
    """Apply every pending migration, then rebuild what they ask to be rebuilt (one transaction)."""
    pending = {m.name for m in migrations.pending(db)}
    migrations.apply(db)
    if pending & REBUILT_AFTER or _index_lost(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            search_index.rebuild(db)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _index_lost(db: Database) -> bool:
    """True when the library has matters and the index none (a rebuild that did not finish)."""
    sql = (
        "SELECT EXISTS (SELECT 1 FROM matters)"
        " AND NOT EXISTS (SELECT 1 FROM search_entries WHERE entity = 'matters')"
    )
    return bool(db.execute(sql).fetchone()[0])


@migrations(name="0008_retention_holds_trash")
def _retention(db: Database) -> None:
    _matter_table(db, "retention_triggers", {"kind": str, "occurred_on": str, "note": str}, [])
    _matter_table(
        db,
        "legal_holds",
        {
            "requested_by": str,
            "requested_on": str,
            "released_on": str,
            "note": str,
            "release_note": str,
        },
        [],
    )
    _matter_table(db, "trash", {"trashed_at": str}, [])
    db.table("trash").create_index(["matter_id"], unique=True, index_name="trash_matter_unique")


@migrations(name="0009_coverage_facts")
def _coverage_facts(db: Database) -> None:
    """Issue 14: the facts a dated coverage answer needs. Every new column starts NULL."""
    columns: dict[str, dict[str, type]] = {
        "parties": {"employed_since": str, "employed_until": str, "regular_employee": int},
        "activities": {"on": str, "to_address": str},
        "determinations": {"item_ids": str, "activity_ids": str},
        "letters": {
            "addressee_id": int,
            "supersedes_letter_id": int,
            "modifies_letter_id": int,
            "excluded_destinations": str,
            "revoked_on": str,
        },
        "annex_rows": {"confirmed": int},
        "conditions": {"before_release": int},
    }
    for table, added in columns.items():
        for name, kind in added.items():
            db.table(table).add_column(name, kind)


@migrations(name="0010_retention_sources")
def _retention_sources(db: Database) -> None:
    """Issue 15: who recorded a retention event (the app or counsel) and counsel's OFAC answer.

    NULL on old rows: an event counsel recorded, and a trash entry with no question asked.
    """
    db.table("retention_triggers").add_column("source", str)
    db.table("trash").add_column("no_ofac_party", int)


@migrations(name="0011_party_status")
def _party_status(db: Database) -> None:
    """Issue 15: a stateless person, and a protected individual's basis and exclusions answer.

    NULL on old rows: not recorded (the basis reads as "", the two answers as unknown). A
    nationality's end date (``until``) lives inside the ``nationalities`` JSON: no column.
    """
    for name, kind in (
        ("stateless", int),
        ("protected_basis", str),
        ("protected_exclusions_clear", int),
    ):
        db.table("parties").add_column(name, kind)


@migrations(name="0012_identity")
def _identity(db: Database) -> None:
    """Issue 16: the library's identity, naming its key and anchor outside the library folder.

    ``text_covered`` is 0 while the text of documents filed by an older version is not yet
    hashed into the audit chain; the first open for writing does that (`Library.open`).
    """
    db.execute(
        "CREATE TABLE identity (id TEXT PRIMARY KEY, created_at TEXT NOT NULL,"
        " text_covered INTEGER NOT NULL) STRICT"
    )
    held = db.execute("SELECT EXISTS (SELECT 1 FROM document_text)").fetchone()[0]
    made = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute("INSERT INTO identity VALUES (?, ?, ?)", [uuid.uuid4().hex, made, 0 if held else 1])


@migrations(name="0013_list_editions")
def _list_editions(db: Database) -> None:
    """Issue 18: the editions of the screening lists the library holds (their files are blobs)."""
    db.execute(
        "CREATE TABLE list_editions (id INTEGER PRIMARY KEY, published TEXT NOT NULL,"
        " sha256 TEXT NOT NULL UNIQUE, source TEXT NOT NULL, file_name TEXT NOT NULL,"
        " entry_count INTEGER NOT NULL, counts TEXT NOT NULL, imported_at TEXT NOT NULL,"
        " imported_by TEXT NOT NULL)"
    )


@migrations(name="0014_screenings")
def _screenings(db: Database) -> None:
    """Issue 18: each party screened against an edition, and each potential match decided.

    A screening names its party by id without a foreign key, so the record of a screening
    stays when the party is later removed (15 CFR 762.6, the records are kept).
    """
    db.execute(
        "CREATE TABLE screenings (id INTEGER PRIMARY KEY,"
        " matter_id INTEGER NOT NULL REFERENCES matters(id), party_id INTEGER NOT NULL,"
        " edition_id INTEGER NOT NULL REFERENCES list_editions(id), names TEXT NOT NULL,"
        " screened_at TEXT NOT NULL, potential_matches INTEGER NOT NULL,"
        " carried_from INTEGER REFERENCES screenings(id))"
    )
    db.execute(
        "CREATE TABLE screening_hits (id INTEGER PRIMARY KEY,"
        " matter_id INTEGER NOT NULL REFERENCES matters(id), party_id INTEGER NOT NULL,"
        " screening_id INTEGER NOT NULL REFERENCES screenings(id), entry_key TEXT NOT NULL,"
        " list_code TEXT NOT NULL, entry_name TEXT NOT NULL, alias TEXT NOT NULL,"
        " score REAL NOT NULL, features TEXT NOT NULL, entry_digest TEXT NOT NULL,"
        " disposition TEXT, rationale TEXT NOT NULL, decided_by TEXT NOT NULL,"
        " decided_at TEXT NOT NULL, reopened TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX screenings_by_matter ON screenings (matter_id, party_id)")
    db.execute("CREATE INDEX screening_hits_by_matter ON screening_hits (matter_id, screening_id)")


@migrations(name="0015_withdrawals")
def _withdrawals(db: Database) -> None:
    """Issue 19: a record withdrawn with a reason stays, marked (15 CFR 762.2, 762.6).

    NULL on old rows: not withdrawn. Who withdrew it, and when, is in the audit chain.
    """
    for table in ("determinations", "licenses", "letters", "conditions", "documents"):
        db.table(table).add_column("withdrawn_on", str)
        db.table(table).add_column("withdrawn_reason", str)


def known_names() -> set[str]:
    """The names of every migration this build ships."""
    return {m.name for m in migrations._migrations}


def unknown_migrations(db: Database) -> list[str]:
    """Migrations recorded in the library that this build does not know."""
    applied = [m.name for m in migrations.applied(db)]
    return [name for name in applied if name not in known_names()]
