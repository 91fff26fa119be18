"""Quotes: direct quotations in every quote style and reported speech, with their speakers.

Written here rather than taken from textacy's `direct_quotations`, which raises on quotes
running over paragraphs, stops at pronoun speakers and takes scare quotes for quotes.

  1. spans   — quotation marks paired per paragraph (extract/quote_marks.py);
  2. speaker — the cue verb after the quote in its sentence, else the outermost one before it whose
               clause holds the quote; its subject by the parse, else the words beside the verb (a
               text someone put out speaks for them); a clause ending in a colon introduces what
               follows; a quote without its own attribution continues the previous speaker in its
               paragraph, or in the next paragraph when that attributes nothing and names nobody else;
  3. filter  — short quoted words inside a sentence are scare quotes unless a speech verb
               governs them and they run to `min_partial_quote_words`;
  4. reported speech — "X said (that) …" with no quotation marks, as `direct=False`.
"""

from __future__ import annotations

import re

from sitroom.contract import Evidence, Quote, make_id
from sitroom.extract.context import Context
from sitroom.extract.quote_marks import TEASER_STAMP, Span, find_spans, paragraphs, sentence_ends
from sitroom.extract.speakers import REPORTING_VERBS, SPEECH_VERBS, DocSpeakers, Speaker, is_cue, medium_in
from sitroom.extract.speakers import cover_verb as _cover_verb
from sitroom.extract.speakers import subject_span as _subject_span
from sitroom.extract.times import governing_date
from sitroom.knowledge.cues import TITLE_SMALL_WORDS


def _clip_sentence(text: str, lo: int, hi: int, *, before: bool) -> tuple[int, int]:
    """The part of text[lo:hi] in the quote's own sentence (the end nearest the quote)."""
    ends = sentence_ends(text[lo:hi])
    if before:
        return (lo + ends[-1][1], hi) if ends else (lo, hi)
    return (lo, lo + ends[0][0]) if ends else (lo, hi)


def _speech_verbs(ctx: Context, lo: int, hi: int, quoted) -> list:
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


def _attribute(ctx: Context, sp: DocSpeakers, span: Span, quoted,
               prev: Span | None) -> tuple[Speaker | None, str | None]:
    """Speaker and medium of one quoted span, from its own sentence only."""
    text = ctx.article.text
    lo_before = prev.after if prev is not None and prev.para == span.para else span.para_start
    b_lo, b_hi = _clip_sentence(text, lo_before, span.open, before=True)
    a_lo, a_hi = _clip_sentence(text, span.after, span.para_end, before=False)
    # the verb nearest the quote: after it first ("…," Carney said), then before ("Kerry said: …")
    for lo, hi, pick in ((a_lo, a_hi, 0), (b_lo, b_hi, -1)):
        verbs = _speech_verbs(ctx, lo, hi, quoted) or ([] if pick else _mistagged_cue(ctx.doc, lo, hi))
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
                speaker.relay = _relay(ctx, verb, [(a_lo, a_hi), (b_lo, b_hi)], quoted)
                return speaker, medium_in(text[min(lo, b_lo):max(hi, a_hi)])
    return _colon_attribution(ctx, sp, span, b_lo) or _introduced_above(ctx, sp, span, quoted), None


def _said_before(ctx: Context, sp: DocSpeakers, span: Span, prev: Span | None) -> Speaker | None:
    """'Coan argues that his client never urged violence. “…”': a quote that opens its sentence after one
    in which someone says something, in the same paragraph, is theirs."""
    text = ctx.article.text
    lo = prev.after if prev is not None and prev.para == span.para else span.para_start
    sent_start, _ = _clip_sentence(text, lo, span.open, before=True)
    if text[sent_start:span.open].strip() or sent_start <= lo:
        return None
    quoted = sp.quoted
    verbs = _speech_verbs(ctx, lo, sent_start, quoted)
    # the one who says it is the outermost cue's subject ("Coan argues that her client never urged …")
    for verb in sorted(reversed(verbs), key=lambda v: len(list(v.ancestors))):
        subj = _subject_span(verb, lo, sent_start)
        speaker = sp.resolve(ctx.doc, subj[0], subj[1], text) if subj else None
        if speaker is not None:
            _cover_verb(speaker, verb)
            return speaker
    return None


