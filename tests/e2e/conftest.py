"""The e2e tests' sample library: built once per session as ``compliance-desk sample`` builds it.

Most e2e tests start from the sample matters; running ``sample`` in each (a second apiece,
reading every sample document) cost the suite over half a minute. `cli_run.given_sample`
copies this library instead. The tests of ``sample`` itself still run the command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage.library import Library
from tests.e2e import cli_run


@pytest.fixture(scope="session", autouse=True)
def _sample_template(tmp_path_factory: pytest.TempPathFactory, _session_keys: Path) -> Path:
    """Built in the session's key store, so each test's copy of that store holds its key."""
    root = tmp_path_factory.mktemp("e2e-sample") / "library"
    library = Library.open(LibraryPaths(root), write=True)
    try:
        add_sample_matters(library)  # the actor ``sample`` uses
    finally:
        library.close()
    cli_run.SAMPLE_TEMPLATE.append(root)
    return root
