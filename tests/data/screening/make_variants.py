#!/usr/bin/env python3
"""Generate labelled variants of names on the US Consolidated Screening List (CSL).

Seeded and reproducible: the same list file, seed and quota give byte-identical output.

    python make_variants.py                      # defaults below
    python make_variants.py --list PATH --out variants.jsonl --seed 20260801 --per-kind 400

Needs Python 3.11 and rapidfuzz.  If /usr/share/dict/american-english exists (Debian package
`wamerican`) it is used to keep English words out of the Cyrillic transliterations; without it
fewer entity names qualify for Cyrillic and the output differs.

Each output line:
  query    the variant a user might type
  entry    index of the entry in screening-list.json `entries` (0-based)
  name     the listed name or alias string the variant derives from
  kind     typo | order | legal_form | translit | tokens
  subkind  the concrete transformation (see README)
  country  ISO-2 (first address country of the entry) or null
  type     entity | individual
  n, source, e   the entry's listed name, source-list name and entity number (for re-matching
           against a later edition by name + source)
  also     other entry indices that list the same name (same normalised token set): a matcher
           that returns one of them is also right
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LIST = "/work/shared/reference/screening-list.json"
KINDS = ["typo", "order", "legal_form", "translit", "tokens"]

# share of each kind's quota per source list (by short code); CAP has a single entry
LIST_SHARE = {
    "SDN": 150, "EL": 90, "DPL": 25, "DTC": 25, "SSI": 22, "UVL": 20, "ISN": 18,
    "MEU": 12, "CMIC": 12, "PLC": 12, "NS-MBS": 12, "CAP": 2,
}

# --------------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------------
SPECIAL_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D",
                              "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'",
                        "`": "'", "–": "-", "—": "-", "\u00a0": " "})


def fold(s: str) -> str:
    s = s.translate(SPECIAL_FOLD)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s: str) -> str:
    s = fold(s.translate(QUOTES)).lower().replace("'", "")
    s = re.sub(r"[^\w]+", " ", s, flags=re.UNICODE).replace("_", " ")
    return " ".join(s.split())


def sortkey(s: str) -> str:
    return " ".join(sorted(norm(s).split()))


def letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def core(tok: str) -> str:
    """Token without surrounding punctuation."""
    return tok.strip(".,;:()[]\"'!?")


def recase(new: str, like: str) -> str:
    """Give `new` the case pattern of `like` (upper / title / lower)."""
    c = core(like)
    if not c:
        return new
    if c.isupper() and len([x for x in c if x.isalpha()]) > 1:
        return new.upper()
    if c.islower():
        return new.lower()
    if c[0].isupper():
        return new[:1].upper() + new[1:]
    return new


SMALL_WORDS = {"of", "the", "and", "for", "de", "del", "la", "van", "von", "y", "in", "at", "on", "to", "s", "ve"}
ACRONYMS = {"llc", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "oao", "zao", "pao", "ao", "too", "fze", "fzco", "fzc",
            "plc", "llp", "ag", "sa", "bv", "nv", "srl", "sarl", "pvt", "pte", "cv", "sdn", "bhd", "gmbh", "usa",
            "uk", "uae", "hk", "tv", "it", "ооо", "оао", "зао", "пао", "ао", "тоо", "нао", "нпо", "нпп", "нии",
            "кб", "окб", "тд", "фгуп", "гуп", "ип", "тов", "сп", "цнии", "ниц"}
LAT_CYR_VOWELS = set("aeiouyаеёиоуыэюяіїє")


def _title_word(w: str, first: bool) -> str:
    m = re.match(r"^([^\w]*)(.*?)([^\w]*)$", w, flags=re.UNICODE)
    pre, body, post = m.groups()
    if not body:
        return w
    parts = re.split(r"([-/.])", body)
    out = []
    for k, part in enumerate(parts):
        if not part or part in "-/.":
            out.append(part)
            continue
        low = part.lower()
        if low == "gmbh":
            out.append("GmbH")
        elif low in ACRONYMS or any(c.isdigit() for c in part) or (
                part.isupper() and not (set(low) & LAT_CYR_VOWELS) and len(part) > 1):
            out.append(part.upper() if low != "gmbh" else "GmbH")
        elif low in SMALL_WORDS and not (first and k == 0):
            out.append(low)
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return pre + "".join(out) + post


def title_case(s: str) -> str:
    return " ".join(_title_word(w, i == 0) for i, w in enumerate(s.split(" ")))


def apply_case(s: str, style: str) -> str:
    if style == "title":
        return title_case(s)
    if style == "lower":
        return s.lower()
    if style == "upper":
        return s.upper()
    return s


def load_words() -> set[str]:
    for p in ("/usr/share/dict/american-english", "/usr/share/dict/words"):
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="ignore") as f:
                return {w.strip() for w in f if w.strip().islower() and len(w.strip()) >= 3 and "'" not in w}
    return set()


ENGLISH = load_words()


def load_all_words() -> set[str]:
    for p in ("/usr/share/dict/american-english", "/usr/share/dict/words"):
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="ignore") as f:
                return {w.strip().lower() for w in f if len(w.strip()) >= 3 and "'" not in w}
    return set()


ENGLISH_ALL = load_all_words()

# --------------------------------------------------------------------------------------------
# vocabularies
# --------------------------------------------------------------------------------------------
STOP = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "da", "di", "in", "at", "on", "&",
        "a", "an", "to", "y", "e", "et", "und", "van", "von", "al", "el", "bin", "ibn"}
LEGAL_TOKENS = {"co", "company", "ltd", "limited", "llc", "inc", "incorporated", "corp", "corporation",
                "gmbh", "ag", "sa", "srl", "sarl", "bv", "nv", "plc", "llp", "lp", "pte", "pvt", "private",
                "sdn", "bhd", "fze", "fzco", "fzc", "fz", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "oao", "zao",
                "pao", "ao", "too", "nao", "as", "sti", "kft", "sro", "spa", "oy", "ab", "cv", "tov", "fgup",
                "fsue", "gup", "mup", "pt", "sas", "llc.", "ltda", "sad", "ead", "ood", "doo", "jsco", "ojsc.",
                "eood", "ad", "zrt", "nyrt", "bt", "aps", "sia", "uab", "prat", "pat", "se", "kg", "ohg", "sl", "slu",
                "sac", "eirl", "ca", "scs", "sc", "sae", "wll", "spc", "saog", "saoc", "qsc", "psc", "pjsc.", "tbk",
                "jsc.", "sdn.", "bhd.", "s.a.", "a.s.", "d.o.o.", "s.r.o.", "sp", "zoo", "sro", "as.", "oü", "ou",
                "kk", "yk", "gk", "ltd.,", "inc.,", "corp.,", "est.", "co.,", "llp.,", "fze.", "fzco.", "l.l.c"}
ORG_WORDS = LEGAL_TOKENS | {
    "group", "holding", "holdings", "trading", "trade", "industries", "industry", "industrial", "international",
    "intl", "technology", "technologies", "tech", "electronics", "electronic", "engineering", "enterprise",
    "enterprises", "services", "service", "systems", "system", "solutions", "logistics", "shipping", "bank",
    "bureau", "institute", "university", "academy", "center", "centre", "organization", "organisation",
    "ministry", "department", "agency", "authority", "council", "committee", "office", "association",
    "foundation", "fund", "factory", "plant", "works", "laboratory", "laboratories", "research", "development",
    "import", "export", "manufacturing", "machinery", "equipment", "aviation", "aerospace", "airlines",
    "airline", "air", "marine", "maritime", "petroleum", "oil", "gas", "energy", "chemical", "chemicals",
    "pharmaceutical", "medical", "supply", "supplies", "store", "shop", "market", "network", "communication",
    "communications", "telecom", "media", "global", "general", "construction", "design", "consulting",
    "investment", "investments", "capital", "finance", "financial", "exchange", "partners", "brigade",
    "battalion", "army", "forces", "force", "corps", "guard", "front", "party", "movement", "union",
    "federation", "society", "cartel", "militia", "ltd.", "co.", "inc.", "corp.", "obshchestvo",
    "aktsionernoe", "otvetstvennostyu", "ogranichennoi", "ogranichennoy", "zavod", "kombinat", "nauchno",
    "proizvodstvennoe", "predpriyatie", "kontsern", "tsentr", "firma", "concern", "sanat", "sanaye",
    "tejarat", "sherkat", "mining", "metals", "metal", "steel", "motors", "motor", "parts", "components",
    "devices", "instruments", "precision", "optics", "optical", "software", "semiconductor", "materials",
    "exports", "imports", "bureau", "school", "college", "hospital", "club", "radio", "television", "press",
    "publishing", "agro", "foods", "food", "textile", "textiles", "shipyard", "port", "airport", "transport",
    "transportation", "travel", "tours", "tourism", "hotel", "real", "estate", "properties", "property",
    "insurance", "securities", "brokerage", "cooperative", "commercial", "business", "corporate", "ventures",
    "venture", "studio", "agencies", "distribution", "distributors", "wholesale", "retail", "operations",
    "project", "projects", "command", "regiment", "division", "directorate", "administration", "court",
    "commission", "government", "republic", "state", "national", "federal", "municipal", "regional",
    "foundation", "charity", "charitable", "relief", "development", "welfare", "mosque", "church", "brotherhood",
    "establishment", "est", "est.", "sons", "bros", "brothers", "associates", "partnership", "llp.", "vessel",
    "lines", "line", "navigation", "tanker", "tankers", "petrochemical", "refinery", "exploration", "drilling", "it",
}
# words that carry no identifying power on their own (used to decide whether a shortened name still names a party)
GENERIC = STOP | ORG_WORDS | {
    "china", "chinese", "russia", "russian", "iran", "iranian", "hong", "kong", "beijing", "shanghai", "shenzhen",
    "guangzhou", "new", "first", "united", "world", "asia", "middle", "east", "west", "north", "south", "central",
    "pacific", "euro", "europe", "star", "sun", "golden", "royal", "best", "top", "smart", "digital", "power",
    "science", "sciences", "scientific", "control", "products", "product", "co", "ltd", "city", "province",
    "african", "american", "asian", "european", "arab", "arabian", "gulf", "persian", "african", "korea",
    "korean", "india", "indian", "turkish", "emirates", "dubai", "resource", "resources", "joint", "stock",
    "public", "open", "closed", "liability", "sole", "proprietorship", "new", "modern", "advanced", "future",
}
CN_PLACES = {
    "beijing", "shanghai", "shenzhen", "guangzhou", "tianjin", "chongqing", "wuhan", "chengdu", "hangzhou",
    "nanjing", "xian", "xi'an", "suzhou", "wuxi", "shenyang", "harbin", "changsha", "zhengzhou", "jinan",
    "qingdao", "dalian", "xiamen", "hefei", "fuzhou", "ningbo", "dongguan", "foshan", "kunming", "nanchang",
    "changzhou", "zhuhai", "shaanxi", "shanxi", "hunan", "hubei", "henan", "hebei", "jiangsu", "zhejiang",
    "guangdong", "sichuan", "fujian", "shandong", "anhui", "jiangxi", "liaoning", "jilin", "heilongjiang",
    "yunnan", "guizhou", "gansu", "hainan", "xinjiang", "guangxi", "ningxia", "qinghai", "mianyang", "baoding",
    "luoyang", "zhuzhou", "taiyuan", "lanzhou", "nanning", "guiyang", "shijiazhuang", "yantai", "weihai",
    "zibo", "tangshan", "baotou", "xiangtan", "zhongshan", "huizhou", "shantou", "jiaxing", "wenzhou",
    "shaoxing", "nantong", "yangzhou", "xuzhou", "lianyungang", "changchun", "hohhot", "urumqi", "lhasa",
}
GENERIC |= CN_PLACES
CN_SURNAMES = set("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren
yao shen zhong cui tan fan liao shi jin jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei
long tao gu mao hao gong shao wan qian dai mo kong xiang chang kang mei niu zhan ou ning""".split())