def _relay(ctx: Context, verb, windows: list[tuple[int, int]], quoted) -> tuple[int, int] | None:
    """'“…,” Welch said, according to Vermont Edition': the outlet the speaker's words come through."""
    if verb.text.lower() == "according":
        return None
    for lo, hi in windows:
        for tok in _speech_verbs(ctx, lo, hi, quoted):
            if tok.text.lower() == "according":
                subj = _subject_span(tok, lo, hi)
                if subj is not None:
                    return subj
    return None


def _mistagged_cue(doc, lo: int, hi: int) -> list:
    """'“…,” the editorial read.': a cue word right after the quote and its speaker, that the tagger took
    for a noun. Only a short noun phrase may stand between the quote and the cue."""
    toks = [t for t in doc.char_span(lo, hi, alignment_mode="contract") or [] if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    for k, tok in enumerate(toks[:6]):
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return []
        if k and tok.text.lower() in SPEECH_VERBS and toks[0].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON"):
            after = toks[k + 1] if k + 1 < len(toks) else None
            return [tok] if after is None or after.is_punct or after.pos_ == "ADP" else []
    return []


def _outermost_governing(doc, verbs: list, span: Span):
    """Of the cue verbs before a quote, the outermost one whose clause holds it: "Clinton said that
    when Warren railed against Wall Street, “…”" is Clinton's, not Warren's."""
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    cues = {v.i for v in verbs}
    outermost = None
    for tok in toks[0].ancestors:  # from the quote up to the root
        if tok.i in cues:
            outermost = tok
    return outermost


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
    lo, hi = _clip_sentence(text, start, end, before=True)
    verbs = _speech_verbs(ctx, lo, hi, quoted)
    if not verbs:
        toks = ctx.doc.char_span(lo, hi, alignment_mode="contract")
        verbs = [t for t in toks or [] if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    subj = _subject_span(verbs[-1], lo, hi)
    speaker = sp.resolve(ctx.doc, subj[0], subj[1], text) if subj else None
    if speaker is not None:
        _cover_verb(speaker, verbs[-1])
    return speaker


# "… - Mark Blumenthal and Jon Cohen: “…”": a name after a dash, then a colon
_DASH = re.compile(r"\s[-–—]+\s")


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
    elif lo != span.para_start:
        return None
    head = text[lo:lo + len(before)].split(":")[0].split(",")[0]
    if not any(m.label in ("PERSON", "ORG") and lo <= m.start < lo + len(head) for m in sp.mentions):
        return None  # "… the stance common among some Catholics: “…”" is the writer's sentence
    toks = ctx.doc.char_span(lo, lo + len(head), alignment_mode="expand")
    if toks is None or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return sp.resolve(ctx.doc, lo, lo + len(head), text)


def is_title(s: str) -> bool:
    """Quoted words written as a title ("Meet the Press", "Stop DC at the Bathroom Door"): a show, a
    book, a slogan or a headline, not a statement: every word capitalised but the short ones."""
    words = re.findall(r"[^\W\d_][\w’'-]*", s)
    if len(words) < 2:
        return False
    return all(w[0].isupper() for w in words if w.lower() not in TITLE_SMALL_WORDS) and words[0][0].isupper()


def _title_position(text: str, span: Span) -> bool:
    """Where a title stands: after a preposition or a possessive ("on “Meet the Press”", "ABC’s “…”"),
    or as a whole line (a headline)."""
    before = text[span.para_start:span.open].rstrip()
    if not before:
        return True
    last = re.findall(r"[\w’'.-]+$", before)
    return bool(last) and (last[0].lower() in TITLE_SMALL_WORDS or last[0].endswith(("’s", "'s")))


def _words(s: str) -> int:
    return len(re.findall(r"[\w’'-]+", s))


def _is_statement_position(text: str, span: Span, prev: Span | None) -> bool:
    """True when the quote stands as its own sentence (not a phrase inside the writer's sentence)."""
    lo = prev.after if prev is not None and prev.para == span.para else span.para_start
    before = text[lo:span.open].rstrip()
    if not before or before.endswith((",", ":", "—", "--")):
        return True
    return bool(sentence_ends(before[-2:] + " ")) or before.endswith((".", "?", "!"))


def _make_quote(ctx: Context, parts: list[Span], speaker: Speaker | None, medium: str | None,
                direct: bool = True, partial: bool = False) -> Quote:
    text = ctx.article.text
    # the parts of a quote split by its attribution are joined with an ellipsis, as an editor would
    words = " … ".join(text[p.start:p.end].strip().rstrip(",") for p in parts).strip()
    value, _precision, basis = governing_date(ctx, parts[0].start, parts[-1].end, said=True,
                                             speaker=speaker.name if speaker else None)
    evidence = []
    for p in parts:
        ev = ctx.evidence(p.start, p.end)
        if not evidence or evidence[-1].start != ev.start:
            evidence.append(ev)
    speaker_evidence = attribution_evidence(ctx, speaker)
    return Quote(
        id=make_id("q", ctx.article.id, parts[0].start, parts[-1].end),
        text=words[: ctx.settings.extract.max_quote_chars],
        direct=direct,
        speaker_name=speaker.name if speaker else None,
        speaker_role=speaker.role if speaker else None,
        anonymous=bool(speaker and speaker.anonymous),
        medium=medium,
        date=value,
        date_basis=basis,
        speaker_evidence=speaker_evidence,
        evidence=evidence,
        partial=partial,
    )


# the parts of a reported clause after its cue verb ("called Trump “unhinged”", "said the probe is “ongoing”")
_CLAUSE_DEPS = {"ccomp", "xcomp", "dobj", "dative", "oprd", "attr", "acomp", "prep", "advcl", "obj", "pobj"}


def _governing_cue(doc, span: Span):
    """The cue verb whose reported clause holds the quoted words, by the parse, and the clause's char span."""
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    inside = {t.i for t in toks}
    t = toks.root
    child = None
    while t.i in inside or not (t.text.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")):
        if t.head.i == t.i:
            return None
        child, t = t, t.head
    if child is None or child.dep_ in ("nsubj", "nsubjpass", "csubj") or t.idx > span.open:
        return None
    while True:  # "X said he found Y “charming”": the outermost cue reports the clause
        up, c = t, t
        while up.head.i != up.i and up.dep_ in _CLAUSE_DEPS | {"conj"}:
            c, up = up, up.head
            if up.text.lower() in SPEECH_VERBS and up.pos_ in ("VERB", "AUX"):
                break
        if up is t or not (up.text.lower() in SPEECH_VERBS and up.pos_ in ("VERB", "AUX")) or c.dep_ == "conj" \
                or up.idx > span.open:
            break
        t, child = up, c
    parts = sorted((c for c in t.children if c.i > t.i and c.dep_ in _CLAUSE_DEPS and c.i <= child.i),
                   key=lambda c: c.i)
    if child.dep_ == "ccomp":  # "told CNN on Thursday that …": the hearer and the when are not what was said
        parts = [child]
    first = parts[0].left_edge if parts else child.left_edge
    if first.text.lower() == "that" and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    last = child.right_edge
    lo, hi = min(first.idx, span.open), max(last.idx + len(last.text), span.after)
    while hi > lo and doc.text[hi - 1] in " ,;:":
        hi -= 1
    return t, lo, hi


def _mixed_quote(ctx: Context, sp: DocSpeakers, span: Span):
    """(verb, clause span, speaker) when quoted words sit inside what a cue verb reports."""
    found = _governing_cue(ctx.doc, span)
    if found is None:
        return None
    verb, lo, hi = found
    # "He notes that free speech ends where you can't yell “fire”": the outermost cue says the whole of it
    outer = [t for t in verb.ancestors if is_cue(t) and t.idx < span.open]
    teller = outer[-1] if outer else verb
    sent = teller.sent
    subj = _subject_span(teller, sent.start_char, sent.end_char)
    speaker = None
    if subj is not None and subj[1] <= lo:
        speaker = sp.resolve(ctx.doc, subj[0], subj[1], ctx.article.text)
    if speaker is None:
        return None  # nobody to hold it: left to the scare-quote test
    _cover_verb(speaker, teller)
    return verb, lo, hi, speaker


def _speaker_continues(ctx: Context, sp: DocSpeakers, span: Span, prev: Span | None,
                       last_attr: tuple[int, Speaker]) -> bool:
    """Whether a quote with no attribution of its own is still the last speaker's. In its paragraph:
    yes. Across paragraphs, as news is written: the paragraph right after the attributed one, when it
    attributes nothing itself and no other person is named in between."""
    if prev is not None and prev.para == span.para:
        return True
    if last_attr[0] != span.para - 1:
        return False
    if _speech_verbs(ctx, span.para_start, span.para_end, sp.quoted):
        return False  # it has an attribution of its own, one that did not resolve
    lo = prev.after if prev is not None else span.para_start
    name = last_attr[1].name
    return not any(m.label == "PERSON" and lo <= m.start < span.open and not sp._inside_quote(m.start)
                   and sp.full_name(m) != name for m in sp.mentions)


def direct_quotes(ctx: Context, sp: DocSpeakers, spans: list[Span]) -> tuple[list[Quote], list[Span]]:
    """Direct quotes and the spans they were made of (scare quotes and titles left out)."""
    text = ctx.article.text
    cfg = ctx.settings.extract
    sp.quoted = [(s.open, s.after) for s in spans]
    groups: list[list] = []  # [parts, speaker, medium]
    mixed: list[list] = []  # [verb, clause start, clause end, speaker, spans]
    last_attr: tuple[int, Speaker] | None = None  # (paragraph, speaker) of the latest attribution
    prev: Span | None = None
    for span in spans:
        if span.continues is None and is_title(text[span.start:span.end]) and _title_position(text, span):
            prev = span
            continue  # a show, a book, a slogan: not said by anyone
        statement = _is_statement_position(text, span, prev)
        speaker, medium = _attribute(ctx, sp, span, sp.quoted, prev)
        span.own_attribution = speaker is not None
        if speaker is not None:
            last_attr = (span.para, speaker)
        if span.continues is not None and groups and groups[-1][0][-1] is span.continues:
            groups[-1][0].append(span)  # the quote runs on into this paragraph
            groups[-1][1] = groups[-1][1] or speaker
            groups[-1][2] = groups[-1][2] or medium
            prev = span
            continue
        if (speaker is None and prev is not None and prev.para == span.para and prev.own_attribution
                and not sentence_ends(text[prev.after:span.open])):
            speaker = last_attr[1] if last_attr else None  # "… has “X” but that … had been a “Y”"
        if speaker is None and last_attr is not None and statement and _speaker_continues(
                ctx, sp, span, prev, last_attr):
            speaker = last_attr[1]  # "…," he said. "…" — or a quote paragraph right after an attributed one
        if not statement:
            if mixed and mixed[-1][1] <= span.open and span.after <= mixed[-1][2]:
                mixed[-1][4].append(span)  # more quoted words of the same reported clause
                prev = span
                continue
            found = _mixed_quote(ctx, sp, span)
            if found is not None and mixed and mixed[-1][0].i == found[0].i:  # more of what one verb reports
                mixed[-1][1], mixed[-1][2] = min(mixed[-1][1], found[1]), max(mixed[-1][2], found[2])
                mixed[-1][4].append(span)
                prev = span
                continue
            if found is not None:  # the whole reported clause, its quoted words kept marked
                mixed.append([*found[:3], found[3], [span]])
                last_attr = (span.para, found[3])
                prev = span
                continue
        n = _words(text[span.start:span.end])
        if (not statement and (n < cfg.min_partial_quote_words or speaker is None)) or (
                speaker is None and n < cfg.min_unattributed_quote_words):
            prev = span
            continue  # a scare quote or a title, not a statement
        speaker = speaker or (_said_before(ctx, sp, span, prev) if statement else None)
        if speaker is not None:
            last_attr = (span.para, speaker)
        same_statement = (groups and prev is not None and groups[-1][0][-1] is prev and prev.para == span.para
                          and statement and (not span.own_attribution or span.verb == prev.verb)
                          and groups[-1][1] is not None
                          and speaker is not None and groups[-1][1].name == speaker.name)
        if same_statement:  # a quote split by its attribution
            groups[-1][0].append(span)
        else:
            groups.append([[span], speaker, medium])
        prev = span
    quotes = [_make_quote(ctx, parts, speaker, medium) for parts, speaker, medium in groups]
    for verb, lo, hi, speaker, parts in mixed:
        clause = Span(open=lo, close=None, start=lo, end=hi, para=parts[0].para, para_start=parts[0].para_start,
                      para_end=parts[0].para_end)
        sent = verb.sent
        quotes.append(_make_quote(ctx, [clause], speaker, medium_in(text[sent.start_char:sent.end_char]),
                                  partial=True))
    return quotes, [p for g in groups for p in g[0]] + [p for m in mixed for p in m[4]]


def _reported_content(text: str, sent, verb) -> tuple[int, int] | None:
    """Char span of what a reporting verb reports: its clause ("said (that) …"), the clause it closes
    ("…, police told CNN"), or the sentence beside "according to X"."""
    doc = verb.doc
    low = verb.text.lower()
    if low in REPORTING_VERBS and verb.pos_ in ("VERB", "AUX"):
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if comps:
            first, last = comps[0].left_edge, comps[0].right_edge
            if first.text.lower() == "that":
                first = doc[first.i + 1]
            return first.idx, last.idx + len(last.text)
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
            # "…, police told CNN." parsed with the reported clause as the head: up to the last comma
            hi = verb.i
            while hi > sent.start and doc[hi - 1].text != ",":
                hi -= 1
            end_tok = doc[max(sent.start, hi - 2)]
            return doc[sent.start].idx, end_tok.idx + len(end_tok.text)
        return None
    if low == "according" and verb.i + 1 < len(doc) and doc[verb.i + 1].text.lower() == "to":
        subj = _subject_span(verb, sent.start_char, sent.end_char)
        acc_hi = subj[1] if subj else verb.idx
        before = text[sent.start_char:verb.idx].rstrip(" ,")
        after = text[acc_hi:sent.end_char].strip(" ,.")
        if len(before.strip()) >= len(after):
            return sent.start_char, sent.start_char + len(before)
        a = acc_hi + (len(text[acc_hi:sent.end_char]) - len(text[acc_hi:sent.end_char].lstrip(" ,")))
        return a, a + len(after)
    return None


def _reportable(text: str, sent, paras: list[tuple[int, int]], accepted: list[Span]) -> bool:
    k = next((i for i, (ps, pe) in enumerate(paras) if ps <= sent.start_char < pe), None)
    if k is None or (k > 0 and TEASER_STAMP.match(text[paras[k - 1][0]:paras[k - 1][1]])):
        return False
    if "\n" in sent.text.strip():
        return False  # a sentence cannot run over paragraphs: headline or list debris
    # its words are already a direct quote
    return not any(s.open < sent.end_char and s.after > sent.start_char for s in accepted)


def reported_speech(ctx: Context, sp: DocSpeakers, accepted: list[Span]) -> list[Quote]:
    """'Zebari said there were indications …' — statements without quotation marks, direct=False."""
    text = ctx.article.text
    cfg = ctx.settings.extract
    out = []
    paras = paragraphs(text)
    for sent in ctx.doc.sents:
        if not _reportable(text, sent, paras, accepted):
            continue
        for verb in sent:
            content = _reported_content(text, sent, verb)
            if content is None or content[1] <= content[0]:
                continue
            words = text[content[0]:content[1]].strip(" ,")
            if _words(words) < cfg.min_reported_words:
                continue
            subj = _subject_span(verb, sent.start_char, sent.end_char)
            if subj is None or subj[0] <= content[0] < subj[1]:
                continue
            speaker = sp.resolve(ctx.doc, subj[0], subj[1], text)
            if speaker is None:
                continue
            _cover_verb(speaker, verb)
            value, _precision, basis = governing_date(ctx, content[0], content[1], said=True, speaker=speaker.name)
            out.append(Quote(
                id=make_id("q", ctx.article.id, content[0], content[1], "reported"), text=words, direct=False,
                speaker_name=speaker.name, speaker_role=speaker.role, anonymous=speaker.anonymous,
                medium=medium_in(text[sent.start_char:sent.end_char]), date=value, date_basis=basis,
                speaker_evidence=attribution_evidence(ctx, speaker),
                evidence=[ctx.evidence(content[0], content[1])],
            ))
            break  # one statement per sentence
    return out


def extract(ctx: Context) -> list[Quote]:
    spans = find_spans(ctx.article.text)
    speakers = DocSpeakers(mentions=ctx.analysis.mentions, roles=ctx.analysis.roles,
                           max_speaker_words=ctx.settings.extract.max_speaker_words)
    quotes, accepted = direct_quotes(ctx, speakers, spans)
    quotes.extend(reported_speech(ctx, speakers, accepted))
    return sorted(quotes, key=lambda q: q.evidence[0].start if q.evidence else 0)
