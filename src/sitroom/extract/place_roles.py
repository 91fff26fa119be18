"""A place name that modifies a noun tells whose the noun is, not where something happened.

"300 U.S. advisers", "Iraqi army soldiers", "Iran's foreign ministry": the place is a
nationality or an owner. Figures (`extract.claims`) and events (`extract.event_roles`) both
ask this one question before they place a fact; a place that is itself the modified noun's
kind ("the Baghdad province", "Mosul airport") is not an owner.
"""

from __future__ import annotations

from sitroom.knowledge.place_words import RESIDENT_NOUNS

MODIFIER_DEPS = ("compound", "amod", "poss", "nmod")
PLACE_ENTITY_TYPES = ("GPE", "LOC", "FAC")


def owned_nouns(doc, place) -> list:
    """The nouns the place name tells the owner or nationality of, nearest first: "300 U.S. military
    advisers" → [advisers]; "Iraqi army soldiers" → [army, soldiers]. Empty when the name is not a
    modifier, or modifies a place. An adjective between them ("U.S. military advisers") is passed over."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return []
    tok, out = span.root, []
    while tok.dep_ in MODIFIER_DEPS and tok.head.i != tok.i and not span.start <= tok.head.i < span.end:
        head = tok.head
        if head.pos_ == "ADJ" and head.dep_ == "amod":
            tok = head
            continue
        if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in PLACE_ENTITY_TYPES:
            break
        out.append(head)
        tok = head
    return out


def tells_whose(doc, place, noun=None) -> bool:
    """Does the place name only say whose something is (of `noun` when given: the thing a figure counts)?"""
    owned = owned_nouns(doc, place)
    return bool(owned) if noun is None else any(t.i == noun.i for t in owned)


def names_residents(doc, place) -> bool:
    """Does the place name call people after where they live ("a Lebanon man", "the Jordan teenager")?
    English calls a country's people by its adjective, so such a name is a town or a state."""
    owned = owned_nouns(doc, place)
    return bool(owned) and owned[0].text.lower() in RESIDENT_NOUNS
