"""Time expressions normalised against the report's date, and the date that governs a fact.

The normaliser itself lives in `sitroom.extract.timex` (usable without spaCy); this
extractor adds sentence indexes and gives `governing_date`, the date a span's facts take.
"""

from __future__ import annotations

from sitroom.contract import TimeExpr
from sitroom.extract.context import Context
from sitroom.extract.timex import day_of, normalize


def extract(ctx: Context) -> list[TimeExpr]:
    anchor = ctx.article.published if _day_anchor(ctx) else None
    times = normalize(ctx.article.text, anchor)
    for t in times:
        t.doc = ctx.article.id
        t.sentence = ctx.sentence_index(t.start)
    return times


def _day_anchor(ctx: Context) -> bool:
    """Only a publication date known to the day can anchor "Friday" or "yesterday"."""
    pub = ctx.article.published
    return bool(pub) and len(pub) >= 10 and ctx.article.published_precision in (None, "day")


def _paragraph_bounds(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, char)
    end = text.find("\n\n", char)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _nearest(cands: list[TimeExpr], start: int, end: int) -> TimeExpr | None:
    """The closest dated expression, a day-precise one before any coarser one."""
    if not cands:
        return None

    def distance(t: TimeExpr) -> int:
        return 0 if t.start < end and start < t.end else min(abs(t.start - end), abs(start - t.end))

    return min(cands, key=lambda t: (day_of(t.value)[1] != "day", distance(t)))


def governing_date(ctx: Context, start: int, end: int) -> tuple[str | None, str | None, str]:
    """(value, precision, basis) of the date of a fact spanning [start, end): the time expression
    in the same sentence ("sentence"), else in the paragraph ("paragraph"), else the report's
    date ("report"). Durations and vague references (PAST_REF) never date a fact."""
    dated = [t for t in ctx.analysis.times if t.type in ("DATE", "TIME") and day_of(t.value)[0]]
    si = ctx.sentence_index(start)
    same = [t for t in dated if (t.sentence if t.sentence is not None else ctx.sentence_index(t.start)) == si]
    best = _nearest(same, start, end)
    basis = "sentence"
    if best is None:
        p0, p1 = _paragraph_bounds(ctx.article.text, start)
        best = _nearest([t for t in dated if p0 <= t.start < p1], start, end)
        basis = "paragraph"
    if best is not None:
        value, precision = day_of(best.value)
        return value, precision, basis
    pub = ctx.article.published
    return (pub[:10] if pub else None), (ctx.article.published_precision or ("day" if pub else None)), "report"
