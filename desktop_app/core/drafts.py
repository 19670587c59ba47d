"""Memo drafts as records: what counsel write for a matter's memo, and the paper it is set on.

A draft holds the memo's header (to, from, cc, re), the legends printed on every page and the four
parts counsel write themselves: facts, analysis, recommendation and open questions, in the small
markup of :mod:`desktop_app.core.markup`. Saving never overwrites: each save that changes
something is a new version, so the file shows what the memo said at any time.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from desktop_app.core.enums import LabeledEnum, Privilege
from desktop_app.core.models import Matter

DEFAULT_LEGEND = "Privileged & Confidential — Attorney-Client Communication / Attorney Work Product"
PAPER_SETTING = "paper"


class Paper(LabeledEnum):
    """The paper memos and reports are laid out for."""

    LETTER = "letter"
    A4 = "a4"


@dataclass(frozen=True)
class MemoDraft:
    """One saved version of a matter's memo draft."""

    matter_id: int
    version: int = 0
    to: str = "File"
    sender: str = ""
    cc: str = ""
    re: str = ""
    legend: str = DEFAULT_LEGEND
    marking: str = ""
    facts: str = ""
    analysis: str = ""
    recommendation: str = ""
    open_questions: str = ""
    saved_at: str = ""
    id: int = 0


@dataclass(frozen=True)
class Setting:
    """One library-wide setting, by name (the paper size, for now)."""

    name: str
    value: str
    id: int = 0


BOOKKEEPING = frozenset({"version", "saved_at", "id"})


def legend_for(privilege: Privilege) -> str:
    """The legend a matter's privilege calls for (empty for a matter marked not privileged)."""
    if privilege is Privilege.AC_WP:
        return DEFAULT_LEGEND
    return "" if privilege is Privilege.NONE else privilege.label


def new_draft(matter: Matter) -> MemoDraft:
    """The draft a matter starts with before anything is saved."""
    return MemoDraft(
        matter_id=matter.id,
        sender=matter.counsel,
        re=matter.title,
        legend=legend_for(matter.privilege),
    )


def same_content(a: MemoDraft, b: MemoDraft) -> bool:
    """Whether two drafts say the same thing (version numbers and save times aside)."""
    names = [f.name for f in fields(MemoDraft) if f.name not in BOOKKEEPING]
    return all(getattr(a, n) == getattr(b, n) for n in names)
