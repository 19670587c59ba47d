"""The conditions table shared by the matter memo and the all-matters conditions report."""

from __future__ import annotations

from typing import Any

from desktop_app.reports.model import Table

NONE = "—"


def conditions_table(decided: dict[str, Any]) -> Table:
    """One row per condition of a matter's decisions view: status, owner, next due, standing.

    The condition's words go full width under its row, so they read (and extract) as one text,
    followed by the end of its license when it has ended (the obligation continues, 750.7(i)).
    """
    conditions = decided["conditions"]
    licenses = {x["id"]: f"License {x['number']}" for x in decided.get("licenses", [])}
    letters = {x["id"]: f"Letter {x['reference'] or x['id']}" for x in decided.get("letters", [])}
    return Table(
        ("No.", "Imposed by", "Status", "Owner", "Next due", "Standing"),
        tuple(
            (
                str(c["number"] or NONE),
                licenses.get(c["license_id"]) or letters.get(c["letter_id"]) or NONE,
                str(c["status"]).replace("_", " ").capitalize(),
                str(c["owner"] or NONE),
                str(c["next_due"] or NONE),
                str(c["standing"]).replace("_", " "),
            )
            for c in conditions
        ),
        (1.3, 1.9, 1.3, 2.4, 1.1, 1.2),
        details=tuple(_details(c) for c in conditions),
        details_are_text=True,
    )


def _details(condition: dict[str, Any]) -> str:
    """The condition's words, then the license's end as a fact beside them when there is one."""
    note = str(condition.get("license_note") or "")
    text = str(condition["text"])
    return f"{text} [{note[:1].upper()}{note[1:]}.]" if note else text
