"""Reading files for an import: each file is copied and parsed in isolation, never held here.

Shared by the command line and the window (each composes it with the parsers it owns). Each
reader copies its file into the library's staging folder and parses the copy; the blob store
then moves the copy into place, so no file is ever whole in this process's memory. With several
parsers (one child process each) files are read ahead in parallel while the caller files the
one before, in the order given. Copies that were not filed (a refused file's reader crashed,
an import stopped) are removed here once the caller moves on.
"""

from __future__ import annotations

import os
import queue
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path

from desktop_app.core.correspondence import AS_PARSED, CorrespondenceService, Progress
from desktop_app.core.documents import FileOutcome, Filing, ParsedFile, Rejected, Staged
from desktop_app.ingest.isolated import FileParser, IsolatedParser
from desktop_app.ingest.references import find_references
from desktop_app.ingest.staging import part_name
from desktop_app.ingest.storable import clean_name
from desktop_app.storage.library import Library

Result = ParsedFile | Rejected


def reader_count() -> int:
    """How many reader processes to run: one per core, at most two.

    Beyond two the filing itself is the limit, and each reader holds a file in memory.
    """
    return max(1, min(2, os.cpu_count() or 1))


class FileReader:
    """A `core.correspondence.ReadAhead`: a path in, a parsed or refused file out."""

    def __init__(self, parsers: Sequence[FileParser]) -> None:
        self._parsers = list(parsers)
        self._free: queue.Queue[FileParser] = queue.Queue()
        for parser in self._parsers:
            self._free.put(parser)

    @classmethod
    def isolated(cls) -> FileReader:
        """A reader with one isolated parser process per core (started on first use)."""
        return cls([IsolatedParser() for _ in range(reader_count())])

    def __call__(self, path: Path, staging: Path) -> Result:
        """Read one file through a copy in ``staging``; what cannot be read comes back refused."""
        parser = self._free.get()
        try:
            return parser.read(path, part_name(staging), clean_name(path.name))
        finally:
            self._free.put(parser)

    def read_each(self, paths: list[Path], staging: Path) -> Iterator[Result]:
        """Read ``paths`` in order, working ahead of the caller with every parser."""
        width = len(self._parsers)
        with ThreadPoolExecutor(max_workers=width, thread_name_prefix="read-ahead") as pool:
            upcoming = iter(paths)
            window: deque[Future[Result]] = deque(
                pool.submit(self, path, staging) for path in islice(upcoming, width)
            )
            current: Result | None = None
            try:
                while window:
                    current = window.popleft().result()
                    following = next(upcoming, None)
                    if following is not None:
                        window.append(pool.submit(self, following, staging))
                    yield current
                    remove_copies(current)
                    current = None
            finally:
                if current is not None:  # the caller stopped while filing it
                    remove_copies(current)
                for pending in window:
                    remove_copies(pending.result())

    def close(self) -> None:
        """Stop every parser."""
        for parser in self._parsers:
            parser.close()

    def __enter__(self) -> FileReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def remove_copies(result: Result) -> None:
    """Remove a result's copies from staging that were not moved into the store."""
    for staged in _copies(result):
        Path(staged.path).unlink(missing_ok=True)


def _copies(result: Result | ParsedFile) -> Iterator[Staged]:
    if result.staged is not None:
        yield result.staged
    if isinstance(result, ParsedFile):
        for child in result.children:
            yield from _copies(child)


def import_files(
    library: Library,
    matter_number: str,
    paths: list[Path],
    actor: str,
    progress: Progress,
    *,
    filing: Filing = AS_PARSED,
) -> list[FileOutcome]:
    """File ``paths`` on a matter with isolated readers: the command line's `import`.

    ``filing`` says how (the direction counsel give, which their attachments share).
    """
    matter = library.reads.matter(matter_number)
    service = CorrespondenceService(library, library.blobs, actor, find_refs=find_references)
    with FileReader.isolated() as reader:
        return service.import_paths(matter.id, paths, reader, progress=progress, filing=filing)
