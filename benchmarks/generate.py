"""A synthetic library at scale, deterministic from a seed, built through the app's own services.

Usage: .venv/bin/python -m benchmarks.generate [--quick] [--seed N] [--cache DIR] [--fresh]
Default size: 10,000 matters, 100,000 documents (emails with attachments and PDF letters, some
text in Chinese, Japanese, Russian, Greek or Arabic), 20,000 conditions with schedules (RFC 5545
rules) and the audit entries all that makes, plus about 1 GB of large scanned attachments (for
fixity throughput). ``--quick`` is a tenth of that (64 MB of scans).

Everything goes through ``MatterService``, ``CorrespondenceService.file`` (with ``ParsedFile``
records made here: small real-looking bytes, the text field carrying the extracted text) and
``ConditionService``, inside big ``library.transaction`` blocks (the services' own transactions
nest as savepoints), so the audit chain, the search index and the blob hashes hold exactly as
they would after the same work done by hand. The one shortcut: originals are written without an
fsync each (``FastBlobs``; the folder is synced once at the end), since a generated library that
dies half-way is simply thrown away: it is built in a temporary folder and renamed into the
cache only when complete.

Two matters are special: the first carries ``big_matter`` documents (5,000: the "open a large
matter" figure), the second 1,000 documents and 200 conditions (the memo figure).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from pathlib import Path

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ObligationKind,
)
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import (
    Blob,
    Direction,
    DocumentKind,
    EmailHeaders,
    Filing,
    ParsedFile,
    Staged,
)
from desktop_app.core.enums import MatterKind, PartyKind, PartyRole
from desktop_app.core.models import Matter, Party
from desktop_app.core.obligations import ConditionService
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.storage.blobs import BlobStore
from desktop_app.storage.library import Library

VERSION = 1  # bump when the generator changes what it makes: old cache entries are not reused
CACHE = Path(__file__).with_name(".cache")
ACTOR = "generator"
START = datetime(2019, 1, 2, 9, 0, tzinfo=UTC)
SAY = partial(print, flush=True)


@dataclass(frozen=True)
class Size:
    """How much to make."""

    matters: int
    documents: int
    conditions: int
    scan_bytes: int
    big_matter: int = 5000
    memo_documents: int = 1000
    memo_conditions: int = 200

    @property
    def key(self) -> str:
        """A folder name for this size (with the seed and generator version added by `build`)."""
        return (
            f"m{self.matters}-d{self.documents}-c{self.conditions}-s{self.scan_bytes >> 20}"
            f"-b{self.big_matter}-v{VERSION}"
        )


FULL = Size(10_000, 100_000, 20_000, 1 << 30)
QUICK = Size(1_000, 10_000, 2_000, 64 << 20)
TINY = Size(20, 60, 10, 1 << 20, big_matter=20, memo_documents=10, memo_conditions=5)

LEGAL = [
    "export",
    "license",
    "application",
    "deemed",
    "export",
    "foreign",
    "national",
    "employee",
    "technology",
    "release",
    "classification",
    "ECCN",
    "4E091",
    "0Y521",
    "5D002",
    "3A090",
    "model",
    "weights",
    "parameters",
    "training",
    "compute",
    "Annex",
    "entity",
    "safeguard",
    "condition",
    "rider",
    "reporting",
    "quarterly",
    "annual",
    "certification",
    "end",
    "use",
    "end",
    "user",
    "consignee",
    "ultimate",
    "reexport",
    "transfer",
    "in-country",
    "Commerce",
    "BIS",
    "Bureau",
    "Industry",
    "Security",
    "advisory",
    "opinion",
    "commodity",
    "jurisdiction",
    "voluntary",
    "self-disclosure",
    "penalty",
    "screening",
    "denied",
    "persons",
    "entity",
    "list",
    "unverified",
    "list",
    "military",
    "end",
    "user",
    "license",
    "exception",
    "TSU",
    "ENC",
    "NLR",
    "country",
    "group",
    "D:1",
    "D:5",
    "E:1",
    "validated",
    "end",
    "user",
    "encryption",
    "semiconductor",
    "frontier",
    "model",
    "derivative",
    "fine-tuned",
    "checkpoint",
    "inference",
    "API",
    "access",
    "cloud",
    "provider",
    "datacenter",
    "GPU",
    "cluster",
    "threshold",
    "FLOP",
    "operations",
    "counsel",
    "privileged",
    "confidential",
    "draft",
    "memorandum",
    "analysis",
    "recommendation",
    "questions",
    "deadline",
    "agency",
    "response",
    "hold",
    "return",
    "without",
    "action",
    "RWA",
    "pending",
    "review",
    "interagency",
    "escrow",
    "encrypted",
    "parameters",
    "jailbreak",
]
SYLLABLES = ("ka", "ro", "mi", "tel", "sun", "dar", "vo", "lin", "esk", "por", "qui", "zan", "ther")
NON_LATIN = (
    "出口管制许可证申请已提交，等待商务部工业与安全局的答复。",
    "モデルの重みは暗号化して保管し、アクセスは承認された従業員に限定する。",
    "Лицензия на экспорт технологий распространяется только на указанных сотрудников.",
    "Η άδεια εξαγωγής καλύπτει μόνο τους υπαλλήλους που αναφέρονται στο παράρτημα.",
    "يجب الإبلاغ عن أي نقل للتقنية إلى طرف ثالث خلال ثلاثين يوما.",
    "株式会社テスト向けの輸出許可は二〇二七年まで有効です。",
)
PEOPLE = (
    "Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dmitri Volkov", "Elif Şahin", "Farah Haddad",
    "Grace Liu", "Hiro Tanaka", "Ingrid Berg", "Jamal Reed", "Kwame Mensah", "Lena Schmidt",
    "Mei Chen", "Nikos Papadakis", "Olga Ivanova", "Priya Nair", "Quentin Roy", "Rosa Díaz",
    "Sven Lund", "Tomás Silva", "王伟", "山田花子", "Алексей Смирнов",
)  # fmt: skip
COMPANIES = (
    "Halcyon Labs Inc.", "Thistlegate Analytics Ltd", "Kohaku Data Systems K.K.",
    "Meridian Compute GmbH", "Aurora Silicon SA", "Northwind Models LLC", "深圳智算科技有限公司",
    "株式会社テスト", "ООО Вектор", "Cedar & Pine AI Pty Ltd", "Bluewater Robotics BV",
)  # fmt: skip
COUNTRIES = ("US", "GB", "JP", "DE", "FR", "IN", "CN", "KR", "BR", "CA", "SG", "AE", "RU", "GR")
RULES = (
    "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
    "FREQ=MONTHLY;INTERVAL=3",
    "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=14",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=MONTHLY;BYDAY=1FR",
    "FREQ=YEARLY",
)


class FastBlobs:
    """A `BlobSink` writing originals straight into ``blobs/`` (no fsync, no pending marker)."""

    def __init__(self, store: BlobStore) -> None:
        self._store = store
        self.folders: set[Path] = set()

    def put(self, data: bytes) -> Blob:
        """Store ``data`` under its SHA-256, read-only, and return its fixity."""
        blob = Blob(
            hashlib.sha256(data).hexdigest(),
            hashlib.md5(data, usedforsecurity=False).hexdigest(),
            len(data),
        )
        target = self._store.path(blob.sha256)
        if not target.exists():
            if target.parent not in self.folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(target.parent)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IRGRP)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        return blob

    def adopt(self, staged: Staged) -> Blob:
        """Move a reader's copy into the store (the generator makes none; the real path)."""
        return self._store.adopt(staged)

    def staging_area(self) -> Path:
        """The library's staging folder."""
        return self._store.staging_area()


