"""Correspondence: documents filed on a matter, and what parsing a file yields.

A `Document` is the record of one original (an email, a letter, an attachment split out of an
email) whose bytes live in the blob store under their SHA-256. Children point at their parent,
so an email and its attachments stay one family (e-discovery practice). A `ParsedFile` is what
the ingest layer makes of a file before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.enums import LabeledEnum


class DocumentKind(LabeledEnum):
    """What a document is to the matter."""

    EMAIL = "email"
    LETTER = "letter"
    LICENSE = "license"
    APPLICATION = "application"
    MEMO = "memo"
    EVIDENCE = "evidence"
    ATTACHMENT = "attachment"
    OTHER = "other"


class Direction(LabeledEnum):
    """Which way a document travelled."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    INTERNAL = "internal"
    UNKNOWN = "unknown"


class Outcome(LabeledEnum):
    """What became of one file handed to an import."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    FAILED = "failed"
    NOT_READ = "not_read"
    """Nothing stored: the path does not exist, or is a link in a folder, a FIFO, a device…"""


@dataclass(frozen=True)
class EmailHeaders:
    """The headers of an email as parsed; addresses as written ("Name <a@b>")."""

    sender: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    date: str = ""
    subject: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Staged:
    """An original copied into the library's staging folder, hashed while it was copied.

    The reader never hands the bytes of a large file across a pipe: it copies them once into
    ``path`` (a ``.part`` file in ``staging/``) and the blob store moves that copy into place,
    checking it still has ``sha256``.
    """

    path: str
    sha256: str
    md5: str
    size: int


@dataclass(frozen=True)
class ParsedFile:
    """One file (or one part of an email) as the ingest layer read it.

    ``data`` is exactly the bytes of the original, or b"" when they are ``staged`` on disk
    instead; ``text`` is derived from it for reading and search ("" when the type has no
    text); ``date`` is ISO 8601 with its offset, or "".
    """

    filename: str
    media_type: str
    data: bytes
    text: str = ""
    date: str = ""
    email: EmailHeaders | None = None
    children: tuple[ParsedFile, ...] = ()
    notes: tuple[str, ...] = ()
    staged: Staged | None = None


@dataclass(frozen=True)
class Rejected:
    """A file the ingest layer would not accept, with a reason a person can read.

    Its bytes (``data``, or ``staged`` on disk) are quarantined; ``not_read`` means there are
    none because the file could not be read at all, and nothing is stored for it;
    ``store_failed`` that the library could not take its copy (a full disk): the import stops.
    """

    filename: str
    reason: str
    data: bytes = b""
    staged: Staged | None = None
    not_read: bool = False
    store_failed: bool = False


@dataclass(frozen=True)
class Document:
    """A stored original on a matter; ``parent_id`` links an attachment to its email."""

    matter_id: int
    sha256: str
    filename: str
    media_type: str
    size: int
    kind: DocumentKind = DocumentKind.OTHER
    direction: Direction = Direction.UNKNOWN
    parent_id: int | None = None
    position: int = 0
    doc_date: str = ""
    title: str = ""
    sender: str = ""
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    found_refs: tuple[str, ...] = ()
    note: str = ""
    imported_at: str = ""
    reader_notes: tuple[str, ...] = ()
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class Quarantined:
    """A file that could not be filed, kept byte for byte with the reason."""

    matter_id: int
    filename: str
    sha256: str
    size: int
    reason: str
    at: str = ""
    id: int = 0


@dataclass(frozen=True)
class Blob:
    """The fixity of one stored original: its SHA-256 (the address), MD5 and size."""

    sha256: str
    md5: str
    size: int


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file given to an import."""

    path: str
    outcome: Outcome
    reason: str = ""
    document_id: int | None = None
    sha256: str = ""
    children: int = 0


@dataclass(frozen=True)
class Filing:
    """How counsel file a document; what they give here wins over what was read from the file.

    A PDF's creation date is rarely the date of the letter in it, hence ``date`` and ``title``.
    """

    kind: DocumentKind | None = None
    direction: Direction = Direction.UNKNOWN
    note: str = ""
    date: str = ""
    title: str = ""
