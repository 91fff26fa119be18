"""Time expressions normalised against the report's date, and the date that governs a fact.

The normaliser itself lives in `sitroom.extract.timex` (usable without spaCy); this
extractor adds sentence indexes and gives `governing_date`, the date a span's facts take.
"""

from __future__ import annotations

import re

from sitroom.article.shingles import paragraph_bounds
from sitroom.contract import TimeExpr
from sitroom.extract.context import Context
from sitroom.extract.timex import day_of, normalize
from sitroom.knowledge.cues import CUE_VERBS

_EXTENT = {"through", "to", "until", "till", "by", "from", "before", "after", "since", "into", "effective"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}


def tense_of(doc):
    """A `normalize` tense hook over a spaCy doc: the tense of the verb that governs a span.

    The span's head climbs to the nearest verb; that verb is "future" with a will/shall
    auxiliary (or "is meeting" in the present progressive), "past" when spaCy's morphology says
    Tense=Past (or a perfect "has met"); None when the grammar does not tell.
    """
    if doc is None:
        return None

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span.root
        # the expression hangs on the verb directly ("said Friday") or through one preposition
        # ("met on Friday"); through a noun ("a cutback in September") or a preposition of extent
        # ("extended to Nov. 16") the verb's tense says nothing about the date
        if tok.head.pos_ == "ADP" and tok.head is not tok:
            if tok.head.lower_ in _EXTENT:
                return None
            tok = tok.head
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX") or tok.i in range(span.start, span.end):
            return None
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & _FUTURE_AUX:
            return "future"
        if words & {"would", "could", "might", "may", "should", "must", "can", "to"}:
            return None
        if "Past" in tok.morph.get("Tense") and tok.tag_ == "VBD":
            return "past"
        if tok.tag_ == "VBN" and any("Past" in c.morph.get("Tense") or c.lower_ in ("has", "have", "had") for c in auxes):
            return "past" if not words & {"is", "are", "am", "be"} else None
        if tok.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
            return "future"
        return None

    return tense


def extract(ctx: Context) -> list[TimeExpr]:
    anchor = ctx.article.published if _day_anchor(ctx) else None
    times = normalize(ctx.article.text, anchor, tense_of(ctx.doc))
    for t in times:
        t.doc = ctx.article.id
        t.sentence = ctx.sentence_index(t.start)
    return times


def _day_anchor(ctx: Context) -> bool:
    """Only a publication date known to the day can anchor "Friday" or "yesterday"."""
    pub = ctx.article.published
    return bool(pub) and len(pub) >= 10 and ctx.article.published_precision in (None, "day")


def _nearest(cands: list[TimeExpr], start: int, end: int) -> TimeExpr | None:
    """The closest dated expression, a day-precise one before any coarser one."""
    if not cands:
        return None

    def distance(t: TimeExpr) -> int:
        return 0 if t.start < end and start < t.end else min(abs(t.start - end), abs(start - t.end))

    return min(cands, key=lambda t: (day_of(t.value)[1] != "day", distance(t)))


_BOUND = re.compile(r"\b(?:since|until|till|unseen|not seen)\s+(?:early\s+|late\s+|mid-?)?$", re.I)


def _bounds_only(text: str, t: TimeExpr) -> bool:
    """ "since 2007", "until June": a boundary of a stretch of time, not when the fact happened."""
    return bool(_BOUND.search(text[max(0, t.start - 24):t.start]))


def _speech_governed(ctx: Context, t: TimeExpr) -> bool:
    """True when the expression hangs on a verb of saying ("said Thursday", "told reporters on Friday")."""
    doc = ctx.doc
    if doc is None:
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.head
    if head.pos_ == "ADP":
        head = head.head
    return head.pos_ in ("VERB", "AUX") and (head.lower_ in CUE_VERBS or head.lemma_.lower() in CUE_VERBS)


def _in_content(ctx: Context, t: TimeExpr) -> bool:
    """True when the expression sits in a clause that is reported content or a relative clause
    ("said that fighters who overran the prison Tuesday ...")."""
    doc = ctx.doc
    span = doc.char_span(t.start, t.end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return False
    return any(a.dep_ in ("ccomp", "relcl") for a in span.root.ancestors)


def _sentence_of(ctx: Context, t: TimeExpr) -> int:
    return t.sentence if t.sentence is not None else ctx.sentence_index(t.start)


def governing_date(ctx: Context, start: int, end: int, said: bool = False,
                   speaker: str | None = None) -> tuple[str | None, str | None, str]:
    """(value, precision, basis) of the date of a fact spanning [start, end).

    A fact takes the time expression of its own sentence ("sentence"), else of its paragraph
    ("paragraph"), else its report's date ("report"). Durations, vague references (PAST_REF)
    and boundaries ("since 2007") never date a fact. For a statement (`said`), [start, end) is
    what was said: a date inside it is content, not the time of saying. The saying is dated by
    the expression on its verb of saying ("said Thursday"), else by one in the sentences just
    before that hangs on a verb of saying or names the same `speaker` ("previous sentence":
    a continued statement), else as any fact.
    """
    text = ctx.article.text
    dated = [t for t in ctx.analysis.times
             if t.type in ("DATE", "TIME") and day_of(t.value)[0] and not _bounds_only(text, t)]
    si = ctx.sentence_index(start)
    best, basis = None, "sentence"
    if said:  # the saying's own time, then any other time of the sentence that is not part of what was said
        dated = [t for t in dated if _speech_governed(ctx, t) or not (start <= t.start < end or _in_content(ctx, t))]
        best = _nearest([t for t in dated if _sentence_of(ctx, t) == si and _speech_governed(ctx, t)], start, end)
    best = best or _nearest([t for t in dated if _sentence_of(ctx, t) == si], start, end)
    if best is None and said:
        best, basis = _continued(ctx, dated, si, speaker), "previous sentence"
    if best is None:
        p0, p1 = paragraph_bounds(text, start)
        best = _nearest([t for t in dated if p0 <= t.start < p1], start, end)
        basis = "paragraph"
    if best is not None:
        value, precision = day_of(best.value)
        return value, precision, basis
    pub = ctx.article.published
    return (pub[:10] if pub else None), (ctx.article.published_precision or ("day" if pub else None)), "report"


def _continued(ctx: Context, dated: list[TimeExpr], si: int, speaker: str | None) -> TimeExpr | None:
    """The date of the statement a quote continues: in one of the few sentences before, an expression
    on a verb of saying, or any dated expression of a sentence that names the same speaker."""
    surname = speaker.split()[-1] if speaker else None
    lookback = ctx.settings.extract.statement_lookback_sentences
    for sj in range(si - 1, max(-1, si - 1 - lookback), -1):
        cands = [t for t in dated if _sentence_of(ctx, t) == sj]
        if not cands:
            continue
        sent = ctx.analysis.sentences[sj]
        names_speaker = bool(surname) and re.search(r"\b" + re.escape(surname) + r"\b", ctx.article.text[sent.start:sent.end])
        speech = [t for t in cands if _speech_governed(ctx, t)]
        pick = speech or (cands if names_speaker else [])
        if pick:
            return _nearest(pick, sent.end, sent.end)
    return None
