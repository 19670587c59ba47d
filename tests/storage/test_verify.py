"""``verify``: clean on the sample library, and every kind of damage named so a person can act.

Each test works on its own copy of one sample library; the damage is done the way someone going
behind the app's back would do it: plain sqlite3 on the file, or the blob files themselves.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import sqlite3
import stat
from dataclasses import asdict, astuple, replace
from pathlib import Path

import pytest

from desktop_app.core.integrity import VerifyReport, report_lines, report_plain
from desktop_app.core.models import AuditEntry
from desktop_app.errors import LibraryError
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import audit
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sample library, made once for the module."""
    root = tmp_path_factory.mktemp("sample") / "library"
    library = Library.open(LibraryPaths(root), write=True)
    try:
        add_sample_matters(library)
    finally:
        library.close()
    return root


@pytest.fixture
def lib(sample_dir: Path, tmp_path: Path) -> LibraryPaths:
    """A private copy of the sample library."""
    root = tmp_path / "copy"
    shutil.copytree(sample_dir, root)
    return LibraryPaths(root)


def verify(paths: LibraryPaths) -> VerifyReport:
    """Verify the library read-only, as the command does."""
    library = Library.open(paths, write=False)
    try:
        return verify_library(library)
    finally:
        library.close()


def raw(paths: LibraryPaths, *statements: str) -> None:
    """Change the library file with plain sqlite3, behind the app's back."""
    conn = sqlite3.connect(paths.database, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def query(paths: LibraryPaths, sql: str) -> list[tuple[object, ...]]:
    """Read rows with plain sqlite3."""
    conn = sqlite3.connect(paths.database)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def lines(report: VerifyReport, check: str) -> list[str]:
    """The problem lines of one check."""
    found = next(c for c in report.checks if c.name == check)
    return [p.line() for p in found.problems]


def writable(path: Path) -> Path:
    """Make a (read-only) blob file writable so it can be damaged."""
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return path


def document_blob(paths: LibraryPaths, document_id: int) -> tuple[str, str, Path]:
    """A document's filename, its matter's number, and its blob file."""
    [(filename, number, sha256)] = query(
        paths,
        "SELECT d.filename, m.number, d.sha256 FROM documents d JOIN matters m"
        f" ON m.id = d.matter_id WHERE d.id = {document_id}",
    )
    sha = str(sha256)
    return str(filename), str(number), paths.blobs / sha[:2] / sha[2:4] / sha


def test_the_sample_library_verifies_clean(lib: LibraryPaths) -> None:
    calls: list[tuple[int, int, str]] = []
    library = Library.open(lib, write=False)
    try:
        report = verify_library(
            library, lambda done, total, what: calls.append((done, total, what))
        )
    finally:
        library.close()
    assert report.ok, report_lines(report)
    [(documents,)] = query(lib, "SELECT count(*) FROM documents")
    [(entries,)] = query(lib, "SELECT count(*) FROM audit")
    assert (report.figures.documents, report.figures.audit_entries) == (documents, entries)
    assert report.figures.blob_bytes > 0
    assert report_lines(report)[-1] == (
        f"Library verified: {documents} documents, {entries} audit entries, 0 problems"
    )
    assert calls
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(calls))
    assert calls[-1][0] == calls[-1][1]
    plain = report_plain(report)
    assert plain["ok"] is True
    assert json.loads(json.dumps(plain)) == plain


def test_verify_never_writes_the_library_file(lib: LibraryPaths) -> None:
    before = hashlib.sha256(lib.database.read_bytes()).hexdigest()
    raw(lib, "UPDATE parties SET country = 'FR' WHERE id = 1")
    changed = hashlib.sha256(lib.database.read_bytes()).hexdigest()
    assert changed != before
    assert not verify(lib).ok
    assert hashlib.sha256(lib.database.read_bytes()).hexdigest() == changed


def test_an_edited_audit_entry_is_named_by_its_seq(lib: LibraryPaths) -> None:
    raw(lib, "UPDATE audit SET after = replace(after, '\"name\"', '\"nom\"') WHERE seq = 7")
    report = verify(lib)
    assert not report.ok
    chain = lines(report, "audit_chain")
    assert chain[0].startswith("audit chain: audit entry 7: its content does not match its hash")
    assert "first break" in chain[0]
    problem = next(c for c in report.checks if c.name == "audit_chain").problems[0]
    assert problem.seq == 7


@pytest.mark.parametrize("column", ["actor", "at", "prev_hash", "hash", "entity_id"])
def test_any_edited_audit_column_breaks_the_chain_there(lib: LibraryPaths, column: str) -> None:
    value = "990" if column == "entity_id" else "'forged'"
    raw(lib, f"UPDATE audit SET {column} = {value} WHERE seq = 12")
    chain = next(c for c in verify(lib).checks if c.name == "audit_chain")
    assert chain.problems[0].seq == 12


def test_a_deleted_audit_entry_is_named(lib: LibraryPaths) -> None:
    raw(lib, "DELETE FROM audit WHERE seq = 20")
    chain = lines(verify(lib), "audit_chain")
    assert chain[0].startswith("audit chain: audit entry 21: expected entry 20 here")


