"""`agenda --json` and `show --json` keep a continuing prohibition after its license expired.

15 CFR 750.7(i): a license's conditions bind until counsel close them with a reason, so an
expired license's prohibition is still listed, and once closed with a reason it is gone.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionStatus,
    License,
    ObligationKind,
    ValidityBasis,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.obligations import ConditionService
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library
from tests.e2e.cli_run import run_in

pytestmark = pytest.mark.e2e
READ_ON = "2026-12-07"


def _json(cwd: Path, *args: str) -> Any:
    done = run_in(cwd, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _prohibition_of_an_expired_license(cwd: Path) -> tuple[str, int]:
    """A matter whose license expired on 5 May 2026, with one continuing prohibition."""
    library = Library.open(LibraryPaths(cwd / "data"), write=True)
    try:
        made = MatterService(library, "counsel", today=lambda: date(2026, 1, 5)).create_matter(
            Matter("Expired license", MatterKind.LICENSE_APPLICATION)
        )
        matter = made.record
        license_ = DecisionService(library, "counsel").add_license(
            License(
                matter.id,
                "D512345",
                date(2025, 11, 5),
                ValidityBasis.SET_BY_BIS,
                expires_on_set=date(2026, 5, 5),
            )
        )
        condition = ConditionService(library, "counsel").add_condition(
            Condition(
                matter.id,
                ConditionKind.LICENSE_CONDITION,
                ConditionCategory.NO_RESALE_TRANSFER_REEXPORT,
                "No reexport of the items to any destination without prior authorization.",
                license_id=license_.id,
                obligation=ObligationKind.CONTINUING_PROHIBITION,
                status=ConditionStatus.ACTIVE,
            )
        )
    finally:
        library.close()
    return matter.number, condition.id


def _close(cwd: Path, condition_id: int, note: str) -> None:
    library = Library.open(LibraryPaths(cwd / "data"), write=True)
    try:
        ConditionService(library, "counsel").transition(
            condition_id, ConditionStatus.CLOSED, date(2026, 12, 7), note
        )
    finally:
        library.close()


def test_a_continuing_prohibition_of_an_expired_license_stays_until_closed(
    tmp_path: Path,
) -> None:
    number, condition_id = _prohibition_of_an_expired_license(tmp_path)
    rows = _json(tmp_path, "agenda", "--as-of", READ_ON)
    [row] = [r for r in rows if r["kind"] == "obligation"]
    assert (row["state"], row["due"], row["matter_number"]) == ("continues", READ_ON, number)
    assert "license D512345 expired 2026-05-05" in row["detail"]
    assert "continues until closed (15 CFR 750.7(i))" in row["detail"]
    [shown] = _json(tmp_path, "show", number, "--as-of", READ_ON)["conditions"]
    assert (shown["standing"], shown["status"]) == ("continues", "active")

    _close(tmp_path, condition_id, "Counsel: items reclassified EAR99; NLR from 2026-12-01.")
    rows = _json(tmp_path, "agenda", "--as-of", READ_ON)
    assert [r for r in rows if r["kind"] == "obligation"] == []
    [shown] = _json(tmp_path, "show", number, "--as-of", READ_ON)["conditions"]
    assert (shown["standing"], shown["status"]) == ("none", "closed")
    assert shown["log"][-1]["note"].startswith("Counsel: items reclassified")
