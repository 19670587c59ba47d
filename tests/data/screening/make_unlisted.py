#!/usr/bin/env python3
"""Build unlisted.jsonl: real organisation names and real-sounding person names that are NOT on the CSL.

    python make_unlisted.py [--list PATH] [--out unlisted.jsonl] [--seed 20260801]

Reads the transcribed public data in sources/ (see README.md for where each file comes from), samples a
fixed, seeded selection, and drops every candidate that the list check below finds on the list:

  A  exact or near-exact: rapidfuzz token_sort_ratio >= 95 on the lower-cased names (as the brief asks),
     also on accent-folded, punctuation-free names;
  B  the same test after removing legal forms and generic words ("Gazprom" vs "GAZPROM PAO",
     "China Mobile" vs "CHINA MOBILE LTD"); and identical names after also removing sector words,
     when what is left is not a dictionary word ("Surgutneftegas Oil" vs "SURGUTNEFTEGAS");
  C  organisations only: every word (at least two, one of them not a dictionary word) of the candidate
     that is not a qualifier appears in one listed
     name and the listed name adds only qualifiers ("Tomsk Polytechnic University" vs
     "National Research Tomsk Polytechnic University");
  D  persons only: test A again after mapping common transliteration variants of given names to one
     spelling ("Mohammad Omar" vs "OMAR, Mohammed", "Aleksandr Ivanov" vs "IVANOV, Alexander").

Also writes unlisted_audit.tsv: for every kept line, the closest listed name and its score, so near
misses can be studied (they are kept on purpose: a name that is merely similar is still unlisted).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_variants as mv  # noqa: E402  (shared normalisation helpers and the list loader)

SRC = os.path.join(HERE, "sources")

COUNTRY = {
    "United States": "US", "United Kingdom": "GB", "Japan": "JP", "Switzerland": "CH", "Netherlands": "NL",
    "France": "FR", "Germany": "DE", "Italy": "IT", "Spain": "ES", "South Korea": "KR", "China": "CN",
    "Bermuda": "BM", "Canada": "CA", "Finland": "FI", "Australia": "AU", "Russia": "RU", "Norway": "NO",
    "Belgium": "BE", "Brazil": "BR", "Denmark": "DK", "Sweden": "SE", "Hong Kong/China": "HK", "India": "IN",
    "Ireland": "IE", "Mexico": "MX", "Taiwan": "TW", "Malaysia": "MY", "Greece": "GR", "Turkey": "TR",
    "Thailand": "TH", "Israel": "IL", "New Zealand": "NZ", "Chile": "CL", "Jordan": "JO", "Singapore": "SG",
    "Hungary": "HU", "South Africa": "ZA", "Czech Republic": "CZ", "Indonesia": "ID", "Cayman Islands": "KY",
    "Austria": "AT", "Portugal": "PT", "Venezuela": "VE", "Peru": "PE", "Philippines": "PH",
    "Poland": "PL", "Pakistan": "PK", "Luxembourg": "LU", "Panama": "PA", "Liberia": "LR", "Bahamas": "BS",
}
# rows of the Forbes file that the source itself damaged (character encoding), left out
DAMAGED = {"Petrobras-Petrsleo Brasil", "Bbloise Group", "Red Eectrica de Espaqa", "CBD-Brasil Distribuieco",
           "Koe Group", "Itazsa"}
PATRONYMIC = {"Alexander": "Alexandrov", "Aleksandr": "Aleksandrov", "Sergei": "Sergeyev", "Dmitry": "Dmitriyev",
              "Andrei": "Andreyev", "Alexey": "Alexeyev", "Maxim": "Maximov", "Evgeny": "Evgenyev",
              "Ivan": "Ivanov", "Mikhail": "Mikhailov", "Artyom": "Artyomov", "Artem": "Artemov",
              "Roman": "Romanov", "Mark": "Markov", "Timofey": "Timofeyev", "Matvey": "Matveyev", "Lev": "Lvov"}
# words that may qualify a listed official name without changing the party (rule C)
QUALIFIERS = {"national", "research", "state", "federal", "public", "joint", "stock", "open", "closed", "the", "of",
              "and", "named", "after", "scientific", "technical", "autonomous", "budgetary",
              "educational", "institution", "higher", "professional", "education", "limited", "liability",
              "company", "corporation", "group", "holding", "holdings", "co", "ltd", "inc", "llc", "plc", "jsc",
              "ojsc", "pjsc", "pao", "oao", "ao", "ooo", "zao", "cjsc", "sa", "ag", "gmbh", "nv", "bv", "incorporated",
              "corp", "de", "in", "at", "for", "fgbou", "fgaou", "vo", "vpo", "government", "unitary", "enterprise"}
CORE_DROP = mv.LEGAL_TOKENS | {"group", "holding", "holdings", "the", "company", "corporation", "limited", "of", "and",
                               "joint", "stock", "public", "open", "closed", "cos", "groupe", "corp", "inc"}


SECTOR = {"oil", "gas", "bank", "banking", "telecom", "communications", "commun", "mining", "steel", "energy",
          "power", "airlines", "airways", "insurance", "financial", "finl", "industries", "industry", "inds",
          "electric", "electronics", "motor", "motors", "chemical", "chemicals", "petroleum", "intl",
          "international", "trading", "holding", "holdings", "technologies", "technology"}


def read_tsv(name):
    rows = []
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    rd = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for r in rd:
        rows.append(r)
    return rows


def strip_accents(s):
    return mv.fold(s)


# --------------------------------------------------------------------------------------------
# candidate organisations
# --------------------------------------------------------------------------------------------
def forbes_rows():
    out = []
    for r in read_tsv("forbes2000_2004.tsv"):
        name, country = r["name"].strip(), r["country"].strip()
        # the source CSV split some names across the country column ("Sanlam South","Africa")
        if country == "Kong/China" and name.endswith(" Hong"):
            name, cc = name[:-5], "HK"
        elif country == "Africa" and name.endswith(" South"):
            name, cc = name[:-6], "ZA"
        elif country == "Korea" and name.endswith(" South"):
            name, cc = name[:-6], "KR"
        else:
            cc = COUNTRY.get(country) or COUNTRY.get(country.split("/")[0].strip())
        if name.endswith(" of"):
            name = f"{name} {country}"  # "UES of" + "Russia"
        name = name.replace("`", "'")
        if name in DAMAGED or mv.letters(name) < 3 or mv.norm(name) in {"bank", "m"}:
            continue
        out.append({"query": name, "country": cc, "type": "entity", "category": "company",
                    "source": "Forbes 2000 (2004), curran/data Rdatasets/csv/HSAUR/Forbes2000.csv",
                    "rank": int(r["rank"])})
    return out


def sp500_rows():
    out = []
    for r in read_tsv("sp500_constituents.tsv"):
        name = r["name"].strip()
        if re.search(r"\((Class|Series) [BC]\)", name):
            continue
        name = re.sub(r"\s*\((Class|Series) A\)", "", name)
        out.append({"query": name, "country": "US", "type": "entity", "category": "company",
                    "source": "S&P 500 constituents, datasets/s-and-p-500-companies data/constituents.csv"})
    return out


def uae_rows():
    return [{"query": r["name"], "country": r["country"], "type": "entity", "category": "company",
             "source": "Forbes Middle East UAE 100 (2018) / CCSI EMGP UAE report (2016), public web pages"}
            for r in read_tsv("uae_companies.tsv")]


def university_rows():
    return [{"query": r["name"].strip(), "country": r["cc"], "type": "entity", "category": "university",
             "source": "Hipo/university-domains-list world_universities_and_domains.json"}
            for r in read_tsv("universities.tsv")]


def hospital_rows():
    return [{"query": r["name"].strip(), "country": "US", "type": "entity", "category": "hospital",
             "source": "castlight/chargemaster data/2013/hospital_info.js (CMS hospital names)"}
            for r in read_tsv("hospitals_us.tsv")]


# --------------------------------------------------------------------------------------------
# candidate persons: common given names x common surnames (sigpwned/popular-names-by-country-dataset)
# --------------------------------------------------------------------------------------------
def load_names():
    given, sur = defaultdict(list), defaultdict(list)
    for r in read_tsv("names.tsv"):
        if r["part"] == "given":
            given[(r["country"], r["gender"])].append(r["name"])
        else:
            sur[r["country"]].append(r["name"])
    return given, sur


def fem_surname(s, cc):
    if cc in ("RU", "KZ", "BY") and re.search(r"(ov|ev|in|yn|ёв)$", s):
        return s + "a"
    if cc == "PL" and re.search(r"(sk|ck|dzk)i$", s):
        return s[:-1] + "a"
    return s


CULTURES = [
    # (country, given countries, surname countries, how many, pattern)
    ("US", ["US"], ["US"], 45, "western"),
    ("GB", ["GB"], ["GB"], 20, "western"),
    ("DE", ["DE", "AT"], ["DE", "AT"], 20, "western"),
    ("FR", ["FR"], ["FR"], 20, "western"),
    ("IT", ["IT"], ["IT"], 15, "western"),
    ("PL", ["PL"], ["PL"], 15, "western"),
    ("ES", ["ES"], ["ES"], 20, "hispanic"),
    ("MX", ["MX"], ["MX"], 25, "hispanic"),
    ("AR", ["AR"], ["AR"], 10, "hispanic"),
    ("CO", ["CO"], ["CO"], 10, "hispanic"),
    ("BR", ["BR"], ["BR"], 25, "hispanic"),
    ("RU", ["RU"], ["RU"], 40, "russian"),
    ("UA", ["UA"], ["UA"], 20, "western"),
    ("BY", ["BY"], ["BY"], 6, "western"),
    ("KZ", ["KZ"], ["KZ"], 15, "western"),
    ("CN", ["CN"], ["CN"], 40, "chinese"),
    ("TW", ["TW"], ["TW"], 12, "chinese"),
    ("JP", ["JP"], ["JP"], 25, "japanese"),
    ("KR", ["KR"], ["KR"], 25, "chinese"),
    ("IN", ["IN"], ["IN"], 20, "western"),
    ("TR", ["TR"], ["TR"], 20, "western"),
]
ARAB = ["AE", "EG", "IQ", "JO", "KW", "LB", "LY", "SA", "DZ", "MA", "TN"]
ARAB_N = 66


def person_rows(rng):
    given, sur = load_names()
    out, seen = [], set()

    def add(q, cc):
        k = mv.norm(q)
        if k in seen:
            return False
        seen.add(k)
        out.append({"query": q, "country": cc, "type": "individual", "category": "person",
                    "source": "sigpwned/popular-names-by-country-dataset (common forenames x surnames)"})
        return True

    for cc, gcs, scs, n, pat in CULTURES:
        made, guard = 0, 0
        while made < n and guard < 5000:
            guard += 1
            gender = rng.choice(["M", "F"])
            gl = [g for c in gcs for g in given.get((c, gender), [])]
            if not gl:
                continue
            g = rng.choice(gl)
            scc = rng.choice(scs)
            s = rng.choice(sur[scc])
            if cc in ("CN", "JP", "TW"):
                g, s = strip_accents(g), strip_accents(s)
            if gender == "F":
                s = fem_surname(s, cc)
            if pat == "hispanic" and rng.random() < 0.5:
                s2 = rng.choice(sur[scc])
                if s2 != s:
                    s = f"{s} {s2}"
            if pat == "russian":
                if rng.random() < 0.5:
                    father = rng.choice([x for x in given[(cc, "M")] if x in PATRONYMIC])
                    base = PATRONYMIC[father]
                    pat_name = base[:-2] + ("ovich" if base.endswith("ov") else "evich") if gender == "M" else \
                        base[:-2] + ("ovna" if base.endswith("ov") else "evna")
                    q = f"{g} {pat_name} {s}"
                else:
                    q = f"{g} {s}"
            elif pat == "chinese":
                q = f"{s} {g}" if rng.random() < 0.5 else f"{g} {s}"
            elif pat == "japanese":
                q = f"{s} {g}" if rng.random() < 0.3 else f"{g} {s}"
            else:
                q = f"{g} {s}"
            if add(q, cc):
                made += 1
    # Arabic names: given name + father's name (+ grandfather's), the usual pattern; no family names were sourced
    made, guard = 0, 0
    while made < ARAB_N and guard < 5000:
        guard += 1
        cc = ARAB[made % len(ARAB)]
        gender = rng.choice(["M", "F"])
        gl = given.get((cc, gender)) or given.get((cc, "M"))
        ml = given.get((cc, "M"))
        g, f1 = rng.choice(gl), rng.choice(ml)
        if f1 == g:
            continue
        q = f"{g} {f1}"
        if rng.random() < 0.4:
            f2 = rng.choice(ml)
            if f2 not in (g, f1):
                q += f" {f2}"
        if add(q, cc):
            made += 1
    return out


# --------------------------------------------------------------------------------------------
# list check
# --------------------------------------------------------------------------------------------
def sorted_tokens(s, low_only=False):
    t = s.lower().split() if low_only else mv.norm(s).split()
    return " ".join(sorted(t))


RU_GIVEN_GROUPS = [g.split() for g in """
aleksandr alexander alexandr oleksandr aleksander
sergei sergey serguei serhiy
dmitry dmitriy dmitrii dmytro
andrei andrey andriy
alexey aleksei alexei aleksey
maxim maksim maksym
evgeny evgeniy yevgeny yevgeniy yevgen
mikhail michail mykhaylo mykhailo
artyom artem
yury yuri yuriy yurii
nikolai nikolay mykola
anatoly anatoliy
natalia natalya nataliya
yekaterina ekaterina
yelena elena olena
yulia yuliya julia
tatiana tatyana tetiana
anastasia anastasiya
sofiya sofia sophia
mariya maria
viktoriya victoria viktoria
yeva eva
""".strip().splitlines()]
CANON = {}
for _g in mv.AR_GROUPS + RU_GIVEN_GROUPS:
    for _w in _g:
        CANON.setdefault(_w, _g[0])


def canon_key(s):
    """Sorted tokens with common transliteration variants of given names mapped to one spelling."""
    return " ".join(sorted(CANON.get(w, w) for w in mv.norm(s).split()))


def no_paren(s):
    return re.sub(r"\([^)]*\)", " ", s)


def core_key(s):
    t = [w for w in mv.norm(no_paren(s)).split() if w not in CORE_DROP]
    return " ".join(sorted(t))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=mv.DEFAULT_LIST)
    ap.add_argument("--out", default=os.path.join(HERE, "unlisted.jsonl"))
    ap.add_argument("--audit", default=os.path.join(HERE, "unlisted_audit.tsv"))
    ap.add_argument("--seed", type=int, default=20260801)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)

    forbes = forbes_rows()
    fb_us = [r for r in forbes if r["country"] == "US"]
    fb_other = [r for r in forbes if r["country"] != "US"]
    sp = sp500_rows()
    unis = university_rows()
    hosp = hospital_rows()
    cand = []
    cand += fb_other                                   # all non-US Forbes rows read
    cand += rng.sample(fb_us, 70)                      # and a sample of the US ones
    cand += rng.sample(sp, 130)
    cand += uae_rows()
    by_cc = defaultdict(list)
    for r in unis:
        by_cc[r["country"]].append(r)
    for cc in sorted(by_cc):                           # at most 30 universities per country
        xs = by_cc[cc]
        cand += xs if len(xs) <= 30 else rng.sample(xs, 30)
    cand += rng.sample(hosp, 90)
    cand += person_rows(rng)
    # de-duplicate on the normalised name
    seen, uniq = set(), []
    for r in cand:
        k = mv.norm(r["query"])
        if k and k not in seen:
            seen.add(k)
            uniq.append(r)
    cand = uniq

    entries = mv.load_list(args.list)
    strings, owner = [], []
    for e in entries:
        for s in [e["n"]] + e["a"]:
            strings.append(s)
            owner.append(e["idx"])
    L_low = [sorted_tokens(s, True) for s in strings]
    L_norm = [sorted_tokens(s) for s in strings]
    L_core = [core_key(s) for s in strings]
    C_low = [sorted_tokens(r["query"], True) for r in cand]
    C_norm = [sorted_tokens(r["query"]) for r in cand]
    C_core = [core_key(r["query"]) for r in cand]

    drop = {}

    def hits(cs, ls, tag, idx=None):
        idx = range(len(cs)) if idx is None else idx
        for i in idx:
            if i in drop or not cs[i]:
                continue
            best = process.extractOne(cs[i], ls, scorer=fuzz.ratio, score_cutoff=95)
            if best:
                drop[i] = (tag, strings[best[2]], owner[best[2]], round(best[1], 1))

    hits(C_low, L_low, "A:token_sort_ratio>=95 (lower-cased)")
    hits(C_norm, L_norm, "A:token_sort_ratio>=95 (folded)")
    core_ok = [i for i, k in enumerate(C_core) if k and max((len(w) for w in k.split()), default=0) >= 3]
    L_core_nonempty = [k if k else "\x00" for k in L_core]
    hits(C_core, L_core_nonempty, "B:same core name without legal form / group words", core_ok)
    # D: persons, after mapping common transliteration variants of given names to one spelling
    L_canon = [canon_key(s) for s in strings]
    C_canon = [canon_key(r["query"]) for r in cand]
    hits(C_canon, L_canon, "D:token_sort_ratio>=95 after unifying name spellings (Mohammad/Mohammed...)",
         [i for i, r in enumerate(cand) if r["type"] == "individual"])
    # C: containment for organisations
    post = defaultdict(set)
    Lsets = []
    for j, s in enumerate(strings):
        ws = set(mv.norm(s).split())
        Lsets.append(ws)
        for w in ws:
            post[w].add(j)
    for i, r in enumerate(cand):
        if i in drop or r["type"] != "entity":
            continue
        C = {w for w in mv.norm(no_paren(r["query"])).split() if w not in QUALIFIERS and w not in mv.LEGAL_TOKENS
             and w not in mv.STOP}
        if len(C) < 2 or not any(len(w) >= 4 and w not in mv.ENGLISH_ALL for w in C):
            continue
        js = None
        for w in sorted(C, key=lambda w: len(post.get(w, ()))):
            js = set(post.get(w, set())) if js is None else js & post.get(w, set())
            if not js:
                break
        for j in sorted(js or ()):
            extra = Lsets[j] - C
            if extra <= QUALIFIERS | mv.LEGAL_TOKENS | mv.STOP:
                drop[i] = ("C:listed under a longer official name", strings[j], owner[j], 100)
                break

    # B2: organisations, identical names once legal forms, group words and sector words are removed, when
    #     what is left is a distinctive (non-dictionary) word ("Surgutneftegas Oil" vs "SURGUTNEFTEGAS")
    def core2(x):
        return " ".join(sorted(w for w in mv.norm(no_paren(x)).split() if w not in CORE_DROP and w not in SECTOR))
    by_core2 = defaultdict(list)
    for j, s_ in enumerate(strings):
        k = core2(s_)
        if k:
            by_core2[k].append(j)
    for i, r in enumerate(cand):
        if i in drop or r["type"] != "entity":
            continue
        k = core2(r["query"])
        if k and k in by_core2 and any(len(w) >= 5 and w not in mv.ENGLISH_ALL for w in k.split()):
            j = by_core2[k][0]
            drop[i] = ("B:same core name without legal form / group / sector words", strings[j], owner[j], 100)

    kept = [r for i, r in enumerate(cand) if i not in drop]
    # audit: nearest listed string for kept lines (token_sort on folded names)
    kept_norm = [sorted_tokens(r["query"]) for r in kept]
    with open(args.out, "w", encoding="utf-8") as f:
        for r in kept:
            f.write(json.dumps({"query": r["query"], "country": r["country"], "type": r["type"],
                                "source": r["source"], "category": r["category"]}, ensure_ascii=False) + "\n")
    with open(args.audit, "w", encoding="utf-8") as f:
        f.write("query\tcategory\tnearest_listed_name\tentry\ttoken_sort_ratio\n")
        for r, k in zip(kept, kept_norm):
            best = process.extractOne(k, L_norm, scorer=fuzz.ratio)
            f.write(f"{r['query']}\t{r['category']}\t{strings[best[2]]}\t{owner[best[2]]}\t{best[1]:.1f}\n")
    with open(os.path.join(HERE, "unlisted_dropped.tsv"), "w", encoding="utf-8") as f:
        f.write("candidate\tcategory\trule\tlisted_name\tentry\tscore\n")
        for i in sorted(drop):
            tag, s, o, sc = drop[i]
            f.write(f"{cand[i]['query']}\t{cand[i]['category']}\t{tag}\t{s}\t{o}\t{sc}\n")
    cats = Counter(r["category"] for r in kept)
    print(f"candidates {len(cand)}, dropped {len(drop)} ({Counter(v[0][0] for v in drop.values())}), "
          f"kept {len(kept)}: {dict(cats)}", file=sys.stderr)


if __name__ == "__main__":
    main()
