"""`holidays` picks the State whose holidays extend a license (15 CFR 750.7(g)); `show` says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import REPO_ROOT, run_in

pytestmark = pytest.mark.e2e

PATTERN = REPO_ROOT / "tests" / "data" / "coverage" / "38-license-expiry-weekend.json"


def _load_license_ending_on_cesar_chavez_day(tmp_path: Path) -> str:
    """A one-year license validated 2025-03-31: its date of expiration is Tuesday 2026-03-31."""
    document = json.loads(PATTERN.read_text(encoding="utf-8"))
    document["licenses"][0].update(validated_on="2025-03-31", validity="one_year")
    path = tmp_path / "matter.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = run_in(tmp_path, "load", str(path))
    assert loaded.returncode == 0, loaded.stderr
    listed = run_in(tmp_path, "cases").stdout.splitlines()
    return next(line.split()[0] for line in listed if "License expiring" in line)


def test_a_state_holiday_extends_only_once_the_state_is_chosen(tmp_path: Path) -> None:
    case = _load_license_ending_on_cesar_chavez_day(tmp_path)
    assert run_in(tmp_path, "holidays").stdout.strip() == "federal"
    federal = run_in(tmp_path, "show", case, "--as-of", "2026-04-01").stdout
    assert "D512345    valid through 2026-03-31 (expired); validity 1 year" in federal
    assert run_in(tmp_path, "holidays", "ca").stdout.strip() == "CA"
    shown = run_in(tmp_path, "show", case, "--as-of", "2026-04-01", "--json")
    (license_,) = json.loads(shown.stdout)["licenses"]
    assert (license_["expires_on"], license_["state"]) == ("2026-04-01", "active")
    assert "Cesar Chavez Day, a holiday (CA)" in license_["warnings"]["expires"]
    assert "warning: 2026-03-31 is Cesar Chavez Day" in run_in(tmp_path, "show", case).stdout


def test_an_unknown_state_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    refused = run_in(tmp_path, "holidays", "ZZ")
    assert refused.returncode == 2
    assert "'ZZ' is neither 'federal' nor a US State" in refused.stderr
    assert run_in(tmp_path, "holidays").stdout.strip() == "federal"
    assert run_in(tmp_path, "holidays", "federal").stdout.strip() == "federal"
