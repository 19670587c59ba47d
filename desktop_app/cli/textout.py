"""Plain-text renderings for the terminal: the docket table and one matter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop_app.cli.textout_coverage import party_coverage_lines
from desktop_app.cli.textout_show import decision_lines, label
from desktop_app.core.authorizations import ValidityBasis
from desktop_app.core.documents import FileOutcome
from desktop_app.core.enums import (
    Agency,
    MatterKind,
    MatterStatus,
    NationalityBasis,
    PartyRole,
    TransactionType,
)
from desktop_app.core.models import MatterSummary
from desktop_app.core.search_query import KIND_OF_ENTITY, SearchHit, marked
from desktop_app.core.text import visible as printable

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow


def docket_table(rows: list[MatterSummary]) -> str:
    """One line per matter: number, status, kind, title."""
    if not rows:
        return "No matters yet. `compliance-desk sample` adds three illustrative ones."
    width = max(13, *(len(r.matter.status.label) for r in rows))
    lines = [f"{'MATTER':<13} {'STATUS':<{width}} {'KIND':<26} TITLE"]
    for row in rows:
        m = row.matter
        status = f"{m.status.label:<{width}}"
        lines.append(f"{m.number:<13} {status} {m.kind.label:<26} {printable(m.title)[:80]}")
    return "\n".join(lines)


def record_text(view: dict[str, Any]) -> str:
    """A matter as readable text, section by section."""
    m = view["matter"]
    lines = [f"{m['number']}  {printable(m['title'])}", ""]
    shown = {
        "kind": label(MatterKind, m["kind"]),
        "status": label(MatterStatus, m["status"]),
        "agency": label(Agency, m["agency"]),
    }
    for key in ("kind", "status", "agency", "acn", "license_number", "counsel", "opened"):
        if m[key]:
            lines.append(f"  {key.replace('_', ' '):<15} {shown.get(key, printable(str(m[key])))}")
    lines += ["", "Parties:"]
    for p in view["parties"]:
        lines += party_lines(p)
    lines += ["", "Items:"]
    lines += [
        f"  {i['eccn'] or '(unclassified)':<10} {printable(i['name'])}" for i in view["items"]
    ]
    lines += ["", "Activities:"]
    lines += [
        f"  {label(TransactionType, a['type']):<20} {printable(a['item'] or '')} → "
        f"{printable(a['party'] or '')}"
        for a in view["activities"]
    ]
    lines += license_lines(view.get("licenses", []))
    lines += decision_lines(view)
    lines += party_coverage_lines(view)
    return "\n".join(lines)


def party_lines(p: dict[str, Any]) -> list[str]:
    """A party's line; for a person also the nationalities with their dates, and any flags."""
    dest = p.get("deemed_destination")
    extra = f"  deemed: {dest['country'] or '—'} ({dest['reason']})" if dest else ""
    where = f" [{p['country']}]" if p["country"] else ""
    lines = [f"  {label(PartyRole, p['role']):<24} {printable(p['name'])}{where}{extra}"]
    held = [_nationality_text(n) for n in p.get("nationalities", [])]
    status = [s for s in (_stateless_text(p), _protected_text(p)) if s]
    if dest and (held or status):
        lines.append(f"    {'; '.join([*status, *held])}")
    lines += [f"    flag: {printable(flag)}" for flag in p.get("nationality_flags", [])]
    return lines


def _nationality_text(n: dict[str, Any]) -> str:
    dates = f" since {n['since']}" if n.get("since") else ""
    dates += f" until {n['until']}" if n.get("until") else ""
    return f"{printable(n['country'])} {label(NationalityBasis, n['basis']).lower()}{dates}"


def _stateless_text(p: dict[str, Any]) -> str:
    return "stateless" if p.get("stateless") else ""


def _protected_text(p: dict[str, Any]) -> str:
    if p.get("us_status") != "protected_individual":
        return ""
    basis = str(p.get("protected_basis") or "basis not recorded").replace("_", " ")
    clear = {
        True: "no exclusion applies",
        False: "an exclusion applies",
        None: "exclusions not answered",
    }
    return f"protected individual ({basis}; {clear[p.get('protected_exclusions_clear')]})"


def license_lines(licenses: list[dict[str, Any]]) -> list[str]:
    """Each license's last valid day and state, with the warnings to check (15 CFR 750.7(g))."""
    lines = ["", "Licenses:"] if licenses else []
    for x in licenses:
        basis = label(ValidityBasis, x["validity"])
        lines.append(
            f"  {printable(x['number']):<10} valid through {x['expires_on']} ({x['state']}); "
            f"validity {basis.lower()}  #{x['id']}"
        )
        lines += [f"    warning: {printable(why)}" for why in x.get("warnings", {}).values()]
    return lines


def outcomes_text(outcomes: list[FileOutcome]) -> str:
    """One line per file: what became of it, and why when it was not filed."""
    if not outcomes:
        return "No files were given."
    lines = []
    for o in outcomes:
        where = f"  document {o.document_id}" if o.document_id else ""
        extra = f" (+{o.children} attached)" if o.children else ""
        why = f": {o.reason}" if o.reason else ""
        word = o.outcome.value.replace("_", " ")
        lines.append(f"{word:<12} {printable(o.path)}{where}{extra}{why}")
    return "\n".join(lines)


def agenda_text(rows: list[AgendaRow]) -> str:
    """One line per agenda entry: due date, days, state, matter, what."""
    if not rows:
        return "Nothing overdue or due in that window."
    lines = [f"{'DUE':<10} {'DAYS':>5} {'STATE':<9} {'MATTER':<13} WHAT"]
    for r in rows:
        lines.append(
            f"{r.due.isoformat():<10} {r.days_left:>5} {r.state:<9} "
            f"{r.matter_number:<13} {printable(r.title)[:70]}"
        )
    return "\n".join(lines)


def search_text(hits: Sequence[SearchHit]) -> str:
    """One block per hit: where it is, its title, and the snippet with the matches in [ ]."""
    if not hits:
        return "Nothing found."
    lines: list[str] = []
    for hit in hits:
        where = hit.matter_number or "library"
        kind = KIND_OF_ENTITY.get(hit.entity, hit.entity)
        dated = f"  {hit.on_date}" if hit.on_date else ""
        lines.append(f"{where}  {kind} {hit.entity_id}{dated}  {printable(hit.title)[:80]}")
        lines.append(f"    {printable(marked(hit))}")
    return "\n".join(lines)
