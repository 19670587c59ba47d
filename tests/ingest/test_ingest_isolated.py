"""The isolated reader: same results as in process, a hard timeout, crashes contained.

The slow and crashing targets are module-level functions of this file: the child process
imports this module by name (pytest puts tests/ingest on sys.path, and spawn passes sys.path
on), so no test hook is needed in the package itself. Each file goes in as a path and comes
back with its bytes (and its attachments') staged as copies, never through the pipe.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.documents import EmailHeaders, ParsedFile, Rejected, Staged
from desktop_app.ingest.isolated import CRASHED, IsolatedParser, ReaderStartError
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import parse_bytes
from desktop_app.ingest.parsers import InProcessParser, parse_in_process
from desktop_app.ingest.staging import Progress, part_name

CORPUS = Path(__file__).parents[1] / "data" / "email"
LIMITS = Limits(seconds_per_file=1)
EMAIL = b"From: a@b.c\r\nSubject: ACN Z123456\r\n\r\nbody\r\n"


def awkward_target(filename: str, data: bytes, limits: Limits) -> ParsedFile | Rejected:
    """parse_bytes, except that "slow" sleeps past the timeout and "crash" kills the child."""
    if filename == "slow":
        time.sleep(30)
    if filename == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if filename == "raise":
        raise RuntimeError("a bug in a reader")
    if filename == "hog":
        hoard = bytearray(2 * 1024**3)  # past the reader's address-space ceiling
        return Rejected(filename, f"held {len(hoard)} bytes")
    return parse_bytes(filename, data, limits)


def stalled_stager(source: Path, copy: Path, progress: Progress) -> Staged:
    """A read that never gets a byte, as /proc/kmsg or a share that stopped answering."""
    copy.write_bytes(b"")
    threading.Event().wait()
    raise AssertionError("unreachable")


def read(parser: IsolatedParser | InProcessParser, folder: Path, name: str, data: bytes) -> object:
    """Read ``data`` as a file called ``name``; the result with its staged bytes put back."""
    source = folder / "in" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    staging = folder / "staging"
    staging.mkdir(exist_ok=True)
    return with_bytes(parser.read(source, part_name(staging), name))


def with_bytes(result: ParsedFile | Rejected) -> ParsedFile | Rejected:
    """``result`` as `parse_bytes` gives it: each staged copy read back into ``data``."""
    data = Path(result.staged.path).read_bytes() if result.staged else result.data
    if isinstance(result, Rejected):
        return dataclasses.replace(result, data=data, staged=None)
    children = tuple(with_bytes(child) for child in result.children)
    return dataclasses.replace(result, data=data, staged=None, children=children)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def isolated() -> Iterator[IsolatedParser]:
    """One child for the module's tests (starting one takes about half a second)."""
    with IsolatedParser(LIMITS, target=awkward_target) as parser:
        parser.start()
        yield parser


def test_records_survive_pickling() -> None:
    record = parse_bytes("x.eml", EMAIL)
    assert isinstance(record, ParsedFile)
    assert isinstance(record.email, EmailHeaders)
    assert pickle.loads(pickle.dumps(record)) == record
    rejected = Rejected("x", "why", b"data")
    assert pickle.loads(pickle.dumps(rejected)) == rejected


def test_a_normal_parse_matches_the_in_process_one(
    isolated: IsolatedParser, tmp_path: Path
) -> None:
    result = read(isolated, tmp_path, "x.eml", EMAIL)
    assert result == parse_in_process("x.eml", EMAIL, LIMITS)
    assert isinstance(result, ParsedFile)
    assert result.data == EMAIL
    with InProcessParser(LIMITS) as in_process:
        assert read(in_process, tmp_path, "x.eml", EMAIL) == result


def test_attachments_come_back_as_staged_copies(isolated: IsolatedParser, tmp_path: Path) -> None:
    email = (
        b"From: a@b.c\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/plain\r\n\r\nbody\r\n--B\r\n"
        b'Content-Type: application/octet-stream; name="a.bin"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--B--\r\n"
    )
    source = tmp_path / "m.eml"
    source.write_bytes(email)
    result = isolated.read(source, part_name(tmp_path), "m.eml")
    assert isinstance(result, ParsedFile)
    assert result.data == b""
    assert result.children[0].data == b""
    attachment = result.children[0].staged
    assert attachment is not None
    assert Path(attachment.path).parent == tmp_path
    assert Path(attachment.path).read_bytes() == b"\x00\x01\x02\x03"


def test_a_slow_file_is_killed_and_the_child_replaced(
    isolated: IsolatedParser, tmp_path: Path
) -> None:
    started = time.monotonic()
    result = read(isolated, tmp_path, "slow", b"anything")
    assert time.monotonic() - started < 60
    assert result == Rejected(
        "slow", "took longer than 1 s to read; kept unread in quarantine", b"anything"
    )
    assert read(isolated, tmp_path, "x.eml", EMAIL) == parse_bytes("x.eml", EMAIL, LIMITS)


