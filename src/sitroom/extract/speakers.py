"""Who is speaking: an attribution phrase ("he", "the President", "a senior U.S. official",
"Iraqiya TV") resolved against what one document has said before it.

News attributes almost every statement with a handful of verbs and refers back to the
speaker with a pronoun or a role noun; resolution walks back from the phrase to the
nearest compatible named person, as a copy editor reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.extract.context import doc_text
from sitroom.knowledge.cues import CUE_VERBS, ISSUING_VERBS, PHRASAL_CUES, TEXT_NOUNS
from sitroom.knowledge.roles import AGENT_NOUNS, ROLE_HEADS, gender_of

# any speech or attitude verb (the lexicon lives in knowledge.cues)
SPEECH_VERBS = CUE_VERBS
# verbs that introduce reported speech with a clause of content (not "urged X to …")
REPORTING_VERBS = {
    "say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "warn", "warns", "warned", "state",
    "stated", "insist", "insisted", "note", "noted", "acknowledge", "acknowledged", "announce", "announced",
    "reiterate", "reiterated", "claim", "claimed", "report", "reported", "confirm", "confirmed", "explain",
    "explained", "stress", "stressed", "concede", "conceded", "admit", "admitted", "predict", "predicted",
}
# heads of descriptions that stand for an unnamed source
ANONYMOUS_HEADS = {
    "official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "witness",
    "witnesses", "police", "officer", "officers", "resident", "residents", "diplomat", "diplomats", "aide",
    "aides", "commander", "commanders", "authorities", "lawmaker", "lawmakers", "member", "members",
    "analyst", "analysts", "expert", "experts", "activist", "activists", "doctor", "doctors", "man", "woman",
    "leader", "leaders", "soldier", "soldiers", "fighter", "fighters", "militant", "militants", "worker",
    "workers", "people", "relative", "relatives",
}
# heads of descriptions of institutions that speak as one ("the army said", "state TV reported")
INSTITUTION_HEADS = {
    "army", "military", "ministry", "government", "agency", "office", "delegation", "embassy", "council",
    "committee", "court", "parliament", "tv", "television", "media", "radio", "broadcaster", "company",
    "department", "command", "coalition", "movement", "group", "mission", "authority",
}
_PREPOSITIONS = {"in", "of", "from", "at", "on", "with", "for", "to", "near", "inside", "outside"}
# descriptions that point back to the last speaker ("the voice said", "the man says")
BACK_REFERENCES = {"voice", "man", "woman", "speaker", "narrator"}
MEDIUM_RE = re.compile(
    r"\b(?:in (?:an? |the |his |her |its |their )?(?:audio (?:recording|message|statement)|video(?: message)?|"
    r"(?:written |joint )?statement|televised (?:news conference|address|speech)|news conference|interview|"
    r"sermon|speech|address|remarks|post|tweet|message|letter)"
    r"|on (?:its|his|her|their) (?:website|Twitter account|Facebook page|Telegram channel|social media)"
    r"|(?:by|on) (?:the )?state-run [A-Z][\w]*(?: [A-Z][\w]*)*(?: news agency| TV)?"
    r"|carried by (?:the )?(?:state-run )?[A-Z][\w]*(?: [A-Z][\w]*)*(?: news agency| TV)?"
    r"|(?:the )?state-run [A-Z]\w+ (?:TV|news agency)|state (?:TV|television|media)"
    r"|told (?:reporters|journalists|(?:the )?[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,2}))"  # an outlet: CNN, the BBC
)
_NOT_PHRASE_START = {"ADP", "CCONJ", "SCONJ", "PART", "VERB", "AUX", "ADV", "PUNCT"}
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}  # "his remarks": the owner
_ORG_PRONOUNS = {"it", "they"}


def is_cue(tok) -> bool:
    """A verb that attributes speech: a cue verb, or one that needs its particle or object ("shot back",
    "as she put it", "pointed out")."""
    if tok.pos_ not in ("VERB", "AUX") and not _infinitive(tok):
        return False
    low = tok.text.lower()
    if low in SPEECH_VERBS:
        return True
    particle = PHRASAL_CUES.get(low)
    if particle is not None and any(t.text.lower() == particle for t in tok.doc[tok.i + 1:tok.i + 3]):
        return True
    return low in ISSUING_VERBS and any(c.dep_ in ("dobj", "obj") and c.text.lower() in TEXT_NOUNS
                                        for c in tok.children)  # "issued a statement", "wrote a letter"


def _infinitive(tok) -> bool:
    """A verb the tagger took for a noun, given away by its infinitive marker ("prompted the almanac to state")."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1 for c in tok.children)


