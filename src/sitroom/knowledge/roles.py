"""Roles of named people as news states them, found on the spaCy parse of one document.

Two shapes cover almost all of wire-style copy:
  pre-nominal titles  "White House spokesman Jay Carney", "U.N. High Commissioner for Human Rights Navi Pillay"
  appositions         "Patrick Youssef, head of the ICRC delegation in Iraq"
spaCy's small model has no role labels and often folds a title into the PERSON span
("Ayatollah Ali Khamenei"), so titles are peeled off names here and words are read
against a small lexicon of office nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Nouns that head a role: a span of title words counts as a role only when it holds one.
ROLE_HEADS = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary", "commissioner",
    "ayatollah", "sheikh", "shaikh", "imam", "cleric", "leader", "head", "chief", "director", "mayor",
    "governor", "commander", "general", "gen.", "adm.", "admiral", "colonel", "col.", "lt.", "maj.",
    "ambassador", "envoy", "representative", "chairman", "chairwoman", "speaker", "king", "prince",
    "emir", "premier", "chancellor", "senator", "sen.", "rep.", "official", "officer", "adviser",
    "advisor", "analyst", "correspondent", "mufti", "cardinal", "pope", "judge", "prosecutor",
    "coordinator", "founder", "member", "deputy", "lawmaker", "ruler", "monarch", "sultan", "caliph",
}
# Nouns for people who speak for, work for or belong to someone ("a lawyer for Vidal", "an aide to the
# minister", "a physician at the hospital"): such a phrase names its head, not the one after the preposition.
AGENT_NOUNS = {
    "lawyer", "lawyers", "attorney", "attorneys", "counsel", "aide", "aides", "representative", "representatives",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisers", "advisor", "advisors", "assistant",
    "staffer", "staffers", "employee", "employees", "physician", "doctor", "doctors", "surgeon", "nurse",
    "friend", "friends", "relative", "relatives", "wife", "husband", "son", "daughter", "brother", "sister",
    "mother", "father", "colleague", "colleagues", "neighbor", "neighbour", "agent", "manager", "official",
    "officials", "source", "sources", "member", "members", "supporter", "supporters", "critic", "critics",
}
# Lower-case words that may sit inside a title ("ministry spokeswoman", "former Iraqi leader").
TITLE_MODIFIERS = {
    "former", "longtime", "senior", "deputy", "acting", "interim", "top", "chief", "supreme", "grand",
    "military", "army", "ministry", "department", "government", "police", "security", "foreign",
    "defense", "defence", "interior", "state", "national", "regional", "provincial", "local", "media",
    "press", "prime", "vice", "high", "rear", "lt.", "maj.", "gen.", "adm.", "col.", "religious",
}
# Titles spaCy tends to include in a PERSON span; peeled off into the role.
NAME_TITLES = {
    "president", "prime", "minister", "secretary", "ayatollah", "grand", "sheikh", "shaikh", "imam",
    "gen.", "general", "maj.", "lt.", "col.", "adm.", "rear", "dr.", "mr.", "mrs.", "ms.", "sen.",
    "rep.", "king", "prince", "emir", "pope", "cardinal", "mullah", "mulla", "cleric", "spokesman",
    "spokeswoman", "former", "maj", "gen", "adm", "col", "lt", "capt", "capt.", "sgt", "sgt.", "brig", "brig.",
    "cmdr", "cmdr.", "det", "det.", "cpl", "cpl.", "officer",
}
# Heads of a role word that refer to women, for choosing between "he" and "she".
FEMININE = {"spokeswoman", "chairwoman", "woman", "ms.", "mrs.", "queen", "princess", "congresswoman"}
MASCULINE = {"spokesman", "chairman", "man", "mr.", "king", "prince", "sheikh", "ayatollah", "congressman"}

_CONNECTORS = {"of", "for", "and", "on"}
_POSSESSIVE = {"'s", "’s"}


@dataclass
class FoundRole:
    name_start: int  # char offsets of the bare name (titles peeled off)
    name_end: int
    role: str
    start: int  # char offsets of the role text
    end: int
    affiliation: str | None = None


def is_role_head(word: str) -> bool:
    return word.lower() in ROLE_HEADS


def gender_of(role: str | None) -> str | None:
    """'f', 'm' or None from the words of a role."""
    if not role:
        return None
    words = {w.lower() for w in role.split()}
    if words & FEMININE:
        return "f"
    if words & MASCULINE:
        return "m"
    return None


def peel_titles(doc, start_tok: int, end_tok: int) -> int:
    """First token of the bare name inside a PERSON span that may begin with titles."""
    i = start_tok
    while i < end_tok - 1 and doc[i].text.lower() in NAME_TITLES:
        i += 1
    return i


def _is_capitalised(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or bool(re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", t)))


def _title_token(tok) -> bool:
    low = tok.text.lower()
    if low in ROLE_HEADS or low in TITLE_MODIFIERS:
        return True
    return _is_capitalised(tok) and (tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "GPE", "NORP"))


def prenominal_role(doc, first_name_tok: int) -> tuple[int, int] | None:
    """Token range of the title words right before a name ("Iraqi Foreign Minister" Hoshyar Zebari)."""
    i = first_name_tok - 1
    # "Iraq's military spokesman, Maj. Gen. Qassim Atta": a comma may sit between role and name
    taken: list[int] = []
    while i >= 0:
        tok = doc[i]
        low = tok.text.lower()
        if tok.text == "," and all(doc[j].text.lower() in NAME_TITLES or doc[j].text == "." for j in taken):
            if i > 0 and doc[i - 1].text.lower() in ROLE_HEADS:
                i -= 1
                continue
            break
        if tok.text == "." and i > 0 and doc[i - 1].text.lower() in NAME_TITLES:  # "Maj" "." split
            taken.append(i)
            i -= 1
            continue
        if low in _POSSESSIVE and i > 0 and doc[i - 1].ent_type_ in ("GPE", "ORG"):
            taken.append(i)
            i -= 1
            continue
        if low in _CONNECTORS:
            if taken and _is_capitalised(doc[i + 1]) and i > 0 and _is_capitalised(doc[i - 1]):
                taken.append(i)
                i -= 1
                continue
            break
        if _title_token(tok):
            taken.append(i)
            i -= 1
            continue
        break
    if not taken:
        return None
    lo, hi = min(taken), max(taken) + 1
    # a role must hold an office noun; trailing rank abbreviations are part of it
    if not any(doc[j].text.lower() in ROLE_HEADS for j in range(lo, hi)):
        return None
    while lo < hi and doc[lo].text.lower() in _CONNECTORS:
        lo += 1
    return lo, hi


def appositive_role(doc, name_root) -> tuple[int, int] | None:
    """Token range of an apposition after a name ("…, head of the ICRC delegation in Iraq")."""
    for child in name_root.children:
        if child.dep_ == "appos" and child.i > name_root.i and child.text.lower() in ROLE_HEADS:
            lo = child.left_edge.i
            hi = child.right_edge.i + 1
            # stop at a comma inside the apposition: what follows is another clause
            for j in range(child.i, hi):
                if doc[j].text in (",", ";", "—", "--"):
                    hi = j
                    break
            return _trim_apposition(doc, lo, hi)
    # the parser misses many appositions; read "NAME, [the] office-noun …" directly
    j = name_root.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    if j + 1 < len(doc) and doc[j].text == ",":
        k = j + 1
        if doc[k].text.lower() in ("the", "a", "an") and k + 1 < len(doc):
            k += 1
        # allow a few modifiers before the office noun ("the most powerful Shiite cleric")
        m = k
        while m < len(doc) and m < k + 5 and doc[m].text.lower() not in ROLE_HEADS and doc[m].text not in ",.;":
            m += 1
        if m < len(doc) and doc[m].text.lower() in ROLE_HEADS:
            hi = m + 1
            while hi < len(doc) and doc[hi].text not in (",", ".", ";", "—", "--") and doc[hi].pos_ not in ("VERB", "AUX"):
                hi += 1
            return _trim_apposition(doc, j + 1, hi)
    return None


def _trim_apposition(doc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].text in (",",) or doc[lo].text.lower() in ("the", "a", "an")):
        lo += 1
    if lo >= hi or any(doc[j].ent_type_ == "PERSON" for j in range(lo, hi)):
        return None  # "Lockheed Martin, spokesman Mike Rein": a second name, not a role
    return lo, hi


_RANKS = {"rear", "adm.", "adm", "maj.", "maj", "gen.", "gen", "lt.", "lt", "col.", "col", "brig.", "brig", "capt",
          "capt.", "sgt", "sgt.", "cmdr", "cmdr.", "det", "det.", "cpl", "cpl.", ".", ","}


def _drop_trailing_rank(doc, lo: int, hi: int) -> tuple[int, int]:
    """'Pentagon spokesman Rear Adm.' → 'Pentagon spokesman': the office, not the military rank, when both."""
    j = hi
    while j > lo and doc[j - 1].text.lower() in _RANKS:
        j -= 1
    if j < hi and any(doc[k].text.lower() in ROLE_HEADS - _RANKS for k in range(lo, j)):
        return lo, j
    return lo, hi


def affiliation_in(doc, lo: int, hi: int) -> str | None:
    """The organisation (else country, else group) a role names."""
    ents = []  # read from token tags: building `span.ents` walks every entity of the document
    j = lo
    while j < hi:
        if doc[j].ent_iob_ == "B":
            k = j + 1
            while k < hi and doc[k].ent_iob_ == "I":
                k += 1
            ents.append((doc[j].ent_type_, j, k))
            j = k
        else:
            j += 1
    for label in ("ORG", "GPE", "NORP"):
        for ent_label, start, end in ents:
            text = doc[start:end].text
            if ent_label == label and not (start > 0 and doc[start - 1].text == "of"
                                           and text in ("State", "Defense", "Defence", "Interior")):
                text = re.sub(r"^(?:the|The)\s+", "", text)
                return re.sub(r"(?:'s|’s)$", "", text)
    return None


def clean_role(text: str) -> str:
    return text.strip(" ,")


def find_roles(doc, person_spans) -> list[FoundRole]:
    """Roles stated for each PERSON span (spaCy `Span`s) of a parsed document."""
    found: list[FoundRole] = []
    for span in person_spans:
        first = peel_titles(doc, span.start, span.end)
        name_start, name_end = doc[first].idx, span.end_char
        pre = prenominal_role(doc, first)  # walks back over titles inside and before the span
        if pre:
            lo, hi = _drop_trailing_rank(doc, *pre)
            text = doc[lo:hi].text.rstrip(" ,")
            found.append(FoundRole(name_start, name_end, text, doc[lo].idx, doc[lo].idx + len(text),
                                   affiliation_in(doc, lo, hi)))
        app = appositive_role(doc, span.root)
        if app:
            lo, hi = app
            text = doc[lo:hi].text
            found.append(FoundRole(name_start, name_end, clean_role(text), doc[lo].idx, doc[lo].idx + len(text),
                                   affiliation_in(doc, lo, hi)))
    return found
