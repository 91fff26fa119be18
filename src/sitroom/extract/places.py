"""Toponyms found and resolved against the offline gazetteer.

Mentions come from spaCy (GPE, LOC, FAC) plus capitalised words NER missed
that the gazetteer knows (the small English model often tags Arabic town names
as PERSON or not at all), toponyms inside organisation names ("Texas Fire
Service" holds Texas; "Athens Police Department" and "Henderson County Jail"
hold a town and a county), all-capitals datelines ("BEIRUT —"), and country
adjectives NER called places ("Sri Lankan", kept as demonyms); never function
words, pronouns, holidays, abbreviated dates or a person's surname; an acronym
("EU") names no village. One name is one place through a story: a capitalised
word the model missed ("Torrington firefighters") takes the place the story's
place mentions of that name resolve to. A street or a river named
after a town ("Memphis St.", "Neches River") is not that town. Each is resolved
by extract/place_rank.py from its context (population, level, focus country
and state, containment, proximity), iterated to a fixed point; every
choice keeps its scored candidates (`sitroom extract --what places --explain`).
Every place keeps the words of each mention (`Place.spans`). Facilities ("Baiji refinery",
"Tal Afar airbase", "al-Ghazlany military base south of Mosul") sit at their
town with precision "near"; "about 80 miles north of Baghdad" is kept in
`Place.relative`. Place ids are global: `p-<geonameid>`, or one made from the
normalised name, so reports merge on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitroom.article.words import MONTH_NAMES, WEEKDAY_NAMES
from sitroom.contract import Place, PlaceMention, make_id
from sitroom.extract.context import Context
from sitroom.extract.place_rank import level, named_places, rank
from sitroom.extract.place_roles import names_residents
from sitroom.knowledge.gazetteer import Entry, fold, name_key, open_gazetteer, strip_article
from sitroom.knowledge.geo import distance_km
from sitroom.knowledge.place_words import (
    DEMONYMS,
    GIVEN_NAMES,
    WAY_AND_WATER_WORDS,
    demonym_stems,
    division_abbreviations,
    is_junk,
    is_local_body,
)
from sitroom.settings import Geo

STRONG_LABELS = ("GPE", "LOC", "FAC")
WEAK_LABELS = ("PERSON", "ORG", "NORP", "")
REGION_HINT = re.compile(r"^\s*(province|governorate|region|state|district)\b", re.I)
REGION_OF = re.compile(r"\b(province|governorate|state)\s+of\s+$", re.I)
REGION_WORDS = re.compile(r"\s+(province|governorate|region)$", re.I)
COUNTY_WORDS = re.compile(r"\s+(county|parish|district|borough)$", re.I)
FACILITY = r"(?:military\s+|air\s+|army\s+|oil\s+|police\s+)?(?:air\s?base|base|airport|refinery|prison|dam|oil\s?field|barracks|camp|border crossing|checkpoint|power plant|power station|university|bridge)"
FACILITY_AFTER = re.compile(r"^\s+(" + FACILITY + r")\b", re.I)
FACILITY_IN = re.compile(r"^(?P<town>.+?)\s+(?P<kind>" + FACILITY + r")$", re.I)
DIRECTION = r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?"
NAMED_FACILITY = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:al-|Al-|el-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?P<kind>" + FACILITY + r")"
    r"(?:,)?\s+(?P<rel>(?:just\s+|about\s+)?(?:\d[\d,.]*\s*(?:miles|kilometers|km)\s+(?:\([^)]*\)\s+)?)?" + DIRECTION + r"\s+of)\s+$")
RELATIVE = re.compile(
    r"(?P<rel>(?:(?:about|some|nearly|roughly|around|approximately|just|only|more than|less than)\s+)?"
    r"\d[\d,.]*\s*(?:-\s*)?(?:miles?|kilometers?|kilometres?|km)\s+(?:\([^)]*\)\s+)?" + DIRECTION + r"\s+of)\s+$", re.I)
CAPITALISED = re.compile(r"\b(?:(?:al|el|Al|El|ad|as|ar|an)-)?[A-Z][a-z’'-]+[a-z](?:-[A-Z][a-z]+)*"
                         r"(?:\s+(?:(?:al|el|ad|as)-)?[A-Z][a-z’'-]+[a-z](?:-[A-Z][a-z]+)*){0,2}\b")
LOCATIVE = re.compile(r"\b(in|near|from|to|toward|towards|into|at|outside|of|around|across|through|north|south|east|west|city|town|village)\s+(the\s+)?$", re.I)
# Capitalised words that name towns somewhere but are almost never places in news prose.
NOT_PLACES = {
    "president", "minister", "government", "police", "army", "state", "city", "north", "south", "east", "west",
    "sunni", "shiite", "shia", "kurdish", "islamic", "security", "forces", "officials", "official", "prime",
    "foreign", "ministry", "white house", "congress", "parliament", "general", "news", "cnn", "reuters",
    "story", "video", "photos", "read", "more", "related", "home", "watch", "click", "share", "comment",
    *(word.lower() for word in WEEKDAY_NAMES + MONTH_NAMES), "new", "the",
    "senior", "republican", "democrat", "christian", "muslim", "arab", "church", "university", "hospital",
    "national", "international", "spokesman", "spokeswoman", "guard", "revolutionary", "council", "union",
    "pentagon", "embassy", "capitol", "kremlin",
}
# A dateline: a place in capitals opening the text, a paragraph or a sentence, then a dash or "(AP)"
# ("BEIRUT —", "CHARLESTON, W.Va. --", "ISLE OF PALMS —"); \x97 and \x96 are the dashes of
# Windows-1252 text decoded as Latin-1.
DATELINE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] ))"
                      r"(?P<place>[A-Z][A-Z'’.-]+(?: (?:OF |DE |LA |EL )?[A-Z][A-Z'’.-]+){0,3})"
                      r"(?=(?:, [A-Z][\w. ]{1,14}?)?\s*(?:\([A-Z][\w ]{0,15}\)\s*)?(?:—|–|--|- |\x97|\x96))")
# Abbreviations of divisions that are also words or other places' names ("Minn.", "Miss.", "La."): read as
# the division only where the text puts a place (knowledge/data/admin_abbreviations.csv, `alone` = no)
PLACED_ABBREVIATIONS = {a: (country, name) for a, country, name, alone in division_abbreviations() if not alone}
ABBREVIATION = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(PLACED_ABBREVIATIONS, key=len, reverse=True)) + r")")
_WAY = "|".join(re.escape(w) for w in sorted(WAY_AND_WATER_WORDS, key=len, reverse=True))
WAY_AFTER = re.compile(r"^ (?:" + _WAY + r")(?![\w])")  # "Memphis| St.": the town's name names a street
# "Lake Cumberland", "Naugatuck River"; whole words only ("St. Paul" is Saint Paul)
WAY_IN = re.compile(r"(?:^|\s)(?:" + "|".join(w for w in WAY_AND_WATER_WORDS if not w.endswith(".")) + r")(?:\s|$)")
# "the Gilroy area", "the Gilroy or Morgan Hill areas": "the" belongs to the word after the town
THE_TOWN_AFTER = re.compile(r"\s+(?:[A-Z]|(?:area|areas|or|and)\b)")
FEATURE_RANK = {"facility": 0, "village": 1, "city": 1, "region": 2, "country": 3}


@dataclass
class Toponym:
    """One place mention: its span, how it was found, and what it resolved to."""

    start: int
    end: int
    text: str
    label: str
    entry: Entry | None = None
    candidates: list[Entry] = field(default_factory=list)
    exact: bool = True
    region_hint: bool = False
    region_level: str | None = None  # "state" or "county": the level the word beside it names
    facility: str | None = None  # "refinery", set when the mention is a facility at a town
    facility_name: str | None = None
    relative: str | None = None
    ner_label: str = ""  # what spaCy called it (PERSON for many Arabic town names)
    cue: bool = True  # the text marks it as a place (a locative word before, a facility word after)
    lookup_as: str | None = None  # the name to look up ("Minnesota" for "Minn.")
    division: str | None = None  # an abbreviation names its country's division of that name, never a town
    demonym: bool = False  # "Sudanese": points to a country, but is not itself a place mention
    inner: bool = False  # named inside an organisation's name ("Athens Police Department")
    way: bool = False  # a street, road, river or sea ("Memphis St.", "the Atlantic"): no gazetteer entry
    resident: bool = False  # names people after it ("a Lebanon man"): a town or a state, not a country
    scores: list = field(default_factory=list)  # (entry, score, {reason: part}) best first, for --explain

    @property
    def strong(self) -> bool:
        return self.label in STRONG_LABELS or self.inner


# A lower-case particle inside a place name (Mocimboa da Praia, Ciudad del Este, Ras al Ain).
NAME_PARTICLE = re.compile(r" (?:da|de|do|dos|das|del|di|du|al|el|la) [A-Z][\w'-]+")


def _clean(text: str, start: int) -> tuple[str, int]:
    """Drop a leading "the" and a trailing possessive from a mention."""
    m = re.match(r"(?i)the\s+", text)
    if m:
        text, start = text[m.end():], start + m.end()
    text = re.sub(r"(?:'s|’s|')$", "", text)
    return text, start


def _spans(ctx: Context) -> list[Toponym]:
    text = ctx.article.text
    out: list[Toponym] = []
    taken: list[tuple[int, int]] = []
    for m in ctx.analysis.mentions:
        if m.label in STRONG_LABELS or m.label in ("PERSON", "ORG"):
            t, s = _clean(text[m.start:m.end], m.start)
            if t and not re.sub(r"^(?:al|el|ad|an|ar|as|at|az)-", "", t)[:1].isupper():
                # "from the bush": a common noun the model mistook for a name (al-Tarmiya is a name)
                continue
            t = _join_particle(ctx, text, s, t) if t else t
            if t and any(o.start <= s < o.end for o in out):
                continue
            if t:
                cue = m.label in STRONG_LABELS or bool(LOCATIVE.search(text[max(0, m.start - 20):m.start])
                                                       or FACILITY_AFTER.match(text[m.end:m.end + 30]))
                out.append(Toponym(s, s + len(t), t, m.label if m.label in STRONG_LABELS else "",
                                   ner_label=m.label, cue=cue))
        taken.append((m.start, m.end))
    for m in ABBREVIATION.finditer(text):
        if text[max(0, m.start() - 2):m.start()] == ", " or any(a.start <= m.start() < a.end for a in ctx.analysis.mentions):
            out = [t for t in out if not (t.start < m.end() and m.start() < t.end)]
            country, name = PLACED_ABBREVIATIONS[m.group()]
            out.append(Toponym(m.start(), m.end(), m.group(), "GPE", lookup_as=name, division=country))
            taken.append((m.start(), m.end()))
    for m in DATELINE.finditer(text):
        s, e = m.start("place"), m.end("place")
        out = [t for t in out if not (t.start < e and s < t.end)]
        out.append(Toponym(s, e, m["place"], "GPE"))
        taken.append((s, e))
    for m in ctx.analysis.mentions:
        if m.label == "NORP":
            out.append(Toponym(m.start, m.end, text[m.start:m.end], "", ner_label="NORP", demonym=True))
    for m in CAPITALISED.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        name = _join_particle(ctx, text, m.start(), m.group())
        taken.append((m.start(), m.start() + len(name)))
        out.append(Toponym(m.start(), m.start() + len(name), name, ""))
    # a name joined across its particle swallows the mention of its second half
    joined = [t for t in out if NAME_PARTICLE.search(t.text)]
    out = [t for t in out if not any(j is not t and j.start < t.start < j.end for j in joined)]
    return sorted(out, key=lambda t: t.start)


def _join_particle(ctx: Context, text: str, start: int, name: str) -> str:
    """"Mocimboa" + " da Praia": one place name that the model or the capitalised-run rule split at
    its lower-case particle, joined again when the gazetteer knows the whole name."""
    joined = NAME_PARTICLE.match(text, start + len(name))
    if not joined:
        return name
    gaz = open_gazetteer(user_file=getattr(ctx.settings, "geo", Geo()).user_gazetteer)
    return name + joined.group() if gaz.lookup(name + joined.group()) else name


def _lookup(gaz, top: Toponym) -> None:
    if top.demonym:
        _lookup_demonym(gaz, top)
        return
    _lookup_name(gaz, top)
    if not top.candidates and DEMONYM_END.search(top.text):
        _lookup_demonym(gaz, top)  # "Sri Lankan" tagged as a place or an organisation: the country's adjective
        top.demonym = top.exact = bool(top.candidates)


DEMONYM_END = re.compile(r"(?:an|ese|i|ish)s?$")


def _lookup_demonym(gaz, top: Toponym) -> None:
    for stem in demonym_stems(top.text):
        # a country, or a state by its own name ("Ohioans", "English")
        cands = [e for e in gaz.lookup(stem) if e.feature == "country" or level(e) == "state" and e.primary]
        if cands:
            top.candidates = cands
            return


def _lookup_name(gaz, top: Toponym) -> None:
    text = top.lookup_as or top.text
    fac = FACILITY_IN.match(text)
    if fac and top.label in ("FAC", "GPE", "LOC", ""):
        text, top.facility = fac["town"], fac["kind"].lower()
        top.facility_name = top.text
    if REGION_WORDS.search(text):
        text = REGION_WORDS.sub("", text)
        top.region_hint, top.region_level = True, "state"
    elif COUNTY_WORDS.search(text):
        top.region_hint, top.region_level = True, "county"  # "DeKalb County": GeoNames names the county with its "County"
    top.candidates = gaz.lookup(text)
    if top.division:  # "Wash." is Washington state, not the capital; "Mo." no town called Missouri
        top.candidates = [e for e in top.candidates if e.country == top.division and level(e) == "state"
                          and e.primary] or top.candidates
    if not top.candidates and len(name_key(text)) >= 4:
        top.candidates = gaz.lookup_variant(text)
        top.exact = False


def _regions(tops: list[Toponym], focus: str | None) -> dict[tuple, set[str]]:
    """States and provinces the document names ("Minn.", "Diyala province"), with the words that name
    them: they favour their own towns, but not a town of the same name (Alexandria's own governorate)."""
    regions: dict[tuple, set[str]] = {}
    for t in tops:
        if t.strong and not t.demonym:
            for e in t.candidates:
                # by its own name: "Mexico City" names no state, though GeoNames lists it as one's alternate
                if level(e) == "state" and e.primary and (e.country == focus or len(t.candidates) == 1 or t.lookup_as):
                    regions.setdefault((e.country, e.admin1), set()).add(t.text)
    return regions


INNER_LABELS = ("ORG", "FAC", "GPE", "LOC")  # a person's name holds no place ("Mary Virginia Lansing")
CAPITAL_WORD = re.compile(r"[A-Z][\w.&'’-]*")


def _inner_places(gaz, t: Toponym, geo: Geo) -> list[Toponym]:
    """Toponyms inside a longer name the gazetteer lacks: "Texas Fire Service", "U.S. House of
    Representatives", "Northeast Georgia", "CTV Winnipeg". Only names that are a state, a country or
    a big town by their own name, each at its own words."""
    words = [w for w in CAPITAL_WORD.finditer(t.text)]
    out: list[Toponym] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 3), i, -1):
            s0, e0 = words[i].start(), words[j - 1].end()
            name = t.text[s0:e0]
            if (i, j) == (0, len(words)) and s0 == 0 and e0 == len(t.text) or not re.fullmatch(r"[^\s]+(?: [^\s]+)*", name):
                continue
            if re.fullmatch(DIRECTION, name, re.I) or name_key(name) in NOT_PLACES:
                continue
            cands = gaz.lookup(name)
            abbreviation = "." in name or name.isupper()  # "U.S.", "UK": aliases, but unambiguous ones
            # "Athens Police Department", "Douglas County Hospital": a local body named after its town or county
            local = i == 0 and j < len(words) and is_local_body(words[j].group())  # not "St. Paul Pioneer Press"
            # an abbreviation names a state or a country, never a town by an alternate name ("IRNA" is no Salerno)
            if any((e.primary or abbreviation) and level(e) in ("state", "country")
                   or e.primary and (e.population >= geo.inner_min_population or _county_named(name, e)
                                     or local and _local_name(e, geo))
                   for e in cands):
                out.append(Toponym(t.start + s0, t.start + e0, name, "", candidates=cands,
                                   ner_label=t.ner_label or "ORG", inner=True,
                                   region_hint=bool(COUNTY_WORDS.search(name)),
                                   region_level="county" if COUNTY_WORDS.search(name) else None))
                i = j - 1
                break
        i += 1
    return out


