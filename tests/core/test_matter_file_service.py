"""Loading a matter file into a real library: one transaction, every row audited, links made,
the same bytes exported back, and nothing at all left behind when a load fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pytest

from desktop_app.core.matter_file import export_matter_file, read_matter_file
from desktop_app.core.matter_file_format import MAX_RECORDS, MatterFileError
from desktop_app.core.matter_file_service import MatterFileService
from desktop_app.core.models import Matter, MatterRecord
from desktop_app.core.ports import UnitOfWork
from desktop_app.storage import queries
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library
from tests.core.matter_file_data import Json, encode, full, minimal, schema

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
Rows = dict[str, list[tuple[Any, ...]]]


def _service(library: Library) -> MatterFileService:
    return MatterFileService(library, "counsel", today=lambda: TODAY, now=lambda: NOW)


def _load(library: Library, document: Json, *, new_number: bool = False) -> Matter:
    draft = read_matter_file(encode(document), schema())
    return _service(library).load(draft, new_number=new_number)


def _stored(library: Library, matter: Matter) -> MatterRecord:
    return queries.matter_record(library.db, matter)


def _everything(library: Library) -> Rows:
    tables = [
        row[0] for row in library.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {t: list(library.db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in tables}


def test_a_full_file_is_stored_linked_audited_and_exports_to_the_same_bytes(
    library: Library,
) -> None:
    draft = read_matter_file(encode(full()), schema())
    matter = _service(library).load(draft)
    record = _stored(library, matter)
    assert matter.number == "EC-2026-0101"
    mira, orrin, kestrel = record.parties
    assert mira.employer_id == kestrel.id
    assert record.decisions.annex_rows[0].party_id == kestrel.id
    assert record.decisions.letters[0].addressee_id == orrin.id
    condition = record.decisions.conditions[0]
    assert {e.condition_id for e in record.decisions.condition_log} == {condition.id}
    assert record.decisions.determinations[0].activity_ids == (record.activities[0].id,)
    assert export_matter_file(record) == export_matter_file(draft)
    assert verify_library(library).ok


def test_what_the_file_leaves_out_is_filled_in_as_the_window_does(library: Library) -> None:
    document = minimal()
    document["notes"] = [{"text": "Call BIS on Monday."}]
    matter = _load(library, document)
    assert (matter.number, matter.opened) == ("EC-2026-0001", TODAY)
    note = _stored(library, matter).notes[0]
    assert (note.author, note.created_at) == ("counsel", "2026-11-27T09:30:00+00:00")


def test_an_employer_listed_after_its_employee_is_linked_and_the_order_kept(
    library: Library,
) -> None:
    document = minimal()
    document["parties"] = [
        {
            "ref": "wen",
            "name": "Wen Li",
            "role": "foreign_national",
            "kind": "individual",
            "employer": "acme",
        },
        {"ref": "acme", "name": "Acme AI", "role": "applicant"},
    ]
    wen, acme = _stored(library, _load(library, document)).parties
    assert (wen.name, wen.employer_id) == ("Wen Li", acme.id)


def test_a_number_the_library_has_is_refused_and_nothing_changes(library: Library) -> None:
    _load(library, full())
    before = _everything(library)
    with pytest.raises(MatterFileError) as refused:
        _load(library, full())
    assert list(refused.value.fields) == ["$.matter.number"]
    assert "already has matter EC-2026-0101" in refused.value.message
    assert _everything(library) == before
    assert _load(library, full(), new_number=True).number == "EC-2026-0102"


class _FailingTx:
    """A unit of work whose ``after``-th insert fails, as a full disk would."""

    def __init__(self, tx: UnitOfWork, count: list[int], after: int) -> None:
        self._tx, self._count, self._after = tx, count, after

    def insert(self, record: Any) -> Any:
        self._count[0] += 1
        if self._count[0] >= self._after:
            raise OSError("disk full")
        return self._tx.insert(record)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


class _FailingStore:
    def __init__(self, library: Library, after: int) -> None:
        self._library, self._after, self._count = library, after, [0]

    @contextmanager
    def transaction(self, actor: str) -> Iterator[Any]:
        with self._library.transaction(actor) as tx:
            yield _FailingTx(tx, self._count, self._after)


@pytest.mark.parametrize("after", [1, 2, 7, 15])
def test_a_failure_in_the_middle_leaves_the_library_as_it_was(library: Library, after: int) -> None:
    _load(library, minimal(title="Already here"))
    before = _everything(library)
    draft = read_matter_file(encode(full()), schema())
    with pytest.raises(OSError, match="disk full"):
        MatterFileService(_FailingStore(library, after), "counsel").load(draft)
    assert _everything(library) == before


def test_ten_thousand_parties_load(library: Library) -> None:
    document = minimal()
    document["parties"] = [
        {
            "name": f"Person {i}",
            "role": "foreign_national",
            "kind": "individual",
            "nationalities": [{"country": "IN"}],
        }
        for i in range(MAX_RECORDS)
    ]
    matter = _load(library, document)
    assert len(_stored(library, matter).parties) == MAX_RECORDS


def test_every_naughty_string_survives_the_library_byte_for_byte(
    library: Library, blns: list[str]
) -> None:
    document = full()
    kept = [s for s in blns if s.strip()]
    document["parties"] += [
        {"name": s, "role": "other", "address": s, "aliases": [s], "visa_type": s, "notes": s}
        for s in kept
    ]
    document["items"] += [
        {"name": s, "description": s, "model_name": s, "model_version": s, "hosting_location": s}
        for s in kept
    ]
    document["letters"][0]["annex_a"] += [
        {"row_no": i + 2, "name_as_written": s, "address_as_written": s, "country": s}
        for i, s in enumerate(kept)
    ]
    document["conditions"][0]["log"] += [
        {"kind": "note", "on": "2026-08-01", "note": s} for s in kept
    ]
    document["determinations"] += [
        {
            "kind": "internal_determination",
            "decided_on": "2026-08-01",
            "decided_by": "internal_counsel",
            "decider_name": s,
            "reference": s,
            "excerpt": s,
            "regulation_edition": s,
            "enforcement_note": s,
            "license_exception": s,
        }
        for s in kept
    ]
    document["notes"] += [{"text": s, "author": s, "created_at": NOW.isoformat()} for s in kept]
    draft = read_matter_file(encode(document), schema())
    stored = _stored(library, _service(library).load(draft))
    assert export_matter_file(stored) == export_matter_file(draft)
    assert [p.name for p in stored.parties][3:] == kept