def test_a_rehashed_forged_tail_entry_is_caught_by_the_records(lib: LibraryPaths) -> None:
    [(last, prev)] = query(lib, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    [(party, before)] = query(
        lib,
        "SELECT entity_id, after FROM audit WHERE entity = 'parties' AND entity_id = "
        "(SELECT min(id) FROM parties) ORDER BY seq DESC LIMIT 1",
    )
    seq = int(str(last)) + 1
    forged = AuditEntry(
        seq, "2026-11-27T00:00:00", "mallory", "delete", "parties", int(str(party)), 1,
        str(before), None, str(prev), "",
    )  # fmt: skip
    forged = replace(forged, hash=audit.entry_hash(asdict(forged)))
    conn = sqlite3.connect(lib.database, isolation_level=None)
    try:
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", astuple(forged))
    finally:
        conn.close()
    report = verify(lib)
    assert not report.ok
    expected = f"parties {party} on EC-2026-0001: is present, but audit entry {seq} deleted it"
    assert any(expected in line for line in lines(report, "records"))
    assert lines(report, "audit_chain") == []


def test_a_flipped_blob_byte_names_the_document_and_matter(lib: LibraryPaths) -> None:
    filename, number, blob = document_blob(lib, 1)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    writable(blob).write_bytes(bytes(data))
    report = verify(lib)
    [line] = lines(report, "blobs")
    assert f"document 1 {filename!r} on {number}" in line
    assert "do not match their SHA-256, MD5" in line
    problem = next(c for c in report.checks if c.name == "blobs").problems[0]
    assert problem.matters == (number,)


def test_a_missing_blob_file_is_named(lib: LibraryPaths) -> None:
    filename, number, blob = document_blob(lib, 2)
    writable(blob).unlink()
    [line] = lines(verify(lib), "blobs")
    assert f"document 2 {filename!r} on {number}" in line
    assert "missing from blobs/" in line


def test_a_truncated_blob_is_named_by_its_size_too(lib: LibraryPaths) -> None:
    _filename, _number, blob = document_blob(lib, 3)
    writable(blob).write_bytes(blob.read_bytes()[:-1])
    [line] = lines(verify(lib), "blobs")
    assert "SHA-256, MD5, size" in line


def test_stray_files_in_staging_and_blobs_are_named(lib: LibraryPaths) -> None:
    (lib.staging / "notes.txt").write_bytes(b"put there by hand")
    (lib.blobs / "ab").mkdir(exist_ok=True)
    (lib.blobs / "ab" / "stray.bin").write_bytes(b"x")
    stray = lines(verify(lib), "stray_files")
    assert any("staging/notes.txt" in s for s in stray)
    assert any("blobs/ab/stray.bin" in s for s in stray)
    assert all("move it out" not in s for s in stray if "staging/notes.txt" in s)


def test_an_import_in_flight_is_not_reported_as_strays(lib: LibraryPaths) -> None:
    """An original written, its row not yet committed: verify must not advise removing it."""
    sha256 = "cd" * 32
    (lib.staging / f"{sha256}.pending").write_bytes(b"")
    (lib.staging / "0123abcd.part").write_bytes(b"half of the next one")
    fan_out = lib.blobs / sha256[:2] / sha256[2:4]
    fan_out.mkdir(parents=True, exist_ok=True)
    (fan_out / sha256).write_bytes(b"an original about to be filed")
    assert lines(verify(lib), "stray_files") == []


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("UPDATE parties SET country = 'FR' WHERE id = 2", "parties 2 on EC-2026-0001: differs"),
        ("UPDATE items SET eccn = '5A992' WHERE id = 1", "items 1 on EC-2026-0001: differs"),
        ("DELETE FROM notes WHERE id = 1", "notes 1 on EC-2026-0001: is missing"),
        (
            "INSERT INTO notes (matter_id, text, author, created_at) "
            "VALUES (2, 'slipped in', 'x', '2026-11-27')",
            "has no audit entry",
        ),
        ("UPDATE matters SET title = title || '!' WHERE id = 3", "matters 3 on EC-2026-0003"),
    ],
)
def test_data_rows_changed_behind_the_apps_back_are_named(
    lib: LibraryPaths, sql: str, expected: str
) -> None:
    raw(lib, sql)
    report = verify(lib)
    assert not report.ok
    assert any(expected in line for line in lines(report, "records")), lines(report, "records")
    assert lines(report, "audit_chain") == []


def test_a_row_whose_parent_is_gone_fails_the_foreign_key_check(lib: LibraryPaths) -> None:
    raw(lib, "PRAGMA foreign_keys = OFF", "DELETE FROM matters WHERE id = 3")
    report = verify(lib)
    assert any("matter_id names a row of matters" in s for s in lines(report, "foreign_keys"))


def test_a_library_that_cannot_be_opened_is_an_error(tmp_path: Path) -> None:
    paths = LibraryPaths(tmp_path / "junk")
    paths.root.mkdir()
    paths.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError) as caught:
        verify(paths)
    assert caught.value.exit_code == 3


@pytest.fixture
def report(lib: LibraryPaths) -> VerifyReport:
    """A report with problems of two kinds."""
    raw(lib, "UPDATE audit SET actor = 'x' WHERE seq = 3", "DELETE FROM notes WHERE id = 1")
    return verify(lib)


def test_the_report_counts_problems_and_says_so(report: VerifyReport) -> None:
    text = report_lines(report)
    assert text[-1].endswith(f"audit entries, {report.problem_count} problems")
    assert report.problem_count == 2
    plain = report_plain(report)
    assert plain["ok"] is False
    failing = [c["name"] for c in plain["checks"] if not c["ok"]]
    assert failing == ["audit_chain", "records"]
