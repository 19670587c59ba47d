"""The isolated reader: same results as in process, a hard timeout, crashes contained.

The slow and crashing targets are module-level functions of this file: the child process
imports this module by name (pytest puts tests/ingest on sys.path, and spawn passes sys.path
on), so no test hook is needed in the package itself.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.documents import EmailHeaders, ParsedFile, Rejected
from desktop_app.ingest.isolated import CRASHED, IsolatedParser, ReaderStartError
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import parse_bytes
from desktop_app.ingest.parsers import InProcessParser, parse_in_process

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpora" / "email"
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
    return parse_bytes(filename, data, limits)


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


def test_a_normal_parse_matches_the_in_process_one(isolated: IsolatedParser) -> None:
    result = isolated.parse("x.eml", EMAIL)
    assert result == parse_in_process("x.eml", EMAIL, LIMITS)
    assert isinstance(result, ParsedFile)
    assert result.data == EMAIL
    with InProcessParser(LIMITS) as in_process:
        assert in_process.parse("x.eml", EMAIL) == result


def test_a_slow_file_is_killed_and_the_child_replaced(isolated: IsolatedParser) -> None:
    started = time.monotonic()
    result = isolated.parse("slow", b"anything")
    assert time.monotonic() - started < 10
    assert result == Rejected(
        "slow", "took longer than 1 s to read; kept unread in quarantine", b"anything"
    )
    assert isolated.parse("x.eml", EMAIL) == parse_bytes("x.eml", EMAIL, LIMITS)


def test_a_crash_is_contained_and_the_child_replaced(isolated: IsolatedParser) -> None:
    assert isolated.parse("crash", b"boom") == Rejected("crash", CRASHED, b"boom")
    assert isinstance(isolated.parse("x.eml", EMAIL), ParsedFile)


def test_an_exception_in_the_target_is_a_rejection(isolated: IsolatedParser) -> None:
    result = isolated.parse("raise", b"data")
    assert isinstance(result, Rejected)
    assert result.reason == "could not be read: RuntimeError: a bug in a reader"
    assert result.data == b"data"


def test_it_works_from_a_worker_thread(isolated: IsolatedParser) -> None:
    results: list[ParsedFile | Rejected] = []
    worker = threading.Thread(target=lambda: results.append(isolated.parse("t.eml", EMAIL)))
    worker.start()
    worker.join(30)
    assert len(results) == 1
    assert isinstance(results[0], ParsedFile)


def test_empty_files_do_not_reach_the_child(isolated: IsolatedParser) -> None:
    assert isolated.parse("e", b"") == Rejected("e", "empty file: 0 bytes", b"")


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpora not present")
def test_real_emails_read_the_same_in_the_child(isolated: IsolatedParser) -> None:
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".eml", ".msg", ".txt"})
    files = [p for p in files if not p.name.startswith("LICENSE")]
    started = time.monotonic()
    for path in files:
        data = path.read_bytes()
        assert isolated.parse(path.name, data) == parse_bytes(path.name, data, LIMITS), path
    per_file = (time.monotonic() - started) / len(files)
    print(f"isolated + in-process: {per_file * 1000:.1f} ms per file over {len(files)} files")


def test_a_reader_that_cannot_start_says_so() -> None:
    parser = IsolatedParser(LIMITS, target=lambda name, data, limits: parse_bytes(name, data))
    with pytest.raises(ReaderStartError):
        parser.parse("x.eml", EMAIL)
    parser.close()


def test_a_closed_parser_refuses_work() -> None:
    parser = IsolatedParser(LIMITS)
    parser.close()
    with pytest.raises(RuntimeError, match="closed"):
        parser.parse("x.eml", EMAIL)
