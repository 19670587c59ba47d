"""What a matter memo says, as plain data: pure functions over a matter record, tested exactly.

Nothing here reads the library, the clock or the reference files: the caller passes the day the
memo speaks as of, the audit-chain head, the generation time and the reference editions relied on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from desktop_app.core.chronology import chronology
from desktop_app.core.chronology_limit import (
    NO_LIMIT,
    ChronologyLimit,
    limited,
    undated_left_out,
)
from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.deemed import deemed_destination
from desktop_app.core.drafts import MemoDraft, legend_for, new_draft
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.in_force import record_in_force, withdrawn_records
from desktop_app.core.markup import Block, Run, parse
from desktop_app.core.models import Activity, Matter, MatterRecord, Party
from desktop_app.core.people import Person
from desktop_app.core.present_decisions import decisions_view
from desktop_app.core.report_request import SENDER
from desktop_app.reports.conditions_table import conditions_table
from desktop_app.reports.coverage_data import coverage_findings, coverage_section
from desktop_app.reports.memo_clock import clock_section
from desktop_app.reports.memo_decisions import letters_section, licenses_section
from desktop_app.reports.memo_withdrawn import withdrawn_section
from desktop_app.reports.model import Header, Memo, Section, Signature, Table
from desktop_app.reports.screening_data import screening_section

KINDS = ("case", "conditions")
NONE = "—"


NOT_WRITTEN = "Not yet written."


def legend_of(matter: Matter) -> str:
    """The privilege legend printed on every page (empty for a matter marked not privileged)."""
    return legend_for(matter.privilege)


def case_memo(
    record: MatterRecord,
    as_of: date,
    audit_head: tuple[int, str],
    generated_at: str,
    group_of: GroupLookup | None,
    *,
    editions: Sequence[tuple[str, str]] = (),
    kind: str = "case",
    draft: MemoDraft | None = None,
    calendar: HolidayCalendar = FEDERAL,
    list_editions: Mapping[int, date] | None = None,
    issued: bool = False,
    people: Sequence[Person] = (),
    limit: ChronologyLimit = NO_LIMIT,
    builder: str = "",
) -> Memo:
    """The memo to file on one matter; ``kind="conditions"`` keeps only the conditions.

    ``draft`` is what counsel wrote (header, legends, facts, analysis, recommendation, open
    questions); without one the matter's defaults are used and those parts say so. ``calendar``
    is the library's holidays for license validity (15 CFR 750.7(g)); ``list_editions`` the
    publication date of each screening-list edition the library holds, by id. ``issued`` marks
    every page ISSUED (else DRAFT) with the draft version; the header's sender signs it, with
    the title of the person in ``people`` of that name (Preferences), if there is one.
    ``limit`` keeps the chronology and the index to the documents counsel chose; both say what
    was left out. With no sender in the draft and no counsel on the matter, the memo is from
    ``builder``'s person (the account building it), as Preferences names them.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown memo kind {kind!r}")
    gone = withdrawn_records(record)
    record = record_in_force(record)
    matter = record.matter
    draft = draft or new_draft(matter)
    decided = decisions_view(record, as_of, group_of, calendar)
    what = "Memorandum to file" if kind == "case" else "Conditions status report"
    header = Header(
        to=draft.to or NONE,
        sender=draft.sender or matter.counsel or _name_of(people, builder) or SENDER,
        cc=draft.cc or NONE,
        date=as_of.isoformat(),
        re=(draft.re or matter.title) + (f" — {what.lower()}" if kind == "conditions" else ""),
        matter_number=matter.number,
    )
    conditions = Section(
        f"Conditions as of {as_of.isoformat()}", tables=(("", conditions_table(decided)),)
    )
    audit = _audit(audit_head, generated_at)
    if kind == "conditions":
        sections: tuple[Section, ...] = (conditions, audit)
    else:
        sections = (
            _summary(record),
            _written("Facts", ("", draft.facts)),
            _parties_and_items(record),
            _activities(record, as_of, group_of, calendar),
            _chronology(record, limit),
            _determinations(decided),
            licenses_section(record, as_of, calendar),
            letters_section(record),
            clock_section(record, as_of, calendar),
            screening_section(record, list_editions or {}),
            conditions,
            withdrawn_section(gone),
            _written(
                "Analysis and recommendation",
                ("Analysis", draft.analysis),
                ("Recommendation", draft.recommendation),
            ),
            _signed(
                _written("Open questions", ("", draft.open_questions)),
                _signature(header.sender, people, as_of if issued else None),
            ),
            _attachments(record, limit),
            Section("Reference data relied on", tuple(f"{n}: {e}" for n, e in editions) or (NONE,)),
            audit,
        )
    return Memo(
        title=f"{matter.number} — {what}",
        subject=matter.title,
        author=header.sender,
        header=header,
        legend=draft.legend,
        sections=sections,
        marking=draft.marking,
        running_head=matter.number,
        stamp=stamp(draft, as_of if issued else None),
    )


