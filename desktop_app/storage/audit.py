"""The audit chain: every change appends a link that hashes the one before.

See docs/architecture.md#the-library-on-disk and docs/architecture.md#audit-anchor.

``hash = sha256(prev_hash + canonical_json(entry without hash))``. Appending happens inside the
caller's write transaction, so a change and its audit entry are kept or lost together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from desktop_app.core.models import AuditEntry
from desktop_app.core.serialize import canonical_json
from desktop_app.storage.rows import insert_row

GENESIS = "0" * 64
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the audit clock unless a test gives another)."""
    return datetime.now(UTC)


def entry_hash(fields: dict[str, Any]) -> str:
    """The hash of an entry given all its fields except ``hash``."""
    body = {k: v for k, v in fields.items() if k != "hash"}
    return hashlib.sha256((body["prev_hash"] + canonical_json(body)).encode("utf-8")).hexdigest()


def head(db: Database) -> tuple[int, str]:
    """The sequence number and hash of the last entry, or (0, GENESIS) for an empty chain."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(db: Database, clock: Clock, **change: Any) -> AuditEntry:
    """Append one entry for ``change`` to the chain; the caller owns the transaction.

    ``change`` holds actor, action, entity, entity_id, matter_id, before and after.
    """
    seq, prev = head(db)
    fields = {"seq": seq + 1, "at": clock().isoformat(timespec="microseconds"), **change}
    fields["prev_hash"] = prev
    fields["hash"] = entry_hash(fields)
    entry = AuditEntry(**fields)
    insert_row(db, "audit", asdict(entry))
    return entry


def first_break(entries: Iterable[AuditEntry]) -> tuple[int, str] | None:
    """The first entry that does not chain or hash correctly, with why; None when whole."""
    expected_seq, prev = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            return entry.seq, f"expected entry {expected_seq} here (entries missing or moved)"
        if entry.prev_hash != prev:
            return entry.seq, "does not follow the entry before it"
        if entry_hash(asdict(entry)) != entry.hash:
            return entry.seq, "its content does not match its hash"
        expected_seq, prev = entry.seq + 1, entry.hash
    return None
