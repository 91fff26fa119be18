"""Which named armed group a generic word for fighters stands for, where the text says so.

"militants", "insurgents", "fighters", "gunmen" name no one. A document links such a word to a
named group by the parse:
- a name modifying it: "Northern Front militants";
- "of" / "from": "fighters of the Northern Front", "the militants from the Northern Front";
- apposition or "known as": "the militant group, the Northern Front", "hill fighters, known as the Wardens";
- membership in a clause: "the gunmen, who belong to the Northern Front", "the attackers were members of …".
An identity the text hedges ("militants believed to be X", "insurgents, possibly X fighters")
is no link: the event keeps X as a hedged actor of its own (`event_roles`), and the report's
other uses of that word are not linked either (the text doubts who they are).

Decision on the rest of the document: once a document links a word to exactly one group, the
same word elsewhere in it ("the militants seized the town") stands for that group: that is the
text's own coreference. A word linked to two groups (X's fighters and Y's fighters) stands for
neither, and a phrase that adds its own description ("Kurdish fighters", "tribal gunmen") is
linked only by a link of that very phrase. A document that never links the word, even one whose
only named armed group is X, links nothing: its gunmen may belong to a group it does not name.
"""

from __future__ import annotations

import re

from sitroom.extract.context import doc_ents, doc_text
from sitroom.knowledge.sides import (
    ACTOR_HEDGE_VERBS,
    ACTOR_HEDGE_WORDS,
    GENERIC_DESCRIPTIONS,
    GENERIC_FIGHTERS,
    MEMBERSHIP_WORDS,
    NAMING_WORDS,
)

NOT_GROUP_ENTITIES = {"GPE", "LOC", "FAC", "PERSON", "DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def _stem(word: str) -> str | None:
    """The generic word a token is, singular: "Militants" → "militant", "gunmen" → "gunman"."""
    low = word.lower()
    for stem in GENERIC_FIGHTERS:
        if low == stem or low == stem + "s" or (stem.endswith("man") and low == stem[:-3] + "men"):
            return stem
    return None


def _is_group(tok) -> bool:
    """A token naming an organisation: a proper name that is no place, person or date."""
    if tok.ent_type_ in NOT_GROUP_ENTITIES or not tok.text[:1].isupper() or _stem(tok.text) \
            or tok.lower_ in GENERIC_DESCRIPTIONS:  # "Radical Islamist militants", "Militant fighters"
        return False
    # a nationality or creed ("Sunni", "Kurdish": NORP) describes fighters, it names no group
    return tok.ent_type_ in {"ORG", "PRODUCT"} or (tok.pos_ == "PROPN" and tok.ent_type_ != "NORP")


def _group_name(tok) -> str:
    """The group's name as written: its entity, else the phrase it heads, up to a comma or "or"."""
    return re.split(r",| \(| or ", _written_name(tok))[0].strip()


def _written_name(tok) -> str:
    if tok.ent_type_ == "ORG":
        ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None)
        if ent is not None:
            words = []
            for t in ent:  # "the Lord's Resistance Army, or LRA": up to the comma
                if t.text in {",", "(", "—"} or (t.lower_ == "or" and words):
                    break
                if t.lower_ != "the" or words:
                    words.append(t)
            if words:
                return doc_text(tok.doc)[words[0].idx:words[-1].idx + len(words[-1].text)]
    alias = next((c for c in tok.children if c.dep_ in {"conj", "appos"} and c.ent_type_ == "ORG"), None)
    if alias is not None:  # "the Lord's Resistance Army, or LRA": the name the parse is sure of
        return _written_name(alias)
    kept = []
    for t in tok.subtree:
        if t.i > tok.i and t.head.i == tok.i and t.dep_ in {"cc", "conj", "punct", "relcl", "acl", "appos"}:
            break
        if t.i < tok.i and t.dep_ not in {"compound", "amod"}:
            continue
        kept.append(t)
    return doc_text(tok.doc)[kept[0].idx:kept[-1].idx + len(kept[-1].text)] if kept else tok.text


def _hedged(tok) -> bool:
    return any(c.lower_ in ACTOR_HEDGE_WORDS for c in tok.children) or (
        tok.dep_ in {"attr", "xcomp"} and tok.head.head.lower_ in ACTOR_HEDGE_VERBS)


