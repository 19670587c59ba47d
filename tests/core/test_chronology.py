"""The chronology: threads together, in time order across time zones, attachments under parents."""

from __future__ import annotations

from desktop_app.core.chronology import chronology, sort_stamp
from desktop_app.core.documents import Document, DocumentKind


def _doc(doc_id: int, date: str, **fields: object) -> Document:
    base: dict[str, object] = {
        "matter_id": 1,
        "sha256": f"{doc_id:064x}",
        "filename": f"{doc_id}.eml",
        "media_type": "message/rfc822",
        "size": 1,
        "kind": DocumentKind.EMAIL,
        "doc_date": date,
        "id": doc_id,
    }
    return Document(**{**base, **fields})  # type: ignore[arg-type]


def test_replies_follow_their_thread_and_attachments_their_parent() -> None:
    first = _doc(1, "2026-06-27T09:00:00-04:00", message_id="<a@x>")
    letter = _doc(2, "2026-06-26", media_type="application/pdf", kind=DocumentKind.LETTER)
    attachment = _doc(3, "", parent_id=1, position=0, kind=DocumentKind.ATTACHMENT)
    reply = _doc(4, "2026-06-27T15:00:00+00:00", message_id="<b@x>", in_reply_to="<a@x>")
    unrelated = _doc(5, "2026-06-27T14:00:00+00:00", message_id="<c@x>")
    second_reply = _doc(6, "2026-06-28T08:00:00+09:00", references=("<a@x>", "<b@x>"))
    rows = chronology([first, letter, attachment, reply, unrelated, second_reply])
    assert [(r.document.id, r.depth) for r in rows] == [
        (2, 0),
        (1, 0),
        (3, 1),
        (4, 1),
        (6, 1),
        (5, 0),
    ]
    assert rows[1].replies == 2
    assert {r.thread for r in rows if r.document.id in (1, 3, 4, 6)} == {1}


def test_times_compare_in_utc() -> None:
    assert sort_stamp("2026-06-27T09:00:00-04:00") > sort_stamp("2026-06-27T12:59:00+00:00")
    assert sort_stamp("") > sort_stamp("2026-12-31")
    assert sort_stamp("not a date") == sort_stamp("")
