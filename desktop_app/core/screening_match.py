"""Screening one name against an edition: every alias scored, each hit explained.

Candidates come from an index of every alias's tokens, their sound keys, their first and last
four letters (a typo leaves one of the two), and adjacent tokens run together (a joined or split
word). Each candidate alias is then compared token by token: the same token, a token that sounds
the same, one spelled nearly the same (Jaro-Winkler), an abbreviation ("Intl" in
"International") or an initial. Tokens are weighted by how rare they are on the list, so
"Kunlun" counts for much more than "Bank". The score is how much of the screened name the
alignment explains and, with less weight, how much of the alias; words split or joined
("Hua Wei", "Huawei") are compared with their letters run together (rapidfuzz). Country and type
agreement move it a little. A hit names the alias, the score and these features.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from desktop_app.core.screening_lists import ListEntry
from desktop_app.core.screening_names import NameForm, name_form, outlines, sound

QUERY_SHARE = 0.7
"""How much of the score is the share of the screened name explained; the rest is the alias's.
A listed name often carries words the party's name leaves out ("Technology", "Group")."""
THRESHOLD = 84.0
"""The default score from which a hit is a potential match (figures: docs/benchmarks.md)."""
CANDIDATES = 150
"""How many of the best-indexed aliases are scored exactly for one name."""
_BUSY = 4000
"""A key held by more aliases than this says little (e.g. "company"); it is looked up only when
the name has nothing rarer."""
_SAME, _SOUND, _SPELLED, _SHORT, _INITIAL = 1.0, 0.92, 0.88, 0.85, 0.7
_OUTLINE_TWO, _OUTLINE = 0.88, 0.92
"""The similarity of two words that agree by their outline (`outline`) alone: two consonants
("bs" ~ "Abbas") say less than three or more ("mhmwd" ~ "Mahmoud"); one does not count."""
_UNSEEN = 30
_VOWELS = re.compile(r"[aeiouwy]")


@dataclass(frozen=True)
class TokenMatch:
    """How one token of the name met one token of the alias."""

    query: str
    alias: str
    how: str
    """"same", "sounds alike", "spelled alike", "same consonants", "same outline", "abbreviation",
    "initial" or "split or joined"."""
    similarity: float


