"""The columns of the workspace tables, declared once each."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from desktop_app.core.coverage_model import Coverage, GroupLookup
from desktop_app.core.deemed import deemed_destination
from desktop_app.core.enums import PartyKind, UsStatus
from desktop_app.core.history_text import Names, details, headline, when_text, who
from desktop_app.core.models import Activity, AuditEntry, Item, Note, Party
from desktop_app.gui.matter.coverage_style import coverage_column
from desktop_app.gui.matter.nationality_cells import (
    country_groups,
    deemed_cell,
    deemed_tip,
    nationalities_cell,
    nationalities_tip,
)
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _


def party_columns(
    parties: dict[int, Party],
    coverage: Mapping[int, Coverage] | None = None,
    today: Callable[[], date] = date.today,
    group_of: GroupLookup | None = None,
) -> list[Column[Party]]:
    """Party columns, naming each employer and showing each party's coverage answer today.

    The caller keeps both mappings current; a coverage cell's tooltip gives its date and basis.
    Nationalities and the deemed destination are read as of ``today()`` (15 CFR 734.13(b)); a
    D:5 or Macau nationality is marked, its flag in the tooltip (``group_of``: the shipped
    Country Groups unless given).
    """
    answers: Mapping[int, Coverage] = {} if coverage is None else coverage
    groups = group_of or country_groups()

    def employer(p: Party) -> str:
        return parties[p.employer_id].name if p.employer_id in parties else ""

    return [
        Column("Name", lambda p: p.name, tooltip=lambda p: p.name),
        Column("Role", lambda p: p.role.label),
        Column("Country", lambda p: p.country),
        coverage_column(_("Coverage"), lambda p: answers.get(p.id), lambda _p: _("today")),
        Column("Employer", employer),
        Column(
            "Annex A row",
            lambda p: "" if p.annex_row is None else str(p.annex_row),
            lambda p: p.annex_row or 0,
            align_right=True,
        ),
        Column(
            "Nationalities",
            lambda p: nationalities_cell(p, today(), groups),
            tooltip=lambda p: nationalities_tip(p, today(), groups),
        ),
        Column(
            "Deemed destination",
            lambda p: deemed_cell(p, today()),
            tooltip=lambda p: deemed_tip(p, today()),
        ),
        Column("US status", _us_status),
        Column("Visa", lambda p: " ".join(x for x in (p.visa_type, _day(p.visa_expiry)) if x)),
    ]


def _us_status(party: Party) -> str:
    if party.kind is not PartyKind.INDIVIDUAL:
        return ""
    if party.us_status is UsStatus.PROTECTED_INDIVIDUAL and party.protected_basis.value:
        return f"{party.us_status.label}: {party.protected_basis.label}"
    return party.us_status.label


ITEM_COLUMNS: list[Column[Item]] = [
    Column("Name", lambda i: i.name, tooltip=lambda i: i.description),
    Column("ECCN", lambda i: i.eccn or "unclassified"),
    Column("Kind", lambda i: i.kind.label),
    Column("Model", lambda i: " ".join(x for x in (i.model_name, i.model_version) if x)),
    Column(
        "Training ops",
        lambda i: "" if i.training_ops is None else f"{i.training_ops:.2g}",
        lambda i: i.training_ops or 0.0,
        align_right=True,
    ),
    Column(
        "Weights",
        lambda i: {None: "", True: "published", False: "not published"}[i.weights_published],
    ),
    Column("Hosting", lambda i: " ".join(x for x in (i.hosting_location, i.hosting_country) if x)),
]

NOTE_COLUMNS: list[Column[Note]] = [
    Column("Added", lambda n: when_text(n.created_at)),
    Column("By", lambda n: n.author),
    Column("Note", lambda n: n.text, tooltip=lambda n: n.text),
]


def activity_columns(
    parties: dict[int, Party],
    items: dict[int, Item],
    coverage: Mapping[int, Coverage] | None = None,
    today: Callable[[], date] = date.today,
) -> list[Column[Activity]]:
    """Activity columns that name the item and party, and the coverage answer on its date.

    The deemed destination is the one on the activity's date (``today()`` when it has none).
    """
    answers: Mapping[int, Coverage] = {} if coverage is None else coverage

    def party(a: Activity) -> str:
        return parties[a.party_id].name if a.party_id in parties else ""

    def deemed(a: Activity) -> str:
        if not a.type.is_deemed or a.party_id not in parties:
            return ""
        return deemed_destination(parties[a.party_id], a.on or today()).country or "—"

    return [
        Column("Transaction", lambda a: a.type.label),
        Column("Item", lambda a: items[a.item_id].name if a.item_id in items else ""),
        Column("To", party),
        coverage_column(_("Coverage (as of its date)"), lambda a: answers.get(a.id), activity_when),
        Column("Date", lambda a: _day(a.on), lambda a: _day(a.on)),
        Column("Route", lambda a: f"{a.from_country} → {a.to_country}"),
        Column("Deemed destination", deemed),
        Column("Mechanism", lambda a: a.mechanism.label),
        Column("Status", lambda a: a.status.label),
    ]


def activity_when(activity: Activity) -> str:
    """What an activity's coverage answer is dated by: its own date, or today when it has none."""
    return _("the activity's date") if activity.on else _("no date recorded: today")


def history_columns(
    people: Mapping[str, str], names: Names | None = None
) -> list[Column[AuditEntry]]:
    """The History's columns, in words (`desktop_app.core.history_text`).

    ``people``: each account's name, and ``names``: what the matter's records are called, both
    kept current by the caller; a person who gave no name is shown by the account.
    """

    def changed(entry: AuditEntry) -> str:
        return details(entry, names)

    return [
        Column("#", lambda e: str(e.seq), lambda e: e.seq, align_right=True),
        Column("When", lambda e: when_text(e.at), lambda e: e.at),
        Column("Who", lambda e: who(e.actor, people), tooltip=lambda e: _account(e.actor)),
        Column("Action", headline, tooltip=headline),
        Column("What changed", changed, tooltip=changed),
    ]


def _account(actor: str) -> str:
    return _("Made under the account {account}").format(account=actor)


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""