@dataclass
class Speaker:
    name: str | None
    role: str | None = None
    anonymous: bool = False
    kind: str = "person"  # person | org | anonymous
    start: int = 0  # the attribution phrase
    end: int = 0
    antecedent: tuple[int, int] | None = None  # the named mention a pronoun or role noun stands for
    relay: tuple[int, int] | None = None  # who passed the words on: "…," Obama said, according to a pool report


@dataclass
class DocSpeakers:
    """Per-document state for resolving attribution phrases left to right."""

    mentions: list  # Mention records of the document (already corrected by extract.entities)
    roles: list  # NamedRole records
    quoted: list[tuple[int, int]] = field(default_factory=list)  # char spans inside quotation marks
    genders: dict[str, str] = field(default_factory=dict)
    history: list[Speaker] = field(default_factory=list)
    antecedent: tuple[int, int] | None = None  # set by the last pronoun / role-noun resolution
    max_speaker_words: int = 12  # settings.extract.max_speaker_words

    def __post_init__(self) -> None:
        for r in self.roles:
            g = gender_of(r.role)
            if g:
                self.genders.setdefault(r.name, g)

    # ------------------------------------------------------------------ lookups
    def _inside_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def full_name(self, m) -> str:
        return m.refers_to or m.text

    def person(self, m, start: int, end: int) -> Speaker:
        """The person that mention `m` names, speaking through the words from `start` to `end`."""
        name = self.full_name(m)
        return self._remember(Speaker(name, m.role or self.role_of(name, end), False, "person", start, end))

    def role_of(self, name: str, before: int | None = None) -> str | None:
        cands = [r for r in self.roles if r.name == name]
        if before is not None:
            earlier = [r for r in cands if r.evidence.start <= before]
            cands = earlier or cands
        return cands[-1].role if cands else None

    def persons_before(self, pos: int, doc=None) -> list:
        out = []
        for m in self.mentions:
            if m.label != "PERSON" or m.start >= pos or self._inside_quote(m.start):
                continue
            if doc is not None and not m.refers_to and len(m.text.split()) == 1:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                # a lone capitalised word after "of"/"in" is more often a place the model called a person
                if span is not None and span.root.dep_ in ("pobj", "conj", "compound"):
                    continue
            out.append(m)
        return out

    def resolve_pronoun(self, pos: int, gender: str | None, doc=None) -> str | None:
        """The person a pronoun at `pos` stands for. Within its own and the previous narrative sentence
        the topic wins: the nearest subject ("Perez hammered Trump, … whom he described as" is Perez),
        the last quote's speaker if named later, or an earlier same-gender subject pronoun's referent;
        only then the nearest compatible name (which may be an object)."""
        self.antecedent = None
        compatible = []
        for m in sorted(self.persons_before(pos, doc), key=lambda m: -m.start):
            name = self.full_name(m)
            g = self.genders.get(name) or _honorific_gender(doc, m)
            if gender and g and g != gender:
                continue
            compatible.append(m)
        if not compatible:
            return None
        floor = _window_floor(doc, pos, self._inside_quote)
        m = _nearest_subject(doc, compatible, floor)
        last = self._last_person_speaker(pos, gender)
        if (last is not None and last.start >= floor and (m is None or last.start > m.start)
                and last.name in {self.full_name(c) for c in compatible}):
            # the previous quote's speaker is still the topic: "X told Y … "…" He also said"
            name = last.name
            if gender:
                self.genders.setdefault(name, gender)
            self.antecedent = last.antecedent or (last.start, last.end)
            return name
        chained = _subject_pronoun(doc, gender, max(floor, m.end if m else floor), pos)
        if chained is not None:
            # "She walked the docks with Kroll … “…,” she said": a subject pronoun carries the topic on
            # past the names around it, so resolve that one instead
            return self.resolve_pronoun(chained.idx, gender, doc)
        m = m or compatible[0]
        name = self.full_name(m)
        if gender:
            self.genders.setdefault(name, gender)
        self.antecedent = (m.start, m.end)
        return name

    def resolve_role_noun(self, pos: int, words: set[str], head: str) -> str | None:
        """'the President' → the person mentioned last before `pos` whose stated role holds those words
        (else the first one after, for a headline that names the person only later)."""
        holders = {}
        for r in self.roles:
            role_words = {w.lower() for w in r.role.split()}
            if head in role_words and len(words & role_words) >= min(2, len(words)):
                holders.setdefault(r.name, r)
        if not holders:
            return None
        people = [m for m in self.mentions if m.label == "PERSON" and self.full_name(m) in holders]
        before = [m for m in people if m.start < pos]
        pick = max(before, key=lambda m: m.start) if before else (min(people, key=lambda m: m.start) if people else None)
        self.antecedent = (pick.start, pick.end) if pick else None
        return self.full_name(pick) if pick else None

    def _last_person_speaker(self, pos: int, gender: str | None) -> Speaker | None:
        """The speaker of the quote before `pos`, if a named person of compatible gender."""
        last = self.last_speaker(pos)
        if last is None or last.kind != "person" or last.anonymous or not last.name:
            return None
        g = self.genders.get(last.name)
        return None if gender and g and g != gender else last

    def last_speaker(self, pos: int) -> Speaker | None:
        earlier = [s for s in self.history if s.start < pos]
        return max(earlier, key=lambda s: s.start) if earlier else None

    def _org_before(self, pos: int, doc) -> str | None:
        orgs = [m for m in self.mentions if m.label == "ORG" and m.end <= pos and pos - m.end < 600
                and not self._inside_quote(m.start)]
        if not orgs:
            return None

        def is_subject(m) -> bool:
            span = doc.char_span(m.start, m.end, alignment_mode="expand") if doc is not None else None
            return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

        return max(orgs, key=lambda m: (is_subject(m), m.start)).text

    # ------------------------------------------------------------------ resolution
    def resolve(self, doc, start: int, end: int, text: str) -> Speaker | None:
        """The speaker named by the phrase text[start:end] (a subject or "according to" object)."""
        phrase = text[start:end].strip().strip(" ,")
        if not phrase:
            return None
        low = phrase.lower()
        words = re.findall(r"[\w.'-]+", low)
        content_words = [w for w in words if w not in ("the", "a", "an")]
        inner = [m for m in self.mentions if start <= m.start < end and not self._inside_quote(m.start)]
        people = [m for m in inner if m.label == "PERSON"]
        if people:
            m = max(people, key=lambda m: (m.refers_to is not None or len(m.text.split()) > 1, -m.start))
            if _behind_preposition(doc, start, end, m):  # "a lawyer for Tomas Vidal": the lawyer speaks
                return self._described(phrase, start)
            after = re.findall(r"[\w.'-]+", text[m.end:end].lower())
            if not (after and after[0] in ANONYMOUS_HEADS | {"administration", "government"}
                    and set(after[:3]) & ANONYMOUS_HEADS):  # "a senior Obama administration official"
                return self.person(m, start, end)
        if len(words) == 1 and words[0] in _PRONOUNS:
            name = self.resolve_pronoun(start, _PRONOUNS[words[0]], doc)
            if name:
                return self._remember(Speaker(name, self.role_of(name, start), False, "person", start, end,
                                              self.antecedent))
            return self.as_written(phrase, start, doc)
        if len(words) >= 2 and words[0] in ("the", "this", "that") and words[-1] in BACK_REFERENCES:
            # "the voice said": the person last named before it (the one heard in the recording)
            name = self.resolve_pronoun(start, {"man": "m", "woman": "f"}.get(words[-1]), doc)
            if name:
                return self._remember(Speaker(name, self.role_of(name, start), False, "person", start, end,
                                              self.antecedent))
            last = self.last_speaker(start)
            if last:
                return self._remember(Speaker(last.name, last.role, last.anonymous, last.kind, start, end))
        if len(words) == 1 and words[0] in _ORG_PRONOUNS:
            org = self._org_before(start, doc)
            return self._remember(Speaker(org, None, False, "org", start, end)) if org else self.as_written(phrase, start, doc)
        before_prep = []
        for w in words:
            if w in _PREPOSITIONS:
                break
            before_prep.append(w)
        head = (before_prep or words or [""])[-1]  # "two security officials in Anbar" → officials
        if head in ROLE_HEADS and len(content_words) <= 4:
            name = self.resolve_role_noun(start, set(content_words), head)
            if name:
                return self._remember(Speaker(name, self.role_of(name, start), False, "person", start, end,
                                              self.antecedent))
        if words and words[0] == "the" and head in ANONYMOUS_HEADS:  # "the official" after "a senior … official"
            same = [s for s in self.history if s.anonymous and s.name and s.start < start
                    and s.name.split()[-1].lower() == head or (s.anonymous and s.name and s.start < start
                    and head in {w.lower() for w in s.name.split()})]
            if same:
                prior = max(same, key=lambda s: s.start)
                return self._remember(Speaker(prior.name, None, True, "anonymous", start, end))
        bare = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
        orgs = [m for m in inner if m.label == "ORG" or (m.label in ("GPE", "FAC") and m.text == bare)]
        if head in INSTITUTION_HEADS and not (orgs and orgs[0].text == bare):
            # "Mozambique's army", "the U.N. refugee agency", "state TV": an institution without a proper name
            return self._remember(Speaker(bare, None, False, "org", start, end))
        if set(content_words) & ANONYMOUS_HEADS or (orgs and _behind_preposition(doc, start, end, orgs[0])):
            return self._described(phrase, start)  # "a physician at the Coastal Hospital": the physician speaks
        if orgs:
            m = max(orgs, key=lambda m: m.end - m.start)
            return self._remember(Speaker(m.text, None, False, "org", start, end))
        named = self.person_named(phrase, start)
        if named is not None:
            return self._remember(Speaker(named, self.role_of(named, start), False, "person", start, end))
        return self.as_written(phrase, start, doc)

    def _described(self, phrase: str, start: int) -> Speaker:
        """An unnamed speaker, by the description up to its first comma ("a senior official in Baghdad")."""
        desc = re.split(r",", phrase)[0].strip()
        return self._remember(Speaker(desc, None, True, "anonymous", start, start + len(desc)))

    def person_named(self, phrase: str, pos: int) -> str | None:
        """A surname the model did not tag ("Trump shot back"): the person of the document whose name
        ends with it, the one mentioned last before `pos` (else first after)."""
        words = phrase.split()
        if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            return None
        people = [m for m in self.mentions if m.label == "PERSON" and not self._inside_quote(m.start)
                  and self.full_name(m) != phrase and self.full_name(m).endswith(" " + phrase)
                  and self.full_name(m).split()[0].lower() not in SPEECH_VERBS]  # not "Stated Stone"
        if not people:
            return None
        before = [m for m in people if m.start < pos]
        pick = max(before, key=lambda m: m.start) if before else min(people, key=lambda m: m.start)
        return self.full_name(pick)

    def as_written(self, phrase: str, start: int, doc=None) -> Speaker | None:
        """A subject nothing resolves ("her campaign", "the newspaper", "one protester"): the phrase
        itself speaks, up to its first comma, rather than the quote losing its speaker."""
        desc = re.split(r"[,(;—]| -- ", phrase)[0].strip().strip(" ,.").strip()  # also a no-break space
        toks = doc.char_span(start, start + len(desc), alignment_mode="expand") if doc is not None else None
        clause = next((t for t in toks or [] if t.dep_ == "relcl" and t.left_edge.i > toks.start), None)
        if clause is not None:  # "a strategist who spoke on condition of anonymity": the noun phrase speaks
            desc = doc_text(doc)[start:clause.left_edge.idx].strip().strip(" ,.").strip()
            toks = doc.char_span(start, start + len(desc), alignment_mode="expand")
        if not re.search(r"[A-Za-z]", desc) or len(desc.split()) > self.max_speaker_words:
            return None
        while toks is not None and len(toks) > 1 and toks[-1].pos_ in ("ADP", "ADV", "PART") \
                and not list(toks[-1].children) and toks.start <= toks[-1].head.i < toks.end - 1:
            # "a voice over says": a particle left hanging after the noun is no part of who speaks
            toks = toks[:-1]
            desc = desc[:toks.end_char - start].rstrip()
        if toks is not None and len(toks) and not (
                (toks[-1].pos_ in ("NOUN", "PROPN", "PRON", "NUM") or name_like(toks[-1])
                 or (toks[-1].pos_ == "ADJ" and toks[0].pos_ == "DET"))  # "the 46-year-old"
                and toks[0].pos_ not in _NOT_PHRASE_START
                and not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "amod") for t in toks)):
            # a participle describing the noun ("one Republican involved in the planning") may stand in it
            name = _trailing_name(toks)
            if name is None:
                return None  # words of the clause around the verb, not a noun phrase that can speak
            # "Oversight ranking Democrat Ann Lee", misparsed around "ranking": the name that ends it speaks
            return self._remember(Speaker(name.text, None, False, "person", name.start_char, name.end_char))
        return self._remember(Speaker(desc, None, False, "other", start, start + len(desc)))

    def _remember(self, sp: Speaker) -> Speaker:
        self.history.append(sp)
        return sp


_HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}


def _behind_preposition(doc, start: int, end: int, m) -> bool:
    """Whether the person or body `m` named in a speaker phrase is only whom its head speaks for or works for
    ("a spokesman for Senator Reyes", "a physician at the Coastal Hospital"): the phrase's head is an agent
    noun and the name hangs on it through a preposition."""
    if doc is None:
        return False
    phrase = doc.char_span(start, end, alignment_mode="expand")
    name = doc.char_span(m.start, m.end, alignment_mode="expand")
    if phrase is None or name is None or not len(name) or phrase.root.lower_ not in AGENT_NOUNS:
        return False
    tok = name.root
    while tok.i != phrase.root.i and tok.head.i != tok.i and phrase.start <= tok.head.i < phrase.end:
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == phrase.root.i:
            return True
        tok = tok.head
    return False


def _honorific_gender(doc, m) -> str | None:
    """'Mr. Trump', 'Mrs. Clinton': the honorific before a name tells its gender."""
    if doc is None:
        return None
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    first = span[0] if span[0].text.lower() in _HONORIFIC_GENDER else (doc[span.start - 1] if span.start else None)
    return _HONORIFIC_GENDER.get(first.text.lower()) if first is not None else None


def _window_floor(doc, pos: int, quoted) -> int:
    """Where a pronoun at `pos` looks back to: the start of its own sentence and the one before,
    not counting sentences inside quotation marks (the quoted words are not the narrative)."""
    if doc is None:
        return pos
    here = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if here is None or not len(here):
        return pos
    sent = here[0].sent
    floor = sent.start_char
    while sent.start > 0:
        sent = doc[sent.start - 1].sent
        floor = sent.start_char
        if not quoted(sent.start_char):
            break
    return floor


