"""Reading and writing matter files without a library: the schema, every kind of bad input
named by its JSON path, the checks the window applies, and export in one spelling."""

from __future__ import annotations

import json
import typing
from dataclasses import MISSING, fields
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from desktop_app.assets import read_bytes
from desktop_app.core.authorizations import ConditionStatus, LicenseStatus
from desktop_app.core.enums import MatterStatus
from desktop_app.core.matter_file import export_matter_file, read_matter_file
from desktop_app.core.matter_file_format import (
    LISTS,
    MAX_BYTES,
    MAX_RECORDS,
    NESTED,
    RECORD_TYPES,
    MatterFileError,
    field_keys,
    file_keys,
    hints,
)
from desktop_app.core.matter_status import FOLLOWS
from desktop_app.core.models import Matter, Nationality
from desktop_app.core.validation import FIRST_YEAR, LAST_YEAR, MAX_ROW, MAX_TEXT
from tests.core.matter_file_data import SCHEMA_PATH, Json, encode, full, minimal, schema

DOCS = Path(__file__).parents[2] / "docs"


def problems(document: Any) -> dict[str, str]:
    """What read_matter_file says is wrong with a document (it must refuse it)."""
    data = document if isinstance(document, bytes) else encode(document)
    with pytest.raises(MatterFileError) as refused:
        read_matter_file(data, schema())
    assert refused.value.exit_code == 2
    return refused.value.fields


def _def(record_type: type) -> Json:
    """The one definition of the schema whose keys are those export writes for the type."""
    defs: Json = schema()["$defs"]
    found: list[Json] = [
        d for d in defs.values() if list(d.get("properties", {})) == file_keys(record_type)
    ]
    assert len(found) == 1, record_type
    return found[0]


# --- the schema and the code say the same -------------------------------------------------


def test_the_shipped_schema_is_the_documented_one_byte_for_byte() -> None:
    assert read_bytes("schema/matter-file.schema.json") == SCHEMA_PATH.read_bytes()
    Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.__name__)
def test_every_field_has_its_key_in_export_order_required_when_it_has_no_default(
    record_type: type,
) -> None:
    definition = _def(record_type)
    assert definition["additionalProperties"] is False
    no_default = {
        f.name for f in fields(record_type) if f.default is MISSING and f.default_factory is MISSING
    }
    needed = [key for key, field in field_keys(record_type) if field in no_default]
    assert definition.get("required", []) == needed


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.__name__)
def test_every_enum_of_the_schema_lists_the_values_the_code_has(record_type: type) -> None:
    properties = _def(record_type)["properties"]
    for field, hint in hints(record_type).items():
        enum = _enum_of(hint)
        if enum is None or field not in properties:
            continue
        listed = properties[field].get("enum") or properties[field]["items"]["enum"]
        assert [v for v in listed if v is not None] == [m.value for m in enum], field


def _enum_of(hint: Any) -> type[Enum] | None:
    for arg in (hint, *typing.get_args(hint)):
        inner = typing.get_args(arg)[0] if typing.get_origin(arg) is tuple else arg
        if isinstance(inner, type) and issubclass(inner, Enum):
            return inner
    return None


def test_the_schema_states_the_limits_the_app_applies() -> None:
    defs = schema()["$defs"]
    assert defs["text"]["maxLength"] == MAX_TEXT
    assert all(schema()["properties"][k.key]["maxItems"] == MAX_RECORDS for k in LISTS)
    assert defs["party"]["properties"]["annex_row"]["maximum"] == MAX_ROW
    assert f"{FIRST_YEAR} to {LAST_YEAR}" in defs["date"]["description"]


