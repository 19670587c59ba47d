"""Hostile text through every text field (docs/reliability.md T16).

Each string is stored through the matter service and read back from the library exactly, or
refused with a clean field error.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from functools import partial
from typing import Any

import pytest

from desktop_app.core.enums import MatterKind, PartyKind, PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, Matter, MatterRecord, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library

EXTRA = [
    "\x00",
    "a\x00b",
    "\r",
    "\n",
    "\r\n",
    "\u202e",
    "invoice\u202efdp.exe",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family: ZWJ sequence
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349a\u0300\u0310l\u0350go",
    "\ufeffBOM",
    "\U0010ffff\U000e0001",
    "x" * 1_000_000,
    ("Ünïcödé 中文 <b>S&P 500</b>\t\u202e\r\n" * 40_000)[:1_000_000],
    "token" * 2_000,
]
FIXED = "Fixed name"
BATCH = 64

# The text fields of each record; the ones that must not be blank get FIXED for blank strings.
MATTER_TEXT = ("title", "summary", "acn", "license_number", "counsel", "status_reason")
PARTY_TEXT = ("name", "address", "visa_type", "notes")
ITEM_TEXT = ("name", "description", "model_name", "model_version", "hosting_location")
REQUIRED = {"title", "name"}


def _is_blank(text: str) -> bool:
    return not text.strip()


def _text(name: str, text: str) -> str:
    return FIXED if name in REQUIRED and _is_blank(text) else text


def _matter(text: str) -> Matter:
    values: dict[str, Any] = {name: _text(name, text) for name in MATTER_TEXT}
    tags = ("tag",) if _is_blank(text) else (text, "AI")
    return Matter(kind=MatterKind.INTERNAL_REVIEW, tags=tags, **values)


def _party(matter_id: int, text: str) -> Party:
    values: dict[str, Any] = {name: _text(name, text) for name in PARTY_TEXT}
    return Party(
        matter_id=matter_id,
        role=PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        aliases=(text, text),
        **values,
    )


def _item(matter_id: int, text: str) -> Item:
    values: dict[str, Any] = {name: _text(name, text) for name in ITEM_TEXT}
    return Item(matter_id=matter_id, **values)


def _note(matter_id: int, text: str) -> Note:
    return Note(matter_id, FIXED if _is_blank(text) else text, author=text)


def _store(service: MatterService, text: str) -> MatterRecord:
    matter = service.create_matter(_matter(text)).record
    party = service.add_party(_party(matter.id, text)).record
    item = service.add_item(_item(matter.id, text)).record
    activity = Activity(
        matter.id,
        TransactionType.DEEMED_EXPORT,
        item.id,
        party.id,
        to_country="",
        description=text,
        to_address=text,
    )
    return MatterRecord(
        matter=matter,
        parties=(party,),
        items=(item,),
        activities=(service.add_activity(activity).record,),
        notes=(service.add_note(_note(matter.id, text)).record,),
    )


def _chunks(strings: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(strings), BATCH):
        yield strings[start : start + BATCH]


def _expected_texts(record: MatterRecord, text: str) -> Iterator[tuple[str, str, str]]:
    """(field, expected, stored) for every text field of a stored matter record."""
    m, p, i, a, n = (
        record.matter,
        record.parties[0],
        record.items[0],
        record.activities[0],
        record.notes[0],
    )
    for name in MATTER_TEXT:
        yield f"matter.{name}", _text(name, text), getattr(m, name)
    if not _is_blank(text):
        yield "matter.tags", text, m.tags[0]
    for name in PARTY_TEXT:
        yield f"party.{name}", _text(name, text), getattr(p, name)
    yield "party.aliases[0]", text, p.aliases[0]
    yield "party.aliases[1]", text, p.aliases[1]
    for name in ITEM_TEXT:
        yield f"item.{name}", _text(name, text), getattr(i, name)
    yield "activity.description", text, a.description
    yield "activity.to_address", text, a.to_address
    yield "note.text", FIXED if _is_blank(text) else text, n.text
    yield "note.author", text or "test", n.author


@pytest.fixture(scope="module")
def strings(blns: list[str]) -> list[str]:
    assert len(blns) == 515
    return [*blns, *EXTRA]


@pytest.mark.exhaustive
def test_every_string_round_trips_through_every_text_field(
    strings: list[str], service: MatterService, library: Library, paths: LibraryPaths
) -> None:
    stored: list[tuple[str, MatterRecord]] = []
    for chunk in _chunks(strings):
        # One commit per batch keeps the run fast; each operation inside is still its own
        # (nested) transaction with its own audit entry.
        with library.transaction("batch"):
            stored.extend((text, _store(service, text)) for text in chunk)
    assert not library.db.conn.in_transaction

    reader = Library.open(paths, write=False)
    try:
        wrong: list[str] = []
        for text, written in stored:
            read = queries.matter_record(
                reader.db, queries.matter_by_number(reader.db, written.matter.number)
            )
            if read != written:
                wrong.append(f"record differs for {text[:40]!r}")
            wrong.extend(
                f"{field}: {text[:40]!r} came back as {got[:40]!r}"
                for field, want, got in _expected_texts(read, text)
                if got != want
            )
        assert wrong == []
        assert queries.audit_entries(reader.db)[-1].seq == 5 * len(strings)
    finally:
        reader.close()


def test_blank_strings_are_refused_where_text_is_required(
    strings: list[str], service: MatterService, library: Library
) -> None:
    blanks = [text for text in strings if _is_blank(text)]
    assert {"", " ", "\r", "\n", "\r\n"} <= set(blanks)
    matter = service.create_matter(_matter("x")).record
    before = queries.audit_head(library.db)
    attempts: list[tuple[str, Any]] = []
    for text in blanks:
        attempts += [
            ("title", lambda t=text: service.create_matter(replace(_matter("x"), title=t))),
            ("tags", lambda t=text: service.create_matter(replace(_matter("x"), tags=("AI", t)))),
            ("name", lambda t=text: service.add_party(replace(_party(matter.id, "x"), name=t))),
            ("name", lambda t=text: service.add_item(replace(_item(matter.id, "x"), name=t))),
            ("text", lambda t=text: service.add_note(Note(matter.id, t))),
        ]
    for field, attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert set(caught.value.fields) == {field}
    assert queries.audit_head(library.db) == before
    assert not library.db.conn.in_transaction


def _with(record: Any, name: str, value: str) -> Any:
    """``record`` with one text field (or every entry of a tuple field) set to ``value``."""
    new: Any = (value,) if isinstance(getattr(record, name), tuple) else value
    return replace(record, **{name: new})


@pytest.mark.parametrize("bad", ["\ud800", "ok\udfff", "\udc00\ud800"])
def test_an_unpaired_surrogate_is_refused_naming_each_field(
    bad: str, service: MatterService, library: Library
) -> None:
    matter = service.create_matter(_matter("x")).record
    party = service.add_party(_party(matter.id, "x")).record
    item = service.add_item(_item(matter.id, "x")).record
    activity = Activity(matter.id, TransactionType.DEEMED_EXPORT, item.id, party.id)
    before = queries.audit_head(library.db)
    cases: list[tuple[str, Callable[[], object]]] = []
    for name in (*MATTER_TEXT, "tags"):
        cases.append((name, partial(service.create_matter, _with(_matter("x"), name, bad))))
        cases.append((name, partial(service.update_matter, _with(matter, name, bad))))
    for name in (*PARTY_TEXT, "aliases"):
        cases.append((name, partial(service.add_party, _with(_party(matter.id, "x"), name, bad))))
        cases.append((name, partial(service.update_party, _with(party, name, bad))))
    for name in ITEM_TEXT:
        cases.append((name, partial(service.add_item, _with(_item(matter.id, "x"), name, bad))))
        cases.append((name, partial(service.update_item, _with(item, name, bad))))
    cases += [
        ("text", partial(service.add_note, Note(matter.id, bad))),
        ("author", partial(service.add_note, Note(matter.id, "x", author=bad))),
        ("description", partial(service.add_activity, _with(activity, "description", bad))),
        ("to_address", partial(service.add_activity, _with(activity, "to_address", bad))),
    ]
    for field, attempt in cases:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert set(caught.value.fields) == {field}, field
        assert "surrogate" in caught.value.fields[field]
        assert not library.db.conn.in_transaction
    assert queries.audit_head(library.db) == before


NOT_FREE_TEXT = {
    Matter: {"number"},
    Party: {"country"},
    Item: {"eccn", "hosting_country"},
    Activity: {"from_country", "to_country"},
    Note: {"created_at"},
}
COVERED = {
    Matter: {*MATTER_TEXT, "tags"},
    Party: {*PARTY_TEXT, "aliases"},
    Item: set(ITEM_TEXT),
    Activity: {"description", "to_address"},
    Note: {"text", "author"},
}


@pytest.mark.parametrize("kind", list(COVERED), ids=lambda kind: kind.__name__)
def test_these_tests_cover_every_text_field_of_the_records(kind: type) -> None:
    hints = typing.get_type_hints(kind)
    text = {f.name for f in fields(kind) if hints[f.name] in (str, tuple[str, ...])}
    assert text == COVERED[kind] | NOT_FREE_TEXT[kind]
