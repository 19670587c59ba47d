"""The search box's query language, parsed into plain data that no search engine can choke on.

Plain words must all match; ``"quoted phrases"`` match in order; ``word*`` matches a prefix;
``OR`` between two terms accepts either; ``-word`` excludes. Everything else is searched
literally: an unbalanced quote runs to the end, stray operators are words, and nothing the
person types is ever a syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORDY = re.compile(r"[^\W_]")  # a letter or a digit: what FTS5 counts as a word character
_SPACES = re.compile(r"\s+")


class TermKind(Enum):
    """How a term matches."""

    WORD = "word"
    PHRASE = "phrase"
    PREFIX = "prefix"


@dataclass(frozen=True)
class Term:
    """One thing to look for."""

    text: str
    kind: TermKind = TermKind.WORD


@dataclass(frozen=True)
class Query:
    """All ``required`` groups must match (each group: any of its terms); no ``excluded`` may."""

    required: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to look for (an empty box, or only exclusions or punctuation)."""
        return not self.required

    def terms(self) -> tuple[Term, ...]:
        """Every term that must or may match, for highlighting."""
        return tuple(term for group in self.required for term in group)


def parse_query(text: str) -> Query:
    """The query ``text`` says; never raises. NUL cannot be searched for and counts as a space."""
    text = text.replace("\x00", " ")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in _TOKEN.findall(text):
        if token == "OR" and groups:  # noqa: S105 - the query operator, not a secret
            join_next = True
            continue
        negated = token.startswith("-") and len(token) > 1
        term = _term(token[1:] if negated else token)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if join_next:
        groups.append([Term("OR")])
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def parse_literal(pieces: Sequence[str]) -> Query:
    """A literal query: each piece (a command-line argument) is a substring to find as typed.

    Quotes, spaces inside a piece, a leading ``-``, ``*`` and ``OR`` are characters to find, not
    operators; a blank piece is dropped. NUL cannot be searched for and counts as a space.
    """
    kept = (piece.replace("\x00", " ").strip() for piece in pieces)
    return Query(tuple((Term(piece),) for piece in kept if piece))


def _term(token: str) -> Term | None:
    if token.startswith('"'):
        inner = token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:]
        return Term(inner.strip(), TermKind.PHRASE) if _WORDY.search(inner) else None
    if not _WORDY.search(token):
        return None
    if token.endswith("*") and _WORDY.search(token.rstrip("*")):
        return Term(token.rstrip("*"), TermKind.PREFIX)
    return Term(token)


_NO_SPACES = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


def written_without_spaces(text: str) -> bool:
    """Whether ``text`` uses a script written without spaces (CJK, Thai …): substrings only."""
    return _NO_SPACES.search(text) is not None


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search: one matter, one kind of record, a date range, a direction."""

    matter_id: int | None = None
    entity: str = ""
    date_from: str = ""
    date_to: str = ""
    direction: str = ""


@dataclass(frozen=True)
class SearchHit:
    """One record that matched, with where it is and a snippet around the match.

    ``spans`` are (start, end) offsets of the matched words inside ``snippet``.
    """

    entity: str
    entity_id: int
    matter_id: int | None
    matter_number: str
    matter_title: str
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    on_date: str
    direction: str


def fold(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def snippet_around(
    text: str, words: tuple[str, ...], width: int = 160
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A piece of ``text`` about ``width`` long around the first of ``words``, and their spans.

    Line breaks become spaces; the spans are (start, end) offsets into the returned snippet.
    """
    needles = [fold(w) for w in words if w]
    head = fold(text[:200_000])
    found = [i for i in (head.find(n) for n in needles) if i >= 0]
    start = max(0, min(found, default=0) - width // 3)
    lead = "…" if start else ""
    piece = lead + _SPACES.sub(" ", text[start : start + width])
    piece += "…" if start + width < len(text) else ""
    low = fold(piece)
    spans: set[tuple[int, int]] = set()
    for needle in needles:
        at = low.find(needle)
        while at >= 0:
            spans.add((at, at + len(needle)))
            at = low.find(needle, at + len(needle))
    return piece, tuple(sorted(spans))


KINDS = {
    "matter": "matters",
    "party": "parties",
    "item": "items",
    "activity": "activities",
    "document": "documents",
    "determination": "determinations",
    "license": "licenses",
    "letter": "letters",
    "condition": "conditions",
    "note": "notes",
    "memo": "memo_drafts",
}
"""The kinds of record a search can be narrowed to, by the name a person uses."""

KIND_OF_ENTITY = {entity: kind for kind, entity in KINDS.items()}


def marked(hit: SearchHit, start: str = "[", end: str = "]") -> str:
    """The hit's snippet with each matched stretch between ``start`` and ``end``."""
    out, at = [], 0
    for begin, finish in hit.spans:
        if begin < at:
            continue
        out += [hit.snippet[at:begin], start, hit.snippet[begin:finish], end]
        at = finish
    return "".join([*out, hit.snippet[at:]])
