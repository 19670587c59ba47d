"""Verify a library end to end (``compliance-desk verify``); it never writes.

Checks, in one read snapshot: SQLite's ``integrity_check`` and ``foreign_key_check``; every
stored original against its recorded SHA-256, MD5 and size; stray files in ``blobs/`` and
``staging/``; the audit chain (seq contiguous from 1, each ``prev_hash`` the hash before it,
each hash over its entry); the log replayed (an update or delete must start from what the entry
before it left); and every row of every audited table against the ``after`` of its last audit
entry. The chain check computes exactly ``audit.entry_hash``, written out for speed (about five
times faster than ``audit.first_break`` over 100k entries); the tests hold the two to the same
verdict.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path
from time import perf_counter
from typing import Any, NamedTuple

from desktop_app.core.integrity import CheckResult, Figures, Problem, Progress, VerifyReport
from desktop_app.core.serialize import canonical_json, to_plain
from desktop_app.storage import anchor, files
from desktop_app.storage.anchor import Stored
from desktop_app.storage.audit import GENESIS
from desktop_app.storage.blobs import PART, PENDING
from desktop_app.storage.codec import TABLES, from_row, nested_defaults
from desktop_app.storage.keystore import KeyStoreError
from desktop_app.storage.library import Library
from desktop_app.storage.text_cells import damaged_text
from desktop_app.storage.verify_published import chain_findings, text_findings

MAX_LISTED = 1000
MUTATING = frozenset({"insert", "update", "delete"})
NON_MUTATING = frozenset({"refused"})  # audited attempts that change no row
KINDS: dict[str, type] = {table: kind for kind, table in TABLES.items()}
_ABSENT = object()
_HEX = frozenset("0123456789abcdef")
_AUDIT_SQL = (
    "SELECT action, actor, after, at, before, entity, entity_id, matter_id, prev_hash, seq, hash"
    " FROM audit ORDER BY seq"
)


class Last(NamedTuple):
    """The last audit entry seen for one record."""

    seq: int
    action: str
    after: str | None
    matter_id: int | None


class Found:
    """The problems of one check, listing at most ``MAX_LISTED``."""

    def __init__(self, name: str, matters: dict[int, str] | None = None) -> None:
        self.name = name
        self.items: list[Problem] = []
        self.more = 0
        self._matters = matters or {}
        self.counted = 0
        """How many things the check compared (published heads, for the anchor)."""

    def add(self, subject: str, detail: str, **refs: Any) -> None:
        """Note one problem (counted, and listed while under the cap)."""
        if len(self.items) >= MAX_LISTED:
            self.more += 1
            return
        self.items.append(Problem(self.name, subject, detail, **refs))

    def record(self, table: str, record_id: int | None, matter_id: int | None) -> str:
        """How a record is named: its table and id, and its matter's number when known."""
        number = self._matters.get(matter_id) if matter_id is not None else None
        return f"{table} {record_id}" + (f" on {number}" if number else "")

    def result(self) -> CheckResult:
        """The finished check."""
        return CheckResult(self.name, tuple(self.items), self.more)


class Ticker:
    """Reports progress as ``progress(done, total, what)``."""

    def __init__(self, progress: Progress, total: int) -> None:
        self._progress = progress
        self.total = max(total, 1)
        self.done = 0

    def step(self, what: str, count: int = 1) -> None:
        """Advance by ``count`` units of work."""
        self.done = min(self.done + count, self.total)
        self._progress(self.done, self.total, what)


def _silent(_done: int, _total: int, _what: str) -> None:
    """The progress callback that shows nothing."""


def verify_library(library: Library, progress: Progress = _silent) -> VerifyReport:
    """Run every check on ``library`` (open it read-only) and return what was found."""
    started = perf_counter()
    conn = library.db.conn
    own = not conn.in_transaction
    try:
        stored = _snapshot_with_anchor(library, conn, own)
        return _verify(conn, library, progress, started, stored)
    finally:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")


