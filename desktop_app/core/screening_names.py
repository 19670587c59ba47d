"""Names made comparable: one script, one case, no punctuation, no legal form, with sound keys.

A name is transliterated to Latin letters — Cyrillic by ICU's BGN/PCGN romanization of Russian,
the system the US lists spell Russian names in ("Якубец" → "Yakubets"), every other script by
normality's ICU transliteration (Arabic, Greek, Chinese…) — folded to lower case, its
apostrophes dropped and other punctuation turned into spaces, and its legal form removed
(OpenSanctions' rigour knows the organisation types of many countries: "Co Ltd", "Company
Limited", "OOO", "AO", "GmbH", "JSC"…). What is left is split into tokens, each
with a phonetic key (jellyfish's metaphone), so "Mohammed" and "Muhammad" agree by sound.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import icu
import jellyfish
from normality import ascii_text
from rigour.names import remove_org_types

MAX_NAME = 300
"""Characters of a name that are compared; a longer text is cut there (no list name is longer)."""
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`ʹʺʼʻ’‘\u02bf\u02be?]")  # "?": a letter ascii_text could not spell
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_BGN = icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII")
_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "la", "le", "des", "du", "del", "al"})


@dataclass(frozen=True)
class NameForm:
    """A name ready to compare: its tokens, their sound keys, and the letters run together."""

    original: str
    tokens: tuple[str, ...]
    sounds: tuple[str, ...]

    @property
    def text(self) -> str:
        """The tokens joined by spaces."""
        return " ".join(self.tokens)

    @property
    def joined(self) -> str:
        """The letters with no spaces ("Hua Wei" and "Huawei" run together the same)."""
        return "".join(self.tokens)

    @property
    def empty(self) -> bool:
        """True when nothing comparable is left (only punctuation, or nothing at all)."""
        return not self.tokens


@lru_cache(maxsize=65_536)
def name_form(name: str) -> NameForm:
    """The comparable form of ``name`` (cached: list names are formed once per process)."""
    text = unicodedata.normalize("NFKC", name[:MAX_NAME]).lower()
    native = remove_org_types(text).strip() or text  # "акционерное общество" in its own script
    plain = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", _latin(native))).strip()
    core = _NOT_WORD.sub(" ", remove_org_types(plain)).strip() or plain
    tokens = tuple(t for t in core.split() if t not in _STOPWORDS) or tuple(core.split())
    return NameForm(name, tokens, tuple(sound(t) for t in tokens))


@lru_cache(maxsize=65_536)
def sound(token: str) -> str:
    """The token's metaphone key (the token itself for digits and one-letter tokens)."""
    if len(token) < 2 or not token.isalpha():
        return token
    return jellyfish.metaphone(token) or token


def _latin(text: str) -> str:
    """``text`` in lower-case Latin letters; what cannot be transliterated is dropped."""
    folded = unicodedata.normalize("NFKC", text)
    if _CYRILLIC.search(folded):
        folded = _BGN.transliterate(folded)
    return (ascii_text(folded) or "").lower().replace("&", " and ")
