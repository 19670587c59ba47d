"""The conditions table shared by the matter memo and the all-matters conditions report."""

from __future__ import annotations

from typing import Any

from desktop_app.reports.model import Table

NONE = "—"


def conditions_table(decided: dict[str, Any]) -> Table:
    """One row per condition of a matter's decisions view: status, owner, next due, standing."""
    return Table(
        ("No.", "Condition", "Status", "Owner", "Next due", "Standing"),
        tuple(
            (
                str(c["number"] or NONE),
                str(c["text"]),
                str(c["status"]).replace("_", " ").capitalize(),
                str(c["owner"] or NONE),
                str(c["next_due"] or NONE),
                str(c["standing"]).replace("_", " "),
            )
            for c in decided["conditions"]
        ),
        (0.7, 3.7, 1.3, 1.6, 1.1, 1.1),
    )
