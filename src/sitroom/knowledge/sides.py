"""Which side an actor phrase is on: what "compatible actors" means when merging reports, and
whether a statement about a side comes from that side itself."""

from __future__ import annotations

from typing import Iterable

SIDES = {
    "isis": ("isis", "isil", "islamic state", "militant", "jihadist", "insurgent", "extremist", "radical", "islamist"),
    "kurdish": ("peshmerga", "kurdish", "kurd"),
    "government": ("army", "military", "government", "security forces", "iraqi forces", "police", "soldiers", "troops"),
}


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
# attack no clash (`event_types.CIVILIAN_TARGETS`) are named by.
CIVILIAN_NOUNS = frozenset({"civilian", "civilians", "people", "residents", "villagers", "worshippers", "passengers",
                            "students", "children", "women", "families", "pilgrims", "journalists", "shoppers",
                            "farmers", "aid workers", "patients"})
CIVILIAN_WORDS = CIVILIAN_NOUNS | {"person", "protesters", "demonstrators", "workers", "detainees", "prisoners",
                                   "hostages", "bystanders", "refugees"}


def is_civilian(name: str | None) -> bool:
    """Does an actor phrase name civilians ("9 farmers", "hill villagers")?"""
    return bool(name) and name.lower().split()[-1] in CIVILIAN_WORDS


def actors_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two actor lists may be one party: a side unknown on either, or a side in common."""
    sa, sb = sides(a), sides(b)
    return not sa or not sb or bool(sa & sb)
