"""Who a direct quote is by: the cue verb in the quote's own sentence, its subject, and what stands
around the quote when no cue does (a colon line, a credit after a dash, a signature below, the
reported speech just above). Used by extract/quotes.py, which decides what is a quote.

  - after the quote first ("…," Carney said), then before it ("Kerry said: …"); a cue after a quote
    that closes its sentence only counts as a short tag right after it, and one that introduces the
    next quote ("He added, “…”") only as a last resort;
  - who relays the words ("…, according to Reuters", "…, CNN reported") is cited beside the speaker:
    the statement stays the speaker's, as a fact-checker attributes it.
"""

from __future__ import annotations

import re

from sitroom.contract import Evidence
from sitroom.extract.attribution import is_relay_cue, relay_source
from sitroom.extract.context import Context, doc_text
from sitroom.extract.quote_marks import Span, sentence_ends
from sitroom.extract.speakers import SPEECH_VERBS, DocSpeakers, Speaker, is_cue, medium_in
from sitroom.extract.speakers import cover_verb as _cover_verb
from sitroom.extract.speech_subjects import owned_utterance
from sitroom.extract.speech_subjects import subject_span as _subject_span
from sitroom.knowledge.cues import COLON_LEADS, CUE_PREPOSITIONS, NOT_CONTENT_DEPS, RELATIVE_PRONOUNS, RELAY_VERBS


def clip_sentence(text: str, lo: int, hi: int, *, before: bool) -> tuple[int, int]:
    """The part of text[lo:hi] in the quote's own sentence (the end nearest the quote)."""
    ends = sentence_ends(text[lo:hi])
    if before:
        return (lo + ends[-1][1], hi) if ends else (lo, hi)
    return (lo, lo + ends[0][0]) if ends else (lo, hi)


def speech_verbs(ctx: Context, lo: int, hi: int, quoted) -> list:
    out = []
    for tok in ctx.doc.char_span(lo, hi, alignment_mode="contract") or []:
        if is_cue(tok) or tok.text.lower() == "according":
            if not any(s <= tok.idx < e for s, e in quoted):
                out.append(tok)
    return out


def attribution_evidence(ctx: Context, speaker: Speaker | None) -> list[Evidence]:
    if speaker is None or speaker.end <= speaker.start:
        return []
    text = ctx.article.text
    spans = [(speaker.start, speaker.end)]
    if speaker.antecedent:  # "he said": also the mention "he" stands for
        spans.append(speaker.antecedent)
    if speaker.relay:  # "…, according to Reuters": the source that relays the words is part of the attribution
        spans.append(speaker.relay)
    return [Evidence(doc=ctx.article.id, sentence=ctx.sentence_index(a), start=a, end=b, text=text[a:b])
            for a, b in spans]