def _subject_pronoun(doc, gender: str | None, lo: int, hi: int):
    """The last he/she of `gender` between char offsets lo and hi that is a clause's subject."""
    if doc is None or not gender:
        return None
    span = doc.char_span(lo, hi, alignment_mode="contract")
    subj = [t for t in span or [] if t.dep_ in ("nsubj", "nsubjpass") and _PRONOUNS.get(t.lower_) == gender]
    return subj[-1] if subj else None


def _nearest_subject(doc, mentions: list, floor: int):
    """Of mentions (nearest first), the nearest one at or after `floor` that is a grammatical subject."""
    if doc is None:
        return None
    for m in mentions:
        if m.start < floor:
            break
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span) and span.root.dep_ in ("nsubj", "nsubjpass"):
            return m
    return None


def medium_in(text: str) -> str | None:
    m = MEDIUM_RE.search(text)
    return m.group(0) if m else None


def _trailing_name(toks):
    """The run of two or more capitalised proper nouns that ends a phrase ("… Democrat Ann Lee"), if any."""
    k = len(toks)
    while k > 0 and toks[k - 1].pos_ == "PROPN" and toks[k - 1].text[:1].isupper():
        k -= 1
    run = toks[k:]
    return run if len(run) >= 2 and k > 0 else None


def name_like(tok) -> bool:
    """A capitalised word the tagger took for something else ("said Skelly" as an adverb): a name, unless
    it starts its sentence or is a date."""
    return tok.text[:1].isupper() and not tok.is_sent_start and tok.ent_type_ not in ("DATE", "TIME")


def cover_verb(speaker: Speaker, verb) -> None:
    """The attribution span runs over the phrase and its verb ("Carney said", "said Patrick Youssef")."""
    speaker.start = min(speaker.start, verb.idx)
    speaker.end = max(speaker.end, verb.idx + len(verb.text))
