"""Filing correspondence on a matter: each file one business operation, nothing half-filed.

For a parsed file the originals (the file and every attachment split out of it) are written to
the blob store first, then one transaction inserts the document family, its text and its audit
entries. The same bytes filed twice on one matter are reported as a duplicate and add nothing.
A file the reader refused is kept in quarantine, byte for byte, with the reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from desktop_app.core.documents import (
    Blob,
    Document,
    DocumentKind,
    FileOutcome,
    Filing,
    Outcome,
    ParsedFile,
    Quarantined,
    Rejected,
)
from desktop_app.core.import_walk import walk
from desktop_app.core.models import Matter
from desktop_app.core.ports import BlobSink, Store, UnitOfWork
from desktop_app.errors import LibraryError, TrashedMatterError, UserError

Reader = Callable[[Path, Path], ParsedFile | Rejected]
"""Reads one file (the first path) through a copy in the staging folder (the second)."""


@runtime_checkable
class ReadAhead(Protocol):
    """A reader that can read the next file while the current one is being filed."""

    def __call__(self, path: Path, staging: Path) -> ParsedFile | Rejected:
        """Read one file through a copy in ``staging``."""
        ...

    def read_each(self, paths: list[Path], staging: Path) -> Iterator[ParsedFile | Rejected]:
        """Read ``paths`` in order, working ahead of the consumer."""
        ...


Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Finder = Callable[[str], tuple[str, ...]]
EMAIL_TYPES = ("message/rfc822", "application/vnd.ms-outlook")
AS_PARSED = Filing()


class CorrespondenceService:
    """Files parsed documents and quarantines refused ones."""

    def __init__(
        self,
        store: Store,
        blobs: BlobSink,
        actor: str,
        find_refs: Finder = lambda _text: (),
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._blobs = blobs
        self._actor = actor
        self._find_refs = find_refs
        self._now = now

    def file(
        self, matter_id: int, label: str, parsed: ParsedFile | Rejected, filing: Filing = AS_PARSED
    ) -> FileOutcome:
        """File one parsed (or refused) file on a matter; ``label`` names it in the outcome."""
        if isinstance(parsed, Rejected):
            return self._quarantine(matter_id, label, parsed)
        blob = self._keep(parsed)
        with self._store.transaction(self._actor) as tx:
            _live(tx, matter_id)
            existing = tx.find_document(matter_id, blob.sha256)
            if existing is not None:
                why = f"the same bytes are already filed as document {existing.id}"
                if existing.parent_id is not None:
                    why += f", an attachment of document {existing.parent_id}"
                return FileOutcome(label, Outcome.DUPLICATE, why, existing.id, blob.sha256)
            root = self._insert_tree(
                tx, parsed, blob, matter_id=matter_id, parent_id=None, position=0, filing=filing
            )
        return FileOutcome(label, Outcome.IMPORTED, "", root.id, blob.sha256, _count(parsed))

    def _insert_tree(
        self,
        tx: UnitOfWork,
        parsed: ParsedFile,
        blob: Blob,
        *,
        matter_id: int,
        parent_id: int | None,
        position: int,
        filing: Filing,
    ) -> Document:
        tx.record_blob(blob)
        draft = self._document(matter_id, parsed, blob, filing)
        record = tx.insert(replace(draft, parent_id=parent_id, position=position))
        if parsed.text:
            tx.set_document_text(record.id, parsed.text)
        child_filing = Filing(DocumentKind.ATTACHMENT, filing.direction, date=parsed.date)
        for index, child in enumerate(parsed.children):
            child_blob = self._keep(child)
            self._insert_tree(
                tx,
                child,
                child_blob,
                matter_id=matter_id,
                parent_id=record.id,
                position=index,
                filing=child_filing,
            )
        return record

    def _document(self, matter_id: int, parsed: ParsedFile, blob: Blob, filing: Filing) -> Document:
        mail = parsed.email
        return Document(
            matter_id=matter_id,
            sha256=blob.sha256,
            filename=parsed.filename,
            media_type=parsed.media_type,
            size=blob.size,
            kind=filing.kind or default_kind(parsed),
            direction=filing.direction,
            doc_date=filing.date or parsed.date,
            title=filing.title or (mail.subject if mail else "") or parsed.filename,
            sender=mail.sender if mail else "",
            recipients=mail.to if mail else (),
            cc=mail.cc if mail else (),
            message_id=mail.message_id if mail else "",
            in_reply_to=mail.in_reply_to if mail else "",
            references=mail.references if mail else (),
            found_refs=self._find_refs(parsed.text),
            note=filing.note,
            imported_at=self._stamp(),
            reader_notes=parsed.notes,
        )

    def _keep(self, original: ParsedFile | Rejected) -> Blob:
        """Store an original: its staged copy moved into place, or its bytes written."""
        if original.staged is not None:
            return self._blobs.adopt(original.staged)
        return self._blobs.put(original.data)

    def _quarantine(self, matter_id: int, label: str, refused: Rejected) -> FileOutcome:
        if refused.store_failed:
            raise LibraryError(
                f"Could not store the file in the library ({refused.reason}). "
                "This file was not filed; free some space and try again."
            )
        if refused.not_read:
            return FileOutcome(label, Outcome.NOT_READ, refused.reason)
        kept = refused.data or refused.staged
        blob = self._keep(refused) if kept else None
        record = Quarantined(
            matter_id=matter_id,
            filename=refused.filename,
            sha256=blob.sha256 if blob else "",
            size=blob.size if blob else 0,
            reason=refused.reason,
            at=self._stamp(),
        )
        with self._store.transaction(self._actor) as tx:
            _live(tx, matter_id)
            if blob is not None:
                tx.record_blob(blob)
            stored = tx.insert(record)
        return FileOutcome(label, Outcome.QUARANTINED, refused.reason, None, stored.sha256)

    def update_document(self, document: Document) -> Document:
        """Change how a document is filed (kind, direction, date, title, note).

        The original bytes, their hash and the document's place in its family never change.
        """
        with self._store.transaction(self._actor) as tx:
            before = tx.get(Document, document.id)
            fixed = replace(
                document,
                sha256=before.sha256,
                size=before.size,
                media_type=before.media_type,
                filename=before.filename,
                parent_id=before.parent_id,
                matter_id=before.matter_id,
            )
            tx.update(fixed)
        return fixed

    def import_paths(
        self,
        matter_id: int,
        paths: Sequence[Path],
        read: Reader,
        *,
        progress: Progress = lambda _i, _n, _name: None,
        cancelled: Cancelled = lambda: False,
        filing: Filing = AS_PARSED,
    ) -> list[FileOutcome]:
        """Read and file every file under ``paths`` (folders are walked), one by one.

        Each file is filed whole or not at all; what is not a file gets a "not read" outcome
        (`import_walk`). When the library fails (a full disk), the
        import stops there: the outcomes so far are returned, the last one FAILED with why.
        """
        with self._store.transaction(self._actor) as tx:
            _live(tx, matter_id)  # refused before a file is read
        entries = list(walk(paths))
        files = [e for e in entries if isinstance(e, Path)]
        outcomes: list[FileOutcome] = []
        staging = self._blobs.staging_area()
        reads = iter(
            read.read_each(files, staging)
            if isinstance(read, ReadAhead)
            else (read(path, staging) for path in files)
        )
        done = 0
        with contextlib.closing(reads) if isinstance(reads, Generator) else nullcontext():
            for entry in entries:
                if isinstance(entry, FileOutcome):
                    outcomes.append(entry)
                    continue
                if cancelled():
                    break
                progress(done, len(files), entry.name)
                done += 1
                try:
                    outcomes.append(self.file(matter_id, str(entry), next(reads), filing))
                except UserError as exc:  # the library's problem (disk full…), not the file's
                    outcomes.append(FileOutcome(str(entry), Outcome.FAILED, exc.message))
                    break
        progress(done, len(files), "")
        return outcomes

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")


def _live(tx: UnitOfWork, matter_id: int) -> Matter:
    """The matter, refused while it is in the trash (a restore brings it back first)."""
    matter = tx.get(Matter, matter_id)
    if tx.in_trash(matter_id):
        raise TrashedMatterError(
            f"{matter.number} is in the trash: restore it (untrash {matter.number}) before "
            "filing documents or memos on it."
        )
    return matter


def default_kind(parsed: ParsedFile) -> DocumentKind:
    """Email for messages, letter for PDFs, other for the rest."""
    if parsed.email is not None or parsed.media_type in EMAIL_TYPES:
        return DocumentKind.EMAIL
    if parsed.media_type == "application/pdf":
        return DocumentKind.LETTER
    return DocumentKind.OTHER


def _count(parsed: ParsedFile) -> int:
    return sum(1 + _count(child) for child in parsed.children)