def attribute(ctx: Context, sp: DocSpeakers, span: Span, quoted,
               prev: Span | None) -> tuple[Speaker | None, str | None]:
    """Speaker and medium of one quoted span, from its own sentence only."""
    text = ctx.article.text
    deferred: list = []  # a cue after the quote that introduces the next one: the last resort
    lo_before = prev.after if prev is not None and prev.para == span.para else span.para_start
    b_lo, b_hi = clip_sentence(text, lo_before, span.open, before=True)
    a_lo, a_hi = clip_sentence(text, span.after, span.para_end, before=False)
    credited = _dash_colon_attribution(ctx, sp, span, b_lo)
    if credited is not None:  # "Pollsters agree - Carl Bialik: “…”": the name the line credits
        return credited, None
    # the verb nearest the quote: after it first ("…," Carney said), then before ("Kerry said: …")
    cues_before = speech_verbs(ctx, b_lo, b_hi, quoted)
    for lo, hi, pick in ((a_lo, a_hi, 0), (b_lo, b_hi, -1)):
        verbs = (cues_before if pick else speech_verbs(ctx, lo, hi, quoted)) or (
            [] if pick else _mistagged_cue(ctx.doc, lo, hi, ctx.settings.extract.max_speaker_words))
        closes = not pick and _closes_sentence(text, span, hi)
        if not pick and cues_before and (closes or _introduced_right_before(text, cues_before[-1], span)):
            # the quote's own sentence has its cue, the next one is no tag of it ('she tells crowds that, after all
            # this, “…” She also …'); nor is the cue after a quote that its own cue introduces, with its subject
            # ('When a man in the hall shouted, “…,” the mayor joked, “…”'): that one introduces the next
            deferred, verbs = [(v, lo, hi) for v in verbs], []
        if closes:
            tags = {v.i: _tags_closed_quote(ctx.doc, span, v, hi, quoted, ctx.settings.extract.max_speaker_words)
                    for v in verbs}
            deferred += [(v, lo, hi) for v in verbs if tags[v.i] is None]
            verbs = [v for v in verbs if tags[v.i]]
        if not pick and verbs and verbs[0].text.lower() in RELAY_VERBS and any(
                v.text.lower() not in RELAY_VERBS for v in cues_before):
            continue  # "X said it was “…,” the Gazette reported": X speaks, the paper relays
        if not pick:  # '“…” that would answer the requests, the counsel wrote': a cue in a relative clause on a
            verbs = [v for v in verbs if not _describes_noun(v)]  # noun describes it; it tags no quote
        if not verbs:
            continue
        # a verb that already attributed the quote before is not this one's ("…," Cruz said as the heckler yelled: …)
        taken = prev.verb if prev is not None and prev.para == span.para else None
        outer = _outermost_governing(ctx.doc, [v for v in verbs if v.i != taken], span) if pick else None
        for verb in dict.fromkeys(v for v in (outer, verbs[pick]) if v is not None):
            subj = _subject_span(verb, lo, hi)
            speaker = sp.resolve(ctx.doc, subj[0], subj[1], text) if subj else None
            if speaker is not None:
                _cover_verb(speaker, verb)
                span.verb = verb.i
                speaker.relay = relay(ctx, verb, [(a_lo, a_hi), (b_lo, b_hi)], quoted, speaker)
                return speaker, medium_in(text[min(lo, b_lo):max(hi, a_hi)])
    span.deferred = deferred
    opens = not text[b_lo:span.open].strip()
    return ((_comma_tag(ctx, sp, span, a_lo, a_hi) if opens else None) or _colon_attribution(ctx, sp, span, b_lo)
            or _owner_speaks(ctx, sp, span)
            or _introduced_above(ctx, sp, span, quoted)
            or _signed_below(ctx, sp, span)), None


def owner_of_utterance(ctx: Context, sp: DocSpeakers, span: Span):
    """'after her March comment that, “…”': (the noun, its owner as the speaker) of the comment, claim or
    statement the quote is the content of (`speech_subjects.owned_utterance`), or None."""
    found = owned_utterance(ctx.doc, span.start, span.end)
    if found is None:
        return None
    noun, (a, b) = found
    speaker = sp.resolve(ctx.doc, a, b, ctx.article.text)
    if speaker is None:
        return None
    _cover_verb(speaker, noun)
    return noun, speaker


def _owner_speaks(ctx: Context, sp: DocSpeakers, span: Span) -> Speaker | None:
    owned = owner_of_utterance(ctx, sp, span)
    return owned[1] if owned else None


def deferred_speaker(ctx: Context, sp: DocSpeakers, span: Span) -> Speaker | None:
    """'“I'm not hiding it.” After all, he says, “…”': a quote nothing else attributes is that of the cue
    right after it, even though the cue introduces the next quote."""
    for verb, lo, hi in span.deferred:
        subj = _subject_span(verb, lo, hi)
        found = sp.resolve(ctx.doc, subj[0], subj[1], ctx.article.text) if subj else None
        if found is not None:
            _cover_verb(found, verb)
            span.verb = verb.i
            return found
    return None