# QWERTY neighbours for substitution typos
KEYB = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
    "p": "ol", "a": "qsz", "s": "adwx", "d": "sfec", "f": "dgrv", "g": "fhtb", "h": "gjyn", "j": "hkun",
    "k": "jlim", "l": "kop", "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm",
    "m": "njk",
}
VOWELS = set("aeiou")

# --------------------------------------------------------------------------------------------
# legal forms
# --------------------------------------------------------------------------------------------
# class -> (match keys (simplified token tuples), display surfaces)
LEGAL_CLASSES = {
    "CO_LTD": ([("co", "ltd"), ("company", "limited"), ("co", "limited"), ("company", "ltd")],
               ["Co., Ltd.", "Co. Ltd", "Co Ltd", "Company Limited", "Co., Limited"]),
    "CORP_LTD": ([("corporation", "limited"), ("corp", "ltd"), ("corporation", "ltd")],
                 ["Corporation Limited", "Corp. Ltd.", "Corp Ltd"]),
    "PTE_LTD": ([("pte", "ltd"), ("pte", "limited")], ["Pte. Ltd.", "Pte Ltd", "Private Limited"]),
    "PVT_LTD": ([("pvt", "ltd"), ("private", "limited"), ("pvt", "limited")],
                ["Pvt. Ltd.", "Pvt Ltd", "Private Limited"]),
    "SDN_BHD": ([("sdn", "bhd"), ("sendirian", "berhad")], ["Sdn. Bhd.", "Sdn Bhd", "Sendirian Berhad"]),
    "SA_DE_CV": ([("sa", "de", "cv"), ("sociedad", "anonima", "de", "capital", "variable")],
                 ["S.A. de C.V.", "SA de CV", "Sociedad Anonima de Capital Variable"]),
    "LTD_STI": ([("ltd", "sti"), ("limited", "sirketi"), ("ltd", "sti.")], ["Ltd. Sti.", "Ltd Sti", "Limited Sirketi"]),
    "FZ_LLC": ([("fz", "llc"), ("fzllc",)], ["FZ-LLC", "FZ LLC"]),
    "PJSC": ([("pjsc",), ("pao",), ("public", "joint", "stock", "company"), ("publichnoe", "aktsionernoe", "obshchestvo")],
             ["PJSC", "PAO", "Public Joint Stock Company", "Public Joint-Stock Company"]),
    "OJSC": ([("ojsc",), ("oao",), ("open", "joint", "stock", "company"), ("otkrytoe", "aktsionernoe", "obshchestvo")],
             ["OJSC", "OAO", "Open Joint Stock Company", "Open Joint-Stock Company"]),
    "CJSC": ([("cjsc",), ("zao",), ("closed", "joint", "stock", "company"), ("zakrytoe", "aktsionernoe", "obshchestvo")],
             ["CJSC", "ZAO", "Closed Joint Stock Company", "Closed Joint-Stock Company"]),
    "JSC": ([("jsc",), ("ao",), ("joint", "stock", "company"), ("aktsionernoe", "obshchestvo"), ("jsco",)],
            ["JSC", "AO", "Joint Stock Company", "Joint-Stock Company"]),
    "OOO": ([("ooo",), ("obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"),
             ("obshchestvo", "s", "ogranichennoy", "otvetstvennostyu")],
            ["OOO", "LLC", "Limited Liability Company", "L.L.C."]),
    "LLC": ([("llc",), ("limited", "liability", "company")], ["LLC", "L.L.C.", "Limited Liability Company"]),
    "LLP": ([("llp",), ("limited", "liability", "partnership")], ["LLP", "Limited Liability Partnership"]),
    "TOO": ([("too",)], ["TOO", "LLP"]),
    "PLC": ([("plc",), ("public", "limited", "company")], ["PLC", "Plc", "Public Limited Company"]),
    "FZE": ([("fze",), ("free", "zone", "establishment")], ["FZE", "Free Zone Establishment"]),
    "FZCO": ([("fzco",), ("free", "zone", "company")], ["FZCO", "Free Zone Company"]),
    "GMBH": ([("gmbh",), ("gesellschaft", "mit", "beschrankter", "haftung")], ["GmbH", "G.m.b.H."]),
    "AG": ([("ag",), ("aktiengesellschaft",)], ["AG", "Aktiengesellschaft"]),
    "SA": ([("sa",), ("sociedad", "anonima"), ("societe", "anonyme")], ["S.A.", "SA"]),
    "SRL": ([("srl",)], ["S.R.L.", "SRL"]),
    "SARL": ([("sarl",)], ["S.A.R.L.", "SARL"]),
    "BV": ([("bv",)], ["B.V.", "BV"]),
    "NV": ([("nv",)], ["N.V.", "NV"]),
    "AS_TR": ([("as",), ("anonim", "sirketi")], ["A.S.", "AS", "Anonim Sirketi"]),
    "INC": ([("inc",), ("incorporated",)], ["Inc.", "Inc", "Incorporated"]),
    "CORP": ([("corp",), ("corporation",)], ["Corp.", "Corp", "Corporation"]),
    "LTD": ([("ltd",), ("limited",)], ["Ltd.", "Ltd", "Limited"]),
    "CO": ([("co",), ("company",)], ["Co.", "Co", "Company"]),
}
PREFIX_CLASSES = {"PJSC", "OJSC", "CJSC", "JSC", "OOO", "LLC", "TOO"}
RU_LIKE = {"RU", "BY", "KZ", "UA", "KG", "TJ", "UZ", "AM", "AZ", "GE", "MD", "TM"}
LF_MATCH = []  # (tuple, class) longest first
for cls, (keys, _) in LEGAL_CLASSES.items():
    for k in keys:
        LF_MATCH.append((k, cls))
LF_MATCH.sort(key=lambda x: -len(x[0]))


def simp(tok: str) -> str:
    return fold(core(tok)).lower().replace(".", "").replace("-", "")


def find_legal(tokens: list[str], country: str | None):
    """Return (where, start, end, cls) of a legal form at the end ('suf') or the start ('pre')."""
    st = [simp(t) for t in tokens]
    # allow hyphenated 'Joint-Stock'
    expanded = []
    for i, t in enumerate(tokens):
        parts = fold(core(t)).lower().replace(".", "").split("-")
        expanded.append(parts)
    for key, cls in LF_MATCH:
        n = len(key)
        # suffix
        if len(tokens) > n and tuple(st[-n:]) == key:
            return ("suf", len(tokens) - n, len(tokens), _ru_cls(cls, country))
        if len(tokens) > n and cls in PREFIX_CLASSES and tuple(st[:n]) == key:
            return ("pre", 0, n, _ru_cls(cls, country))
    # hyphenated joint-stock forms (e.g. 'Public Joint-Stock Company')
    flat, owner = [], []
    for i, parts in enumerate(expanded):
        for p in parts:
            flat.append(p)
            owner.append(i)
    for key, cls in LF_MATCH:
        n = len(key)
        if len(flat) > n and tuple(flat[-n:]) == key and owner[-n] != owner[-1]:
            s = owner[-n]
            if s > 0:
                return ("suf", s, len(tokens), _ru_cls(cls, country))
        if len(flat) > n and cls in PREFIX_CLASSES and tuple(flat[:n]) == key and owner[n - 1] < len(tokens) - 1:
            return ("pre", 0, owner[n - 1] + 1, _ru_cls(cls, country))
    return None


def _ru_cls(cls: str, country: str | None) -> str:
    if cls == "LLC" and country in RU_LIKE:
        return "OOO"
    if cls == "AS_TR" and country != "TR":
        return "AS_OTHER"
    return cls


LEGAL_CLASSES["AS_OTHER"] = ([("as",)], ["AS", "A.S."])


def lf_surfaces(cls: str, country: str | None) -> list[str]:
    surf = list(LEGAL_CLASSES[cls][1])
    if cls == "SA":
        if country in {"FR", "BE", "CH", "LU", "MA", "TN", "DZ", "SN", "CI", "LB"}:
            surf.append("Societe Anonyme")
        elif country in {"ES", "MX", "AR", "CO", "VE", "PE", "CL", "EC", "BO", "PY", "UY", "GT", "HN", "NI",
                         "SV", "CR", "PA", "DO", "CU"}:
            surf.append("Sociedad Anonima")
    if cls == "JSC" and country in RU_LIKE:
        surf.append("Aktsionernoe Obshchestvo")
    return surf


# --------------------------------------------------------------------------------------------
# list loading and entry typing
# --------------------------------------------------------------------------------------------
SOURCE_CODE = {}


def code_of(source_name: str) -> str:
    m = re.search(r"\(([A-Z\- ]+?)(?: List)?\)", source_name)
    return m.group(1).strip() if m else source_name


COUNTRY_FIX = {"TURKIYE": "TR", "UK": "GB"}


def norm_countries(cs):
    out = []
    for c in cs or []:
        c = COUNTRY_FIX.get(c.upper(), c.upper())
        if re.fullmatch(r"[A-Z]{2}", c):
            out.append(c)
    return out


def load_list(path: str):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    sources = d["tables"]["sources"]
    entries = []
    for i, e in enumerate(d["entries"]):
        entries.append({
            "idx": i, "n": e["n"], "a": e.get("a") or [], "source": sources[e["s"]],
            "code": code_of(sources[e["s"]]), "t": e.get("t"), "c": norm_countries(e.get("c")),
            "e": e.get("e"),
        })
    return entries


def build_token_stats(entries):
    person, ent = Counter(), Counter()
    for e in entries:
        strings = [e["n"]] + e["a"]
        if e["t"] == "Individual":
            for s in strings[:1]:
                for t in norm(s).split():
                    person[t] += 1
        elif e["t"] in ("Entity", "Vessel", "Aircraft"):
            for s in strings:
                for t in norm(s).split():
                    ent[t] += 1
    return person, ent


GIVEN_NAMES: set[str] = set()


def build_given_names(entries):
    """Given names: the name-frequency lists in sources/names.tsv plus first given names of listed individuals."""
    p = os.path.join(HERE, "sources", "names.tsv")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) == 4 and f[1] == "given":
                for w in norm(f[3]).split():
                    if len(w) >= 3:
                        GIVEN_NAMES.add(w)
    c = Counter()
    for e in entries:
        if e["t"] == "Individual" and "," in e["n"]:
            g = norm(e["n"].split(",", 1)[1]).split()
            if g:
                c[g[0]] += 1
    GIVEN_NAMES.update(w for w, k in c.items() if k >= 3 and len(w) >= 3 and w not in ORG_WORDS)


