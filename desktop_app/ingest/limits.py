"""The limits every parse stays within, and the budget that enforces them.

The threat: docs/reliability.md T21.

One `Budget` is made per top-level file and shared by everything read out of it: the parts of an
email, its attachments, the emails inside it. Crossing a limit raises `LimitExceeded`, which the
dispatcher turns into a quarantine with the reason a person reads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

MIB = 1024**2
GIB = 1024**3


@dataclass(frozen=True)
class Limits:
    """How far a parse may go before the file is quarantined instead of read."""

    max_depth: int = 20
    max_parts: int = 10_000
    max_decompressed: int = GIB
    seconds_per_file: float = 30.0
    max_pdf_pages: int = 2000
    max_text_chars: int = 5_000_000
    max_read: int = 256_000_000
    """Larger files are kept as originals, unread: reading them would pass ``reader_memory``."""
    reader_memory: int = 3 * GIB
    """The reader process's hard address-space limit: the ceiling of its memory."""


class LimitExceeded(Exception):  # noqa: N818 - the name the brief and callers use
    """A file crossed one of the `Limits`; ``reason`` is written for a person."""

    def __init__(self, reason: str) -> None:
        """An exception carrying ``reason``."""
        super().__init__(reason)
        self.reason = reason


def nesting_reason(limits: Limits, what: str) -> str:
    """The reason given for a file nested past ``max_depth``."""
    return f"nested too deeply: {what} more than {limits.max_depth} levels deep"


def size_text(size: int) -> str:
    """A byte count as a person reads it: ``512 bytes``, ``3.2 MB``, ``1.0 GiB``."""
    if size >= GIB:
        return f"{size / GIB:.1f} GiB"
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.1f} kB"
    return f"{size} bytes"


@dataclass
class Budget:
    """What one top-level file has used so far: parts, decompressed bytes, time.

    ``soft_deadline`` is the share of ``seconds_per_file`` after which slow readers (PDF text)
    stop early and keep what they have, so that the hard timeout of the isolated reader is only
    reached by a reader that is truly stuck.
    """

    limits: Limits = field(default_factory=Limits)
    parts: int = 0
    decompressed: int = 0
    started: float = field(default_factory=time.monotonic)

    def add_part(self, count: int = 1) -> None:
        """Count MIME parts or attachments; past ``max_parts`` the file is refused."""
        self.parts += count
        if self.parts > self.limits.max_parts:
            raise LimitExceeded(f"too many parts: more than {self.limits.max_parts:,}")

    def add_bytes(self, size: int) -> None:
        """Count bytes produced by decoding or decompressing; past the limit the file is refused."""
        self.decompressed += size
        if self.decompressed > self.limits.max_decompressed:
            limit = size_text(self.limits.max_decompressed)
            raise LimitExceeded(f"too large: expands to more than {limit} when decoded")

    def check_depth(self, depth: int, what: str = "attached messages") -> None:
        """Refuse a container nested deeper than ``max_depth``."""
        if depth > self.limits.max_depth:
            raise LimitExceeded(nesting_reason(self.limits, what))

    def check_size(self, size: int) -> None:
        """Refuse to parse an input larger than ``max_decompressed`` (it is still kept)."""
        if size > self.limits.max_decompressed:
            raise LimitExceeded(
                f"too large to read: {size_text(size)} (the limit is "
                f"{size_text(self.limits.max_decompressed)})"
            )

    def elapsed(self) -> float:
        """Seconds since this file's parse began."""
        return time.monotonic() - self.started

    def past_soft_deadline(self) -> bool:
        """True once three quarters of ``seconds_per_file`` are spent."""
        return self.elapsed() > 0.75 * self.limits.seconds_per_file

    def check_time(self) -> None:
        """Refuse the file once its whole ``seconds_per_file`` is spent."""
        if self.elapsed() > self.limits.seconds_per_file:
            raise LimitExceeded(f"took longer than {self.limits.seconds_per_file:.0f} s to read")