def _county_named(name: str, e: Entry) -> bool:
    """"Laurel County" inside "Laurel County Fiscal Court": a county called by its "County"."""
    return level(e) == "county" and bool(COUNTY_WORDS.search(name))


def _local_name(e: Entry, geo: Geo) -> bool:
    """A town that a local body's name ("Athens Police Department") may start with."""
    return level(e) == "town" and e.population >= geo.weak_min_population


def _with_inner_places(gaz, tops: list[Toponym], geo: Geo) -> list[Toponym]:
    out = []
    for t in tops:
        if (t.candidates or t.demonym or t.lookup_as or t.way or " " not in t.text.strip()
                or t.ner_label not in INNER_LABELS or WAY_IN.search(t.text)):
            out.append(t)
            continue
        inner = _inner_places(gaz, t, geo)
        out.extend(inner or [t])
    return out


def _surnames(ctx: Context) -> set[str]:
    """Words of the multi-word person names of the document: "Moore" later alone is that person."""
    text = ctx.article.text
    out = set()
    for m in ctx.analysis.mentions:
        words = text[m.start:m.end].split()
        if m.label == "PERSON" and len(words) > 1:
            out.update(name_key(w) for w in words[1:])
    return out


def _junk(t: Toponym, people: set[str]) -> bool:
    """Function words, pronouns, holidays; a person's surname NER did not call a place."""
    key = name_key(t.lookup_as or t.text)
    if is_junk(t.text, key):
        return True
    # a word of a person's name, unless it is a country's or state's own name ("Rethinking Egypt" is no person)
    return not t.strong and key in people and (key in GIVEN_NAMES or not any(
        e.primary and level(e) in ("country", "state", "continent") for e in t.candidates))


