"""Reading files for an import: the bytes are read here, the parsing happens in isolation.

Shared by the command line and the window (each composes it with the parsers it owns). With
several parsers (one child process each) files are read ahead in parallel while the caller
files the one before, in the order given.
"""

from __future__ import annotations

import os
import queue
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path

from desktop_app.core.correspondence import CorrespondenceService, Progress
from desktop_app.core.documents import FileOutcome, ParsedFile, Rejected
from desktop_app.ingest.isolated import FileParser, IsolatedParser
from desktop_app.ingest.parse import read_path
from desktop_app.ingest.references import find_references
from desktop_app.storage import queries
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

    def __call__(self, path: Path) -> Result:
        """Read one file; a folder, a vanished or unreadable file comes back refused."""
        loaded = read_path(path)
        if isinstance(loaded, Rejected):
            return loaded
        parser = self._free.get()
        try:
            return parser.parse(path.name, loaded)
        finally:
            self._free.put(parser)

    def read_each(self, paths: list[Path]) -> Iterator[Result]:
        """Read ``paths`` in order, working ahead of the caller with every parser."""
        width = len(self._parsers)
        with ThreadPoolExecutor(max_workers=width, thread_name_prefix="read-ahead") as pool:
            upcoming = iter(paths)
            window: deque[Future[Result]] = deque(
                pool.submit(self, path) for path in islice(upcoming, width)
            )
            while window:
                result = window.popleft().result()
                following = next(upcoming, None)
                if following is not None:
                    window.append(pool.submit(self, following))
                yield result

    def close(self) -> None:
        """Stop every parser."""
        for parser in self._parsers:
            parser.close()

    def __enter__(self) -> FileReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def import_files(
    library: Library, matter_number: str, paths: list[Path], actor: str, progress: Progress
) -> list[FileOutcome]:
    """File ``paths`` on a matter with isolated readers: the command line's `import`."""
    matter = queries.matter_by_number(library.db, matter_number)
    service = CorrespondenceService(library, library.blobs, actor, find_refs=find_references)
    with FileReader.isolated() as reader:
        return service.import_paths(matter.id, paths, reader, progress=progress)
