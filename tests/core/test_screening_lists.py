"""Editions compared entry by entry: keys that survive the next edition, content by digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.screening_lists import ListEdition, ListEntry, changes, entry_key, list_code

ENTRY = ListEntry(
    key="EL:1234",
    list_code="EL",
    list_name="Entity List (EL) - Bureau of Industry and Security",
    name="Northwind Quantum Ltd.",
    aliases=("NQL",),
    countries=("HK",),
    entity_number="1234",
    license_policy="Presumption of denial.",
)


def _edition(*entries: ListEntry) -> ListEdition:
    return ListEdition(date(2026, 12, 1), "0" * 64, "test", entries)


def test_a_list_is_known_by_the_code_in_its_name() -> None:
    assert list_code("Entity List (EL) - Bureau of Industry and Security") == "EL"
    assert list_code("Specially Designated Nationals (SDN) - Treasury Department") == "SDN"


def test_a_key_is_the_number_or_else_the_folded_name() -> None:
    assert entry_key("EL", " 1234 ", "Anything") == "EL:1234"
    assert entry_key("DPL", "", "JOHN  B. Doe") == entry_key("DPL", "", "John B Doe")


def test_changes_name_what_was_added_removed_and_changed() -> None:
    other = replace(ENTRY, key="EL:5678", entity_number="5678", name="Other Co")
    stays = replace(ENTRY, key="SDN:1", list_code="SDN", name="Stays the Same")
    before = _edition(ENTRY, other, stays)
    after = _edition(replace(ENTRY, license_policy="Case-by-case review."), stays)
    found = changes(before, after)
    assert found.added == frozenset()
    assert found.removed == {"EL:5678"}
    assert found.changed == {"EL:1234"}
    assert found.touched == {"EL:1234", "EL:5678"}


def test_an_unchanged_entry_keeps_its_digest() -> None:
    assert replace(ENTRY).digest == ENTRY.digest
    assert replace(ENTRY, aliases=("NQL", "Northwind")).digest != ENTRY.digest
    assert replace(ENTRY, url="https://example.org/moved").digest == ENTRY.digest  # not relied on