def _plausible(t: Toponym, e: Entry, focus: str | None, anchors: list[Entry], geo: Geo) -> bool:
    """GeoNames alternate names hold nicknames and old names ("Google" for Topeka): abroad, an
    alternate-name match must be a big place, a region or a country."""
    if t.label == "FAC" and not t.facility and e.country != focus:
        return e.primary and name_key(t.text) not in NOT_PLACES  # "White House" is Casablanca's old name
    if e.primary or e.country == focus or level(e) in ("country", "state", "continent"):
        return True
    near = any(distance_km(a.lat, a.lon, e.lat, e.lon) <= geo.alternate_abroad_near_km for a in anchors)
    # a spelling variant abroad (Al-Qosh -> Kosh, Armenia) must be big: nearness is no evidence for it
    return t.strong and ((near and t.exact) or e.population >= geo.alternate_abroad_min_population)


def _accept_weak(t: Toponym, e: Entry, focus: str | None, text: str, geo: Geo) -> bool:
    """A capitalised word NER did not call a place: keep it only when it looks like one."""
    key = name_key(t.text)
    if key in NOT_PLACES or any(w in NOT_PLACES for w in key.split()) or not t.exact or e.feature == "facility":
        return False
    if level(e) in ("country", "continent") and e.primary and key not in GIVEN_NAMES:
        return True  # "Egypt" tagged as a person by the model is still the country
    sentence_start = t.start == 0 or re.search(r"(?:[.!?\"“”]\s*|\n)$", text[max(0, t.start - 3):t.start])
    # at a sentence start a capital says nothing: a foreign place, or one matched by an alternate name
    # ("Aid" is an airport code GeoNames lists for Anderson), is no evidence
    located = LOCATIVE.search(text[max(0, t.start - 20):t.start])
    if sentence_start and not located and (e.country != focus or not e.primary):
        return False
    if e.curated:
        return True  # the user said it is a place
    if t.ner_label in ("PERSON", "ORG") and not t.cue:
        # NER saw a name: only a well-known place of the focus country, spelled as GeoNames does, or a
        # big national capital ("Tbilisi says": the small model reads a government named by its seat as a person)
        return e.primary and (e.country == focus and e.population >= geo.weak_min_population_abroad // 2
                              or e.code == "PPLC" and e.population >= geo.famous_population)
    if e.country == focus:
        return e.population >= geo.weak_min_population or e.feature in ("region", "country") or t.facility is not None
    return e.population >= geo.weak_min_population_abroad


