"""Screening one name against the shipped edition: found through variants, each hit explained.

A listed name is found written in another word order, with its legal form changed or dropped,
in Cyrillic, with a typo, with its words joined or split; the hit names the alias that matched,
the score and the features behind it, with the entry's list fields. Real names that are not
listed find nothing, and no input — empty, one letter, 10,000 characters, punctuation only,
mixed scripts, every naughty string — raises.
"""

from __future__ import annotations

import pytest

from desktop_app.core.screening_lists import ListEntry
from desktop_app.core.screening_match import Screener, _token_match
from desktop_app.core.screening_names import name_form, outline, outlines, sound
from desktop_app.screening import shipped_edition


@pytest.fixture(scope="module")
def screener() -> Screener:
    """The shipped edition, indexed once for the module (about two seconds)."""
    return Screener(shipped_edition()[1].entries)


def _best(screener: Screener, name: str, **given: str) -> tuple[str, str, float]:
    hits = screener.screen(name, given.get("country"), given.get("kind"))
    assert hits, f"{name!r} found nothing"
    return hits[0].entry.name, hits[0].alias, hits[0].score


def test_the_listed_name_is_found_with_its_list_fields(screener: Screener) -> None:
    [hit] = screener.screen("Bank of Kunlun", "CN", "Entity")
    assert hit.entry.name == "BANK OF KUNLUN CO LTD"
    assert hit.entry.list_code == "CAP"
    assert hit.alias == "BANK OF KUNLUN CO LTD"
    assert hit.score == 100.0
    assert hit.features.country == "agrees"
    assert {t.how for t in hit.features.tokens} == {"same"}


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Kunlun Bank", "BANK OF KUNLUN CO LTD"),  # word order, "of" and the legal form
        ("Bank of Kunlun Company Limited", "BANK OF KUNLUN CO LTD"),  # legal form spelled out
        ("Bank of Kunlunn", "BANK OF KUNLUN CO LTD"),  # a doubled letter
        ("Rosoboron export", "ROSOBORONEXPORT"),  # a word split
    ],
)
def test_variants_of_a_listed_name_are_found(screener: Screener, query: str, listed: str) -> None:
    name, alias, _score = _best(screener, query)
    assert listed in (name.upper(), alias.upper()) or alias.upper().startswith(listed)


def test_a_cyrillic_name_is_found_through_its_transliteration(screener: Screener) -> None:
    hits = screener.screen("Алмаз-Антей", "RU")
    assert hits
    assert all("almaz-antey" in h.alias.lower() for h in hits)
    said = {(t.query, t.alias) for t in hits[0].features.tokens}
    assert said == {("almaz", "almaz"), ("antey", "antey")}  # BGN/PCGN spells it as the list
    assert hits[0].entry.list_code == "EL"
    assert hits[0].entry.license_requirement


def test_a_hit_names_what_differs(screener: Screener) -> None:
    [hit, *_rest] = screener.screen("Huawei")
    assert hit.entry.name.startswith("Huawei")
    assert hit.features.unmatched_alias  # "technology": in the listed name only
    assert "not in the name screened" in " ".join(hit.features.sentences())


@pytest.mark.parametrize(
    "name",
    ["Microsoft Corporation", "Siemens AG", "John Smith", "Toyota Motor Corp"],
)
def test_real_unlisted_names_find_nothing(screener: Screener, name: str) -> None:
    assert screener.screen(name) == []


def test_a_common_name_finds_only_entries_that_hold_all_of_it(screener: Screener) -> None:
    hits = screener.screen("Mohammad Ali")  # listed persons named Ali Mohammad <surname>
    assert hits
    for hit in hits:
        assert {t.alias for t in hit.features.tokens} >= {"mohammad", "ali"}
        assert hit.features.unmatched_query == ()


def test_a_contrary_type_lowers_the_score(screener: Screener) -> None:
    as_entity = screener.screen("Bank of Kunlun", kind="Entity", threshold=0)[0].score
    as_person = screener.screen("Bank of Kunlun", kind="Individual", threshold=0)[0].score
    assert as_person < as_entity


@pytest.mark.parametrize(
    "name",
    ["", " ", "a", "!!!", "—", "x" * 10_000, "Bank 銀行 Банк بنك", "\u200b\u200b", "💥" * 50],
)
def test_odd_input_raises_nothing_and_finds_little(screener: Screener, name: str) -> None:
    hits = screener.screen(name)
    assert len(hits) <= 3
    if len(name.strip(" !—\u200b")) <= 1:
        assert hits == []


