"""The words of a coverage answer: the three answers, the factors they rest on, the question.

A coverage answer (docs/domain.md#coverage, issue 14) is one of three — covered, not covered, needs
review — as of a date, with every dimension that was checked as a ``Factor`` (pass, fail or unknown,
with its source: the letter's clause, the Annex A row, the license field, the regulation section)
and the caveats the app does not decide. "Covered" only when every factor passes; any unknown makes
the answer "needs review", naming the missing fact.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from typing import Literal

from desktop_app.core.enums import LabeledEnum, ReleaseMechanism, TransactionType

GroupLookup = Callable[[str], AbstractSet[str]]
"""An ISO country code to its Country Groups (15 CFR 740 Supp. 1), e.g. ``CN`` → ``{"D:5", …}``."""

Kind = Literal["license", "letter", "determination", "regulation"]


class Answer(LabeledEnum):
    """The three answers coverage gives."""

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    NEEDS_REVIEW = "needs_review"


class Outcome(LabeledEnum):
    """How one dimension came out."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Factor:
    """One dimension checked: what, how it came out, in words, and the source it rests on.

    ``missing`` names the fact that would decide an unknown factor ("Wen Jiahui's employment
    start date"); it is empty for pass and fail.
    """

    dimension: str
    outcome: Outcome
    detail: str
    source: str
    missing: str = ""


@dataclass(frozen=True)
class Coverage:
    """A reasoned, dated answer for one release.

    ``basis`` says what covers it (``letter of 2026-06-26, Annex A row 3``, ``no license
    required: License Exception AIA, determination of 2026-07-01``), or, when nothing does, what
    came nearest. ``summary`` is the one line a table shows. ``authorization_id`` and ``kind``
    name the letter, license or determination the answer points at (None and "regulation" when
    it rests on the regulation alone).
    """

    answer: Answer
    as_of: date
    summary: str
    basis: str = ""
    factors: tuple[Factor, ...] = ()
    caveats: tuple[str, ...] = ()
    authorization_id: int | None = None
    kind: Kind | None = None

    @property
    def covered(self) -> bool:
        """True only for the answer "covered"."""
        return self.answer is Answer.COVERED

    @property
    def missing(self) -> tuple[str, ...]:
        """The facts that would decide the unknown factors, in order, without repeats."""
        return tuple(dict.fromkeys(f.missing for f in self.factors if f.missing))

    @property
    def failures(self) -> tuple[Factor, ...]:
        """The factors that failed."""
        return tuple(f for f in self.factors if f.outcome is Outcome.FAIL)


@dataclass(frozen=True)
class Question:
    """A release to ask about: to whom, of what, how, where and as of when.

    ``destination`` is the country the item goes to (for a deemed export or reexport, the
    country where the release happens); empty when not recorded. ``dated`` is False when the
    activity has no date and ``on`` is the day asked (``--as-of``, else today). ``activity_id``
    is None for a party row's default question.
    """

    party_id: int
    item_id: int | None
    transaction_type: TransactionType
    on: date
    destination: str = ""
    to_address: str = ""
    mechanism: ReleaseMechanism = ReleaseMechanism.ELECTRONIC_TRANSMISSION
    activity_id: int | None = None
    dated: bool = True
    performed: bool = False
