"""The entry points: bytes or a path in, a `ParsedFile` or a `Rejected` out, never an exception.

`parse_bytes` sniffs the content, hands it to the matching reader, and turns every way a read
can fail into a `Rejected` that carries the bytes (so the caller can quarantine them) and a
reason a person can read. Attachments inside emails go through the same dispatcher; one that
cannot be read is kept with a note rather than losing the email, while a limit crossed anywhere
in the file quarantines the whole file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.html_text import html_to_text
from desktop_app.ingest.limits import Budget, LimitExceeded, Limits
from desktop_app.ingest.sniff import Kind, guess_media_type, media_type, sniff
from desktop_app.ingest.storable import clean_name, storable
from desktop_app.ingest.text import cut_text, decode_text, read_text

if TYPE_CHECKING:
    from desktop_app.ingest.eml import ChildParser

DEFAULT_LIMITS = Limits()
EMPTY_REASON = "empty file: 0 bytes"


def parse_bytes(
    filename: str, data: bytes, limits: Limits = DEFAULT_LIMITS
) -> ParsedFile | Rejected:
    """Read one file's bytes; ``filename`` is metadata only and never opened."""
    return storable(_parse(filename, data, limits))


def _parse(filename: str, data: bytes, limits: Limits) -> ParsedFile | Rejected:
    """`parse_bytes` before its strings are made storable."""
    if not data:
        return Rejected(filename, EMPTY_REASON, data)
    budget = Budget(limits)
    kind = Kind.OTHER
    try:
        kind = sniff(filename, data)
        return read_as(kind, filename, data, declared="", budget=budget, depth=0)
    except LimitExceeded as error:
        return Rejected(filename, error.reason, data)
    except RecursionError:
        return Rejected(filename, f"nested too deeply to read as {kind.value}", data)
    except MemoryError:
        return Rejected(filename, f"too large to read as {kind.value} in memory", data)
    except Exception as error:  # every failure ends as a quarantine
        return Rejected(filename, f"could not be read as {kind.value}: {short_error(error)}", data)


def parse_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParsedFile | Rejected:
    """Read a file from disk and parse it in this process; see `read_path` for what is refused.

    The `ParsedFile`'s filename is ``path.name`` exactly, kept as metadata only.
    """
    loaded = read_path(path)
    if isinstance(loaded, Rejected):
        return loaded
    return parse_bytes(clean_name(path.name), loaded, limits)


def read_path(path: Path) -> bytes | Rejected:
    """The bytes of a regular file, or a `Rejected` (without data) saying why there are none.

    Folders, devices, pipes and sockets are refused without being opened (reading a pipe
    could block forever); a missing, vanished or unreadable file gets the OS's reason.
    """
    name = clean_name(path.name)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return Rejected(name, "is a folder", not_read=True)
        if not stat.S_ISREG(info.st_mode):
            return Rejected(name, "is not a regular file (a device, pipe or socket)", not_read=True)
        return path.read_bytes()
    except OSError as error:
        return Rejected(name, os_reason(error), not_read=True)


def os_reason(error: OSError) -> str:
    """A person's reason for an OS error: "could not be read: permission denied"."""
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    if isinstance(error, FileNotFoundError):
        return "could not be read: there is no such file (it may have been moved or deleted)"
    if isinstance(error, PermissionError):
        return "could not be read: permission denied"
    if error.errno == errno.ELOOP:
        return "could not be read: a symbolic link loops"
    why = error.strerror or type(error).__name__
    return f"could not be read: {why[:1].lower()}{why[1:]}"


def read_as(
    kind: Kind, filename: str, data: bytes, *, declared: str, budget: Budget, depth: int
) -> ParsedFile:
    """Read ``data`` with the reader for ``kind``; raises whatever that reader raises."""
    media = media_type(kind, filename, declared)
    # The readers load their libraries (email, extract-msg, pypdf) on first use, so importing
    # this module stays cheap for the window and the import's parent process.
    if kind is Kind.EMAIL:
        from desktop_app.ingest.eml import parse_email  # noqa: PLC0415

        return parse_email(filename, data, budget, depth, _child_parser(budget))
    if kind is Kind.MSG:
        from desktop_app.ingest.msg import parse_msg  # noqa: PLC0415

        return parse_msg(filename, data, budget, depth, _child_parser(budget))
    reader = _simple_reader(kind)
    if reader is None:
        return ParsedFile(filename, media, data)
    return reader(filename, data, budget, media)


def _read_text(filename: str, data: bytes, budget: Budget, media: str) -> ParsedFile:
    """A plain-text file's `ParsedFile`."""
    text, notes = read_text(data, budget)
    return ParsedFile(filename, media, data, text=text, notes=notes)


def _read_html(filename: str, data: bytes, budget: Budget, media: str) -> ParsedFile:
    """An HTML file's `ParsedFile`, its text sanitized."""
    budget.check_size(len(data))
    notes: list[str] = []
    text = cut_text(html_to_text(decode_text(data)[0]), budget, notes)
    return ParsedFile(filename, media, data, text=text, notes=tuple(notes))


SimpleReader = Callable[[str, bytes, Budget, str], ParsedFile]


def _simple_reader(kind: Kind) -> SimpleReader | None:
    """The reader for a kind without attachments, loading its library on first use."""
    if kind is Kind.PDF:
        from desktop_app.ingest.pdf import parse_pdf  # noqa: PLC0415

        return parse_pdf
    if kind is Kind.DOCX:
        from desktop_app.ingest.docx import parse_docx  # noqa: PLC0415

        return parse_docx
    return {Kind.TEXT: _read_text, Kind.HTML: _read_html}.get(kind)


def _child_parser(budget: Budget) -> ChildParser:
    """Reads an attachment: unreadable ones are kept with a note, limits still propagate."""

    def parse_child(filename: str, data: bytes, declared: str, depth: int) -> ParsedFile:
        """Read one attachment of an email at ``depth``."""
        if not data:
            return ParsedFile(
                filename, guess_media_type(filename, declared), data, notes=("empty: 0 bytes",)
            )
        kind = Kind.OTHER
        try:
            kind = sniff(filename, data, declared)
            return read_as(kind, filename, data, declared=declared, budget=budget, depth=depth)
        except (LimitExceeded, RecursionError, MemoryError):
            raise
        except Exception as error:  # a bad attachment must not lose its email
            note = f"could not be read as {kind.value}: {short_error(error)}"
            return ParsedFile(filename, media_type(kind, filename, declared), data, notes=(note,))

    return parse_child


def short_error(error: BaseException) -> str:
    """``ExceptionType: first 120 characters of the message`` on one line."""
    message = " ".join(str(error).split())
    name = type(error).__name__
    return f"{name}: {message[:120]}" if message else name
