"""Filing correspondence: originals kept byte for byte, families together, nothing half-filed."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import (
    Direction,
    DocumentKind,
    EmailHeaders,
    Filing,
    Outcome,
    ParsedFile,
    Rejected,
    Staged,
)
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.errors import NotFoundError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture
def matter_id(service: MatterService) -> int:
    return service.create_matter(Matter("BIS letters", MatterKind.AUTHORIZATION_LETTER)).record.id


@pytest.fixture
def filer(library: Library) -> CorrespondenceService:
    return CorrespondenceService(
        library, library.blobs, "counsel", find_refs=lambda text: ("ECCN 4E091",) if text else ()
    )


def _email() -> ParsedFile:
    pdf = ParsedFile("letter.pdf", "application/pdf", b"%PDF-1.7 letter", text="4E091 letter")
    csv = ParsedFile("../../annex.csv", "text/csv", b"row,entity\n1,Thistlegate\n")
    headers = EmailHeaders(
        sender="Outside Counsel <oc@firm.example>",
        to=("In-house <ih@corp.example>",),
        subject='<font color="[[[">Re: Annex A',
        message_id="<m1@firm.example>",
    )
    return ParsedFile(
        "thread.eml",
        "message/rfc822",
        b"From: oc@firm.example\r\n\r\nbody",
        text="See the letter.",
        date="2026-06-27T09:15:00-04:00",
        email=headers,
        children=(pdf, csv),
    )


def test_an_email_is_filed_with_its_attachments(
    library: Library, filer: CorrespondenceService, matter_id: int
) -> None:
    outcome = filer.file(matter_id, "thread.eml", _email(), Filing(direction=Direction.INCOMING))
    assert outcome.outcome is Outcome.IMPORTED
    assert outcome.children == 2
    docs = queries.documents(library.db, matter_id)
    assert [d.filename for d in docs] == ["thread.eml", "letter.pdf", "../../annex.csv"]
    root, pdf, csv = docs
    assert root.kind is DocumentKind.EMAIL
    assert root.title == '<font color="[[[">Re: Annex A'
    assert root.direction is Direction.INCOMING
    assert (pdf.parent_id, csv.parent_id) == (root.id, root.id)
    assert (pdf.kind, pdf.position, csv.position) == (DocumentKind.ATTACHMENT, 0, 1)
    assert pdf.found_refs == ("ECCN 4E091",)
    assert queries.document_text(library.db, pdf.id) == "4E091 letter"


def test_originals_are_stored_read_only_under_their_hash(
    library: Library, filer: CorrespondenceService, matter_id: int
) -> None:
    filer.file(matter_id, "thread.eml", _email())
    for document in queries.documents(library.db, matter_id):
        stored = library.blobs.path(document.sha256)
        data = stored.read_bytes()
        assert hashlib.sha256(data).hexdigest() == document.sha256
        fixity = queries.blob_fixity(library.db, document.sha256)
        assert fixity is not None
        assert fixity.md5 == hashlib.md5(data, usedforsecurity=False).hexdigest()
        assert not stored.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert "annex.csv" not in {p.name for p in library.paths.root.rglob("*")}
    assert list(library.paths.staging.iterdir()) == []


def test_the_same_bytes_twice_are_a_duplicate(
    library: Library, filer: CorrespondenceService, matter_id: int, dump: Callable[[], Dump]
) -> None:
    first = filer.file(matter_id, "a.eml", _email())
    before = dump()
    again = filer.file(matter_id, "copy of a.eml", _email())
    assert again.outcome is Outcome.DUPLICATE
    assert again.document_id == first.document_id
    assert dump() == before


def test_bytes_already_filed_as_an_attachment_are_a_duplicate(
    library: Library, filer: CorrespondenceService, matter_id: int, dump: Callable[[], Dump]
) -> None:
    email = filer.file(matter_id, "thread.eml", _email())
    before = dump()
    letter = ParsedFile("letter.pdf", "application/pdf", b"%PDF-1.7 letter", text="4E091 letter")
    again = filer.file(matter_id, "saved-from-the-email.pdf", letter)
    assert again.outcome is Outcome.DUPLICATE
    attachment = queries.documents(library.db, matter_id)[1]
    assert attachment.filename == "letter.pdf"
    assert again.document_id == attachment.id
    assert again.reason == (
        f"the same bytes are already filed as document {attachment.id}, "
        f"an attachment of document {email.document_id}"
    )
    assert dump() == before


def test_a_refused_file_is_quarantined_with_its_bytes(
    library: Library, filer: CorrespondenceService, matter_id: int
) -> None:
    refused = Rejected("bomb.eml", "nested deeper than 20 levels", b"Content-Type: x\r\n\r\n")
    outcome = filer.file(matter_id, "bomb.eml", refused)
    assert outcome.outcome is Outcome.QUARANTINED
    assert outcome.reason == "nested deeper than 20 levels"
    [kept] = queries.matter_record(
        library.db, queries.matter_by_id(library.db, matter_id)
    ).quarantined
    assert kept.reason == "nested deeper than 20 levels"
    assert library.blobs.read(kept.sha256) == b"Content-Type: x\r\n\r\n"
    assert queries.documents(library.db, matter_id) == []


def test_each_document_is_audited_in_the_same_transaction(
    library: Library, filer: CorrespondenceService, matter_id: int
) -> None:
    before = len(queries.audit_entries(library.db))
    filer.file(matter_id, "thread.eml", _email())
    entries = queries.audit_entries(library.db)[before:]
    kinds = [(e.action, e.entity) for e in entries]
    assert kinds.count(("insert", "documents")) == 3
    texts = library.db.execute("SELECT count(*) FROM document_text").fetchone()[0]
    assert texts > 0
    assert kinds.count(("insert", "document_text")) == texts  # each text's hash is audited
    assert len(kinds) == 3 + texts
    assert not library.db.conn.in_transaction


def test_a_failure_midway_leaves_no_document(
    library: Library,
    filer: CorrespondenceService,
    matter_id: int,
    dump: Callable[[], Dump],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = dump()
    calls = {"n": 0}
    real_put = library.blobs.put

    def failing_put(data: bytes) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_put(data)

    monkeypatch.setattr(library.blobs, "put", failing_put)
    with pytest.raises(OSError, match="disk full"):
        filer.file(matter_id, "thread.eml", _email())
    assert dump() == before


def test_filing_on_a_missing_matter_is_refused(filer: CorrespondenceService) -> None:
    with pytest.raises(NotFoundError):
        filer.file(999, "x.eml", _email())


def test_import_paths_walks_folders_and_reports_each_file(
    library: Library, filer: CorrespondenceService, matter_id: int, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"alpha")
    (folder / "sub" / "b.txt").write_bytes(b"beta")
    (folder / "sub" / "c.txt").write_bytes(b"alpha")

    def read(path: Path, _staging: Path) -> ParsedFile | Rejected:
        data = path.read_bytes()
        return ParsedFile(path.name, "text/plain", data, text=data.decode())

    seen: list[str] = []
    outcomes = filer.import_paths(
        matter_id, [folder], read, progress=lambda _i, _n, name: seen.append(name)
    )
    assert [(Path(o.path).name, o.outcome) for o in outcomes] == [
        ("a.txt", Outcome.IMPORTED),
        ("b.txt", Outcome.IMPORTED),
        ("c.txt", Outcome.DUPLICATE),
    ]
    assert seen == ["a.txt", "b.txt", "c.txt", ""]


@pytest.mark.skipif(os.name != "posix", reason="links and FIFOs as POSIX makes them")
def test_every_path_given_or_found_has_an_outcome_and_nothing_else_is_read(
    library: Library, filer: CorrespondenceService, matter_id: int, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not in the folder")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"alpha")
    (folder / "link.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(folder / "pipe")
    (folder / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    read_paths: list[str] = []

    def read(path: Path, _staging: Path) -> ParsedFile | Rejected:
        read_paths.append(path.name)
        return ParsedFile(path.name, "text/plain", path.read_bytes())

    given = [folder, tmp_path / "mistyped.pdf", outside]
    outcomes = filer.import_paths(matter_id, given, read)
    assert [(Path(o.path).name, o.outcome) for o in outcomes] == [
        ("a.txt", Outcome.IMPORTED),
        ("dangling.txt", Outcome.NOT_READ),
        ("link.txt", Outcome.NOT_READ),
        ("linked-folder", Outcome.NOT_READ),
        ("pipe", Outcome.NOT_READ),
        ("mistyped.pdf", Outcome.NOT_READ),
        ("outside.txt", Outcome.IMPORTED),  # named by counsel: read
    ]
    reasons = {Path(o.path).name: o.reason for o in outcomes}
    assert reasons["mistyped.pdf"] == "there is no such file or folder"
    assert reasons["pipe"] == "a pipe (FIFO), not a file"
    assert "not followed" in reasons["link.txt"]
    assert read_paths == ["a.txt", "outside.txt"]
    assert len(queries.documents(library.db, matter_id)) == 2  # nothing stored for the rest


def test_cancel_stops_between_files(
    library: Library, filer: CorrespondenceService, matter_id: int, tmp_path: Path
) -> None:
    for name in ("1.txt", "2.txt", "3.txt"):
        (tmp_path / name).write_bytes(name.encode())
    done: list[str] = []

    def read(path: Path, _staging: Path) -> ParsedFile:
        done.append(path.name)
        return ParsedFile(path.name, "text/plain", path.read_bytes())

    outcomes = filer.import_paths(
        matter_id, sorted(tmp_path.glob("*.txt")), read, cancelled=lambda: len(done) >= 2
    )
    assert len(outcomes) == 2
    assert len(queries.documents(library.db, matter_id)) == 2


CORPUS = Path(__file__).parents[1] / "data" / "email"


def test_the_real_email_corpus_is_filed_with_exact_originals(
    library: Library, filer: CorrespondenceService, matter_id: int
) -> None:
    from desktop_app.importing import FileReader
    from desktop_app.ingest.isolated import InProcessParser

    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".eml", ".msg", ".txt"))
    files = [p for p in files if not p.name.startswith("LICENSE")]
    assert len(files) >= 113
    with FileReader([InProcessParser()]) as reader:
        outcomes = filer.import_paths(matter_id, files, reader)
    assert {o.outcome for o in outcomes} <= {Outcome.IMPORTED, Outcome.DUPLICATE}
    imported = [o for o in outcomes if o.outcome is Outcome.IMPORTED]
    assert len(imported) >= 100
    for outcome in imported:
        original = Path(outcome.path).read_bytes()
        assert library.blobs.read(outcome.sha256) == original
        assert outcome.sha256 == hashlib.sha256(original).hexdigest()


def test_a_full_disk_is_a_clear_message_and_leaves_nothing(
    library: Library,
    filer: CorrespondenceService,
    matter_id: int,
    dump: Callable[[], Dump],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import os

    from desktop_app.errors import LibraryError

    before = dump()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(LibraryError, match=r"free some space"):
        filer.file(matter_id, "thread.eml", _email())
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert dump() == before
    assert list(library.paths.staging.iterdir()) == []
    assert filer.file(matter_id, "thread.eml", _email()).outcome is Outcome.IMPORTED


def _three_notes(folder: Path) -> None:
    """Three small text files to import, 1.txt to 3.txt."""
    for name in ("1.txt", "2.txt", "3.txt"):
        (folder / name).write_text(f"note {name}", encoding="utf-8")


def test_a_full_disk_while_copying_stops_the_import_and_says_so(
    library: Library,
    filer: CorrespondenceService,
    matter_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    from desktop_app.importing import FileReader
    from desktop_app.ingest import staging
    from desktop_app.ingest.isolated import InProcessParser

    _three_notes(tmp_path)
    real_write = staging.write_all
    calls = {"n": 0}

    def full_on_second(out: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            real_write(out, data[:1])
            raise staging._StoreError(OSError(errno.ENOSPC, "No space left on device"))
        real_write(out, data)

    monkeypatch.setattr(staging, "write_all", full_on_second)
    with FileReader([InProcessParser()]) as reader:
        outcomes = filer.import_paths(matter_id, sorted(tmp_path.glob("*.txt")), reader)
    assert [o.outcome for o in outcomes] == [Outcome.IMPORTED, Outcome.FAILED]
    assert "No space left on device" in outcomes[1].reason
    assert "free some space" in outcomes[1].reason
    assert len(queries.documents(library.db, matter_id)) == 1
    assert list(library.paths.staging.iterdir()) == []


def test_a_library_failure_midway_stops_the_import_and_keeps_what_was_filed(
    library: Library,
    filer: CorrespondenceService,
    matter_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from desktop_app.errors import LibraryError
    from desktop_app.importing import FileReader
    from desktop_app.ingest.isolated import InProcessParser

    _three_notes(tmp_path)
    real_adopt = library.blobs.adopt
    calls = {"n": 0}

    def full_on_second(staged: Staged) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise LibraryError("Could not store the file in the library: disk full.")
        return real_adopt(staged)

    monkeypatch.setattr(library.blobs, "adopt", full_on_second)
    with FileReader([InProcessParser(), InProcessParser()]) as reader:
        outcomes = filer.import_paths(matter_id, sorted(tmp_path.glob("*.txt")), reader)
    assert [o.outcome for o in outcomes] == [Outcome.IMPORTED, Outcome.FAILED]
    assert "disk full" in outcomes[1].reason
    assert len(queries.documents(library.db, matter_id)) == 1
    assert not [t for t in threading.enumerate() if t.name.startswith("read-ahead")]
    assert list(library.paths.staging.iterdir()) == []  # the unfiled copies are removed