def stamp(draft: MemoDraft, issued_on: date | None) -> str:
    """What every page says of the memo's standing: DRAFT, or ISSUED on a day, and the version."""
    if issued_on is None:
        version = f"draft version {draft.version}" if draft.version else "no saved draft"
        return f"DRAFT — {version} — not issued"
    version = f"draft version {draft.version}" if draft.version else "no draft written"
    return f"ISSUED {issued_on.isoformat()} — {version}"


def _signature(sender: str, people: Sequence[Person], issued_on: date | None) -> Signature:
    """The signature block: the sender, with their title from Preferences, dated when issued.

    The memo is signed by who it is from, whoever prints it; a title is given only by the
    person whose name is the sender's, so no one's title goes under another's name.
    """
    wanted = sender.strip().casefold()
    titles = {p.title.strip() for p in people if p.name.strip().casefold() == wanted}
    title = titles.pop() if len(titles) == 1 else ""
    return Signature(sender, title, issued_on.isoformat() if issued_on else "")


def _name_of(people: Sequence[Person], account: str) -> str:
    return next((p.name.strip() for p in people if p.account == account and p.name.strip()), "")


def _signed(section: Section, signature: Signature) -> Section:
    return replace(section, signature=signature)


def _written(title: str, *parts: tuple[str, str]) -> Section:
    """A section of counsel's own text: each part parsed from the draft's markup."""
    unwritten = (Block((Run(NOT_WRITTEN, italic=True),)),)
    writing = tuple((caption, parse(text) or unwritten) for caption, text in parts)
    return Section(title, writing=writing)


def _summary(record: MatterRecord) -> Section:
    m = record.matter
    facts = (
        f"Kind: {m.kind.label}. Status: {m.status.label}. Agency: {m.agency.label}."
        + (f" Application control number: {m.acn}." if m.acn else "")
        + (f" License: {m.license_number}." if m.license_number else "")
        + (f" Opened {m.opened.isoformat()}." if m.opened else "")
    )
    notes = tuple(
        f"Note ({n.created_at[:10] or 'undated'}, {n.author}): {n.text}" for n in record.notes
    )
    return Section("Summary", (facts, m.summary or "No summary recorded.", *notes))


def _parties_and_items(record: MatterRecord) -> Section:
    parties = Table(
        ("Party", "Role", "Kind", "Country"),
        tuple((p.name, p.role.label, p.kind.label, p.country or NONE) for p in record.parties),
        (4, 2.2, 1.6, 1.2),
    )
    items = Table(
        ("Item", "Kind", "ECCN", "Description"),
        tuple((i.name, i.kind.label, i.eccn or NONE, i.description) for i in record.items),
        (2.6, 1.4, 1.2, 4),
    )
    return Section("Parties and items", (), (("Parties", parties), ("Items", items)))


def _activities(
    record: MatterRecord,
    as_of: date,
    group_of: GroupLookup | None,
    calendar: HolidayCalendar = FEDERAL,
) -> Section:
    names = {p.id: p.name for p in record.parties}
    parties = {p.id: p for p in record.parties}
    items = {i.id: i.name for i in record.items}
    activities = Table(
        ("No.", "Activity", "Date", "Item", "Party", "Route", "Status"),
        tuple(
            (
                str(a.id),
                a.type.label,
                a.on.isoformat() if a.on else "undated",
                items.get(a.item_id or 0, NONE),
                names.get(a.party_id or 0, NONE),
                route(a, parties.get(a.party_id or 0), as_of, a.party_id is not None),
                a.status.label,
            )
            for a in record.activities
        ),
        (0.5, 1.6, 1.1, 1.9, 1.9, 1.5, 1.1),
    )
    found, acts = coverage_findings(record, as_of, group_of, calendar)
    return coverage_section(activities, found, acts, as_of)


