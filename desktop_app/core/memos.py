"""Saving memo drafts version by version, and the library's paper setting.

Saving never overwrites: each save that changes something is a new version, so the file shows
what the memo said at any time. The records and their pure rules live in :mod:`drafts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from desktop_app.core.drafts import (
    DEFAULT_LEGEND,
    PAPER_SETTING,
    MemoDraft,
    Paper,
    Setting,
    legend_for,
    new_draft,
    same_content,
)
from desktop_app.core.models import Matter
from desktop_app.core.ports import Store
from desktop_app.core.validation import check, text_errors

__all__ = ["DEFAULT_LEGEND", "MemoDraft", "MemoService", "Paper", "legend_for", "new_draft"]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class MemoService:
    """Save memo draft versions and the library's paper setting."""

    def __init__(self, store: Store, actor: str, clock: Callable[[], str] = _now) -> None:
        self._store = store
        self._actor = actor
        self._clock = clock

    def save_draft(self, draft: MemoDraft) -> MemoDraft:
        """Store ``draft`` as the matter's next version; an unchanged draft returns the latest."""
        check(text_errors(draft))
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, draft.matter_id)
            versions = tx.children(MemoDraft, draft.matter_id)
            latest = max(versions, key=lambda d: d.version, default=None)
            if latest is not None and same_content(latest, draft):
                return latest
            number = latest.version + 1 if latest else 1
            return tx.insert(replace(draft, id=0, version=number, saved_at=self._clock()))

    def set_paper(self, paper: Paper) -> None:
        """Lay out memos and reports on ``paper`` from now on."""
        with self._store.transaction(self._actor) as tx:
            stored = tx.find_setting(PAPER_SETTING)
            if stored is None:
                tx.insert(Setting(PAPER_SETTING, paper.value))
            elif stored.value != paper.value:
                tx.update(replace(stored, value=paper.value))
