"""Quotes: direct quotations in every quote style and reported speech, with their speakers.

Written here rather than taken from textacy's `direct_quotations`, which raises on quotes
running over paragraphs, stops at pronoun speakers and takes scare quotes for quotes.

  1. spans   — quotation marks paired per paragraph (extract/quote_marks.py);
  2. speaker — the cue verb after the quote in its sentence, else the outermost one before it whose
               clause holds the quote; its subject by the parse, else the words beside the verb (a
               text someone put out speaks for them); a clause ending in a colon introduces what
               follows (extract/quote_attribution.py); a quote without its own attribution continues the
               previous speaker in its paragraph, or in the next paragraph when that attributes nothing
               and names nobody else;
  3. filter  — short quoted words inside a sentence are scare quotes unless a speech verb
               governs them and they run to `min_partial_quote_words`;
  4. reported speech — "X said (that) …" with no quotation marks, as `direct=False`.
"""

from __future__ import annotations

import re

from sitroom.contract import Quote, make_id
from sitroom.extract.context import Context, doc_text
from sitroom.extract.quote_attribution import attribute as _attribute
from sitroom.extract.quote_attribution import (attribution_evidence, deferred_speaker, owner_of_utterance, relay,
                                              said_before, speech_verbs)
from sitroom.extract.quote_marks import TEASER_STAMP, Span, find_spans, paragraphs, sentence_ends
from sitroom.extract.speakers import REPORTING_VERBS, SPEECH_VERBS, DocSpeakers, Speaker, is_cue, medium_in
from sitroom.extract.speakers import cover_verb as _cover_verb
from sitroom.extract.speech_subjects import subject_span as _subject_span
from sitroom.extract.speech_subjects import text_owner
from sitroom.extract.times import governing_date
from sitroom.knowledge.cues import NOT_CONTENT_DEPS, RELATIVE_PRONOUNS, SUBORDINATORS, TITLE_SMALL_WORDS


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
        if t.i not in inside and t.pos_ == "VERB" and t.dep_ == "conj" and _subject_of_own(t):
            return None  # "… but the campaign rejected the idea as “ludicrous”": a clause of its own, no cue's
        child, t = t, t.head
        if t.i not in inside and t.pos_ == "VERB" and _ascribes(t, child):
            break  # "rejected the idea as “ludicrous”", "defended him as “a decent man”": the subject's words
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
    elif first.i == t.i + 1 and first.dep_ in ("prep", "prt") and first.head.i == t.i:
        first = t  # "called on the government to …", "warned of …": the clause reads with its verb
    last = child.right_edge
    lo, hi = min(first.idx, span.open), max(last.idx + len(last.text), span.after)
    while hi > lo and doc_text(doc)[hi - 1] in " ,;:":
        hi -= 1
    return t, lo, hi


def _ascribes(verb, child) -> bool:
    """'V X as “…”': a verb that gives its object a description in quotation marks, by its own subject."""
    return child.dep_ == "prep" and child.lower_ == "as" and _subject_of_own(verb) and any(
        c.dep_ in ("dobj", "obj") for c in verb.children)


# subjects that name nobody: a relative clause with one ("a limit that you can't yell “fire”") is no teller's
_NOT_A_TELLER = RELATIVE_PRONOUNS | {"you", "there", "one"}
# a cue above the clause by these relations is not its teller (a subordinate "when/because" clause often
# is, misparsed: the outer cue still reports it)
_NOT_REPORTED = NOT_CONTENT_DEPS - {"advcl", "acl", "relcl", "appos"}


def _own_event(clause) -> bool:
    """A time or cause clause with a subject of its own ("after Trump told voters …", "because she
    believed …") reports its own speaker's words, not those of the clause it hangs on."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in clause.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for c in clause.children)


def _subject_of_own(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _NOT_A_TELLER for c in verb.children)


def _teller(verb, before: int):
    """The outermost cue whose report holds `verb`: "He notes that free speech ends where you can't yell
    “fire”" is his. A relative clause with a subject of its own speaks for it ("Trump would win, which
    he called “a disaster”")."""
    teller, t = verb, verb
    while t.head.i != t.i and not (t.dep_ in ("relcl", "conj") and _subject_of_own(t)):
        below, t = t, t.head
        if _own_event(below):
            break  # "McCain objected after Trump told voters it was “…”": Trump's words, not McCain's
        if below.i == teller.i and below.dep_ == "advcl" and not _subject_of_own(below) and not is_cue(t) \
                and _subject_of_own(t):
            break  # "I remember Carter going on TV, declaring “…”": the participle is its clause's subject's
        # not a cue whose time clause or modifier holds it ("booed after telling them they were “…”")
        if is_cue(t) and t.idx < before and below.dep_ not in _NOT_REPORTED:
            teller = t
    return teller


def _aside_cue(doc, span: Span, verb):
    """'Nor, he said, did she sign anything “…”': a cue set off by commas in the clause that holds the quoted
    words tells the whole clause, whatever verb inside it cites them."""
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    path = {toks.root.i, verb.i}  # the quoted words' clause up to the verb that cites them, not above it
    for a in toks.root.ancestors:
        if a.i == verb.i:
            break
        path.add(a.i)
    for t in toks.root.sent:
        if (t.dep_ == "parataxis" and t.head.i in path and t.idx < span.open and is_cue(t)
                and t.i > 0 and doc[t.i - 1].dep_ in ("nsubj", "nsubjpass") and doc[t.i - 1].i > 1
                and doc[doc[t.i - 1].i - 1].text == ","):
            return t
    return None


