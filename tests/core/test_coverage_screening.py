"""A party's screening in its coverage answer: both sides of each rule (docs/rules.md, "Screening").

Built on the fictional matter of tests/core/test_coverage.py, where Ostrava (an Annex A entity)
and Priya Raman (its employee) are covered by the June 26 letter. A potential match not decided
or escalated needs review naming the decision; a false positive leaves the answer covered; a
confirmed Entity List match fails it (15 CFR 744.11); a match confirmed on another list needs
review; the employer's screening counts for its employee; only the latest screening counts.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.coverage import Answer, MatterFacts, Outcome
from desktop_app.core.coverage_screening import DIMENSION
from desktop_app.core.enums import TransactionType as T
from desktop_app.core.screening_records import Disposition, Screening, ScreeningHit
from tests.core.test_coverage import FACTS, OSTRAVA, PRIYA, _ask


def _screening_of(party: int, screening_id: int, at: str, found: int) -> Screening:
    return Screening(1, party, 1, ("name",), at, found, id=screening_id)


def _hit(
    party: int, screening_id: int, code: str, disposition: Disposition, n: int
) -> ScreeningHit:
    return ScreeningHit(
        matter_id=1,
        party_id=party,
        screening_id=screening_id,
        entry_key=f"{code}:{n}",
        list_code=code,
        entry_name="Ostrava Research Institute",
        alias="Ostrava",
        score=90.0,
        features=(),
        entry_digest="d",
        disposition=disposition,
        rationale="why",
        decided_by="counsel",
        decided_at="2026-07-02T10:00:00Z",
        id=n,
    )


def _screened(
    party: int, *hits: tuple[Disposition, str], screening_id: int = 1, earlier: bool = False
) -> MatterFacts:
    """The matter with ``party`` screened once (and, with ``earlier``, an older screening)."""
    screenings = [_screening_of(party, screening_id, "2026-07-01T09:00:00Z", len(hits))]
    recorded = [_hit(party, screening_id, code, d, n) for n, (d, code) in enumerate(hits, 1)]
    if earlier:  # an older screening of the same party, with an open hit, no longer counts
        screenings.insert(0, _screening_of(party, 2, "2026-06-01T09:00:00Z", 1))
        recorded.append(_hit(party, 2, "EL", Disposition.UNDECIDED, 99))
    return replace(FACTS, screenings=tuple(screenings), screening_hits=tuple(recorded))


def _screening(result_factors: tuple[object, ...]) -> list[object]:
    return [f for f in result_factors if getattr(f, "dimension", "") == DIMENSION]


def test_unscreened_stays_covered_with_the_caveat_to_screen() -> None:
    result = _ask(OSTRAVA, T.EXPORT)
    assert result.covered
    [caveat] = [c for c in result.caveats if "not screened in the app" in c]
    assert "(15 CFR 736.2(b)(4), 744.11, 744.15, 744.21; 31 CFR chapter V)" in caveat  # sections


def test_screened_with_no_match_stays_covered_saying_when() -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_screened(OSTRAVA))
    assert result.covered
    assert any("screened 2026-07-01" in c and "at each use" in c for c in result.caveats)


def test_an_undecided_potential_match_needs_review_naming_the_decision() -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_screened(OSTRAVA, (Disposition.UNDECIDED, "EL")))
    assert result.answer is Answer.NEEDS_REVIEW
    [factor] = _screening(result.factors)
    assert factor.outcome is Outcome.UNKNOWN  # type: ignore[attr-defined]
    assert "disposition of the potential match" in factor.missing  # type: ignore[attr-defined]


def test_an_escalated_match_still_needs_review() -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_screened(OSTRAVA, (Disposition.ESCALATED, "SDN")))
    assert result.answer is Answer.NEEDS_REVIEW


def test_a_false_positive_leaves_the_answer_covered() -> None:
    facts = _screened(OSTRAVA, (Disposition.FALSE_POSITIVE, "EL"))
    assert _ask(OSTRAVA, T.EXPORT, facts=facts).covered


def test_a_confirmed_entity_list_match_fails_the_answer() -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_screened(OSTRAVA, (Disposition.CONFIRMED, "EL")))
    assert result.answer is Answer.NOT_COVERED
    [factor] = _screening(result.factors)
    assert factor.outcome is Outcome.FAIL  # type: ignore[attr-defined]
    assert "744.11" in factor.source  # type: ignore[attr-defined]


def test_a_match_confirmed_on_another_list_is_counsels_to_weigh() -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_screened(OSTRAVA, (Disposition.CONFIRMED, "SDN")))
    assert result.answer is Answer.NEEDS_REVIEW


def test_the_employers_match_counts_for_its_employee() -> None:
    covered = _ask(PRIYA)
    assert covered.covered
    failed = _ask(PRIYA, facts=_screened(OSTRAVA, (Disposition.CONFIRMED, "EL")))
    assert failed.answer is Answer.NOT_COVERED


def test_only_the_latest_screening_counts() -> None:
    facts = _screened(OSTRAVA, (Disposition.FALSE_POSITIVE, "EL"), screening_id=5, earlier=True)
    assert _ask(OSTRAVA, T.EXPORT, facts=facts).covered
