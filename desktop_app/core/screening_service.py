"""Holding list editions, screening a matter's parties on the record, and counsel's decisions.

`ListService.add_edition` is the one way an edition enters a library: the file's bytes go to
the blob store under their SHA-256 (verify re-hashes them like any original), and an `Edition`
record — publication date, source, file name, entry counts — is written and audited in the same
transaction. The same file given twice is held once. The edition in force is the one published
last (docs/rules.md, "Screening").

`ScreeningService` screens every party of a matter against an edition and records it, decides
a hit, and carries a matter's screenings to a newer edition: a party whose hits the edition's
changes cannot alter keeps them (carried forward, dispositions and all); the others are screened
again, and a hit on an entry that changed is reopened.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from desktop_app.core.enums import PartyKind
from desktop_app.core.models import Party
from desktop_app.core.ports import BlobSink, Store, UnitOfWork
from desktop_app.core.screening_lists import Edition, EditionChanges, ListEdition
from desktop_app.core.screening_match import Hit, Screener
from desktop_app.core.screening_records import (
    Disposition,
    Screening,
    ScreeningHit,
    hits_by_screening,
)
from desktop_app.errors import UserError, ValidationError

MAX_RATIONALE = 4000


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Added:
    """An edition given to the library: the record held, and whether it was new."""

    edition: Edition
    new: bool


class ListService:
    """Adds the editions of the screening lists to a library."""

    def __init__(
        self, store: Store, blobs: BlobSink, actor: str, now: Callable[[], str] = _now
    ) -> None:
        self._store, self._blobs, self._actor, self._now = store, blobs, actor, now

    def add_edition(self, data: bytes, parsed: ListEdition) -> Added:
        """Hold the edition read from ``data`` (its file's bytes); a file held already is kept."""
        with self._store.transaction(self._actor) as tx:
            held = tx.find_edition(parsed.sha256)
            if held is not None:
                return Added(held, new=False)
            blob = self._blobs.put(data)
            if blob.sha256 != parsed.sha256:
                raise UserError("The list file changed while it was read; nothing was added.")
            tx.record_blob(blob)
            record = Edition(
                published=parsed.published,
                sha256=parsed.sha256,
                source=parsed.source,
                file_name=parsed.file_name,
                entry_count=len(parsed.entries),
                counts=json.dumps(parsed.counts(), separators=(",", ":")),
                imported_at=self._now(),
                imported_by=self._actor,
            )
            return Added(tx.insert(record), new=True)


def in_force(editions: list[Edition]) -> Edition | None:
    """The edition published last (the one added last among those of the same day)."""
    return max(editions, key=lambda e: (e.published, e.id), default=None)


@dataclass(frozen=True)
class PartyScreened:
    """What screening did for one party: its screening, its hits, and whether it is new."""

    party: Party
    screening: Screening
    hits: tuple[ScreeningHit, ...]
    new: bool


@dataclass(frozen=True)
class NewEdition:
    """A newer edition taking over from an older one, and what it changed."""

    old: Edition
    new: Edition
    changed: EditionChanges
    screener: Screener
    """The new edition, whole."""
    touched: Screener
    """Only the entries the new edition added or changed."""

    def could_change(self, party: Party, before: Screening, hits: Iterable[ScreeningHit]) -> bool:
        """Whether the party's hits could differ on the new edition."""
        if any(h.entry_key in self.changed.touched for h in hits):
            return True
        kind = _kind(party)
        return any(self.touched.screen(n, party.country or None, kind) for n in before.names)


@dataclass(frozen=True)
class Carried:
    """A matter's screenings carried to a newer edition."""

    rescreened: int
    carried: int
    reopened: int


class ScreeningService:
    """Screens a matter's parties on the record and keeps counsel's dispositions."""

    def __init__(self, store: Store, actor: str, now: Callable[[], str] = _now) -> None:
        self._store, self._actor, self._now = store, actor, now

    def screen_matter(
        self, matter_id: int, edition: Edition, screener: Screener
    ) -> list[PartyScreened]:
        """Screen every party of the matter against ``edition`` and record it.

        A party screened on that edition already, under the same names, is left as it was: a
        second run adds nothing.
        """
        with self._store.transaction(self._actor) as tx:
            if tx.in_trash(matter_id):
                raise UserError("The matter is in the trash; restore it before screening it.")
            record = _Held(tx, matter_id)
            done = []
            for party in tx.children(Party, matter_id):
                held = record.on(party.id, edition.id)
                if held is not None and held.names == _names(party):
                    done.append(PartyScreened(party, held, record.hits_of(held), new=False))
                    continue
                done.append(self._screen(tx, party, edition, screener, record.hits_of(held)))
            return done

    def decide(self, hit_id: int, disposition: Disposition, rationale: str) -> ScreeningHit:
        """Record counsel's disposition of a hit, with the rationale, who and when (audited)."""
        why = rationale.strip()
        problems = {}
        if disposition is Disposition.UNDECIDED:
            problems["disposition"] = "Choose false positive, confirmed match or escalated."
        if not why:
            problems["rationale"] = "Say why: the rationale is part of the record."
        elif len(why) > MAX_RATIONALE:
            problems["rationale"] = f"The rationale is at most {MAX_RATIONALE:,} characters."
        if problems:
            raise ValidationError(problems)
        with self._store.transaction(self._actor) as tx:
            hit = tx.get(ScreeningHit, hit_id)
            if tx.in_trash(hit.matter_id):
                raise UserError("The matter is in the trash; restore it before deciding a hit.")
            decided = replace(
                hit,
                disposition=disposition,
                rationale=why,
                decided_by=self._actor,
                decided_at=self._now(),
            )
            tx.update(decided)
            return decided

    def carry_forward(self, matter_id: int, move: NewEdition) -> Carried:
        """Carry the matter's screenings on the older edition of ``move`` to the newer one.

        A party whose names find nothing among the entries the new edition added or changed,
        and none of whose hits is on a changed or removed entry, keeps its hits; any other
        party is screened again against the whole new edition.
        """
        rescreened = carried = reopened = 0
        with self._store.transaction(self._actor) as tx:
            record = _Held(tx, matter_id)
            for party in tx.children(Party, matter_id):
                before = record.on(party.id, move.old.id)
                if before is None or record.on(party.id, move.new.id) is not None:
                    continue
                hits = record.hits_of(before)
                if move.could_change(party, before, hits):
                    done = self._screen(tx, party, move.new, move.screener, hits)
                    rescreened += 1
                    reopened += sum(1 for h in done.hits if h.reopened)
                else:
                    self._carry(tx, before, move.new, hits)
                    carried += 1
        return Carried(rescreened, carried, reopened)

    def _screen(
        self,
        tx: UnitOfWork,
        party: Party,
        edition: Edition,
        screener: Screener,
        previous: tuple[ScreeningHit, ...],
    ) -> PartyScreened:
        names = _names(party)
        best = _best_hits(screener, names, party)
        screening = tx.insert(
            Screening(party.matter_id, party.id, edition.id, names, self._now(), len(best))
        )
        earlier = {h.entry_key: h for h in previous}
        hits = tuple(
            tx.insert(_recorded(hit, screening, earlier.get(hit.entry.key), edition))
            for hit in best
        )
        return PartyScreened(party, screening, hits, new=True)

    def _carry(
        self, tx: UnitOfWork, before: Screening, new: Edition, hits: Iterable[ScreeningHit]
    ) -> None:
        carried = tx.insert(
            replace(
                before,
                edition_id=new.id,
                screened_at=self._now(),
                carried_from=before.id,
                id=0,
            )
        )
        for hit in hits:
            tx.insert(replace(hit, screening_id=carried.id, id=0))


def _names(party: Party) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.strip() for n in (party.name, *party.aliases) if n.strip()))


