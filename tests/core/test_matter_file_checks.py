"""A matter file cannot state what the window would refuse: each check, at its JSON path."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.core.matter_file import draft_warnings, read_matter_file
from desktop_app.core.matter_file_format import MatterFileError
from tests.core.matter_file_data import Json, encode, full, schema


def refused(document: Json) -> dict[str, str]:
    with pytest.raises(MatterFileError) as error:
        read_matter_file(encode(document), schema())
    return error.value.fields


def _blank_party_name(d: Json) -> None:
    d["parties"][1]["name"] = "   "


def _unknown_nationality(d: Json) -> None:
    d["parties"][0]["nationalities"][1]["country"] = "XX"


def _deemed_to_a_company(d: Json) -> None:
    d["activities"][0]["party"] = "kestrel"


def _employment_backwards(d: Json) -> None:
    d["parties"][0]["employed_until"] = "2020-01-01"


def _own_employer(d: Json) -> None:
    d["parties"][0]["employer"] = "mira"


def _bad_eccn(d: Json) -> None:
    d["items"][0]["eccn"] = "4E91"


def _unknown_country_excluded(d: Json) -> None:
    d["letters"][0]["excluded_destinations"] = ["ZZ"]


def _set_by_bis_without_date(d: Json) -> None:
    d["licenses"][0]["expires_on_set"] = None


def _license_replaces_itself(d: Json) -> None:
    d["licenses"][0]["replaces"] = "d1"


def _letter_effective_before_dated(d: Json) -> None:
    d["letters"][0]["effective_from"] = "2026-06-01"


def _letter_supersedes_a_later_letter(d: Json) -> None:
    later = {**d["letters"][0], "ref": "july", "dated": "2026-07-01", "annex_a": []}
    later["effective_from"] = "2026-07-01"
    d["letters"].append(later)
    d["letters"][0]["supersedes_letter"] = "july"


def _hold_without_reason(d: Json) -> None:
    d["clock_events"][1]["hold_reason"] = None


def _clock_without_registration(d: Json) -> None:
    del d["clock_events"][0]


def _transition_the_state_machine_refuses(d: Json) -> None:
    d["conditions"][0]["log"][1]["to_status"] = "satisfied"


def _transitions_that_do_not_chain(d: Json) -> None:
    d["conditions"][0]["log"][1]["from_status"] = "imposed"


def _log_ending_elsewhere(d: Json) -> None:
    d["conditions"][0]["status"] = "active"


def _transition_without_statuses(d: Json) -> None:
    d["conditions"][0]["log"][0]["to_status"] = None


def _closed_without_reason(d: Json) -> None:
    move = {"kind": "transition", "on": "2026-08-01", "from_status": "awaiting_ack"}
    d["conditions"][0]["log"].append({**move, "to_status": "closed", "note": " "})
    d["conditions"][0]["status"] = "closed"


def _performance_without_due_date(d: Json) -> None:
    d["conditions"][0]["log"][2]["due"] = None


def _recurring_without_rule(d: Json) -> None:
    d["conditions"][0]["rrule"] = ""


def _empty_note(d: Json) -> None:
    d["notes"][0]["text"] = "\n"


def _unpaired_surrogate(d: Json) -> None:
    d["letters"][0]["verbatim"] = "caf\ud800"


def _bad_matter_number(d: Json) -> None:
    d["matter"]["number"] = "EC-26-1"


@pytest.mark.parametrize(
    ("change", "path", "says"),
    [
        (_blank_party_name, "$.parties[1].name", "A party needs a name."),
        (_unknown_nationality, "$.parties[0].nationalities[1].country", "'XX' is not an ISO"),
        (_deemed_to_a_company, "$.activities[0].party", "is a release to a person"),
        (_employment_backwards, "$.parties[0].employed_until", "cannot end before it began"),
        (_own_employer, "$.parties[0].employer", "cannot be its own employer"),
        (_bad_eccn, "$.items[0].eccn", "is not an ECCN"),
        (_unknown_country_excluded, "$.letters[0].excluded_destinations", "'ZZ' is neither"),
        (_set_by_bis_without_date, "$.licenses[0].expires_on_set", "needs the expiry date"),
        (_license_replaces_itself, "$.licenses[0].replaces", "cannot replace itself"),
        (_letter_effective_before_dated, "$.letters[0].effective_from", "before the date it"),
        (_letter_supersedes_a_later_letter, "$.letters[0].supersedes_letter", "earlier letter"),
        (_hold_without_reason, "$.clock_events[1].hold_reason", "needs its reason"),
        (_clock_without_registration, "$.clock_events", "no registration"),
        (_transition_the_state_machine_refuses, "$.conditions[0].log[1].to_status", "cannot go"),
        (_transitions_that_do_not_chain, "$.conditions[0].log[1].from_status", "communicated"),
        (_log_ending_elsewhere, "$.conditions[0].status", "leaves the condition awaiting"),
        (_transition_without_statuses, "$.conditions[0].log[0]", "names the status it left"),
        (_closed_without_reason, "$.conditions[0].log[3].note", "Say why the condition is closed"),
        (_performance_without_due_date, "$.conditions[0].log[2].due", "which due date"),
        (_recurring_without_rule, "$.conditions[0].rrule", "needs a recurrence rule"),
        (_empty_note, "$.notes[0].text", "A note cannot be empty."),
        (_unpaired_surrogate, "$.letters[0].verbatim", "unpaired surrogate"),
        (_bad_matter_number, "$.matter.number", "is not a matter number"),
    ],
)
def test_the_window_rules_apply_to_a_file(
    change: Callable[[Json], None], path: str, says: str
) -> None:
    document = full()
    change(document)
    found = refused(document)
    assert says in found.get(path, ""), found


def test_every_record_problem_is_reported_at_once() -> None:
    document = full()
    for change in (_blank_party_name, _bad_eccn, _hold_without_reason, _empty_note):
        change(document)
    assert set(refused(document)) == {
        "$.parties[1].name",
        "$.items[0].eccn",
        "$.clock_events[1].hold_reason",
        "$.notes[0].text",
    }


def test_a_later_letter_listed_first_may_name_an_earlier_one_listed_after_it() -> None:
    document = full()
    earlier = {**document["letters"][0], "ref": "may", "dated": "2026-05-01", "annex_a": []}
    earlier["effective_from"] = "2026-05-01"
    document["letters"].append(earlier)
    document["letters"][0]["supersedes_letter"] = "may"
    letters = read_matter_file(encode(document), schema()).decisions.letters
    assert letters[0].supersedes_letter_id == letters[1].id


def test_what_the_window_only_warns_about_is_a_warning_by_path() -> None:
    document = full()
    document["items"][0]["eccn"] = "4E999"
    document["licenses"][0]["number"] = "L-77"
    draft = read_matter_file(encode(document), schema())
    warned = draft_warnings(draft, lambda eccn: None if eccn == "4E999" else "heading")
    assert set(warned) == {"$.items[0].eccn", "$.licenses[0].number"}


def test_a_withdrawal_needs_its_day_and_its_reason() -> None:
    document = full()
    document["licenses"][0]["withdrawn_on"] = "2026-12-01"
    assert "$.licenses[0].withdrawn_reason" in refused(document)
    document = full()
    document["letters"][0]["withdrawn_reason"] = "Entered on the wrong matter."
    assert "$.letters[0].withdrawn_on" in refused(document)


def test_a_record_in_force_resting_on_a_withdrawn_one_is_refused_at_its_path() -> None:
    document = full()
    document["licenses"][0]["withdrawn_on"] = "2026-12-01"
    document["licenses"][0]["withdrawn_reason"] = "Entered twice."
    document["conditions"][0]["withdrawn_on"] = None  # in force, on the withdrawn license
    document["conditions"][0]["withdrawn_reason"] = ""
    problems = refused(document)
    assert "rests on the license “D654321”" in problems["$.conditions[0]"]
    document["conditions"][0]["withdrawn_on"] = "2026-12-01"  # withdrawn with it: loads
    document["conditions"][0]["withdrawn_reason"] = "Entered twice."
    read_matter_file(encode(document), schema())
