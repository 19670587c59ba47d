"""``show CASE`` prints the whole matter in words: every section, labels not codes, nothing cut."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e

CODES = ("authorization_letter", "annex_a_entity", "deemed_export", "set_by_bis", "removes_req")


def test_show_prints_every_section_in_labels_and_whole_texts(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    text = run_in(tmp_path, "show", "EC-2026-0001")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    for heading in ("Notes:", "Documents:", "Determinations:", "Letters:", "Conditions:"):
        assert f"\n{heading}\n" in out
    assert "kind            Authorization letter" in out
    assert "Annex A entity" in out
    assert not [code for code in CODES if code in out]
    assert "3. Brennwald Sicherheitsforschung GmbH" in out
    assert "→ Brennwald Sicherheitsforschungs-GmbH (suggested, not confirmed)" in out
    view = json.loads(run_in(tmp_path, "show", "EC-2026-0001", "--json").stdout)
    flowing = " ".join(out.split())
    for condition in view["conditions"]:  # wrapped at words, never cut
        assert " ".join(condition["text"].split()) in flowing
    for note in view["notes"]:
        assert " ".join(note["text"].split()) in flowing


def test_show_prints_the_bis_clock_with_its_deadlines(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    out = run_in(tmp_path, "show", "EC-2026-0003", "--as-of", "2026-12-07").stdout
    assert "\nBIS clock:\n  registered 2026-09-17; 63 days elapsed, holds excluded\n" in out
    assert "hold 2026-10-02 – 2026-10-20: Information requested" in out
    flowing = " ".join(out.split())
    assert "(15 CFR 750.4(d)(2); passed 17 days ago)" in flowing
    assert "(15 CFR 750.4(a)(1); 27 days left)" in flowing