def test_the_example_in_the_docs_loads_and_every_key_of_the_full_file_is_known() -> None:
    text = (DOCS / "matter-file.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    draft = read_matter_file(example.encode("utf-8"), schema())
    assert draft.parties
    assert draft.decisions.letters
    assert draft.decisions.annex_rows
    document = full()
    for kind in LISTS:
        for key in file_keys(kind.record):
            assert any(key in entry for entry in document[kind.key]), (kind.key, key)
    assert set(file_keys(Matter)) <= set(document["matter"])
    assert set(file_keys(Nationality)) <= set(document["parties"][0]["nationalities"][0])
    for owner, (key, sub, _parent) in NESTED.items():
        entries = [s for e in document[next(k.key for k in LISTS if k.record is owner)]
                   for s in e[key]]  # fmt: skip
        assert all(any(k in s for s in entries) for k in file_keys(sub)), key


# --- what a file says, and export ---------------------------------------------------------


def test_a_full_file_reads_into_linked_records_and_exports_in_one_spelling() -> None:
    draft = read_matter_file(encode(full()), schema())
    mira, orrin, kestrel = draft.parties
    assert mira.employer_id == kestrel.id
    assert mira.nationalities[1].since is None
    activity = draft.activities[0]
    assert (activity.party_id, activity.item_id) == (mira.id, draft.items[0].id)
    letter = draft.decisions.letters[0]
    assert letter.addressee_id == orrin.id
    assert letter.excluded_destinations == ("D:5", "KP")
    assert draft.decisions.annex_rows[0].party_id == kestrel.id
    assert draft.decisions.licenses[0].status is LicenseStatus.ACTIVE
    assert [e.party_id for e in draft.decisions.condition_log] == [kestrel.id, None, None]
    exported = export_matter_file(draft)
    assert export_matter_file(read_matter_file(exported, schema())) == exported
    assert exported.endswith(b"}\n")
    assert b'"ref": "party-3"' in exported
    assert list(json.loads(exported)["parties"][0]) == file_keys(type(mira))


def test_left_out_values_take_the_window_defaults() -> None:
    document = minimal()
    document["clock_events"] = [{"kind": "registered", "on": "2026-06-02"}]
    document["conditions"] = [
        {"kind": "internal_safeguard", "category": "monitoring", "text": "Log every access."}
    ]
    draft = read_matter_file(encode(document), schema())
    assert draft.matter.status is MatterStatus.UNDER_REVIEW
    assert draft.matter.status_reason.startswith(FOLLOWS)
    assert draft.decisions.conditions[0].status is ConditionStatus.ACTIVE
    assert draft.matter.number == ""
    assert draft.matter.opened is None


# --- bad input: each problem at its path --------------------------------------------------


def test_unknown_keys_anywhere_are_named() -> None:
    document = full()
    document["colour"] = "blue"
    document["parties"][0]["nickname"] = "Mir"
    document["parties"][0]["nationalities"][0]["passport"] = "X1"
    document["letters"][0]["annex_a"][0]["weird key!"] = 1
    found = problems(document)
    assert found["$.colour"].startswith("unknown key;")
    assert "a party has: ref, name, role" in found["$.parties[0].nickname"]
    assert "$.parties[0].nationalities[0].passport" in found
    assert found['$.letters[0].annex_a[0]["weird key!"]'].startswith("unknown key; an Annex A")


def test_wrong_types_and_values_are_named_every_one() -> None:
    document = full()
    document["parties"][0]["annex_row"] = "one"
    document["parties"][1]["role"] = "boss"
    document["items"][0]["weights_published"] = "no"
    document["activities"] = {"ref": "not a list"}
    document["matter"]["title"] = None
    del document["licenses"][0]["number"]
    found = problems(document)
    assert found["$.parties[0].annex_row"] == "must be a whole number or null, not text"
    assert found["$.parties[1].role"].startswith('"boss" is not one of: applicant, ')
    assert found["$.items[0].weights_published"] == "must be true or false or null, not text"
    assert found["$.activities"] == "must be a list, not an object"
    assert found["$.matter.title"] == "must be text, not null"
    assert found["$.licenses[0].number"] == "missing: a license needs it"


def test_dangling_and_repeated_refs_are_named_with_the_schema_problems() -> None:
    document = full()
    document["activities"][0]["party"] = "bob"
    document["licenses"][0]["parties"] = ["kestrel", "nobody"]
    document["letters"][0]["annex_a"][0]["party"] = "ghost"
    document["conditions"][0]["log"][0]["party"] = "ghost"
    document["parties"][2]["ref"] = "mira"
    document["items"][0]["eccn"] = 4
    found = problems(document)
    assert found["$.activities[0].party"] == 'no party of this file has the ref "bob"'
    assert found["$.licenses[0].parties[1]"] == 'no party of this file has the ref "nobody"'
    assert "$.letters[0].annex_a[0].party" in found
    assert "$.conditions[0].log[0].party" in found
    assert found["$.parties[2].ref"].startswith('"mira" is already the ref of $.parties[0]')
    assert found["$.items[0].eccn"] == "must be text, not a number"


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("1899-12-31", "between 1900 and 2200"),
        ("2201-01-01", "between 1900 and 2200"),
        ("2026-02-30", "is not a date of the calendar"),
        ("26/06/2026", "is not a date YYYY-MM-DD"),
    ],
)
def test_dates_out_of_range_or_not_dates_are_named(day: str, says: str) -> None:
    document = full()
    document["parties"][0]["nationalities"][0]["since"] = day
    assert says in problems(document)["$.parties[0].nationalities[0].since"]