def classify(e, person, ent):
    t = e["t"]
    if t == "Entity":
        return "entity"
    if t == "Individual":
        return "individual"
    if t in ("Vessel", "Aircraft"):
        return None
    name = e["n"]
    toks = norm(name).split()
    raw = name.split()
    if not toks:
        return None
    if any(x in ORG_WORDS for x in toks) or re.search(r"[\d&\"“”«»]", name) or len(toks) > 6:
        return "entity"
    if len(toks) == 1:
        return "entity" if e["code"] in ("EL", "UVL", "MEU", "ISN", "DPL") else None
    sy = [x for t in name.split() for x in norm(t.replace("-", " ")).split()]
    if (2 <= len(raw) <= 3 and all(x in PINYIN or pinyin_split(x) for x in sy) and len(sy) <= 4
            and (toks[0] in CN_SURNAMES or toks[-1] in CN_SURNAMES)):
        return "individual"
    core_toks = [x for x in toks if len(x) > 1 and x not in {"jr", "sr", "ii", "iii", "iv"}]
    if not 2 <= len(core_toks) <= 5:
        return None
    known = [x for x in core_toks if person[x] + ent[x] > 0]
    ps = [(person[x] + 0.5) / (person[x] + ent[x] + 1.0) for x in known]
    pscore = sum(ps) / len(ps) if ps else 0.5
    first_given = core_toks[0] in GIVEN_NAMES or (len(core_toks) >= 2 and toks[0] in CN_SURNAMES
                                                  and core_toks[1] in GIVEN_NAMES)
    if e["code"] in ("DPL", "DTC", "ISN"):
        if first_given or pscore >= 0.45:
            return "individual"
        if pscore < 0.3:
            return "entity"
        return None
    if len(core_toks) <= 4 and len(known) == len(core_toks) and min(ps) >= 0.6 and pscore >= 0.75:
        return "individual"
    if first_given and len(core_toks) <= 4 and pscore >= 0.4:
        return "individual"
    if pscore < 0.5:
        return "entity"
    return None


BAD_SOURCE = re.compile(r"successor|subsidiar|a\.k\.a|f\.k\.a|formerly|affiliated|\bsee\b|[;:]|\bet al\b|branch of|"
                        r"\b(?:ltd|inc|llc|corp)\.?,? and\b|,\s*and\b|\baka\b|a/k/a", re.I)


def usable_string(s: str) -> bool:
    if letters(s) < 4 or len(s) > 80 or BAD_SOURCE.search(s):
        return False
    if re.search(r"[^\x00-\x7f“”’–—]", s):  # Latin/ASCII names only (plus typographic quotes)
        return False
    for m in re.finditer(r"\(([^)]*)\)", s):
        inner = m.group(1)
        if len(inner.split()) > 4 or re.search(r"national|citizen|born|dob|passport|aka|individual", inner, re.I):
            return False
    if s.count("(") != s.count(")") or s.count('"') % 2:
        return False
    return True


# --------------------------------------------------------------------------------------------
# person names
# --------------------------------------------------------------------------------------------
def parse_person(name: str, country: str | None):
    """-> dict(given=[...], surname=[...], style=comma|caps_tail|plain|surname_first) or None"""
    s = " ".join(name.translate(QUOTES).split())
    if "," in s:
        a, b = s.split(",", 1)
        sur, giv = a.split(), b.split()
        if sur and giv and "," not in b:
            return {"given": giv, "surname": sur, "style": "comma"}
        return None
    toks = s.split()
    if len(toks) < 2:
        return None
    mixed = any(any(c.islower() for c in t) for t in toks)
    if mixed:
        # trailing ALL-CAPS tokens are the surname (PLC / SDN style "Mohammed Saleh TUTAH")
        k = len(toks)
        while k > 0 and core(toks[k - 1]).isupper() and letters(toks[k - 1]) > 1:
            k -= 1
        if 0 < k < len(toks):
            return {"given": toks[:k], "surname": toks[k:], "style": "caps_tail"}
    low = [norm(t) for t in toks]
    if (len(toks) in (2, 3) and low[0] in CN_SURNAMES and low[-1] not in CN_SURNAMES
            and (country in (None, "CN", "HK", "TW", "MO", "SG"))):
        return {"given": toks[1:], "surname": toks[:1], "style": "surname_first"}
    return {"given": toks[:-1], "surname": toks[-1:], "style": "plain"}


def render_person(p, style=None) -> str:
    style = style or p["style"]
    g, s = " ".join(p["given"]), " ".join(p["surname"])
    if style == "comma":
        return f"{s}, {g}"
    if style == "surname_first":
        return f"{s} {g}"
    return f"{g} {s}"


# --------------------------------------------------------------------------------------------
# typo
# --------------------------------------------------------------------------------------------
def _typo_token(tok: str, rng: random.Random):
    idx = [i for i, c in enumerate(tok) if c.isalpha()]
    if len(idx) < 4:
        return None
    ops = ["transpose", "delete", "double", "substitute", "substitute"]
    if re.search(r"([A-Za-z])\1", tok):
        ops.append("undouble")
        ops.append("undouble")
    rng.shuffle(ops)
    for op in ops:
        if op == "transpose":
            cand = [i for i in idx[1:-1] if i + 1 < len(tok) and tok[i + 1].isalpha() and tok[i] != tok[i + 1]]
            if not cand:
                continue
            i = rng.choice(cand)
            a, b = tok[i], tok[i + 1]
            if a.isupper() == b.isupper():
                return tok[:i] + b + a + tok[i + 2:], op
        elif op == "delete":
            cand = [i for i in idx[1:]]
            i = rng.choice(cand)
            return tok[:i] + tok[i + 1:], op
        elif op == "double":
            i = rng.choice(idx[1:])
            return tok[:i] + tok[i] + tok[i:], op
        elif op == "undouble":
            m = [mm.start() for mm in re.finditer(r"([A-Za-z])\1", tok)]
            if m:
                i = rng.choice(m)
                return tok[:i] + tok[i + 1:], op
        elif op == "substitute":
            i = rng.choice(idx[1:])
            c = tok[i]
            nb = KEYB.get(c.lower())
            if not nb:
                continue
            r = rng.choice(nb)
            r = r.upper() if c.isupper() else r
            return tok[:i] + r + tok[i + 1:], op
    return None


def gen_typo(src: str, etype: str, rng: random.Random, ctx):
    toks = src.split(" ")
    ok = [i for i, t in enumerate(toks)
          if letters(t) >= 5 and core(t).isalpha() and simp(t) not in LEGAL_TOKENS and simp(t) not in STOP
          and simp(t) not in {"joint", "stock", "public", "open", "closed", "limited", "liability", "company",
                              "obshchestvo", "aktsionernoe", "otvetstvennostyu", "ogranichennoi", "ogranichennoy"}
          and (set(simp(t)) & VOWELS)]
    cand = [i for i in ok if simp(toks[i]) not in GENERIC] or ok
    if not cand or letters(src) < 6:
        return None
    n = 2 if (letters(src) >= 14 and len(cand) >= 2 and rng.random() < 0.5) else 1
    picks = rng.sample(cand, n)
    ops = []
    for i in picks:
        r = _typo_token(toks[i], rng)
        if not r:
            return None
        toks[i], op = r
        ops.append(op)
    out = " ".join(toks)
    if norm(out) == norm(src):
        return None
    return out, "+".join(ops)


# --------------------------------------------------------------------------------------------
# order
# --------------------------------------------------------------------------------------------
OF_HEADS = {"bank", "institute", "academy", "university", "corporation", "company", "ministry", "organization",
            "organisation", "council", "group", "federation", "union", "office", "bureau", "center", "centre",
            "agency", "committee", "chamber", "association", "port", "college", "school", "society", "fund",
            "foundation", "museum", "authority", "commission", "directorate", "department", "embassy", "court"}
MOVABLE_ORG = {"concern", "bank", "kontsern", "firma"}


def gen_order(src: str, etype: str, rng: random.Random, ctx):
    country = ctx["country"]
    if etype == "individual":
        p = parse_person(src, country)
        if not p or len(p["given"]) + len(p["surname"]) < 2:
            return None
        st = p["style"]
        if st == "comma":
            style = "plain" if rng.random() < 0.75 else "surname_first"
            out = render_person(p, style)
            sub = "surname_last" if style == "plain" else "surname_first_no_comma"
        elif st == "surname_first":
            out = render_person(p, "plain")
            sub = "surname_last"
        else:
            if rng.random() < 0.6:
                out = render_person(p, "surname_first")
                sub = "surname_first"
            else:
                out = render_person(p, "comma")
                sub = "surname_first_comma"
        if norm(out) == norm(src):
            return None
        return out, sub
    s = " ".join(src.translate(QUOTES).split())
    toks = s.split(" ")
    opts = []
    # (a) legal form prefix <-> suffix (Russian-style forms)
    lf = find_legal([t.rstrip(",") for t in toks], country)
    if (lf and lf[3] in PREFIX_CLASSES | {"OOO"} and (country in RU_LIKE or lf[3] not in {"LLC"})
            and not any(simp(t) in LEGAL_TOKENS for t in (toks[lf[2]:] if lf[0] == "pre" else toks[:lf[1]]))):
        where, a, b, cls = lf
        if where == "pre":
            body = " ".join(toks[b:])
            lfs = " ".join(toks[a:b])
            opts.append((f"{body} {lfs}", "legal_form_to_end"))
            if len(lfs) <= 5:
                opts.append((f"{body}, {lfs}", "legal_form_to_end_comma"))
        else:
            body = " ".join(toks[:a]).rstrip(",")
            lfs = " ".join(toks[a:b])
            opts.append((f"{lfs} {body}", "legal_form_to_front"))
    # (b) "Bank of X" -> "X Bank"
    low = [simp(t) for t in toks]
    if "of" in low:
        i = low.index("of")
        head = toks[:i]
        rest = toks[i + 1:]
        lfx = find_legal(rest, country)
        tail, lft = (rest[:lfx[1]], rest[lfx[1]:]) if lfx and lfx[0] == "suf" else (rest, [])
        hl = [simp(t) for t in head if simp(t) != "the"]
        if (len(hl) == 1 and hl[-1] in OF_HEADS and 1 <= len(tail) <= 2 and "of" not in [simp(t) for t in tail]
                and simp(tail[0]) not in {"companies", "the", "a"}):
            h = [t for t in head if simp(t) != "the"]
            tail_s = " ".join(tail).rstrip(",")
            out = " ".join([tail_s] + h + lft)
            opts.append((out, "of_inversion"))
    # (c) Chinese place prefix -> "(Place)" before legal suffix, and back
    lf2 = find_legal(toks, country)
    if len(toks) >= 3 and simp(toks[0]) in CN_PLACES and lf2 and lf2[0] == "suf" and lf2[1] >= 2:
        place = core(toks[0])
        body = toks[1:lf2[1]]
        out = " ".join(body).rstrip(",") + f" ({place}) " + " ".join(toks[lf2[1]:])
        opts.append((out, "place_to_parenthesis"))
    m = re.match(r"^(.*?)\s*\(([A-Za-z' ]+)\)\s*(.*)$", s)
    if m and simp(m.group(2).replace(" ", "")) in {p.replace("'", "") for p in CN_PLACES} | {"hongkong"}:
        out = f"{m.group(2)} {m.group(1)} {m.group(3)}".strip()
        opts.append((" ".join(out.split()), "place_to_front"))
    # (d) "Bank Melli" <-> "Melli Bank", "Concern X" <-> "X Concern" (two- and three-word names)
    if len(toks) == 2 and not lf2:
        if simp(toks[0]) in MOVABLE_ORG and simp(toks[1]) not in STOP:
            opts.append((" ".join(toks[1:] + [toks[0]]), "org_word_to_end"))
        elif simp(toks[-1]) in MOVABLE_ORG and simp(toks[-2]) not in STOP:
            opts.append((" ".join([toks[-1]] + toks[:-1]), "org_word_to_front"))

    def tokset(x):
        return sorted(t for t in norm(x).split() if t not in ("of", "the"))
    opts = [(o, sub) for o, sub in opts if norm(o) != norm(src) and tokset(o) == tokset(src)]
    if not opts:
        return None
    return rng.choice(opts)


