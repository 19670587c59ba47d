"""The search results' columns, how each kind of record is named, and which tab shows it."""

from __future__ import annotations

from desktop_app.core.search_query import SearchHit
from desktop_app.core.text import visible
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

KIND_LABELS = {
    "matters": _("Matter"),
    "parties": _("Party"),
    "items": _("Item"),
    "activities": _("Activity"),
    "documents": _("Document"),
    "determinations": _("Determination"),
    "licenses": _("License"),
    "letters": _("Letter"),
    "conditions": _("Condition"),
    "notes": _("Note"),
    "memo_drafts": _("Memo draft"),
}
"""Each searchable table, as a person names one of its records."""

TAB_OF_ENTITY = {
    "matters": "overview",
    "notes": "overview",
    "parties": "parties",
    "items": "items",
    "activities": "activities",
    "documents": "correspondence",
    "determinations": "determinations",
    "licenses": "determinations",
    "letters": "determinations",
    "conditions": "conditions",
    "memo_drafts": "memos",
}
"""The workspace tab that shows a record of each searchable table."""

KIND_COLUMN, DATE_COLUMN, SNIPPET_COLUMN = 1, 3, 4
"""Where the kind and date are (they step aside when the table is narrow), and the snippet
(drawn with its matches highlighted)."""


def kind_label(entity: str) -> str:
    """The name of a record of this table ("Document")."""
    return KIND_LABELS.get(entity, entity.replace("_", " ").capitalize())


def hit_key(hit: SearchHit) -> tuple[str, int]:
    """What identifies a result across searches."""
    return (hit.entity, hit.entity_id)


def shown_snippet(hit: SearchHit) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet as drawn (controls escaped, see core.text) and its spans moved to match.

    Escaping a character lengthens the text, so every offset after it moves along.
    """
    moved: list[int] = []
    pieces: list[str] = []
    length = 0
    for ch in hit.snippet:
        moved.append(length)
        piece = visible(ch)
        pieces.append(piece)
        length += len(piece)
    moved.append(length)
    spans = tuple(
        (moved[start], moved[end])
        for start, end in hit.spans
        if 0 <= start < end <= len(hit.snippet)
    )
    return "".join(pieces), spans


SEARCH_COLUMNS: list[Column[SearchHit]] = [
    Column(
        _("Matter"),
        lambda h: h.matter_number,
        tooltip=lambda h: f"{h.matter_number}  {h.matter_title}",
    ),
    Column(_("Kind"), lambda h: kind_label(h.entity)),
    Column(_("Title"), lambda h: h.title, tooltip=lambda h: f"{kind_label(h.entity)}: {h.title}"),
    Column(_("Date"), lambda h: h.on_date[:10], tooltip=lambda h: h.on_date),
    Column(_("Snippet"), lambda h: shown_snippet(h)[0], tooltip=lambda h: h.snippet),
]
"""The results table, left to right; the last is the snippet (see `SNIPPET_COLUMN`)."""
