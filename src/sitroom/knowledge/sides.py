"""Which side an actor phrase is on: what "compatible actors" means when merging reports, and
whether a statement about a side comes from that side itself."""

from __future__ import annotations

from typing import Iterable

# One lexicon of actor words (lower case): (word, kind, side).
#   kind: "state" (forces of a government or fighting for one) or "non-state" (rebels, militants, gangs), read by
#         the event typer (regains vs overtakes, arrest vs abduction) as whole words; None for words that
#         describe or place an actor without naming one ("radical", "kurdish", "the government" as a speaker);
#   side: the party of the conflict the word puts a name on, for merging reports and self-reports ("isis",
#         "kurdish", "government"), read inside longer names ("militants" → isis, "policeman" → government);
#         None for words that tell the kind but no party (a "rebel" may fight any government). Acronyms and
#         allied foreign forces get no side: a short acronym read inside a word would name the wrong party.
# Sides are tried in SIDE_ORDER: a name is on its first matching side ("kurdish troops" → kurdish).
SIDE_ORDER = ("isis", "kurdish", "government")
_S, _N = "state", "non-state"
ACTOR_LEXICON: tuple[tuple[str, str | None, str | None], ...] = (
    # the Islamic State and the generic words for jihadist fighters
    ("isis", _N, "isis"), ("isil", _N, "isis"), ("islamic state", _N, "isis"), ("militant", _N, "isis"),
    ("militants", _N, "isis"), ("jihadist", _N, "isis"), ("jihadists", _N, "isis"), ("insurgent", _N, "isis"),
    ("insurgents", _N, "isis"), ("extremist", None, "isis"), ("extremists", _N, "isis"), ("radical", None, "isis"),
    ("islamist", None, "isis"),
    # Kurdish forces: the Peshmerga are the regional government's army
    ("peshmerga", _S, "kurdish"), ("kurdish", None, "kurdish"), ("kurd", None, "kurdish"),
    # state forces: generic nouns, with the government's side
    ("army", _S, "government"), ("armed forces", _S, "government"), ("military", _S, "government"),
    ("government", None, "government"), ("government forces", _S, "government"),
    ("government troops", _S, "government"), ("security forces", _S, "government"),
    ("iraqi forces", _S, "government"), ("police", _S, "government"), ("soldiers", _S, "government"),
    ("troops", _S, "government"), ("gendarmes", _S, "government"), ("gendarmerie", _S, "government"),
    ("national guard", _S, "government"), ("marines", _S, "government"), ("state forces", _S, "government"),
    ("federal forces", _S, "government"), ("special forces", _S, "government"), ("commandos", _S, "government"),
    ("paramilitary police", _S, "government"), ("authorities", _S, "government"), ("officers", _S, "government"),
    # forces fighting for a government, and national armies named by acronym: the kind only
    ("forces loyal to the government", _S, None), ("pro-government", _S, None), ("government-aligned", _S, None),
    ("government-backed", _S, None), ("loyalist", _S, None), ("regime forces", _S, None),
    ("defence forces", _S, None), ("defense forces", _S, None), ("fama", _S, None), ("fardc", _S, None),
    ("fanb", _S, None), ("idf", _S, None), ("saf", _S, None), ("sudanese armed forces", _S, None), ("ana", _S, None),
    ("ansf", _S, None), ("tatmadaw", _S, None), ("wagner", _S, None), ("africa corps", _S, None),
    ("volunteers for the defense of the homeland", _S, None), ("vdp", _S, None),
    ("civilian joint task force", _S, None),
    # non-state armed actors: generic words
    ("rebels", _N, None), ("rebel", _N, None), ("fighters", _N, None), ("militia", _N, None),
    ("militiamen", _N, None), ("gang", _N, None), ("gangs", _N, None), ("gunmen", _N, None), ("bandits", _N, None),
    ("armed group", _N, None), ("separatists", _N, None), ("cartel", _N, None), ("guerrillas", _N, None),
    ("guerrilla", _N, None), ("paramilitaries", _N, None), ("armed men", _N, None), ("clan", _N, None),
    ("tribal", _N, None), ("paramilitary", _N, None),
    # self-defence militias are armed civilians, not a state's "defence forces"
    ("self-defense forces", _N, None), ("self-defence forces", _N, None), ("self-defense groups", _N, None),
    ("self-defence groups", _N, None),
    # named non-state groups, including those whose names sound like state forces ("Rapid Support Forces")
    ("al-shabaab", _N, None), ("al shabaab", _N, None), ("boko haram", _N, None), ("taliban", _N, None),
    ("jnim", _N, None), ("rapid support forces", _N, None), ("rsf", _N, None), ("syrian democratic forces", _N, None),
    ("sdf", _N, None), ("ypg", _N, None), ("tigray defence forces", _N, None), ("tdf", _N, None), ("m23", _N, None),
    ("adf", _N, None), ("allied democratic forces", _N, None), ("hts", _N, None), ("iswap", _N, None),
    ("hezbollah", _N, None), ("hamas", _N, None), ("houthis", _N, None), ("houthi", _N, None),
    ("ansar allah", _N, None), ("al-qaeda", _N, None), ("aqap", _N, None), ("fano", _N, None),
    ("people's defence forces", _N, None), ("kachin independence army", _N, None), ("arakan army", _N, None),
    ("eln", _N, None), ("farc", _N, None), ("cpc", _N, None), ("coalition of patriots", _N, None),
    ("ambazonian", _N, None), ("azawad", _N, None), ("csp", _N, None),
)
SIDES = {side: tuple(w for w, _, s in ACTOR_LEXICON if s == side) for side in SIDE_ORDER}
STATE_ACTORS = tuple(w for w, kind, _ in ACTOR_LEXICON if kind == _S)
NON_STATE_ACTORS = tuple(w for w, kind, _ in ACTOR_LEXICON if kind == _N)
# The sides that are governments' forces (the Kurdish region's Peshmerga included): a territory regained by them is
# a government's, when the actor phrase names no kind of actor ("the government", "Kurdish forces").
GOVERNMENT_SIDES = frozenset({"government", "kurdish"})