# --------------------------------------------------------------------------------------------
# legal form
# --------------------------------------------------------------------------------------------
COMMERCIAL = {"trading", "trade", "technology", "technologies", "tech", "electronics", "electronic", "industrial",
              "industries", "industry", "import", "export", "logistics", "shipping", "engineering", "machinery",
              "equipment", "international", "intl", "group", "services", "systems", "solutions", "development",
              "investment", "investments", "supply", "supplies", "marine", "petroleum", "energy", "chemical",
              "chemicals", "construction", "manufacturing", "enterprise", "enterprises", "components", "materials",
              "aviation", "aerospace", "optics", "optical", "devices", "instruments", "semiconductor", "software",
              "networks", "network", "precision", "metal", "metals", "steel", "plastics", "motor", "motors", "parts",
              "electric", "electrical", "general", "commercial", "holding", "holdings", "transport", "oil", "gas",
              "exchange", "tours", "travel", "foods", "textile", "mining", "lines", "agro", "media", "digital",
              "science", "scientific", "control", "products", "automation", "telecom", "communication",
              "communications", "power", "capital", "ventures", "consulting", "design", "studio", "express",
              "cargo", "freight", "distribution", "wholesale", "company"}
NONCOMMERCIAL = {"institute", "university", "academy", "ministry", "bureau", "army", "guard", "brigade", "party",
                 "foundation", "corps", "forces", "force", "front", "movement", "organization", "organisation",
                 "committee", "council", "directorate", "department", "school", "college", "hospital", "charity",
                 "commission", "government", "militia", "battalion", "regiment", "command", "center", "centre",
                 "laboratory", "laboratories", "research", "fund", "cartel", "society", "union", "agency",
                 "office", "cooperation", "trust", "mission", "embassy", "bureau", "authority", "institution",
                 "brotherhood", "jamaat", "hizballah", "hamas", "network", "association", "federation", "club",
                 "mosque", "church", "relief", "charity", "charitable", "welfare", "humanitarian", "front",
                 "dvizhenie", "partiya", "soyuz", "armiya", "brigada", "batalon", "fond", "fund", "organizatsiya",
                 "obshchina", "sovet", "upravlenie", "sluzhba", "ministerstvo", "komitet", "shtab", "polk"}


def default_lf(country: str | None, rng: random.Random):
    table = {
        "CN": ["Co., Ltd.", "Co. Ltd", "Company Limited"], "HK": ["Limited", "Co., Ltd.", "Ltd"],
        "TW": ["Co., Ltd."], "MO": ["Ltd"], "RU": ["LLC", "OOO", "JSC", "AO"], "BY": ["LLC", "OOO", "JSC"],
        "KZ": ["LLP", "TOO", "JSC"], "UA": ["LLC", "PJSC"], "AE": ["LLC", "FZE", "FZCO"], "IR": ["Co.", "Company"],
        "US": ["Inc.", "LLC", "Corp."], "CA": ["Inc.", "Ltd."], "DE": ["GmbH"], "AT": ["GmbH"], "CH": ["AG", "GmbH"],
        "GB": ["Ltd", "Limited", "PLC"], "TR": ["A.S.", "Ltd. Sti."], "SG": ["Pte. Ltd.", "Pte Ltd"],
        "MY": ["Sdn. Bhd."], "IN": ["Pvt. Ltd.", "Private Limited"], "PK": ["Pvt. Ltd."],
        "MX": ["S.A. de C.V."], "ES": ["S.A."], "FR": ["SARL", "S.A."], "IT": ["S.R.L."], "NL": ["B.V."],
    }
    return rng.choice(table.get(country, ["Ltd", "Co.", "Limited"]))


def distinctive(tokens) -> list[str]:
    out = []
    for t in tokens:
        c = norm(t)
        for w in c.split():
            if len(w) >= 3 and w not in GENERIC and not w.isdigit():
                out.append(w)
    return out


def gen_legal_form(src: str, etype: str, rng: random.Random, ctx):
    if etype != "entity":
        return None
    country = ctx["country"]
    s = " ".join(src.translate(QUOTES).split())
    toks = s.split(" ")
    clean = [t.rstrip(",") if i < len(toks) - 1 else t for i, t in enumerate(toks)]
    lf = find_legal(clean, country)
    low = set(norm(s).split())
    if lf:
        where, a, b, cls = lf
        body_toks = toks[b:] if where == "pre" else toks[:a]
        body = " ".join(body_toks).rstrip(",")
        if not distinctive(body_toks):
            return None
        cur = " ".join(toks[a:b])
        cur_key = tuple(simp(t) for t in cur.replace("-", " ").split())
        surfaces = [x for x in lf_surfaces(cls, country)
                    if tuple(simp(t) for t in x.replace("-", " ").split()) != cur_key
                    and norm(x) != norm(cur)]
        opts = []
        for x in surfaces:
            x = recase(x, cur) if core(cur).isupper() and len(core(cur)) > 2 or cur.isupper() else x
            if where == "pre":
                opts.append((f"{x} {body}", f"{cls}:alt_form"))
            else:
                sep = ", " if toks[a - 1].endswith(",") else " "
                opts.append((f"{body}{sep}{x}", f"{cls}:alt_form"))
        drop_ok = letters(body) >= 6 and any(len(w) >= 4 for w in distinctive(body_toks))
        if not opts and not drop_ok:
            return None
        if drop_ok and (not opts or rng.random() < 0.35):
            out, sub = body, f"{cls}:dropped"
        else:
            out, sub = rng.choice(opts)
    else:
        if low & NONCOMMERCIAL or not (low & COMMERCIAL or (len(low) <= 3 and country in {"CN", "HK", "AE", "RU", "TR", "IR"})):
            return None
        if (not distinctive(toks) or s.rstrip().endswith((")", '"', "'")) or simp(toks[-1]) in LEGAL_TOKENS
                or re.search(r"\d", s)):
            return None
        x = default_lf(country, rng)
        if s.isupper():
            x = x.upper()
        out, sub = f"{s} {x}", "added"
    if norm(out) == norm(src):
        return None
    return out, sub


# --------------------------------------------------------------------------------------------
# tokens
# --------------------------------------------------------------------------------------------
ABBREV = {
    "international": ["Intl", "Int'l"], "technology": ["Tech"], "technologies": ["Tech", "Techs"],
    "industries": ["Inds"], "industrial": ["Indl"], "engineering": ["Eng", "Engg"], "electronics": ["Elec"],
    "manufacturing": ["Mfg"], "development": ["Dev"], "services": ["Svcs"], "science": ["Sci"],
    "sciences": ["Sci"], "scientific": ["Sci"], "research": ["Res"], "institute": ["Inst"], "university": ["Univ"],
    "management": ["Mgmt"], "association": ["Assn"], "department": ["Dept"], "brothers": ["Bros"],
    "equipment": ["Equip"], "investment": ["Inv"], "investments": ["Invest"], "holdings": ["Hldgs"],
    "national": ["Natl"], "road": ["Rd"], "street": ["St"], "drive": ["Dr"], "avenue": ["Ave"],
    "building": ["Bldg"], "chemical": ["Chem"], "chemicals": ["Chem"], "pharmaceutical": ["Pharma"],
    "pharmaceuticals": ["Pharma"], "communications": ["Comms"], "communication": ["Comm"], "general": ["Gen"],
    "electric": ["Elec"], "and": ["&"], "corporation": ["Corp"], "company": ["Co"], "limited": ["Ltd"],
    "mountain": ["Mt"], "saint": ["St"], "fort": ["Ft"],
}
EXPAND = {"intl": "International", "int'l": "International", "tech": "Technology", "mfg": "Manufacturing",
          "natl": "National", "inds": "Industries", "eng": "Engineering", "engg": "Engineering",
          "elec": "Electronics", "dev": "Development", "svcs": "Services", "sci": "Science", "inst": "Institute",
          "univ": "University", "mgmt": "Management", "assn": "Association", "dept": "Department",
          "bros": "Brothers", "equip": "Equipment", "hldgs": "Holdings", "rd": "Road", "st": "Street",
          "ave": "Avenue", "bldg": "Building", "chem": "Chemical", "pharma": "Pharmaceutical", "&": "and",
          "gen": "General", "mach": "Machinery", "trdg": "Trading", "mat": "Material"}
DROPPABLE = {"the", "international", "intl", "group", "holding", "holdings", "trading", "general", "global",
             "technology", "technologies", "industrial", "industries", "and"}
ADDABLE = ["Group", "International", "Holding", "Holdings"]
SPLIT_SUFFIX = ["bank", "neft", "prom", "tech", "trans", "servis", "service", "stroy", "energo", "invest",
                "eksport", "export", "import", "telecom", "soft", "mash", "avia", "resurs", "snab", "torg", "khim"]
JOIN_PREFIX = {"aero", "bio", "petro", "tele", "electro", "elektro", "auto", "agro", "avia", "radio", "micro",
               "nano", "inter", "trans", "multi", "hydro", "energo", "neft", "gaz", "chem", "tech", "sino",
               "euro", "info", "opto", "ros", "rus", "spets", "spec", "gazprom", "techno", "mega", "geo", "termo",
               "thermo", "metal", "mash", "vneshtorg", "vnesh", "promo", "star", "sun", "data", "net", "web"}