def test_a_stalled_read_is_stopped_under_the_same_limit_and_nothing_kept(tmp_path: Path) -> None:
    (tmp_path / "kmsg").write_bytes(b"never read")
    copy = part_name(tmp_path)
    with IsolatedParser(LIMITS, stager=stalled_stager) as parser:
        result = parser.read(tmp_path / "kmsg", copy, "kmsg")
    assert isinstance(result, Rejected)
    assert result.not_read
    assert "no data came for 1 s" in result.reason
    assert not copy.exists()


def test_a_crash_is_contained_and_the_child_replaced(
    isolated: IsolatedParser, tmp_path: Path
) -> None:
    assert read(isolated, tmp_path, "crash", b"boom") == Rejected("crash", CRASHED, b"boom")
    assert isinstance(read(isolated, tmp_path, "x.eml", EMAIL), ParsedFile)


def test_an_exception_in_the_target_is_a_rejection(
    isolated: IsolatedParser, tmp_path: Path
) -> None:
    result = read(isolated, tmp_path, "raise", b"data")
    assert isinstance(result, Rejected)
    assert result.reason == "could not be read: RuntimeError: a bug in a reader"
    assert result.data == b"data"


def test_the_reader_cannot_grow_past_its_memory_ceiling(tmp_path: Path) -> None:
    limits = Limits(seconds_per_file=60, reader_memory=1024**3)
    with IsolatedParser(limits, target=awkward_target) as parser:
        result = read(parser, tmp_path, "hog", b"data")
        after = read(parser, tmp_path, "x.eml", EMAIL)
    assert result == Rejected("hog", "too large to read in memory; the original is kept", b"data")
    assert isinstance(after, ParsedFile)


def test_a_file_past_the_read_limit_is_kept_unread(tmp_path: Path) -> None:
    with IsolatedParser(Limits(max_read=10)) as parser:
        result = read(parser, tmp_path, "big.txt", b"eleven bytes")
    assert isinstance(result, Rejected)
    assert not result.not_read
    assert result.reason == (
        "too large to read: 12 bytes (the limit is 10 bytes); the original is kept unread"
    )
    assert result.data == b"eleven bytes"


def test_the_reader_ends_when_its_parent_dies(tmp_path: Path) -> None:
    script = (
        "import os, sys\n"
        "from desktop_app.ingest.isolated import IsolatedParser\n"
        "parser = IsolatedParser()\n"
        "parser.start()\n"
        "print(parser._process.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    reader = int(done.stdout.split()[0])
    try:
        handle = os.pidfd_open(reader)
    except ProcessLookupError:
        return  # already gone
    try:
        ended, _, _ = select.select([handle], [], [], 60)
    finally:
        os.close(handle)
    assert ended, "the reader outlived its parent"


def test_it_works_from_a_worker_thread(isolated: IsolatedParser, tmp_path: Path) -> None:
    results: list[object] = []
    worker = threading.Thread(
        target=lambda: results.append(read(isolated, tmp_path, "t.eml", EMAIL))
    )
    worker.start()
    worker.join(60)
    assert len(results) == 1
    assert isinstance(results[0], ParsedFile)


def test_an_empty_file_is_kept_without_parsing(isolated: IsolatedParser, tmp_path: Path) -> None:
    assert read(isolated, tmp_path, "e", b"") == Rejected("e", "empty file: 0 bytes", b"")


def test_real_emails_read_the_same_in_the_child(tmp_path: Path) -> None:
    # Results compared, not time: the 1 s limit of the module's child quarantined a 200-recipient
    # .msg on a loaded CI machine, so this child gets a minute per file.
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".eml", ".msg", ".txt"})
    files = [p for p in files if not p.name.startswith("LICENSE")]
    patient = Limits(seconds_per_file=60)
    started = time.monotonic()
    with IsolatedParser(patient) as isolated:
        isolated.start()
        for path in files:
            data = path.read_bytes()
            expected = parse_bytes(path.name, data, patient)
            assert read(isolated, tmp_path, path.name, data) == expected, path
    per_file = (time.monotonic() - started) / len(files)
    print(f"isolated + in-process: {per_file * 1000:.1f} ms per file over {len(files)} files")


def test_a_reader_that_cannot_start_says_so(tmp_path: Path) -> None:
    parser = IsolatedParser(LIMITS, target=lambda name, data, limits: parse_bytes(name, data))
    with pytest.raises(ReaderStartError):
        read(parser, tmp_path, "x.eml", EMAIL)
    parser.close()


def test_a_closed_parser_refuses_work(tmp_path: Path) -> None:
    parser = IsolatedParser(LIMITS)
    parser.close()
    with pytest.raises(RuntimeError, match="closed"):
        read(parser, tmp_path, "x.eml", EMAIL)
