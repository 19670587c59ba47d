"""`compliance-desk coverage CASE`, run for real on the sample library, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e

ANSWERS = {"covered", "not_covered", "needs_review"}
ROW_KEYS = {
    "party", "item", "activity", "transaction_type", "answer", "summary", "basis", "as_of",
    "factors", "missing", "caveats", "authorization",
}  # fmt: skip


def test_every_row_has_its_answer_day_and_factors(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    given_sample(data_dir)
    done = run_cli(data_dir, "coverage", "EC-2026-0001", "--as-of", "2026-12-31", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    shown = json.loads(run_cli(data_dir, "show", "EC-2026-0001", "--json").stdout)
    assert document["matter"] == "EC-2026-0001"
    assert document["as_of"] == "2026-12-31"
    rows = document["rows"]
    activities = [r for r in rows if r["activity"] is not None]
    assert [r["activity"]["id"] for r in activities] == [a["id"] for a in shown["activities"]]
    party_rows = [(r["party"]["id"], r["item"]["id"]) for r in rows if r["activity"] is None]
    items = [i["id"] for i in shown["items"]]
    assert party_rows == [(p["id"], i) for p in shown["parties"] for i in items]
    for row in rows:
        assert set(row) == ROW_KEYS
        assert row["answer"] in ANSWERS
        assert row["factors"], row["summary"]
        for factor in row["factors"]:
            assert set(factor) == {"dimension", "outcome", "detail", "source", "missing"}
            assert factor["outcome"] in {"pass", "fail", "unknown"}
        unknown = [f["missing"] for f in row["factors"] if f["outcome"] == "unknown"]
        assert all(unknown)
        assert set(unknown) <= set(row["missing"])
        if row["answer"] == "covered" and row["authorization"]["kind"] != "regulation":
            assert row["caveats"]  # what the app does not decide is said, never hidden
    undated = [r for r in activities if r["activity"]["on"] is None]
    assert all(r["as_of"] == "2026-12-31" for r in undated)
    assert all(any("no date" in c for c in r["caveats"]) for r in undated)


def test_the_text_names_each_row_and_bad_input_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    given_sample(data_dir)
    done = run_cli(data_dir, "coverage", "EC-2026-0001", "--as-of", "2026-12-31")
    assert done.returncode == 0, done.stderr
    head, *blocks = done.stdout.strip().split("\n\n")
    assert head.startswith("EC-2026-0001: coverage as of 2026-12-31, ")
    assert any(b.startswith("Zhao Mingyu (in US) · ") for b in blocks)
    for block in blocks:
        lines = block.splitlines()
        answer = next(x for x in lines if x.startswith("  ") and not x.startswith("   ")).strip()
        assert answer.split(" — ")[0] in {"COVERED", "NOT COVERED", "NEEDS REVIEW"}
        assert "  Factors:\n" in block
        assert "source: " in block
    shown = run_cli(data_dir, "show", "EC-2026-0001", "--as-of", "2026-12-31")
    assert "\nCoverage as of 2026-12-31:\n" in shown.stdout

    missing = run_cli(data_dir, "coverage", "EC-9999-0001")
    assert missing.returncode == 2
    assert "EC-9999-0001" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = run_cli(data_dir, "coverage", "EC-2026-0001", "--as-of", "31/12/2026")
    assert bad.returncode == 2
    assert "not a date" in bad.stderr
