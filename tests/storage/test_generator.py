"""The scale benchmark's library generator: deterministic from its seed, and a valid library."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import TINY, build
from desktop_app.storage import queries
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library


def _facts(root: Path) -> tuple[bool, tuple[int, ...], tuple[int, str]]:
    paths, seconds = build(7, TINY, root, say=lambda _line: None)
    assert seconds is not None
    library = Library.open(paths, write=False)
    try:
        report = verify_library(library)
        db = library.db
        counts = tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("matters", "documents", "conditions", "blobs", "audit")
        )
        return report.ok, counts, queries.audit_head(db)
    finally:
        library.close()


def test_same_seed_same_library_and_every_check_passes(tmp_path: Path) -> None:
    first = _facts(tmp_path / "a")
    assert first == _facts(tmp_path / "b")
    ok, (matters, documents, conditions, blobs, entries), _head = first
    assert ok  # audit chain, search index records, blob hashes: what verify checks
    assert matters == TINY.matters
    assert documents >= TINY.documents  # and the large scans
    assert conditions == TINY.conditions
    assert blobs == documents
    assert entries > matters + documents + conditions


def test_a_cached_library_is_reused(tmp_path: Path) -> None:
    paths, made = build(7, TINY, tmp_path, say=lambda _line: None)
    again, cached = build(7, TINY, tmp_path, say=lambda _line: None)
    assert made is not None
    assert cached is None
    assert again == paths
