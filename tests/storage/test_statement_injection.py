"""T2: an exception at every statement boundary of every write path leaves nothing behind.

docs/reliability.md T2. For each write path (one business operation through the services the window
and the command line call), the operation is run with a failure injected before its k-th SQL
statement, for every k from 1 until it runs to the end without reaching k. After each injected
failure: the failure propagates (as the sqlite3 error, or as a UserError made from it); the
logical dump of the whole database — every row of every table in ``sqlite_master``, FTS shadow
tables included, compared as its ``repr`` so types count too — is byte-identical to the dump
before; ``conn.in_transaction`` is False; nothing is left in ``staging/``. The run that reaches
the end is the operation's clean run: it must leave ``in_transaction`` False as well.

How the failure is injected. SQLite gives no hook that can raise into a statement from Python:
the trace callback's exceptions are swallowed, and an authorizer that returns SQLITE_DENY is
consulted only when a statement is prepared (Python's statement cache re-uses prepared
statements, so the k-th statement would not be denied reliably). So the test replaces the
library's connection (``library.db.conn``, which sqlite-utils' ``Database`` and
``Library.transaction`` both go through) by `Injector`, a proxy that counts every statement
the app hands to SQLite (``execute``, ``executemany``, ``executescript``, ``cursor().execute``)
and raises `InjectedFailure` (a ``sqlite3.OperationalError``) instead of running the k-th. That
is a failure exactly at the boundary before statement k, with the type a real SQLite failure
has. The clean run also records with ``set_trace_callback`` what reaches SQLite: the statements
that are not FTS5's own (traced as ``-- ...``) must be exactly the ones the injector counted,
so no statement of the app bypasses it.

Between runs the database is put back byte for byte with the SQLite backup API, so a failure
that sqlite-utils absorbs (it retries a ``RELEASE`` that failed) and lets the operation finish
is judged against the clean run's dump, and the next k starts from the same state either way.

Filing writes its originals to the blob store before the transaction that names them commits
(blobs.py: staging/ → fsync → os.replace into blobs/ → row); each new blob is announced by a
marker in staging/, and a rollback removes the new blobs no committed row names. So a failed
filing leaves nothing in ``blobs/`` and nothing in ``staging/``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any, cast

import pytest

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    ClockEvent,
    ClockEventKind,
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    Decider,
    Determination,
    DeterminationKind,
    LetterEffect,
    License,
    LogKind,
    ObligationKind,
)
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.decisions import DecisionService
from desktop_app.core.documents import Document, ParsedFile, Rejected
from desktop_app.core.drafts import MemoDraft, Paper
from desktop_app.core.enums import MatterKind, PartyKind, PartyRole, TransactionType
from desktop_app.core.memos import MemoService
from desktop_app.core.models import Activity, Item, Matter, Nationality, Note, Party
from desktop_app.core.obligations import ConditionService
from desktop_app.core.services import MatterService
from desktop_app.errors import UserError
from desktop_app.ingest.parse import parse_bytes
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library

FIXED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
ANNEX = "Row,Entity,Country\n1,Thistlegate Analytics Ltd,GB\n2,Kohaku Data K.K.,JP\n3,Unknown,DE\n"


class InjectedFailure(sqlite3.OperationalError):
    """The failure the test injects before a statement."""


class Injector:
    """The library's connection, with a failure before statement ``fail_at`` (0: never)."""

    def __init__(self, conn: sqlite3.Connection, fail_at: int = 0) -> None:
        self._conn = conn
        self.fail_at = fail_at
        self.count = 0
        self.fired = False

    def tick(self, sql: str) -> None:
        self.count += 1
        if self.count == self.fail_at:
            self.fired = True
            raise InjectedFailure(f"injected before statement {self.count}: {sql[:60]}")

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self.tick(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, rows: Iterable[Any]) -> sqlite3.Cursor:
        self.tick(sql)
        return self._conn.executemany(sql, rows)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        self.tick(sql)
        return self._conn.executescript(sql)

    def cursor(self) -> _Cursor:
        return _Cursor(self, self._conn.cursor())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _Cursor:
    def __init__(self, owner: Injector, cursor: sqlite3.Cursor) -> None:
        self._owner = owner
        self._cursor = cursor

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._owner.tick(sql)
        return self._cursor.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def full_dump(library: Library) -> str:
    """Every row of every table (FTS shadow tables too; not the virtual tables over them)."""
    conn = library.db.conn
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    dump = {name: sorted(conn.execute(f"SELECT * FROM [{name}]"), key=repr) for name in names}
    return repr(dump)


# --- the world every path starts from ------------------------------------------------------


@dataclass
class World:
    library: Library
    matters: MatterService
    decisions: DecisionService
    conditions: ConditionService
    memos: MemoService
    filing: CorrespondenceService
    matter: Matter
    employer: Party
    employee: Party
    spare: Party
    item: Item
    license: License
    condition: Condition
    document: Document