def _list_cues(tops: list[Toponym], text: str) -> None:
    """A name listed with places ("Kirkuk, Dohuk, Irbil and Baghdad") is a place too, whatever NER said."""
    strong = [t for t in tops if t.strong and not t.demonym]
    for t in tops:
        if t.cue or t.strong:
            continue
        for o in strong:
            gap = text[o.end:t.start] if o.end <= t.start else text[t.end:o.start]
            if len(gap) <= 6 and re.fullmatch(r"\s*(,|and|or|, and)\s*", gap):
                t.cue = True
                break


def resolve_toponyms(ctx: Context) -> list[Toponym]:
    """Every place mention of the document with its gazetteer entry (None when unresolved)."""
    geo: Geo = getattr(ctx.settings, "geo", Geo())
    gaz = open_gazetteer(user_file=geo.user_gazetteer)
    text = ctx.article.text
    tops = _spans(ctx)
    people = _surnames(ctx)
    for t in tops:
        _lookup(gaz, t)
        if not t.exact:  # a spelling variant must look like the place's own name (not Qaryat -> Jakarta)
            key = strip_article(name_key(t.lookup_as or t.text))
            t.candidates = [e for e in t.candidates
                            if fuzz.ratio(key, strip_article(name_key(e.name))) >= geo.variant_min_similarity
                            and _same_qualifiers(key, name_key(e.name))]
        if t.text.isupper() and len(t.text.strip(".")) <= 3 and not t.lookup_as:
            # an acronym ("EU", "NYC") names a country, a state or a big city, never a village called Eu
            t.candidates = [e for e in t.candidates
                            if level(e) in ("country", "state") or e.population >= geo.famous_population]
        if _mark_way(t, text):
            continue
        after = FACILITY_AFTER.match(text[t.end:t.end + 30])
        if after and not t.facility:
            t.facility = after.group(1).lower()
            t.facility_name = f"{t.text} {after.group(1)}"
            t.end += after.end()
            t.text = text[t.start:t.end]
        else:
            hint = REGION_HINT.match(text[t.end:t.end + 15]) or REGION_OF.search(text[max(0, t.start - 25):t.start])
            if hint:
                t.region_hint = True
                t.region_level = t.region_level or ("county" if hint.group(1).lower() == "district" else "state")
    tops = _with_inner_places(gaz, tops, geo)
    for t in tops:
        if t.inner:
            _mark_way(t, text)
    _list_cues(tops, text)
    tops = [t for t in tops if t.demonym or not _junk(t, people)]
    for t in tops:
        t.resident = not t.demonym and ctx.doc is not None and names_residents(ctx.doc, t)
    # first pass: unambiguous strong mentions anchor the rest
    anchors = list({t.candidates[0].id: t.candidates[0] for t in tops if t.strong and len(t.candidates) == 1}.values())
    focus = rank(tops, text, _regions, geo)
    for t in tops:
        if t.entry is not None and not t.demonym and not _plausible(t, t.entry, focus, anchors, geo):
            t.entry = None
    named = named_places(tops)
    for t in tops:
        if t.entry is None and not t.candidates or t.demonym or t.strong:
            continue
        # one name, one place in a story: "Torrington firefighters" is the Torrington named as a place
        same = named.get(name_key(t.lookup_as or t.text))
        # ... by the place's own name, not a GeoNames alternate one ("Kristina" is no Finnish town)
        if same is not None and same.primary and t.exact and any(c.id == same.id for c in t.candidates):
            t.entry = same
        elif t.entry is not None and not _accept_weak(t, t.entry, focus, text, geo):
            t.entry = None
    for t in tops:
        if t.entry is None or t.demonym:
            continue
        if t.entry is not None and _sea_not_town(t, t.entry, text, geo):
            t.entry, t.way = None, True  # kept unplaced when NER called it a place, as a river is
        if t.facility and t.entry is not None and t.entry.feature not in ("city", "village"):
            t.facility = t.facility_name = None  # "an Iraq base" is no place
    _attach_relatives(tops, text)
    # a street or river NER called a place stays, unplaced: the words name it, the gazetteer does not
    return [t for t in tops if t.entry is not None or (t.way and t.strong) or _unresolved_place(t, text)]


