"""Who a cue verb's words belong to: the subject of the verb by the parse, else the words the parser
left beside it (an inverted "…," said X; an apposition that broke the parse), and the one who put out a
text that speaks ("she issued a statement saying …"). Used by quotes, claims and reported speech.
"""

from __future__ import annotations

import re

from sitroom.extract.context import doc_text
from sitroom.extract.speakers import ANONYMOUS_HEADS, INSTITUTION_HEADS, name_like
from sitroom.knowledge.cues import ISSUING_VERBS, RELATIVE_PRONOUNS, TEXT_NOUNS, UTTERANCE_NOUNS
from sitroom.knowledge.roles import ROLE_HEADS

_OBJECT_PRONOUNS = {"him", "her", "them", "me", "us"}


def _issuer(doc, a: int, b: int) -> tuple[int, int] | None:
    """'she issued a statement saying …', 'Pelletier hoisted a sign that read …': when the phrase that
    speaks is a text someone put out, the one who put it out is the speaker."""
    span = doc.char_span(a, b, alignment_mode="expand")
    noun = span.root if span is not None and len(span) else None
    if noun is None or noun.dep_ not in ("dobj", "obj"):
        return None
    verb = noun.head
    issued = noun.text.lower() in TEXT_NOUNS and verb.text.lower() in ISSUING_VERBS
    # "the campaign placed ads calling the deal “a mistake”", "she featured photos telling …": a thing that
    # cannot speak says what the one who put it there has it say
    if not issued and (_can_speak(noun) or noun.pos_ not in ("NOUN", "PROPN")):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].text.lower() in ("who", "which", "that"):
        return None
    s = subjects[0]
    if not issued and s.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return s.left_edge.idx, s.right_edge.idx + len(s.right_edge.text)


def subject_span(verb, lo: int, hi: int) -> tuple[int, int] | None:
    """Char span of who speaks for a speech verb, inside [lo, hi) (the one who put out the text that says it)."""
    found = _subject_of(verb, lo, hi)
    issuer = _issuer(verb.doc, *found) if found else None
    found = issuer if issuer is not None and lo <= issuer[0] else found
    owner = _owner(verb.doc, *found) if found else None
    return owner if owner is not None and lo <= owner[0] else found