def _email() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Outside Counsel <counsel@example.com>"
    msg["To"] = "Export Compliance <exports@example.org>"
    msg["Subject"] = "Annex A scope"
    msg["Date"] = "Fri, 26 Jun 2026 10:00:00 +0000"
    msg["Message-ID"] = "<injection@example.com>"
    msg.set_content("Thistlegate is on Annex A; see the letter attached.\n")
    msg.add_attachment(
        b"%PDF-1.4\n% letter\n", maintype="application", subtype="pdf", filename="letter.pdf"
    )
    msg.add_attachment(b"row,entity\n1,Thistlegate\n", maintype="text", subtype="csv")
    return msg.as_bytes(policy=SMTP)


EMAIL = _email()


def build_world(paths: LibraryPaths) -> World:
    library = Library.open(paths, write=True, clock=lambda: FIXED)
    matters = MatterService(library, "counsel", today=lambda: TODAY, now=lambda: FIXED)
    decisions = DecisionService(library, "counsel")
    conditions = ConditionService(library, "counsel")
    memos = MemoService(library, "counsel", clock=lambda: "2026-11-27T09:30:00Z")
    filing = CorrespondenceService(library, library.blobs, "counsel", now=lambda: FIXED)
    matter = matters.create_matter(Matter("Letters", MatterKind.AUTHORIZATION_LETTER)).record
    employer = matters.add_party(
        Party(matter.id, "Thistlegate Analytics Ltd", PartyRole.ANNEX_A_ENTITY, country="GB")
    ).record
    employee = matters.add_party(
        Party(
            matter.id,
            "Mei Tanaka",
            PartyRole.FOREIGN_NATIONAL,
            kind=PartyKind.INDIVIDUAL,
            employer_id=employer.id,
            nationalities=(Nationality("JP"),),
        )
    ).record
    spare = matters.add_party(Party(matter.id, "Spare Ltd", PartyRole.OTHER)).record
    item = matters.add_item(Item(matter.id, "Model weights", eccn="4E091")).record
    license_ = decisions.add_license(License(matter.id, "D100001", date(2026, 1, 5)))
    condition = conditions.add_condition(
        Condition(
            matter.id,
            ConditionKind.LETTER_SAFEGUARD,
            ConditionCategory.MONITORING,
            "Quarterly access reports to BIS.",
            obligation=ObligationKind.RECURRING,
            first_due=date(2026, 10, 30),
            rrule="FREQ=MONTHLY;INTERVAL=3",
            status=ConditionStatus.IMPOSED,
        )
    )
    memos.save_draft(MemoDraft(matter.id, re="Annex A", facts="First draft."))
    filed = filing.file(matter.id, "earlier.txt", ParsedFile("earlier.txt", "text/plain", b"x"))
    assert filed.document_id is not None
    document = queries.documents(library.db, matter.id)[0]
    return World(
        library,
        matters,
        decisions,
        conditions,
        memos,
        filing,
        matter,
        employer,
        employee,
        spare,
        item,
        license_,
        condition,
        document,
    )


def _letter(w: World) -> AuthorizationLetter:
    return AuthorizationLetter(
        w.matter.id,
        LetterEffect.REMOVES_REQUIREMENT,
        date(2026, 6, 26),
        date(2026, 6, 26),
        transaction_types=(TransactionType.EXPORT, TransactionType.DEEMED_EXPORT),
        item_ids=(w.item.id,),
    )


def _file_email(w: World) -> object:
    parsed = parse_bytes("scope.eml", EMAIL)
    assert isinstance(parsed, ParsedFile)
    assert len(parsed.children) == 2
    return w.filing.file(w.matter.id, "scope.eml", parsed)


PATHS: dict[str, Callable[[World], object]] = {
    "create matter": lambda w: w.matters.create_matter(
        Matter("Deemed export", MatterKind.INTERNAL_REVIEW)
    ),
    "update matter": lambda w: w.matters.update_matter(replace(w.matter, title="Renamed")),
    "add party": lambda w: w.matters.add_party(
        Party(w.matter.id, "Kohaku Data K.K.", PartyRole.ANNEX_A_ENTITY, country="JP")
    ),
    "update party": lambda w: w.matters.update_party(replace(w.employer, country="IE")),
    "remove party": lambda w: w.matters.remove_party(w.spare.id),
    "add item": lambda w: w.matters.add_item(Item(w.matter.id, "Inference API")),
    "add activity": lambda w: w.matters.add_activity(
        Activity(
            w.matter.id,
            TransactionType.DEEMED_EXPORT,
            item_id=w.item.id,
            party_id=w.employee.id,
            to_country="JP",
        )
    ),
    "add note": lambda w: w.matters.add_note(Note(w.matter.id, "Called BIS.")),
    "file an email with attachments": _file_email,
    "quarantine a file": lambda w: w.filing.file(
        w.matter.id, "bad.pdf", Rejected("bad.pdf", "no %PDF header", b"%PDF-")
    ),
    "update a document": lambda w: w.filing.update_document(replace(w.document, title="Memo")),
    "add determination": lambda w: w.decisions.add_determination(
        Determination(
            w.matter.id,
            DeterminationKind.INTERNAL_DETERMINATION,
            date(2026, 9, 2),
            decided_by=Decider.INTERNAL_COUNSEL,
        )
    ),
    "add license (supersedes one)": lambda w: w.decisions.add_license(
        License(w.matter.id, "D100002", date(2026, 9, 1), replaces_license_id=w.license.id)
    ),
    "add letter with Annex A": lambda w: w.decisions.add_letter(_letter(w), ANNEX),
    "add clock event": lambda w: w.decisions.add_clock_event(
        ClockEvent(w.matter.id, ClockEventKind.REGISTERED, date(2026, 9, 17))
    ),
    "add condition": lambda w: w.conditions.add_condition(
        replace(w.condition, id=0, text="Annual certification.", status=ConditionStatus.ACTIVE)
    ),
    "move a condition": lambda w: w.conditions.transition(
        w.condition.id, ConditionStatus.COMMUNICATED, date(2026, 7, 1), "sent"
    ),
    "log a condition event": lambda w: w.conditions.log(
        ConditionLog(
            w.matter.id,
            w.condition.id,
            LogKind.COMMUNICATED,
            date(2026, 7, 2),
            party_id=w.employer.id,
        )
    ),
    "save a memo draft": lambda w: w.memos.save_draft(
        MemoDraft(w.matter.id, re="Annex A", facts="Second draft.")
    ),
    "set paper": lambda w: w.memos.set_paper(Paper.A4),
}


