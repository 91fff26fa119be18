"""Words that name towns somewhere but are no place in English prose (extract/places.py reads them).

GeoNames lists villages called And, Many, She or Easter; a capitalised function
word, pronoun or holiday at a sentence start is never a toponym. Function words
and pronouns come from spaCy's English stop-word list; the rest are here.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from sitroom.knowledge.cues import MONTH_ABBREVIATIONS

HOLIDAYS = {
    "christmas", "easter", "thanksgiving", "halloween", "hanukkah", "ramadan", "eid", "passover", "lent",
    "new year", "new years", "independence day", "memorial day", "labor day", "veterans day", "valentine",
    "mardi gras", "diwali", "yom kippur", "rosh hashanah", "good friday", "boxing day", "christmas eve",
}
# Common nouns and adjectives written with a capital in headlines and at sentence starts.
COMMON_WORDS = {
    "day", "man", "old", "lot", "act", "wow", "was", "city", "town", "village", "county", "district",
    "central", "voters", "king", "subway", "titan", "city of", "village of", "town of",
    "dec", "sgt", "mr", "mrs", "ms", "dr",
    # English words GeoNames also lists as towns, capitalised in headlines, names and sentence starts
    "metro", "region", "coast", "strip", "economy", "financial", "movement", "enterprise", "supreme", "caring",
    "love", "free", "beer", "early", "refuge", "fly", "vista", "shoreline", "centennial",
}
# Abbreviated months and weekdays ("Jan. 5", "Mon."), which GeoNames lists as villages somewhere.
DATE_ABBREVIATIONS = MONTH_ABBREVIATIONS | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat"}

# Countries and states that are also given names: alone, NER's "person" may be right ("Chad said").
GIVEN_NAMES = {"chad", "jordan", "georgia", "israel", "india", "kenya", "china", "niger"}


# A price written with a bare currency sign tells whose press wrote the story, so which country its
# ambiguous names lie in when nothing else says ("a $2 million bridge" in a story naming only "Dover"); a sign
# naming its country ("US$", "C$", "A$") is how the foreign press writes a currency, no vote (nor "€",
# shared by many countries). Regular expression -> the country it votes for (extract/place_rank.py).
CURRENCY_COUNTRIES = (
    (r"(?<![A-Za-z$])\$\s?\d", "US"),
    (r"£\s?\d", "GB"),
    (r"₹\s?\d", "IN"),
)


# One person called after the place they live in: "a Lebanon man", "the Jordan teenager". English
# calls a country's people by its adjective ("a Lebanese man"), so a place name used so is a town or a
# state. Singular only: "Canada residents" is written too, "a Canada man" hardly.
RESIDENT_NOUNS = {
    "man", "woman", "resident", "family", "couple", "teen", "teenager", "boy", "girl", "mother", "father",
    "native", "motorist", "motorcyclist", "homeowner",
}


# Adjectives and nouns of peoples that no suffix rule turns into their country's name (extract/places.py
# derives the regular ones: Sudanese -> Sudan, Iraqi -> Iraq, Canadians -> Canada).
DEMONYMS = {
    "american": "United States", "americans": "United States", "irish": "Ireland", "british": "United Kingdom",
    "briton": "United Kingdom", "britons": "United Kingdom", "english": "England", "welsh": "Wales",
    "scottish": "Scotland", "scots": "Scotland", "french": "France", "dutch": "Netherlands", "swiss": "Switzerland",
    "greek": "Greece", "greeks": "Greece", "cypriot": "Cyprus", "cypriots": "Cyprus", "czech": "Czechia",
    "czechs": "Czechia", "sinhalese": "Sri Lanka", "thai": "Thailand", "filipino": "Philippines",
    "filipinos": "Philippines", "danish": "Denmark", "dane": "Denmark", "danes": "Denmark", "swedish": "Sweden",
    "swede": "Sweden", "swedes": "Sweden", "finnish": "Finland", "polish": "Poland", "pole": "Poland",
    "poles": "Poland", "spanish": "Spain", "spaniard": "Spain", "spaniards": "Spain", "portuguese": "Portugal",
    "lebanese": "Lebanon", "chinese": "China", "maltese": "Malta", "congolese": "Congo", "afghan": "Afghanistan",
    "afghans": "Afghanistan", "saudi": "Saudi Arabia", "saudis": "Saudi Arabia", "emirati": "United Arab Emirates",
    "argentine": "Argentina", "mexican": "Mexico", "mexicans": "Mexico", "burmese": "Myanmar",
    "kiwi": "New Zealand", "icelandic": "Iceland", "norwegian": "Norway", "norwegians": "Norway",
    "nigerian": "Nigeria", "nigerians": "Nigeria", "belgian": "Belgium", "belgians": "Belgium", "ukrainian": "Ukraine", "ukrainians": "Ukraine",
}


# Local bodies named after their town or county: "<place> Police Department", "<place> County Jail".
LOCAL_BODIES = {
    "police", "sheriff", "sheriffs", "fire", "city", "town", "village", "county", "township", "borough", "council",
    "school", "schools", "high", "middle", "elementary", "public", "board", "hospital", "jail", "court", "courthouse",
    "library", "airport", "chamber", "mayor", "parish", "municipal", "district", "commission",
    "department", "post", "memorial", "regional", "community", "area", "cemetery", "zoo", "museum",
    # newspapers named after their town ("Mt. Pleasant News")
    "news", "times", "herald", "gazette", "tribune", "journal", "register", "courier", "chronicle", "observer",
    "daily", "press", "telegraph", "sentinel", "examiner", "dispatch", "bulletin", "reporter", "enquirer", "inquirer",
}


# Words that make a name a street, a road or a body of water, not the town it shares a word with
# ("Memphis St.", "Neches River", "Lake Cumberland").
WAY_AND_WATER_WORDS = (
    "Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Drive", "Dr.", "Boulevard", "Blvd.", "Lane", "Ln.",
    "Parkway", "Pkwy.", "Pike", "Trail", "Terrace", "River", "Creek", "Lake", "Pond", "Brook", "Reservoir",
)  # not "Court" or "Highway": "Allegheny County Court" and "Florida Highway Patrol" name places


def is_local_body(word: str) -> bool:
    """The word after a place's name that makes the name a local body's ("Police", "Hospital")."""
    return word.lower().strip(".") in LOCAL_BODIES


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # spaCy is a dependency; stay importable without it
        return frozenset()
    return frozenset(STOP_WORDS)


def is_junk(text: str, key: str) -> bool:
    """A mention (`text`, its name `key`) that is a function word, pronoun ("He's"), holiday or common
    word. An all-capitals abbreviation ("US") is not a word."""
    if not key:
        return True
    head, _, tail = text.lower().replace("’", "'").partition("'")
    if tail in ("s", "ll", "re", "ve", "d", "m", "t") and head in stop_words():
        return True  # "He's", "I've"
    if key in HOLIDAYS or key in COMMON_WORDS or key in DATE_ABBREVIATIONS:
        return True
    if key in stop_words():
        return not (text.isupper() and len(text) >= 2)
    return False


ABBREVIATIONS_FILE = Path(__file__).parent / "data" / "admin_abbreviations.csv"


@functools.lru_cache(maxsize=1)
def division_abbreviations() -> tuple[tuple[str, str, str, bool], ...]:
    """(abbreviation, country code, division's name, alone) for each abbreviation of data/admin_abbreviations.csv,
    the one list of them: the gazetteer indexes those that may stand alone ("NSW"), extract/places.py reads
    the others ("Minn.") where the text puts a place."""
    with open(ABBREVIATIONS_FILE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    return tuple((a, r["country"], r["name"], r["alone"].strip().lower() == "yes")
                 for r in rows for a in r["abbreviations"].split("|") if a)


def demonym_stems(word: str) -> list[str]:
    """Country names a demonym may come from: Sudanese -> Sudan, Egyptian -> Egypt, Iraqi -> Iraq."""
    w = word.strip()
    if w.lower() in DEMONYMS:
        return [DEMONYMS[w.lower()]]
    if w.endswith("s") and w[:-1].endswith(("an", "i")):  # "Americans", "Palestinians", "Iraqis"
        w = w[:-1]
    out = []
    for suffix, repl in (("ese", ""), ("ian", ""), ("ian", "ia"), ("ian", "e"), ("an", "a"), ("an", ""),
                         ("i", ""), ("ish", ""), ("ish", "ey"), ("ean", "ea"), ("n", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            out.append(w[: -len(suffix)] + repl)
    # the longest stem first: "Nigerian" is Nigeria's before it is Niger's
    return sorted(dict.fromkeys(out), key=len, reverse=True)
