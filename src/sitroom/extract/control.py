"""Territorial control: who captured, holds, withdrew from, retook, contests or besieges which place.

Rules over the dependency parse of each sentence. A change is kept only when the
place is a named place inside the verb's own argument ("seized Iraq's second-largest
city, Mosul" → Mosul; "took over three villages" names none and is left out): a
control map is only useful when every pin is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.contract import ControlChange, make_id
from sitroom.extract.actor_groups import group_of
from sitroom.extract.attribution import (
    FACILITY_NOUNS,
    REPORTING,
    PlaceName,
    PlaceTracker,
    attribute,
    looks_background,
    place_names,
)
from sitroom.extract.context import Context, doc_memo, doc_text
from sitroom.extract.numbers import find_quantities
from sitroom.extract.times import governing_date
from sitroom.knowledge.sides import sides

CAPTURE = {"captured", "capture", "captures", "capturing", "seized", "seize", "seizes", "seizing", "overran",
           "overrun", "overruns", "stormed", "conquered"}
TAKE = {"took", "taken", "take", "takes", "taking"}
RETAKE = {"retook", "retaken", "recaptured", "recapture", "regained", "reclaimed", "liberated"}
WITHDRAW = {"withdrew", "withdrawn", "withdraw", "retreated", "fled", "abandoned"}
CONTROL_VERBS = {"control", "controls", "controlled", "controlling", "hold", "holds", "held"}
BESIEGE = {"encircled", "besieged", "surrounded"}
CAPTURE_NOUNS = {"capture", "takeover", "seizure", "fall"}
CONTESTED_CUES = re.compile(r"\b(in doubt|contested|still in the (city|town|village))\b", re.I)
CLAIM_CUE = re.compile(r"\bclaim(s|ed)?\b", re.I)
THAT_CLAIM = re.compile(r"\b(that|the|this|the victory) claim\b", re.I)
WHOLE_CUES = {"entire", "whole", "full", "completely", "all"}
PRONOUNS = {"it", "they", "them", "he", "she", "we", "its", "their", "which", "who"}
LEDE_SENTENCES = 3  # sentences of the lead that set the story's news day
PROVINCE_ANAPHOR = re.compile(r"\bthe (province|region|district|town|city)\b", re.I)


@dataclass(frozen=True)
class Found:
    change: str
    place: PlaceName
    actor: str | None
    trigger: int  # char offset of the word that states the change
    share: float | None = None
    dated: bool = True  # False: a noun ("the takeover of Mosul") with no time of its own
    partial: bool = False  # "seized parts of Baiji": a capture of part of the place


ACTOR_WORDS = ("militant", "fighter", "isis", "isil", "islamic state", "jihadist", "insurgent", "rebel",
               "radical", "islamist", "gunmen", "army", "military", "forces", "troops", "soldiers",
               "peshmerga", "kurdish", "government", "police", "tribe", "tribal", "militia", "guard",
               "al qaeda", "al-qaeda", "taliban", "regime", "extremist")
IRREALIS_HEADS = {"threaten", "threatening", "threatened", "threatens", "vow", "vows", "vowed", "plan", "plans",
                  "planned", "want", "wants", "wanted", "try", "tried", "trying", "hope", "hopes", "expect",
                  "expected", "fear", "fears", "feared", "aim", "aims", "seek", "seeks", "sought", "attempt",
                  "attempted", "unable", "able", "if", "whether", "could", "would", "will", "may", "might",
                  "should", "can", "cannot", "option", "options",
                  # effort and intent: what they scramble, prepare or pledge to do is not yet done
                  "scramble", "scrambled", "scrambles", "scrambling", "prepare", "prepared", "prepares", "preparing",
                  "struggle", "struggled", "struggling", "pledge", "pledged", "pledges", "promise", "promised",
                  "promises", "intend", "intends", "intended", "urge", "urged", "urges"}


def irrealis(tok) -> bool:
    """Is the change only threatened, planned, attempted or hypothetical ("vows to march on",
    "tried to take over the village", "were unable to take it")?"""
    cur = tok
    for _ in range(5):
        if any(c.dep_ in {"aux", "neg"} and c.lower_ in IRREALIS_HEADS | {"not", "n't", "never"}
               for c in cur.children):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in IRREALIS_HEADS:
            return True
    return False


def _phrase(tokens) -> str | None:
    """An actor phrase as written, without determiners, cut at its first comma or clause."""
    kept = []
    for t in tokens:
        if "\n" in t.text:  # a heading glued to the sentence: start after it
            kept = []
            continue
        if t.text in {",", "(", "—"} or t.dep_ in {"relcl", "acl"}:
            break
        kept.append(t)
    # an actor is who, not how many: "Dozens of ISIS fighters", "70 ISIS militants", "possibly ISIS fighters"
    while kept and (kept[0].lower_ in {"the", "a", "an", "its", "their", "of", "some", "about", "nearly",
                                       "possibly", "dozens", "hundreds", "thousands", "several", "scores"}
                    or kept[0].pos_ in {"NUM", "ADV"}):
        kept = kept[1:]
    if not kept or (len(kept) == 1 and kept[0].lower_ in PRONOUNS):
        return None
    doc = kept[0].doc
    return doc_text(doc)[kept[0].idx:kept[-1].idx + len(kept[-1].text)]


def _actor_of(tokens_head) -> str | None:
    """The armed actor a phrase names, or None when it names none ("her agency", "the takeover")."""
    if tokens_head is None:
        return None
    if tokens_head.lower_ in {"they", "we"}:  # "Government forces said they were in control of …"
        cur = tokens_head.head
        while cur.head.i != cur.i and cur.lower_ not in REPORTING:
            cur = cur.head
        subj = _child(cur, {"nsubj"}) if cur.lower_ in REPORTING else None
        return _actor_of(subj) if subj is not None and subj.lower_ not in PRONOUNS else None
    cut = []
    for t in tokens_head.subtree:
        if t.dep_ == "prep" and t.head == tokens_head and t.lower_ not in {"of"}:
            break
        cut.append(t)
    phrase = _phrase(cut)
    if phrase is None or not any(w in phrase.lower() for w in ACTOR_WORDS):
        return None
    if phrase.lower().split()[-1] in FACILITY_NOUNS:  # "Khalidiya military base" is a target, not an actor
        return None
    return phrase


NAME_DEPS = {"compound", "appos", "amod", "poss", "det", "nmod", "punct", "case", "nummod"}


def _own_tokens(tok) -> list:
    """The tokens that name the argument itself: the head, its compounds and appositions and
    "the city of X", but not places it is only related to ("in northern Iraq", "including Baghdad")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in NAME_DEPS and c.lower_ not in {"including"}:
                todo.append(c)
            elif c.dep_ == "prep" and ((c.lower_ == "of" and t.pos_ != "PROPN") or (c.lower_ == "as" and any(
                    s.lower_ == "such" for s in c.children))):  # "towns such as Raqqa"
                todo.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _place_in(tok, names: list[PlaceName], allow_person: bool = False) -> PlaceName | None:
    """The named place an argument is: the most precise one among its own tokens, the latest
    among equals ("the western Anbar town of Rutba" → Rutba); a bare proper-name object of a
    capture verb ("seized Qaim") is a place too."""
    if tok is None:
        return None
    own = _own_tokens(tok)
    starts = {t.idx for t in own}
    inside = [p for p in names if p.start in starts and not p.relative]
    if inside:
        # the place the argument is, not one that only modifies it ("the Anbar town of Rutba" → Rutba)
        modifier = {t.idx for t in own if t.dep_ == "compound" and t.head.pos_ == "NOUN"}
        return max(inside, key=lambda p: (p.rank, p.start not in modifier, -p.start))
    if tok.lower_ in FACILITY_NOUNS:  # "Tal Afar airbase" (the small model may call "Tal Afar" a person)
        chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if chain and not any(w in chain[0].lower_ for w in ACTOR_WORDS):
            s, e = min(t.idx for c in chain for t in c.subtree), tok.idx + len(tok.text)
            return PlaceName(doc_text(tok.doc)[s:e], s, e, 3, False)
    # people get captured too: a PERSON-tagged object counts as a place only where a person cannot be
    banned = {"NORP", "DATE", "TIME"} | (set() if allow_person else {"PERSON"})
    heads = [t for t in own if t.pos_ == "PROPN" and t.ent_type_ not in banned
             and t.dep_ != "compound" and not any(w in t.lower_ for w in ACTOR_WORDS)]
    if heads:
        t = heads[0]
        chain = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
        s, e = chain[0].idx, t.idx + len(t.text)
        if tok.lower_ in FACILITY_NOUNS and tok.idx > t.idx:  # "Tal Afar airbase"
            e = tok.idx + len(tok.text)
        return PlaceName(doc_text(t.doc)[s:e], s, e, 3 if e > t.idx + len(t.text) else 2, False)
    return None


