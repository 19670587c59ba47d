"""The interface the import service uses, and the in-process implementation of it.

`IsolatedParser` (in `isolated`) is the one to use for imports; `InProcessParser` and
`parse_in_process` are the fallback when isolation is turned off (tests, tools, a platform
where a child process cannot start): the same results, without the hard per-file timeout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.child import parse_staged
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import DEFAULT_LIMITS, parse_bytes
from desktop_app.ingest.staging import NotReadError, stage_copy


class FileParser(Protocol):
    """What the import service needs: read one file, and close when done."""

    def read(self, source: Path, copy: Path, filename: str) -> ParsedFile | Rejected:
        """Copy ``source`` to ``copy`` (in staging) and parse the copy; never raises."""

    def close(self) -> None:
        """Release whatever the parser holds."""


def parse_in_process(
    filename: str, data: bytes, limits: Limits = DEFAULT_LIMITS
) -> ParsedFile | Rejected:
    """Parse in this process (no hard timeout): the fallback when isolation is disabled."""
    return parse_bytes(filename, data, limits)


class InProcessParser:
    """A `FileParser` that parses in the calling thread."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        """A parser with these limits."""
        self.limits = limits

    def parse(self, filename: str, data: bytes) -> ParsedFile | Rejected:
        """Read one file's bytes in this process."""
        return parse_in_process(filename, data, self.limits)

    def read(self, source: Path, copy: Path, filename: str) -> ParsedFile | Rejected:
        """Copy ``source`` into staging and parse the copy, in this process."""
        try:
            staged = stage_copy(source, copy)
        except NotReadError as error:
            return Rejected(filename, error.reason, not_read=True, store_failed=error.store_failed)
        return parse_staged(filename, staged, self.limits, parse_bytes)

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> InProcessParser:
        """Use as a context manager."""
        return self

    def __exit__(self, *_: object) -> None:
        """Nothing to stop."""
        self.close()
