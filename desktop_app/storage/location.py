"""Where the library lives: warn about places SQLite and the blobs are unsafe.

The threat: docs/reliability.md T11.

A network file system (NFS, SMB/CIFS, sshfs, 9p, WebDAV, AFS…), a FAT/exFAT volume, a folder a
cloud client syncs (OneDrive, Dropbox, iCloud Drive, Google Drive, Box) or a Windows UNC path can
lose locks, reorder writes, or copy a half-written database. ``location_problem`` is a pure
function over the path and the mount table text, so every case is testable on any OS;
``check_location`` feeds it this machine's facts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MOUNTINFO = Path("/proc/self/mountinfo")
NETWORK = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "9p", "afs", "openafs",
        "davfs", "coda", "ceph", "glusterfs", "lustre", "gfs2", "ocfs2", "beegfs", "gpfs",
        "fuse.sshfs", "sshfs", "fuse.davfs", "fuse.davfs2", "fuse.rclone", "fuse.s3fs",
        "fuse.gcsfuse", "fuse.glusterfs", "fuse.cephfs", "fuse.smbnetfs", "fuse.curlftpfs",
        "webdav", "drvfs",
    }
)  # fmt: skip
FAT = frozenset({"vfat", "msdos", "fat", "fat32", "exfat", "fuse.exfat", "umsdos"})
CLOUD_NAMES = frozenset(
    {
        "dropbox", "icloud drive", "iclouddrive", "mobile documents", "google drive",
        "googledrive", "box", "box sync", "box drive", "cloudstorage", "pcloud drive",
        "nextcloud", "owncloud",
    }
)  # fmt: skip
CLOUD_PREFIXES = ("onedrive", "dropbox (", "google drive (", "box (")
ESCAPE = re.compile(r"\\([0-7]{3})")
ADVICE = (
    "Keep the library on a local disk in your own user folder: move the folder there and "
    "start with --data-dir pointing at it."
)


def location_problem(
    path: str,
    mount_table: str | None = None,
    *,
    windows: bool = False,
    drive_kind: str | None = None,
) -> str | None:
    """Why the library folder ``path`` is a risky place, or None when nothing is known wrong.

    ``mount_table`` is the text of /proc/self/mountinfo or /proc/mounts; ``drive_kind`` is what
    Windows says of the drive ("remote", "removable", or a file system name such as "FAT32").
    """
    is_windows = windows or bool(re.match(r"^[A-Za-z]:[\\/]", path)) or path.startswith("\\\\")
    if is_windows and _unc(path):
        return (
            f"The library folder {path} is on a network share (a UNC path). SQLite can lose or "
            f"corrupt data over network shares. {ADVICE}"
        )
    if drive_kind is not None:
        found = _windows_drive(path, drive_kind)
        if found:
            return found
    cloud = _cloud_component(path)
    if cloud is not None:
        return (
            f"The library folder {path} is inside {cloud!r}, a folder a cloud service syncs. "
            "Syncing can copy the database half-written or bring back old copies, and puts "
            f"privileged files on someone else's servers. {ADVICE}"
        )
    fstype = filesystem_of(path, mount_table) if mount_table and not is_windows else None
    if fstype is not None:
        return _fs_problem(path, fstype.lower())
    return None


def check_location(root: Path) -> str | None:
    """``location_problem`` for ``root`` with this machine's mount table or drive facts."""
    try:
        resolved = str(root.resolve())
    except OSError:
        resolved = str(root)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
        return location_problem(resolved, windows=True, drive_kind=_windows_drive_kind(resolved))
    table: str | None = None
    try:
        table = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        table = None
    return location_problem(resolved, table)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) of every line of a mountinfo or /proc/mounts text."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if " - " in line and len(fields) >= 7:  # mountinfo: ... mount-point ... - fstype src
            after = line.split(" - ", 1)[1].split()
            if after:
                mounts.append((_unescape(fields[4]), after[0]))
        elif len(fields) >= 3:  # /proc/mounts: source mount-point fstype options ...
            mounts.append((_unescape(fields[1]), fields[2]))
    return mounts


def filesystem_of(path: str, mount_table: str) -> str | None:
    """The file system type of the mount that holds ``path`` (the longest matching mount)."""
    best: tuple[int, str] | None = None
    for point, fstype in parse_mounts(mount_table):
        inside = point in {"/", path} or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fstype)
    return best[1] if best else None


def _fs_problem(path: str, fstype: str) -> str | None:
    if fstype in NETWORK or fstype.startswith(("nfs", "smb", "cifs", "fuse.sshfs")):
        return (
            f"The library folder {path} is on a network file system ({fstype}). SQLite can "
            f"lose or corrupt data there, and the lock that keeps two writers apart may not "
            f"hold. {ADVICE}"
        )
    if fstype in FAT:
        return (
            f"The library folder {path} is on a {fstype} volume (FAT/exFAT, often removable "
            "media): it keeps no permissions, so the originals cannot be read-only, and a "
            f"removed stick can corrupt the database. {ADVICE}"
        )
    return None


def _windows_drive(path: str, kind: str) -> str | None:
    lowered = kind.lower()
    if lowered == "remote":
        return (
            f"The library folder {path} is on a mapped network drive. SQLite can lose or "
            f"corrupt data over network shares. {ADVICE}"
        )
    if lowered == "removable":
        return (
            f"The library folder {path} is on removable media; pulling it out while the app "
            f"writes can corrupt the database. {ADVICE}"
        )
    if lowered in {"fat", "fat32", "exfat", "vfat"}:
        return _fs_problem(path, lowered)
    return None


def _unc(path: str) -> bool:
    normal = path.replace("/", "\\")
    if normal.upper().startswith("\\\\?\\UNC\\"):
        return True
    if normal.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    return normal.startswith("\\\\")


def _cloud_component(path: str) -> str | None:
    for part in re.split(r"[\\/]+", path):
        lowered = part.lower().strip()
        if lowered in CLOUD_NAMES or lowered.startswith(CLOUD_PREFIXES):
            return part
    return None


def _unescape(field: str) -> str:
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import ctypes

    def _windows_drive_kind(path: str) -> str | None:
        """'remote', 'removable', or the volume's file system name (NTFS, FAT32, exFAT…)."""
        anchor = str(Path(path).anchor) or path
        kernel = ctypes.windll.kernel32
        kind = kernel.GetDriveTypeW(ctypes.c_wchar_p(anchor))
        if kind == 4:  # DRIVE_REMOTE
            return "remote"
        if kind == 2:  # DRIVE_REMOVABLE
            return "removable"
        name = ctypes.create_unicode_buffer(64)
        ok = kernel.GetVolumeInformationW(
            ctypes.c_wchar_p(anchor), None, 0, None, None, None, name, len(name)
        )
        return name.value if ok else None

else:

    def _windows_drive_kind(path: str) -> str | None:
        """Not Windows: there is no drive to ask about."""
        return None
