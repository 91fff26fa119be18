"""Events, typed with ACLED's event types and sub-types, plus Displacement and Aid.

Verb and keyword rules over the dependency parse, tuned for precision: a trigger
counts only when it is told as having happened (not "airstrikes are among the
options", not "tried to take over the village"), and territorial events come from
the control extractor's changes, so that an event and its control change agree.
Fatalities and injuries come from the claims extractor's figures in the same
sentence (or the next one when it goes on about "the attack").
"""

from __future__ import annotations

import re

from sitroom.contract import Claim, Event, Figure, TypeScore, make_id
from sitroom.extract.actor_groups import groups_of
from sitroom.extract.attribution import (
    INCIDENT_ANAPHORS,
    PlaceName,
    PlaceTracker,
    attribute,
    looks_background,
    place_names,
    story_capital,
)
from sitroom.extract.claims import extract as claims_extract
from sitroom.extract.context import Context, doc_text
from sitroom.extract.control import (
    ACTOR_WORDS,
    IRREALIS_HEADS,
    _actor_of,
    fact_date,
    find_control,
    irrealis,
    news_day,
    place_id,
)
from sitroom.extract.event_roles import event_actors, event_place, with_hedges
from sitroom.extract.event_typing import ATTACK_VERBS, CUES, TERRITORY, Typing, actor_side, no_event, type_texts
from sitroom.knowledge.event_cues import ADVANCE, CANDIDATE_WORDS, CONTINUITY, FIGHTING
from sitroom.knowledge.sides import GOVERNMENT_SIDES
from sitroom.knowledge.sides import sides as sides_of

BATTLES, REMOTE, VAC, STRATEGIC = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                   "Strategic developments")

# Past the lede of a long report, events come from these trigger words (precision-tuned on the seeds):
# (regex over the lower-cased sentence, type, sub-type); the first that is told as done wins
TRIGGERS = [
    (r"\bsuicide (bomb|bomber|bombers|bombing|attack|car bomb)", REMOTE, "Suicide bomb"),
    (r"\b(air ?strikes?|drone strikes?|warplanes|helicopter gunships?|(helicopters?|jets?|drones?|aircraft) "
     r"(struck|bombed|hit|attacked|fired))\b", REMOTE, "Air/drone strike"),
    (r"\b(shelled|shelling|mortars?|artillery fire|(rockets?|shells?|missiles?) (hit|struck|landed|slammed)|"
     r"missile attack)\b", REMOTE,
     "Shelling/artillery/missile attack"),
    (r"\b(car bombs?|roadside bombs?|bombs?|explosions?|blasts?|ieds?|explosive devices?)\b", REMOTE,
     "Remote explosive/landmine/IED"),
    (r"\b(clashed|clashes|clashing|battled|battling|gunbattle|firefight|fought)\b", BATTLES, "Armed clash"),
    (r"\b(attacked|ambushed|raided)\b.{0,40}\b(base|checkpoint|barracks|airport|position|positions|garrison|"
     r"convoy|patrol|soldiers|troops|army|police)\b", BATTLES, "Armed clash"),
    (r"\b(abducted|kidnapped|kidnapping|abduction|hostages?)\b", VAC, "Abduction/forced disappearance"),
    (r"\b(executed|executions?|killings?|massacred?)\b.{0,120}\bcivilians\b", VAC, "Attack"),
    (r"\b(stormed|opened fire|shot dead|gunned down|ambushed)\b.{0,80}\b(civilians?|market|people|worshippers|"
     r"villagers|residents|passengers|students|children|mosque|church|school|hospital)\b", VAC, "Attack"),
    (r"\b(arrested|arrests)\b", STRATEGIC, "Arrests"),
    (r"\b(protest|protests|protested|protesters|demonstrators|demonstrated)\b", "Protests", "Peaceful protest"),
    (r"\b(riot|riots|rioted|rioters)\b", "Riots", "Violent demonstration"),
    (r"\b(distributed|delivered|airdropped|dropped)\b.{0,60}\b(food|aid|supplies|relief|parcels|water|"
     r"medicine|medical)\b", "Aid", "Aid"),
]
CANDIDATES = re.compile(CANDIDATE_WORDS, re.I)
MAX_SIMILARITY = 1.0  # a type's similarity is a mean of cosines of unit vectors (event_typing._scores)
ACTION = re.compile(FIGHTING + "|" + ATTACK_VERBS.pattern, re.I)
# verbs of the event sentence that tell it as done: past or present perfect, or a present headline
REALIS_TAGS = {"VBD", "VBN", "VBZ", "VBP", "VBG"}
OPTION_CUES = re.compile(r"\b(options?|consider(ed|ing)?|contemplat\w*|potential|possible|willingness|could|"
                         r"would|may prove|if)\b", re.I)