def _comma_tag(ctx: Context, sp: DocSpeakers, span: Span, lo: int, hi: int) -> Speaker | None:
    """'“…,” Ann Lee began.', '“…,” the host laughed.': quoted words that open their sentence and end in a comma
    run on into their tag, whatever its verb: the subject right after the quote of the first verb there speaks,
    when nothing but that subject stands between the quote and the verb (not a copula: '“…,” the line is …')."""
    if not ctx.article.text[span.start:span.end].rstrip(" ’'\"”").endswith(","):
        return None
    toks = [t for t in ctx.doc.char_span(lo, hi, alignment_mode="contract") or [] if not (t.is_punct or t.is_space)]
    verb = next((t for t in toks[:ctx.settings.extract.max_speaker_words + 1] if _clause_verb(t)), None)
    if verb is None or verb.i == toks[0].i or verb.pos_ != "VERB":
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subj or subj[0].left_edge.i != toks[0].i or subj[0].lower_ in RELATIVE_PRONOUNS:
        return None
    a, b = subj[0].left_edge.idx, min(subj[0].right_edge.idx + len(subj[0].right_edge.text), verb.idx)
    speaker = sp.resolve(ctx.doc, a, b, ctx.article.text)
    if speaker is not None:
        _cover_verb(speaker, verb)
    return speaker


def _introduced_right_before(text: str, verb, span: Span) -> bool:
    """'X shouted, “…”': the cue stands right before the quote, a comma or colon between (with none, as in
    'Nothing the governor said “will …,” the mayor said', the quoted words are a clause of the sentence),
    and names its own subject before it ("Asked about it, “…,” he said" has none: the tag after speaks)."""
    between = text[verb.idx + len(verb.text):span.open].strip(" \u00a0")
    return between in (",", ":") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)


def _closes_sentence(text: str, span: Span, hi: int) -> bool:
    """'“… not ordinary.” The government refused …': the quote ends its sentence with a stop and what
    follows starts a new one, so a cue there is not necessarily this quote's."""
    words = text[span.start:span.end].rstrip(" ’'\"”")
    rest = text[span.after:hi].lstrip(" \u00a0")
    return words.endswith((".", "?", "!")) and rest[:1].isupper()


def _clause_verb(tok) -> bool:
    """A verb heading a clause of its own, not a participle in a noun phrase ("a retired worker") nor a
    name the tagger read as a verb ("Will Estrada")."""
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound") and not tok.ent_type_


def _tags_closed_quote(doc, span: Span, verb, hi: int, quoted, max_words: int) -> bool | None:
    """Whether a cue in the sentence after a closed quote still attributes it: a tag right after the quote
    ('“Why now?” Clinton asked.'), not a cue deep in the next sentence. None when the tag introduces the
    next quote ('He added, “…”'): that quote's, and this one's only if nothing else attributes it."""
    between = [t for t in doc if span.after <= t.idx < verb.idx and not (t.is_punct or t.is_space)]
    if len(between) > max_words or any(_clause_verb(t) for t in between):
        return False
    if any(c.dep_ in ("ccomp", "xcomp") and c.idx > verb.idx for c in verb.children):
        return None  # 'Reyes said the city should act': a cue reporting words of its own is no bare tag
    for s, _e in quoted:
        if verb.idx < s < hi:
            gap = [t for t in doc if verb.idx < t.idx < s]
            if doc_text(doc)[:s].rstrip().endswith((",", ":")) and not any(_clause_verb(t) for t in gap):
                return None
    return True