_LISTED_KIND = {PartyKind.INDIVIDUAL: "Individual"}


def _kind(party: Party) -> str | None:
    """The list's word for the party's type: an individual, or else an entity."""
    return _LISTED_KIND.get(party.kind, "Entity")


def _best_hits(screener: Screener, names: tuple[str, ...], party: Party) -> list[Hit]:
    """One hit per entry, through the best of the party's names, best first."""
    best: dict[str, Hit] = {}
    for name in names:
        for hit in screener.screen(name, party.country or None, _kind(party)):
            if hit.entry.key not in best or hit.score > best[hit.entry.key].score:
                best[hit.entry.key] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.entry.key))


def _recorded(
    hit: Hit, screening: Screening, earlier: ScreeningHit | None, edition: Edition
) -> ScreeningHit:
    """The hit as recorded; a decision on the same entry, unchanged, carries over."""
    recorded = ScreeningHit(
        matter_id=screening.matter_id,
        party_id=screening.party_id,
        screening_id=screening.id,
        entry_key=hit.entry.key,
        list_code=hit.entry.list_code,
        entry_name=hit.entry.name,
        alias=hit.alias,
        score=hit.score,
        features=tuple(hit.features.sentences()),
        entry_digest=hit.entry.digest,
    )
    if earlier is None or earlier.disposition is Disposition.UNDECIDED:
        return recorded
    if earlier.entry_digest == recorded.entry_digest:
        return replace(
            recorded,
            disposition=earlier.disposition,
            rationale=earlier.rationale,
            decided_by=earlier.decided_by,
            decided_at=earlier.decided_at,
        )
    return replace(
        recorded,
        reopened=(
            f"The entry changed in the edition of {edition.published}; the earlier decision "
            f"({earlier.disposition.label}, {earlier.decided_by}, {earlier.decided_at}) "
            "no longer stands."
        ),
    )


class _Held:
    """A matter's screenings and hits, read once for a transaction and indexed."""

    def __init__(self, tx: UnitOfWork, matter_id: int) -> None:
        self._latest: dict[tuple[int, int], Screening] = {}
        for screening in tx.children(Screening, matter_id):
            key = (screening.party_id, screening.edition_id)
            if key not in self._latest or screening.id > self._latest[key].id:
                self._latest[key] = screening
        self._hits = hits_by_screening(tx.children(ScreeningHit, matter_id))

    def on(self, party_id: int, edition_id: int) -> Screening | None:
        """The party's latest screening on that edition, if any."""
        return self._latest.get((party_id, edition_id))

    def hits_of(self, screening: Screening | None) -> tuple[ScreeningHit, ...]:
        """A screening's potential matches (none for no screening)."""
        return () if screening is None else self._hits.get(screening.id, ())
