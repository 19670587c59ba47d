"""Rewrites of the audit chain that keep it self-consistent are found (issue 16 point 3).

Each case edits library.db the way someone with the library folder but without the key would:
consistently, so that the chain, the rows and the log agree with each other and every check but
the anchor passes. The anchor (sealed with the key kept outside the folder), the heads published
in backups and memos, and the audited hash of each document's text must each find it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import Direction, DocumentKind, Filing
from desktop_app.core.enums import MatterKind
from desktop_app.core.integrity import VerifyReport
from desktop_app.core.models import Matter, Note
from desktop_app.core.serialize import canonical_json
from desktop_app.core.services import MatterService
from desktop_app.errors import UserError
from desktop_app.ingest.parsers import parse_in_process
from desktop_app.paths import KEY_ENV_VAR, LibraryPaths, key_dir
from desktop_app.storage import anchor, audit, files
from desktop_app.storage.anchor_check import printed_heads
from desktop_app.storage.backup import create_backup
from desktop_app.storage.backup_check import UnsealedBackupError
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.keystore import KeyStore
from desktop_app.storage.library import Library
from desktop_app.storage.restore import restore
from desktop_app.storage.rotation import rotate

TODAY = date(2026, 11, 27)
COLUMNS = ("seq", "at", "actor", "action", "entity", "entity_id", "matter_id", "before", "after")
LETTER = b"Dear counsel,\nThe license requirement is lifted for the entities of Annex A.\n"


def _fill(paths: LibraryPaths, backup: Path | None = None) -> None:
    """A matter, three notes and one letter; ``backup`` is made just before the letter."""
    library = Library.open(paths, write=True)
    try:
        service = MatterService(library, actor="counsel", today=lambda: TODAY)
        matter = service.create_matter(Matter("Annex A", MatterKind.AUTHORIZATION_LETTER)).record
        for text in ("First call with BIS.", "Second call.", "Letter received."):
            service.add_note(Note(matter.id, text))
        if backup is not None:
            create_backup(paths, backup)
        filing = Filing(DocumentKind.LETTER, Direction.INCOMING, title="BIS letter")
        filer = CorrespondenceService(library, library.blobs, "counsel")
        filer.file(matter.id, "letter.txt", parse_in_process("letter.txt", LETTER), filing)
    finally:
        library.close()


@pytest.fixture
def paths(tmp_path: Path) -> LibraryPaths:
    """A library with a matter, three notes and one letter, anchored on this computer."""
    made = LibraryPaths(tmp_path / "library")
    _fill(made)
    return made


@pytest.fixture
def db(paths: LibraryPaths) -> Iterator[sqlite3.Connection]:
    """A raw connection to the closed library, as someone behind the app's back would use."""
    conn = sqlite3.connect(paths.database, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _report(paths: LibraryPaths) -> VerifyReport:
    library = Library.open(paths, write=False)
    try:
        return verify_library(library)
    finally:
        library.close()


def _problems(report: VerifyReport) -> dict[str, list[str]]:
    return {
        c.name: [f"{p.subject}: {p.detail}" for p in c.problems]
        for c in report.checks
        if c.problems
    }


def _rehash(conn: sqlite3.Connection, first: int = 1) -> None:
    """Recompute every hash from entry ``first`` on, as a careful forger would."""
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM audit ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for row in rows:
        entry = dict(zip(COLUMNS, row, strict=True))
        if entry["seq"] >= first:
            entry["prev_hash"] = prev
            entry["hash"] = audit.entry_hash(entry)
            conn.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
                [prev, entry["hash"], entry["seq"]],
            )
        prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", [entry["seq"]]).fetchone()[0]


def _note_entry(conn: sqlite3.Connection, text: str) -> int:
    """The seq of the audit entry that inserted the note with this text."""
    for seq, after in conn.execute("SELECT seq, after FROM audit WHERE entity = 'notes'"):
        if json.loads(after)["text"] == text:
            return int(seq)
    raise AssertionError(text)