def test_more_than_ten_thousand_records_in_a_list_is_refused_naming_the_list() -> None:
    document = minimal()
    document["notes"] = [{"text": "n"}] * (MAX_RECORDS + 1)
    assert problems(document) == {"$.notes": "has 10,001 entries; at most 10,000 are allowed"}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b'{"format": "compliance-desk/matter", "format": "x"}', "$.format"),
        (b'{"a": [{"b": 1, "b": 2}]}', "$.a[0].b"),
        (b"[NaN]", "NaN is not a number"),
        (b'{"x": -Infinity}', "-Infinity is not a number"),
        (b'{"x": 1e999}', "1e999 is not one a matter file can hold"),
        (b'{"x": ' + b"9" * 5000 + b"}", "5,000 digits"),
        ('{"title": "caf\xe9"}'.encode("latin-1"), "not UTF-8 text (byte 14 "),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": ', "not JSON: Expecting value at line 1 column 12"),
        (b"", "not JSON"),
        (b"[]", "a matter file is a JSON object"),
        (b'{"format": "vcard"}', 'format must be "compliance-desk/matter", not "vcard"'),
        (b'{"format": "compliance-desk/matter", "version": 2}', "reads version 1"),
        (b" " * (MAX_BYTES + 1), f"{MAX_BYTES:,} bytes (20 MiB)"),
        (b"[" + b"{}," * 2_000_000 + b"{}]", "more than 2,000,000 values"),
    ],
)
def test_text_that_is_not_a_matter_file_gets_a_clear_message(data: bytes, says: str) -> None:
    found = problems(data)
    assert any(says in f"{path}: {why}" for path, why in found.items()), found


def test_a_byte_order_mark_is_allowed() -> None:
    assert read_matter_file(b"\xef\xbb\xbf" + encode(minimal()), schema()).matter.title


def test_the_message_lists_the_first_fifty_problems_and_counts_the_rest() -> None:
    document = minimal()
    document["parties"] = [{"name": 1, "role": "applicant"}] * 60
    with pytest.raises(MatterFileError) as refused:
        read_matter_file(encode(document), schema())
    lines = refused.value.message.splitlines()
    assert lines[0] == "the matter file was not loaded (60 problems; nothing changed):"
    assert lines[1] == "  $.parties[0].name: must be text, not a number"
    assert lines[-1] == "  … and 10 more"
    assert len(lines) == 52


def test_hostile_values_are_shown_short_and_visible() -> None:
    document = minimal()
    document["matter"]["kind"] = "\u202e" + "x" * 5000
    why = problems(document)["$.matter.kind"]
    assert "\\u202e" in why
    assert len(why) < 300


def test_a_code_with_a_final_newline_is_refused_not_kept() -> None:
    document = full()
    document["letters"][0]["excluded_destinations"] = ["D:5\n"]
    document["matter"]["number"] = "EC-2026-0101\n"
    found = problems(document)
    assert (
        "is not a country code (US, DE) or a Country Group"
        in found["$.letters[0].excluded_destinations[0]"]
    )
    assert found["$.matter.number"].startswith('"EC-2026-0101\\n" is not a matter number')


def test_a_file_of_millions_of_tiny_values_is_refused_before_the_schema_looks_at_them() -> None:
    document = minimal()
    document["matter"]["tags"] = [""] * 3_000_000
    assert problems(document) == {
        "$.matter.tags": "has 3,000,000 entries; at most 10,000 are allowed"
    }
    document = minimal()
    document["parties"] = [{"name": "a", "role": "other", "aliases": [""] * MAX_RECORDS}] * 250
    assert problems(document) == {
        "$": "the file holds more than 2,000,000 values; no matter file does"
    }