CONTROL_EVENTS = {
    "captured": (BATTLES, "Non-state actor overtakes territory"),
    "retook": (BATTLES, "Government regains territory"),
    "withdrew": (STRATEGIC, "Non-violent transfer of territory"),
}


def _is_government(actor: str | None) -> bool:
    """State forces, read with the one actor lexicon (`knowledge.sides`): the kind of the actor named first,
    or, when the phrase names no kind ("the government", "Kurdish forces"), a government-side party."""
    if not actor:
        return False
    kind = actor_side(actor)
    return kind == "state" or (kind is None and bool(sides_of([actor]) & GOVERNMENT_SIDES))


def _trigger_token(sent, start: int):
    span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _realis(sent, tok) -> bool:
    """Told as having happened: a finite verb governs the anchor and nothing makes it hypothetical."""
    if tok is None or irrealis(tok):
        return False
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return True  # a verbless headline ("Explosions at bus stop")
    if verb.tag_ not in REALIS_TAGS or irrealis(verb):
        return False
    if verb.tag_ == "VBG" and verb.i == tok.i and not any(c.dep_ == "aux" for c in verb.children):
        return False  # "success battling the forces of …": a participle, not a reported clash
    clause = doc_text(sent.doc)[min(tok.idx, verb.idx):max(tok.idx, verb.idx) + 40]
    return not OPTION_CUES.search(clause)


ARMED_TARGETS = {"base", "checkpoint", "barracks", "airport", "position", "positions", "garrison", "convoy",
                 "patrol", "soldiers", "troops", "army", "police", "forces", "outpost"}


def _hits_armed_target(tok, subtype: str) -> bool:
    """"attacked a military base" is a clash; "attacked Palma, where the police said …" is not:
    the armed target must be the verb's own object."""
    if subtype != "Armed clash" or tok.lower_ not in {"attacked", "ambushed", "raided"}:
        return True
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.lower_ in ARMED_TARGETS


def _trigger_typing(sent):
    """After the lede: the first trigger told as done, as a Typing with no model score."""
    low = sent.text.lower()
    for pattern, etype, subtype in TRIGGERS:
        m = re.search(pattern, low)
        if m is None:
            continue
        tok = _trigger_token(sent, sent.start_char + m.start())
        if _realis(sent, tok) and _hits_armed_target(tok, subtype):
            return Typing(subtype, etype, None, [], f"trigger {m.group(0)!r} after the lede", at=m.start())
    return None


def _type_sentences(ctx, sents) -> dict:
    """{sentence index: Typing} for the sentences that report an event: the candidate sentences
    (conflict words) go through the typer in one batch. A headline is typed together with the
    sentence after it, which tells the same event in full."""
    knobs = ctx.settings.event_typing
    texts, cand, parses = [], [], []
    # past the lede only a sure model type counts (`_sure_past_lede`); when that bar is above any score
    # the model can give, the later sentences are left to their trigger words without the encoder
    later = knobs.later_min_score <= MAX_SIMILARITY + knobs.cue_bonus
    for i, sent in enumerate(sents if later else sents[:knobs.lede_sentences]):
        text, parse = sent.text.strip(), [sent]
        if i + 1 < len(sents) and _is_heading(sent):
            text, parse = text + ". " + sents[i + 1].text.strip(), [sent, sents[i + 1]]
        if CANDIDATES.search(text) or any(c.search(text) for name, c in CUES.items() if name != "None"):
            cand.append(i)
            texts.append(text)
            parses.append(parse)
    typed = dict(zip(cand, type_texts(texts, knobs, parses)))
    typings = {i: t for i, t in typed.items() if i < knobs.lede_sentences and t.is_event}
    for i in range(knobs.lede_sentences, len(sents)):
        t = typed.get(i)
        if t is None or not _sure_past_lede(t, knobs):
            t = _trigger_typing(sents[i])
        if t is not None:
            typings[i] = t
    return typings


def _sure_past_lede(t: Typing, knobs) -> bool:
    """Past the lede the model decides alone only when sure: a high score, well above no event."""
    if not t.is_event or t.confidence is None or t.confidence < knobs.later_min_score:
        return False
    none_score = next((v for name, v in t.alternatives if name == "None"), None)
    return none_score is None or t.confidence - none_score >= knobs.later_min_margin


