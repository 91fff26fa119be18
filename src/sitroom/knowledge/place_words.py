"""Words that name towns somewhere but are no place in English prose (extract/places.py reads them).

GeoNames lists villages called And, Many, She or Easter; a capitalised function
word, pronoun or holiday at a sentence start is never a toponym. Function words
and pronouns come from spaCy's English stop-word list; the rest are here.
"""

from __future__ import annotations

import functools

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


# AP-style state abbreviations ("Alexandria, Minn."), which no gazetteer lists as names.
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nebr.": "Nebraska", "Nev.": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Oreg.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "W. Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "District of Columbia",
}