class Ticking:
    """A deterministic clock: each call is one second after the last."""

    def __init__(self, start: datetime) -> None:
        self._seconds = itertools.count()
        self._start = start

    def __call__(self) -> datetime:
        """The next instant."""
        return self._start + timedelta(seconds=next(self._seconds))


class Words:
    """Text drawn from a Zipf-like vocabulary: legal terms plus made-up words."""

    def __init__(self, rng: random.Random, size: int = 12_000) -> None:
        made: set[str] = set()
        while len(made) < size:
            made.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
        self.vocabulary = [*LEGAL, *sorted(made)]
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.vocabulary))]
        self._cum = list(itertools.accumulate(weights))
        self._rng = rng

    def words(self, count: int) -> list[str]:
        """``count`` words."""
        return self._rng.choices(self.vocabulary, cum_weights=self._cum, k=count)

    def sentence(self, count: int) -> str:
        """A sentence of about ``count`` words."""
        words = self.words(count)
        return " ".join(words).capitalize() + "."

    def text(self, count: int, non_latin: float = 0.05) -> str:
        """Paragraphs of about ``count`` words in all; now and then a non-Latin sentence."""
        sentences: list[str] = []
        left = count
        while left > 0:
            n = min(left, self._rng.randint(6, 22))
            sentences.append(self.sentence(n))
            left -= n
            if self._rng.random() < non_latin:
                sentences.append(self._rng.choice(NON_LATIN))
        paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
        return "\n\n".join(paragraphs)