def said_before(ctx: Context, sp: DocSpeakers, span: Span, prev: Span | None) -> Speaker | None:
    """'Coan argues that his client never urged violence. “…”': a quote that opens its sentence after one
    in which someone says something, in the same paragraph or as the last sentence of the one above, is
    theirs."""
    text = ctx.article.text
    lo = prev.after if prev is not None and prev.para == span.para else span.para_start
    sent_start, _ = clip_sentence(text, lo, span.open, before=True)
    quoted = sp.quoted
    if span.open == span.para_start:
        # a paragraph that is all quote, under one that reports what someone said without quoting them:
        # 'Carter said the region remains vital. ¶ “That's because …”'
        sent_start = len(text[:span.para_start].rstrip())
        above = text.rfind("\n", 0, sent_start) + 1
        if any(above <= s < sent_start for s, _e in quoted):
            return None  # a paragraph with quotes of its own hands on its speaker by the continuation rule
        _, tag_end = clip_sentence(text, span.after, span.para_end, before=False)
        if re.search(r"\w", text[span.after:tag_end]):
            return None  # '“…,” Hannity began.': a tag of its own, even with a verb not in the lexicon
        lo, _ = clip_sentence(text, above, sent_start, before=True)
    elif text[sent_start:span.open].strip() or sent_start <= lo:
        return None
    verbs = speech_verbs(ctx, lo, sent_start, quoted)
    # the one who says it is the outermost cue's subject ("Coan argues that her client never urged …")
    return _first_subject(ctx, sp, sorted(reversed(verbs), key=lambda v: len(list(v.ancestors))), lo, sent_start)


def _first_subject(ctx: Context, sp: DocSpeakers, verbs, lo: int, hi: int) -> Speaker | None:
    """The speaker named by the subject (within lo..hi) of the first of `verbs` whose subject resolves."""
    for verb in verbs:
        subj = _subject_span(verb, lo, hi)
        speaker = sp.resolve(ctx.doc, subj[0], subj[1], ctx.article.text) if subj else None
        if speaker is not None:
            _cover_verb(speaker, verb)
            return speaker
    return None


def relay(ctx: Context, verb, windows: list[tuple[int, int]], quoted,
           speaker: Speaker | None = None) -> tuple[int, int] | None:
    """Who passed the speaker's words on: '“…,” Welch said, according to Vermont Edition', 'Trump said it
    was “a mistake,” CNN reported'. The words stay the speaker's, as a fact-checker attributes them; the
    relaying source is cited beside the speaker (an "according to" of its own is the speaker instead).
    The relay is read as claims read it (extract/attribution.py)."""
    if verb.text.lower() in CUE_PREPOSITIONS:
        return None
    sent = verb.sent
    seen: set[int] = set()
    for lo, hi in [(sent.start_char, sent.end_char), *windows]:
        for tok in ctx.doc.char_span(lo, hi, alignment_mode="contract") or []:
            if tok.i in seen or tok.i == verb.i or any(s <= tok.idx < e for s, e in quoted):
                continue
            seen.add(tok.i)
            if not is_relay_cue(tok):
                continue
            subj = relay_source(tok, min(lo, sent.start_char), max(hi, sent.end_char))
            if subj is None or (speaker is not None and subj[0] < speaker.end and speaker.start < subj[1]):
                continue  # the speaker's own "reported"
            return subj
    return None


