"""Who did what to whom in an event sentence, how sure the text is of them, and where it happened.

The parse decides the roles: the subject or "by" agent of the event's verb acted (ACLED's
actor1); the object, a passive subject, "against X", "on X", "with X" were acted on (actor2);
"between A and B" puts A first. People killed or hurt ("…, killing four shoppers", "killings of guards …,
and of 9 farmers") are targets too, the ones a figure counts first; an anchor on a reporting
verb ("…, police said") stands for the act it reports. Hedges on a party ("possibly ISIS fighters", "militants
believed to be ISIS") are kept with it. The event's place is the one its verb governs, not the
most precise place anywhere in the sentence ("as forces withdrew from …, moving closer to X").
"""

from __future__ import annotations

import re

from sitroom.extract.attribution import REPORTING, place_names
from sitroom.extract.claims import KIND_STEMS, _elided_nouns
from sitroom.extract.context import doc_text
from sitroom.extract.control import ACTOR_WORDS, _actor_of
from sitroom.extract.place_roles import tells_whose
from sitroom.knowledge.sides import ACTOR_HEDGE_VERBS, ACTOR_HEDGE_WORDS, is_civilian, plural_of

HARM_STEMS = tuple(stem for kind, stems in KIND_STEMS if kind in {"killed", "wounded"} for stem in stems)


def _verb_of(tok):
    """The verb an anchor word belongs to: itself, or the nearest verb above it."""
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in {"VERB", "AUX"} else tok


def _hedge(tok) -> str | None:
    """The hedge the text puts on an actor phrase ("possibly ISIS fighters", "suspected militants")."""
    for t in tok.subtree:
        if t.i < tok.i and t.lower_ in ACTOR_HEDGE_WORDS:
            return t.lower_
    return None


def _identified_as(tok):
    """"militants believed to be ISIS" → (the ISIS token, "believed to be"): an identity the text hedges."""
    for c in tok.children:
        if c.dep_ in {"acl", "relcl"} and c.lower_ in ACTOR_HEDGE_VERBS:
            for x in c.children:
                if x.dep_ == "xcomp" and x.lower_ == "be":
                    attr = next((a for a in x.children if a.dep_ == "attr"), None)
                    if attr is not None:
                        return attr, f"{c.lower_} to be"
    return None


PRONOUNS = {"they", "he", "she", "it", "who", "which"}


def _antecedent(subj):
    """"Nearly 100 fighters attacked the towns, where they clashed with …": a pronoun subject of a
    clause stands for the subject of the clause it hangs on."""
    if subj.lower_ not in PRONOUNS:
        return subj
    cur = subj.head
    for _ in range(4):
        if cur.dep_ not in {"relcl", "advcl", "conj", "xcomp", "ccomp"} or cur.head.i == cur.i:
            break
        cur = _verb_of(cur.head)  # a relative clause hangs on a noun: the clause that noun is in
        outer = next((c for c in cur.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS), None)
        if outer is not None:
            return outer
    return subj


def _parties(first) -> list[list]:
    """"between A, possibly B, and C": the sides named; a hedged conjunct restates the one before it."""
    sides: list[list] = []
    for t in [first, *first.conjuncts]:
        if sides and _hedge(t):
            sides[-1].append(t)
        else:
            sides.append([t])
    return sides


def _told(tok):
    """The act a reporting verb tells: "Gunmen shot 6 farmers, police said" anchored on "said"
    is the executing; the police only report it."""
    if tok.lower_ not in REPORTING:
        return tok
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
    return clause if clause is not None else tok