def record_problems(conn: sqlite3.Connection) -> list[str]:
    """The chain, rows and texts of a database checked against each other (a backup's copy)."""
    matters = _matter_numbers(conn)
    chain, records = Found("audit_chain", matters), Found("records", matters)
    ticker = Ticker(_silent, 1)
    state = _scan_audit(conn, chain, ticker)
    _check_text(conn, state, records)
    _check_records(conn, state, records, ticker)
    return [f"{p.subject} {p.detail}" for p in (*chain.items, *records.items)]


def _snapshot_with_anchor(library: Library, conn: sqlite3.Connection, own: bool) -> Stored:
    """Start the read snapshot and read the anchor together (no writer between its two steps).

    One snapshot: a writer elsewhere cannot make rows and log disagree. Writers hold the anchor
    lock from their anchor write through their COMMIT, so under it the chain and the anchor
    agree; a key store that cannot be locked is read without the lock.
    """
    if library.identity is None:
        if own:
            conn.execute("BEGIN")
        return Stored(None, None)
    try:
        with library.keys.locked(library.identity):
            if own:
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM audit").fetchone()
            return anchor.load(library.keys, library.identity)
    except KeyStoreError:
        if own and not conn.in_transaction:
            conn.execute("BEGIN")
        return anchor.load(library.keys, library.identity)


def _verify(
    conn: sqlite3.Connection,
    library: Library,
    progress: Progress,
    started: float,
    stored: Stored,
) -> VerifyReport:
    blobs = _count(conn, "blobs")
    entries = _count(conn, "audit")
    ticker = Ticker(progress, 5 + blobs + entries + len(TABLES))
    matters = _matter_numbers(conn)
    sqlite = _guarded(Found("sqlite"), lambda f: _integrity(conn, f), ticker, "integrity check")
    keys = _guarded(Found("foreign_keys"), lambda f: _foreign_keys(conn, f), ticker, "foreign keys")
    fixity = Found("blobs", matters)
    hashed, hash_seconds = _check_blobs(conn, library.paths.blobs, fixity, ticker)
    stray = Found("stray_files")
    _stray_files(conn, library.paths.blobs, library.paths.staging, stray)
    ticker.step("stray files")
    chain, records = Found("audit_chain", matters), Found("records", matters)
    audit_started = perf_counter()
    state = _scan_audit(conn, chain, ticker)
    _check_text(conn, state, records)
    rows = _check_records(conn, state, records, ticker)
    audit_seconds = perf_counter() - audit_started
    anchored = Found("anchor", matters)
    published = _guarded(
        anchored, lambda f: _check_anchor(conn, library, stored, f), ticker, "audit anchor"
    )
    figures = Figures(
        documents=_count(conn, "documents"),
        audit_entries=entries,
        records=rows,
        blobs=blobs,
        blob_bytes=hashed,
        hash_seconds=hash_seconds,
        audit_seconds=audit_seconds,
        seconds=perf_counter() - started,
        published_heads=published.counted,
    )
    text = _guarded(Found("text", matters), lambda f: _text_cells(conn, f), ticker, "text cells")
    checks = (sqlite, keys, text, fixity, stray, chain, records, anchored)
    return VerifyReport(tuple(c.result() for c in checks), figures)


def _check_text(conn: sqlite3.Connection, state: dict[Any, Last], found: Found) -> None:
    """Every document's extracted text against the SHA-256 its audit entry recorded."""
    for item in text_findings(conn, state):
        subject = f"the text of document {item.document_id}"
        found.add(subject, item.detail, seq=item.seq, table="documents", record_id=item.document_id)


def _check_anchor(conn: sqlite3.Connection, library: Library, stored: Stored, found: Found) -> None:
    """The chain against its sealed anchor and every head published from it."""
    findings, found.counted = chain_findings(conn, library, stored)
    for finding in findings:
        found.add(finding.subject, finding.detail)


