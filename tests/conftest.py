"""Fixtures shared by every test: a library in a temporary folder, and a home that is not ours.

No test may touch the real home directory or the real library (docs/development.md#fixtures): the
autouse fixture points HOME, the XDG folders and COMPLIANCE_DESK_DATA_DIR into the test's temporary
folder, and every subprocess a test starts inherits that environment.

No test may use the network (the app never opens a connection): for the whole session, making
an IPv4/IPv6 socket, connecting one, resolving a name or ``create_connection`` raises
`NetworkUseError`, and the test that tried fails even if the code swallowed the error. Local
sockets (AF_UNIX: multiprocessing's pipes) are allowed. The guard lives in this process only:
subprocesses a test starts (the e2e CLI tests, the isolated parser processes, the kill
harness's worker) run without it.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.services import MatterService
from desktop_app.paths import APP_NAME, ENV_VAR, KEY_ENV_VAR, LibraryPaths
from desktop_app.storage.library import Library

REPO_ROOT = Path(__file__).parents[1]
BLNS_PATH = REPO_ROOT / "tests" / "data" / "blns.json"
TODAY = date(2026, 11, 27)
TABLES = ("matters", "parties", "items", "activities", "notes", "audit")

Dump = dict[str, list[tuple[object, ...]]]
NETWORK_ATTEMPTS: list[str] = []
LOCAL_FAMILIES = frozenset(
    {getattr(socket, "AF_UNIX", None), getattr(socket, "AF_NETLINK", None)} - {None}
)


class NetworkUseError(OSError):
    """Raised instead of any network access during the tests."""


def _refuse(what: str) -> NetworkUseError:
    NETWORK_ATTEMPTS.append(what)
    return NetworkUseError(f"a test tried to use the network: {what}")


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[None]:
    """Refuse every network socket, connection and name lookup for the whole session."""
    make = socket.socket.__init__

    def guarded_init(
        self: socket.socket,
        family: int = -1,
        type: int = -1,
        proto: int = -1,
        fileno: int | None = None,
    ) -> None:
        if fileno is None and family in (socket.AF_INET, socket.AF_INET6, -1):
            raise _refuse(f"socket(family={family})")
        make(self, family, type, proto, fileno)

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family not in LOCAL_FAMILIES:
            raise _refuse(f"connect({address!r})")
        connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if self.family not in LOCAL_FAMILIES:
            raise _refuse(f"connect_ex({address!r})")
        return connect_ex(self, address)  # type: ignore[arg-type]

    def refuse(name: str) -> Callable[..., object]:
        def refused(*args: object, **_kw: object) -> object:
            raise _refuse(f"{name}{args!r}")

        return refused

    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "__init__", guarded_init)
        patch.setattr(socket.socket, "connect", guarded_connect)
        patch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
            patch.setattr(socket, name, refuse(name))
        yield


@pytest.fixture
def network_attempts() -> list[str]:
    """What the tests tried on the network so far; clear it after a deliberate attempt."""
    return NETWORK_ATTEMPTS


@pytest.fixture(autouse=True)
def _network_untouched() -> Iterator[None]:
    """Fail the test that tried to use the network, even if the error was caught."""
    NETWORK_ATTEMPTS.clear()
    yield
    if NETWORK_ATTEMPTS:
        tried = list(NETWORK_ATTEMPTS)
        NETWORK_ATTEMPTS.clear()
        pytest.fail(f"the test tried to use the network: {tried}")


@pytest.fixture(scope="session", autouse=True)
def _session_keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The key store of the libraries session fixtures build (never the real one)."""
    folder = tmp_path_factory.mktemp("session-keys") / "keys"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENV_VAR, str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _session_keys: Path) -> None:
    """Keep every test, and every process it starts, out of the real home and data folder.

    Each test has its own key store, starting as a copy of the session's: a library a session
    fixture built keeps its key and anchor in every test that copies it, and no test's writes
    move another's anchor.
    """
    home = tmp_path / "home"
    home.mkdir()
    keys = home / ".config" / APP_NAME / "keys"  # where key_dir() looks in this home
    if _session_keys.is_dir():
        shutil.copytree(_session_keys, keys, ignore=shutil.ignore_patterns("*.lock"))
    monkeypatch.delenv(KEY_ENV_VAR)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "default-data"))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture
def paths(tmp_path: Path) -> LibraryPaths:
    """The folders of a library that does not exist yet."""
    return LibraryPaths(tmp_path / "library")


@pytest.fixture
def library(paths: LibraryPaths) -> Iterator[Library]:
    """A fresh library opened for writing, closed (and unlocked) after the test."""
    lib = Library.open(paths, write=True)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def service(library: Library) -> MatterService:
    """The matter service over the fresh library, with a fixed 'today'."""
    return MatterService(library, actor="test", today=lambda: TODAY)


@pytest.fixture
def dump(library: Library) -> Callable[[], Dump]:
    """A function returning every row of every table: equal dumps mean nothing changed."""

    def take() -> Dump:
        return {
            table: [
                tuple(row) for row in library.db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
            ]
            for table in TABLES
        }

    return take


@pytest.fixture(scope="session")
def blns() -> list[str]:
    """The Big List of Naughty Strings (515 strings)."""
    strings = json.loads(BLNS_PATH.read_text(encoding="utf-8"))
    assert isinstance(strings, list)
    assert all(isinstance(s, str) for s in strings)
    return strings
