"""Choosing the answer among the authorizations that might reach a release.

Each letter, determination and license is a ``Candidate`` with all its factors. The first whose
factors all pass gives "covered" (letters, then determinations, then licenses: the order the
matter's records were checked in). Else the candidate with the fewest unknowns and no failure
gives "needs review". Else the nearest miss — fewest failures, then the most telling one —
gives "not covered", unless a fact the regulation turns on is unknown (the person's US status,
whether hosted access releases anything, the item's classification): then the release may
need no license (no deemed export
to a person who is not a foreign person, 734.13(a)(2); hosted access that releases no
technology, 734.15), and the answer is "needs review".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.authorizations import DeterminationKind
from desktop_app.core.coverage_determinations import reaches
from desktop_app.core.coverage_model import Answer, Coverage, Factor, Kind, Outcome
from desktop_app.core.coverage_rules import unknown_person_status
from desktop_app.core.coverage_subject import UNKNOWN, Subject
from desktop_app.core.enums import ReleaseMechanism

# The failure a "not covered" line leads with: the hardest first, the party last.
TELLING = (
    "Part 746 embargoes",
    "OFAC sanctions",
    "validity",
    "dates",
    "supersession",
    "later letters",
    "determination",
    "transaction type",
    "item",
    "model version",
    "destination",
    "address",
    "nationals",
    "conditions before release",
    "employment",
    "party",
)


@dataclass(frozen=True)
class Candidate:
    """One authorization's reading of the release: basis, factors, caveats, and what it is."""

    basis: str
    factors: tuple[Factor, ...]
    caveats: tuple[str, ...]
    authorization_id: int
    kind: Kind
    name: str

    def count(self, outcome: Outcome) -> int:
        """How many factors came out ``outcome``."""
        return sum(1 for f in self.factors if f.outcome is outcome)


def choose(candidates: list[Candidate], subject: Subject, caveats: tuple[str, ...]) -> Coverage:
    """The answer for a release from its candidates (see the module docstring)."""
    on = subject.on
    for found in candidates:
        if found.count(Outcome.FAIL) == 0 and found.count(Outcome.UNKNOWN) == 0:
            extra = (*found.caveats, *caveats)
            summary = f"covered: {found.basis}"
            return _coverage(Answer.COVERED, found, on=on, summary=summary, caveats=extra)
    open_ = [c for c in candidates if c.count(Outcome.FAIL) == 0]
    if open_:
        best = min(open_, key=lambda c: c.count(Outcome.UNKNOWN))
        return _review(best, on, (*best.caveats, *caveats), ())
    nearest = min(candidates, key=_nearness) if candidates else None
    regulation = _regulation_unknowns(subject) + _classification_unknown(subject, nearest)
    if regulation:
        return _review(nearest, on, caveats, regulation)
    return _not_covered(nearest, subject, caveats)


def _nearness(candidate: Candidate) -> tuple[int, int, int]:
    """Fewest failures, then fewest unknowns, then the most telling failure."""
    failed = [_rank(f.dimension) for f in candidate.factors if f.outcome is Outcome.FAIL]
    return (len(failed), candidate.count(Outcome.UNKNOWN), min(failed, default=len(TELLING)))


def _classification_unknown(subject: Subject, nearest: Candidate | None) -> tuple[Factor, ...]:
    """Unknown when the item has no ECCN: with none, whether any license is needed is open.

    Not when an embargo or sanctions program fails whatever the classification.
    """
    item = subject.item
    if item is None or item.eccn.strip():
        return ()
    hard = ("Part 746 embargoes", "OFAC sanctions")
    if nearest is not None and any(
        f.dimension in hard and f.outcome is Outcome.FAIL for f in nearest.factors
    ):
        return ()
    return (
        Factor(
            "classification",
            UNKNOWN,
            f"{item.name} has no ECCN recorded: whether a license is needed at all is open",
            "15 CFR 734.3, 738.4 (classification and the Commerce Country Chart)",
            f"the classification (ECCN or EAR99) of {item.name}",
        ),
    )


def _regulation_unknowns(subject: Subject) -> tuple[Factor, ...]:
    found = []
    status = unknown_person_status(subject)
    if status is not None:
        found.append(status)
    decided = any(
        d.kind is DeterminationKind.NO_RELEASE and reaches(d, subject)
        for d in subject.facts.determinations
    )
    if subject.question.mechanism is ReleaseMechanism.API_ACCESS_ONLY and not decided:
        found.append(
            Factor(
                "release",
                UNKNOWN,
                "hosted access without release of the parameters is not by itself a release",
                "15 CFR 734.15; docs/domain.md#hosted-access",
                f"counsel's determination whether hosted access to {subject.item_label}"
                " releases technology",
            )
        )
    return tuple(found)


def _review(
    best: Candidate | None, on: date, caveats: tuple[str, ...], first: tuple[Factor, ...]
) -> Coverage:
    factors = (*first, *(best.factors if best else ()))
    missing = list(dict.fromkeys(f.missing for f in factors if f.missing))
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    summary = f"needs review: {missing[0]}{more}" if missing else "needs review"
    return Coverage(
        Answer.NEEDS_REVIEW,
        on,
        summary,
        best.basis if best else "",
        factors,
        caveats,
        best.authorization_id if best else None,
        best.kind if best else None,
    )


def _not_covered(nearest: Candidate | None, subject: Subject, caveats: tuple[str, ...]) -> Coverage:
    no_license = "" if subject.facts.licenses else "; no license"
    if nearest is None:
        summary = f"not covered: no letter, determination or license reaches this{no_license}"
        return Coverage(Answer.NOT_COVERED, subject.on, summary, caveats=caveats)
    failures = [f for f in nearest.factors if f.outcome is Outcome.FAIL]
    lead = min(failures, key=lambda f: _rank(f.dimension))
    summary = f"not covered: {nearest.name}: {lead.detail}{no_license}"
    return _coverage(
        Answer.NOT_COVERED, nearest, on=subject.on, summary=summary, caveats=caveats, basis=""
    )


def _rank(dimension: str) -> int:
    return TELLING.index(dimension) if dimension in TELLING else len(TELLING)


def _coverage(
    answer: Answer,
    found: Candidate,
    *,
    on: date,
    summary: str,
    caveats: tuple[str, ...],
    basis: str | None = None,
) -> Coverage:
    return Coverage(
        answer,
        on,
        summary,
        found.basis if basis is None else basis,
        found.factors,
        tuple(dict.fromkeys(caveats)),
        found.authorization_id,
        found.kind,
    )
