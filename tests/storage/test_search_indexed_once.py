"""A document filed with its text is indexed once, and the index is exact at every commit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlite_utils import Database

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import Blob, Document, ParsedFile
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.storage import search_index
from desktop_app.storage.library import Library

ENTRY_SQL = (
    "SELECT entity, entity_id, matter_id, title, body, on_date, direction FROM search_entries"
    " ORDER BY entity, entity_id"
)


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Hanami review", MatterKind.INTERNAL_REVIEW)).record


def _entries(db: Database) -> list[tuple[Any, ...]]:
    return db.execute(ENTRY_SQL).fetchall()


def _as_rebuilt(library: Library) -> list[tuple[Any, ...]]:
    """The entries a rebuild from nothing makes (rolled back: the library is left as it was)."""
    conn = library.db.conn
    conn.execute("BEGIN")
    try:
        search_index.rebuild(library.db)
        for index in search_index.INDEXES:
            conn.execute(f"INSERT INTO [{index}] ([{index}]) VALUES ('integrity-check')")
        return _entries(library.db)
    finally:
        conn.execute("ROLLBACK")


def _integrity(library: Library) -> None:
    for index in search_index.INDEXES:
        library.db.execute(f"INSERT INTO [{index}] ([{index}]) VALUES ('integrity-check')")


def test_an_email_and_its_attachments_are_each_indexed_once_with_their_text(
    library: Library, matter: Matter, monkeypatch: pytest.MonkeyPatch
) -> None:
    put = search_index.put
    indexed: list[int] = []

    def counting(db: Database, record: Any) -> None:
        if isinstance(record, Document):
            indexed.append(record.id)
        put(db, record)

    monkeypatch.setattr(search_index, "put", counting)
    email = ParsedFile(
        "mail.eml",
        "message/rfc822",
        b"raw mail",
        text="Tanabata schedule attached",
        children=(
            ParsedFile("notes.txt", "text/plain", b"notes", text="Kawagoe inventory"),
            ParsedFile("scan.bin", "application/octet-stream", b"\x00\x01"),
        ),
    )
    outcome = CorrespondenceService(library, library.blobs, "test").file(matter.id, "m", email)
    assert outcome.document_id is not None
    assert len(indexed) == len(set(indexed)) == 3
    entries = _entries(library.db)
    assert entries == _as_rebuilt(library)
    bodies = {row[1]: row[4] for row in entries if row[0] == "documents"}
    assert "Tanabata" in bodies[outcome.document_id]
    assert any("Kawagoe" in body for body in bodies.values())
    _integrity(library)


def test_documents_changed_or_removed_in_their_own_transaction_are_indexed_as_committed(
    library: Library, matter: Matter
) -> None:
    draft = Document(matter.id, "0" * 64, "a.txt", "text/plain", 1, title="First title")
    with library.transaction("test") as tx:
        tx.record_blob(Blob(draft.sha256, "0" * 32, 1))
        kept = tx.insert(draft)
        tx.update(replace(kept, title="Second title"))
        gone = tx.insert(replace(draft, title="Removed"))
        tx.delete(Document, gone.id)
        texted = tx.insert(replace(draft, title="With text"))
        tx.update(replace(texted, title="With text, renamed"))
        tx.set_document_text(texted.id, "Shirakawa ledger")
        plain = tx.insert(replace(draft, title="Never given text"))
    entries = _entries(library.db)
    assert entries == _as_rebuilt(library)
    titles = {row[1]: row[3] for row in entries if row[0] == "documents"}
    assert titles == {
        kept.id: "Second title",
        texted.id: "With text, renamed",
        plain.id: "Never given text",
    }
    _integrity(library)


def test_a_rolled_back_transaction_leaves_no_document_in_the_index(
    library: Library, matter: Matter
) -> None:
    before = _entries(library.db)
    draft = Document(matter.id, "1" * 64, "b.txt", "text/plain", 1, title="Rolled back")
    with pytest.raises(RuntimeError, match="changed my mind"):
        _insert_then_fail(library, draft)
    assert _entries(library.db) == before == _as_rebuilt(library)


def _insert_then_fail(library: Library, draft: Document) -> None:
    with library.transaction("test") as tx:
        tx.record_blob(Blob(draft.sha256, "1" * 32, 1))
        tx.insert(draft)
        raise RuntimeError("changed my mind")


def test_a_nested_transaction_indexes_its_documents_when_it_ends(
    library: Library, matter: Matter
) -> None:
    draft = Document(matter.id, "2" * 64, "c.txt", "text/plain", 1, title="Inner")
    with library.transaction("test"):
        with library.transaction("test") as inner:
            inner.record_blob(Blob(draft.sha256, "2" * 32, 1))
            inserted = inner.insert(draft)
        row = library.db.execute(
            "SELECT title FROM search_entries WHERE entity = 'documents' AND entity_id = ?",
            [inserted.id],
        ).fetchone()
        assert row == ("Inner",)
    assert _entries(library.db) == _as_rebuilt(library)
