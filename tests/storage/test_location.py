"""Risky library locations: network file systems, FAT, cloud-sync folders, UNC.

docs/reliability.md T11.

Everything runs over fabricated mount tables and paths, so it passes on any OS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.paths import LibraryPaths
from desktop_app.storage import library as library_module
from desktop_app.storage.library import Library
from desktop_app.storage.location import filesystem_of, location_problem, parse_mounts

MOUNTINFO = """\
22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
41 22 0:38 / /home/ana/share rw,relatime shared:20 - nfs4 fs1:/export/ana rw,vers=4.2
42 22 0:39 / /mnt/office rw,relatime shared:21 - cifs //fs2/legal rw,vers=3.1.1
43 22 0:40 / /mnt/laptop rw,nosuid shared:22 - fuse.sshfs ana@box:/home rw
44 22 8:17 / /media/ana/USB\\040STICK rw,nosuid shared:23 - vfat /dev/sdb1 rw
45 22 8:33 / /media/ana/BIG rw,nosuid shared:24 - exfat /dev/sdc1 rw
46 22 0:41 / /mnt/wsl-c rw shared:25 - 9p C:\\134 rw
47 41 0:42 / /home/ana/share/local rw shared:26 - ext4 /dev/sda1 rw
48 22 0:43 / /mnt/dav rw shared:27 - fuse.davfs2 https://dav rw
49 22 0:44 / /afs rw shared:28 - afs AFS rw
"""

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/srv /srv/nfs nfs rw,vers=3 0 0
//fs/share /mnt/smb smb3 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/ana/share/cd", "nfs4"),
        ("/home/ana/share", "nfs4"),
        ("/mnt/office/library", "cifs"),
        ("/mnt/laptop/x", "fuse.sshfs"),
        ("/media/ana/USB STICK/lib", "vfat"),
        ("/media/ana/BIG/lib", "exfat"),
        ("/mnt/wsl-c/Users/ana", "9p"),
        ("/mnt/dav/lib", "fuse.davfs2"),
        ("/afs/cell/user/ana", "afs"),
    ],
)
def test_risky_file_systems_are_warned_about(path: str, fstype: str) -> None:
    assert filesystem_of(path, MOUNTINFO) == fstype
    problem = location_problem(path, MOUNTINFO)
    assert problem is not None
    assert fstype in problem
    assert path in problem
    assert "--data-dir" in problem


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/.local/share/compliance-desk",
        "/home/ana/share/local/lib",  # a local disk mounted inside the NFS mount
        "/home/ana/sharepoint",  # a sibling whose name only starts like the mount point
        "/mnt/officex/lib",
        "/home/ana/boxes/lib",
    ],
)
def test_local_folders_are_fine(path: str) -> None:
    assert location_problem(path, MOUNTINFO) is None


def test_proc_mounts_format_is_read_too() -> None:
    assert parse_mounts(PROC_MOUNTS)[1] == ("/srv/nfs", "nfs")
    assert "nfs" in (location_problem("/srv/nfs/lib", PROC_MOUNTS) or "")
    assert "smb3" in (location_problem("/mnt/smb/lib", PROC_MOUNTS) or "")
    assert location_problem("/srv/lib", PROC_MOUNTS) is None


def test_no_mount_table_means_no_file_system_warning() -> None:
    assert location_problem("/mnt/office/library", None) is None
    assert location_problem("/mnt/office/library", "") is None


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/OneDrive/Legal/compliance-desk",
        "/home/ana/OneDrive - Contoso Ltd/cd",
        "C:\\Users\\ana\\OneDrive - Contoso\\Documents\\cd",
        "/home/ana/Dropbox/cd",
        "/Users/ana/Dropbox (Contoso)/cd",
        "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/cd",
        "C:\\Users\\ana\\iCloudDrive\\cd",
        "/Users/ana/iCloud Drive/cd",
        "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/cd",
        "G:\\Google Drive\\cd",
        "/Users/ana/Google Drive/cd",
        "/Users/ana/Box/cd",
        "C:\\Users\\ana\\Box Sync\\cd",
    ],
)
def test_cloud_sync_folders_are_warned_about(path: str) -> None:
    problem = location_problem(path, MOUNTINFO)
    assert problem is not None
    assert "cloud service syncs" in problem


@pytest.mark.parametrize(
    "path",
    [
        "\\\\fileserver\\legal\\compliance-desk",
        "\\\\?\\UNC\\fileserver\\legal\\cd",
        "//fileserver/legal/cd",
    ],
)
def test_unc_paths_are_warned_about(path: str) -> None:
    problem = location_problem(path, windows=True)
    assert problem is not None
    assert "UNC" in problem


@pytest.mark.parametrize(
    "path",
    ["C:\\Users\\ana\\AppData\\Local\\compliance-desk", "\\\\?\\C:\\Users\\ana\\cd"],
)
def test_local_windows_paths_are_fine(path: str) -> None:
    assert location_problem(path, windows=True, drive_kind="NTFS") is None


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("remote", "mapped network drive"),
        ("removable", "removable media"),
        ("FAT32", "fat32"),
        ("exFAT", "exfat"),
    ],
)
def test_windows_drive_kinds_are_warned_about(kind: str, words: str) -> None:
    problem = location_problem("E:\\cd", windows=True, drive_kind=kind)
    assert problem is not None
    assert words in problem


def test_a_library_carries_its_location_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "check_location", lambda _root: "on nfs4, careful")
    library = Library.open(LibraryPaths(tmp_path / "lib"), write=True)
    try:
        assert library.warnings == ["on nfs4, careful"]
        assert library.warning == "on nfs4, careful"
    finally:
        library.close()


def test_a_local_test_library_has_no_warning(tmp_path: Path) -> None:
    library = Library.open(LibraryPaths(tmp_path / "lib"), write=True)
    try:
        assert library.warning is None
    finally:
        library.close()