def _is_heading(sent) -> bool:
    """A line without closing punctuation that ends at a line break ("Gunmen kill 5 in …\n")."""
    text = sent.text.rstrip(" ")
    after = doc_text(sent.doc)[sent.end_char:sent.end_char + 1]
    return (text.endswith("\n") or after == "\n") and not text.rstrip().endswith((".", "!", "?", ":"))


def _anchor(sent, typing):
    """The token the event hangs on (for place, date and actors): the first word of the sub-type's
    cue, else of an act of fighting or attack, else the sentence's main verb; None when that is told as hypothetical or denied."""
    if typing.at is not None:
        return _trigger_token(sent, sent.start_char + typing.at)
    cue = CUES.get(typing.subtype)
    m = cue.search(sent.text) if cue is not None else None
    m = m or ACTION.search(sent.text)
    tok = _trigger_token(sent, sent.start_char + m.start()) if m else sent.root
    if not _realis(sent, tok) and not (typing.confidence is not None and _governed_as_done(sent, tok)):
        return None
    return tok


FINITE_TAGS = {"VBD", "VBZ", "VBP"}


def _governed_as_done(sent, tok) -> bool:
    """A sentence the model typed may tell its act in a non-finite word ("began distributing food",
    "gathered to protest", "agreed to observe the ceasefire"): the act is told as done when the finite
    verb that governs it is. A headline drops its tense ("Gangs loot, burn warehouse"): there a bare verb
    counts, unless it is the future "to" form ("Army to deploy troops")."""
    cur = tok
    for _ in range(8):
        helpers = [c for c in cur.children if c.dep_ in {"aux", "auxpass"} and c.lower_ != "to"]
        if cur.pos_ in {"VERB", "AUX"} and (cur.tag_ in FINITE_TAGS or helpers):
            return cur.lower_ not in IRREALIS_HEADS and _realis(sent, cur)  # not "threatened to attack"
        if cur.head.i == cur.i:
            break
        cur = cur.head
    root = sent.root
    return _is_heading(sent) and root.tag_ in {"VB", "NN", "NNS"} and not irrealis(root) \
        and not any(c.lower_ == "to" and c.dep_ == "aux" for c in root.children)


def _explain(ev: Event, typing) -> None:
    ev.type_confidence = typing.confidence
    ev.type_alternatives = [TypeScore(subtype=s, score=v) for s, v in typing.alternatives]
    ev.type_rule = typing.rule


def _casualties(claims: list[Claim], sentence: int) -> tuple[list[Claim], list[Claim]]:
    here = [c for c in claims if c.evidence[0].sentence == sentence and c.status != "denied"]
    return [c for c in here if c.kind == "killed"], [c for c in here if c.kind == "wounded"]


# How a timeline line reads when the text names who acted and where (the ACLED sub-type stays
# in the event's own fields); otherwise the line is "<sub-type> by <actors> in <place>".
HEADLINES = {
    "Non-state actor overtakes territory": "{doers} take {place}",
    "Government regains territory": "{doers} retake {place}",
    "Non-violent transfer of territory": "{doers} leave {place}",
    "Armed clash": "{doers} clash with {targets} in {place}",
    "Air/drone strike": "Air strike by {doers} in {place}",
    "Shelling/artillery/missile attack": "Shelling by {doers} in {place}",
}


def _named(names: list[str], certainty: dict[str, str]) -> list[str]:
    """Names as the line shows them, each hedge kept: "militants (believed to be ISIS)", "possibly X"."""
    out: list[str] = []
    for n in names:
        hedge = certainty.get(n)
        if hedge and out:
            out[-1] += f" ({hedge} {n})"
        else:
            out.append(f"{hedge} {n}" if hedge else n)
    return out


def _summary(subtype: str, sides: tuple[list[str], list[str]], place: str | None, killed: int | None,
             wounded: int | None, source: str | None, country: bool = False,
             certainty: dict[str, str] | None = None) -> str:
    doers, targets = (_named(side, certainty or {}) for side in sides)
    template = HEADLINES.get(subtype)
    if country and subtype in TERRITORY:
        template = None  # "fighters take Iraq" overstates an advance somewhere in a country
    if template and doers and place and ("{targets}" not in template or targets):
        text = template.format(doers=", ".join(doers), targets=", ".join(targets), place=place)
        text = text[0].upper() + text[1:]
    else:
        text = subtype
        if doers:
            text += " by " + ", ".join(doers)
        if targets:
            text += " against " + ", ".join(targets)
        text += f" in {place}" if place else ""
    tolls = [f"{killed} killed" if killed is not None else "", f"{wounded} wounded" if wounded is not None else ""]
    tolls = [t for t in tolls if t]
    if tolls:
        text += ": " + ", ".join(tolls)
    return text + (f" ({source})" if source else "")


