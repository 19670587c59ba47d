"""``keys``, ``trust NAME KEY``, ``untrust FINGERPRINT``: the signing key and trusted colleagues.

The colleagues are those whose signed bundles this library accepts (`core.signatures`,
`core.trust`). ``keys`` prints the public key to send a colleague and the fingerprint to read
out over the phone, then the keys trusted here; the seed never leaves the key store.
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from desktop_app.cli.common import add_command, print_json
from desktop_app.cli.opening import open_for_writing
from desktop_app.core.signatures import fingerprint, public_key
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``keys``, ``trust`` and ``untrust``."""
    keys = add_command(
        sub, "keys", run_keys, "this library's public signing key and the keys it trusts"
    )
    keys.add_argument("--json", action="store_true", help="print JSON")
    trust = add_command(sub, "trust", run_trust, "trust a colleague's public key")
    trust.add_argument("name", metavar="NAME", help="the colleague, as you will know them")
    trust.add_argument("key", metavar="KEY", help="their public key, 64 hex digits")
    untrust = add_command(sub, "untrust", run_untrust, "stop trusting a key")
    untrust.add_argument("fingerprint", metavar="FINGERPRINT", help="as `keys` prints it")


def run_keys(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the public key and fingerprint, made on first use, and the trusted keys."""
    library = open_for_writing(paths)
    try:
        own = public_key(library.signing_seed())
        signers = library.reads.trusted_signers()
    finally:
        library.close()
    if args.json:
        print_json(
            {
                "public_key": own.hex(),
                "fingerprint": fingerprint(own),
                "trusted": [
                    {"name": s.name, "fingerprint": s.fingerprint, "added_on": str(s.added_on)}
                    for s in signers
                ],
            }
        )
        return EXIT_OK
    print(f"This library signs with the public key\n  {own.hex()}\nfingerprint {fingerprint(own)}")
    print("\nTrusted colleagues:" if signers else "\nNo colleague's key is trusted yet.")
    for s in signers:
        print(f"  {visible(s.name)}  {s.fingerprint}  (added {s.added_on})")
    return EXIT_OK


def run_trust(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Trust a key; compare the fingerprint printed with the one the colleague reads out."""
    from desktop_app.core.trust import TrustService  # noqa: PLC0415 - on use

    library = open_for_writing(paths)
    try:
        added = TrustService(library, getpass.getuser()).trust(args.name, args.key)
    finally:
        library.close()
    print(
        f"trusted {visible(added.name)}: fingerprint {added.fingerprint}; check it with them "
        "over the phone"
    )
    return EXIT_OK


def run_untrust(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Stop trusting a key."""
    from desktop_app.core.trust import TrustService  # noqa: PLC0415 - on use

    library = open_for_writing(paths)
    try:
        gone = TrustService(library, getpass.getuser()).untrust(args.fingerprint)
    finally:
        library.close()
    print(f"no longer trusted: {visible(gone.name)} ({gone.fingerprint})")
    return EXIT_OK
