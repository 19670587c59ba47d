"""Names made comparable: one script, one case, no punctuation, no legal form, with sound keys.

A name is transliterated to Latin letters — Cyrillic by ICU's BGN/PCGN romanization of Russian,
the system the US lists spell Russian names in ("Якубец" → "Yakubets"), every other script by
normality's ICU transliteration (Arabic, Greek, Chinese…) — folded to lower case, its
apostrophes dropped and other punctuation turned into spaces, and its legal form removed
(OpenSanctions' rigour knows the organisation types of many countries: "Co Ltd", "Company
Limited", "OOO", "AO", "GmbH", "JSC"…). What is left is split into tokens, each
with a phonetic key (jellyfish's metaphone), so "Mohammed" and "Muhammad" agree by sound.

Arabic and Hebrew script write no short vowels: "محمود" transliterates to "mhmwd" for
"Mahmoud". A name written in them is marked (`NameForm.abjad`) and its tokens compared by
their consonant `outlines` as well (with and without a joined article: "الحسيني", "alhsyny").
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
from rigour.text.normalize import Cleanup, Normalize

MAX_NAME = 300
"""Characters of a name that are compared; a longer text is cut there (no list name is longer)."""
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`ʹʺʼʻ’‘\u02bf\u02be?]")  # "?": a letter ascii_text could not spell
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
"""Hebrew and Arabic script (Arabic, Persian, Urdu…): written without their short vowels."""
_NOT_OUTLINE = re.compile(r"[aeiouwy]")
_FOLDED = Normalize.CASEFOLD | Normalize.NFKD
AYN = "3"
"""ʿayn (ع) in a name written in Arabic script: a consonant there, a vowel in Latin spellings."""
_BGN = icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII")
_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "la", "le", "des", "du", "del", "al"})


@dataclass(frozen=True)
class NameForm:
    """A name ready to compare: its tokens, their sound keys, and the letters run together."""

    original: str
    tokens: tuple[str, ...]
    sounds: tuple[str, ...]
    abjad: bool = False
    """Written in a script without short vowels: its tokens are compared by `outline` too."""

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
    abjad = bool(_ABJAD.search(text))
    native = remove_org_types(text).strip() or text  # "акционерное общество" in its own script
    latin = _latin(native)
    if abjad:  # ʿayn, which ascii_text spells "?", kept as Arabizi writes it: "علي" "3ly"
        latin = latin.replace("?", AYN)
    plain = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", latin)).strip()
    core = _NOT_WORD.sub(" ", _without_org_types(plain)).strip() or plain
    tokens = tuple(t for t in core.split() if t not in _STOPWORDS) or tuple(core.split())
    return NameForm(name, tokens, tuple(sound(t) for t in tokens), abjad)


@lru_cache(maxsize=65_536)
def outline(token: str) -> str:
    """The consonants of a token as a script without short vowels writes them, each run once.

    Arabic script writes "Mahmoud" محمود, which transliterates to "mhmwd", and drops the
    leading ʿayn of "Abbas" (عباس, "bas"); without the vowels (and w and y after the first
    letter, which stand for long vowels there) both sides read "mhmd" and "bs"; a first w or y
    is a consonant ("Yusuf" "ysf", "Walid" "wld"). Digits and mixed tokens are kept whole.
    """
    if not token.replace(AYN, "a").isalpha():
        return token
    first = token[0] if token[0] in "wy" + AYN else ""
    bare = first + _NOT_OUTLINE.sub("", token[len(first) :])
    return "".join(c for i, c in enumerate(bare) if i == 0 or c != bare[i - 1])


def outlines(token: str) -> frozenset[str]:
    """The token's outline, and also without a joined Arabic article ("alhsyny": "lhsn", "hsn").

    Arabic script writes the article joined to its word, so "الحسيني" is one token; but a name
    may begin with those letters too (الهام, "Elham"), so both readings are kept. A Latin word
    that begins with a vowel may begin with an ʿayn in Arabic script ("Ali" علي, "3ly"), so it
    also reads with one ("3l").
    """
    found = {outline(token)}
    if token.startswith("al") and len(token) > 4:
        found.add(outline(token[2:]))
    if token[:1] in "aeiou" and token.isalpha():  # "Ali", "Attia": perhaps an ʿayn ("3ly")
        found.add(AYN + outline(token).lstrip(AYN))
    return frozenset(found)


@lru_cache(maxsize=65_536)
def sound(token: str) -> str:
    """The token's metaphone key (the token itself for digits and one-letter tokens)."""
    if len(token) < 2 or not token.isalpha():
        return token
    return jellyfish.metaphone(token) or token


def _without_org_types(plain: str) -> str:
    """``plain`` without its legal form, whichever way its щ is romanized.

    rigour knows "obshchestvo" (BGN/PCGN's щ) but not "obschestvo", which many lists and
    registers write; a name with "sch" and no "shch" is tried both ways and the one that loses
    more of its legal form kept, with its own spelling back.
    """
    removed = _latin_org_types(plain)
    if "sch" not in plain or "shch" in plain:
        return removed
    other = _latin_org_types(plain.replace("sch", "shch"))
    return other.replace("shch", "sch") if len(other) < len(removed) else removed


def _latin_org_types(plain: str) -> str:
    """``plain`` (lower-case ASCII) without the legal forms rigour knows, accents folded.

    Matched against rigour's table with its accents decomposed and its punctuation cleaned, so
    "societe anonyme" and "s a de c v" (from "Société Anonyme", "S.A. de C.V.") are known; but
    only at the start or end of the name, where a legal form stands ("Ivan S A Petrov" keeps
    its initials).
    """
    folded = remove_org_types(plain, normalize_flags=_FOLDED, cleanup=Cleanup.Strong).strip()
    if plain.startswith(folded) or plain.endswith(folded):
        return folded
    return remove_org_types(plain)  # what it took was inside the name: "Ivan S A Petrov"


def _latin(text: str) -> str:
    """``text`` in lower-case Latin letters; what cannot be transliterated is dropped."""
    folded = unicodedata.normalize("NFKC", text)
    if _CYRILLIC.search(folded):
        folded = _BGN.transliterate(folded)
    return (ascii_text(folded) or "").lower().replace("&", " and ")