@pytest.mark.exhaustive
def test_every_naughty_string_is_screened_without_an_exception(
    screener: Screener, blns: list[str]
) -> None:
    for text in blns:
        for hit in screener.screen(text):
            assert 0 < hit.score <= 100


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("جمال حسن", "Jamal Hasan"),  # "jmal hsn": no short vowels
        ("وائل الحسيني", "Wael AL-HUSSEINI"),  # the article joined to its word
        ("علي عادل دياب", "DIAB, Ali Adel"),  # the ʿayn of "Ali" and "Adel" written
        ("عباس حسين حرب", "HARB, Abbas Hussein"),  # the leading ʿayn of "Abbas" not written
    ],
)
def test_a_name_in_arabic_script_is_found_by_its_outline(
    screener: Screener, written: str, listed: str
) -> None:
    hits = screener.screen(written)
    assert listed in [h.entry.name for h in hits]
    [hit] = [h for h in hits if h.entry.name == listed]
    assert "same outline" in {t.how for t in hit.features.tokens}


def test_a_name_beginning_like_the_article_is_read_both_ways() -> None:
    assert name_form("وائل الحسيني").abjad
    assert not name_form("Wael al-Husseini").abjad
    assert {"lhsn", "hsn"} <= outlines("alhsyny")  # الحسيني: al-Husseini
    assert "lhm" in outlines("alham")  # الهام: Elham, not "ham"


@pytest.mark.parametrize(
    ("token", "bones"),
    [
        ("mahmoud", "mhmd"),
        ("mhmwd", "mhmd"),
        ("abbas", "bs"),
        ("yusuf", "ysf"),  # a first y or w is a consonant
        ("walid", "wld"),
        ("3ly", "3l"),  # علي, its ʿayn kept
        ("4e091", "4e091"),
    ],
)
def test_an_outline_keeps_the_consonants_once(token: str, bones: str) -> None:
    assert outline(token) == bones


def test_outlines_count_only_for_a_name_written_without_vowels() -> None:
    assert _token_match("3ly", "3ly", "ali", "AL", True) is not None  # "علي" ~ "Ali"
    assert _token_match("3ly", "3ly", "ali", "AL", False) is None  # not between Latin names
    assert _token_match("3ly", "3ly", "leo", "L", True) is None  # Leo has no ʿayn
    assert _token_match("mhmd", "MHMT", "mahdi", "MHT", True) is None  # outlines differ
    assert _token_match("ly", "L", "ali", "AL", True) is None  # one consonant says too little


@pytest.fixture(scope="module")
def small() -> Screener:
    """A few listed names that a careless rule would confuse with others."""
    names = ["Asif Khan", "Lido Khan", "Leo Khan", "Tim Cook", "Elham Hosseini", "Ivan Petrov"]
    names += ["Yusuf Khan", "يوسف خان"]
    return Screener([ListEntry(f"SDN:{n}", "SDN", "SDN", name) for n, name in enumerate(names)])


@pytest.mark.parametrize(
    ("screened", "found"),
    [
        ("يوسف خان", {"Yusuf Khan", "يوسف خان"}),  # not Asif Khan
        ("وليد خان", set()),  # Walid is not Lido
        ("علي خان", set()),  # Ali is not Leo
        ("Asif Khan", {"Asif Khan"}),  # nor is Asif the listed يوسف
        ("Tom Cook", set()),  # not Tim Cook
        ("الهام حسيني", {"Elham Hosseini"}),  # her first name begins like the article
        ("Ivan S A Petrov", {"Ivan Petrov"}),  # his initials are not a legal form: still found
    ],
)
def test_close_names_are_told_apart(small: Screener, screened: str, found: set[str]) -> None:
    assert {h.entry.name for h in small.screen(screened)} == found


def test_initials_inside_a_name_are_not_a_legal_form() -> None:
    assert name_form("Ivan S A Petrov").tokens == ("ivan", "s", "a", "petrov")


@pytest.mark.parametrize(
    ("one", "other", "alike"),
    [
        ("nur", "noor", True),
        ("isa", "issa", True),
        ("abu", "abou", True),
        ("tga", "tgg", False),
        ("ali", "ala", False),
        ("tom", "tim", False),  # metaphone drops the inner vowel; the spelling does not
        ("dan", "dean", False),
        ("amr", "amir", False),
    ],
)
def test_short_words_agree_when_only_a_doubled_letter_or_a_vowel_digraph_differs(
    one: str, other: str, alike: bool
) -> None:
    found = _token_match(one, sound(one), other, sound(other))
    assert (found is not None) == alike, found


@pytest.mark.parametrize(
    "name",
    [
        "OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU REGION COMFORT",
        "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU REGION COMFORT",
    ],
)
def test_a_russian_legal_form_is_removed_however_its_shch_is_spelled(name: str) -> None:
    assert name_form(name).tokens == ("region", "comfort")


def test_sch_outside_a_legal_form_keeps_its_spelling() -> None:
    assert name_form("Schmidt Schiffahrt GmbH").tokens == ("schmidt", "schiffahrt")


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Illumove Societe Anonyme", ("illumove",)),
        ("Illumove Société Anonyme", ("illumove",)),
        ("Roco del Pacifico, S.A. de C.V.", ("roco", "pacifico")),
        ("Societe Generale", ("societe", "generale")),  # not a legal form on its own
    ],
)
def test_a_legal_form_is_removed_with_or_without_its_accents(
    name: str, tokens: tuple[str, ...]
) -> None:
    assert name_form(name).tokens == tokens
