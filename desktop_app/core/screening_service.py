"""Holding list editions: each one's file kept byte for byte, its date and SHA-256 audited.

`ListService.add_edition` is the one way an edition enters a library: the file's bytes go to
the blob store under their SHA-256 (verify re-hashes them like any original), and an `Edition`
record — publication date, source, file name, entry counts — is written and audited in the same
transaction. The same file given twice is held once. The edition in force is the one published
last (docs/rules.md, "Screening").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_app.core.ports import BlobSink, Store
from desktop_app.core.screening_lists import Edition, ListEdition
from desktop_app.errors import UserError


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Added:
    """An edition given to the library: the record held, and whether it was new."""

    edition: Edition
    new: bool


class ListService:
    """Adds the editions of the screening lists to a library."""

    def __init__(
        self, store: Store, blobs: BlobSink, actor: str, now: Callable[[], str] = _now
    ) -> None:
        self._store, self._blobs, self._actor, self._now = store, blobs, actor, now

    def add_edition(self, data: bytes, parsed: ListEdition) -> Added:
        """Hold the edition read from ``data`` (its file's bytes); a file held already is kept."""
        with self._store.transaction(self._actor) as tx:
            held = tx.find_edition(parsed.sha256)
            if held is not None:
                return Added(held, new=False)
            blob = self._blobs.put(data)
            if blob.sha256 != parsed.sha256:
                raise UserError("The list file changed while it was read; nothing was added.")
            tx.record_blob(blob)
            record = Edition(
                published=parsed.published,
                sha256=parsed.sha256,
                source=parsed.source,
                file_name=parsed.file_name,
                entry_count=len(parsed.entries),
                counts=json.dumps(parsed.counts(), separators=(",", ":")),
                imported_at=self._now(),
                imported_by=self._actor,
            )
            return Added(tx.insert(record), new=True)


def in_force(editions: list[Edition]) -> Edition | None:
    """The edition published last (the one added last among those of the same day)."""
    return max(editions, key=lambda e: (e.published, e.id), default=None)
