"""Where the library lives: --data-dir, --portable, the environment, portable.txt, per-user."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.errors import ValidationError
from desktop_app.paths import (
    ENV_VAR,
    PORTABLE_FOLDER,
    choose_data_dir,
    data_dir_choice,
    is_portable,
)

APP = Path("/opt/compliance-desk")
USER = "/home/counsel/.local/share/compliance-desk"


def choose(
    flag: str | None = None,
    portable: bool = False,
    env: str | None = None,
    app_dir: Path | None = APP,
    marker: bool = False,
) -> tuple[Path, str, bool]:
    choice = choose_data_dir(
        flag=flag,
        portable_flag=portable,
        environ={ENV_VAR: env} if env is not None else {},
        app_dir=app_dir,
        marker_present=marker,
        per_user=USER,
    )
    return choice.path, choice.source, choice.portable


def test_the_per_user_folder_is_the_default() -> None:
    assert choose() == (Path(USER), "per-user", False)
    assert choose(app_dir=None) == (Path(USER), "per-user", False)


def test_portable_txt_beside_the_program_keeps_the_library_in_data() -> None:
    assert choose(marker=True) == (APP / PORTABLE_FOLDER, "portable.txt", True)


def test_portable_flag_keeps_the_library_in_data() -> None:
    assert choose(portable=True) == (APP / PORTABLE_FOLDER, "portable flag", True)


def test_data_dir_flag_wins_over_everything() -> None:
    assert choose(flag="/x", portable=True, env="/y", marker=True) == (Path("/x"), "flag", False)


@pytest.mark.parametrize("flag", ["", "   "])
def test_an_empty_data_dir_is_refused_not_taken_for_the_per_user_library(flag: str) -> None:
    with pytest.raises(ValidationError, match="empty folder name") as refused:
        choose(flag=flag)
    assert not refused.value.message.startswith("data_dir")  # no internal field name shown


def test_portable_flag_wins_over_the_environment() -> None:
    assert choose(portable=True, env="/y")[1] == "portable flag"


def test_the_environment_wins_over_portable_txt() -> None:
    assert choose(env="/y", marker=True) == (Path("/y"), "environment", False)


def test_an_empty_environment_variable_is_ignored() -> None:
    assert choose(env="", marker=True)[1] == "portable.txt"


def test_without_a_packaged_program_portable_txt_means_nothing() -> None:
    assert choose(app_dir=None, marker=True)[1] == "per-user"


def test_portable_flag_outside_the_packaged_app_is_refused() -> None:
    with pytest.raises(ValidationError, match="--data-dir"):
        choose(app_dir=None, portable=True)


def test_frozen_program_with_portable_txt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The impure wrapper: sys.frozen and the executable's folder, portable.txt on disk."""
    program = tmp_path / "compliance-desk" / "compliance-desk"
    program.parent.mkdir()
    program.write_bytes(b"")
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert data_dir_choice().source == "per-user"
    (program.parent / "portable.txt").write_text("", encoding="utf-8")
    choice = data_dir_choice()
    assert choice.path == (program.parent / "data").resolve()
    assert choice.portable
    assert is_portable(choice.path)
    assert not is_portable(tmp_path / "elsewhere")


def test_not_frozen_is_never_portable(tmp_path: Path) -> None:
    assert not getattr(sys, "frozen", False)
    assert not is_portable(tmp_path)