def sides(names: Iterable[str]) -> set[str]:
    """The sides the names are on (each name on its first matching side)."""
    out = set()
    for n in names:
        low = n.lower()
        for side, words in SIDES.items():
            if any(w in low for w in words):
                out.add(side)
                break
    return out


# Words that hedge who an actor is ("possibly ISIS fighters", "suspected militants", "militants
# believed to be ISIS"): kept with the actor, never dropped. Adverbs and adjectives on the name:
ACTOR_HEDGE_WORDS = frozenset({"possibly", "probably", "likely", "reportedly", "allegedly", "purportedly",
                               "apparently", "presumably", "suspected", "alleged", "presumed", "purported"})
# Verbs of "X believed to be Y" / "X thought to be Y": the identity Y is hedged by the verb.
ACTOR_HEDGE_VERBS = frozenset({"believed", "thought", "suspected", "said", "reported", "presumed", "alleged"})

# Generic words for fighters that name no group (singular; "gunman" covers "gunmen"): the text may
# link them to a named group ("militants of X"), see `sitroom.extract.actor_groups`.
GENERIC_FIGHTERS = ("militant", "insurgent", "fighter", "gunman", "jihadist", "extremist", "rebel", "islamist",
                    "attacker")
# Words that describe such fighters without telling whose they are ("radical Islamist militants").
GENERIC_DESCRIPTIONS = frozenset({"militant", "radical", "extremist", "islamist", "jihadist", "armed", "militants"})
# Lemmas that make a clause tell membership: "who belong to X", "members of X", "part of X", "loyal to X".
MEMBERSHIP_WORDS = frozenset({"belong", "member", "part", "loyal", "affiliate", "affiliated"})
# Participles that give a name: "fighters known as X", "a militia called X".
NAMING_WORDS = frozenset({"known", "called", "named"})

# People who are no party to the fighting: as the target of a killing they are its victims
# (ACLED's "Civilians" actor2 and civilian_targeting).
# The nouns for civilians that both the victims of a killing (here) and the unarmed targets that make an
# attack no clash (`event_cues.CIVILIAN_TARGETS`) are named by.
CIVILIAN_NOUNS = frozenset({"civilian", "civilians", "people", "residents", "villagers", "worshippers", "passengers",
                            "students", "children", "women", "families", "pilgrims", "journalists", "shoppers",
                            "farmers", "aid workers", "patients"})
CIVILIAN_WORDS = CIVILIAN_NOUNS | {"person", "protesters", "demonstrators", "workers", "detainees", "prisoners",
                                   "hostages", "bystanders", "refugees"}


IRREGULAR_PLURALS = {"person": "people", "child": "children", "woman": "women", "man": "men"}


def plural_of(name: str) -> str:
    """A victims phrase with its last word in the plural ("one person" and "20 people" are one kind of victim)."""
    head, _, last = name.rpartition(" ")
    low = last.lower()
    plural = IRREGULAR_PLURALS.get(low) or (last if low.endswith("s") or low in IRREGULAR_PLURALS.values() else last + "s")
    return f"{head} {plural}" if head else plural


def is_civilian(name: str | None) -> bool:
    """Does an actor phrase name civilians ("9 farmers", "hill villagers")?"""
    return bool(name) and name.lower().split()[-1] in CIVILIAN_WORDS


def actors_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two actor lists may be one party: a side unknown on either, or a side in common."""
    sa, sb = sides(a), sides(b)
    return not sa or not sb or bool(sa & sb)
