"""The interface the import service uses, and the in-process implementation of it.

`IsolatedParser` (in `isolated`) is the one to use for imports; `InProcessParser` and
`parse_in_process` are the fallback when isolation is turned off (tests, tools, a platform
where a child process cannot start): the same results, without the hard per-file timeout.
"""

from __future__ import annotations

from typing import Protocol

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import DEFAULT_LIMITS, parse_bytes


class FileParser(Protocol):
    """What the import service needs: parse one file, and close when done."""

    def parse(self, filename: str, data: bytes) -> ParsedFile | Rejected:
        """Read one file's bytes; never raises for a bad file."""

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

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> InProcessParser:
        """Use as a context manager."""
        return self

    def __exit__(self, *_: object) -> None:
        """Nothing to stop."""
        self.close()
