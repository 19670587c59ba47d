"""Recordkeeping (Part 762): retention end, legal holds, the trash and purge.

Every refused deletion is audited in its own entry and changes nothing else; purge deletes every
row of a matter through audited deletes and removes only the originals nothing else names.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from desktop_app.core.after_license import is_open
from desktop_app.core.authorizations import ConditionStatus
from desktop_app.core.condition_states import allowed_next
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import Filing, Outcome, ParsedFile
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter, Note
from desktop_app.core.obligations import ConditionService
from desktop_app.core.retention import (
    LegalHold,
    RefusedError,
    RetentionTrigger,
    TriggerKind,
    retain_until,
)
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.retention_state import RetentionState, deletion_refusal
from desktop_app.core.search_query import parse_query
from desktop_app.core.services import MatterService
from desktop_app.errors import TrashedMatterError, ValidationError
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.audit import first_break
from desktop_app.storage.codec import TABLES
from desktop_app.storage.library import Library
from desktop_app.storage.search import search
from tests.conftest import TODAY

Snapshot = dict[str, list[str]]
EXPORT = TriggerKind.EXPORT_DATE


@pytest.fixture
def retention(library: Library) -> RetentionService:
    return RetentionService(library, "counsel", library.blobs, today=lambda: TODAY)


@pytest.fixture
def matter(service: MatterService) -> Matter:
    made = Matter("Meridian 5 weights to Thistlegate", MatterKind.AUTHORIZATION_LETTER)
    return service.create_matter(made).record


def _snapshot(library: Library) -> Snapshot:
    """Every row of every table but the audit chain (and SQLite's own)."""
    names = [
        row[0]
        for row in library.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'audit' ORDER BY name"
        )
    ]
    return {
        name: sorted(repr(tuple(r)) for r in library.db.execute(f"SELECT * FROM [{name}]"))
        for name in names
    }


def _refusals(library: Library) -> list[dict[str, str]]:
    rows = library.db.execute("SELECT after FROM audit WHERE action = 'refused' ORDER BY seq")
    return [json.loads(r[0]) for r in rows]


def _audit_count(library: Library) -> int:
    return int(library.db.execute("SELECT count(*) FROM audit").fetchone()[0])


def _expect_refusal(library: Library, attempt: Callable[[], object], *words: str) -> RefusedError:
    """Run ``attempt``: it must be refused, audited once, and change nothing else."""
    before, audited = _snapshot(library), _audit_count(library)
    with pytest.raises(RefusedError) as caught:
        attempt()
    assert not library.db.conn.in_transaction
    assert _snapshot(library) == before
    assert _audit_count(library) == audited + 1
    last = _refusals(library)[-1]
    assert last["reason"] == caught.value.message
    for word in words:
        assert word in caught.value.message
    assert first_break(queries.audit_entries(library.db)) is None
    return caught.value


# -- the five years ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "until"),
    [
        (date(2026, 3, 1), date(2031, 3, 1)),
        (date(2020, 12, 31), date(2025, 12, 31)),
        (date(2024, 2, 29), date(2029, 2, 28)),  # 2029 is a common year: 28 February
        (date(2023, 2, 28), date(2028, 2, 28)),
        (date(2003, 2, 28), date(2008, 2, 28)),
    ],
)
def test_retention_ends_five_calendar_years_after_the_trigger(trigger: date, until: date) -> None:
    assert retain_until(trigger) == until


def test_the_latest_trigger_counts_and_deletion_waits_until_the_day_after(matter: Matter) -> None:
    triggers = (
        RetentionTrigger(matter.id, EXPORT, date(2019, 5, 1)),
        RetentionTrigger(
            matter.id, TriggerKind.OTHER_TERMINATION_OF_TRANSACTION, date(2020, 2, 29)
        ),
        RetentionTrigger(matter.id, TriggerKind.BOYCOTT_REQUEST_RECEIPT, date(2018, 1, 1)),
    )
    state = RetentionState(matter, triggers)
    assert state.retain_until(TODAY) == date(2025, 2, 28)
    last_day = deletion_refusal(state, date(2025, 2, 28))
    assert last_day is not None
    assert "until 2025-02-28" in last_day
    assert "from 2025-03-01" in last_day
    assert "other termination of the transaction on 2020-02-29" in last_day
    assert deletion_refusal(state, date(2025, 3, 1)) is None
    assert RetentionState(matter).retain_until(TODAY) is None


def test_a_trigger_in_the_future_is_refused(retention: RetentionService, matter: Matter) -> None:
    with pytest.raises(ValidationError) as caught:
        retention.add_trigger(RetentionTrigger(matter.id, EXPORT, date(2026, 11, 28)))
    assert "occurred_on" in caught.value.fields