def _cut_to(db: sqlite3.Connection, paths: LibraryPaths, seq: int) -> None:
    """Cut the chain back to entry ``seq`` with the rows its tail made (the letter, its text)."""
    db.execute("DELETE FROM audit WHERE seq > ?", [seq])
    db.execute("DELETE FROM document_text")
    db.execute("DELETE FROM search_entries WHERE entity = 'documents'")
    db.execute("DELETE FROM documents")
    db.execute("DELETE FROM blobs")
    for blob in [p for p in paths.blobs.rglob("*") if p.is_file()]:
        blob.unlink()


def _head(db: sqlite3.Connection) -> tuple[int, str]:
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return int(row[0]), str(row[1])


def _only_anchor(report: VerifyReport) -> list[str]:
    found = _problems(report)
    assert set(found) == {"anchor"}, found  # the rewrite is consistent: nothing else sees it
    return found["anchor"]


def test_a_library_as_the_app_left_it_verifies_clean(paths: LibraryPaths) -> None:
    report = _report(paths)
    assert _problems(report) == {}
    [check] = [c for c in report.checks if c.name == "anchor"]
    assert check.ok


def test_a_consistent_cut_of_the_tail_is_found(paths: LibraryPaths, db: sqlite3.Connection) -> None:
    seq = _note_entry(db, "Letter received.")
    note_id = db.execute("SELECT entity_id FROM audit WHERE seq = ?", [seq]).fetchone()[0]
    # the note, the document and its text go with the tail, so rows and log still agree
    _cut_to(db, paths, seq - 1)
    db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    [finding] = _only_anchor(_report(paths))
    assert f"the chain ends at entry {seq - 1}" in finding
    assert "were removed" in finding


