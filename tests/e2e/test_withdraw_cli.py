"""``withdraw`` and ``reinstate`` on the samples: refused with the reason, kept, shown, put back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_run import audit_head, given_sample, run_in

pytestmark = pytest.mark.e2e
CASE = "EC-2026-0001"


def test_a_condition_is_withdrawn_shown_as_withdrawn_and_put_back(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    shown = run_in(tmp_path, "show", CASE).stdout
    assert "Rider 1 (#11)" in shown
    done = run_in(tmp_path, "withdraw", CASE, "condition", "11", "--reason", "Recorded twice")
    assert done.returncode == 0, done.stderr
    assert "withdrew the condition “Rider 1” (#11) of EC-2026-0001" in done.stdout
    shown = run_in(tmp_path, "show", CASE).stdout
    assert "Rider 1 (#11)" not in shown.split("Withdrawn records")[0]
    withdrawn = shown.split("Withdrawn records (kept; not in force):")[1]
    assert "condition #11 “Rider 1”" in withdrawn
    assert "withdrawn " in withdrawn
    assert ": Recorded twice" in withdrawn
    back = run_in(tmp_path, "reinstate", CASE, "condition", "11")
    assert back.returncode == 0, back.stderr
    assert "Withdrawn records" not in run_in(tmp_path, "show", CASE).stdout


def test_refusals_name_the_reason_and_change_nothing(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    head = audit_head(tmp_path)
    refused = run_in(tmp_path, "withdraw", CASE, "license", "1", "--reason", "Wrong matter")
    assert refused.returncode == 2
    assert "rests on the license “D512847” (#1)" in refused.stderr
    missing = run_in(tmp_path, "withdraw", CASE, "letter", "99", "--reason", "x")
    assert missing.returncode != 0
    assert "There is no letter #99 on the matter." in missing.stderr
    blank = run_in(tmp_path, "withdraw", CASE, "condition", "11", "--reason", "  ")
    assert blank.returncode == 2
    assert "Say why the record is withdrawn" in blank.stderr
    in_force = run_in(tmp_path, "reinstate", CASE, "condition", "11")
    assert in_force.returncode == 2
    assert "in force already" in in_force.stderr
    assert audit_head(tmp_path) == head
    for done in (refused, missing, blank, in_force):
        assert "Traceback" not in done.stderr
