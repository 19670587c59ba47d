"""The shape of a printed memo or report: header, legend and sections of paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.coverage_model import Answer
from desktop_app.core.drafts import DEFAULT_LEGEND
from desktop_app.core.markup import Block

__all__ = ["DEFAULT_LEGEND", "Finding", "Header", "Memo", "Section", "Signature", "Table"]


@dataclass(frozen=True)
class Table:
    """Column headings, rows of text and relative column widths (repeated on every page)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    empty: str = "None recorded."
    mono: tuple[int, ...] = ()  # columns set in the monospaced face (hashes)
    details: tuple[str, ...] = ()  # a full-width line under each row (a SHA-256), if given
    details_are_text: bool = False  # set the details as body text rather than as a hash
    bold: tuple[tuple[int, int], ...] = ()  # (row, column) cells set in bold


@dataclass(frozen=True)
class Finding:
    """One coverage answer as printed: what was asked, the answer as of a day, and why.

    ``subject`` names the party, item and activity; ``as_of`` says which day the answer speaks
    for and why that day; ``summary`` is what the summary adds to the basis ("" for nothing);
    ``factors`` is the table of dimensions checked (dimension, result, detail, source). The
    renderer sets the answer so the three read apart without colour.
    """

    subject: str
    answer: Answer
    as_of: str
    basis: str
    summary: str
    factors: Table
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    """The block counsel sign: a line, then the name, the title and the date ("" to fill in)."""

    name: str
    title: str = ""
    date: str = ""


@dataclass(frozen=True)
class Section:
    """A titled part of the memo: paragraphs, then counsel's text, then tables, then findings.

    Paragraphs are plain text; ``writing`` holds what counsel wrote in the draft, as captioned
    runs of marked-up blocks; ``findings`` are captioned groups of coverage answers; tables,
    writing and findings may each carry a caption ("" for none); ``signature``, when given,
    closes the section.
    """

    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[tuple[str, Table], ...] = ()
    writing: tuple[tuple[str, tuple[Block, ...]], ...] = ()
    findings: tuple[tuple[str, tuple[Finding, ...]], ...] = ()
    signature: Signature | None = None


@dataclass(frozen=True)
class Header:
    """The memo block: who it is to and from, when, what about."""

    to: str
    sender: str
    cc: str
    date: str
    re: str
    matter_number: str


@dataclass(frozen=True)
class Memo:
    """Everything a memo or report says, already decided; the renderer only lays it out."""

    title: str
    subject: str
    author: str
    header: Header
    legend: str
    sections: tuple[Section, ...]
    marking: str = ""
    running_head: str = ""
    heading: str = "MEMORANDUM"
    stamp: str = ""
    """DRAFT or ISSUED with the draft version, printed on every page ("" for none)."""
