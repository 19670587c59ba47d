"""Coverage: a reasoned, dated answer for each release — covered, not covered, or needs review.

docs/domain.md#coverage (rule 1) and issue 14: an activity is covered only if every dimension
of an authorization matches and nothing independently requires a license. The order:

1. the regulation itself: no deemed export to a person who is not a foreign person, no export
   to a US destination, no deemed reexport in the person's own country (``coverage_rules``);
   object code (734.13(a)(2)) only when no recorded authorization covers;
2. every letter lifting the requirement, every determination removing it, every license, each
   with all its factors (``coverage_letters``, ``coverage_determinations``, ``coverage_checks``);
3. the first with every factor passing is the answer, "covered", with the caveats the app does
   not decide (Part 744 and General Prohibitions 4–10, screening). Else one with only unknowns
   makes it "needs review", naming the missing facts; else "not covered", by the nearest miss.
   An unknown US status, or hosted access nobody has determined, turns "not covered" into
   "needs review": the release may need no license at all.

The app records; counsel decide. Every answer is as of a date: the activity's, or the day asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop_app.core.authorizations import LetterEffect
from desktop_app.core.coverage_candidates import Candidate, choose
from desktop_app.core.coverage_checks import cached_expiry, license_factors
from desktop_app.core.coverage_determinations import determination_factors, reaches
from desktop_app.core.coverage_facts import MatterFacts, activity_question, row_question
from desktop_app.core.coverage_letters import letter_factors
from desktop_app.core.coverage_model import (
    Answer,
    Coverage,
    Factor,
    GroupLookup,
    Outcome,
    Question,
)
from desktop_app.core.coverage_reading import letter_name
from desktop_app.core.coverage_rules import (
    PART_744_CAVEAT,
    no_authorization_needed,
    object_code,
)
from desktop_app.core.coverage_screening import screening_caveat, screening_factors
from desktop_app.core.coverage_subject import Subject
from desktop_app.core.enums import TransactionType
from desktop_app.core.models import Activity
from desktop_app.core.nationality_flags import flags_caveat

__all__ = [
    "Answer",
    "Coverage",
    "CoverageRow",
    "Factor",
    "GroupLookup",
    "MatterFacts",
    "Outcome",
    "Question",
    "activity_coverage",
    "cover",
    "coverage_table",
    "every_item_answered",
    "matter_coverage",
    "row_question",
]


UNDATED = Factor(
    "dates",
    Outcome.UNKNOWN,
    "the activity is recorded as performed but has no date",
    "activity",
    "the date the activity was performed",
)


@dataclass(frozen=True)
class CoverageRow:
    """One line of a matter's coverage: who, what, which activity (if any), and the answer."""

    party_id: int | None
    item_id: int | None
    activity_id: int | None
    transaction_type: TransactionType
    coverage: Coverage


def cover(
    question: Question,
    facts: MatterFacts,
    *,
    group_of: GroupLookup,
) -> Coverage:
    """Answer one question (see the module docstring for the order)."""
    subject = _subject(question, facts, group_of)
    outside = no_authorization_needed(subject)
    if outside is not None:
        return _by_regulation(subject, outside, _outside_caveats(question))
    candidates = _candidates(subject, facts)
    if question.performed and not question.dated:
        candidates = [replace(c, factors=(*c.factors, UNDATED)) for c in candidates]
    screened = screening_factors(subject)
    if screened:
        candidates = [replace(c, factors=(*c.factors, *screened)) for c in candidates]
    answer = choose(candidates, subject, _base_caveats(subject))
    code = None if answer.covered else object_code(subject)
    return answer if code is None else _by_regulation(subject, code, ())


def _by_regulation(subject: Subject, found: tuple[str, Factor], extra: tuple[str, ...]) -> Coverage:
    """A covered answer on the regulation's own terms: its basis, one factor, the caveats."""
    basis, factor = found
    caveats = (*_base_caveats(subject), *extra)
    summary = f"covered: {basis}"
    return Coverage(
        Answer.COVERED, subject.on, summary, basis, (factor,), caveats, None, "regulation"
    )


def _subject(question: Question, facts: MatterFacts, group_of: GroupLookup) -> Subject:
    person = facts.party(question.party_id)
    employer = facts.find_party(person.employer_id)
    item = facts.item(question.item_id) if question.item_id is not None else None
    return Subject(question, person, employer, item, facts, group_of)