QUALIFIERS = {"north", "south", "east", "west", "upper", "lower", "new", "old", "great", "little", "port", "lake",
              "mount"}


def _same_qualifiers(a: str, b: str) -> bool:
    """A spelling variant keeps the name's qualifying words: South St. Paul is not West St. Paul."""
    return QUALIFIERS.intersection(a.split()) == QUALIFIERS.intersection(b.split())


def _mark_way(t: Toponym, text: str) -> bool:
    """A street or a river named after a town ("Memphis St.", "Lake Cumberland") is not the town, and the
    gazetteer has no streets: the mention takes in its street word and keeps no candidates."""
    way = WAY_AFTER.match(text[t.end:t.end + 12])
    if not way and not (WAY_IN.search(t.text) and not t.exact):
        return False
    t.end += way.end() if way else 0
    t.text, t.candidates, t.way = text[t.start:t.end], [], True
    return True


def _sea_not_town(t: Toponym, e: Entry, text: str, geo: Geo) -> bool:
    """"the Atlantic", "the Mediterranean": English names a sea, a range or a region with "the", a small
    town almost never (the gazetteer has no seas: better no point than Atlantic, Iowa)."""
    return (level(e) == "town" and e.population < geo.the_town_min_population and not t.facility and not t.inner
            and t.ner_label in ("LOC", "")  # spaCy calls seas and regions LOC, towns GPE ("the Dublin area")
            and text[max(0, t.start - 4):t.start] in ("the ", "The ")
            and not THE_TOWN_AFTER.match(text[t.end:t.end + 10]))


