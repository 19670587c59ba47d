"""Memo drafts: every changing save is a new version, refused input changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from desktop_app.core.enums import MatterKind, Privilege
from desktop_app.core.memos import DEFAULT_LEGEND, MemoDraft, MemoService, Paper, new_draft
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture
def matter(service: MatterService) -> Matter:
    made = Matter("Deemed export review", MatterKind.INTERNAL_REVIEW, counsel="A. Counsel")
    return service.create_matter(made).record


@pytest.fixture
def memos(library: Library) -> MemoService:
    seconds = count()
    start = datetime(2026, 11, 27, 10, tzinfo=UTC)

    def clock() -> str:
        return (start + timedelta(seconds=next(seconds))).isoformat()

    return MemoService(library, "counsel", clock=clock)


def test_a_new_draft_starts_from_the_matter(matter: Matter) -> None:
    draft = new_draft(matter)
    assert (draft.to, draft.sender, draft.re, draft.legend) == (
        "File",
        "A. Counsel",
        "Deemed export review",
        DEFAULT_LEGEND,
    )
    assert new_draft(replace(matter, privilege=Privilege.NONE)).legend == ""


def test_saves_make_versions_and_an_unchanged_save_makes_none(
    library: Library, memos: MemoService, matter: Matter
) -> None:
    first = memos.save_draft(replace(new_draft(matter), facts="BIS wrote on **1 July**."))
    again = memos.save_draft(replace(first, saved_at="", version=7))
    second = memos.save_draft(replace(first, analysis="- covered\n- *not* covered"))
    stored = queries.memo_drafts(library.db, matter.id)
    assert [d.version for d in stored] == [1, 2]
    assert again == first
    assert stored == [first, second]
    assert stored[0].facts == "BIS wrote on **1 July**."
    assert stored[1].analysis == "- covered\n- *not* covered"
    assert queries.memo_draft(library.db, matter) == second
    assert queries.memo_draft(library.db, matter, 1) == first
    with pytest.raises(NotFoundError):
        queries.memo_draft(library.db, matter, 3)


def test_every_version_is_audited_on_its_matter(
    library: Library, memos: MemoService, matter: Matter
) -> None:
    memos.save_draft(replace(new_draft(matter), facts="one"))
    memos.save_draft(replace(new_draft(matter), facts="two"))
    entries = [e for e in queries.history(library.db, matter.id) if e.entity == "memo_drafts"]
    assert [e.action for e in entries] == ["insert", "insert"]


def test_naughty_text_round_trips_exactly(
    library: Library, memos: MemoService, matter: Matter, blns: list[str]
) -> None:
    sample = [*blns[:200], "\r\n", "x" * 1_000_000, '<img src="file:///etc/passwd"/>']
    for index, text in enumerate(sample):
        draft = MemoDraft(matter.id, facts=text, marking=text[:500], cc=f"{index}")
        saved = memos.save_draft(draft)
        assert queries.memo_draft(library.db, matter, saved.version).facts == text


def test_refused_input_changes_nothing(
    memos: MemoService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(ValidationError) as refused:
        memos.save_draft(replace(new_draft(matter), analysis="bad \ud800 surrogate"))
    assert "analysis" in refused.value.fields
    with pytest.raises(NotFoundError):
        memos.save_draft(MemoDraft(matter.id + 99, facts="no such matter"))
    assert dump() == before


def test_paper_is_letter_until_set(library: Library, memos: MemoService) -> None:
    assert queries.paper(library.db) is Paper.LETTER
    memos.set_paper(Paper.A4)
    memos.set_paper(Paper.A4)
    assert queries.paper(library.db) is Paper.A4
    memos.set_paper(Paper.LETTER)
    assert queries.paper(library.db) is Paper.LETTER
    rows = list(library.db.execute("SELECT name, value FROM settings"))
    assert rows == [("paper", "letter")]