def extract(ctx: Context) -> list[Event]:
    doc, art = ctx.doc, ctx.article
    report_year = int(art.published[:4]) if art.published else None
    sents = list(doc.sents)
    # tolls come from the claims extractor; when only events were asked for, find the figures here
    claims = ctx.analysis.claims or claims_extract(ctx)
    events: list[Event] = []
    tracker = PlaceTracker(capital=story_capital(ctx.analysis.places))
    day = news_day(ctx)
    typings = _type_sentences(ctx, sents)
    pending = []  # territory typed by meaning: kept where the control extractor found no change
    carried = None  # a headline's typing (read with its lede) that found no act told as done in the headline
    for i, sent in enumerate(sents):
        attribution = attribute(sent)
        seen_types = set()
        typing, carried = carried or typings.get(i), None
        tok = _anchor(sent, typing) if typing is not None else None
        if typing is not None and tok is None and typing.at is None and i + 1 < len(sents) and _is_heading(sent):
            carried = typing  # anchored in the lede, which tells the same event in full
        if typing is not None and tok is not None and typing.subtype in TERRITORY:
            pending.append((i, sent, typing, tok, attribution))
        elif typing is not None and tok is not None:
            etype, subtype = typing.type, typing.subtype
            seen_types.add(etype)
            killed, wounded = _casualties(claims, i)
            evidence = [ctx.evidence(sent.start_char, sent.end_char)]
            if not (killed or wounded) and i + 1 < len(sents) and INCIDENT_ANAPHORS.search(sents[i + 1].text):
                killed, wounded = _casualties(claims, i + 1)
                if killed or wounded:
                    evidence.append(ctx.evidence(sents[i + 1].start_char, sents[i + 1].end_char))
            if subtype == "Abduction/forced disappearance" or etype in {STRATEGIC, "Aid", "Displacement"}:
                killed = wounded = []
            place = event_place(tracker, sent, tok, attribution)
            date, precision, basis = fact_date(ctx, tok.idx, tok.idx + len(tok.text), day)
            ev = _event(ctx, etype, subtype, tok.idx, date, precision, event_actors(sent, tok), place,
                        killed, wounded, attribution, looks_background(sent.text, report_year), evidence, basis)
            _explain(ev, typing)
            events.append(ev)
        looking_back = no_event(sent.text)  # an anniversary or a denial tells no abduction or flight of its own
        if not seen_types and not looking_back:
            events.extend(_abductions(ctx, claims, sent, i, attribution, tracker, report_year, seen_types, day))
        if not seen_types & {"Aid", "Displacement"} and not looking_back:  # aid receivers are no new displacement
            events.extend(_displacement(ctx, claims, sent, i, attribution, tracker, report_year, day))
        tracker.push(sent)
    events.extend(_territory(ctx, report_year, day))
    taken = [e.evidence[0].start for e in events if e.subtype in TERRITORY and e.evidence]
    # "seized the town following clashes": the fighting a trigger found is how the place was taken
    events = [e for e in events if not (e.subtype == "Armed clash" and e.type_confidence is None and e.evidence
                                        and e.evidence[0].start in taken)]
    for i, sent, typing, tok, attribution in pending:
        if any(sent.start_char <= at < sent.end_char + 1 for at in taken):
            # the control change already tells the capture; a trigger may still tell another act
            typing = _trigger_typing(sent)
            tok = _anchor(sent, typing) if typing is not None and typing.subtype not in TERRITORY else None
            if tok is None:
                continue
        killed, wounded = _casualties(claims, i) if typing.type == VAC else ([], [])
        place = event_place(tracker, sent, tok, attribution)
        if typing.subtype in TERRITORY and place is not None and place.rank == 0:
            continue  # as in _territory: territory changes hands below the level of a country
        date, precision, basis = fact_date(ctx, tok.idx, tok.idx + len(tok.text), day)
        ev = _event(ctx, typing.type, typing.subtype, tok.idx, date, precision, event_actors(sent, tok), place, killed,
                    wounded, attribution, looks_background(sent.text, report_year),
                    [ctx.evidence(sent.start_char, sent.end_char)], basis)
        _explain(ev, typing)
        events.append(ev)
    # history told as context ("Earlier this year, ISIS took Falluja") is not an event of this story
    return [e for e in events if not e.background]