def _unresolved_place(t: Toponym, text: str) -> bool:
    """Keep a place the gazetteer lacks only when the text itself says it is one."""
    if t.label not in ("GPE", "LOC") or any(w in NOT_PLACES for w in name_key(t.text).split()):
        return False
    return bool(t.relative or t.region_hint or LOCATIVE.search(text[max(0, t.start - 20):t.start]))


def _attach_relatives(tops: list[Toponym], text: str) -> None:
    """ "X, about 37 miles (60 km) north of Baghdad": the distance phrase describes X, not Baghdad;
    "al-Ghazlany military base south of Mosul": a named facility placed at Mosul."""
    tops = [t for t in tops if not t.demonym and (t.entry is not None or t.strong)]
    for i, t in enumerate(tops):
        left = text[max(0, t.start - 90):t.start]
        rel = RELATIVE.search(left)
        if rel and i > 0:
            phrase = f"{rel['rel']} {t.text}"
            target = tops[i - 1]
            gap = text[target.end:t.start - len(rel['rel']) - 1]
            if "\n" not in gap and "." not in gap:
                target.relative = " ".join(phrase.split())
        fac = NAMED_FACILITY.search(left)
        if fac and t.entry is not None:
            t.facility = fac["kind"].lower()
            t.facility_name = f"{fac['name']} {fac['kind']}"
            t.relative = " ".join(f"{fac['rel']} {t.text}".split())