def _text_cells(conn: sqlite3.Connection, found: Found) -> None:
    """Every text cell that is not UTF-8, by table, column and row (shown with U+FFFD)."""
    cells, more = damaged_text(conn, MAX_LISTED)
    for cell in cells:
        name = found.record(cell.table, cell.rowid, cell.matter_id)
        detail = (
            f"holds bytes in {cell.column} that are not UTF-8 text (the app shows \ufffd in "
            "their place); re-enter the value, or restore the library from a backup"
        )
        found.add(name, detail, table=cell.table, record_id=cell.rowid)
    found.more += more


def _guarded(found: Found, check: Any, ticker: Ticker, what: str) -> Found:
    try:
        check(found)
    except sqlite3.DatabaseError as exc:
        found.add("the library file", f"could not be checked ({exc})")
    ticker.step(what)
    return found


def _count(conn: sqlite3.Connection, table: str) -> int:
    try:
        sql = f"SELECT count(*) FROM [{table}]"  # noqa: S608 - our table names only
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    sql = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
    return conn.execute(sql, [table]).fetchone() is not None


def _matter_numbers(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        return {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, number FROM matters")}
    except sqlite3.DatabaseError:
        return {}


def _integrity(conn: sqlite3.Connection, found: Found) -> None:
    for (message,) in conn.execute("PRAGMA integrity_check(100)"):
        if message != "ok":
            found.add("the library file", str(message))


def _foreign_keys(conn: sqlite3.Connection, found: Found) -> None:
    for table, rowid, parent, fkid in conn.execute("PRAGMA foreign_key_check").fetchall():
        links = conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()
        column = next((str(link[3]) for link in links if link[0] == fkid), "a column")
        found.add(
            f"{table} {rowid}",
            f"its {column} names a row of {parent} that does not exist",
            table=str(table),
            record_id=rowid,
        )


def _owners(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Who names each stored original: (description, matter number) pairs by SHA-256."""
    owners: dict[str, list[tuple[str, str]]] = {}
    for label, table in (("document", "documents"), ("quarantined file", "quarantine")):
        sql = (
            f"SELECT t.sha256, t.id, t.filename, m.number FROM [{table}] t"  # noqa: S608 - ours
            " LEFT JOIN matters m ON m.id = t.matter_id WHERE t.sha256 != '' ORDER BY t.id"
        )
        for sha256, record_id, filename, number in conn.execute(sql):
            where = f" on {number}" if number else ""
            owners.setdefault(sha256, []).append(
                (f"{label} {record_id} {filename!r}{where}", number or "")
            )
    return owners


def _check_blobs(
    conn: sqlite3.Connection, root: Path, found: Found, ticker: Ticker
) -> tuple[int, float]:
    """Hash every stored original against its row; return bytes hashed and seconds spent."""
    owners = _owners(conn)
    rows = conn.execute("SELECT sha256, md5, size FROM blobs ORDER BY sha256").fetchall()
    recorded = {r[0] for r in rows}
    hashed, seconds = 0, 0.0
    for sha256, md5, size in rows:
        named = owners.get(sha256, [])
        subject = "; ".join(n[0] for n in named) or f"original {sha256[:12]}… (no record names it)"
        refs = {"sha256": sha256, "matters": tuple(sorted({n[1] for n in named if n[1]}))}
        ticker.step(f"original {sha256[:12]}")
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            found.add(subject, "its blob row holds no SHA-256", **refs)
            continue
        start = perf_counter()
        path = root / sha256[:2] / sha256[2:4] / sha256
        link = files.linked_between(root, path)
        if link is not None:
            detail = f"its folder {link.relative_to(root)} is a link, not followed"
            found.add(subject, detail, **refs)
            continue
        try:
            got_sha, got_md5, got_size = files.fixity_of(path)
        except FileNotFoundError:
            found.add(subject, "its original file is missing from blobs/", **refs)
            continue
        except OSError as exc:
            found.add(subject, f"its original file cannot be read ({exc.strerror})", **refs)
            continue
        seconds += perf_counter() - start
        hashed += got_size
        checks = (
            ("SHA-256", got_sha == sha256),
            ("MD5", got_md5 == md5),
            ("size", got_size == size),
        )
        wrong = [name for name, ok in checks if not ok]
        if wrong:
            found.add(subject, f"the stored bytes do not match their {', '.join(wrong)}", **refs)
    for sha256, named in owners.items():
        if sha256 not in recorded and any(n[0].startswith("quarantined") for n in named):
            subject = "; ".join(n[0] for n in named)
            found.add(subject, "its original has no blob row (no recorded fixity)", sha256=sha256)
    return hashed, seconds


def _stray_files(conn: sqlite3.Connection, blobs: Path, staging: Path, found: Found) -> None:
    """Files no record names, except an import's own work in flight.

    That is an original announced by its ``.pending`` marker (its row is on the way, or the
    next start removes it) and the marker and ``.part`` files in staging, swept at the next
    start (`BlobStore.sweep_staging`).
    """
    recorded = {r[0] for r in conn.execute("SELECT sha256 FROM blobs")}
    in_flight = {p.name.removesuffix(PENDING) for p in _files(staging) if p.name.endswith(PENDING)}
    for path in _files(blobs):
        parts = path.relative_to(blobs).parts
        if path.is_symlink():
            found.add(
                f"blobs/{'/'.join(parts)}",
                "a link; the library holds no links and follows none: remove the link",
            )
            continue
        name = path.name
        placed = len(parts) == 3 and parts[:2] == (name[:2], name[2:4])
        if placed and (name in recorded or name in in_flight):
            continue
        found.add(
            f"blobs/{'/'.join(parts)}",
            "no blob row names this file (left by an interrupted import or purge, or put there "
            "by hand); check it, then move it out of the library",
        )
    for path in _files(staging):
        if path.name.endswith((PENDING, PART)) and not path.is_symlink():
            continue
        found.add(
            f"staging/{'/'.join(path.relative_to(staging).parts)}",
            "a file the app did not put there (its own are .pending and .part files); the "
            "next start of the app removes it",
        )


def _files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):  # links to folders are listed, never entered
        linked = [d for d in dirs if (Path(folder) / d).is_symlink()]
        for name in sorted([*names, *linked]):
            yield Path(folder) / name


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _entry_text(row: tuple[Any, ...]) -> str:
    """``canonical_json`` of an audit entry without its hash (the columns in key order).

    The same text ``audit.entry_hash`` hashes, built directly: the columns are plain text and
    integers (a STRICT table), so ``to_plain`` and key sorting have nothing to do.
    """
    action, actor, after, at, before, entity, entity_id, matter_id, prev, seq, _hash = row
    text = (
        encode_basestring
        if type(action) is type(actor) is type(at) is type(entity) is str
        else _value
    )
    return (
        f'{{"action":{text(action)},"actor":{text(actor)},'
        f'"after":{"null" if after is None else _value(after)},"at":{text(at)},'
        f'"before":{"null" if before is None else _value(before)},"entity":{text(entity)},'
        f'"entity_id":{_value(entity_id)},"matter_id":{_value(matter_id)},'
        f'"prev_hash":{_value(prev)},"seq":{_value(seq)}}}'
    )


def _scan_audit(conn: sqlite3.Connection, found: Found, ticker: Ticker) -> dict[Any, Last]:
    """Check the chain and replay the log; return the last entry of every record."""
    expected, prev, broken = 1, GENESIS, False
    state: dict[Any, Last] = {}
    sha256 = hashlib.sha256
    count = 0
    for row in conn.execute(_AUDIT_SQL):
        count += 1
        prev_hash, seq, digest = row[8], row[9], row[10]
        why = ""
        if seq != expected:
            gap = f"entry {expected}" if seq == expected + 1 else f"entries {expected}–{seq - 1}"
            why = f"expected entry {expected} here ({gap} missing, or entries moved)"
        elif prev_hash != prev:
            why = "does not follow the entry before it (its prev_hash is not that entry's hash)"
        elif sha256((str(prev_hash) + _entry_text(row)).encode("utf-8")).hexdigest() != digest:
            why = "its content does not match its hash (the entry was edited)"
        if why:
            first = "" if broken else "; the first break in the chain"
            found.add(f"audit entry {seq}", why + first, seq=seq)
            broken = True
        expected, prev = seq + 1, digest
        _replay(state, found, row)
        if count % 5000 == 0:
            ticker.step("audit entries", 5000)
    ticker.step("audit entries", count % 5000)
    return state


def _replay(state: dict[Any, Last], found: Found, row: tuple[Any, ...]) -> None:
    """Apply one entry to the replayed state, noting a log that contradicts itself."""
    action, after, before, entity, entity_id, matter_id, seq = (
        row[0], row[2], row[4], row[5], row[6], row[7], row[9]
    )  # fmt: skip
    if action in NON_MUTATING:
        return
    if action not in MUTATING:
        detail = f"has an action this version does not know ({action!r})"
        found.add(f"audit entry {seq}", detail, seq=seq)
        return
    key = (entity, entity_id)
    last = state.get(key)
    why = ""
    if last is None or last.action == "delete":
        if action != "insert":
            why = f"{action}s {{name}}, which the log never inserted"
    elif action == "insert":
        why = f"inserts {{name}}, which entry {last.seq} already holds"
    elif before != last.after and _differences(entity, before, last.after):
        why = f"its before of {{name}} is not what entry {last.seq} left"
    if why:
        name = found.record(entity, entity_id, matter_id)
        refs = {"seq": seq, "table": str(entity), "record_id": entity_id}
        found.add(f"audit entry {seq}", why.format(name=name), **refs)
    state[key] = Last(seq, action, after, matter_id)


def _check_records(
    conn: sqlite3.Connection, state: dict[Any, Last], found: Found, ticker: Ticker
) -> int:
    """Compare every row of every audited table with its last audit entry; return rows seen."""
    seen = 0
    for kind, table in TABLES.items():
        sql = f"SELECT * FROM [{table}]"  # noqa: S608 - a table of codec.TABLES
        cursor = conn.execute(sql) if _exists(conn, table) else None
        names = [d[0] for d in cursor.description] if cursor is not None else []
        fields = frozenset(kind.__dataclass_fields__)  # type: ignore[attr-defined]
        for values in cursor or ():
            seen += 1
            row = dict(zip(names, values, strict=True))
            last = state.pop((table, row.get("id")), None)
            if last is None or last.action == "delete" or not _matches(row, last.after, fields):
                _check_row(kind, table, row, last, found)
        ticker.step(f"records: {table}")
    for (entity, entity_id), last in state.items():
        if last.action == "delete":
            continue
        name = found.record(entity, entity_id, last.matter_id)
        refs = {"seq": last.seq, "table": str(entity), "record_id": entity_id}
        if entity in KINDS:
            found.add(name, f"is missing; audit entry {last.seq} says it exists", **refs)
        else:
            found.add(name, f"audit entry {last.seq} names a table this version lacks", **refs)
    return seen


def _matches(row: dict[str, Any], logged: str | None, fields: frozenset[str]) -> bool:
    """True when ``row`` holds exactly the record ``logged`` (canonical JSON) describes.

    The fast path: compares stored cells with the logged values without decoding the row. It
    answers False whenever in doubt, and ``_check_row`` then decodes and compares properly.
    """
    try:
        plain = json.loads(logged or "null")
        if not isinstance(plain, dict) or not fields.issuperset(plain):
            return False
        for name, value in plain.items():
            cell = row.get(name)
            if type(value) is list:
                if type(cell) is not str or json.loads(cell) != value:
                    return False
            elif cell != value or type(cell) is float or type(value) is float:
                return False
    except ValueError:
        return False
    return len(plain) == len(fields) or all(row.get(n) is None for n in fields - plain.keys())


def _check_row(
    kind: type, table: str, row: dict[str, Any], last: Last | None, found: Found
) -> None:
    record_id = row.get("id")
    matter_id = record_id if table == "matters" else row.get("matter_id")
    name = found.record(table, record_id, matter_id)
    refs: dict[str, Any] = {"table": table, "record_id": record_id}
    if last is None:
        found.add(name, "has no audit entry (it was added outside the app)", **refs)
        return
    refs["seq"] = last.seq
    if last.action == "delete":
        found.add(name, f"is present, but audit entry {last.seq} deleted it", **refs)
        return
    try:
        text = canonical_json(from_row(kind, row))
    except (ValueError, TypeError, KeyError) as exc:
        found.add(name, f"cannot be read as a {kind.__name__} ({exc})", **refs)
        return
    if text == last.after:
        return
    differ = _differences(table, text, last.after, row)
    if differ:
        detail = f"differs from its last audit entry (seq {last.seq}) in {', '.join(differ)}"
        found.add(name, detail, **refs)


def _differences(
    table: str, text: str | None, logged: str | None, row: dict[str, Any] | None = None
) -> list[str]:
    """The fields in which ``text`` differs from ``logged`` (both canonical JSON of a record).

    Lenient only where the app itself is: a field missing from ``logged`` is a column added by a
    later migration, equal when ``text`` holds what an unset column decodes to; inside a list of
    nested records (a party's nationalities) a key missing from ``logged`` was added to the
    nested record later, equal when ``text`` holds its default (`_same_nested`); numbers
    compare by value (``1`` and ``1.0``).
    """
    try:
        now, then = json.loads(text or "null"), json.loads(logged or "null")
    except ValueError:
        return ["(unreadable JSON)"]
    if not isinstance(now, dict) or not isinstance(then, dict):
        return [] if now == then else ["(the whole record)"]
    unset = _unset(table)
    differ = []
    for field in sorted(now.keys() | then.keys()):
        if field in now and field in then:
            same = _equal(now[field], then[field]) or _same_nested(
                table, field, now[field], then[field]
            )
        elif field in now:
            missing = row.get(field) is None if row is not None else True
            same = missing and field in unset and now[field] == unset[field]
        else:
            same = False
        if not same:
            differ.append(field)
    return differ


def _same_nested(table: str, field: str, now: Any, then: Any) -> bool:
    """True when two lists of nested records differ only by keys ``then`` lacks, at defaults."""
    kind = KINDS.get(table)
    defaults = nested_defaults(kind, field) if kind is not None else {}
    if not defaults or type(now) is not list or type(then) is not list or len(now) != len(then):
        return False
    return all(_nested_equal(a, b, defaults) for a, b in zip(now, then, strict=True))


def _nested_equal(now: Any, then: Any, defaults: dict[str, Any]) -> bool:
    if type(now) is not dict or type(then) is not dict or not then.keys() <= now.keys():
        return bool(_equal(now, then))
    return all(
        _equal(value, then[key]) if key in then else key in defaults and value == defaults[key]
        for key, value in now.items()
    )


def _equal(a: Any, b: Any) -> bool:
    if a == b:
        return True
    numbers = (int, float)
    return (
        isinstance(a, numbers)
        and isinstance(b, numbers)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
        and float(a) == float(b)
    )


def _unset(table: str) -> dict[str, Any]:
    """What each field of a table's record decodes to from a NULL column."""
    kind = KINDS.get(table)
    if kind is None:
        return {}
    names = [f for f in kind.__dataclass_fields__]  # type: ignore[attr-defined]
    try:
        plain = to_plain(from_row(kind, dict.fromkeys(names)))
    except (ValueError, TypeError):
        return {}
    return plain if isinstance(plain, dict) else {}
