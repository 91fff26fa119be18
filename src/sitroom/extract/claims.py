"""Numeric claims: figures with what they count, where, when, and who says so.

Each quantity found by `sitroom.extract.numbers` is kept only when the parse tells what it
counts: a casualty verb ("killing two civilians"), a displacement ("500,000 people
have fled"), an armed group ("about 500 Revolutionary Guard troops"), money, a share
or a population. Durations, distances, ages and years are not claims.
"""

from __future__ import annotations

import re

from sitroom.contract import Claim, make_id
from sitroom.extract.attribution import DENY, Attribution, PlaceTracker, attribute, looks_background, story_capital
from sitroom.extract.context import Context, doc_memo, doc_text, span_ents
from sitroom.extract.control import ACTOR_WORDS, fact_date, news_day, place_id
from sitroom.extract.numbers import Quantity, find_quantities
from sitroom.extract.place_roles import tells_whose

# Word stems of what a figure counts, checked on the verbs and nouns around it.
KIND_STEMS = [
    ("killed", ("kill", "dead", "death", "die", "died", "execut", "behead", "slain", "fatalit", "massacr")),
    ("wounded", ("wound", "injur", "hurt")),
    ("displaced", ("fled", "flee", "displac", "refugee", "homeless")),  # "evacuated" staff are not displaced
    ("detained", ("seiz", "captur", "abduct", "kidnap", "detain", "arrest", "hostage", "captive")),
    ("released", ("freed", "free", "releas")),
]
TROOP_NOUNS = ("troop", "soldier", "fighter", "militant", "force", "guard", "personnel", "gunmen",
               "insurgent", "jihadist", "policemen", "commando", "volunteer", "recruit", "marine")
ADVISER_NOUNS = ("adviser", "advisor", "trainer")
PEOPLE_NOUNS = ("people", "civilian", "person", "famil", "prisoner", "detainee", "resident", "child",
                "men", "women", "diplomat", "iraqis", "syrians", "worker", "contractor", "national",
                "student", "pilgrim", "villager", "protester", "demonstrator", "other", "citizen")
POPULATION_CUES = ("city of", "town of", "population of", "home to", "inhabitants")
# units that make a number a measure, not a count of anything a claim is about
MEASURE_NOUNS = {"mile", "miles", "kilometer", "kilometers", "km", "hour", "hours", "day", "days", "week",
                 "weeks", "month", "months", "year", "years", "minute", "minutes", "times", "meters",
                 "feet", "points", "gmt", "am", "pm", "edt", "barrels", "o'clock", "percent"}


PRONOUN_REACH = 3  # sentences back that a "he said" may reach for its speaker


def _has_stem(tokens, stems) -> bool:
    return any(t.lower_.startswith(stems) for t in tokens)