def gen_tokens(src: str, etype: str, rng: random.Random, ctx):
    country = ctx["country"]
    s = " ".join(src.translate(QUOTES).split())
    toks = s.split(" ")
    opts = []
    if etype == "individual":
        p = parse_person(s, country)
        if not p:
            return None
        allt = p["given"] + p["surname"]
        # initial of the first given name ("J. Smith")
        g0 = core(p["given"][0])
        if len(g0) >= 3 and g0.isalpha() and letters(" ".join(p["surname"])) >= 4:
            q = dict(p)
            q["given"] = [g0[0].upper() + "."] + p["given"][1:]
            opts.append((render_person(q), "initial"))
        # drop a middle name (needs 3+ name tokens)
        if len(allt) >= 3 and len(p["given"]) >= 2:
            i = rng.randrange(1, len(p["given"]))
            q = dict(p)
            q["given"] = p["given"][:i] + p["given"][i + 1:]
            if letters(" ".join(q["given"])) >= 3:
                opts.append((render_person(q), "middle_name_dropped"))
        # join / split Arabic compounds, hyphens
        low = [norm(t) for t in toks]
        for i in range(len(toks) - 1):
            if low[i] in {"abdul", "abdel", "abd", "abu", "abou", "al", "el", "bin", "ibn"} and core(toks[i + 1]).isalpha():
                j = toks[i] + toks[i + 1].lower() if not toks[i + 1].isupper() else toks[i] + toks[i + 1]
                opts.append((" ".join(toks[:i] + [j] + toks[i + 2:]), "joined"))
                break
        for i, t in enumerate(toks):
            if "-" in t and letters(t) >= 6:
                a, b = t.split("-", 1)
                if norm(a) in {"al", "el", "ad", "as", "ash", "ar", "az", "at", "an"} and letters(b) >= 3:
                    opts.append((" ".join(toks[:i] + [b] + toks[i + 1:]), "article_dropped"))
                    opts.append((" ".join(toks[:i] + [a + " " + b] + toks[i + 1:]), "hyphen_to_space"))
                elif letters(a) >= 2 and letters(b) >= 2:
                    opts.append((" ".join(toks[:i] + [a + " " + b] + toks[i + 1:]), "hyphen_to_space"))
                break
        m = re.search(r"\b(Abdul|Abdel|ABDUL|ABDEL)([A-Za-z]{4,})\b", s)
        if m and not re.search(r"\b(Abdul|Abdel|ABDUL|ABDEL) ", s):
            rest = m.group(2)
            opts.append((s[:m.start()] + m.group(1) + " " + recase(rest.capitalize(), m.group(1)) + s[m.end():],
                         "split"))
    else:
        low = [simp(t) for t in toks]
        lf = find_legal([t.rstrip(",") for t in toks], country)
        body_range = range(len(toks))
        if lf:
            body_range = range(lf[2], len(toks)) if lf[0] == "pre" else range(0, lf[1])
        # abbreviation / expansion
        for i in body_range:
            w = low[i]
            c = core(toks[i])
            if w in ABBREV:
                ab = rng.choice(ABBREV[w])
                new = toks[i].replace(c, recase(ab, c) if ab != "&" else "&")
                opts.append((" ".join(toks[:i] + [new] + toks[i + 1:]), "abbreviated"))
            elif w in EXPAND and c.lower() in EXPAND:
                ex = EXPAND[c.lower()]
                new = toks[i].replace(c, recase(ex, c) if ex != "and" else ("AND" if s.isupper() else "and"))
                opts.append((" ".join(toks[:i] + [new] + toks[i + 1:]), "expanded"))
        # drop a generic word (keeping at least one distinctive word)
        for i in body_range:
            if low[i] in DROPPABLE or (low[i] in CN_PLACES and i == 0):
                rest = toks[:i] + toks[i + 1:]
                if distinctive(rest) and len(distinctive(rest)) >= (2 if low[i] in CN_PLACES else 1):
                    if i == 0 or i == len(toks) - 1 or low[i] not in {"and"}:
                        opts.append((" ".join(rest).replace(" ,", ","), "generic_word_dropped"))
        # add a generic word before the legal form / at the end
        present = set(low)
        add = [w for w in ADDABLE if w.lower() not in present]
        lowset = set(norm(s).split())
        if (add and distinctive(toks) and len(toks) <= 6 and '"' not in s and "'" not in s
                and lowset & COMMERCIAL and not lowset & NONCOMMERCIAL):
            w = rng.choice(add)
            w = w.upper() if s.isupper() else w
            if lf and lf[0] == "suf":
                a = lf[1]
                opts.append((" ".join(toks[:a]).rstrip(",") + f" {w} " + " ".join(toks[a:]), "generic_word_added"))
            else:
                opts.append((s + f" {w}", "generic_word_added"))
        # drop the legal form (the brief's "Bank of Kunlun" example)
        if lf:
            body = " ".join(toks[b] for b in body_range).rstrip(",")
            if distinctive(body.split()) and letters(body) >= 5:
                opts.append((body, "legal_form_dropped"))
        # hyphens, joins and splits
        for i in body_range:
            t = toks[i]
            c = core(t)
            if "-" in c and all(letters(x) >= 2 for x in c.split("-")):
                opts.append((" ".join(toks[:i] + [t.replace("-", " ")] + toks[i + 1:]), "hyphen_to_space"))
                opts.append((" ".join(toks[:i] + [t.replace("-", "")] + toks[i + 1:]), "hyphen_removed"))
            elif c.isalpha() and len(c) >= 8 and norm(c) not in ENGLISH:
                lc = c.lower()
                for suf in SPLIT_SUFFIX:
                    if lc.endswith(suf) and len(lc) - len(suf) >= 4 and not lc[:-len(suf)].endswith(("e", "o")):
                        k = len(c) - len(suf)
                        new = t.replace(c, c[:k] + " " + recase(c[k:].capitalize(), c))
                        opts.append((" ".join(toks[:i] + [new] + toks[i + 1:]), "split"))
                        break
        for i in list(body_range)[:-1]:
            a, b = core(toks[i]), core(toks[i + 1])
            if (a.isalpha() and b.isalpha() and a.lower() in JOIN_PREFIX and toks[i] == a
                    and letters(b) >= 3 and b.lower() not in GENERIC):
                j = a + (b.lower() if not b.isupper() else b)
                opts.append((" ".join(toks[:i] + [toks[i + 1].replace(b, j)] + toks[i + 2:]), "joined"))
    opts = [(" ".join(o.split()), sub) for o, sub in opts]
    opts = [(o, sub) for o, sub in opts if norm(o) != norm(src) and letters(o) >= 4]
    if not opts:
        return None
    # spread over sub-kinds rather than over individual options
    by = defaultdict(list)
    for o, sub in opts:
        by[sub].append((o, sub))
    weights = {"abbreviated": 4, "expanded": 3, "generic_word_dropped": 3, "generic_word_added": 1,
               "legal_form_dropped": 0.6, "hyphen_to_space": 2, "hyphen_removed": 2, "split": 3, "joined": 3,
               "initial": 3, "middle_name_dropped": 3, "article_dropped": 2}
    subs = sorted(by)
    x = rng.uniform(0, sum(weights.get(k, 1) for k in subs))
    for k in subs:
        x -= weights.get(k, 1)
        if x <= 0:
            return rng.choice(by[k])
    return rng.choice(by[subs[-1]])


# --------------------------------------------------------------------------------------------
# transliteration: Latin -> Cyrillic
# --------------------------------------------------------------------------------------------
RU_SINGLE = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "z": "з", "k": "к", "l": "л", "m": "м",
             "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х",
             "w": "в", "q": "к", "c": "к", "j": "й"}
