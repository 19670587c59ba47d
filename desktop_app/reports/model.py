"""The shape of a printed memo or report: header, legend and sections of paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.drafts import DEFAULT_LEGEND
from desktop_app.core.markup import Block

__all__ = ["DEFAULT_LEGEND", "Header", "Memo", "Section", "Table"]


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


@dataclass(frozen=True)
class Section:
    """A titled part of the memo: paragraphs, then counsel's text, then tables.

    Paragraphs are plain text; ``writing`` holds what counsel wrote in the draft, as captioned
    runs of marked-up blocks; tables and writing may each carry a caption ("" for none).
    """

    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[tuple[str, Table], ...] = ()
    writing: tuple[tuple[str, tuple[Block, ...]], ...] = ()


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