@dataclass(frozen=True)
class Features:
    """Why a hit scored what it did."""

    tokens: tuple[TokenMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_alias: tuple[str, ...]
    joined_similarity: float
    country: str
    """"agrees", "differs" or "unknown"."""
    kind: str
    """"agrees", "differs" or "unknown"."""

    def sentences(self) -> list[str]:
        """The features in words, for the window, the memo and the command line."""
        said = [f"{t.query} ~ {t.alias} ({t.how})" for t in self.tokens]
        if self.unmatched_query:
            said.append("not in the listed name: " + ", ".join(self.unmatched_query))
        if self.unmatched_alias:
            said.append("not in the name screened: " + ", ".join(self.unmatched_alias))
        said.append(f"letters run together: {self.joined_similarity:.0f}% alike")
        said.append(f"country {self.country}; type {self.kind}")
        return said


@dataclass(frozen=True)
class Hit:
    """A list entry that may be the party screened, through its best-matching alias."""

    entry: ListEntry
    alias: str
    score: float
    features: Features


@dataclass(frozen=True)
class _Alias:
    entry: int
    name: str
    form: NameForm


class Screener:
    """An index of every alias of an edition's entries, and the scoring of one name against it."""

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.entries = tuple(entries)
        self._aliases: list[_Alias] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._token_count: dict[str, int] = defaultdict(int)
        for number, entry in enumerate(self.entries):
            for name in entry.names:
                form = name_form(name)
                if form.empty:
                    continue
                alias = len(self._aliases)
                self._aliases.append(_Alias(number, name, form))
                for key in set(_keys(form, with_outlines=True)):
                    self._postings[key].append(alias)
                for token in set(form.tokens):
                    self._token_count[token] += 1
        self._total = max(len(self._aliases), 1)
        self._weights: dict[str, float] = {}

    def screen(
        self,
        name: str,
        country: str | None = None,
        kind: str | None = None,
        threshold: float = THRESHOLD,
    ) -> list[Hit]:
        """The entries whose best alias scores ``threshold`` or more, best first."""
        form = name_form(name)
        if len(form.joined) < 2:  # nothing, one letter, or only punctuation: nothing to find
            return []
        best: dict[int, Hit] = {}
        for alias in self._candidates(form):
            candidate = self._aliases[alias]
            entry = self.entries[candidate.entry]
            hit = self._score(form, candidate, entry, country, kind)
            if hit.score >= threshold and (
                candidate.entry not in best or hit.score > best[candidate.entry].score
            ):
                best[candidate.entry] = hit
        return sorted(best.values(), key=lambda h: (-h.score, h.entry.key))

    def weight(self, token: str) -> float:
        """How much a token says: rare tokens much, common ones little (squared IDF).

        A word no alias has (a typo, a word of the party's own) weighs as a word a few dozen
        aliases have: enough to count, not enough to outweigh the words that agree.
        """
        found = self._weights.get(token)
        if found is None:
            seen = self._token_count.get(token, 0) or _UNSEEN
            found = self._weights[token] = math.log(1 + self._total / (1 + seen)) ** 2
        return found

    def _candidates(self, form: NameForm) -> list[int]:
        keys = set(_keys(form, with_outlines=form.abjad))
        rare = [k for k in keys if 0 < len(self._postings.get(k, ())) <= _BUSY]
        used = rare or [k for k in keys if k in self._postings]
        votes: dict[int, float] = defaultdict(float)
        for key in used:
            postings = self._postings[key]
            gain = math.log(1 + self._total / len(postings))
            for alias in postings:
                votes[alias] += gain
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        return [alias for alias, _vote in ranked[:CANDIDATES]]

    def _score(
        self,
        form: NameForm,
        candidate: _Alias,
        entry: ListEntry,
        country: str | None,
        kind: str | None,
    ) -> Hit:
        form, listed = _rejoined(form, candidate.form), _rejoined(candidate.form, form)
        matches, left_query, left_alias = _align(form, listed)
        if left_query and left_alias:  # a word split or joined: "Hua Wei" for "Huawei"
            chunk = _chunk(left_query, left_alias)
            if chunk is not None:
                matches.append(chunk)
                left_query, left_alias = (), ()
        explained_query = self._explained(form.tokens, matches, side=0)
        explained_alias = self._explained(listed.tokens, matches, side=1)
        country_says = _country(country, entry.countries)
        kind_says = _kind(kind, entry.kind)
        score = 100 * (QUERY_SHARE * explained_query + (1 - QUERY_SHARE) * explained_alias)
        score += {"agrees": 2.0, "differs": -6.0}.get(country_says, 0.0)
        score += {"differs": -12.0}.get(kind_says, 0.0)
        features = Features(
            tokens=tuple(matches),
            unmatched_query=left_query,
            unmatched_alias=left_alias,
            joined_similarity=fuzz.ratio(form.joined, candidate.form.joined),
            country=country_says,
            kind=kind_says,
        )
        return Hit(entry, candidate.name, round(min(score, 100.0), 1), features)

    def _explained(
        self, tokens: tuple[str, ...], matches: Iterable[TokenMatch], side: int
    ) -> float:
        """The share of ``tokens``' weight the matches explain (side 0: the query's)."""
        total = sum(self.weight(t) for t in tokens) or 1.0
        met = sum(
            sum(self.weight(t) for t in (m.alias if side else m.query).split()) * m.similarity
            for m in matches
        )
        return min(met / total, 1.0)


def _keys(form: NameForm, *, with_outlines: bool) -> Iterable[str]:
    """The index keys of a name: tokens, sounds, four-letter ends, adjacent tokens joined.

    With ``with_outlines``, also each token's consonant outlines (of two letters or more): every
    listed alias is indexed by them, and a name written without short vowels looks them up.
    """
    for token, said in zip(form.tokens, form.sounds, strict=True):
        yield f"t:{token}"
        yield f"s:{said}"
        if len(token) >= 6:
            yield f"p:{token[:4]}"
            yield f"e:{token[-4:]}"
        if with_outlines:
            yield from (f"o:{bones}" for bones in outlines(token) if len(bones) >= 2)
    for first, second in zip(form.tokens, form.tokens[1:], strict=False):
        yield f"t:{first}{second}"
    if len(form.tokens) > 1:
        yield f"t:{form.joined}"


def _align(
    query: NameForm, alias: NameForm
) -> tuple[list[TokenMatch], tuple[str, ...], tuple[str, ...]]:
    """Pair each query token with at most one alias token, best pairs first."""
    pairs = []
    abjad = query.abjad or alias.abjad
    for i, (q, qs) in enumerate(zip(query.tokens, query.sounds, strict=True)):
        for j, (a, as_) in enumerate(zip(alias.tokens, alias.sounds, strict=True)):
            found = _token_match(q, qs, a, as_, abjad)
            if found is not None:
                pairs.append((found.similarity, i, j, found))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: set[int] = set()
    used_a: set[int] = set()
    matches = []
    for _sim, i, j, found in pairs:
        if i not in used_q and j not in used_a:
            used_q.add(i)
            used_a.add(j)
            matches.append(found)
    left_q = tuple(t for i, t in enumerate(query.tokens) if i not in used_q)
    left_a = tuple(t for j, t in enumerate(alias.tokens) if j not in used_a)
    return matches, left_q, left_a


@lru_cache(maxsize=262_144)
def _token_match(
    q: str, q_sound: str, a: str, a_sound: str, abjad: bool = False
) -> TokenMatch | None:
    """How two tokens agree, if they do (``abjad``: one side was written without vowels)."""
    if q == a:
        return TokenMatch(q, a, "same", _SAME)
    found = _latin_match(q, q_sound, a, a_sound)
    if not abjad:
        return found
    shared = outlines(q) & outlines(a)
    bones = max(shared, key=len, default="")
    if len(bones) < 2:  # one consonant ("ly") says too little: "Ali", but "Leo" and "Ola" too
        return found
    weight = _OUTLINE_TWO if len(bones) == 2 else _OUTLINE
    if found is not None and found.similarity >= weight:
        return found
    return TokenMatch(q, a, "same outline", weight)


def _latin_match(q: str, q_sound: str, a: str, a_sound: str) -> TokenMatch | None:
    """How two tokens written in letters with their vowels agree, if they do."""
    short, long_ = (q, a) if len(q) < len(a) else (a, q)
    if len(short) == 1:
        return TokenMatch(q, a, "initial", _INITIAL) if long_.startswith(short) else None
    if len(short) <= 3 and len(long_) <= 4:  # "TGA" is not "TGG", nor "Tako"
        return _short_alike(q, q_sound, a, a_sound)
    return _alike(q, q_sound, a, a_sound) or _shortened(q, a, short, long_)


def _alike(q: str, q_sound: str, a: str, a_sound: str) -> TokenMatch | None:
    """Two words that sound, or are spelled, nearly the same."""
    shortest = min(len(q), len(a))
    if shortest >= 3:
        similar = jellyfish.jaro_winkler_similarity(q, a)
        if q_sound == a_sound and similar >= (0.75 if shortest > 5 else 0.85):  # not sappi~spii
            return TokenMatch(q, a, "sounds alike", _SOUND)
        if similar >= 0.9 and (q[0] == a[0] or shortest > 4):  # "ali" is not "wali"
            return TokenMatch(q, a, "spelled alike", _SPELLED * similar)
        edits = jellyfish.damerau_levenshtein_distance(q, a)
        if (edits == 1 and shortest >= 4) or (edits == 2 and shortest >= 7):
            return TokenMatch(q, a, "spelled alike", _SPELLED - 0.04 * edits)
    bones = _skeleton(q)
    if shortest >= 4 and len(bones) >= 3 and bones == _skeleton(a):  # "mnswr" ~ "mansur"
        return TokenMatch(q, a, "same consonants", _SHORT)
    return None


def _short_alike(q: str, q_sound: str, a: str, a_sound: str) -> TokenMatch | None:
    """Two short words spelled two ways for one sound: "Nur"/"Noor", "Isa"/"Issa", "Abu"/"Abou".

    Only doubled letters and the digraphs "oo" and "ou" (for u) and "ee" (for i) may differ,
    so "Tom" is not "Tim", "Dan" not "Dean", "Ali" not "Ala", nor "TGA" "TGG"; the sounds must
    agree too.
    """
    if q_sound != a_sound or not (q.isalpha() and a.isalpha()):
        return None
    if _spelling(q) != _spelling(a):
        return None
    return TokenMatch(q, a, "sounds alike", _SPELLED)


def _spelling(token: str) -> str:
    plain = token.replace("oo", "u").replace("ou", "u").replace("ee", "i")
    return "".join(c for i, c in enumerate(plain) if i == 0 or c != plain[i - 1])


def _shortened(q: str, a: str, short: str, long_: str) -> TokenMatch | None:
    """An abbreviation: the short word's letters, in order, in the long one ("intl")."""
    abbreviated = short[0] == long_[0] and len(long_) >= len(short) + 2
    if abbreviated and _subsequence(short, long_):
        return TokenMatch(q, a, "abbreviation", _SHORT)
    return None


@lru_cache(maxsize=65_536)
def _skeleton(token: str) -> str:
    """The token's consonants after its first letter, each once, as Arabic script writes them.

    A leading "al" (the Arabic article, written joined: "alhsyny" for "al-Husseini") is dropped.
    """
    word = token[2:] if token.startswith("al") and len(token) > 5 else token
    rest = _VOWELS.sub("", word[1:])
    return word[:1] + "".join(c for i, c in enumerate(rest) if i == 0 or c != rest[i - 1])


def _rejoined(form: NameForm, other: NameForm) -> NameForm:
    """``form`` with two or three adjacent tokens run together where ``other`` has them as one."""
    words = set(other.tokens)
    if words.isdisjoint(_runs(form.tokens)):  # most pairs: nothing to join
        return form
    tokens: list[str] = []
    at = 0
    while at < len(form.tokens):
        width = next(
            (
                w
                for w in (3, 2)
                if at + w <= len(form.tokens) and "".join(form.tokens[at : at + w]) in words
            ),
            1,
        )
        tokens.append("".join(form.tokens[at : at + width]))
        at += width
    if len(tokens) == len(form.tokens):
        return form
    return NameForm(form.original, tuple(tokens), tuple(sound(t) for t in tokens), form.abjad)


@lru_cache(maxsize=131_072)
def _runs(tokens: tuple[str, ...]) -> frozenset[str]:
    """Every two and three adjacent tokens run together."""
    pairs = ("".join(tokens[at : at + 2]) for at in range(len(tokens) - 1))
    triples = ("".join(tokens[at : at + 3]) for at in range(len(tokens) - 2))
    return frozenset((*pairs, *triples))


def _chunk(query: tuple[str, ...], alias: tuple[str, ...]) -> TokenMatch | None:
    """The tokens left on both sides as one match when they differ only by their spaces."""
    joined_query, joined_alias = "".join(query), "".join(alias)
    similar = fuzz.ratio(joined_query, joined_alias) / 100
    if similar < 0.9 or min(len(joined_query), len(joined_alias)) < 4:
        return None
    return TokenMatch(" ".join(query), " ".join(alias), "split or joined", _SPELLED * similar)


def _subsequence(short: str, long_: str) -> bool:
    letters = iter(long_)
    return all(letter in letters for letter in short)


def _country(given: str | None, listed: tuple[str, ...]) -> str:
    if not given or not listed:
        return "unknown"
    return "agrees" if given.upper() in listed else "differs"


def _kind(given: str | None, listed: str) -> str:
    if not given or not listed:
        return "unknown"
    return "agrees" if given.casefold() == listed.casefold() else "differs"