def _mistagged_cue(doc, lo: int, hi: int, max_words: int = 8) -> list:
    """'“…,” the editorial read.': a cue word right after the quote and its speaker, that the tagger took
    for a noun. Only a short noun phrase may stand between the quote and the cue."""
    toks = [t for t in doc.char_span(lo, hi, alignment_mode="contract") or [] if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    for k, tok in enumerate(toks[:max_words]):
        joined = tok.text in "-–" and not tok.whitespace_ and k and not toks[k - 1].whitespace_  # "voice-over"
        if (tok.is_punct and not joined) or tok.pos_ in ("VERB", "AUX"):
            return []
        if k and tok.text.lower() in SPEECH_VERBS and toks[0].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON"):
            after = toks[k + 1] if k + 1 < len(toks) else None
            if after is None or after.is_punct or after.pos_ == "ADP":
                return [tok]
            # a noun that is also a cue word inside the phrase ("the email read", "the post said") is not the cue
    return []


def _outermost_governing(doc, verbs: list, span: Span):
    """Of the cue verbs before a quote, the outermost one whose clause holds it: "Clinton said that
    when Warren railed against Wall Street, “…”" is Clinton's, not Warren's."""
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    cues = {v.i for v in verbs}
    outermost = None
    sheltered = False
    below = toks[0]
    for tok in toks[0].ancestors:  # from the quote up to the root
        # a cue with a subject of its own is not overruled by one whose time clause, modifier, relative or
        # coordinated clause holds it, however deep ("McCain objected after Trump told voters “…”" and
        # "Clinton said the plan worked, to which O'Malley replied: “…”" are Trump's and O'Malley's)
        sheltered = sheltered or (below.dep_ in NOT_CONTENT_DEPS and _own_subject(outermost))
        if tok.i in cues and not sheltered:
            outermost = tok
        below = tok
    return outermost


def _describes_noun(verb) -> bool:
    """A verb of a relative clause whose subject is the relative word ("records that would answer …")."""
    return verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS
                                        for c in verb.children)


def _own_subject(verb) -> bool:
    """Whether a cue names its own speaker (not a participle hanging on a noun: "a course called “…”")."""
    return verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.text.lower() not in RELATIVE_PRONOUNS
                                    for c in verb.children)




def _introduced_above(ctx: Context, sp: DocSpeakers, span: Span, quoted) -> Speaker | None:
    """A clause ending in a colon introduces the quote after it: 'Cruz called them on it:' as the line
    above, or 'Sanders delivered a snappy retort: “…”' in the same paragraph. Its speaker is the
    subject of the clause's cue verb, else of its main verb."""
    text = ctx.article.text
    if span.open == span.para_start:
        end = len(text[:span.para_start].rstrip())
        start = text.rfind("\n", 0, end) + 1
    else:
        end, start = len(text[:span.open].rstrip()), span.para_start
    if end == 0 or text[end - 1] != ":":
        return None
    lo, hi = clip_sentence(text, start, end, before=True)
    verbs = speech_verbs(ctx, lo, hi, quoted)
    toks = [t for t in ctx.doc.char_span(lo, hi, alignment_mode="contract") or [] if not t.is_space]
    if not verbs and len(toks) >= 3 and toks[0].text.lower() in SPEECH_VERBS and toks[0].is_sent_start:
        # "Stated Stone:", the cue first and taken for a name: who follows it speaks
        end = toks[-1].idx if toks[-1].text == ":" else hi
        speaker = sp.resolve(ctx.doc, toks[1].idx, end, text)
        if speaker is not None:
            _cover_verb(speaker, toks[0])
        return speaker
    # the cue nearest the colon first, then the clause's main verb: its root, or the verb the parser hung on
    # the quote's own clause ("As if addressing him, the board was blunt: “…”")
    inside = {t.i for t in toks}
    mains = [t for t in toks if t.pos_ in ("VERB", "AUX") and (t.dep_ == "ROOT" or t.head.i not in inside)]
    return _first_subject(ctx, sp, dict.fromkeys([*reversed(verbs), *reversed(mains)]), lo, hi)


# "… - Mark Blumenthal and Jon Cohen: “…”": a name after a dash, then a colon
_DASH = re.compile(r"\s[-–—]+\s")


# "… - Carl Bialik:", " -More from the report:": a dash, then who is quoted, then a colon
_DASH_COLON = re.compile(r"(?:^|\s)[-–—]+\s*([^-–—:\n]+):$")