def route(activity: Activity, party: Party | None, as_of: date, named: bool = False) -> str:
    """Where the activity goes; for a deemed export or reexport, the deemed destination too.

    A release in the United States goes "US → US" on the map; what the rules read is the
    person's deemed destination on the activity's day (15 CFR 734.13(b), 734.14(b)), so that is
    printed, or "needs review" with the fact that is missing. ``named``: the activity names a
    party, so a ``party`` of None means that party is no longer in the record.
    """
    start = activity.from_country or "?"
    if not activity.type.is_deemed:
        return f"{start} → {activity.to_country or '?'}"
    if party is None:
        why = f"party #{activity.party_id} is not in the record" if named else "no person recorded"
        return f"{start} → ? (deemed; needs review: {why})"
    found = deemed_destination(party, activity.on or as_of)
    if found.country:
        return f"{start} → {found.country} (deemed)"
    if found.foreign_person is False:
        return f"{start} → {activity.to_country or '?'} (not a foreign person)"
    return f"{start} → ? (deemed; needs review: {found.missing or found.reason})"


def _limit_note(record: MatterRecord, shown: int, limit: ChronologyLimit) -> tuple[str, ...]:
    """What a limited list leaves out, so it never passes for the whole file."""
    if not limit.limits:
        return ()
    total = len(record.documents)
    note = (
        f"Limited by counsel to {limit.describe()}: {shown:,} of the {total:,} documents filed "
        "on the matter are listed here; the library holds them all."
    )
    undated = undated_left_out(record.documents, limit)
    if undated:
        note += (
            f" Needs review: {undated:,} document(s) with no date that can be read are left out "
            "by the dates alone."
        )
    return (note,)


def _chronology(record: MatterRecord, limit: ChronologyLimit = NO_LIMIT) -> Section:
    rows, hashes = [], []
    documents = limited(record.documents, limit)
    for row in chronology(documents):
        d = row.document
        indent = "    " * row.depth + ("↳ " if row.depth else "")
        sender_to = f"{d.sender or NONE} / {', '.join(d.recipients) or NONE}"
        subject = indent + (d.title or d.filename)
        rows.append(
            (d.doc_date[:10] or "undated", d.direction.label, sender_to, subject, str(d.id))
        )
        hashes.append(f"SHA-256 {d.sha256}")
    table = Table(
        ("Date", "Direction", "From / To", "Subject", "Doc."),
        tuple(rows),
        (1.1, 1.0, 2.6, 3.6, 0.6),
        details=tuple(hashes),
    )
    note = _limit_note(record, len(documents), limit)
    return Section("Chronology of correspondence", note, (("", table),))


def _determinations(decided: dict[str, Any]) -> Section:
    table = Table(
        ("Decided", "Determination", "By", "Reference", "Excerpt"),
        tuple(
            (
                str(d["decided_on"]),
                str(d["kind"]).replace("_", " ").capitalize(),
                str(d["decider_name"] or d["decided_by"]),
                str(d["reference"] or NONE),
                str(d["excerpt"]),
            )
            for d in decided["determinations"]
        ),
        (1.1, 1.8, 1.3, 1.6, 3.5),
    )
    return Section("Determinations", (), (("", table),))


def _attachments(record: MatterRecord, limit: ChronologyLimit = NO_LIMIT) -> Section:
    documents = limited(record.documents, limit)
    table = Table(
        ("Doc.", "File", "Bytes", "SHA-256"),
        tuple((str(d.id), d.filename, f"{d.size:,}", d.sha256) for d in documents),
        (0.45, 2.6, 0.85, 5.2),
        mono=(3,),
    )
    note = _limit_note(record, len(documents), limit)
    return Section("Index of attachments", note, (("", table),))


def _audit(head: tuple[int, str], generated_at: str) -> Section:
    seq, digest = head
    return Section(
        "Audit-chain head",
        (f"Audit entry {seq}, hash {digest or NONE}.", f"Generated {generated_at}."),
    )