def _candidates(subject: Subject, facts: MatterFacts) -> list[Candidate]:
    found = []
    for letter in facts.letters:
        if letter.effect is LetterEffect.REMOVES_REQUIREMENT and letter.modifies_letter_id is None:
            basis, factors = letter_factors(letter, subject)
            name = letter_name(letter)
            found.append(Candidate(basis, tuple(factors), (), letter.id, "letter", name))
    for determination in facts.determinations:
        if reaches(determination, subject):
            basis, factors, caveats = determination_factors(determination, subject)
            name = f"determination of {determination.decided_on}"
            found.append(
                Candidate(
                    basis, tuple(factors), tuple(caveats), determination.id, "determination", name
                )
            )
    for license in facts.licenses:
        basis, factors, caveats = license_factors(
            license, subject, lambda x: cached_expiry(x, facts.calendar)
        )
        found.append(Candidate(basis, tuple(factors), tuple(caveats), license.id, "license", basis))
    return found


def _base_caveats(subject: Subject) -> tuple[str, ...]:
    flags = flags_caveat(subject.party, subject.on, subject.group_of)  # D:5, Macau: a warning
    return (*_undated(subject.question), PART_744_CAVEAT, screening_caveat(subject), *flags)


def _undated(question: Question) -> tuple[str, ...]:
    if question.dated or question.activity_id is None or question.performed:
        return ()
    return (f"the activity has no date: answered as of {question.on}",)


def _outside_caveats(question: Question) -> tuple[str, ...]:
    if question.transaction_type is TransactionType.DEEMED_REEXPORT:
        return ("the item must have reached that country under its own authorization",)
    return ()


def matter_coverage(facts: MatterFacts, on: date, *, group_of: GroupLookup) -> dict[int, Coverage]:
    """Coverage for every party row of a matter, keyed by party id (see ``row_question``)."""
    return {
        party.id: cover(row_question(party, facts, on), facts, group_of=group_of)
        for party in facts.parties
    }


def activity_coverage(
    activity: Activity, facts: MatterFacts, *, as_of: date, group_of: GroupLookup
) -> Coverage:
    """Coverage for an activity as of its own date (``as_of`` when it has none)."""
    on = activity.on or as_of
    if activity.party_id is None:
        factor = Factor(
            "party",
            Outcome.UNKNOWN,
            "the activity names no recipient",
            "activity",
            "the activity's recipient",
        )
        summary = "needs review: the activity's recipient"
        return Coverage(Answer.NEEDS_REVIEW, on, summary, factors=(factor,))
    question = activity_question(activity, activity.party_id, as_of)
    return cover(question, facts, group_of=group_of)


MAX_PAIRS = 20_000
"""Party × item rows beyond which a table answers each party for its row's item only."""


def coverage_table(
    facts: MatterFacts, as_of: date, *, group_of: GroupLookup, max_pairs: int = MAX_PAIRS
) -> tuple[CoverageRow, ...]:
    """Every activity, then every party × item (the party row question for each item).

    With more than ``max_pairs`` party × item pairs (a matter file may hold 10,000 of each),
    each party is answered for its row's item only, as the Parties tab does, so time and
    memory stay bounded; ``every_item_answered`` says which a table did.
    """
    rows = [
        CoverageRow(
            a.party_id,
            a.item_id,
            a.id,
            a.type,
            activity_coverage(a, facts, as_of=as_of, group_of=group_of),
        )
        for a in facts.activities
    ]
    for party in facts.parties:
        default = row_question(party, facts, as_of)
        items = facts.items if every_item_answered(facts, max_pairs) else ()
        if not items and default.item_id is not None:
            items = (facts.item(default.item_id),)
        for item in items:
            question = Question(
                party.id,
                item.id,
                default.transaction_type,
                as_of,
                destination=default.destination,
                to_address=default.to_address,
            )
            answer = cover(question, facts, group_of=group_of)
            rows.append(CoverageRow(party.id, item.id, None, question.transaction_type, answer))
    return tuple(rows)


def every_item_answered(facts: MatterFacts, max_pairs: int = MAX_PAIRS) -> bool:
    """True when ``coverage_table`` answers every party for every item of the matter."""
    return len(facts.parties) * len(facts.items) <= max_pairs