def _number_token(doc, q: Quantity, offset: int):
    span = doc.char_span(offset + q.start, offset + q.end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _subjects(verb):
    """The subjects of a verb's clause, climbing raising chains: in "the toll of injured is
    reported to be nearing 400" the subject of "nearing" is the toll of injured."""
    cur = verb
    for _ in range(3):
        yield from (c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"})
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            break
        cur = cur.head


def _elided_nouns(prep) -> list:
    """"executions of soldiers during the capture of the city, and of 17 civilians": a coordinated
    preposition that repeats an earlier one without its noun (the parse hangs it on the verb)
    stands for an earlier one; the nouns those hang on, leaving out the verb's own adjuncts
    ("during the capture of")."""
    # the parse hangs the repeated preposition on the verb as a preposition or as a conjunct
    if prep.dep_ not in {"prep", "conj"} or prep.head.pos_ not in {"VERB", "AUX"} or prep.i == 0:
        return []
    before = prep.doc[prep.i - 1]
    if before.dep_ != "cc" and before.lower_ not in {"and", "or"}:
        return []
    out = []
    for t in prep.doc[prep.head.left_edge.i:before.i]:
        if t.lower_ == prep.lower_ and t.dep_ == "prep" and t.head.pos_ in {"NOUN", "PROPN"}:
            holder = t.head.head
            if not (holder.dep_ == "prep" and holder.lower_ != prep.lower_ and holder.head.i == prep.head.i):
                out.append(t.head)
    return out


def _counted_noun(tok):
    """The noun a number counts: "70 militants" → militants, "dozens of fighters" → fighters."""
    if tok.dep_ == "nummod" or (tok.dep_ in {"quantmod", "compound"} and tok.head.pos_ in {"NOUN", "PROPN"}):
        return tok.head
    if tok.pos_ == "NOUN":  # "dozens", "hundreds", "thousands" as nouns
        for prep in tok.children:
            if prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    # "the number of advisers … will be about 300": the subject of the copula names them
    if tok.dep_ in {"attr", "pobj", "dobj"}:
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        for subj in _subjects(verb):
            if subj.lower_ in {"number", "total", "toll"}:
                for prep in subj.children:
                    if prep.lower_ == "of":
                        for obj in prep.children:
                            # "the number of wounded": no noun counted; the clause says what (the context)
                            if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                                return obj
    return None


def _context_tokens(tok, noun):
    """Tokens whose words decide the kind: the chain of heads above the figure, the noun's
    modifiers ("people displaced"), and the subject of a "the number of … killed" clause."""
    out = []
    anchor = noun if noun is not None else tok
    out.extend(c for c in anchor.children if c.dep_ in {"acl", "relcl", "amod"})
    cur = anchor
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
        out.extend(_elided_nouns(cur))  # "… executions of soldiers, and of 17 civilians"
        if cur.pos_ == "VERB":
            # "left 4,000 soldiers dead": the state the verb puts its object in
            out.extend(c for c in cur.children if c.dep_ in {"oprd", "acomp", "xcomp"} and c.pos_ == "ADJ")
            break
    for t in list(out):
        for subj in _subjects(t) if t.pos_ in {"VERB", "AUX"} else ():
            if subj.lower_ in {"number", "toll", "total"}:
                out.extend(subj.subtree)
    return out


def classify(q: Quantity, tok, sent) -> tuple[str, str | None] | None:
    """(kind, subject) of a figure, or None when the parse does not say what it counts."""
    if q.unit in {"USD", "EUR", "GBP"}:
        return "money", None
    if q.unit == "percent":
        return "share", None
    noun = _counted_noun(tok)
    if noun is not None and (noun.lower_ in MEASURE_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}
                             or (noun.pos_ == "PROPN" and noun.ent_type_ != "NORP")):
        return None
    before = doc_text(sent.doc)[max(sent.start_char, tok.idx - 20):tok.idx].lower()
    if noun is None and any(before.rstrip().endswith(cue) for cue in POPULATION_CUES):
        return "population", None
    ctx = _context_tokens(tok, noun)
    subject = None
    if noun is not None:
        mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod"} and c.pos_ != "NUM"]
        subject = " ".join([m.text for m in mods] + [noun.text])
    for kind, stems in KIND_STEMS:
        if _has_stem(ctx, stems):
            if kind == "detained" and noun is not None and noun.lower_.startswith(TROOP_NOUNS):
                continue  # "seized 70 militants' weapons" is rare; fighters seizing is not detention
            if noun is None and tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
                continue
            return kind, subject
    if noun is None:
        return None
    low = noun.lower_
    if low.startswith(ADVISER_NOUNS):
        return "advisers", subject
    if low.startswith(TROOP_NOUNS):
        return "troops", subject
    if low.startswith(PEOPLE_NOUNS) and q.value is not None and q.value >= 2:
        return "count", subject
    return None


def _skip(q: Quantity, text: str) -> bool:
    """Years, compounds ("17-minute"), clock times and zero-padded codes ("0156 GMT")."""
    after = text[q.end:q.end + 1]
    return q.is_year_like or after in {"-", ":", "/"} or (q.text[:1] == "0" and len(q.text) > 1)


def _place(places: PlaceTracker, sent, start: int, attribution, tok, kind: str):
    """Where the counted thing happened: a place that only modifies the counted noun ("300 U.S.
    advisers", "Iranian troops") says whose they are, not where they are."""
    carry = kind in {"killed", "wounded", "displaced", "detained"}
    place = places.resolve(sent, start, (attribution.start, attribution.end), carry_over=carry)
    noun = _counted_noun(tok)
    if place is None or noun is None:
        return place
    if not tells_whose(sent.doc, place, noun):
        return place
    lo, hi = noun.left_edge.idx, noun.idx  # look again past the counted noun's own modifiers
    other = places.resolve(sent, start, (lo, hi), carry_over=carry)
    if other is None or (attribution.start <= other.start < attribution.end) or lo <= other.start < hi:
        return None
    return other


OWN_WORK_KINDS = {"displaced", "count", "population"}  # people an organization helped or counted


def _own_work(sent) -> Attribution | None:
    """An organization telling its own work ("Red Crescent teams have handed out food to 8,000
    displaced people") is the source of its figures of people helped; an armed party is not."""
    for subj in (c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        phrase = sent.doc[subj.left_edge.i:subj.right_edge.i + 1]
        ent = next((e for e in span_ents(sent) if e.label_ == "ORG" and phrase.start <= e.start < phrase.end), None)
        if ent is not None and not any(w in phrase.text.lower() for w in ACTOR_WORDS):
            return Attribution(ent.text, False, "reported", ent.start_char, ent.end_char)
    return None


def last_speaker(sent, attribution) -> str | None:
    """A named person who is the subject of this sentence: what a later "she said" refers to."""
    for tok in sent:
        # "U.N. High Commissioner … Navi Pillay on Friday expressed …": the name closing the subject
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.head.pos_ == "VERB":
            names = [t for t in tok.subtree if t.pos_ == "PROPN"]
            if names and names[-1].ent_type_ in {"PERSON", ""}:
                chain = [c for c in names[-1].lefts if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:] + [names[-1]]
                return doc_text(sent.doc)[chain[0].idx:names[-1].idx + len(names[-1].text)]
    for ent in span_ents(sent):
        if ent.label_ == "PERSON" and (ent.root.dep_ in {"nsubj", "nsubjpass"} or (
                ent.root.dep_ in {"compound", "appos"} and ent.root.head.dep_ in {"nsubj", "nsubjpass"})):
            return ent.text
    if attribution.source and not attribution.anonymous:
        tokens = sent.doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
        if tokens is not None and (all(t.pos_ == "PROPN" for t in tokens)
                                   or any(t.ent_type_ == "PERSON" for t in tokens)):
            return attribution.source
    return None


def extract(ctx: Context) -> list[Claim]:
    """The claims of a document, found once per Doc and facts it needs (events.py asks again for the
    figures of a report whose claims came out empty)."""
    an = ctx.analysis
    key = ("sitroom_claims", len(an.mentions), len(an.times), len(an.places), ctx.settings)
    return list(doc_memo(ctx.doc, key, lambda: tuple(_extract(ctx))))


def _extract(ctx: Context) -> list[Claim]:
    doc = ctx.doc
    report_year = int(ctx.article.published[:4]) if ctx.article.published else None
    claims: list[Claim] = []
    last_person, person_age = None, 0
    places = PlaceTracker(capital=story_capital(ctx.analysis.places))
    day = news_day(ctx)
    for sent in doc.sents:
        person_age += 1
        said = attribute(sent, last_person if person_age <= PRONOUN_REACH else None)
        own, own_looked = None, said.source is not None  # looked for only when a figure needs it
        text = sent.text
        for q in find_quantities(text):
            if _skip(q, text):
                continue
            tok = _number_token(doc, q, sent.start_char)
            if tok is None:
                continue
            kind_subject = classify(q, tok, sent)
            if kind_subject is None:
                continue
            kind, subject = kind_subject
            if not own_looked and kind in OWN_WORK_KINDS:
                own, own_looked = _own_work(sent), True
            attribution = own if own is not None and kind in OWN_WORK_KINDS else said
            start, end = sent.start_char + q.start, sent.start_char + q.end
            date, _precision, basis = fact_date(ctx, start, end, day)
            place = None if kind == "money" else _place(places, sent, start, attribution, tok, kind)
            value = q.value / 100 if q.unit == "percent" and q.value is not None else q.value
            value_max = (q.value_max / 100 if q.unit == "percent" else q.value_max) if q.value_max else None
            claims.append(Claim(
                id=make_id("c", ctx.article.id, start, end, kind), kind=kind, value=value, value_max=value_max,
                qualifier=q.qualifier, stated=q.text, unit=q.unit, subject=subject,
                place=place_id(ctx, place) if place else None,
                place_name=place.name if place else None, date=date, date_basis=basis,
                attributed_to=attribution.source,
                anonymous_source=attribution.anonymous, status=attribution.status,
                background=looks_background(sent.text, report_year), documents=[ctx.article.id],
                evidence=[ctx.evidence(sent.start_char, sent.end_char)],
            ))
        speaker = last_speaker(sent, said)
        if speaker:
            last_person, person_age = speaker, 0
        places.push(sent)
    return claims + denials(ctx, claims)


DENIAL_OBJECTS = re.compile(r"\b(claim|claims|report|reports|notion|allegation|allegations|suggestion)\b", re.I)


def denials(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """A sentence that denies "the claim"/"the reports" answers the figure stated just before it:
    the denial becomes a claim of its own (status denied) so that both sides stay visible."""
    out = []
    by_sentence = {}
    for c in claims:
        by_sentence.setdefault(c.evidence[0].sentence, []).append(c)
    for i, sent in enumerate(ctx.doc.sents):
        words = {t.lower_ for t in sent}
        if not (words & DENY and DENIAL_OBJECTS.search(sent.text)):
            continue
        previous = [c for j in (i - 1, i - 2) for c in by_sentence.get(j, []) if c.status != "denied"]
        if not previous:
            continue
        target = previous[0]
        who = attribute(sent)
        out.append(target.model_copy(update={
            "id": make_id("c", ctx.article.id, sent.start_char, "denial", target.id), "status": "denied",
            "attributed_to": who.source, "anonymous_source": who.anonymous,
            # the sentence stating the figure stays: a denial adds its own words, it does not replace them
            "evidence": [*target.evidence, ctx.evidence(sent.start_char, sent.end_char)],
        }))
    return out