# --- the runs ------------------------------------------------------------------------------


@dataclass
class Run:
    """One run of a path: how many statements it issued, and whether the injection fired."""

    statements: int
    error: BaseException | None


def run(world: World, op: Callable[[World], object], fail_at: int) -> Run:
    library = world.library
    real = library.db.conn
    injector = Injector(real, fail_at)
    library.db.conn = cast(sqlite3.Connection, injector)
    error: BaseException | None = None
    try:
        op(world)
    except Exception as exc:
        error = exc
    finally:
        library.db.conn = real
    assert error is None or injector.fired, f"the path failed by itself: {error!r}"
    return Run(injector.count, error if injector.fired else None)


def caused_by_injection(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, InjectedFailure):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def blob_files(root: Path) -> dict[str, Path]:
    return {p.name: p for p in root.rglob("*") if p.is_file()}


@dataclass
class Result:
    statements: int
    traced: int
    absorbed: int
    orphans: int


def inject_everywhere(world: World, op: Callable[[World], object]) -> Result:
    library = world.library
    conn = library.db.conn
    snapshot = sqlite3.connect(":memory:")
    conn.backup(snapshot)
    before = full_dump(library)
    blobs_before = set(blob_files(library.paths.blobs))

    def restore() -> None:
        snapshot.backup(conn)
        for name, path in blob_files(library.paths.blobs).items():
            if name not in blobs_before:
                path.chmod(stat.S_IRUSR | stat.S_IWUSR)
                path.unlink()

    traced: list[str] = []
    conn.set_trace_callback(traced.append)
    clean = run(world, op, 0)
    conn.set_trace_callback(None)
    assert clean.error is None
    assert not conn.in_transaction, "the operation left a transaction open"
    # SQLite reports the statements its FTS5 tables run for themselves as "-- ..."; all the
    # others are the app's, and every one of them went through the injector.
    assert len([s for s in traced if not s.startswith("--")]) == clean.statements
    after = full_dump(library)
    assert after != before, "the operation changed nothing"
    restore()
    assert full_dump(library) == before

    absorbed = orphans = 0
    for k in range(1, clean.statements + 1):
        outcome = run(world, op, k)
        assert not conn.in_transaction, f"statement {k}: a transaction is left open"
        assert not list(library.paths.staging.iterdir()), f"statement {k}: staging not empty"
        if outcome.error is None:  # sqlite-utils retried the failed statement and went on
            absorbed += 1
            assert full_dump(library) == after, f"statement {k}: absorbed, but a different result"
        else:
            assert isinstance(outcome.error, sqlite3.Error | UserError), repr(outcome.error)
            assert caused_by_injection(outcome.error)
            assert full_dump(library) == before, f"statement {k}: the failure left changes"
            left = {n: p for n, p in blob_files(library.paths.blobs).items()}
            new = set(left) - blobs_before
            for name in new:  # reported below: a failed filing must not leave any
                assert hashlib.sha256(left[name].read_bytes()).hexdigest() == name
            orphans = max(orphans, len(new))
        restore()
    snapshot.close()
    return Result(clean.statements, len(traced), absorbed, orphans)


@pytest.fixture
def world(paths: LibraryPaths) -> Iterator[World]:
    built = build_world(paths)
    try:
        yield built
    finally:
        built.library.close()


@pytest.mark.parametrize("path", list(PATHS))
def test_a_failure_at_any_statement_leaves_nothing(world: World, path: str) -> None:
    result = inject_everywhere(world, PATHS[path])
    print(f"T2 {path}: {result}")
    assert result.statements >= 3
    assert result.orphans == 0  # a failed filing leaves no original behind
