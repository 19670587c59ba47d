"""`load` and `export` run as a person would: the sample matters round-trip byte for byte, a
bad file is refused with its paths and changes nothing, files are never overwritten unasked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.core.matter_file_data import full
from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e


def _counts(data_dir: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{data_dir / 'library.db'}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def test_the_sample_matters_export_load_and_export_to_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    given_sample(first)
    for number in ("EC-2026-0001", "EC-2026-0002", "EC-2026-0003"):
        out = tmp_path / f"{number}.json"
        exported = run_cli(first, "export", number, "-o", str(out))
        assert exported.returncode == 0, exported.stderr
        loaded = run_cli(second, "load", str(out))
        assert loaded.returncode == 0, loaded.stderr
        assert loaded.stdout.startswith(f"loaded {number}  ")
        again = run_cli(second, "export", number)
        assert again.returncode == 0, again.stderr
        assert again.stdout.encode("utf-8") == out.read_bytes()
    assert run_cli(second, "verify").returncode == 0


def test_a_bad_file_is_refused_naming_each_path_and_the_library_is_unchanged(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    given_sample(data_dir)
    before = _counts(data_dir)
    document = full()
    document["activities"][0]["party"] = "bob"
    document["parties"][0]["nationalities"][0]["since"] = "1899-01-01"
    document["letters"][0]["nickname"] = "June"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli(data_dir, "load", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "(3 problems; nothing changed)" in done.stderr
    for path in ("$.activities[0].party", "$.parties[0].nationalities[0].since"):
        assert f"  {path}: " in done.stderr
    assert "$.letters[0].nickname: unknown key" in done.stderr
    assert _counts(data_dir) == before


def test_a_taken_number_is_refused_unless_a_new_one_is_asked_for(tmp_path: Path) -> None:
    data_dir, file = tmp_path / "data", tmp_path / "m.json"
    file.write_text(json.dumps(full()), encoding="utf-8")
    assert run_cli(data_dir, "load", str(file)).returncode == 0
    refused = run_cli(data_dir, "load", str(file))
    assert refused.returncode == 2
    assert "already has matter EC-2026-0101" in refused.stderr
    renumbered = run_cli(data_dir, "load", str(file), "--new-number")
    assert renumbered.returncode == 0, renumbered.stderr
    assert renumbered.stdout.startswith("loaded EC-2026-0102  Orrin Labs")


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    done = run_cli(tmp_path / "data", "load", str(huge))
    assert done.returncode == 2
    assert "52,428,800 bytes (50.0 MiB); a matter file may be at most 20,971,520" in done.stderr
    assert not (tmp_path / "data" / "library.db").exists()


def test_export_never_overwrites_a_file_unless_forced(tmp_path: Path) -> None:
    data_dir, out = tmp_path / "data", tmp_path / "out.json"
    given_sample(data_dir)
    out.write_text("keep me", encoding="utf-8")
    refused = run_cli(data_dir, "export", "EC-2026-0002", "-o", str(out))
    assert refused.returncode == 2
    assert "exists; nothing was written (--force replaces it)" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run_cli(data_dir, "export", "EC-2026-0002", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["matter"]["number"] == "EC-2026-0002"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    missing = run_cli(data_dir, "export", "EC-2031-0001")
    assert missing.returncode == 2


def test_a_country_group_the_shipped_edition_lacks_is_refused(tmp_path: Path) -> None:
    document = full()
    document["letters"][0]["excluded_destinations"] = ["D:9"]
    bad = tmp_path / "group.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli(tmp_path / "data", "load", str(bad))
    assert done.returncode == 2
    assert "$.letters[0].excluded_destinations" in done.stderr
    assert '"D:9" is not a country code' in done.stderr
    document["letters"][0]["excluded_destinations"] = ["D:5", "CN"]
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert run_cli(tmp_path / "data", "load", str(bad)).returncode == 0