# -- refusals ---------------------------------------------------------------------------------


def test_trash_is_refused_with_unknown_retention(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    refused = _expect_refusal(
        library, lambda: retention.trash(matter.id), "record the event that starts it first"
    )
    assert refused.exit_code == 2
    assert _refusals(library)[-1]["attempt"] == "move to trash"


def test_trash_is_refused_before_retention_ends(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    retention.add_trigger(
        RetentionTrigger(matter.id, EXPORT, date(2024, 2, 29), "first shipment"), confirmed=True
    )
    _expect_refusal(
        library, lambda: retention.trash(matter.id), "until 2029-02-28", "from 2029-03-01"
    )


def test_trash_is_refused_under_hold_even_after_retention(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    retention.add_trigger(RetentionTrigger(matter.id, EXPORT, date(2015, 6, 1)), confirmed=True)
    retention.place_hold(LegalHold(matter.id, "BIS Office of Export Enforcement", date(2026, 9, 1)))
    _expect_refusal(
        library,
        lambda: retention.trash(matter.id),
        "legal hold",
        "BIS Office of Export Enforcement",
        "2026-09-01",
    )


def test_refusals_are_kept_by_the_library(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    with pytest.raises(RefusedError):
        retention.trash(matter.id)
    with pytest.raises(RefusedError):
        retention.purge(matter.id)
    history = queries.history(library.db, matter.id)
    assert [e.action for e in history[:2]] == ["refused", "refused"]
    assert all(e.entity == "matters" and e.entity_id == matter.id for e in history[:2])


# -- the trash --------------------------------------------------------------------------------


def _old_enough(retention: RetentionService, matter_id: int) -> None:
    retention.add_trigger(RetentionTrigger(matter_id, EXPORT, date(2020, 1, 10)), confirmed=True)


LATER = date(2040, 1, 2)  # the sample licenses long expired, their retention over


def _ended(library: Library, matter_id: int) -> RetentionService:
    """Close the matter's open conditions (with a reason) and answer as of `LATER`."""
    conditions = ConditionService(library, "counsel")
    for condition in queries.decisions(library.db, matter_id).conditions:
        if not is_open(condition):
            continue
        current = condition
        if ConditionStatus.CLOSED not in allowed_next(current):
            current = conditions.transition(
                current.id, ConditionStatus.ACKNOWLEDGED, TODAY, "acknowledged"
            )
        conditions.transition(current.id, ConditionStatus.CLOSED, TODAY, "matter ended")
    return RetentionService(library, "counsel", library.blobs, today=lambda: LATER)


def test_trash_hides_a_matter_and_restore_brings_it_back(
    library: Library, retention: RetentionService
) -> None:
    added = add_sample_matters(library)
    target = added[0]
    _old_enough(retention, target.id)
    retention = _ended(library, target.id)
    words = parse_query(target.title.split()[0])
    assert any(h.matter_id == target.id for h in search(library.db, words))
    assert any(m.id == target.id for m in queries.library_facts(library.db).matters)

    retention.trash(target.id, no_ofac_party=True)
    assert retention.trash(target.id).matter_id == target.id  # again: nothing more happens
    assert target.id not in [s.matter.id for s in queries.docket(library.db)]
    assert [s.matter.id for s in queries.trashed(library.db)] == [target.id]
    facts = queries.library_facts(library.db)
    assert target.id not in {m.id for m in facts.matters}
    assert target.id not in {c.matter_id for c in facts.conditions}
    assert target.id not in {x.matter_id for x in facts.licenses}
    assert all(h.matter_id != target.id for h in search(library.db, words))
    assert all(h.matter_id != target.id for h in search(library.db, words, literal=True))
    assert queries.retention_state(library.db, target).trash is not None
    assert queries.matter_record(library.db, target).matter == target  # `show` still finds it

    retention.restore(target.id)
    assert target.id in [s.matter.id for s in queries.docket(library.db)]
    assert queries.trashed(library.db) == []
    assert any(h.matter_id == target.id for h in search(library.db, words))
    with pytest.raises(ValidationError):
        retention.restore(target.id)
    assert first_break(queries.audit_entries(library.db)) is None


def test_a_trashed_matter_takes_no_documents_or_memos_until_restored(
    library: Library, retention: RetentionService, tmp_path: Path
) -> None:
    target = add_sample_matters(library)[0]
    _old_enough(retention, target.id)
    retention = _ended(library, target.id)
    retention.trash(target.id, no_ofac_party=True)
    filer = CorrespondenceService(library, library.blobs, "counsel")
    before = _matter_rows(library, target.id)
    memo = ParsedFile("memo.pdf", "application/pdf", b"%PDF-1.7 memo")
    with pytest.raises(TrashedMatterError, match=rf"{target.number} is in the trash"):
        filer.file(target.id, "memo.pdf", memo, Filing(note="Issued memo"))
    letter = tmp_path / "letter.txt"
    letter.write_text("a letter", encoding="utf-8")
    read: list[Path] = []

    def reader(path: Path, _staging: Path) -> ParsedFile:
        read.append(path)
        return ParsedFile(path.name, "text/plain", path.read_bytes())

    with pytest.raises(TrashedMatterError, match=r"untrash"):
        filer.import_paths(target.id, [letter], reader)
    assert read == []  # refused before any file was read
    assert _matter_rows(library, target.id) == before
    assert list(library.paths.staging.iterdir()) == []
    retention.restore(target.id)
    assert filer.file(target.id, "memo.pdf", memo).outcome is Outcome.IMPORTED


# -- purge ------------------------------------------------------------------------------------


def _key(table: str) -> str:
    return "id" if table == "matters" else "matter_id"


def _matter_rows(library: Library, matter_id: int) -> dict[str, int]:
    counts = {
        table: int(
            library.db.execute(
                f"SELECT count(*) FROM [{table}] WHERE {_key(table)} = ?",
                [matter_id],
            ).fetchone()[0]
        )
        for kind, table in TABLES.items()
        if kind is Matter or "matter_id" in {f.name for f in fields(kind)}  # not library-wide
    }
    return {table: n for table, n in counts.items() if n}


def test_purge_deletes_every_row_with_one_audited_delete_each(
    library: Library, retention: RetentionService
) -> None:
    added = add_sample_matters(library)
    target = max(added, key=lambda m: len(_matter_rows(library, m.id)))
    MatterService(library, "counsel").add_note(Note(target.id, "kept until purge"))
    _old_enough(retention, target.id)
    retention = _ended(library, target.id)
    retention.place_hold(LegalHold(target.id, "DOJ", date(2026, 1, 5)))
    hold = queries.retention_state(library.db, target).holds[0]
    retention.release_hold(hold.id, date(2026, 6, 1), "DOJ letter of 2026-06-01")
    retention.trash(target.id, no_ofac_party=True)
    rows = _matter_rows(library, target.id)
    assert {"documents", "parties", "conditions", "legal_holds", "trash"} <= set(rows)
    doc_ids = [d.id for d in queries.documents(library.db, target.id)]
    others = _snapshot(library)
    start = _audit_count(library)

    purged = retention.purge(target.id)

    assert purged.rows == sum(rows.values())
    assert _matter_rows(library, target.id) == {}
    text = library.db.execute(
        f"SELECT count(*) FROM document_text WHERE document_id IN ({','.join('?' * len(doc_ids))})",
        doc_ids,
    ).fetchone()[0]
    assert text == 0
    entries = library.db.execute(
        "SELECT count(*) FROM search_entries WHERE matter_id = ?", [target.id]
    ).fetchone()[0]
    assert entries == 0
    after_purge = [e for e in queries.audit_entries(library.db) if e.seq > start]
    retired = [e for e in after_purge if e.entity == "settings"]
    assert len(retired) == 1  # the number is kept from being given again
    assert target.number in (retired[0].after or "")
    deletes = [e for e in after_purge if e.entity != "settings"]
    texts = len([e for e in deletes if e.entity == "document_text"])
    assert texts == len(doc_ids)  # each document's text goes with an audited delete of its hash
    rows["document_text"] = texts
    assert len(deletes) == sum(rows.values())
    assert all(e.action == "delete" and e.matter_id == target.id for e in deletes)
    per_table: dict[str, int] = {}
    for e in deletes:
        per_table[e.entity] = per_table.get(e.entity, 0) + 1
    assert per_table == rows
    assert first_break(queries.audit_entries(library.db)) is None
    assert deletes[-1].entity == "matters"
    # the other matters are untouched
    after = _snapshot(library)
    for other in added:
        if other.id != target.id:
            assert _matter_rows(library, other.id)
    assert len(after["matters"]) == len(others["matters"]) - 1
    for blob in purged.blobs_removed:
        assert not library.blobs.path(blob).exists()
        assert queries.blob_fixity(library.db, blob) is None


def test_purge_removes_only_the_originals_no_one_else_names(
    library: Library, retention: RetentionService, service: MatterService
) -> None:
    filer = CorrespondenceService(library, library.blobs, "counsel")
    one = service.create_matter(Matter("one", MatterKind.INTERNAL_REVIEW)).record
    two = service.create_matter(Matter("two", MatterKind.INTERNAL_REVIEW)).record
    shared = ParsedFile("shared.txt", "text/plain", b"the same bytes on two matters", text="x")
    own = ParsedFile("own.txt", "text/plain", b"bytes only matter one has", text="y")
    for parsed in (shared, own):
        filer.file(one.id, parsed.filename, parsed, Filing())
    filer.file(two.id, shared.filename, shared, Filing())
    own_sha, shared_sha = (
        next(d.sha256 for d in queries.documents(library.db, one.id) if d.filename == name)
        for name in ("own.txt", "shared.txt")
    )
    _old_enough(retention, one.id)
    retention.trash(one.id, no_ofac_party=True)

    purged = retention.purge(one.id)

    assert purged.blobs_removed == (own_sha,)
    assert not library.blobs.path(own_sha).exists()
    assert queries.blob_fixity(library.db, own_sha) is None
    assert library.blobs.read(shared_sha) == b"the same bytes on two matters"
    assert queries.blob_fixity(library.db, shared_sha) is not None
    assert [d.sha256 for d in queries.documents(library.db, two.id)] == [shared_sha]


def test_a_hold_placed_after_trashing_blocks_purge(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    _old_enough(retention, matter.id)
    retention.trash(matter.id, no_ofac_party=True)
    hold = retention.place_hold(LegalHold(matter.id, "BIS", date(2026, 11, 2), note="subpoena"))
    _expect_refusal(library, lambda: retention.purge(matter.id), "legal hold", "BIS")
    retention.release_hold(hold.id, TODAY, "written authorization from BIS")
    assert retention.purge(matter.id).rows == 4  # trigger, hold, trash entry, the matter


def test_purge_is_refused_outside_the_trash(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    _old_enough(retention, matter.id)
    _expect_refusal(library, lambda: retention.purge(matter.id), "move it to the trash first")


def test_no_deletion_path_succeeds_under_hold(
    library: Library, retention: RetentionService, service: MatterService
) -> None:
    """0 of N attempts, through every path this layer exposes, and each audited.

    docs/reliability.md T8.
    """
    attempts: list[Callable[[], object]] = []
    for n in range(5):
        m = service.create_matter(Matter(f"held {n}", MatterKind.INTERNAL_REVIEW)).record
        event = RetentionTrigger(m.id, EXPORT, date(2019, 1, n + 1))
        trigger = retention.add_trigger(event, confirmed=True)
        if n % 2:
            retention.trash(m.id, no_ofac_party=True)  # trashed before the hold came
        retention.place_hold(LegalHold(m.id, f"agency {n}", date(2026, 10, 1)))
        attempts += [
            partial(retention.trash, m.id),
            partial(retention.purge, m.id),
            partial(retention.remove_trigger, trigger.id),
        ]
    succeeded = 0
    for attempt in attempts:
        before = _snapshot(library)
        try:
            attempt()
            succeeded += 1
        except RefusedError:
            assert _snapshot(library) == before
    assert succeeded == 0
    assert len(_refusals(library)) == len(attempts)
    assert len(queries.trashed(library.db)) == 2
    assert first_break(queries.audit_entries(library.db)) is None


# -- holds ------------------------------------------------------------------------------------


def test_hold_input_is_checked_and_a_refused_hold_changes_nothing(
    library: Library, retention: RetentionService, matter: Matter
) -> None:
    before = _snapshot(library), _audit_count(library)
    for bad in (
        LegalHold(matter.id, "  ", date(2026, 1, 1)),
        LegalHold(matter.id, "BIS", date(2026, 11, 28)),
        LegalHold(matter.id, "BIS", date(2026, 1, 1), released_on=date(2026, 2, 1)),
    ):
        with pytest.raises(ValidationError):
            retention.place_hold(bad)
    assert (_snapshot(library), _audit_count(library)) == before
    hold = retention.place_hold(LegalHold(matter.id, "BIS", date(2026, 5, 1)))
    assert queries.retention_state(library.db, matter).on_hold
    with pytest.raises(ValidationError):
        retention.release_hold(hold.id, date(2026, 4, 30))
    released = retention.release_hold(hold.id, date(2026, 5, 2), "BIS e-mail")
    assert not queries.retention_state(library.db, matter).on_hold
    with pytest.raises(ValidationError):
        retention.release_hold(hold.id, date(2026, 5, 3))
    assert queries.retention_state(library.db, matter).holds == (released,)
    actions = [e.action for e in queries.history(library.db, matter.id)[:2]]
    assert actions == ["update", "insert"]
