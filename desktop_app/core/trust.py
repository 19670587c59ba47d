"""Adding and removing the colleagues a library trusts to sign bundles; one audited setting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop_app.core.drafts import Setting
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.signatures import (
    MAX_NAME,
    TRUSTED_SETTING,
    TrustedSigner,
    fingerprint,
    read_public_key,
    signers_of,
    stored,
)
from desktop_app.errors import NotFoundError, ValidationError


class TrustService:
    """The trusted-signers list of one library."""

    def __init__(self, store: Store, actor: str, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._actor = actor
        self._today = today

    def trust(self, name: str, public_key_text: str) -> TrustedSigner:
        """Trust a colleague's key under ``name``; refused when the key or the name is listed."""
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise ValidationError({"name": f"Name the colleague (1 to {MAX_NAME} characters)."})
        raw = read_public_key(public_key_text)
        added = TrustedSigner(name, raw.hex(), self._today())
        with self._store.transaction(self._actor) as tx:
            signers = _signers(tx)
            for s in signers:
                if s.public_key == added.public_key:
                    raise ValidationError({"public_key": f"That key is trusted as {s.name}."})
                if s.name.casefold() == name.casefold():
                    raise ValidationError({"name": f"{s.name} is trusted with another key."})
            _store(tx, (*signers, added))
        return added

    def untrust(self, fingerprint_text: str) -> TrustedSigner:
        """Stop trusting the key with this fingerprint (spaces and case do not matter)."""
        wanted = "".join(fingerprint_text.split()).upper()
        with self._store.transaction(self._actor) as tx:
            signers = _signers(tx)
            found = [s for s in signers if "".join(s.fingerprint.split()) == wanted]
            if not found:
                raise NotFoundError(f"No trusted key has the fingerprint {fingerprint_text}.")
            _store(tx, tuple(s for s in signers if s is not found[0]))
        return found[0]


def trusted(tx: UnitOfWork) -> tuple[TrustedSigner, ...]:
    """The signers a library trusts (read inside a transaction)."""
    return _signers(tx)


def signer_named(signers: tuple[TrustedSigner, ...], public: bytes) -> TrustedSigner | None:
    """The trusted signer with this public key, or None."""
    return next((s for s in signers if s.public_key == public.hex()), None)


def _signers(tx: UnitOfWork) -> tuple[TrustedSigner, ...]:
    setting = tx.find_setting(TRUSTED_SETTING)
    return signers_of(setting.value if setting else None)


def _store(tx: UnitOfWork, signers: tuple[TrustedSigner, ...]) -> None:
    setting = tx.find_setting(TRUSTED_SETTING)
    value = stored(signers)
    if setting is None:
        tx.insert(Setting(TRUSTED_SETTING, value))
    else:
        tx.update(Setting(TRUSTED_SETTING, value, setting.id))


__all__ = ["TrustService", "fingerprint", "signer_named", "trusted"]