def text_owner(according) -> tuple[int, int] | None:
    """'The ministry urged prisoners to surrender, according to a statement issued to the media': a text
    that names no owner is the one of the clause it reports on, when that clause's subject can speak
    ("Prices rose, according to a report" stays the report's)."""
    objs = [o for c in according.children if c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
    if not objs or objs[0].lower_ not in TEXT_NOUNS or any(c.dep_ == "poss" for c in objs[0].children):
        return None
    head = according.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    subjects = [c for c in head.children if c.dep_ == "nsubj" and _can_speak(c)]
    if not subjects or head.pos_ not in ("VERB", "AUX"):
        return None
    s = subjects[0]
    return s.left_edge.idx, s.right_edge.idx + len(s.right_edge.text)


def _owner(doc, a: int, b: int) -> tuple[int, int] | None:
    """'his remarks calling China “strong”', 'Lee's answer was …': what someone said speaks for its owner."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return _utterance_owner(span.root)


def _utterance_owner(noun) -> tuple[int, int] | None:
    """The char span of who owns an utterance noun ("his remarks", "Lee's answer"), or None."""
    if noun.lower_ not in UTTERANCE_NOUNS or noun.pos_ != "NOUN":
        return None
    poss = [c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN")]
    return (poss[0].left_edge.idx, poss[0].right_edge.idx + len(poss[0].right_edge.text)) if poss else None


def owned_utterance(doc, start: int, end: int):
    """'after her May remark that “we will close the depot …”', 'his claim that “the port is safe”': quoted
    words that are the content of what someone's comment, claim or statement says, by the parse. Returns the
    noun and the char span of its owner, or None."""
    toks = doc.char_span(start, end, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    for a in toks.root.ancestors:
        if a.idx >= start:
            continue  # inside the quoted words
        if a.lower_ in UTTERANCE_NOUNS and a.pos_ == "NOUN":
            owner = _utterance_owner(a)
            if owner is None or a.dep_ in ("nsubj", "nsubjpass", "dobj", "obj"):
                return None  # "he played down Trump's comments as “…”": a verb's argument, told by its subject
            return a, owner
        if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("acl", "ccomp", "relcl", "appos"):
            return None  # a clause of its own above the quote, not a noun's content
    return None


def _subject_of(verb, lo: int, hi: int) -> tuple[int, int] | None:
    if verb.text.lower() == "according":
        for child in verb.children:
            if child.text.lower() == "to":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0].left_edge.idx, objs[0].right_edge.idx + len(objs[0].right_edge.text)
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.text.lower() == "to":
            j = nxt.i + 1
            k = j
            while k < len(verb.doc) and verb.doc[k].text not in (",", ".", ";") and verb.doc[k].idx < hi:
                k += 1
            if k > j:
                return verb.doc[j].idx, verb.doc[k - 1].idx + len(verb.doc[k - 1].text)
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agent and passive:  # "Rubio was asked by the moderator whether …": the one who asks speaks, not the one asked
        return _clipped(agent[0], lo, hi) or None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].text.lower() in ("who", "which", "that")):
        # "the groups, which said …", and an infinitive on the noun ("the first official to say …"): that noun
        head = verb.head
        a, b = head.left_edge.idx, head.idx + len(head.text)
        if lo <= a < b <= hi:
            return a, b
    if not subjects and verb.dep_ == "conj" and verb.head.i < verb.i:  # "said … and added": the first verb's
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:  # "Lee, who chairs the board, said …" read as a clause of "Lee … chairs" before the cue:
        for c in verb.children:  # the subject that the relative pronoun stands beside speaks
            own = [g for g in c.children if g.dep_ == "nsubj"] if c.i < verb.i and c.dep_ in ("ccomp", "advcl") else []
            if len(own) >= 2 and own[0].lower_ not in RELATIVE_PRONOUNS and own[1].lower_ in RELATIVE_PRONOUNS:
                subjects = [own[0]]
    up = verb
    for _ in range(4):  # "… emailed supporters, telling them", "began by saying": the governing verb's subject
        # (through an adverb or adjective that holds the clause: "went so far as to say")
        through = ("advmod", "acomp") if up.pos_ in ("ADV", "ADJ") else ()
        if subjects or up.dep_ not in ("advcl", "pcomp", "xcomp", "conj", "prep", *through) or up.head.i == up.i:
            break
        if up.dep_ == "xcomp":  # "the record prompted the almanac to state …": the object of the verb above
            subjects = [c for c in up.head.children if c.dep_ in ("dobj", "obj") and _can_speak(c)]
            if subjects:
                break
        up = up.head
        subjects = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")] if up.pos_ in ("VERB", "AUX") \
            else []
    if _trailing_participle(verb) and up is not verb and up.dep_ in _EMBEDDED:
        # "The director rejected the idea that the museum is closing, telling …": a participle set off by a comma
        # tells what the sentence's subject did; the parser hangs it on the nearest verb, one inside a
        # complement or a noun's clause, whose subject is not the one speaking
        top = up
        while top.head.i != top.i and top.head.i < verb.i and (top.dep_ in _EMBEDDED
                                                               or top.pos_ not in ("VERB", "AUX")):
            top = top.head
        outer = [c for c in top.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS]
        if top.pos_ in ("VERB", "AUX") and outer:
            subjects = outer
    # "The closure marks “a slow death” for the towns, said Tomas Reyna": when the parser gives the cue a subject on
    # each side and the one before holds the quoted words (it starts before the window), it is the reported
    # clause, and the one right after the cue is the inverted tag's
    if any(s.left_edge.idx < lo for s in subjects if s.i < verb.i):
        subjects.sort(key=lambda s: s.left_edge.i != verb.i + 1)
    for s in subjects:
        a, b = s.left_edge.idx, s.right_edge.idx + len(s.right_edge.text)
        if s.i < s.head.i <= s.right_edge.i:  # a subject ends before its verb, whatever the parse hangs on it
            # later ('The mayor tried … by interjecting, “Only the pier.”', the quote parsed as his apposition)
            last = s.doc[s.head.i - 1]
            b = last.idx + len(last.text)
        if s.text.lower() in ("who", "which", "that") and s.head.dep_ == "relcl":  # the noun "who" stands for
            a, b = s.head.head.left_edge.idx, s.head.head.idx + len(s.head.head.text)
        a, b = max(a, lo), min(b, hi)
        if a < b:
            return a, b
    doc = verb.doc
    # no subject in the parse: inverted right after a quote ("…," said Patrick Youssef), else the words before
    if not re.sub(r"[\s,.”’\"'—-]", "", doc_text(doc)[lo:verb.idx]):
        return _inverted(doc, verb, hi)
    i = verb.i - 1
    stops = (",", ".", ";", ":", "”", '"', "’", "--", "—", "–")  # a dash closes an aside
    while i >= 0 and doc[i].idx >= lo and doc[i].text not in stops and doc[i].pos_ != "VERB":
        i -= 1
    if i + 1 < verb.i:
        first = doc[i + 1]
        while first.i < verb.i and first.pos_ in ("ADV",):
            first = doc[first.i + 1]
        if first.i < verb.i:
            last = doc[verb.i - 1]
            while last.i > first.i and last.pos_ == "ADV":  # "purportedly said"
                last = doc[last.i - 1]
            return first.idx, last.idx + len(last.text)
    if verb.i > 0 and doc[verb.i - 1].text == ",":
        named = _apposed_name(doc, lo, verb)
        if named is not None:
            return named
        # "Amsel seemed ready to joke, telling the crowd, “…”" with the participle hung on the quote's verb by
        # the parser: the subject of the clause it trails
        before = doc.char_span(lo, verb.idx, alignment_mode="contract") or []
        for root in reversed([t for t in before if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]):
            found = [_clipped(c, lo, hi) for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if found and found[0]:
                return found[0]
    return _phrase_after_quote(doc, lo, verb)


_EMBEDDED = ("acl", "relcl", "ccomp")


def _trailing_participle(verb) -> bool:
    """'…, explaining', '…, remarking': a present participle right after a comma, with no subject of its own."""
    return (verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _inverted(doc, verb, hi: int) -> tuple[int, int] | None:
    """The phrase right after a cue that stands before its subject ("said Ann Lee, …"), up to the next stop."""
    j = verb.i + 1
    k = j
    while k < len(doc) and doc[k].idx < hi and doc[k].text not in (",", ".", ";", ":", "“", '"', "‘"):
        k += 1
    if k == j:  # nothing follows the cue (it ends the text, or a stop comes next)
        return None
    # ("…," said retired surgeon Ann Lee: a participle that describes the name opens it too)
    if doc[j].pos_ in ("PROPN", "DET", "PRON", "ADJ", "NOUN") or name_like(doc[j]) or doc[j].dep_ == "amod":
        return doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)
    return None


def _apposed_name(doc, lo: int, verb) -> tuple[int, int] | None:
    """'In a call on Dec. 2, Col. Ann Reyes, a spokeswoman, said': the parser hung the name on the word
    before it as an apposition and left the verb no subject; the name with its own apposition, set off
    by commas right before the verb, is who speaks."""
    for i in range(verb.i - 2, -1, -1):
        tok = doc[i]
        if tok.idx < lo or tok.text in (".", ";", ":") or tok.pos_ in ("VERB", "AUX"):
            return None
        if (tok.dep_ == "appos" and tok.head.i < tok.i and tok.right_edge.i >= verb.i - 2
                and tok.ent_type_ in ("PERSON", "ORG") and tok.head.ent_type_ not in ("PERSON", "ORG")):
            return _clipped(tok, lo, verb.idx - 1)
    return None


def _can_speak(tok) -> bool:
    """A noun phrase that names someone who can speak (a person, a body, a role), not a thing ("used
    the question to demand …")."""
    low = tok.text.lower()
    return (tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.pos_ == "PROPN" or low in _OBJECT_PRONOUNS
            or low in ANONYMOUS_HEADS | INSTITUTION_HEADS | ROLE_HEADS)


def _clipped(tok, lo: int, hi: int) -> tuple[int, int] | None:
    a, b = max(tok.left_edge.idx, lo), min(tok.right_edge.idx + len(tok.right_edge.text), hi)
    return (a, b) if a < b else None


def _phrase_after_quote(doc, lo: int, verb) -> tuple[int, int] | None:
    """'“…,” Gene Sperling, a top adviser, said': the parser gives the verb no subject when an apposition
    stands between; the whole phrase from the closing mark to the verb is who speaks."""
    if lo == 0 or doc_text(doc)[lo - 1] not in "”\"’'":
        return None
    toks = [t for t in doc if lo <= t.idx < verb.idx]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks or toks[0].pos_ not in ("PROPN", "DET", "NOUN", "ADJ", "PRON", "NUM"):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
