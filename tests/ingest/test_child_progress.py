"""A slow source that still sends data is reported as moving each second (issue 16 point 5).

The parent gives up on a read after 30 s with no progress message; a network share that sends
a few kilobytes a second never reaches the 8 MiB step, so the reader must also report once a
second while data comes, or a slow but live share would be taken for a stalled one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.documents import Staged
from desktop_app.ingest import child
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.staging import Progress


class Pipe:
    """Records what the reader sends its parent."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)


def test_a_slow_copy_reports_each_second_and_a_fast_one_each_8_mib(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = {"now": 100.0}
    monkeypatch.setattr(child.time, "monotonic", lambda: clock["now"])  # type: ignore[attr-defined]

    def slow(_source: Path, copy: Path, progress: Progress) -> Staged:
        for chunk in range(1, 11):  # 4 KiB every 0.5 s for 5 s
            clock["now"] += 0.5
            progress(chunk * 4096)
        for step in range(1, 5):  # then 4 MiB at once, four times, with no time passing
            progress(40960 + step * (4 << 20))
        copy.write_bytes(b"")
        return Staged(str(copy), "0" * 64, "0" * 32, 0)

    pipe = Pipe()
    request = (str(tmp_path / "share.txt"), str(tmp_path / "copy.part"), "share.txt")
    child.read_one(pipe, request, Limits(), _never, slow)  # type: ignore[arg-type]
    progress = [m for m in pipe.sent if m == child.PROGRESS]
    assert len(progress) == 5 + 2  # once a second for the slow part, each 8 MiB for the fast


def _never(_name: str, _data: bytes, _limits: object) -> child.Result:
    raise AssertionError("an empty copy is not parsed")
