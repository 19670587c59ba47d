"""The coverage answers the window shows, and how many of them need review in each matter.

The Parties tab answers each party's row question as of the day; the Activities tab answers
each activity as of its own date (the day, when it has none). The docket and the agenda count
those same answers that need review, for every matter with a letter, license, determination
or activity (`storage.coverage_reads`): `read_review` runs on the gateway's build worker, a
few hundred matters at a time, so neither the window nor its memory waits on the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from desktop_app.core.coverage_model import Answer, Coverage
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.coverage_facts import MatterFacts
    from desktop_app.storage.library import Library

CHUNK = 250
"""How many matters' facts are read at once."""


def party_answers(facts: MatterFacts, as_of: date) -> dict[int, Coverage]:
    """Each party row's answer on ``as_of``, by party id."""
    from desktop_app.core.coverage import matter_coverage  # noqa: PLC0415 - rules load on use
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415

    return matter_coverage(facts, as_of, group_of=groups_of)


def activity_answers(facts: MatterFacts, as_of: date) -> dict[int, Coverage]:
    """Each activity's answer on its own date (``as_of`` when it has none), by activity id."""
    from desktop_app.core.coverage import activity_coverage  # noqa: PLC0415 - rules load on use
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415

    return {
        a.id: activity_coverage(a, facts, as_of=as_of, group_of=groups_of) for a in facts.activities
    }


def shown_answers(facts: MatterFacts, as_of: date) -> Iterator[Coverage]:
    """Every answer the Parties and Activities tabs show for a matter."""
    yield from party_answers(facts, as_of).values()
    yield from activity_answers(facts, as_of).values()


@dataclass(frozen=True)
class MatterReview:
    """One matter's count: how many of the answers shown need review, of how many.

    ``head`` is the matter's audit head when counted: the count holds while it is unchanged.
    """

    matter_id: int
    number: str
    title: str
    needs_review: int
    answers: int
    head: str = ""


@dataclass(frozen=True)
class ReviewCounts:
    """The count of every matter with a letter, license, determination or activity, on a day."""

    as_of: date
    matters: tuple[MatterReview, ...] = ()

    @cached_property
    def needing(self) -> tuple[MatterReview, ...]:
        """The matters with at least one answer that needs review, by matter number."""
        return tuple(m for m in self.matters if m.needs_review)

    @property
    def total(self) -> int:
        """Answers that need review, across the library."""
        return sum(m.needs_review for m in self.matters)

    @cached_property
    def by_id(self) -> dict[int, MatterReview]:
        """Each count by matter id."""
        return {m.matter_id: m for m in self.matters}

    def of(self, matter_id: int) -> MatterReview | None:
        """The count of one matter; None when it was not counted (nothing asked or decided)."""
        return self.by_id.get(matter_id)


def review_text(counts: ReviewCounts) -> str:
    """The counts in words: "4 coverage answers need review in 2 matters, as of 2026-12-31"."""
    n, m, day = counts.total, len(counts.needing), counts.as_of.isoformat()
    if not n:
        return _("No coverage answer needs review, as of {day}").format(day=day)
    answers = _("1 coverage answer needs") if n == 1 else _("{n} coverage answers need")
    matters = _("1 matter") if m == 1 else _("{m} matters")
    return (answers + " " + _("review in") + " " + matters + _(", as of {day}")).format(
        n=n, m=m, day=day
    )


def count_review(facts: MatterFacts, as_of: date) -> tuple[int, int]:
    """(answers that need review, answers) among those shown for one matter."""
    answers = list(shown_answers(facts, as_of))
    return sum(1 for c in answers if c.answer is Answer.NEEDS_REVIEW), len(answers)


def read_review(
    library: Library, as_of: date, previous: ReviewCounts | None = None
) -> ReviewCounts:
    """Count for every matter with a letter, license, determination or activity (off-thread).

    A matter whose audit head is the one ``previous`` counted it at (for the same day) keeps
    that count: after a change only the matters changed are answered again.
    """
    kept = previous.by_id if previous is not None and previous.as_of == as_of else {}
    counted = library.reads.counted_matters()
    stale = [c for c in counted if c.matter.id not in kept or kept[c.matter.id].head != c.head]
    fresh: dict[int, MatterReview] = {}
    for start in range(0, len(stale), CHUNK):
        chunk = stale[start : start + CHUNK]
        facts = library.reads.coverage_facts([c.matter.id for c in chunk])
        for m, head in chunk:
            review, answers = count_review(facts[m.id], as_of)
            fresh[m.id] = MatterReview(m.id, m.number, m.title, review, answers, head)
    reviews = (fresh.get(c.matter.id) or kept[c.matter.id] for c in counted)
    return ReviewCounts(as_of, tuple(reviews))
