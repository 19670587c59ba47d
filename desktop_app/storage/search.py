"""Running a parsed query against the search index: ranked hits with snippets, never an error.

Every term reaches FTS5 as a quoted string (its quotes doubled), so no operator the person typed
is ever parsed by FTS5. Two ways to match:

- words (the default): whole words, accents and case ignored, through ``search_entries_fts``;
  one ranked FTS5 query with its own snippet, so it costs little more than a bare MATCH;
- literal: every term is a substring, exactly what a LIKE scan finds, through
  ``search_trigram`` (or a LIKE scan for terms shorter than a trigram).

Terms in scripts written without spaces (CJK, Thai …) are always matched as substrings.
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from desktop_app.core.search_query import (
    Query,
    SearchFilters,
    SearchHit,
    Term,
    TermKind,
    snippet_around,
    written_without_spaces,
)
from desktop_app.storage.search_index import (
    ENTRIES,
    NOT_TRASHED,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    TRIGRAM,
    WORDS,
)

LIMIT = 50
OPEN, CLOSE = SNIPPET_OPEN, SNIPPET_CLOSE
_MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)
_COLUMNS = """e.entity, e.entity_id, e.matter_id, coalesce(m.number, ''), coalesce(m.title, ''),
       e.title, coalesce(e.on_date, ''), coalesce(e.direction, '')"""
_RANKED = f"""
SELECT {_COLUMNS}, snippet([{WORDS}], -1, '{OPEN}', '{CLOSE}', '…', 24)
FROM [{WORDS}] JOIN [{ENTRIES}] e ON e.id = [{WORDS}].rowid
LEFT JOIN matters m ON m.id = e.matter_id
WHERE [{WORDS}] MATCH ? {{filters}}
ORDER BY [{WORDS}].rank
LIMIT ?
"""
_LISTED = f"""
SELECT {_COLUMNS}, e.body
FROM [{ENTRIES}] e LEFT JOIN matters m ON m.id = e.matter_id
WHERE e.id IN ({{ids}}) {{filters}}
ORDER BY e.on_date DESC, e.id DESC
LIMIT ?
"""


def search(
    db: Database,
    query: Query,
    filters: SearchFilters | None = None,
    limit: int = LIMIT,
    *,
    literal: bool = False,
) -> list[SearchHit]:
    """The records matching ``query`` under ``filters``: best first, or newest first."""
    if query.empty:
        return []
    where, filter_args = _filters(filters or SearchFilters())
    if db.table("trash").exists():  # a library made before 0008, opened read-only
        where = f" AND {NOT_TRASHED}{where}"
    words = tuple(term.text for term in query.terms())
    if not literal and not any(written_without_spaces(t.text) for t in _every_term(query)):
        sql = _RANKED.format(filters=where)
        rows = db.execute(sql, [_words_match(query), *filter_args, limit]).fetchall()
        return [_ranked_hit(row) for row in rows]
    args: list[Any] = []
    ids = _all_of(query, args, literal)
    sql = _LISTED.format(ids=ids, filters=where)
    listed = db.execute(sql, [*args, *filter_args, limit]).fetchall()
    return [_listed_hit(row, words) for row in listed]


def _every_term(query: Query) -> tuple[Term, ...]:
    return (*query.terms(), *query.excluded)


def _words_match(query: Query) -> str:
    """One FTS5 expression: every group (any of its terms), none of the excluded."""
    groups = " AND ".join(f"({' OR '.join(_quoted(t) for t in g)})" for g in query.required)
    if not query.excluded:
        return groups
    return f"({groups}) NOT ({' OR '.join(_quoted(t) for t in query.excluded)})"


def _all_of(query: Query, args: list[Any], literal: bool) -> str:
    groups = [
        " UNION ".join(_term_ids(t, args, literal) for t in group) for group in query.required
    ]
    ids = " INTERSECT ".join(f"SELECT * FROM ({g})" for g in groups)
    for term in query.excluded:
        ids += f" EXCEPT SELECT * FROM ({_term_ids(term, args, literal)})"
    return ids


def _term_ids(term: Term, args: list[Any], literal: bool) -> str:
    """SQL selecting the ids of the entries that contain ``term`` (its arguments appended)."""
    if not literal and not written_without_spaces(term.text):
        args.append(_quoted(term))
        return f"SELECT rowid FROM [{WORDS}] WHERE [{WORDS}] MATCH ?"
    if len(term.text) >= 3:
        args.append('"' + term.text.replace('"', '""') + '"')
        return f"SELECT rowid FROM [{TRIGRAM}] WHERE [{TRIGRAM}] MATCH ?"
    pattern = "%" + term.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    args += [pattern, pattern]
    return f"SELECT id FROM [{ENTRIES}] WHERE title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\'"


def _quoted(term: Term) -> str:
    text = '"' + term.text.replace('"', '""') + '"'
    return text + "*" if term.kind is TermKind.PREFIX else text


def _filters(filters: SearchFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    for sql, value in (
        ("e.matter_id = ?", filters.matter_id),
        ("e.entity = ?", filters.entity or None),
        ("e.on_date != '' AND e.on_date >= ?", filters.date_from or None),
        ("e.on_date != '' AND e.on_date <= ? || '~'", filters.date_to or None),
        ("e.direction = ?", filters.direction or None),
    ):
        if value is not None:
            clauses.append(sql)
            args.append(value)
    return "".join(f" AND {c}" for c in clauses), args


def _ranked_hit(row: tuple[Any, ...]) -> SearchHit:
    *head, marked = row
    snippet, spans = _unmark(" ".join(marked.split()))
    return _hit(head, snippet, spans)


def _listed_hit(row: tuple[Any, ...], words: tuple[str, ...]) -> SearchHit:
    *head, body = row
    title = head[5]
    text = body if not title or _contains(body, words) else title
    snippet, spans = snippet_around(text, words)
    return _hit(head, snippet, spans)


def _contains(text: str, words: tuple[str, ...]) -> bool:
    folded = text[:200_000].casefold()
    return any(w.casefold() in folded for w in words)


def _hit(head: list[Any], snippet: str, spans: tuple[tuple[int, int], ...]) -> SearchHit:
    entity, entity_id, matter_id, number, matter_title, title, on_date, direction = head
    return SearchHit(
        entity, entity_id, matter_id, number, matter_title, title, snippet, spans, on_date,
        direction,
    )  # fmt: skip


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its markers, and where the marked stretches were."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = length = 0
    for match in _MARKED.finditer(marked):
        out += [marked[at : match.start()], match.group(1)]
        length += match.start() - at
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        at = match.end()
    out.append(marked[at:])
    return "".join(out), tuple(spans)
