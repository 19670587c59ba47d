"""Item 8: the app never uses the network, and the guard in tests/conftest.py would notice.

The session-wide guard (tests/conftest.py `_no_network`) refuses IPv4/IPv6 sockets, connects,
name lookups and ``create_connection`` in this process and fails any test that tried, even if
the code caught the error. Here: the guard itself works, and the main paths of the app — the
sample library, an import through the isolated readers, a memo PDF, a search — run under it.
Subprocesses run without the guard (the isolated readers' children, the e2e CLI tests).
"""

from __future__ import annotations

import contextlib
import socket
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.search_query import parse_query
from desktop_app.importing import import_files
from desktop_app.reports.make import matter_memo_pdf
from desktop_app.samples import add_sample_matters
from desktop_app.storage.library import Library
from desktop_app.storage.search import search

SAMPLES = Path(__file__).parents[2] / "resources" / "sample" / "correspondence"


REFUSED = "a test tried to use the network"


def test_the_guard_refuses_the_network_and_allows_local_sockets(
    network_attempts: list[str],
) -> None:
    with pytest.raises(OSError, match=REFUSED):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(OSError, match=REFUSED):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(OSError, match=REFUSED):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError, match=REFUSED):
        socket.socket()
    assert len(network_attempts) == 4
    network_attempts.clear()  # deliberate: do not fail this test for them
    left, right = socket.socketpair()  # AF_UNIX where there is one: allowed
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_a_refusal_the_code_swallows_is_still_noticed(network_attempts: list[str]) -> None:
    with contextlib.suppress(OSError):  # as careless code would: the teardown check fails it
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert network_attempts == ["create_connection(('192.0.2.1', 80),)"]
    network_attempts.clear()


def test_the_main_paths_run_offline(library: Library, network_attempts: list[str]) -> None:
    matters = add_sample_matters(library)
    number = matters[0].number
    outcomes = import_files(library, number, [SAMPLES], "counsel", lambda _i, _n, _name: None)
    assert outcomes
    assert {o.outcome.value for o in outcomes} <= {"imported", "duplicate"}
    _, pdf = matter_memo_pdf(library.reads, number, date(2026, 11, 27), invariant=True)
    assert pdf.startswith(b"%PDF")
    assert search(library.db, parse_query("Annex"))
    assert network_attempts == []
