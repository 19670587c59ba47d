"""New originals are announced in staging/, so a filing that never commits leaves no bytes."""

from __future__ import annotations

import hashlib
import stat

import pytest

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import ParsedFile
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library

DATA = b"Illustrative letter bytes that were never filed."
SHA = hashlib.sha256(DATA).hexdigest()


def _blob_files(paths: LibraryPaths) -> set[str]:
    return {p.name for p in paths.blobs.rglob("*") if p.is_file()}


def test_a_rolled_back_transaction_takes_its_new_blobs_with_it(library: Library) -> None:
    def failing_filing() -> None:
        with library.transaction("test"):
            library.blobs.put(DATA)
            raise RuntimeError("the filing fails before its commit")

    with pytest.raises(RuntimeError):
        failing_filing()
    assert SHA not in _blob_files(library.paths)
    assert list(library.paths.staging.iterdir()) == []


def test_a_committed_filing_keeps_its_blob_and_drops_its_marker(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Markers", MatterKind.INTERNAL_REVIEW)).record
    documents = CorrespondenceService(library, library.blobs, "test")
    outcome = documents.file(matter.id, "a.txt", ParsedFile("a.txt", "text/plain", DATA, "x"))
    assert outcome.sha256 == SHA
    assert SHA in _blob_files(library.paths)
    assert list(library.paths.staging.iterdir()) == []


def test_opening_removes_announced_blobs_no_row_names(paths: LibraryPaths) -> None:
    library = Library.open(paths, write=True)
    library.blobs.put(DATA)  # announced, never committed: as if the process died here
    kept = library.blobs.put(b"named")
    with library.transaction("test") as tx:
        tx.record_blob(kept)
    (paths.staging / f"{kept.sha256}.pending").touch()  # died between COMMIT and settling
    library.close()
    reopened = Library.open(paths, write=True)
    try:
        assert _blob_files(paths) == {kept.sha256}
        assert list(paths.staging.iterdir()) == []
    finally:
        reopened.close()


def test_a_damaged_leftover_is_replaced_not_adopted(library: Library) -> None:
    library.blobs.put(DATA)
    target = library.blobs.path(SHA)
    target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    target.write_bytes(b"X" * len(DATA))  # same size, other bytes
    library.blobs.put(DATA)
    assert target.read_bytes() == DATA


def test_a_restored_original_survives_a_later_rollback(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Markers", MatterKind.INTERNAL_REVIEW)).record
    documents = CorrespondenceService(library, library.blobs, "test")
    parsed = ParsedFile("a.txt", "text/plain", DATA, "x")
    documents.file(matter.id, "a.txt", parsed)
    target = library.blobs.path(SHA)
    target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    target.unlink()  # the original went missing; filing it again puts it back
    assert documents.file(matter.id, "a.txt", parsed).outcome.value == "duplicate"

    def unrelated_failure() -> None:
        with library.transaction("test"):
            raise RuntimeError("some other operation fails")

    with pytest.raises(RuntimeError):
        unrelated_failure()
    assert target.read_bytes() == DATA
    library.close()
    reopened = Library.open(library.paths, write=True)  # the marker is settled at open
    try:
        assert target.read_bytes() == DATA
        assert list(library.paths.staging.iterdir()) == []
    finally:
        reopened.close()