def _roles(sent, tok) -> tuple[list, list]:
    """(agent tokens, target tokens) of the event the anchor names, by the parse: the subject or
    "by" agent acted; the object, a passive subject, "against X", "on X", "with X" were acted on;
    "between A and B" puts A first."""
    tok = _told(tok)
    verb = _verb_of(tok)
    # the anchor is the event itself ("Airstrikes by …", "clashes between …") unless it names a
    # party ("Dozens of fighters clashed …": the cue matched "fighters"), then the verb tells the roles
    names_party = any(w in tok.lower_ for w in ACTOR_WORDS) or tok.ent_type_ in {"ORG", "NORP"}
    event_noun = tok if tok.i != verb.i and not names_party else None
    holders = [verb]
    if event_noun is not None:
        # the verb's own parties count only when the event is one of its arguments ("Airstrikes …
        # killed 70"), not when it is told inside another act ("received reports of the killings")
        holders = [event_noun, verb] if event_noun.dep_ in {"nsubj", "nsubjpass", "dobj"} else [event_noun]
    doers, targets = [], []
    for holder in holders:
        for c in holder.children:
            if event_noun is not None and c.i == event_noun.i:
                continue
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "agent" or c.lower_ == "by":
                doers.extend(o for g in objs for o in (g, *g.conjuncts))
            elif c.lower_ == "between" and objs:
                sides = _parties(objs[0])
                doers.extend(sides[0])
                targets.extend(t for side in sides[1:] for t in side)
            elif c.lower_ in {"against", "on", "with", "at"} or (c.lower_ == "of" and holder.i == tok.i
                                                                  and holder.i != verb.i):
                targets.extend(o for g in objs for o in (g, *g.conjuncts))
            elif holder.i == verb.i and c.dep_ == "nsubj":
                doers.extend([_antecedent(c), *c.conjuncts])
            elif holder.i == verb.i and c.dep_ in {"dobj", "nsubjpass"}:
                targets.extend([c, *c.conjuncts])
    # "a truck blew up at the depot, killing four shoppers": whom the act killed or hurt
    for harm in (c for c in verb.children if c.dep_ in {"advcl", "conj", "xcomp"}):
        for act in (harm, *harm.conjuncts):
            if act.lower_.startswith(HARM_STEMS) and act.i != verb.i:
                targets.extend(o for g in act.children if g.dep_ == "dobj" for o in (g, *g.conjuncts))
    if event_noun is not None:
        # "killings of guards after the raid, and of 9 farmers": the repeated "of" the parse hangs
        # on another verb still names the event's victims
        for prep in sent:
            if prep.lower_ == "of" and any(n.i == event_noun.i for n in _elided_nouns(prep)):
                targets.extend(o for g in prep.children if g.dep_ == "pobj" for o in (g, *g.conjuncts))
    # the victims a figure counts ("9 farmers") lead: the event's toll is theirs
    targets.sort(key=lambda t: not any(c.dep_ == "nummod" for c in t.children))
    return doers, targets


def _victims_of(tok) -> str | None:
    """Unarmed people named as the target ("9 farmers", "hill villagers"): the victims, as written
    without their number."""
    if not is_civilian(tok.text):
        return None
    mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and c.pos_ != "NUM"]
    first = mods[0] if mods else tok
    return doc_text(tok.doc)[first.idx:tok.idx + len(tok.text)]


def event_actors(sent, tok) -> tuple[list[str], list[str], dict[str, str]]:
    """(who acted, whom they acted on, the hedges on them), when the parse says: "Shelling by the
    army killed 12 rebel fighters" → ([the army], [rebel fighters], {});
    "clashes between insurgents, possibly ISIS fighters, and the army" hedges "ISIS fighters"."""
    doers, targets = _roles(sent, tok)
    certainty: dict[str, str] = {}

    def names(tokens, taken=(), victims=False):
        out = []
        for t in tokens:
            found = [(t, _hedge(t))]
            identity = _identified_as(t)
            if identity is not None:
                found.append(identity)
            for part, hedge in found:
                name = _actor_of(part) or (_victims_of(part) if victims else None)
                if name and name not in out and name not in taken:
                    out.append(name)
                    if hedge:
                        certainty[name] = hedge
        return out

    first = names(doers)
    hit = names(targets, first, victims=True)
    hit = [n for n in hit if plural_of(n) == n or plural_of(n) not in hit]  # "person, people" is "people"
    return first, hit, certainty


CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "relcl", "acl", "parataxis", "csubj", "pcomp"}
DESTINATION_PREPS = {"to", "toward", "towards"}


def _governed(tok, verb) -> bool:
    """Does `tok` hang on the event's verb without crossing into another clause ("as forces withdrew
    from …", "moving closer to …")? Coordinated verbs ("killed … and wounded … in X") share the event."""
    cur = tok
    for _ in range(40):
        if cur.i == verb.i:
            return True
        if cur.head.i == cur.i or (cur.dep_ in CLAUSE_DEPS and cur.pos_ in {"VERB", "AUX"}):
            return False
        cur = cur.head
    return False


def event_place(tracker, sent, tok, attribution):
    """Where the event happened: the place the event's verb governs (its objects and prepositional
    phrases), not the most precise place anywhere in the sentence; a destination ("closer to X")
    is never the scene. With no governed place, the tracker's choice among the others."""
    skip = (attribution.start, attribution.end)
    chosen = tracker.resolve(sent, tok.idx, skip, carry_over=False)
    verb = _verb_of(tok)
    names = [p for p in place_names(sent) if not p.relative and not (skip[0] <= p.start < skip[1])]
    # a country that only describes someone ("U.S. officials", "Iraq's government") is not the scene; a town
    # modifying a noun still locates it ("a Baghdad market")
    describing = {p.start for p in names if p.rank == 0 and tells_whose(sent.doc, p)}
    if chosen is not None and chosen.start in describing:
        chosen = None
    names = [p for p in names if p.start not in describing]
    if chosen is None or not names or not any(p.start == chosen.start for p in names):
        return chosen  # an anaphor's or the capital's place, or none in the sentence
    heads = {}
    for p in names:
        span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None:
            heads[p.start] = span.root
    governed = [p for p in names if p.start in heads and _governed(heads[p.start], verb)]
    if governed:
        return max(governed, key=lambda p: (p.rank, -abs(p.start - tok.idx)))
    scenes = [p for p in names if p.start in heads and not (
        heads[p.start].dep_ == "pobj" and heads[p.start].head.lower_ in DESTINATION_PREPS)]
    if any(p.start == chosen.start for p in scenes) or not scenes:
        return chosen if scenes else None
    return max(scenes, key=lambda p: (p.rank, -abs(p.start - tok.idx)))


def with_hedges(sent, names: list[str]) -> tuple[list[str], dict[str, str]]:
    """An actor named by the control extractor, with the hedges the sentence puts on it:
    "militants believed to be ISIS" → [militants, ISIS], {ISIS: "believed to be"}."""
    out, certainty = list(names), {}
    for name in names:
        last = name.split()[-1].lower()
        for t in sent:
            if t.lower_ != last:
                continue
            if _hedge(t):
                certainty[name] = _hedge(t)
            identity = _identified_as(t)
            who = _actor_of(identity[0]) if identity is not None else None
            if who and who not in out:
                out.append(who)
                certainty[who] = identity[1]
    return out, certainty


def doers_of(spans, verbs: str) -> list[str] | None:
    """Who did the act a verb of `verbs` (a regex) tells in parsed sentences, by the parse: the phrases
    of its subject or "by" agent, for the first such verb that has one ("after clashes with the army, rebels
    seized the town" → [rebels]). [] when the verbs are told with no doer ("two soldiers were seized":
    the subject was acted on); None when no verb of `verbs` is found."""
    found = None
    for span in spans:
        for m in re.finditer(verbs, span.text, re.IGNORECASE):
            at = span.doc.char_span(span.start_char + m.start(), span.start_char + m.end(),
                                    alignment_mode="expand")
            if at is None or not len(at):
                continue
            doers, _ = _roles(span, at[0])
            if doers:
                return [" ".join(t.text for t in d.subtree) for d in doers]
            found = []
    return found