def test_a_chain_recomputed_from_an_entry_on_is_found(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    seq = _note_entry(db, "Second call.")
    after = json.loads(db.execute("SELECT after FROM audit WHERE seq = ?", [seq]).fetchone()[0])
    after["text"] = "No call took place."
    db.execute("UPDATE audit SET after = ? WHERE seq = ?", [canonical_json(after), seq])
    db.execute("UPDATE notes SET text = ? WHERE id = ?", [after["text"], after["id"]])
    _rehash(db, seq)

    [finding] = _only_anchor(_report(paths))
    assert "holds another entry" in finding
    assert "rewritten" in finding


def test_a_forged_entry_appended_is_found(paths: LibraryPaths, db: sqlite3.Connection) -> None:
    seq, prev = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    matter_id = db.execute("SELECT id FROM matters").fetchone()[0]
    note = {"author": "", "created_at": "", "id": 99, "matter_id": matter_id, "text": "Forged."}
    db.execute(
        "INSERT INTO notes (id, matter_id, text, author, created_at) VALUES (99, ?, ?, '', '')",
        [matter_id, "Forged."],
    )
    entry = {
        "seq": seq + 1, "at": "2026-11-28T09:00:00.000000+00:00", "actor": "counsel",
        "action": "insert", "entity": "notes", "entity_id": 99, "matter_id": matter_id,
        "before": None, "after": canonical_json(note), "prev_hash": prev,
    }  # fmt: skip
    entry["hash"] = audit.entry_hash(entry)
    db.execute(
        f"INSERT INTO audit ({', '.join(entry)}) VALUES ({', '.join('?' * len(entry))})",
        list(entry.values()),
    )

    [finding] = _only_anchor(_report(paths))
    assert f"entries {seq + 1}–{seq + 1} were added without the app" in finding


def test_edited_extracted_text_is_found(paths: LibraryPaths, db: sqlite3.Connection) -> None:
    db.execute("UPDATE document_text SET text = 'The license requirement stays.'")
    found = _problems(_report(paths))
    assert list(found) == ["records"]
    [finding] = found["records"]
    assert finding.startswith("the text of document 1: differs from the SHA-256 audit entry")


def test_an_anchor_rewritten_without_the_key_is_found(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    seq = _note_entry(db, "Letter received.")
    db.execute("DELETE FROM audit WHERE seq >= ?", [seq])
    [library_id] = db.execute("SELECT id FROM identity").fetchone()
    path = KeyStore(key_dir()).anchor_path(library_id)
    body = json.loads(path.read_text(encoding="utf-8"))
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    body["after"] = body["before"] = {"seq": last[0], "hash": last[1]}
    path.write_text(json.dumps(body), encoding="utf-8")

    findings = _problems(_report(paths))["anchor"]
    assert any("its seal does not verify" in f for f in findings)


def test_a_rewrite_stays_reported_after_the_next_change(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    _cut_to(db, paths, _note_entry(db, "Letter received."))
    library = Library.open(paths, write=True)
    try:  # counsel go on working; the app anchors the new head but keeps the finding
        matter_id = library.db.execute("SELECT id FROM matters").fetchone()[0]
        MatterService(library, actor="counsel").add_note(Note(matter_id, "Later."))
    finally:
        library.close()
    [finding] = _only_anchor(_report(paths))
    assert "found earlier and kept until a restore" in finding
    assert "it was changed without the app" in finding


def test_a_head_published_in_a_backup_must_stay_in_the_chain(
    paths: LibraryPaths, db: sqlite3.Connection, tmp_path: Path
) -> None:
    create_backup(paths, tmp_path / "backup")
    seq = _note_entry(db, "First call with BIS.")
    db.execute("UPDATE audit SET at = '2026-01-01T00:00:00.000000+00:00' WHERE seq = ?", [seq])
    _rehash(db, seq)
    [library_id] = db.execute("SELECT id FROM identity").fetchone()
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    # even a forger holding the key who re-anchors the new head is caught by the published head
    store = KeyStore(key_dir())
    with store.locked(library_id):
        head = anchor.Head(last[0], last[1])
        stored = anchor.load(store, library_id).anchor
        assert stored is not None
        key = store.key_or_new(library_id)
        anchor._write(store, key, replace(stored, before=head, after=head))

    [finding] = _only_anchor(_report(paths))
    assert f"the backup {tmp_path / 'backup'}" in finding
    assert "is not in the chain" in finding


def test_a_rotated_backup_whose_manifest_was_changed_is_found(paths: LibraryPaths) -> None:
    rotate(paths, "daily")
    [generation] = list(paths.backups.iterdir())
    manifest = generation / "manifest.json"
    manifest.chmod(0o600)
    body = json.loads(manifest.read_text(encoding="utf-8"))
    body["counts"]["matters"] = 7
    manifest.write_text(json.dumps(body), encoding="utf-8")
    found = _problems(_report(paths))
    assert found == {
        "anchor": [
            f"the automatic backup {generation.name}: its manifest was changed after it was made "
            "(its seal fails)"
        ]
    }


def test_a_memo_prints_the_head_verify_reads_back() -> None:
    digest = "ab" * 32
    text = f"Audit-chain head\nAudit entry 412, hash\n{digest}.\nGenerated 2026-12-07"
    assert printed_heads(text) == [(412, digest)]
    assert printed_heads("Audit entry 412, hash abc.") == []


def test_a_backup_edited_with_its_manifest_recomputed_is_refused(
    paths: LibraryPaths, tmp_path: Path
) -> None:
    out = tmp_path / "backup"
    create_backup(paths, out)
    for entry in out.rglob("*"):
        entry.chmod(0o700 if entry.is_dir() else 0o600)
    conn = sqlite3.connect(out / "library.db", isolation_level=None)
    conn.execute("UPDATE notes SET text = 'No call took place.' WHERE text = 'Second call.'")
    conn.close()
    body = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sha256, size = files.sha256_of(out / "library.db")
    body["database"] = {"file": "library.db", "sha256": sha256, "size": size}
    (out / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    target = LibraryPaths(tmp_path / "restored")

    with pytest.raises(UserError, match="was changed after the backup was made"):
        restore(target, out)
    # on a computer without the key the seal cannot be checked, but the edited row still shows
    shutil.rmtree(key_dir())
    with pytest.raises(UserError, match=r"notes \d+ on EC-\d{4}-\d{4} differs from its last"):
        restore(target, out, accept_unsealed=True)
    assert not target.database.exists()


def test_an_unsealed_backup_is_restored_only_when_accepted(
    paths: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "backup"
    create_backup(paths, out)
    monkeypatch.setenv(KEY_ENV_VAR, str(tmp_path / "another-computer"))
    target = LibraryPaths(tmp_path / "restored")
    with pytest.raises(UnsealedBackupError, match="--accept-unsealed"):
        restore(target, out)
    assert not target.database.exists()
    done = restore(target, out, accept_unsealed=True)
    assert not done.sealed
    report = _report(target)
    assert _problems(report) == {}  # anchored on this computer from the restored head on


def test_an_interrupted_commit_leaves_chain_and_anchor_in_agreement(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    [library_id] = db.execute("SELECT id FROM identity").fetchone()
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    store = KeyStore(key_dir())
    head = anchor.Head(last[0], last[1])
    with store.locked(library_id):  # the anchor written, then the process killed before COMMIT
        anchor.advance(store, library_id, paths.root, head, anchor.Head(last[0] + 1, "f" * 64))
    assert _problems(_report(paths)) == {}
    library = Library.open(paths, write=True)
    try:
        matter_id = library.db.execute("SELECT id FROM matters").fetchone()[0]
        MatterService(library, actor="counsel").add_note(Note(matter_id, "After the crash."))
    finally:
        library.close()
    assert _problems(_report(paths)) == {}


def test_a_replaced_identity_is_found(paths: LibraryPaths, db: sqlite3.Connection) -> None:
    db.execute("UPDATE identity SET id = ?", ["0123456789abcdef0123456789abcdef"])
    found = _only_anchor(_report(paths))
    assert found == [
        "the audit anchor: this computer holds no key for the library "
        f"({key_dir() / '0123456789abcdef0123456789abcdef.key'}), so a rewrite of its chain "
        "cannot be found. If the library came from another computer, copy its key and anchor "
        "from there (docs/architecture.md, 'Audit anchor')"
    ]
    Library.open(paths, write=True).close()  # anchored afresh here, but the folder remembers
    [finding] = _only_anchor(_report(paths))
    assert "its identity was replaced" in finding


def test_text_filed_by_an_older_version_is_covered_at_the_first_open(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    db.execute("DELETE FROM audit WHERE entity = 'document_text'")
    rows = db.execute("SELECT seq FROM audit ORDER BY seq").fetchall()
    for number, (seq,) in enumerate(rows, start=1):
        db.execute("UPDATE audit SET seq = ? WHERE seq = ?", [number, seq])
    _rehash(db)
    db.execute("UPDATE identity SET text_covered = 0")
    shutil.rmtree(key_dir())  # the older version kept no anchor
    Library.open(paths, write=True).close()
    assert _problems(_report(paths)) == {}
    db.execute("UPDATE document_text SET text = 'Edited.'")
    assert "records" in _problems(_report(paths))


# -- found in the acceptance attack run (helper report, 2026-12-07) ----------------------------


def _without_letter(tmp_path: Path) -> tuple[LibraryPaths, Path]:
    """A library whose backup was made before its letter was filed: (library, backup)."""
    paths = LibraryPaths(tmp_path / "lib")
    _fill(paths, tmp_path / "backup")
    return paths, tmp_path / "backup"


def test_a_refused_restore_leaves_no_head_a_cut_could_hide_behind(tmp_path: Path) -> None:
    paths, backup = _without_letter(tmp_path)
    with pytest.raises(UserError, match="--replace"):
        restore(paths, backup)  # refused: the library holds data
    backup_head = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    conn = sqlite3.connect(paths.database, isolation_level=None)
    try:
        _cut_to(conn, paths, backup_head["audit_head"]["seq"])
    finally:
        conn.close()
    [finding] = _only_anchor(_report(paths))
    assert "were removed" in finding


def test_a_restore_killed_after_its_database_was_in_verifies_at_the_next_open(
    tmp_path: Path,
) -> None:
    paths, backup = _without_letter(tmp_path)
    body = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    head = anchor.Head(body["audit_head"]["seq"], body["audit_head"]["hash"])
    conn = sqlite3.connect(paths.database, isolation_level=None)
    try:
        later = _head(conn)
    finally:
        conn.close()
    library = Library.open(paths, write=True)
    try:
        assert library.publish(later, "a memo printed after the backup")
    finally:
        library.close()
    store = KeyStore(key_dir())
    anchor.expect(store, body["library"], head)
    for name in ("library.db", "library.db-wal", "library.db-shm"):
        (paths.root / name).unlink(missing_ok=True)
    shutil.copyfile(backup / "library.db", paths.database)  # killed before the anchor reset
    Library.open(paths, write=True).close()  # the next open settles the restore
    assert _problems(_report(paths)).get("anchor") is None


def test_the_library_a_restore_put_aside_still_verifies(tmp_path: Path) -> None:
    paths, backup = _without_letter(tmp_path)
    done = restore(paths, backup, replace=True)
    assert done.kept_aside is not None
    assert _problems(_report(paths)) == {}
    assert _problems(_report(LibraryPaths(done.kept_aside))) == {}


def test_a_removed_anchor_and_a_cut_are_found_even_after_the_next_open(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    _cut_to(db, paths, _note_entry(db, "Letter received."))
    [library_id] = db.execute("SELECT id FROM identity").fetchone()
    KeyStore(key_dir()).anchor_path(library_id).unlink()
    Library.open(paths, write=True).close()
    [finding] = _only_anchor(_report(paths))
    assert "its anchor was missing though its key is here" in finding


def test_a_replaced_identity_is_found_in_a_moved_folder(
    paths: LibraryPaths, tmp_path: Path
) -> None:
    moved = LibraryPaths(tmp_path / "moved")
    paths.root.rename(moved.root)
    conn = sqlite3.connect(moved.database, isolation_level=None)
    try:
        conn.execute("UPDATE identity SET id = ?", ["fedcba9876543210fedcba9876543210"])
    finally:
        conn.close()
    Library.open(moved, write=True).close()
    [finding] = _only_anchor(_report(moved))
    assert "its identity was replaced" in finding


def test_a_removed_identity_row_is_found(paths: LibraryPaths, db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM identity")
    Library.open(paths, write=True).close()
    [finding] = _only_anchor(_report(paths))
    assert "its identity was replaced" in finding


def test_a_reset_text_flag_is_kept_as_a_finding(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    db.execute("UPDATE identity SET text_covered = 0")
    [finding] = _only_anchor(_report(paths))  # found at once, read-only
    assert "the flag was reset outside the app" in finding
    Library.open(paths, write=True).close()  # and kept once a writer has seen it
    db.execute("UPDATE identity SET text_covered = 1")
    [finding] = _only_anchor(_report(paths))
    assert "the flag was reset outside the app" in finding


def test_a_rotated_backup_without_its_seal_or_unreadable_is_found(paths: LibraryPaths) -> None:
    rotate(paths, "daily")
    rotate(paths, "before-migration", now=lambda: datetime(2026, 12, 8, tzinfo=UTC))
    first, second = sorted(paths.backups.iterdir())
    for generation in (first, second):
        (generation / "manifest.json").chmod(0o600)
    body = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    del body["seal"]
    (first / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    (second / "manifest.json").write_text("{not json", encoding="utf-8")
    assert _problems(_report(paths)) == {
        "anchor": [
            f"the automatic backup {first.name}: its manifest has lost its seal",
            f"the automatic backup {second.name}: its manifest is missing or cannot be read; "
            "restore refuses it",
        ]
    }


def test_a_replaced_identity_and_a_deep_cut_are_found_after_the_next_open(
    paths: LibraryPaths, db: sqlite3.Connection
) -> None:
    _cut_to(db, paths, 2)  # below every head anchored or published: only the first entry is left
    db.execute("DELETE FROM notes WHERE id > 1")
    db.execute("UPDATE identity SET id = ?", ["0123456789abcdef0123456789abcdef"])
    Library.open(paths, write=True).close()
    [finding] = _only_anchor(_report(paths))
    assert "begins as the chain of the library" in finding


def test_a_restore_killed_before_the_aside_was_noted_leaves_the_aside_verifying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, backup = _without_letter(tmp_path)
    killed = RuntimeError("killed after the database was swapped in")

    def kill(*_args: object) -> None:
        raise killed

    with monkeypatch.context() as patch:
        patch.setattr("desktop_app.storage.restore._anchor", kill)
        with pytest.raises(RuntimeError):
            restore(paths, backup, replace=True)
    [aside] = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    Library.open(paths, write=True).close()  # the next open settles the restore
    assert _problems(_report(paths)) == {}
    assert _problems(_report(LibraryPaths(aside))) == {}