def library_folder(cache: Path, seed: int, size: Size) -> Path:
    """Where the library for this seed and size is cached."""
    return cache / f"seed{seed}-{size.key}"


def build(
    seed: int = 2026,
    size: Size = FULL,
    cache: Path = CACHE,
    *,
    fresh: bool = False,
    say: Callable[[str], None] = SAY,
) -> tuple[LibraryPaths, float | None]:
    """The cached library for ``seed`` and ``size``, generated first if needed.

    Returns its paths and the seconds generation took (None when it came from the cache).
    """
    folder = library_folder(cache, seed, size)
    if fresh and folder.exists():
        _remove(folder)
    if (folder / "lib" / "library.db").is_file():
        return LibraryPaths(folder / "lib"), None
    building = folder.with_name(folder.name + ".building")
    if building.exists():
        _remove(building)
    building.mkdir(parents=True)
    started = time.perf_counter()
    generate(LibraryPaths(building / "lib"), seed, size, say)
    seconds = time.perf_counter() - started
    building.rename(folder)
    return LibraryPaths(folder / "lib"), seconds


def _remove(folder: Path) -> None:
    for path in folder.rglob("*"):  # blobs are read-only
        if not path.is_symlink():
            path.chmod(stat.S_IRWXU)
    shutil.rmtree(folder)


def generate(paths: LibraryPaths, seed: int, size: Size, say: Callable[[str], None]) -> None:
    """Fill the (new) library in ``paths``."""
    clock = Ticking(START)
    library = Library.open(paths, write=True, clock=clock)
    try:
        Generator(library, seed, size, clock, say).run()
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        library.close()
    os.sync()