def _place_for(t: Toponym, ctx: Context) -> Place:
    e = t.entry
    if t.facility:
        name = " ".join(t.facility_name.split()) if t.facility_name else f"{t.text} {t.facility}"
        pid = make_id("p", name_key(name))
        return Place(id=pid, name=name, lat=e.lat if e else None, lon=e.lon if e else None,
                     country=e.country if e else None, admin1=e.admin1 if e else None,
                     feature="facility", precision="near", relative=t.relative)
    if e is None:
        return Place(id=make_id("p", name_key(t.text)), name=t.text, precision=None, relative=t.relative)
    name = t.text if e.feature == "country" else fold(e.name)
    precision = {"city": "town", "village": "town"}.get(e.feature, e.feature)
    return Place(id=e.id, name=name, lat=round(e.lat, 5), lon=round(e.lon, 5), geonameid=e.geonameid,
                 country=e.country, admin1=e.admin1, feature=e.feature, precision=precision, relative=t.relative)


def extract(ctx: Context) -> list[Place]:
    places: dict[str, Place] = {}
    for t in resolve_toponyms(ctx):
        if t.demonym:
            continue
        p = _place_for(t, ctx)
        cur = places.setdefault(p.id, p)
        cur.mentions += 1
        if not t.facility and t.text not in cur.aliases and t.text != cur.name:
            cur.aliases.append(t.text)
        if cur.relative is None and p.relative:
            cur.relative = p.relative
        ev = ctx.evidence(t.start, t.end)
        if all(x.sentence != ev.sentence for x in cur.evidence):
            cur.evidence.append(ev)
        cur.spans.append(PlaceMention(doc=ctx.article.id, start=t.start, end=t.end, text=ctx.article.text[t.start:t.end],
                                      sentence=ev.sentence))
    return list(places.values())


def governing_place(ctx: Context, start: int, end: int) -> str | None:
    """Id of the most precise place mentioned in the sentence of a span (facility, town, region, country)."""
    si = ctx.sentence_index(start)
    here = [p for p in ctx.analysis.places if any(e.sentence == si for e in p.evidence)]
    if not here:
        return None
    return min(here, key=lambda p: (FEATURE_RANK.get(p.feature or "", 4), p.lat is None)).id
