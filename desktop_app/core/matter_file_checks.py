"""The checks the window applies, run on every record of a matter-file draft, by JSON path.

Each record goes through the validator its service uses (validation, validity, the letter date
checks, condition and schedule checks, bis_clock.check_events), so a file cannot store what the
window would refuse. A condition's log is checked as the window writes it: transitions follow
the state machine, each from where the last one left the condition, the last ending at its
status; a performance of a recurring obligation names the due date it meets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, cast

from desktop_app.core import validation as v
from desktop_app.core.authorizations import (
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    ConditionStatus,
    LogKind,
    ObligationKind,
)
from desktop_app.core.bis_clock import check_events
from desktop_app.core.condition_states import check_transition
from desktop_app.core.in_force import named
from desktop_app.core.letter_checks import check_letter_links, group_shaped, letter_errors
from desktop_app.core.matter_file_format import key_of
from desktop_app.core.models import MatterRecord, Note, Party
from desktop_app.core.obligations import closing_errors, condition_errors
from desktop_app.core.party_checks import backwards
from desktop_app.core.ports import UnitOfWork
from desktop_app.core.validity import validate_license
from desktop_app.core.withdrawal import reason_errors
from desktop_app.core.withdrawal_links import broken, key
from desktop_app.errors import ValidationError

Problems = Iterator[tuple[str, str]]


def draft_problems(
    draft: MatterRecord, is_group: Callable[[str], bool] = group_shaped
) -> dict[str, str]:
    """{JSON path: message} for every field of the draft the window would refuse."""
    found: dict[str, str] = {}
    for path, why in _all(draft, is_group):
        found[path] = f"{found[path]} {why}" if path in found else why
    return found


WITHDRAWN_LISTS = ("determinations", "licenses", "letters", "conditions")


def _withdrawals(draft: MatterRecord) -> Problems:
    """A withdrawal has its day and its reason, and nothing in force rests on what it took."""
    decided = draft.decisions
    paths: dict[tuple[str, int], str] = {}
    for name in WITHDRAWN_LISTS:
        for i, record in enumerate(getattr(decided, name)):
            path = f"$.{name}[{i}]"
            paths[key(record)] = path
            if record.withdrawn_on is not None:
                for why in reason_errors(record.withdrawn_reason).values():
                    yield f"{path}.withdrawn_reason", why
            elif record.withdrawn_reason:
                yield f"{path}.withdrawn_on", "A reason for withdrawing is given, but no day."
    records = [*(r for name in WITHDRAWN_LISTS for r in getattr(decided, name))]
    for leaning, on in broken([*records, *decided.condition_log]):
        path = paths.get(key(leaning), "$.conditions")
        yield (
            path,
            f"It rests on {named(on)}, which is withdrawn; withdraw it too, or link another.",
        )


def _all(draft: MatterRecord, is_group: Callable[[str], bool]) -> Problems:
    decided = draft.decisions
    yield from _at("$.matter", draft.matter, v.matter_errors(draft.matter))
    parties = {p.id: p for p in draft.parties}
    for i, party in enumerate(draft.parties):
        yield from _party(f"$.parties[{i}]", party)
    for i, item in enumerate(draft.items):
        yield from _at(f"$.items[{i}]", item, v.item_errors(item))
    for i, act in enumerate(draft.activities):
        found = v.activity_errors(act, parties.get(act.party_id) if act.party_id else None)
        yield from _at(f"$.activities[{i}]", act, found)
    for i, det in enumerate(decided.determinations):
        yield from _at(f"$.determinations[{i}]", det, v.text_errors(det))
    for i, lic in enumerate(decided.licenses):
        yield from _at(f"$.licenses[{i}]", lic, {**v.text_errors(lic), **validate_license(lic)})
        yield from _replaces(f"$.licenses[{i}]", lic.id, lic.replaces_license_id, decided)
    reads = cast(UnitOfWork, _DraftReads(draft))
    for i, letter in enumerate(decided.letters):
        yield from _at(
            f"$.letters[{i}]", letter, {**v.text_errors(letter), **_letter(letter, reads, is_group)}
        )
    yield from _nested_problems(draft)
    for i, condition in enumerate(decided.conditions):
        yield from _at(f"$.conditions[{i}]", condition, condition_errors(condition))
    for i, event in enumerate(decided.clock_events):
        yield from _at(f"$.clock_events[{i}]", event, v.text_errors(event))
    yield from _clock(decided.clock_events)
    yield from _withdrawals(draft)
    for i, note in enumerate(draft.notes):
        yield from _at(f"$.notes[{i}]", note, _note(note))


def _at(base: str, record: Any, errors: dict[str, str]) -> Problems:
    for field, why in errors.items():
        key = key_of(type(record), field)
        yield (f"{base}.{key}" if key else base), why


def _party(base: str, party: Party) -> Problems:
    errors = v.party_errors(party)
    if "nationalities" in errors:
        why = errors.pop("nationalities")
        bad = [i for i, n in enumerate(party.nationalities) if not v.is_country(n.country)]
        ended = backwards(party)
        where = f"[{bad[0]}].country" if bad else f"[{ended[0]}].until" if ended else ""
        yield f"{base}.nationalities{where}", why
    yield from _at(base, party, errors)


class _DraftReads:
    """The draft's records where check_letter_links reads the library (it only lists them)."""

    def __init__(self, draft: MatterRecord) -> None:
        self._lists: dict[type, tuple[Any, ...]] = {
            Party: draft.parties,
            AuthorizationLetter: draft.decisions.letters,
        }

    def children(self, kind: type, _matter_id: int) -> list[Any]:
        """Every draft record of a kind."""
        return list(self._lists[kind])