def _group_of(word):
    """The named group the parse ties this generic word to, or None."""
    for c in word.children:
        if c.dep_ in {"compound", "amod", "poss"} and c.i < word.i and _is_group(c) and c.ent_type_ in {"ORG", "PRODUCT"}:
            return _group_name(c)  # "Northern Front militants"
        if c.dep_ == "prep" and c.lower_ in {"of", "from"}:  # "militants of / from X"
            g = next((o for o in c.children if o.dep_ == "pobj"), None)
            if g is not None and _is_group(g):
                return _group_name(g)
        if c.dep_ == "appos" and _is_group(c) and not _hedged(c):  # "the militant group, X"
            return _group_name(c)
        if c.dep_ in {"acl", "relcl"} and c.lower_ not in ACTOR_HEDGE_VERBS:  # "known as X", "who belong to X"
            found = _member_of(c)
            if found is not None:
                return found
    if word.dep_ == "nsubj" and (word.head.lemma_ == "be" or word.head.lower_ in {"is", "are", "was", "were"}):  # "the attackers were members of X"
        return _member_of(word.head)
    return None


def _hedges_identity(word) -> bool:
    """"militants believed to be X", "insurgents, possibly X fighters": the text doubts who they are."""
    return any((c.dep_ in {"acl", "relcl"} and c.lower_ in ACTOR_HEDGE_VERBS) or (c.dep_ == "appos" and _hedged(c))
               for c in word.children)


def _member_of(clause):
    """X in "known as X", "who belong to X", "(are) members / part of X", "loyal to X"."""
    for t in clause.subtree:
        if t.dep_ == "pobj" and _is_group(t) and t.head.lower_ in {"as", "to", "of"}:
            anchor = t.head.head
            base = anchor.lemma_ or anchor.lower_  # the parse may leave nouns without a lemma
            if anchor.lower_ in NAMING_WORDS or base in MEMBERSHIP_WORDS or base[:-1] in MEMBERSHIP_WORDS:
                return _group_name(t)
    return None


def _words(name: str) -> list[str]:
    return [w for w in name.lower().replace(",", " ").split() if w not in {"the", "a", "an"}]


def document_links(doc) -> tuple[dict[str, str], dict[str, str]]:
    """(phrase → group, generic word → group) for one document: the phrases the text links, and
    the generic words it links to one group only."""
    cached = doc.user_data.get("sitroom_actor_groups")
    if cached is not None:
        return cached
    phrases: dict[str, str] = {}
    by_word: dict[str, set[str]] = {}
    bare: set[str] = set()
    doubted: set[str] = set()
    for tok in doc:
        stem = _stem(tok.text) or (tok.lower_ == "group" and next(
            (s for c in tok.children if c.dep_ == "amod" for s in [_stem(c.text)] if s), None))
        if not stem or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if _hedges_identity(tok):
            doubted.add(stem)  # "militants believed to be X": the report itself is unsure who its militants are
        group = _group_of(tok)
        if group is None or _hedged(tok):
            continue
        mods = [c.text for c in tok.lefts if c.dep_ in {"amod", "compound"} and not _is_group(c)]
        if any(m.lower() not in GENERIC_DESCRIPTIONS and not _stem(m) for m in mods):
            phrases[" ".join(_words(" ".join([*mods, tok.text])))] = group  # "hill fighters, known as X"
        else:  # only a bare "militants" stands for every "militants" of the document
            bare.add(stem)
        by_word.setdefault(stem, set()).add(group)  # "Kurdish fighters, known as Y" makes "fighters" ambiguous
    words = {w: next(iter(gs)) for w, gs in by_word.items() if len(gs) == 1 and w in bare and w not in doubted}
    doc.user_data["sitroom_actor_groups"] = (phrases, words)
    return phrases, words


def group_of(doc, name: str | None) -> str | None:
    """The named group an actor phrase of this document stands for, when the text links it."""
    if not name:
        return None
    phrases, words = document_links(doc)
    key = " ".join(_words(name))
    if key in phrases:
        return phrases[key]
    stems = [_stem(w) for w in key.split()]
    if not stems or stems[-1] is None:
        return None  # "militants' weapons", "security forces": not a generic word for fighters
    if any(s is None and w not in GENERIC_DESCRIPTIONS for s, w in zip(stems, key.split())):
        return None  # "Kurdish fighters" says more than "fighters"
    found = {words[s] for s in stems if s in words}
    return next(iter(found)) if len(found) == 1 else None


def groups_of(doc, names) -> dict[str, str]:
    """{actor phrase: named group} for the phrases of this document the text links to a group,
    leaving out a phrase that names the group itself ("ISIS fighters")."""
    out = {}
    for n in names:
        g = group_of(doc, n)
        if g and g.lower() not in n.lower():
            out[n] = g
    return out