def _child(tok, deps):
    return next((c for c in tok.children if c.dep_ in deps), None)


def _subject(verb):
    """The subject of a verb, climbing through xcomp/conj ("… had beaten back militants to control …")."""
    cur = verb
    for _ in range(3):
        subj = _child(cur, {"nsubj"})
        if subj is not None:
            return subj
        if cur.dep_ in {"xcomp", "conj", "advcl"} and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None


def _share(sent, place: PlaceName, subj) -> float | None:
    """"95% of Jalawla" → 0.95; "the entire province" → 1.0."""
    for q in find_quantities(sent.text):
        if q.unit == "percent":
            start = sent.start_char + q.end
            if start <= place.start and doc_text(sent.doc)[start:place.start].strip().lower().startswith("of"):
                return q.value / 100
    if subj is not None and any(t.lower_ in WHOLE_CUES for t in subj.subtree):
        return 1.0
    return None


def find_in_sentence(sent, names: list[PlaceName]) -> list[Found]:
    found: list[Found] = []
    for t in sent:
        low = t.lower_
        taking = low in TAKE and (any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children)
                                  or (_child(t, {"dobj"}) is not None and _child(t, {"dobj"}).lower_ == "control"))
        if t.pos_ in {"VERB", "AUX"} and (low in CAPTURE or low in RETAKE or taking
                                          or (low in TAKE and _child(t, {"agent"}) is not None)):
            change = "retook" if low in RETAKE else "captured"
            if low in TAKE and any(c.lower_ == "back" for c in t.children):
                change = "retook"
            obj = _child(t, {"dobj"})
            if obj is not None and obj.lower_ == "control":
                obj = next((g for c in obj.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            passive = _child(t, {"nsubjpass"})
            if passive is not None:
                agent = _child(t, {"agent"})
                actor = _actor_of(_child(agent, {"pobj"})) if agent is not None else None
                place = _place_in(passive, names)
            else:
                actor, place = _actor_of(_subject(t)), _place_in(obj, names)
            if place is not None:
                partial = obj is not None and obj.lower_ in {"parts", "part"}
                found.append(Found("contested" if partial else change, place, actor, t.idx, partial=partial))
                # "took control of the city of Falluja and parts of Ramadi": each object its own change
                for other in ([c for c in obj.subtree if c.dep_ == "conj"] if obj is not None else ()):
                    more = _place_in(other, names)
                    if more is None and other.lower_ in {"parts", "part"}:  # "Falluja and parts of Ramadi"
                        more = next((p for p in names if p.start > other.idx and not p.relative
                                     and p.start < sent.end_char), None)
                    if more is not None and more.start != place.start:
                        part = other.lower_ in {"parts", "part"}
                        found.append(Found("contested" if part else change, more, actor, t.idx, partial=part))
        elif low in CAPTURE_NOUNS and t.pos_ == "NOUN":
            of = next((c for c in t.children if c.lower_ == "of"), None)
            if of is None:  # "the capture Saturday of Qaim"
                of = next((g for c in t.children if c.dep_ == "npadvmod" for g in c.children if g.lower_ == "of"), None)
            place = _place_in(_child(of, {"pobj"}), names) if of is not None else None
            if place is not None:
                verb = t.head
                while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                    verb = verb.head
                own_date = [x for x in t.subtree if x.ent_type_ == "DATE"]
                found.append(Found("captured", place, _actor_of(_subject(verb)),
                                   own_date[0].idx if own_date else t.idx, dated=bool(own_date)))
        elif low in WITHDRAW and t.pos_ == "VERB":
            frm = next((c for c in t.children if c.lower_ == "from"), None)
            place = _place_in(_child(frm, {"pobj"}), names, allow_person=True) if frm is not None else None
            if place is not None:
                found.append(Found("withdrew", place, _actor_of(_subject(t)), t.idx))
        elif low in BESIEGE and t.pos_ == "VERB":
            passive = _child(t, {"nsubjpass"})
            if passive is not None:
                place = _place_in(passive, names)
                agent = _child(t, {"agent"})
                actor = _actor_of(_child(agent, {"pobj"})) if agent is not None else None
            else:  # "militants have besieged the town of Macomia"
                place, actor = _place_in(_child(t, {"dobj"}), names), _actor_of(_subject(t))
            if place is not None:
                found.append(Found("besieged", place, actor, t.idx))
        elif low == "control" and t.pos_ == "NOUN" and t.head.lower_ in {"under", "in"}:
            of = next((c for c in t.children if c.lower_ == "of"), None)
            other = _child(of, {"pobj"}) if of is not None else None
            verb = t.head.head
            subj = _child(verb, {"nsubj", "nsubjpass"})
            if t.head.lower_ == "under":  # PLACE is under the control of ACTOR
                place = _place_in(subj, names)
                actor = _actor_of(other)
                for more in ([c for c in subj.subtree if c.dep_ == "conj"] if place is not None else ()):
                    extra = _place_in(more, names)
                    if extra is not None and actor is not None:  # "Al-Asad … and the town of Hit are still under …"
                        found.append(Found("holds", extra, actor, t.idx))
            else:  # ACTOR remains in control of PLACE (or PLACE was "in full control of" ACTOR)
                place = _place_in(other, names)
                actor = _actor_of(subj)
                if place is None and _place_in(subj, names) is not None:
                    place, actor = _place_in(subj, names), _actor_of(other)
            if place is not None and actor is not None:
                found.append(Found("holds", place, actor, t.idx, _share(sent, place, subj)))
        elif low == "hands" and t.head.lower_ == "in":
            of = next((c for c in t.children if c.lower_ == "of"), None)
            actor = _actor_of(_child(of, {"pobj"})) if of is not None else None
            if actor is None:  # "was in the hands ISIS fighters" (the preposition dropped)
                actor = _actor_of(_child(t.head.head, {"attr"}))
            place = _place_in(_child(t.head.head, {"nsubj", "nsubjpass"}), names)
            if place is not None and actor is not None:
                found.append(Found("holds", place, actor, t.idx))
        elif low in CONTROL_VERBS and t.pos_ == "VERB":
            obj = _child(t, {"dobj"})
            place = _place_in(obj, names)
            subj = _subject(t)
            actor = _actor_of(subj)
            # a pronoun subject ("it controls towns such as Raqqa") is resolved by find_control
            if place is not None and (actor is not None or (subj is not None and subj.lower_ in {"it", "they"})):
                found.append(Found("holds", place, actor, t.idx, _share(sent, place, obj)))
    return found


def _dedupe(found: list[Found]) -> list[Found]:
    seen, out = set(), []
    for f in found:
        key = (f.change, f.place.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _pronoun_subject(ctx: Context, f: Found) -> bool:
    tok = ctx.doc.char_span(f.trigger, f.trigger + 1, alignment_mode="expand")[0]
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    subj = _child(verb, {"nsubj"})
    return subj is not None and subj.lower_ in {"it", "they"}


def _anaphoric_holdings(sent, tracker: PlaceTracker, found: list[Found]) -> list[Found]:
    """"At least 70% of the province is under the control of ISIS": the province just named."""
    if found or not PROVINCE_ANAPHOR.search(sent.text):
        return []
    out = []
    for t in sent:
        if t.lower_ == "control" and t.head.lower_ == "under":
            of = next((c for c in t.children if c.lower_ == "of"), None)
            actor = _actor_of(_child(of, {"pobj"})) if of is not None else None
            m = PROVINCE_ANAPHOR.search(sent.text)
            place = tracker.resolve(sent, sent.start_char + m.start())
            if actor and place is not None and place.rank >= 1:
                share = _share(sent, PlaceName(place.name, sent.start_char + m.start(),
                                               sent.start_char + m.end(), place.rank, False), None)
                out.append(Found("holds", place, actor, t.idx, share))
    return out


def find_control(ctx: Context) -> list[tuple[object, Found]]:
    """(sentence, change) pairs found in a document; events.py reuses them (found once per Doc)."""
    return list(doc_memo(ctx.doc, ("sitroom_control",), lambda: tuple(_find_control(ctx))))


def _find_control(ctx: Context) -> list[tuple[object, Found]]:
    out = []
    tracker = PlaceTracker()
    last_actor = None  # the actor of the previous sentence only: "it" reaches no further back
    for sent in ctx.doc.sents:
        names = place_names(sent)
        found = [f for f in find_in_sentence(sent, names) if not irrealis(ctx.doc.char_span(
            f.trigger, f.trigger + 1, alignment_mode="expand")[0])]
        found += _anaphoric_holdings(sent, tracker, found)
        # "Across the border, it controls towns such as Raqqa": "it" is the actor just named
        found = [f if f.actor or not _pronoun_subject(ctx, f) or not last_actor
                 else Found(f.change, f.place, last_actor, f.trigger, f.share, f.dated, f.partial) for f in found]
        found = [f for f in found if f.change != "holds" or f.actor]
        last_actor = next((f.actor for f in reversed(found) if f.actor), None)
        if CONTESTED_CUES.search(sent.text):
            m = CONTESTED_CUES.search(sent.text)
            place = tracker.resolve(sent, sent.start_char + m.start())
            if place is not None and not place.relative:
                actor = next((_phrase([t]) for t in sent if t.lower_ in {"militants", "fighters", "insurgents"}),
                             None)
                found.append(Found("contested", place, actor, sent.start_char + m.start()))
        out.extend((sent, f) for f in _dedupe(found))
        tracker.push(sent, [f.place for f in found])
    return out


def news_day(ctx: Context) -> str | None:
    """The day the story's news happened: the day its lead sentences name ("Militants tightened
    their grip Sunday" in a report stamped Monday). News writing leaves later facts of the same
    day undated; they belong to that day, not to the publication timestamp. Worked out once per Doc."""
    key = ("sitroom_news_day", ctx.article.published, len(ctx.analysis.times), ctx.settings)
    return doc_memo(ctx.doc, key, lambda: _news_day(ctx))


def _news_day(ctx: Context) -> str | None:
    for i, sent in enumerate(ctx.doc.sents):
        if i >= LEDE_SENTENCES:
            break
        value, precision, basis = governing_date(ctx, sent.start_char, sent.end_char)
        if basis != "report" and precision == "day" and value and ctx.article.published \
                and value <= ctx.article.published[:10]:
            return value
    return None


def fact_date(ctx: Context, start: int, end: int, day: str | None) -> tuple[str | None, str | None, str | None]:
    """(value, precision, basis) of a fact: its governing time expression, else the story's news
    day (basis "lede"), else the report's date (basis "report")."""
    value, precision, basis = governing_date(ctx, start, end)
    if basis == "report" and day:
        return day, "day", "lede"
    return value, precision, basis


def place_id(ctx: Context, place: PlaceName) -> str | None:
    """The place resolved at this very mention ("the province of Kirkuk" is the province, even where the
    city is named too), else the gazetteer place whose name or alias is the one written."""
    name = place.name.lower()
    for p in ctx.analysis.places:
        if not p.relative and any(sp.start <= place.start < sp.end and sp.text.lower() == name
                                  for sp in (p.spans or [])):
            return p.id
    for p in ctx.analysis.places:
        if name == p.name.lower() or name in (a.lower() for a in p.aliases):
            return p.id
    for p in ctx.analysis.places:  # "Tal Afar airbase" written, "Tal Afar" resolved
        names = [p.name.lower(), *(a.lower() for a in p.aliases)]
        if any(len(n) >= 4 and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", name) for n in names) \
                and p.feature != "country":
            return p.id
    return None


def extract(ctx: Context) -> list[ControlChange]:
    report_year = int(ctx.article.published[:4]) if ctx.article.published else None
    sents = list(ctx.doc.sents)
    index = {s.start_char: i for i, s in enumerate(sents)}
    changes = []
    day = news_day(ctx)
    for sent, f in find_control(ctx):
        attribution = attribute(sent)
        i = index[sent.start_char]
        status = attribution.status
        previous = sents[i - 1].text if i else ""
        following = sents[i + 1].text if i + 1 < len(sents) else ""
        # a gain is "claimed" when the story calls it a claim, or when a party reports its own gain
        self_report = bool(f.actor and attribution.source and sides([f.actor]) & sides([attribution.source]))
        if status == "reported" and f.change in {"holds", "retook", "captured"} and (
                CLAIM_CUE.search(sent.text) or CLAIM_CUE.search(previous) or THAT_CLAIM.search(following)
                or (self_report and f.change != "captured")):
            status = "claimed"
        date, _precision, basis = fact_date(ctx, f.trigger, f.trigger + 1, day) if f.dated else (None, None, None)
        changes.append(ControlChange(
            id=make_id("k", ctx.article.id, f.trigger, f.place.start, f.change), place=place_id(ctx, f.place),
            place_name=f.place.name, actor=None, actor_name=f.actor, actor_group=group_of(ctx.doc, f.actor),
            change=f.change, share=f.share, date=date,
            status=status, attributed_to=attribution.source, documents=[ctx.article.id], date_basis=basis,
            background=looks_background(sent.text, report_year),
            evidence=[ctx.evidence(sent.start_char, sent.end_char)],
        ))
    return changes
