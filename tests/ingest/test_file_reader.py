"""Reading files for an import: in order, ahead of the caller, folders and gaps refused."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.importing import FileReader
from desktop_app.ingest.isolated import InProcessParser


def test_read_each_keeps_the_order_with_two_parsers(tmp_path: Path) -> None:
    paths = []
    (tmp_path / "staging").mkdir()
    for n in range(9):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"note {n}", encoding="utf-8")
        paths.append(path)
    missing = tmp_path / "gone.txt"
    paths.insert(4, missing)
    with FileReader([InProcessParser(), InProcessParser()]) as reader:
        results = list(reader.read_each(paths, tmp_path / "staging"))
    assert [r.filename for r in results] == [p.name for p in paths]
    assert isinstance(results[4], Rejected)
    assert results[4].not_read
    assert "no such file" in results[4].reason
    assert list((tmp_path / "staging").iterdir()) == []  # no copy is left once read
    texts = [r.text for r in results if isinstance(r, ParsedFile)]
    assert texts == [f"note {n}" for n in range(9)]


def test_a_folder_is_refused_not_read(tmp_path: Path) -> None:
    with FileReader([InProcessParser()]) as reader:
        result = reader(tmp_path, tmp_path)
    assert isinstance(result, Rejected)
    assert result.reason == "is a folder"