def _letter(
    letter: AuthorizationLetter, reads: UnitOfWork, is_group: Callable[[str], bool]
) -> dict[str, str]:
    errors = letter_errors(letter, is_group)
    try:
        check_letter_links(reads, letter)
    except ValidationError as exc:
        errors = {**exc.fields, **errors}
    return errors


def _replaces(base: str, own: int, replaced: int | None, decided: Any) -> Problems:
    if replaced is None:
        return
    if replaced == own:
        yield f"{base}.replaces", "A license cannot replace itself."
    elif decided.licenses[replaced - 1].replaces_license_id == own:
        yield f"{base}.replaces", "Two licenses cannot replace each other."


def _clock(events: tuple[ClockEvent, ...]) -> Problems:
    """The problems of the clock as a whole, each at the event it names (the window's words)."""
    for field, why in check_events(events).items():
        named = [
            i
            for i, e in enumerate(events)
            if why.startswith(f"The {e.kind.label.lower()} event of {e.on.isoformat()}")
        ]
        yield (f"$.clock_events[{named[0]}].{field}" if named else "$.clock_events"), why


def _note(note: Note) -> dict[str, str]:
    errors = v.text_errors(note)
    if not note.text.strip():
        errors["text"] = "A note cannot be empty."
    return errors


def _nested_problems(draft: MatterRecord) -> Problems:
    """The Annex A rows of each letter and the log of each condition, by their place."""
    decided = draft.decisions
    places: dict[tuple[str, int], int] = {}
    for row in decided.annex_rows:
        j = places[("letters", row.letter_id)] = places.get(("letters", row.letter_id), -1) + 1
        yield from _at(f"$.letters[{row.letter_id - 1}].annex_a[{j}]", row, v.text_errors(row))
    logs: dict[int, list[ConditionLog]] = {}
    for entry in decided.condition_log:
        logs.setdefault(entry.condition_id, []).append(entry)
    for condition in decided.conditions:
        yield from _log(f"$.conditions[{condition.id - 1}]", condition, logs.get(condition.id, []))


def _log(base: str, condition: Condition, log: list[ConditionLog]) -> Problems:
    recurring = condition.obligation is ObligationKind.RECURRING
    moves = [(j, e) for j, e in enumerate(log) if e.kind is LogKind.TRANSITION]
    for j, entry in enumerate(log):
        yield from _at(f"{base}.log[{j}]", entry, v.text_errors(entry))
        if entry.kind is LogKind.PERFORMED and recurring and entry.due is None:
            yield f"{base}.log[{j}].due", "Say which due date this performance meets."
    for n, (j, entry) in enumerate(moves):
        at = f"{base}.log[{j}]"
        if entry.from_status is None or entry.to_status is None:
            yield at, "A transition names the status it left (from_status) and entered (to_status)."
            continue
        before = moves[n - 1][1].to_status if n else entry.from_status
        if entry.from_status is not before:
            yield f"{at}.from_status", f"The transition before left the condition {_said(before)}."
        else:
            found = check_transition(replace(condition, status=entry.from_status), entry.to_status)
            yield from ((f"{at}.to_status", why) for why in found.values())
        yield from (
            (f"{at}.{k}", why) for k, why in closing_errors(entry.to_status, entry.note).items()
        )
    if moves and moves[-1][1].to_status not in (None, condition.status):
        last = moves[-1][1].to_status
        yield f"{base}.status", f"The log's last transition leaves the condition {_said(last)}."


def _said(status: ConditionStatus | None) -> str:
    return status.label.lower() if status is not None else "without a status"
