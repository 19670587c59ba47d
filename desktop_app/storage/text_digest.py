"""The text extracted from documents, as the audit chain records it: SHA-256 and length.

The text itself is derived (re-read from the original when needed) and too large to copy into
the chain, so each entry for entity ``document_text`` holds ``{"document_id", "sha256",
"characters"}``; `verify` hashes every stored text against the last such entry.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from desktop_app.storage.keystore import LIBRARY_ID

ENTITY = "document_text"
RESET_FOUND = (
    "the library says the text of its documents is not yet in the chain (identity.text_covered "
    "= 0), though this computer anchored it after that was done: the flag was reset outside the "
    "app, and the text is not hashed again"
)


def summary(document_id: int, text: str) -> dict[str, Any]:
    """What the chain records of one document's text."""
    return summary_of_bytes(document_id, text.encode("utf-8"))


def summary_of_bytes(document_id: int, data: bytes) -> dict[str, Any]:
    """`summary` from the stored cell's bytes (a damaged cell hashes as it is stored)."""
    return {
        "characters": len(data.decode("utf-8", "replace")),
        "document_id": document_id,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def stored(db: Database, document_id: int) -> dict[str, Any] | None:
    """The summary of the text stored for a document now, or None when it has none."""
    sql = "SELECT CAST(text AS BLOB) FROM document_text WHERE document_id = ?"
    row = db.execute(sql, [document_id]).fetchone()
    return None if row is None else summary_of_bytes(document_id, bytes(row[0] or b""))


def matter_of(db: Database, document_id: int) -> int | None:
    """The matter a document belongs to (None once it is gone)."""
    row = db.execute("SELECT matter_id FROM documents WHERE id = ?", [document_id]).fetchone()
    return None if row is None else int(row[0])


def uncovered_ids(db: Database) -> list[int]:
    """The documents whose text no audit entry covers yet (filed by an older version)."""
    if covered(db):
        return []
    return [int(r[0]) for r in db.execute("SELECT document_id FROM document_text ORDER BY 1")]


def covered(db: Database) -> bool:
    """True once every text in the library is covered by the chain."""
    row = db.execute("SELECT text_covered FROM identity").fetchone()
    return row is None or bool(row[0])


def mark_covered(db: Database) -> None:
    """Note that the text of every document is now in the chain."""
    db.execute("UPDATE identity SET text_covered = 1")


def identity(db: Database) -> str | None:
    """The library's id, made anew when its row was removed (the writer only; None before 0012).

    A new id has no anchor here; the first commit then finds the chain is another anchored
    library's (`anchor.advance`), so removing the row hides nothing.
    """
    try:
        rows = db.execute("SELECT id FROM identity").fetchall()
    except sqlite3.OperationalError:
        return None
    if len(rows) == 1 and isinstance(rows[0][0], str) and LIBRARY_ID.match(rows[0][0]):
        return str(rows[0][0])
    made = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with db.conn:
        db.execute("DELETE FROM identity")
        db.execute("INSERT INTO identity VALUES (?, ?, 1)", [uuid.uuid4().hex, made])
    return identity(db)
