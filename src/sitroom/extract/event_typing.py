"""Type event sentences by meaning: embedding similarity to the ACLED types, then rules.

Each sentence is embedded (extract/embed.py, all-MiniLM-L6-v2) without its date,
attribution and parentheses (`gist`) and compared with the definition and example
reports of every type in knowledge/event_types.py (and with reports of no event;
their embeddings are computed once and cached on disk). A type's score is the mean of
its `top_k` closest prototypes, plus the cue bonus when the sentence uses the type's defining words (its weapon or act). Rules
(cue words and rule patterns: knowledge/event_cues.py)
then decide what depends on who acted and how, within a family of close types:
territory (state or non-state actor; fighting or not), protests (lethal force, non-lethal
intervention, the demonstrators' own violence), attack vs clash (armed or unarmed target)
and arrest vs abduction (state or not; whereabouts hidden; people rather than a place
taken), captives released (a deal or not), force used on a protest, harm to people in
looting. A sentence looking back on an old event or saying that nothing happened reports
none. Every result says why.
Without the model installed the cues alone decide (a weaker fallback, never a download).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from sitroom.extract import embed
from sitroom.extract.event_roles import doers_of
from sitroom.knowledge import event_cues as C
from sitroom.knowledge import event_types as K
from sitroom.knowledge.sides import NON_STATE_ACTORS, STATE_ACTORS
from sitroom.settings import EventTyping

NONE = K.NONE_TYPE
NAMES = [t.subtype for t in K.TYPES] + [NONE]
CUES = {k: re.compile(v, re.IGNORECASE) for k, v in C.CUES.items()}
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
PROTEST = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
           "Violent demonstration"}
VIOLENCE = {"Attack", "Armed clash"}
OWN_CUE = {"Chemical weapon", "Grenade", "Suicide bomb", "Sexual violence", "Displacement", "Aid"}
REMOTE_FAMILY = {t.subtype for t in K.TYPES if t.type == K.REMOTE}
# types a fight that ends with the attackers holding the place is mistaken for: it is a change of territory
CONTROL_TAKEN_FROM = {"Armed clash", "Headquarters or base established", "Change to group/activity"}
# ... and the weapons of the assault ("drove the rebels out after an assault backed by helicopters"): the
# place taken is the event, however it was fought for
CONTROL_TAKEN_FROM |= {t.subtype for t in K.TYPES if t.type == K.REMOTE}
DETENTION = {"Arrests", "Abduction/forced disappearance"}
GIST_NOISE = [(re.compile(p, re.IGNORECASE), r) for p, r in C.GIST_NOISE]
ATTACK_VERBS = re.compile(r"\b(attack\w*|ambush\w*|storm\w*|raid\w*|kill\w*|shot|shoot\w*|opened fire|fired|"
                          r"assault\w*|targeted|struck|hit)\b", re.IGNORECASE)


@dataclass
class Typing:
    subtype: str  # "None" when the sentence reports no event
    type: str
    confidence: float | None  # the chosen type's score (similarity plus cue bonus)
    alternatives: list[tuple[str, float]] = field(default_factory=list)  # runners-up, best first
    rule: str = ""  # what decided: "similarity" or the rule that overrode it
    at: int | None = None  # where in the text the deciding word is, when a trigger word decided

    @property
    def is_event(self) -> bool:
        return self.subtype != NONE


@lru_cache(maxsize=1)
def _prototypes() -> tuple[np.ndarray, np.ndarray] | None:
    texts, labels = [], []
    for t in K.TYPES:
        for s in (t.definition, *t.examples):
            texts.append(s)
            labels.append(t.subtype)
    texts.extend(K.NONE_EXAMPLES)
    labels.extend([NONE] * len(K.NONE_EXAMPLES))
    vecs = embed.encode_cached(texts)
    return None if vecs is None else (vecs, np.array(labels))


def gist(text: str) -> str:
    """The sentence as the model sees it: without date, attribution, parentheses or coder toll."""
    out = text.strip()
    for pattern, repl in GIST_NOISE:
        out = pattern.sub(repl, out).strip()
    return out or text.strip()


def _blank(pattern: str, text: str) -> str:
    """The text with every match of the pattern blanked out, overlapping ones too ("mourners … carrying the
    coffin of …": the second grievance starts inside the first one's reach)."""
    chars = list(text)
    for m in re.finditer("(?=(" + pattern + "))", text):
        chars[m.start(1):m.end(1)] = " " * (m.end(1) - m.start(1))
    return "".join(chars)


def _first(pattern_words: tuple[str, ...], text: str) -> tuple[int, int] | None:
    """(start, -length) of the first word found: at one start the longest wins ("paramilitary police")."""
    hits = [(m.start(), -len(w)) for w in pattern_words for m in re.finditer(r"\b" + re.escape(w) + r"\b", text)]
    return min(hits) if hits else None


def actor_side(text: str, before: str | None = None) -> str | None:
    """"state" or "non-state": the kind of actor named first in the sentence, before the verb
    matched by `before` when given (the doer, in news style)."""
    low = text.lower()
    if before:
        m = re.search(before, low)
        if m and m.start() > 0:
            low = low[:m.start()]
    state, other = _first(STATE_ACTORS, low), _first(NON_STATE_ACTORS, low)
    if state is None and other is None:
        return None
    if other is None or (state is not None and state < other):
        return "state"
    return "non-state"


def doer_side(low: str, verbs: str, parse=None) -> str | None:
    """"state" or "non-state": the kind of who did the act `verbs` tells. With the sentence's parse, the
    subject or "by" agent of that verb, not merely the actor named first ("after clashes with the army,
    rebels seized the town", "the post was overrun by militants"). Without a parse, or when the parse finds
    no doer of a known kind (a misparse, "the group"), the actor named before the verb."""
    doers = doers_of(parse, verbs) if parse else None
    kind = actor_side("; ".join(doers)) if doers else None
    return kind or actor_side(low, verbs)


def _by_doer(low: str, verbs: str, best: str, if_state: tuple[str, str],
             if_non_state: tuple[str, str], parse=None) -> tuple[str, str] | None:
    """The (sub-type, rule) the kind of doer decides, when it differs from the similarity's choice."""
    choice = {"state": if_state, "non-state": if_non_state}.get(doer_side(low, verbs, parse))
    return choice if choice and choice[0] != best else None


def allowed(text: str, subtype: str) -> bool:
    """A type whose defining fact the sentence does not tell cannot be chosen: a protest type needs a
    protest, an explosion a weapon, a change of territory a verb of taking or handing over."""
    low = text.lower()
    if subtype in PROTEST:
        return bool(re.search(C.PROTEST_WORDS, low))
    if subtype in OWN_CUE:  # told only in its own words: a grenade, a toxic agent, rape, people fleeing, aid
        return bool(CUES[subtype].search(low))
    if subtype == "Disrupted weapons use" and re.search(C.WENT_OFF, low) and not re.search(C.MADE_SAFE, low):
        return False  # the device went off: it was not stopped
    if subtype in REMOTE_FAMILY:  # explosions are typed by their weapon: one must be told
        return any(CUES[name].search(low) for name in REMOTE_FAMILY | {"Disrupted weapons use"} if name in CUES)
    if subtype in TERRITORY:
        return bool(re.search(C.TAKE_VERBS, low) or CUES["Non-violent transfer of territory"].search(low)
                    or CUES[subtype].search(low) or re.search(C.CONTROL_TAKEN, low))
    return True


def _people_taken(low: str) -> bool:
    """Is what was seized or taken people ("seized 40 pupils from a school"), not a place?"""
    passive = re.search(C.PEOPLE_TAKEN_PASSIVE, low)
    if passive and re.search(C.PEOPLE_TAKEN, low[max(0, passive.start() - 60):passive.start()]):
        return True  # "six women were taken away by armed men"
    verb = re.search(C.TAKE_VERBS, low)
    if verb is None:
        return False
    after = low[verb.end():verb.end() + 60]
    people = re.search(C.PEOPLE_TAKEN, after) or re.search(C.CIVILIAN_TARGETS, after)
    between = after[:people.start()] if people else ""
    return bool(people) and people.start() < 40 and "," not in between and not re.search(C.PLACE_TAKEN, between)


def _target(said: str) -> str | None:
    """"armed" or "unarmed": who the first act of violence was done to, read as the first target named
    after its verb (the object, in news style), not any target word later in the sentence ("killed a
    herder they accused of helping the rebels" hit a herder). None when no target is named."""
    verb = ATTACK_VERBS.search(said)
    if verb is None:
        return None
    if re.search(C.PASSIVE_BEFORE, said[:verb.start()]):  # "a herder was shot by …": the subject was the target
        before = said[:verb.start()]
        armed = [m.start() for m in re.finditer(C.ARMED_TARGETS, before)]
        unarmed = [m.start() for m in re.finditer(C.CIVILIAN_TARGETS, before)]
        if armed or unarmed:
            return "armed" if max(armed, default=-1) > max(unarmed, default=-1) else "unarmed"
    after = re.sub(C.AGENT_PHRASE, " ", said[verb.end():])  # "shot by two men in police uniform": the doers
    # "fired on a bus at a checkpoint": where it happened, not whom it hit ("fired at a patrol" is the target)
    after = re.sub(C.LOCATION_PHRASE, lambda m: m.group(0) if m.start() <= 1 else " ", after)
    armed, unarmed = re.search(C.ARMED_TARGETS, after), re.search(C.CIVILIAN_TARGETS, after)
    if armed and (not unarmed or armed.start() < unarmed.start()):
        return "armed"
    return "unarmed" if unarmed else None


def _doer_is_crowd(low: str) -> bool | None:
    """Is the doer of the first act of harm a crowd (a mob, villagers) rather than an armed group? The
    doer is the actor named nearest before the act ("Residents said gunmen killed …": the gunmen).
    None when no act or no doer is told."""
    act = re.search(C.HARM_TO_PEOPLE + "|" + ATTACK_VERBS.pattern + "|" + C.PROPERTY_ACTS, low)
    if act is None:
        return None
    before = low[:act.start()]
    crowd = [m.start() for m in re.finditer(C.CROWD_WORDS, before)]
    armed = [m.start() for w in (*STATE_ACTORS, *NON_STATE_ACTORS)
             for m in re.finditer(r"\b" + re.escape(w) + r"\b", before)]
    if not crowd and not armed:
        return None
    return bool(crowd) and (not armed or max(crowd) > max(armed))


def _killed_first(low: str) -> bool:
    """Is a killing the act told first, before any detention ("executed men they had detained")?"""
    kill = re.search(C.KILLING, low)
    held = re.search(C.DETAIN_VERBS, low)
    return bool(kill) and (held is None or kill.start() < held.start())


def _detention(low: str, best: str, parse=None) -> tuple[str, str]:
    """Arrest or abduction, by whether the whereabouts are hidden and who held them."""
    if re.search(C.HIDDEN_WHEREABOUTS, low):
        return "Abduction/forced disappearance", "where they are held is hidden"
    by_doer = _by_doer(low, C.DETAIN_VERBS, best, ("Arrests", "state authorities detained them"),
                       ("Abduction/forced disappearance", "a non-state actor seized them"), parse)
    held = by_doer or (best, "")
    if held[0] == "Arrests" and re.search(C.TOLD_AS_KIDNAPPING, low) and not CUES["Arrests"].search(low):
        return "Abduction/forced disappearance", "state agents seized them, told as a kidnapping"
    return held


def _weapon_told(low: str, best: str, scores: dict[str, float]) -> tuple[str, str] | None:
    """An explosion is typed by its weapon: when the sentence names another type's weapon and not the
    chosen one's, the best-scored type whose weapon is named."""
    if best == "Shelling/artillery/missile attack":  # missiles fired by aircraft: an air strike
        air, ground = CUES["Air/drone strike"].search(low), CUES[best].search(low)
        if air and ground and air.start() < ground.start():
            return "Air/drone strike", "aircraft fired the missiles"
    if best != "Suicide bomb" and CUES["Suicide bomb"].search(low):
        return "Suicide bomb", "the attacker set off the explosives they carried"
    if best in {"Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack"} \
            and CUES["Grenade"].search(low):
        return "Grenade", "a grenade is the weapon named"
    if best in CUES and CUES[best].search(low):
        return None
    named = [n for n in REMOTE_FAMILY | {"Grenade", "Chemical weapon"} if n in CUES and CUES[n].search(low)]
    if not named:
        return None
    return max(named, key=lambda n: scores.get(n, 0.0)), "the weapon named decides"


def _rules(text: str, best: str, scores: dict[str, float] | None = None, parse=None) -> tuple[str, str]:
    """(sub-type, rule) after the who-and-how rules; the rule is "" when similarity stands."""
    low = text.lower()
    said = gist(text).lower()  # without the attribution tail ("…, adding that …"), which retells other acts
    protest = re.search(C.PROTEST_WORDS, low)
    fled = CUES["Displacement"].search(low) if best == "Displacement" else None
    if fled and scores and re.search(C.CONSEQUENCE, low[:fled.start()]):
        cause = [n for n in scores if n not in {"Displacement", NONE} and allowed(text, n)]
        if cause:  # people fled because of the act told first: that act is the event
            first = max(cause, key=lambda n: scores[n])
            return _rules(text, first, scores, parse)[0], "people fled as a result of the act told"
    if protest and best not in PROTEST and re.search(C.INTERVENTION + "|" + C.LETHAL_FORCE, low) \
            and (best in REMOTE_FAMILY | DETENTION | VIOLENCE or best == "Mob violence"):
        best = "Protest with intervention"  # force used on a protest: the protest rules below decide how much
    if best in DETENTION | {"Other"} and re.search(C.RELEASED, low):
        if re.search(C.DEAL_WORDS, low):
            return "Agreement", "captives released under a deal or swap"
        return "Other", "captives were released"
    if best in REMOTE_FAMILY and re.search(C.PREVENTED, said):
        return "Disrupted weapons use", "the weapon was stopped before it went off"
    if best == "Looting/property destruction" and re.search(C.WEAPONS_DESTROYED, low):
        return "Disrupted weapons use", "weapons were destroyed or seized"
    if best in REMOTE_FAMILY:
        if (CUES["Chemical weapon"].search(low) or (re.search(C.RIOT_AGENTS, low) and not protest)) \
                and best != "Chemical weapon":
            return "Chemical weapon", "a toxic agent was the weapon, whatever delivered it"
        if CUES["Disrupted weapons use"].search(said) and best != "Disrupted weapons use" \
                and not re.search(r"\b(killed|wounded|injured|hurt|dead)\b", low):
            return "Disrupted weapons use", "the weapon was stopped before it caused harm"
        if best == "Air/drone strike" and re.search(C.OVERFLIGHT, low) and not re.search(C.STRIKE_WORDS, low):
            return "Other", "aircraft flew over without striking"
        weapon = _weapon_told(low, best, scores or {})
        if weapon:
            return weapon
    if best in TERRITORY and (_people_taken(low) or re.search(C.HIDDEN_WHEREABOUTS, low)):
        if re.search(r"\b(killed|shot|executed|beheaded|body|bodies)\b", low):
            return "Attack", "people were seized and then killed"
        return _detention(low, "Abduction/forced disappearance", parse)
    if best in CONTROL_TAKEN_FROM and re.search(C.CONTROL_TAKEN, low) \
            and not re.search(C.FAILED_TAKE, low):
        by_doer = _by_doer(low, C.CONTROL_TAKEN + "|" + C.TAKE_VERBS, "", (
            "Government regains territory", "state forces took the place after fighting"),
            ("Non-state actor overtakes territory", "a non-state actor took the place after fighting"), parse)
        if by_doer:
            return by_doer
    if best in VIOLENCE and re.search(C.NO_HARM, low) and CUES["Looting/property destruction"].search(low):
        return "Looting/property destruction", "property was destroyed and no one was hurt"
    crowd = _doer_is_crowd(said)
    if best == "Mob violence" and crowd is False:
        return "Attack", "armed men, not a crowd, attacked people"
    if best in {"Attack", "Looting/property destruction"} and not protest and crowd:
        return "Mob violence", "a crowd, not an armed group, attacked people or property"
    if best == "Looting/property destruction" and protest and re.search(C.PROTESTER_VIOLENCE, low):
        return "Violent demonstration", "the demonstrators destroyed property"
    unharmed = re.sub(C.NO_HARM, " ", low)  # "no injuries" tells no harm
    harmed = best == "Looting/property destruction" and re.search(C.HARM_TO_PEOPLE, unharmed)
    if (best in VIOLENCE or harmed) and not re.search(C.HAND_WEAPONS, low):
        weapon = _weapon_told(low, "Attack", scores or {})  # an attack by explosives is typed by its weapon
        if weapon:
            return weapon[0], "an explosive weapon did the harm"
    if harmed:
        if crowd:
            return "Mob violence", "a crowd hurt people"
        return "Attack", "people were hurt, not only property"
    if best in TERRITORY:
        if re.search(C.FAILED_TAKE, low):
            return "Armed clash", "the attempt to take the place failed"
        fought = re.search(C.FIGHTING, low)
        calm = re.search(C.NO_FIGHTING, low) or (CUES["Non-violent transfer of territory"].search(low) and not fought)
        if calm:
            return "Non-violent transfer of territory", "control changed without fighting told"
        # a place that changed hands after fighting was taken: who took it decides, not the similarity
        similar = "" if best == "Non-violent transfer of territory" and fought else best
        by_doer = _by_doer(low, C.TAKE_VERBS, similar, ("Government regains territory", "a state actor took the place"),
                           ("Non-state actor overtakes territory", "a non-state actor took the place"), parse)
        if by_doer:
            return by_doer
    if best in PROTEST or best == "Mob violence" or (best == "Attack" and protest):
        if not protest:
            if best in PROTEST and re.search(C.PROTESTER_VIOLENCE, low):
                return "Mob violence", "a crowd was violent outside any demonstration"
            return best, ""
        if re.search(C.PROTESTER_VIOLENCE, low):
            return "Violent demonstration", "the demonstrators were violent"
        # deaths and arrests protested about, or that describe who protests, were not caused here
        done = re.sub(C.ATTRIBUTIVE, " ", _blank(C.GRIEVANCE, low))
        if re.search(C.LETHAL_FORCE, done):
            return "Excessive force against protesters", "lethal force against protesters"
        if re.search(C.INTERVENTION, done):
            return "Protest with intervention", "protest dispersed or repressed without lethal force"
        return "Peaceful protest", "no violence or intervention told"
    if best in VIOLENCE:
        target = _target(said)
        if best == "Attack" and target == "armed":
            return "Armed clash", "the target was armed"
        if best == "Armed clash" and target == "unarmed":
            return "Attack", "the target was unarmed"
    if best in DETENTION:
        if _killed_first(said) or re.search(C.FOUND_DEAD, said):
            return "Attack", "people were killed, not only held"
        return _detention(low, best, parse)
    return best, ""


def no_event(text: str) -> str:
    """Why a sentence with event words reports no event of its own ("" when it may): it looks back on
    an old one ("Ten years after …", an anniversary) or says that nothing happened."""
    low = text.lower()
    if re.search(C.RETROSPECTIVE, low):
        return "it looks back on an earlier event"
    if re.search(C.DENIAL, low):
        return "it says the event did not happen"
    if re.search(C.OPINION, low):
        return "it argues an opinion rather than reporting an event"
    return ""


def _scores(texts: list[str], knobs: EventTyping) -> np.ndarray:
    """(n, types+1) similarity of each text to each type, plus the cue bonus."""
    protos = _prototypes()
    scores = np.zeros((len(texts), len(NAMES)), dtype=np.float32)
    if protos is not None:
        vecs, labels = protos
        sims = embed.encode([gist(t) for t in texts]) @ vecs.T
        for j, name in enumerate(NAMES):
            block = np.sort(sims[:, labels == name], axis=1)[:, ::-1][:, :knobs.top_k]
            scores[:, j] = block.mean(axis=1)
    for i, text in enumerate(texts):
        told = re.sub(C.ALLEGATION, " ", text)  # "accused of kidnapping": an accusation, not the act told
        told = re.sub(C.BACKDROP, " ", told, flags=re.IGNORECASE)  # nor is "… hours after a gunfight nearby"
        told = re.sub(C.ATTRIBUTIVE, " ", told, flags=re.IGNORECASE)  # nor "the parents of kidnapped pupils"
        acts = told
        if re.search(C.PROTEST_WORDS, told, re.IGNORECASE):  # nor is what a protest is about
            acts = re.sub(C.GRIEVANCE, " ", told, flags=re.IGNORECASE)
        for j, name in enumerate(NAMES):
            if name in CUES and CUES[name].search(told if name in PROTEST else acts):
                scores[i, j] += knobs.cue_bonus
    return scores


def type_texts(texts: list[str], knobs: EventTyping | None = None, parses: list | None = None) -> list[Typing]:
    """The event type of each text (one batch through the model); "None" when it reports no event.
    `parses`: for each text, its parsed sentences (spaCy spans), to read who acted; optional."""
    knobs = knobs or EventTyping()
    if not texts:
        return []
    # "on 3 March 2024" tells no march: the month is renamed (same length, offsets kept)
    texts = [re.sub(C.MONTH_MARCH, lambda m: (m.group("before") or "") + "Month", t) for t in texts]
    scores = _scores(texts, knobs)
    out = []
    for text, row, parse in zip(texts, scores, parses or [None] * len(texts)):
        order = [j for j in np.argsort(-row) if NAMES[j] == NONE or allowed(text, NAMES[j])]
        best = NAMES[order[0]]
        alternatives = [(NAMES[j], round(float(row[j]), 3)) for j in order[1:4]]
        looking_back = no_event(text)
        if best == NONE or row[order[0]] < knobs.min_score or looking_back:
            why = looking_back or ("closest to reports of no event" if best == NONE else "too far from every type")
            if looking_back and best != NONE:
                alternatives = [(best, round(float(row[order[0]]), 3))] + alternatives[:2]
            out.append(Typing(NONE, NONE, round(float(row[order[0]]), 3), alternatives, why))
            continue
        subtype, rule = _rules(text, best, {n: float(v) for n, v in zip(NAMES, row)}, parse)
        conf = float(row[NAMES.index(subtype)])
        if subtype != best:
            alternatives = [(best, round(float(row[order[0]]), 3))] + [a for a in alternatives if a[0] != subtype]
        out.append(Typing(subtype, K.EVENT_TYPE_OF[subtype], round(conf, 3), alternatives[:3],
                          rule or "similarity"))
    return out