def _event(ctx, etype, subtype, at, date, precision, sides, place, killed, wounded, attribution, background,
           evidence, basis=None, partial=False) -> Event:
    """`partial`: only part of the place was taken ("seized parts of Baiji"), and the line says so."""
    sides, certainty = (sides[0], sides[1]), (sides[2] if len(sides) > 2 else {})
    actors = [a for side in sides for a in side]
    k, w = _toll(killed), _toll(wounded)
    figures = [_figure(ctx, c) for c in killed + wounded]
    status = attribution.status if attribution.status != "denied" else "reported"
    where = (f"parts of {place.name}" if partial else place.name) if place else None
    place = _town_of(ctx, evidence[0], place)
    place_name = place.name if place else None
    return Event(
        id=make_id("ev", ctx.article.id, at, subtype), type=etype, subtype=subtype, date=date,
        date_precision=precision, actor_names=actors, place=place_id(ctx, place) if place else None,
        place_name=place_name, fatalities=k, injured=w, status=status, attributed_to=attribution.source,
        summary=_summary(subtype, sides, where, k, w, attribution.source, country=bool(place) and place.rank == 0,
                         certainty=certainty),
        documents=[ctx.article.id],
        background=background, figures=figures, evidence=evidence, date_basis=basis,
        actor1=list(sides[0]), actor2=list(sides[1]), actor_certainty=certainty,
        actor_groups=groups_of(ctx.doc, actors),
    )


def _toll(claims: list[Claim]) -> int | None:
    """The largest number stated; a vague one ("dozens") states none, so no toll from it."""
    values = [c.value for c in claims if c.value is not None]
    return int(max(values)) if values else None


def _figure(ctx, c: Claim) -> Figure:
    return Figure(kind=c.kind, value=int(c.value) if c.value is not None else None, qualifier=c.qualifier,
                  doc=ctx.article.id, attributed_to=c.attributed_to, stated=c.stated)


def _amount(c: Claim) -> str:
    """A figure as the text gives it: "more than 500,000", "thousands"."""
    if c.value is None:
        return c.qualifier
    return f"{c.qualifier + ' ' if c.qualifier != 'exact' else ''}{int(c.value):,}"


FACILITY_WORDS = {"military", "air", "force", "airbase", "base", "airport", "consulate", "embassy", "prison", "jail",
                  "refinery", "dam", "station", "plant", "recruiting", "the"}


def _town_of(ctx, evidence, place):
    """Events are placed at the populated place (as ACLED codes them): a facility gives way to
    the town it is named after ("Khalidiya military base" → Khalidiya) or the town the sentence
    places it in or near ("the Turkish Consulate in Mosul", "a base just south of Mosul")."""
    if place is None or place.rank != 3:
        return place
    written = " ".join(w for w in place.name.split() if w.lower() not in FACILITY_WORDS)
    for p in ctx.analysis.places:
        if p.feature != "facility" and written and written.lower() in [p.name.lower(),
                                                                      *(a.lower() for a in p.aliases)]:
            return PlaceName(written, place.start, place.start + len(written), 2, False)
    span = ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    towns = [p for p in place_names(span) if p.rank == 2 and p.start != place.start] if span is not None else []
    if towns:
        return min(towns, key=lambda p: abs(p.start - place.start))
    return place


def _abductions(ctx, claims, sent, i, attribution, tracker, report_year, seen_types, day) -> list[Event]:
    """People seized or captured ("capturing 48 people, including diplomats") are an abduction."""
    if VAC in seen_types:
        return []
    taken = [c for c in claims if c.evidence[0].sentence == i and c.kind == "detained"
             and c.status != "denied"]
    if not taken:
        return []
    tok = _trigger_token(sent, sent.start_char + max(0, sent.text.lower().find(" seiz") + 1,
                                                      sent.text.lower().find(" captur") + 1))
    if tok is None or irrealis(tok):
        return []
    place = tracker.resolve(sent, tok.idx, (attribution.start, attribution.end), carry_over=False)
    date, precision, basis = fact_date(ctx, tok.idx, tok.idx + len(tok.text), day)
    actors = [a for a in [_actor_of(t) for t in sent if t.dep_ in {"nsubj", "nsubjpass"}] if a][:1]
    ev = _event(ctx, VAC, "Abduction/forced disappearance", tok.idx, date, precision, (actors, []), place, [], [],
                attribution, looks_background(sent.text, report_year), [ctx.evidence(sent.start_char, sent.end_char)],
                basis)
    ev.summary += f": {_amount(taken[0])} {taken[0].subject or 'people'} seized"
    return [ev]


