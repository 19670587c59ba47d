"""Memo benchmark: our full memo path against reportlab alone setting the same story.

Usage: .venv/bin/python benchmarks/memo.py [--runs N]
Builds the sample library in a temporary folder, grows its first matter to 1,000 documents and
200 conditions (copies of the sample's own, renumbered), then times, alternating so noise hits
both alike: (a) ``memo_data.case_memo`` + ``render.build``; (b) the same flowables
(``render.story``) laid out by a plain ``SimpleDocTemplate`` with no page decoration, outline or
page total. Prints medians and the ratio (target <= 1.3x).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import SimpleDocTemplate

from desktop_app.core.models import MatterRecord
from desktop_app.paths import LibraryPaths
from desktop_app.reports import render
from desktop_app.reports.memo_data import case_memo
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.library import Library

AS_OF = date(2026, 12, 31)
DOCUMENTS, CONDITIONS = 1000, 200


def synthetic_record(folder: Path) -> tuple[MatterRecord, tuple[int, str]]:
    """The first sample matter grown to DOCUMENTS documents and CONDITIONS conditions."""
    library = Library.open(LibraryPaths(folder / "lib"), write=True)
    try:
        add_sample_matters(library)
        db = library.db
        record = queries.matter_record(db, queries.matter_by_number(db, "EC-2026-0001"))
        head = queries.audit_head(db)
    finally:
        library.close()
    docs = record.documents
    documents = tuple(
        replace(
            docs[i % len(docs)],
            id=i + 1,
            parent_id=None,
            sha256=f"{i:064x}",
            filename=f"{i:04d}-{docs[i % len(docs)].filename}",
        )
        for i in range(DOCUMENTS)
    )
    conds = record.decisions.conditions
    conditions = tuple(
        replace(conds[i % len(conds)], id=i + 1, number=str(i + 1)) for i in range(CONDITIONS)
    )
    grown = replace(
        record,
        documents=documents,
        decisions=replace(record.decisions, conditions=conditions),
    )
    return grown, head


def ours(record: MatterRecord, head: tuple[int, str]) -> float:
    """Seconds for the memo data plus our renderer."""
    start = time.perf_counter()
    memo = case_memo(record, AS_OF, head, "2026-12-31T12:00:00Z", None)
    render.build(memo, invariant=True)
    return time.perf_counter() - start


def plain(record: MatterRecord, head: tuple[int, str]) -> float:
    """Seconds for reportlab alone laying out the same story (data assembly not timed)."""
    memo = case_memo(record, AS_OF, head, "2026-12-31T12:00:00Z", None)
    start = time.perf_counter()
    flowables = render.story(memo)
    SimpleDocTemplate(io.BytesIO(), pagesize=LETTER, invariant=1).build(flowables)
    return time.perf_counter() - start


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        record, head = synthetic_record(Path(folder))
    ours(record, head)  # warm up: fonts, caches
    a, b = [], []
    for _ in range(runs):
        a.append(ours(record, head))
        b.append(plain(record, head))
    mine, base = statistics.median(a), statistics.median(b)
    print(f"reportlab alone (same story)  median {base * 1000:7.0f} ms   (runs: {runs})")
    print(f"case_memo + render.build      median {mine * 1000:7.0f} ms   ratio {mine / base:.2f}x")
    print("(target <= 1.3x)")


if __name__ == "__main__":
    main()
