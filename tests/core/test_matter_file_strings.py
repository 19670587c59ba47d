"""Any string in any field: it loads and comes back exactly, or the path of the field is named.

Every string of the Big List of Naughty Strings goes into every text field of a full matter
file at once, and, one field at a time, into every code field (countries, ECCN, rule, number,
time) and into a ref. A round trip of random valid files (hypothesis) gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.authorizations import AuthorizationLetter, Condition, License
from desktop_app.core.matter_file import export_matter_file, read_matter_file
from desktop_app.core.matter_file_format import (
    BY_KEY,
    LINKS,
    LISTS,
    NESTED,
    MatterFileError,
    field_keys,
    hints,
)
from desktop_app.core.models import Activity, Item, Matter, MatterRecord, Note, Party
from desktop_app.core.validation import FIRST_YEAR, LAST_YEAR
from tests.core.matter_file_data import Json, encode, full, minimal, schema

CODES = {
    (Matter, "number"),
    (Party, "country"),
    (Item, "eccn"),
    (Item, "hosting_country"),
    (Activity, "from_country"),
    (Activity, "to_country"),
    (License, "excluded_countries"),
    (AuthorizationLetter, "excluded_destinations"),
    (Condition, "rrule"),
    (Note, "created_at"),
}
NOT_BLANK = {"title", "name", "number", "text", "tags", "withdrawn_reason"}


def _text_keys(record_type: type) -> list[str]:
    links = LINKS.get(record_type, {})
    return [
        key
        for key, field in field_keys(record_type)
        if field not in links
        and hints(record_type)[field] in (str, tuple[str, ...])
        and (record_type, field) not in CODES
    ]


def _objects(document: Json) -> Iterator[tuple[str, type, Json]]:
    """(path, record type, object) of every record object of a document."""
    yield "$.matter", Matter, document["matter"]
    for kind in LISTS:
        for i, entry in enumerate(document[kind.key]):
            yield f"$.{kind.key}[{i}]", kind.record, entry
            if kind.record in NESTED:
                key, sub, _parent = NESTED[kind.record]
                for j, nested in enumerate(entry[key]):
                    yield f"$.{kind.key}[{i}].{key}[{j}]", sub, nested


def _everywhere(value: str) -> tuple[Json, set[str]]:
    """A full file with ``value`` in every text field, and the paths of those fields."""
    document, paths = full(), set()
    for path, record_type, entry in _objects(document):
        for key in _text_keys(record_type):
            listed = hints(record_type)[dict(field_keys(record_type))[key]] is not str
            entry[key] = [value] if listed else value
            paths.add(f"{path}.{key}")
        if "withdrawn_reason" in entry:  # a reason stands only with the day it was given
            entry["withdrawn_on"] = "2026-12-01"
    return document, paths


def test_every_text_field_is_swept() -> None:
    _document, paths = _everywhere("x")
    assert {"$.matter.title", "$.parties[0].aliases", "$.letters[0].annex_a[0].country"} <= paths
    assert {"$.conditions[0].log[0].note", "$.licenses[0].number", "$.notes[0].author"} <= paths


@pytest.mark.exhaustive
def test_every_naughty_string_in_every_text_field_loads_back_exactly_or_is_named(
    blns: list[str],
) -> None:
    for value in blns:
        document, paths = _everywhere(value)
        draft = _read(document)
        if isinstance(draft, dict):
            assert not value.strip(), (value, draft)
            assert set(draft) <= paths, draft
            assert {p.rsplit(".", 1)[1] for p in draft} <= NOT_BLANK
            continue
        exported = _everywhere_in(json.loads(export_matter_file(draft)))
        assert exported == {value}, value


def _read(document: Json) -> MatterRecord | dict[str, str]:
    """The draft a document states, or the problems named when it is refused."""
    try:
        return read_matter_file(encode(document), schema())
    except MatterFileError as refused:
        return refused.fields


def _everywhere_in(document: Json) -> set[str]:
    """Every value of every text field of a document, lists flattened."""
    found: set[str] = set()
    for _path, record_type, entry in _objects(document):
        for key in _text_keys(record_type):
            found.update(entry[key] if isinstance(entry[key], list) else [entry[key]])
    return found


def _tiny(where: str) -> Json:
    """The smallest file holding a record of the list ``where`` (and what it links to)."""
    document, whole = minimal(), full()
    if where in ("parties", "activities"):
        document["parties"] = whole["parties"]
    if where == "activities":
        document["items"], document["activities"] = whole["items"], whole["activities"]
    elif where not in ("matter", "parties"):
        links = {key for key, _target in LINKS.get(BY_KEY[where].record, {}).values()}
        unlinked = {k: v for k, v in whole[where][0].items() if k not in links}
        document[where] = [{k: v for k, v in unlinked.items() if k not in ("annex_a", "log")}]
    return document


CODE_FIELDS = [
    ("matter", "number"),
    ("parties", "country"),
    ("items", "eccn"),
    ("items", "hosting_country"),
    ("activities", "from_country"),
    ("activities", "to_country"),
    ("licenses", "excluded_countries"),
    ("letters", "excluded_destinations"),
    ("conditions", "rrule"),
    ("notes", "created_at"),
    ("parties", "ref"),
    ("parties", "employer"),
]


@pytest.mark.parametrize(("where", "key"), CODE_FIELDS)
def test_every_naughty_string_in_a_code_field_loads_or_names_that_field(
    blns: list[str], where: str, key: str
) -> None:
    document = _tiny(where)
    assert read_matter_file(encode(document), schema())
    entry = document["matter"] if where == "matter" else document[where][0]
    path = "$.matter" if where == "matter" else f"$.{where}[0]"
    for value in blns:
        entry[key] = [value] if key.startswith("excluded_") else value
        found = _read(document)
        if isinstance(found, dict):
            assert [p for p in found if p.startswith(f"{path}.{key}")], (value, found)


def _country() -> st.SearchStrategy[str]:
    return st.sampled_from(["US", "GB", "CN", "IN", "DE", "JP", "CU", "KP", "AR"])


def _day() -> st.SearchStrategy[str]:
    days = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
    return days.map(date.isoformat)


def _person(index: int, text: st.SearchStrategy[str]) -> st.SearchStrategy[Json]:
    optional: dict[str, Any] = {
        "nationalities": st.lists(
            st.fixed_dictionaries({"country": _country()}, optional={"since": _day()}),
            max_size=3,
        ),
        "employed_since": _day() | st.none(),
        "regular_employee": st.booleans() | st.none(),
        "notes": text,
        "aliases": st.lists(text, max_size=2),
    }
    required = {"ref": st.just(f"p{index}"), "name": text.filter(str.strip)}
    people = st.fixed_dictionaries(required, optional=optional)
    return people.map(lambda p: {**p, "role": "foreign_national", "kind": "individual"})


@st.composite
def _documents(draw: st.DrawFn) -> Json:
    text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
    document = minimal(title=draw(text.filter(str.strip)), summary=draw(text))
    count = draw(st.integers(0, 4))
    document["parties"] = [draw(_person(i, text)) for i in range(count)]
    for i, party in enumerate(document["parties"]):
        if i and draw(st.booleans()):
            party["employer"] = f"p{draw(st.integers(0, count - 1))}"
    document["items"] = [
        {"ref": "w", "name": "weights", "training_ops": draw(st.floats(0, 1e30) | st.none())}
    ]
    return document


@settings(max_examples=60, deadline=None)
@given(_documents())
def test_a_valid_file_exports_to_bytes_that_read_and_export_the_same(document: Json) -> None:
    draft = _read(document)
    if isinstance(draft, dict):  # a random pattern may break a rule of the window: say where
        assert all(p.startswith("$.parties[") for p in draft), draft
        return
    exported = export_matter_file(draft)
    again = read_matter_file(exported, schema())
    assert again == draft
    assert export_matter_file(again) == exported