RU_DI = [("shch", "щ"), ("sch", "щ"), ("tsk", "тск"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ch", "ч"),
         ("sh", "ш"), ("ph", "ф"), ("ck", "к"), ("x", "кс")]
LAT_VOW = set("aeiouy")


def lat2cyr_word(w: str, ukr: bool = False, person: bool = False) -> str | None:
    s = w.lower()
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            out.append("ь")
            i += 1
            continue
        if not ch.isalpha():
            out.append(ch)
            i += 1
            continue
        hit = False
        for lat, cy in RU_DI:
            if s.startswith(lat, i):
                if ukr and lat == "kh":
                    cy = "х"
                out.append(cy)
                i += len(lat)
                hit = True
                break
        if hit:
            continue
        prev = s[i - 1] if i > 0 else ""
        nxt = s[i + 1] if i + 1 < len(s) else ""
        prev_cons = bool(prev) and prev.isalpha() and prev not in LAT_VOW
        if ch == "y":
            if (nxt == "e" and prev_cons and not ukr and not person
                    and (i + 2 >= len(s) or not s[i + 2].isalpha())):
                out.append("ые")  # Novye, Finansovye -> Новые, Финансовые
                i += 2
                continue
            if nxt in ("a", "e", "o", "u"):
                iot = {"a": "я", "e": ("є" if ukr else "е"), "o": "ё", "u": "ю"}[nxt]
                if ukr and nxt == "o":
                    iot = "йо"
                out.append(("ь" if prev_cons else "") + iot)
                i += 2
                continue
            if nxt == "i":
                final = i + 2 >= len(s) or not s[i + 2].isalpha()
                if final and prev_cons and not ukr:
                    out.append("ый")  # Pervyi, Belyi -> Первый, Белый
                else:
                    out.append(("ь" if prev_cons else "й") + ("і" if ukr else "и"))
                i += 2
                continue
            if ukr:
                out.append("й" if (prev and prev in LAT_VOW) else "и")
            elif prev and prev in LAT_VOW:
                out.append("й")
            elif prev_cons and (not nxt or not nxt.isalpha()):
                # word-final -y: given names Dmitry/Yury -> -ий, surnames -sky -> -ский,
                # adjectives in company names -ny -> -ный, -ky/-gy/-khy -> -кий/-гий/-хий
                out.append("ий" if (person or prev in "kgh") else "ый")
            else:
                out.append("ы")
            i += 1
            continue
        if ch == "e":
            if i == 0:
                if ukr:
                    out.append("е")
                elif person:
                    out.append("э" if (s[:2] in ("ed", "er", "em", "ei") or s[:3] in ("elv", "eld", "elm", "elk"))
                               else "е")
                else:
                    out.append("э" if nxt in ("l", "k", "n", "r", "m", "x", "s") else "е")
            else:
                out.append("э" if prev == "a" else "е")  # Aeroflot -> Аэрофлот
            i += 1
            continue
        if ch == "i":
            if prev and prev in "aeou" and (not nxt or (nxt.isalpha() and nxt not in LAT_VOW) or not nxt.isalpha()):
                out.append("й")
            elif prev == "i" and (not nxt or not nxt.isalpha()):
                out.append("й" if person else "и")
            else:
                out.append("і" if ukr else "и")
            i += 1
            continue
        if ukr and ch == "h":
            out.append("г")
            i += 1
            continue
        if ukr and ch == "g":
            out.append("ґ")
            i += 1
            continue
        if ch in RU_SINGLE:
            out.append(RU_SINGLE[ch])
            i += 1
            continue
        return None
    res = "".join(out)
    if re.search(r"[a-z]", res):
        return None
    return res


CYR_BACK = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
            "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
            "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
            "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}


def cyr2lat(s: str) -> str:
    return "".join(CYR_BACK.get(c, CYR_BACK.get(c.lower(), c)) for c in s.lower())


CYR_LF = {"ak": "АК", "ooo": "ООО", "llc": "ООО", "ao": "АО", "jsc": "АО", "oao": "ОАО", "ojsc": "ОАО", "zao": "ЗАО",
          "cjsc": "ЗАО", "pao": "ПАО", "pjsc": "ПАО", "nao": "НАО", "too": "ТОО", "llp": "ТОО", "fgup": "ФГУП",
          "fsue": "ФГУП", "gup": "ГУП", "mup": "МУП", "npo": "НПО", "npp": "НПП", "nii": "НИИ", "kb": "КБ",
          "okb": "ОКБ", "td": "ТД", "ip": "ИП", "tov": "ТОВ", "prat": "ПрАТ", "pat": "ПАТ", "dp": "ДП",
          "nic": "НИЦ", "nits": "НИЦ", "tsnii": "ЦНИИ", "nti": "НТИ", "vniir": "ВНИИР", "ntts": "НТЦ"}
CYR_PHRASES = [(r"public joint[- ]stock company", "ПАО"), (r"open joint[- ]stock company", "ОАО"),
               (r"closed joint[- ]stock company", "ЗАО"), (r"joint[- ]stock company", "АО"),
               (r"limited liability company", "ООО")]
UKR_MARK = re.compile(r"mykol|mykh|oleks|dmytr|volodymyr|serhi|hryh|ihor|vasyl|yevhen|ovych|enko\b|chuk\b|"
                      r"\byuk\b|skyi\b|tskyi\b|ivna\b|andrii|yurii", re.I)
RUS_BAD = re.compile(r"(?<![ksczt])h|w|q|x|th|ee|oo|ou(?!t)|ck|ph|j", re.I)


def _case_like(new: str, like: str) -> str:
    if like.isupper() and len([c for c in like if c.isalpha()]) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def to_cyrillic(src: str, etype: str, country: str | None):
    s = " ".join(src.translate(QUOTES).split())
    for pat, rep_ in CYR_PHRASES:
        s = re.sub(pat, lambda m: "\x00" + rep_ + "\x00", s, flags=re.I)
    ukr = country == "UA" and bool(UKR_MARK.search(src))
    if country == "UA" and not ukr:
        return None  # Ukrainian addresses: Russian or Ukrainian romanisation cannot be told apart
    person = etype == "individual"
    out_toks = []
    for w in s.split(" "):
        if "\x00" in w:
            out_toks.append(w.replace("\x00", ""))
            continue
        m = re.match(r"^([\"('(]*)(.*?)([\"),.']*)$", w)
        pre, body, post = m.groups()
        if not body:
            out_toks.append(w)
            continue
        if simp(body) in CYR_LF:
            out_toks.append(pre + CYR_LF[simp(body)] + post)
            continue
        cy = []
        for ptxt in body.split("-"):
            if not ptxt or ptxt.isdigit():
                cy.append(ptxt)
                continue
            lw = ptxt.lower()
            if lw in CYR_LF:
                cy.append(CYR_LF[lw])
                continue
            if (etype == "entity" and lw in ENGLISH and len(lw) >= 3
                    and lw not in {"bank", "ural", "volga", "don", "neva", "lena", "altai", "baikal", "arsenal",
                                   "start", "kama", "amur", "onega", "ladoga", "vega", "lada", "zenit", "orion"}):
                return None
            if not ukr and RUS_BAD.search(lw) and not re.search(r"(kh|zh|ch|sh|ts)", lw):
                return None
            if ptxt.isupper() and len(ptxt) <= 4 and not (set(lw) & VOWELS):
                # acronym: letter by letter
                c = "".join(RU_SINGLE.get(ch, "") for ch in lw).upper()
                if len(c) != len(lw):
                    return None
            else:
                c = lat2cyr_word(lw, ukr, person)
                if c is None:
                    return None
                c = _case_like(c, ptxt)
            cy.append(c)
        out_toks.append(pre + "-".join(cy) + post)
    res = " ".join(out_toks)
    if not re.search(r"[А-Яа-яІіЇїЄєҐґ]", res) or re.search(r"[A-Za-z]", res):
        return None
    # round trip sanity: back-transliteration must stay close to the Latin source
    back = cyr2lat(res)
    lf_words = {"ooo", "ao", "oao", "zao", "pao", "too", "nao"}
    b2 = "".join(t for t in norm(back).split() if t not in lf_words)
    s2 = "".join(t for t in norm(src).split() if t not in LEGAL_TOKENS | lf_words
                 and t not in {"joint", "stock", "public", "open", "closed", "limited", "liability", "company"})
    if fuzz.ratio(b2, s2) < 75:
        return None
    return res


# --------------------------------------------------------------------------------------------
# transliteration: Latin -> Arabic script (dictionary of common Arabic given names and nisbas)
# --------------------------------------------------------------------------------------------
AR_RAW = """
محمد: muhammad mohammad mohammed mohamed muhammed mohamad muhamad mouhamad mohd muhamed
أحمد: ahmad ahmed
محمود: mahmud mahmoud mahmood
مصطفى: mustafa mostafa moustafa mustapha
علي: ali
حسن: hasan hassan
حسين: husayn hussein husain hussain husein
عمر: umar omar
عثمان: uthman othman osman
إبراهيم: ibrahim ebrahim ibraheem brahim
إسماعيل: ismail ismael ismaeel
يوسف: yusuf yousef yousif youssef yusef yousuf yousouf
يونس: yunus younes younis yunis
موسى: musa mousa moussa
عيسى: isa issa eissa
يحيى: yahya yehia yahia
زكريا: zakariya zakaria zakariyya
سليمان: sulayman suleiman sulaiman soliman slimane
داود: dawud dawood daoud daud
أيوب: ayyub ayoub ayub
خالد: khalid khaled
خليل: khalil
سعيد: saeed said saied sayeed
سيد: sayyid sayyed
صالح: salih saleh
سالم: salem
سليم: salim saleem
سلمان: salman
سلطان: sultan
فيصل: faisal faysal feisal
فهد: fahd fahad
ناصر: nasser nasir naser
نصر: nasr
منصور: mansur mansour mansoor
جمال: jamal gamal
كمال: kamal
عادل: adel adil
طارق: tariq tarek tareq tarik
وليد: walid waleed
هشام: hisham hesham
هاشم: hashim hashem
بلال: bilal
حمزة: hamza hamzah
جعفر: jafar jaafar jafer
قاسم: qasim qassem kassem kasim qassim qasem
عباس: abbas
جواد: jawad
كاظم: kazim kadhim kathem kazem
مهدي: mahdi mehdi
حيدر: haidar hayder haider hydar
كريم: karim kareem
راشد: rashid rashed
ماجد: majid majed
نبيل: nabil nabeel
نزار: nizar
سمير: samir sameer
سامي: sami samy
زياد: ziad ziyad
زيد: zayd zaid zeid
عماد: imad emad
أنور: anwar
أمين: amin ameen
أمير: amir ameer
أيمن: ayman aiman
أسامة: usama osama oussama
مروان: marwan
هاني: hani hany
فادي: fadi
غسان: ghassan
إدريس: idris idrees
رياض: riyad riad riyadh
سعد: saad
سعود: saud
طلال: talal
تركي: turki
بندر: bandar
نواف: nawaf
خليفة: khalifa khalifah
حمد: hamad
عزيز: aziz
فوزي: fawzi fawzy
فؤاد: fouad fuad
إيهاب: ihab ehab
أشرف: ashraf
وائل: wael wail
ياسر: yasser yasir yaser
عمار: ammar
مازن: mazen mazin
ماهر: maher mahir
منير: munir mounir
نادر: nader nadir
ناجي: naji
بشار: bashar
بشير: bashir basheer
بدر: badr bader
عدنان: adnan
عاطف: atef atif
إياد: iyad eyad
فارس: fares faris
فتحي: fathi fathy
غازي: ghazi
حبيب: habib
حسام: hussam husam hossam
جهاد: jihad
كامل: kamel kamil
لطفي: lutfi lotfi
محسن: mohsen muhsin mohsin
مهند: muhannad mohannad
مراد: murad mourad
نعيم: naim naeem
قصي: qusay qusai
رفيق: rafiq rafik
رائد: raed
رامي: rami ramy
صبري: sabri sabry
صادق: sadiq sadek sadeq
شريف: sharif sherif
توفيق: tawfiq tawfik
وسيم: wasim wassim waseem
يعقوب: yaqub yacoub yaqoub
زهير: zuhair zuhayr
عبدالله: abdullah abdallah abdulla
عبدالعزيز: abdulaziz abdelaziz
عبدالرحمن: abdulrahman abdelrahman abdurrahman
عبدالكريم: abdulkarim abdelkarim
عبدالقادر: abdulkader abdelkader abdulqadir
فاطمة: fatima fatma fatimah
عائشة: aisha ayesha aysha aicha
مريم: maryam mariam meriem
زينب: zaynab zeinab zainab
خديجة: khadija khadijah
أمينة: amina aminah
ليلى: layla leila laila
نور: nur noor nour
سارة: sara sarah
هدى: huda hoda
منى: mona muna
سلمى: salma
رانيا: rania
ريم: reem
ندى: nada
سميرة: samira
ياسمين: yasmin yasmine yasmeen
حنان: hanan
سعاد: suad souad
مصري: masri
تكريتي: tikriti
هاشمي: hashimi hashemi
تميمي: tamimi
قحطاني: qahtani
غامدي: ghamdi
زهراني: zahrani
شهري: shehri shahri
حربي: harbi
عتيبي: otaibi utaybi
مطيري: mutairi
دوسري: dosari dawsari
شمري: shammari
عنزي: anazi anizi
حسيني: husseini husaini
أنصاري: ansari
بغدادي: baghdadi
ليبي: libi
سوداني: sudani
يمني: yemeni
كويتي: kuwaiti
ظواهري: zawahiri
عولقي: awlaki
عبيدي: obaidi ubaydi
جبوري: jubouri juburi
دليمي: dulaimi
راوي: rawi
عاني: ani
جنابي: janabi
عزاوي: azzawi
سعدي: saadi
حكيم: hakim
خطيب: khatib
نجار: najjar
حداد: haddad
صباغ: sabbagh
شيخ: shaykh sheikh
حاج: hajj
هنية: haniyeh haniyah haniya haniyyah
شامي: shami
حلبي: halabi
زبيدي: zubaidi
خفاجي: khafaji
نجفي: najafi
بصري: basri
كردي: kurdi
أسد: asad assad
رحمن: rahman
رحيم: rahim
قادر: qadir qader kader
لطيف: latif
وهاب: wahab wahhab
سلام: salam
جبار: jabbar
غني: ghani
رزاق: razzaq
فتاح: fattah
رؤوف: rauf raouf
هادي: hadi
مجيد: majeed
حميد: hameed
أبو: abu abou
بن: bin ibn ben
بنت: bint
أم: umm
حجازي: hijazi
عطية: attia attiya
رمضان: ramadan ramadhan
عصام: issam essam isam
بزي: bazzi
فرح: farah
عبيد: obeid ubaid
نعمة: nehme nemeh
مجاهد: mujahid mujahed
سيف: seif saif sayf
حماد: hammad
سلامة: salameh salama
حمدان: hamdan
بركات: barakat
جابر: jaber jabir
صلاح: salah salahuddin
دياب: diab dyab
رضا: reda rida ridha
مطر: matar
فرحات: farhat
خميس: khamis
شهاب: shihab shehab
فضل الله: fadlallah fadlullah
نصر الله: nasrallah nasrullah
جميل: jamil jameel
حرب: harb
زهار: zahhar
شرفي: sharafi
أشقر: ashqar
مدني: madani
جاسم: jasim jassim
موسوي: moussawi musawi mousawi
قاضي: qadi
طائي: tai
ياسين: yassin yassine yasin
نعمان: numan nouman
حق: haq
مخلوف: makhluf makhlouf
قذافي: gaddafi qadhafi qaddafi
عابد: abed abid
راضي: radi
مثنى: muthana muthanna
شيخ: shaikh
عبيدي: ubaidi
"""
AR = {}
for line in AR_RAW.strip().splitlines():
    ar, lat = line.split(":")
    for w in lat.split():
        AR[w] = ar.strip()
ABD_TAIL = {"rahman", "rahim", "karim", "aziz", "qadir", "qader", "kader", "latif", "majid", "hamid", "hakim",
            "wahab", "wahhab", "salam", "jabbar", "ghani", "malik", "razzaq", "fattah", "halim", "nasser", "nasir",
            "rauf", "hadi", "allah", "ilah", "basit", "khaliq", "jalil", "jawad", "hafiz"}
PERSIAN_COUNTRIES = {"IR", "AF", "PK", "TJ", "AZ", "IN", "BD", "UZ", "TM"}


def to_arabic(src: str, country: str | None):
    p = parse_person(src, country)
    if not p:
        return None
    order = p["given"] + p["surname"] if p["style"] != "surname_first" else p["surname"] + p["given"]
    words = []
    for t in order:
        for part in re.split(r"[-\s]+", fold(core(t)).lower().replace("'", "")):
            if part:
                words.append(part)
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("abd", "abdul", "abdel", "abdal", "abdol", "abdu") and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in ("al", "el", "ul") and i + 2 < len(words):
                nxt = words[i + 2]
                i += 1
            if nxt in ABD_TAIL:
                tail = "الله" if nxt in ("allah", "ilah") else "ال" + (AR.get(nxt) or {"malik": "ملك", "halim": "حليم", "hamid": "حميد",
                                                                        "majid": "مجيد", "nasser": "ناصر", "nasir": "ناصر",
                                                                        "basit": "باسط", "khaliq": "خالق", "jalil": "جليل",
                                                                        "jawad": "جواد", "hafiz": "حفيظ"}.get(nxt, ""))
                if tail == "ال":
                    return None
                out.append("عبد " + tail)
                i += 2
                continue
            return None
        if w in ("al", "el") and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in AR and nxt not in ("abu", "bin", "ibn", "ben", "bint", "umm"):
                out.append("ال" + AR[nxt])
                i += 2
                continue
            return None
        m = re.match(r"^(?:al|el)(.{3,})$", w)
        if w not in AR and m and m.group(1) in AR:
            out.append("ال" + AR[m.group(1)])
            i += 1
            continue
        if w in AR:
            out.append(AR[w])
            i += 1
            continue
        return None
    if len(out) < 2:
        return None
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# transliteration: alternative Latin spellings
# --------------------------------------------------------------------------------------------
AR_GROUPS = [g.split() for g in """
muhammad mohammad mohammed mohamed muhammed mohamad
ahmad ahmed
mahmud mahmoud mahmood
mustafa mostafa moustafa
husayn hussein husain hussain hossein hosein
hasan hassan
umar omar
uthman othman osman
yusuf yousef yousif youssef yusef
ibrahim ebrahim
ismail ismael esmail
khalid khaled
salih saleh
saeed said saied
nasir nasser naser
mansur mansour
qasim qassem kassem qasem
jafar jaafar
walid waleed
tariq tarek tareq
majid majed
rashid rashed
adil adel
amin ameen
karim kareem
rahim raheem
yahya yehia yahia
musa mousa moussa
isa issa
faisal faysal feisal
hisham hesham
zayd zaid zeid
ziad ziyad
usama osama
abu abou
haidar hayder haider
kazim kadhim kazem
mahdi mehdi
reza rida ridha
jawad javad
hamid hamed
fatima fatemeh fatma
zaynab zeinab zainab
aisha ayesha aysha
maryam mariam
layla leila laila leyla
nur noor nour
huda hoda
sulayman suleiman soleiman sulaiman
ayman aiman
salim saleem
sami samy
nabil nabeel
hani hany
hosseini husseini hosseyni
rezaei rezaie rezai
mohammadi muhammadi mohamadi
jafari jaafari
ghasemi qasemi ghassemi
hashemi hashimi
mousavi musavi moussavi
sadeghi sadeqi
ebrahimi ibrahimi
asghar asgar
gholam qolam
ghorbani qorbani
kazemi kazimi
heydari haidari heidari
mirzaei mirzai
nouri nuri
zadeh zade
abdul abdel abdol
abdullah abdallah abdulla abdalla
abdulrahman abdelrahman abdurrahman
""".strip().splitlines()]
AR_GROUP_OF = {}
for g in AR_GROUPS:
    for w in g:
        AR_GROUP_OF.setdefault(w, g)

RU_RULES = [  # (regex on lower-case token, replacement, persons_only)
    (r"iy$", "y", False), (r"iy$", "ii", False), (r"yy$", "y", False), (r"ey$", "ei", False),
    (r"ei$", "ey", False), (r"ay$", "ai", False), (r"ai$", "ay", False), (r"kh", "h", False),
    (r"^ye", "e", True), (r"^e(?=[vlk])", "ye", True), (r"yu", "iu", False), (r"ya", "ia", False),
    (r"ks", "x", False), (r"shch", "sch", False), (r"ov$", "off", True), (r"skiy$", "sky", False),
    (r"skii$", "sky", False), (r"sky$", "skiy", False), (r"yo", "e", False), (r"ts", "tz", True),
    (r"(?<=[aeiou])i(?=[aeiou])", "y", False),
]
WADE = {"zhang": "chang", "zhou": "chou", "xu": "hsu", "zhao": "chao", "xie": "hsieh", "cai": "tsai",
        "cao": "tsao", "zheng": "cheng", "jiang": "chiang", "qian": "chien", "zhu": "chu", "xiao": "hsiao",
        "guo": "kuo", "gao": "kao", "zhong": "chung", "xiong": "hsiung", "qiu": "chiu", "ren": "jen",
        "rong": "jung", "li": "lee"}

PINYIN = set("""a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce
cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou
cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei
en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun
guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan
lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo lv ma mai man mang mao me
mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin
ning niu nong nou nu nuan nue nuo nv o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia
qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa
sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun
tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye
yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen
zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo""".split())
PINYIN_SEG = {p for p in PINYIN if len(p) >= 2 and p not in {"er", "ei", "en", "ou", "ai", "an", "ao"}}


def pinyin_split(w: str):
    """Segment a lower-case word into 2-4 pinyin syllables (fewest syllables, longest first syllable)."""
    n = len(w)
    best = {0: []}
    for i in range(n):
        if i not in best:
            continue
        for L in range(6, 1, -1):
            seg = w[i:i + L]
            if len(seg) == L and seg in PINYIN_SEG:
                cand = best[i] + [seg]
                j = i + L
                if j not in best or len(cand) < len(best[j]):
                    best[j] = cand
    segs = best.get(n)
    if segs and 2 <= len(segs) <= 4:
        # reject splits that leave a bare vowel-initial syllable after a consonant-final one (xi'an style is fine)
        return segs
    return None


ARAB_PERSIAN = {"AE", "SA", "IQ", "SY", "LB", "JO", "PS", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "KW", "QA",
                "BH", "OM", "IR", "AF", "PK", "MR", "SO", "DJ", "KM", "TR"}


def arabic_like(s: str, country: str | None) -> bool:
    words = [w for w in re.split(r"[-\s,]+", fold(s).lower().replace("'", "")) if w]
    n = sum(1 for w in words if w in AR or w in AR_GROUP_OF or re.match(r"^(al|el)-?", w) and w[2:].strip("-") in AR)
    return (country in ARAB_PERSIAN and n >= 1) or n >= 2


def sub_keep_case(token: str, rx: str, rep_: str) -> str | None:
    """Apply a lower-case regex rule to `token`, keeping the case of the text it replaces."""
    low = fold(token).lower()
    if len(low) != len(token):
        return None
    m = re.search(rx, low)
    if not m:
        return None
    seg = token[m.start():m.end()]
    if seg.isupper() or (not seg and token.isupper()):
        r = rep_.upper()
    elif seg[:1].isupper():
        r = rep_[:1].upper() + rep_[1:]
    else:
        r = rep_
    return token[:m.start()] + r + token[m.end():]


def latin_respell(src: str, etype: str, rng: random.Random, country: str | None):
    s = " ".join(src.translate(QUOTES).split())
    toks = s.split(" ")
    opts = []
    ar_ok = arabic_like(s, country)
    for i, t in enumerate(toks):
        c = core(t)
        lc = fold(c).lower()
        # Arabic / Persian name spellings (also inside 'al-X' and 'abd-al-X')
        for part in (re.split(r"-", lc) if ar_ok else []):
            g = AR_GROUP_OF.get(part)
            if g:
                alts = [x for x in g if x != part]
                alt = rng.choice(alts)
                new_c = sub_keep_case(c, r"(?<![a-z])" + re.escape(part) + r"(?![a-z])", alt)
                if new_c:
                    opts.append((i, new_c, "arabic_persian_spelling"))
                break
        # al- / el- article spellings
        m = re.match(r"^(al|el|ul)-(.{3,})$", lc)
        if m and (ar_ok or country in ARAB_PERSIAN):
            art = "el" if m.group(1) == "al" else "al"
            new_c = sub_keep_case(c, r"^(al|el|ul)(?=-)", art)
            if new_c:
                opts.append((i, new_c, "article_spelling"))
        # Russian romanisation alternatives
        if (lc not in ENGLISH_ALL or etype == "individual") and (
                country in RU_LIKE or (country is None and re.search(r"(ov|ev|iy|sky|enko|ovich|ovna)$", lc))):
            for rx, rep, pers in RU_RULES:
                if pers and etype != "individual":
                    continue
                if re.search(rx, lc) and len(lc) >= 4:
                    new_c = sub_keep_case(c, rx, rep)
                    if new_c and new_c.lower() != lc:
                        opts.append((i, new_c, "russian_romanisation"))
        # Chinese: Wade-Giles / common spellings of surnames (persons)
        if etype == "individual" and lc in WADE and country in (None, "CN", "HK", "TW", "SG", "MO"):
            new_c = sub_keep_case(c, "^" + lc + "$", WADE[lc])
            if new_c:
                opts.append((i, new_c, "chinese_surname_spelling"))
    if not opts:
        return None
    i, new_c, sub = rng.choice(opts)
    t = toks[i]
    c = core(t)
    new_t = t.replace(c, new_c)
    out = " ".join(toks[:i] + [new_t] + toks[i + 1:])
    if norm(out) == norm(s):
        return None
    return out, sub


def pinyin_spacing(src: str, etype: str, rng: random.Random, country: str | None):
    if country not in ("CN", "HK", "TW", "MO", "SG") and not (etype == "individual" and country is None):
        return None
    s = " ".join(src.translate(QUOTES).split())
    toks = s.split(" ")
    if etype == "individual":
        p = parse_person(s, country)
        if not p or (p["style"] != "surname_first" and country not in ("CN", "HK", "TW", "MO")):
            return None
    opts = []
    for i, t in enumerate(toks):
        c = core(t)
        if not c.isalpha() or len(c) < 4:
            continue
        lc = c.lower()
        if etype == "entity" and lc in ENGLISH_ALL and lc not in CN_PLACES:
            continue
        if etype == "entity" and lc in LEGAL_TOKENS | ORG_WORDS:
            continue
        segs = pinyin_split(lc)
        if segs:
            if etype == "individual" and rng.random() < 0.4:
                new = "-".join(segs)
            else:
                new = " ".join(segs)
            new = " ".join(recase(x, c) if c.isupper() else x.capitalize() for x in new.split(" ")) if " " in new else \
                "-".join(recase(x, c) if c.isupper() else (x.capitalize() if k == 0 else x) for k, x in enumerate(new.split("-")))
            opts.append((" ".join(toks[:i] + [t.replace(c, new)] + toks[i + 1:]), "pinyin_split"))
    for i in range(len(toks) - 1):
        a, b = core(toks[i]), core(toks[i + 1])
        if (a.isalpha() and b.isalpha() and a.lower() in PINYIN and b.lower() in PINYIN and toks[i] == a
                and len(a) >= 2 and len(b) >= 2 and a.lower() not in ENGLISH | {"co"} and b.lower() not in {"co", "ltd"}):
            if etype == "individual":
                p = parse_person(s, country)
                # never glue the surname onto the given name
                sur = [norm(x) for x in p["surname"]] if p else []
                if norm(a) in sur or norm(b) in sur:
                    continue
            j = a + (b.lower() if not b.isupper() else b)
            opts.append((" ".join(toks[:i] + [toks[i + 1].replace(b, j)] + toks[i + 2:]), "pinyin_joined"))
    if not opts:
        return None
    return rng.choice(opts)


def korean_spacing(src: str, etype: str, rng: random.Random, country: str | None):
    if etype != "individual" or country not in ("KP", "KR"):
        return None
    toks = src.split()
    if len(toks) != 3:
        return None
    a, b = core(toks[1]), core(toks[2])
    if not (a.isalpha() and b.isalpha() and len(a) <= 5 and len(b) <= 5):
        return None
    opts = [(f"{toks[0]} {a}-{b.lower() if not b.isupper() else b}", "korean_hyphenated"),
            (f"{toks[0]} {a}{b.lower() if not b.isupper() else b}", "korean_joined")]
    return rng.choice(opts)


TRANSLIT_GROUP = {"cyrillic": "cyrillic", "arabic_script": "arabic_script",
                  "arabic_persian_spelling": "latin", "article_spelling": "latin", "russian_romanisation": "latin",
                  "chinese_surname_spelling": "latin", "pinyin_split": "pinyin", "pinyin_joined": "pinyin",
                  "korean_hyphenated": "other", "korean_joined": "other"}
TRANSLIT_SHARE = [("cyrillic", 0.30), ("arabic_script", 0.15), ("latin", 0.30), ("pinyin", 0.20), ("other", 0.05)]


def gen_translit(src: str, etype: str, rng: random.Random, ctx):
    country = ctx["country"]
    countries = ctx["countries"]
    want = ctx.get("want")
    cands = []
    if set(countries) & {"RU", "BY", "UA", "KZ"}:
        cc = next(c for c in countries if c in {"RU", "BY", "UA", "KZ"})
        r = to_cyrillic(src, etype, cc)
        if r:
            cands.append((3, (r, "cyrillic")))
    if etype == "individual" and country not in PERSIAN_COUNTRIES:
        r = to_arabic(src, country)
        if r:
            cands.append((3, (r, "arabic_script")))
    r = latin_respell(src, etype, rng, country)
    if r:
        cands.append((3, r))
    r = pinyin_spacing(src, etype, rng, country)
    if r:
        cands.append((3, r))
    r = korean_spacing(src, etype, rng, country)
    if r:
        cands.append((2, r))
    cands = [(w, x) for w, x in cands if norm(x[0]) != norm(src)]
    if want:
        cands = [(w, x) for w, x in cands if TRANSLIT_GROUP.get(x[1]) == want]
    if not cands:
        return None
    tot = sum(w for w, _ in cands)
    x = rng.uniform(0, tot)
    for w, c in cands:
        x -= w
        if x <= 0:
            return c
    return cands[-1][1]


GENERATORS = {"typo": gen_typo, "order": gen_order, "legal_form": gen_legal_form, "translit": gen_translit,
              "tokens": gen_tokens}


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------
def sub_rng(seed: int, *parts) -> random.Random:
    h = hashlib.sha256(("|".join(str(p) for p in (seed,) + parts)).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=DEFAULT_LIST)
    ap.add_argument("--out", default=os.path.join(HERE, "variants.jsonl"))
    ap.add_argument("--seed", type=int, default=20260801)
    ap.add_argument("--per-kind", type=int, default=400)
    args = ap.parse_args(argv)

    entries = load_list(args.list)
    build_given_names(entries)
    person_stats, ent_stats = build_token_stats(entries)
    for e in entries:
        e["type"] = classify(e, person_stats, ent_stats)

    # every name and alias, for 'also' and for the ambiguity check
    key_entries = defaultdict(set)
    all_keys, all_owner = [], []
    for e in entries:
        for s in [e["n"]] + e["a"]:
            k = sortkey(s)
            if not k:
                continue
            key_entries[k].add(e["idx"])
            all_keys.append(k)
            all_owner.append(e["idx"])

    def also_of(e, s):
        return sorted(key_entries.get(sortkey(s), set()) - {e["idx"]})

    def own_keys(e, extra):
        ks = [sortkey(x) for x in [e["n"]] + e["a"]]
        for j in extra:
            ks += [sortkey(x) for x in [entries[j]["n"]] + entries[j]["a"]]
        return [k for k in ks if k]

    def ambiguous(query, e, also):
        q = query
        if re.search(r"[А-Яа-яІіЇїЄєҐґ]", q):
            q = cyr2lat(q)
        elif re.search(r"[\u0600-\u06ff]", q):
            return False
        qk = sortkey(q)
        own = max(fuzz.ratio(qk, k) for k in own_keys(e, also))
        friends = {e["idx"], *also}
        for k, score, pos in process.extract(qk, all_keys, scorer=fuzz.ratio, limit=25, score_cutoff=max(own - 0.01, 60)):
            if all_owner[pos] in friends:
                continue
            if score > own or (score >= own and score >= 90):
                return True
        return False

    codes = sorted({e["code"] for e in entries})
    by_code = defaultdict(list)
    for e in entries:
        if e["type"]:
            by_code[e["code"]].append(e)
    missing = set(LIST_SHARE) - set(codes)
    if missing:
        print("warning: lists not found:", missing, file=sys.stderr)

    total_share = sum(LIST_SHARE.values())
    results = []
    seen_queries = set()
    used_entries = Counter()
    stats = Counter()

    def try_entry(kind, e, want_type, want_sub=None):
        if want_type and e["type"] != want_type:
            return None
        rng = sub_rng(args.seed, kind, e["idx"], want_sub or "")
        strings = [e["n"]]
        if e["type"] == "entity":
            strings += [a for a in e["a"] if len(norm(a).split()) >= 2]
        strings = [s for s in strings if usable_string(s)]
        if not strings:
            return None
        # primary name first (75 %), otherwise an alias
        order = strings[:1] + rng.sample(strings[1:], len(strings) - 1)
        if len(order) > 1 and rng.random() < 0.25:
            order = order[1:] + order[:1]
        ctx = {"country": e["c"][0] if e["c"] else None, "countries": e["c"], "want": want_sub}
        for s in order:
            r = GENERATORS[kind](s, e["type"], rng, ctx)
            if not r:
                continue
            q, sub = r
            q = " ".join(q.split())
            # case style of what a user types: mostly as listed, sometimes title or lower case
            x = rng.random()
            style = "keep" if x < 0.6 else ("title" if x < 0.85 else "lower")
            if kind == "typo" or sub in ("arabic_script",):
                style = "keep" if x < 0.7 else ("title" if x < 0.9 else "lower")
            q2 = apply_case(q, style)
            if norm(q2) == norm(s) and kind != "order":
                continue
            if kind == "order" and q2.lower() == s.lower():
                continue
            if letters(q2) < 4 or norm(q2) in seen_queries:
                continue
            also = also_of(e, s)
            if ambiguous(q2, e, also):
                stats["dropped_ambiguous"] += 1
                continue
            return {"query": q2, "entry": e["idx"], "name": s, "kind": kind, "subkind": sub,
                    "country": ctx["country"], "type": e["type"], "n": e["n"], "source": e["source"],
                    "e": e["e"], "also": also}
        return None

    for kind in KINDS:
        quotas = {c: round(args.per_kind * LIST_SHARE[c] / total_share) for c in LIST_SHARE}
        diff = args.per_kind - sum(quotas.values())
        quotas["SDN"] += diff
        got = Counter()
        shortfall = 0
        for code in list(LIST_SHARE):
            pool = list(by_code.get(code, []))
            rng = sub_rng(args.seed, "pool", kind, code)
            rng.shuffle(pool)
            pool.sort(key=lambda e: used_entries[e["idx"]] > 0)  # stable: unused entries first
            want = quotas[code]
            # SDN: half entities, half individuals (legal forms: entities only)
            if code in ("SDN",) and kind != "legal_form":
                targets = {"entity": want // 2, "individual": want - want // 2}
            else:
                targets = None
            have = Counter()
            if kind == "translit":
                plan = []
                acc = 0.0
                for sk, sh in TRANSLIT_SHARE:
                    acc += want * sh
                    plan.append((sk, round(acc)))
                plan.append((None, want))
            else:
                plan = [(None, want)]
            done = set()
            for sk, upto in plan:
                for e in pool:
                    if got[code] >= upto:
                        break
                    if e["idx"] in done:
                        continue
                    if targets and have[e["type"]] >= targets[e["type"]]:
                        continue
                    r = try_entry(kind, e, None, sk)
                    if r:
                        done.add(e["idx"])
                        results.append(r)
                        seen_queries.add(norm(r["query"]))
                        used_entries[e["idx"]] += 1
                        got[code] += 1
                        have[e["type"]] += 1
            shortfall += want - got[code]
        # fill the shortfall from SDN and the Entity List (alternating)
        fill_codes = ["SDN", "EL"]
        k = 0
        pools = {c: [e for e in by_code[c]] for c in fill_codes}
        for c in fill_codes:
            rng = sub_rng(args.seed, "fill", kind, c)
            rng.shuffle(pools[c])
        idx = {c: 0 for c in fill_codes}
        tried = set(r["entry"] for r in results if r["kind"] == kind)
        guard = 0
        while shortfall > 0 and guard < 100000:
            guard += 1
            c = fill_codes[k % 2]
            k += 1
            while idx[c] < len(pools[c]) and pools[c][idx[c]]["idx"] in tried:
                idx[c] += 1
            if idx[c] >= len(pools[c]):
                if all(idx[x] >= len(pools[x]) for x in fill_codes):
                    break
                continue
            e = pools[c][idx[c]]
            idx[c] += 1
            tried.add(e["idx"])
            r = try_entry(kind, e, None)
            if r:
                results.append(r)
                seen_queries.add(norm(r["query"]))
                used_entries[e["idx"]] += 1
                got[c] += 1
                shortfall -= 1
        stats[f"{kind}_total"] = sum(got.values())

    results.sort(key=lambda r: (KINDS.index(r["kind"]), r["source"], r["entry"]))
    with open(args.out, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(json.dumps(dict(stats), indent=1), file=sys.stderr)
    print(f"wrote {len(results)} lines to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
