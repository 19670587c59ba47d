"""Opening a search result on its record: the right workspace tab, its row selected.

A document's preview then highlights the words that were searched for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.core.search_query import SearchHit
from desktop_app.gui.search.columns import TAB_OF_ENTITY

if TYPE_CHECKING:
    from desktop_app.gui.matter.workspace import MatterWorkspace


def reveal_hit(workspace: MatterWorkspace, hit: SearchHit, words: tuple[str, ...]) -> None:
    """Show ``hit``'s record in the open matter's workspace; highlight ``words`` in a document."""
    workspace.show_tab(TAB_OF_ENTITY.get(hit.entity, "overview"))
    select = _selectors(workspace).get(hit.entity)
    if select is not None:
        select(hit.entity_id)
    if hit.entity == "documents":
        workspace.correspondence.preview.highlight(words)


def _selectors(workspace: MatterWorkspace) -> dict[str, Callable[[int], None]]:
    """For each table that lists records in a tab, how to select one by id."""
    decisions = workspace.determinations
    select = decisions.select
    return {
        "parties": lambda key: select(workspace.parties, key),
        "items": lambda key: select(workspace.items, key),
        "activities": lambda key: select(workspace.activities, key),
        "notes": lambda key: select(workspace.overview.notes, key),
        "documents": workspace.correspondence.select_document,
        "determinations": lambda key: select(decisions.determinations, key),
        "licenses": lambda key: select(decisions.licenses, key),
        "letters": lambda key: select(decisions.letters, key),
        "conditions": workspace.conditions.select_condition,
    }