def _displacement(ctx, claims, sent, i, attribution, tracker, report_year, day) -> list[Event]:
    """People fleeing: a displacement figure, or residents fleeing a named place."""
    moved = [c for c in claims if c.evidence[0].sentence == i and c.kind == "displaced"
             and c.status != "denied"]
    fled = [t for t in sent if t.lower_ in {"fled", "flee", "fleeing"} and t.pos_ == "VERB"
            and any(c.dep_ == "nsubj" and c.lower_ in {"residents", "families", "civilians", "people", "thousands"}
                    for c in t.children)]
    if not moved and not fled:
        return []
    at = moved[0].evidence[0].start if moved else fled[0].idx
    tok = fled[0] if fled else _trigger_token(sent, sent.start_char)
    if fled and irrealis(fled[0]):
        return []
    place = tracker.resolve(sent, tok.idx, (attribution.start, attribution.end), carry_over=False)
    date, precision, basis = fact_date(ctx, tok.idx, tok.idx + len(tok.text), day)
    ev = _event(ctx, "Displacement", "Displacement", at, date, precision, ([], []), place, [], [], attribution,
                looks_background(sent.text, report_year), [ctx.evidence(sent.start_char, sent.end_char)], basis)
    if moved:
        c = moved[0]
        ev.figures = [_figure(ctx, c)]
        source = f" ({c.attributed_to})" if c.attributed_to else ""
        ev.summary = f"{_amount(c)} {c.subject or 'people'} displaced{' from ' + place.name if place else ''}{source}"
    return [ev]


def _claimed_gain(sent) -> bool:
    """Does the story frame a holding as a claimed victory (in this or the previous sentence)?"""
    doc = sent.doc
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    text = (prev.text if prev is not None else "") + " " + sent.text
    return bool(re.search(r"\bclaim(ed|s)?\b.{0,40}\bvictory\b|\bvictory claim\b", text, re.I))


def _newly_held(sent) -> bool:
    """Is a place told as held by a group news of its advance: the story (its opening or the sentences just
    before) tells the group taking ground, and this sentence says nothing of the holding lasting ("still",
    "remains", "since 2014")? With the holding dated to a day (checked by the caller); static statements of
    who holds what ("it controls towns such as …") stay control rows."""
    if re.search(CONTINUITY, sent.text, re.IGNORECASE):
        return False
    doc = sent.doc
    before = [s.text for s in doc.sents if s.end <= sent.start]
    story = " ".join(before[:1] + before[-2:])
    return bool(re.search(ADVANCE, story, re.IGNORECASE))


def _territory(ctx, report_year, day) -> list[Event]:
    """Captures, retakes and withdrawals from the control extractor, as ACLED events."""
    out = []
    for sent, f in find_control(ctx):
        attribution = attribute(sent)
        change = "captured" if f.partial else f.change
        if change == "holds" and _is_government(f.actor) and _claimed_gain(sent):
            change = "retook"  # "Iraq claimed a key victory …: Tikrit was under full control of the military"
        elif change == "holds" and f.share is None and actor_side(f.actor or "") == "non-state" \
                and _newly_held(sent) and f.dated \
                and fact_date(ctx, f.trigger, f.trigger + 1, day)[1:] == ("day", "sentence"):
            change = "captured"  # a story of a group's advance reports a town in its hands on the day: it fell
        if change not in CONTROL_EVENTS or f.place.rank == 0:
            continue  # a whole country does not change hands in one sentence: the text tells an advance within it
        etype, subtype = CONTROL_EVENTS[change]
        if change == "captured" and _is_government(f.actor):
            subtype = "Government regains territory"
        date, precision, basis = fact_date(ctx, f.trigger, f.trigger + 1, day) if f.dated else (None, None, None)
        actors = [f.actor] if f.actor and any(w in f.actor.lower() for w in ACTOR_WORDS) else []
        doers, hedges = with_hedges(sent, actors)
        ev = _event(ctx, etype, subtype, f.trigger, date, precision, (doers, [], hedges), f.place, [], [], attribution,
                    looks_background(sent.text, report_year), [ctx.evidence(sent.start_char, sent.end_char)], basis,
                    partial=f.partial)
        if change != f.change and f.change == "holds":
            ev.status = "claimed"
        out.append(ev)
    return out
