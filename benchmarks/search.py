"""Search benchmark: query time on a library of many documents, against a raw FTS5 MATCH.

Usage: .venv/bin/python benchmarks/search.py [--documents N] [--queries N] [--keep DIR]
Fills a temporary library with N synthetic text documents (words drawn from a Zipf-like
vocabulary, through the same unit of work the app uses, so the index is the app's own), then
times each query through `storage.search.search` and the same words as a bare FTS5 MATCH on the
same index (ranked, first 50 rows), and prints the 50th/95th percentiles and their ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from desktop_app.core.documents import Blob, Document
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.search_query import parse_query
from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library
from desktop_app.storage.search import search
from desktop_app.storage.search_index import WORDS

SYLLABLES = ["ka", "ro", "mi", "tel", "sun", "dar", "vo", "lin", "esk", "por", "qui", "zan"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct made-up words."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(words)


def fill(library: Library, documents: int, words: list[str], rng: random.Random) -> None:
    """Add ``documents`` documents of about 80 words each to one matter."""
    weights = [1 / (rank + 1) for rank in range(len(words))]
    with library.transaction("bench") as tx:
        matter = tx.insert(Matter("Benchmark", MatterKind.INTERNAL_REVIEW, number="EC-2026-9999"))
        for n in range(documents):
            text = " ".join(rng.choices(words, weights, k=80))
            digest = f"{n:064x}"
            tx.record_blob(Blob(digest, digest[:32], len(text)))
            title = " ".join(rng.choices(words, weights, k=6))
            document = Document(
                matter.id, digest, f"doc{n}.txt", "text/plain", len(text), title=title
            )
            document = tx.insert(document)
            tx.set_document_text(document.id, text)


def rows(library: Library, sql: str, match: str) -> list[object]:
    """The rows of a bare FTS5 query."""
    return list(library.db.execute(sql, [match]).fetchall())


def timed(run: Callable[[], object]) -> float:
    """Milliseconds ``run()`` takes."""
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Build the library, run the queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library here")
    args = parser.parse_args()
    rng = random.Random(2026)  # noqa: S311 - reproducible test data, not secrets
    words = vocabulary(20_000, rng)
    root = args.keep or Path(tempfile.mkdtemp(prefix="cd-search-bench-"))
    paths = LibraryPaths(root / "lib")
    fresh = not paths.database.exists()
    library = Library.open(paths, write=True)
    if fresh:
        started = time.perf_counter()
        fill(library, args.documents, words, rng)
        print(f"filled {args.documents:,} documents in {time.perf_counter() - started:.0f} s")
    sql = f"SELECT rowid FROM [{WORDS}] WHERE [{WORDS}] MATCH ? ORDER BY rank LIMIT 50"  # noqa: S608
    ours, raw, literal = [], [], []
    for _ in range(args.queries):
        text = " ".join(rng.choices(words[:5000], k=rng.choice((1, 1, 2))))
        fts = " AND ".join(f'"{w}"' for w in text.split())
        raw.append(timed(partial(rows, library, sql, fts)))
        ours.append(timed(partial(search, library.db, parse_query(text))))
        literal.append(timed(partial(search, library.db, parse_query(text), literal=True)))
    library.close()
    figures = (("search()", ours), ("raw FTS5 MATCH", raw), ("literal search()", literal))
    for name, times in figures:
        q = statistics.quantiles(times, n=100)
        print(f"{name:<17} p50 {q[49]:7.2f} ms   p95 {q[94]:7.2f} ms   max {max(times):7.2f} ms")
    p95_ours, p95_raw = statistics.quantiles(ours, n=100)[94], statistics.quantiles(raw, n=100)[94]
    print(f"p95 ratio {p95_ours / p95_raw:.2f}x (targets: p95 <= 50 ms, ratio <= 1.5x)")


if __name__ == "__main__":
    main()