def _dash_colon_attribution(ctx: Context, sp: DocSpeakers, span: Span, lo: int) -> Speaker | None:
    """'Polls misread the caucus - Ann Lee: “…”': a digest line whose headline is followed by a dash and
    the name quoted, then a colon. The headline's own verb does not speak; the name does."""
    text = ctx.article.text
    m = _DASH_COLON.search(text[lo:span.open].rstrip())
    if m is None:
        return None
    phrase = m.group(1)
    lead = COLON_LEADS.match(phrase)
    start = lo + m.start(1) + (lead.end() if lead else 0)
    end = lo + m.end(1)
    if len(text[start:end].split()) > ctx.settings.extract.max_speaker_words:
        return None
    toks = ctx.doc.char_span(start, end, alignment_mode="expand")
    if toks is None or not len(toks) or any(_clause_verb(t) for t in toks):
        return None
    return sp.resolve(ctx.doc, start, end, text)


def _colon_attribution(ctx: Context, sp: DocSpeakers, span: Span, lo: int) -> Speaker | None:
    """'Gerald F. Seib, The Wall Street Journal: “…”': a line (or what follows a dash) that opens with a
    name and a colon."""
    text = ctx.article.text
    before = text[lo:span.open].rstrip()
    if not before.endswith(":"):
        return None
    dashes = list(_DASH.finditer(before))
    if dashes:
        lo = lo + dashes[-1].end()
    elif lo != span.para_start and not any(span.para_start + end == lo
                                           for _stop, end in sentence_ends(text[span.para_start:lo])):
        return None  # the line, or a sentence of its own, opens with the name
    head = text[lo:lo + len(before)].split(":")[0].split(",")[0]
    lead = COLON_LEADS.match(head)
    if lead:  # "From the survey: “…”": the text it is taken from speaks, named or not
        lo, head = lo + lead.end(), head[lead.end():]
    elif not any(m.label in ("PERSON", "ORG") and lo <= m.start < lo + len(head) for m in sp.mentions):
        return None  # "… the stance common among some Catholics: “…”" is the writer's sentence
    toks = ctx.doc.char_span(lo, lo + len(head), alignment_mode="expand")
    if toks is None or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    if not lead and len(toks) and toks[0].pos_ in ("ADP", "SCONJ"):
        return None  # "At a rally in Ohio, the senator went further: “…”": a clause's opening, not a name line
    return sp.resolve(ctx.doc, lo, lo + len(head), text)


_SIGN_OFF = re.compile(r"[-–—]+\s*([^\W\d_][^,\n]*)")


def _signed_below(ctx: Context, sp: DocSpeakers, span: Span) -> Speaker | None:
    """'“…” ¶ - Senator Ann Vogt, on the floor.': a quote paragraph signed on the line below it with a dash
    and a name, as quote boxes and fact-check columns print who said it."""
    text = ctx.article.text
    if re.search(r"\w", text[span.after:span.para_end]):
        return None  # the quote does not close its paragraph
    nxt = re.compile(r"\s*([^\n]+)").match(text, span.para_end)
    line = _SIGN_OFF.match(nxt.group(1)) if nxt else None
    if line is None:
        return _name_line_below(ctx, sp, nxt) if nxt else None
    start = nxt.start(1) + line.start(1)
    phrase = line.group(1).rstrip(" .")
    if len(phrase.split()) > ctx.settings.extract.max_speaker_words:
        return None
    return sp.resolve(ctx.doc, start, start + len(phrase), text)


def _name_line_below(ctx: Context, sp: DocSpeakers, nxt) -> Speaker | None:
    """'“…” ¶ Ann Vogt, Institute for Coastal Studies': a pull quote signed by a line below it that holds only
    a person's name, with at most an affiliation after a comma, and no verb."""
    text = ctx.article.text
    start = nxt.start(1)
    line = nxt.group(1).rstrip(" .\u00a0\"”’'")
    person = next((m for m in sp.mentions if m.label == "PERSON" and m.start == start), None)
    if person is None or len(line.split()) > ctx.settings.extract.max_speaker_words:
        return None
    rest = text[person.end:start + len(line)]
    if rest.strip() and not rest.lstrip().startswith(","):
        return None  # the name opens a sentence of its own
    toks = ctx.doc.char_span(start, start + len(line), alignment_mode="expand")
    if toks is None or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return sp.person(person, start, start + len(line))