def _mixed_quote(ctx: Context, sp: DocSpeakers, span: Span):
    """(verb, clause span, speaker) when quoted words sit inside what a cue verb reports."""
    # "over her assertion that “we now finally are …”": what someone's statement, claim or comment says is
    # theirs, whatever verb the sentence hangs it on
    owned = owner_of_utterance(ctx, sp, span)
    if owned is not None:
        noun, speaker = owned
        return noun, noun.idx, span.after, speaker
    found = _governing_cue(ctx.doc, span)
    if found is None:
        return None
    verb, lo, hi = found
    teller = _aside_cue(ctx.doc, span, verb) or _teller(verb, span.open)
    sent = teller.sent
    subj = _subject_span(teller, sent.start_char, sent.end_char)
    speaker = None
    if subj is not None and subj[1] <= lo:
        speaker = sp.resolve(ctx.doc, subj[0], subj[1], ctx.article.text)
    if speaker is None:
        return None  # nobody to hold it: left to the scare-quote test
    _cover_verb(speaker, teller)
    speaker.relay = relay(ctx, teller, [], sp.quoted, speaker)
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
    if speech_verbs(ctx, span.para_start, span.para_end, sp.quoted):
        return False  # it has an attribution of its own, one that did not resolve
    lo = prev.after if prev is not None else span.para_start
    name = last_attr[1].name
    return not any(m.label == "PERSON" and lo <= m.start < span.open and not sp._inside_quote(m.start)
                   and sp.full_name(m) != name for m in sp.mentions)


def _runs_into(text: str, span: Span, nxt: Span) -> bool:
    """'“…” ¶ “…,” Lee notes.': a paragraph that is all quote and attributes nothing, right above a quote
    paragraph whose own tag names its speaker, is that speaker's (the tag closes the run)."""
    return (nxt.para == span.para + 1 and nxt.open == nxt.para_start and nxt.own_attribution
            and not text[span.para_start:span.open].strip() and not re.search(r"\w", text[span.after:span.para_end]))


def _cue_between(doc, lo: int, hi: int) -> bool:
    """A speech cue among the words from `lo` to `hi` ("adding", "she said")."""
    gap = doc.char_span(lo, hi, alignment_mode="expand") if lo < hi else None
    return gap is not None and any(is_cue(t) for t in gap)


def _one_quote_per_span(doc, mixed: list[list], groups: list[list]) -> tuple[list[list], list[list]]:
    """Quoted words are in one quote only. A reported clause read by the parse can run on over quoted words
    that stand as a statement: when a cue of their own introduces them ("… might get “ugly,” adding,
    “Counting is ugly work”") the clause ends with its own quoted words; else they are the clause's ("praised
    her “calm,” her “patience” and her staff")."""
    out = []
    for g in groups:
        host = next((m for m in mixed if all(m[1] <= p.open < m[2] for p in g[0])), None)
        if host is None:
            out.append(g)
            continue
        own_lo, own_hi = min(p.open for p in host[4]), max(p.after for p in host[4])
        if _cue_between(doc, own_hi, g[0][0].open):
            host[2] = min(host[2], own_hi)
            out.append(g)
            continue
        if _cue_between(doc, g[0][-1].after, own_lo):
            host[1] = max(host[1], g[0][-1].after)
            out.append(g)
            continue
        host[2] = max(host[2], g[0][-1].end)
        host[4].extend(g[0])
    return mixed, out


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
            # the quote runs on into this paragraph; a tag of its own there outranks a speaker the parts before
            # only inherited or guessed ("some in the community …" above, “…,” Councilman Barron told reporters)
            if speaker is not None and not any(p.own_attribution for p in groups[-1][0]):
                groups[-1][1] = speaker
            groups[-1][0].append(span)
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
        if not n or (not statement and (n < cfg.min_partial_quote_words or speaker is None)) or (
                speaker is None and n < cfg.min_unattributed_quote_words):  # (no words: a stray mark)
            prev = span
            continue  # a scare quote or a title, not a statement
        speaker = speaker or (said_before(ctx, sp, span, prev) if statement else None) or deferred_speaker(
            ctx, sp, span)
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
    for k in range(len(groups) - 2, -1, -1):  # backwards, so that a run of such paragraphs is all theirs
        if groups[k][1] is None and groups[k + 1][1] is not None and _runs_into(text, groups[k][0][-1],
                                                                                 groups[k + 1][0][0]):
            groups[k][1] = groups[k + 1][1]
    mixed, groups = _one_quote_per_span(ctx.doc, mixed, groups)
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
            owner = text_owner(verb) if verb.lower_ == "according" else None
            if owner is not None:  # "X urged …, according to a statement": X's statement, the text its relay
                speaker = sp.resolve(ctx.doc, owner[0], owner[1], text)
                if speaker is not None:
                    speaker.relay = subj
                if content[0] <= owner[0] and owner[1] < content[1]:  # what X did: "urged …", as "called on …"
                    rest = text[owner[1]:content[1]]
                    content = (content[1] - len(rest.lstrip()), content[1])
                    words = text[content[0]:content[1]].strip(" ,")
            else:
                speaker = sp.resolve(ctx.doc, subj[0], subj[1], text)
                if speaker is not None:
                    _cover_verb(speaker, verb)
            if speaker is None:
                continue
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
