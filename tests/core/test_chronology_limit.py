"""A memo's chronology limited by dates and kinds: both ends inclusive, attachments kept along."""

from __future__ import annotations

from datetime import date

from desktop_app.core.chronology_limit import (
    ChronologyLimit,
    limit_errors,
    limited,
    undated_left_out,
)
from desktop_app.core.documents import Document, DocumentKind

EMAIL, LETTER, ATTACHMENT = DocumentKind.EMAIL, DocumentKind.LETTER, DocumentKind.ATTACHMENT


def _doc(number: int, day: str, kind: DocumentKind = EMAIL, parent: int | None = None) -> Document:
    return Document(1, f"{number:064x}", f"d{number}", "text/plain", 1, kind, parent_id=parent,
                    doc_date=day, id=number)  # fmt: skip


DOCS = [
    _doc(1, "2026-06-11T23:59:00Z"),
    _doc(2, "2026-06-12T00:00:00Z"),
    _doc(3, "2026-06-12", ATTACHMENT, parent=2),
    _doc(4, "2026-06-30", LETTER),
    _doc(5, "2026-07-01"),
    _doc(6, ""),
]


def _ids(documents: list[Document]) -> list[int]:
    return [d.id for d in documents]


def test_no_limit_keeps_everything_undated_included() -> None:
    assert _ids(limited(DOCS, ChronologyLimit())) == [1, 2, 3, 4, 5, 6]


def test_both_ends_of_the_dates_are_kept_and_the_days_outside_are_not() -> None:
    june = ChronologyLimit(date(2026, 6, 12), date(2026, 6, 30))
    assert _ids(limited(DOCS, june)) == [2, 3, 4]  # 11 June and 1 July out, undated out
    assert june.describe() == "documents of every kind dated 2026-06-12 through 2026-06-30"


def test_an_attachment_goes_with_its_parent_whatever_its_kind() -> None:
    emails = ChronologyLimit(kinds=(EMAIL,))
    assert _ids(limited(DOCS, emails)) == [1, 2, 3, 5, 6]
    assert emails.describe() == "emails"


def test_an_attachment_that_passes_alone_is_listed_alone() -> None:
    shown = limited(DOCS, ChronologyLimit(kinds=(ATTACHMENT,)))
    assert _ids(shown) == [3]
    assert shown[0].parent_id is None  # its parent is not listed, so it stands on its own


def test_open_ended_limits_and_their_words() -> None:
    since = ChronologyLimit(dated_from=date(2026, 6, 30), kinds=(LETTER, EMAIL))
    assert _ids(limited(DOCS, since)) == [4, 5]
    assert since.describe() == "letters and emails dated on or after 2026-06-30"
    until = ChronologyLimit(dated_to=date(2026, 6, 11))
    assert _ids(limited(DOCS, until)) == [1]


def test_a_limit_that_ends_before_it_starts_is_refused() -> None:
    assert limit_errors(ChronologyLimit(date(2026, 7, 1), date(2026, 6, 30))) == {
        "dated_to": "ends 2026-06-30, before it starts (2026-07-01)"
    }
    assert limit_errors(ChronologyLimit(date(2026, 7, 1), date(2026, 7, 1))) == {}


def test_undated_or_unreadable_dates_are_counted_when_dates_limit() -> None:
    odd = [*DOCS, _doc(7, "2026-13-45"), _doc(8, "2026-6-1", LETTER)]
    june = ChronologyLimit(date(2026, 6, 1), date(2026, 6, 30))
    assert undated_left_out(odd, june) == 3  # "", 2026-13-45, 2026-6-1
    assert undated_left_out(odd, ChronologyLimit(date(2026, 6, 1), kinds=(LETTER,))) == 1
    assert undated_left_out(odd, ChronologyLimit(kinds=(EMAIL,))) == 0  # no dates: none left out