class Generator:
    """Makes one library; see the module docstring."""

    def __init__(
        self,
        library: Library,
        seed: int,
        size: Size,
        clock: Callable[[], datetime],
        say: Callable[[str], None],
    ) -> None:
        self.library = library
        self.size = size
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.words = Words(self.rng)
        self.say = say
        self._clock = clock
        self.blobs = FastBlobs(library.blobs)
        self.matters = MatterService(library, ACTOR, today=lambda: date(2026, 11, 27), now=clock)
        self.files = CorrespondenceService(library, self.blobs, ACTOR, now=clock)
        self.conditions = ConditionService(library, ACTOR)
        self.serial = itertools.count(1)

    def run(self) -> None:
        """Matters (with parties), their documents, their conditions, then the large scans."""
        size = self.size
        started = time.perf_counter()
        ids = self._make_matters()
        self.say(f"  {len(ids):,} matters in {time.perf_counter() - started:.0f} s")
        per_matter = self._share(ids)
        made, report = 0, 10_000
        for chunk in _chunks(list(zip(ids, per_matter, strict=True)), 50):
            with self.library.transaction(ACTOR):
                for matter_id, wanted in chunk:
                    made += self._fill_matter(matter_id, wanted)
            if made >= report:
                self.say(f"  {made:,} documents, {time.perf_counter() - started:.0f} s")
                report += 10_000
        self.say(f"  {made:,} documents in {time.perf_counter() - started:.0f} s")
        self._make_conditions(ids)
        self.say(f"  {size.conditions:,} conditions, {time.perf_counter() - started:.0f} s")
        self._make_scans(ids)
        self.say(f"  scans, {time.perf_counter() - started:.0f} s")

    def _make_matters(self) -> list[int]:
        rng, ids = self.rng, []
        kinds = list(MatterKind)
        for chunk in _chunks(list(range(self.size.matters)), 500):
            with self.library.transaction(ACTOR):
                for n in chunk:
                    opened = date(2019, 1, 1) + timedelta(days=rng.randrange(2900))
                    title = self.words.sentence(rng.randint(3, 9)).rstrip(".")
                    if rng.random() < 0.05:
                        title += " — " + rng.choice(COMPANIES)
                    matter = Matter(
                        title,
                        rng.choice(kinds),
                        summary=self.words.text(rng.randint(10, 60)),
                        counsel=rng.choice(PEOPLE),
                        opened=opened,
                        tags=tuple(rng.sample(LEGAL[:40], rng.randint(0, 3))),
                        acn=f"Z{rng.randrange(10**6):06d}" if rng.random() < 0.3 else "",
                        number=f"EC-{opened.year}-{n + 1:05d}",
                    )
                    made = self.matters.create_matter(matter).record
                    ids.append(made.id)
                    for _ in range(rng.randint(1, 3)):
                        self.matters.add_party(self._party(made.id))
        return ids

    def _party(self, matter_id: int) -> Party:
        rng = self.rng
        if rng.random() < 0.5:
            return Party(
                matter_id,
                rng.choice(PEOPLE),
                PartyRole.FOREIGN_NATIONAL,
                PartyKind.INDIVIDUAL,
                country=rng.choice(COUNTRIES),
            )
        return Party(
            matter_id,
            rng.choice(COMPANIES),
            rng.choice(
                (PartyRole.ULTIMATE_CONSIGNEE, PartyRole.ANNEX_A_ENTITY, PartyRole.END_USER)
            ),
            country=rng.choice(COUNTRIES),
            address=f"{rng.randint(1, 999)} {self.words.sentence(2).rstrip('.')} Street",
        )

    def _share(self, ids: list[int]) -> list[int]:
        """Documents per matter: the two special matters, the rest spread unevenly."""
        size, rng = self.size, self.rng
        share = [0] * len(ids)
        share[0] = size.big_matter
        if len(ids) > 1:
            share[1] = size.memo_documents
        rest = size.documents - sum(share)
        for _ in range(max(0, rest)):
            share[2 + int(rng.paretovariate(1.2) * 3) % max(1, len(ids) - 2)] += 1
        return share

    def _fill_matter(self, matter_id: int, wanted: int) -> int:
        """File about ``wanted`` documents (emails with their attachments, letters)."""
        made = 0
        while made < wanted:
            if self.rng.random() < 0.65:
                parsed = self._email(
                    attachments=min(wanted - made - 1, self.rng.choice((0, 0, 1, 1, 2)))
                )
            else:
                parsed = self._letter()
            direction = self.rng.choice((Direction.INCOMING, Direction.OUTGOING))
            outcome = self.files.file(
                matter_id, parsed.filename, parsed, Filing(direction=direction)
            )
            made += 1 + outcome.children
        return made

    def _stamp(self) -> datetime:
        return START + timedelta(minutes=self.rng.randrange(4_000_000))

    def _email(self, attachments: int) -> ParsedFile:
        rng, n = self.rng, next(self.serial)
        when = self._stamp()
        subject = self.words.sentence(rng.randint(3, 10)).rstrip(".")
        sender = f"{rng.choice(PEOPLE)} <p{rng.randrange(500)}@example.com>"
        to = tuple(f"counsel{rng.randrange(40)}@example.com" for _ in range(rng.randint(1, 3)))
        body = self.words.text(rng.randint(30, 300))
        message_id = f"<{n}.{rng.randrange(10**9)}@mail.example.com>"
        headers = EmailHeaders(
            sender=sender,
            to=to,
            date=when.isoformat(),
            subject=subject,
            message_id=message_id,
        )
        children = tuple(self._attachment(when) for _ in range(attachments))
        raw = (
            f"From: {sender}\r\nTo: {', '.join(to)}\r\nSubject: {subject}\r\n"
            f"Date: {format_datetime(when)}\r\nMessage-ID: {message_id}\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n"
        ).encode()
        return ParsedFile(
            f"{subject[:40]}.eml", "message/rfc822", raw, body, when.isoformat(), headers, children
        )

    def _attachment(self, when: datetime) -> ParsedFile:
        text = self.words.text(self.rng.randint(100, 600))
        n = next(self.serial)
        return ParsedFile(
            f"attachment-{n}.pdf", "application/pdf", _pdf_bytes(n, text), text, when.isoformat()
        )

    def _letter(self) -> ParsedFile:
        n, when = next(self.serial), self._stamp()
        text = self.words.text(self.rng.randint(150, 800))
        return ParsedFile(
            f"BIS letter {when:%Y-%m-%d} {n}.pdf",
            "application/pdf",
            _pdf_bytes(n, text),
            text,
            when.isoformat(),
        )

    def _make_conditions(self, ids: list[int]) -> None:
        size, rng = self.size, self.rng
        owners = [0] * len(ids)
        if len(ids) > 1:
            owners[1] = size.memo_conditions
        for _ in range(size.conditions - sum(owners)):
            owners[rng.randrange(len(ids))] += 1
        pairs = [(ids[i], n) for i, count in enumerate(owners) for n in range(count)]
        for chunk in _chunks(pairs, 1000):
            with self.library.transaction(ACTOR):
                for matter_id, n in chunk:
                    self.conditions.add_condition(self._condition(matter_id, n + 1))

    def _condition(self, matter_id: int, number: int) -> Condition:
        rng = self.rng
        obligation = rng.choice(
            (ObligationKind.RECURRING, ObligationKind.RECURRING, ObligationKind.ONE_TIME,
             ObligationKind.CONTINUING_PROHIBITION)
        )  # fmt: skip
        first = date(2026, 1, 1) + timedelta(days=rng.randrange(700))
        return Condition(
            matter_id,
            rng.choice((ConditionKind.LETTER_SAFEGUARD, ConditionKind.INTERNAL_SAFEGUARD)),
            rng.choice(list(ConditionCategory)),
            self.words.text(rng.randint(20, 80), non_latin=0.02),
            number=str(number),
            owner=rng.choice(PEOPLE),
            obligation=obligation,
            first_due=None if obligation is ObligationKind.CONTINUING_PROHIBITION else first,
            rrule=rng.choice(RULES) if obligation is ObligationKind.RECURRING else "",
            grace_days=rng.choice((0, 0, 5, 10, 30)),
        )

    def _make_scans(self, ids: list[int]) -> None:
        """Large scanned letters (random bytes, 8–40 MB each) until ``scan_bytes`` are stored."""
        rng, left = self.rng, self.size.scan_bytes
        while left > 0:
            length = min(left, rng.randint(8 << 20, 40 << 20))
            left -= length
            n = next(self.serial)
            data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(length)
            parsed = ParsedFile(f"scan-{n}.pdf", "application/pdf", data, "", "")
            filing = Filing(DocumentKind.LETTER, Direction.INCOMING, title=f"Scanned file {n}")
            self.files.file(ids[rng.randrange(len(ids))], parsed.filename, parsed, filing)


def _pdf_bytes(n: int, text: str) -> bytes:
    """Small bytes that look like a PDF's (the text itself is what search sees)."""
    return (
        f"%PDF-1.7\n%synthetic {n}\n1 0 obj << /Type /Catalog >> endobj\n% {text[:120]}\n%%EOF\n"
    ).encode()


def _chunks(items: list[object] | list[int] | list[tuple[int, int]], n: int) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), n):
        yield items[start : start + n]


def main() -> None:
    """Build (or find) the library and say where it is."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--fresh", action="store_true", help="generate again even if cached")
    args = parser.parse_args()
    paths, seconds = build(args.seed, QUICK if args.quick else FULL, args.cache, fresh=args.fresh)
    made = "from the cache" if seconds is None else f"generated in {seconds:.0f} s"
    print(f"{paths.root} ({made})")


if __name__ == "__main__":
    main()
