"""Direct quotes whose speaker is named in the same sentence (first version)."""

from __future__ import annotations

import re

from ..contract import Evidence, Quote, make_id
from . import Context

QUOTE_RE = re.compile(r"[\"“]([^\"”]{3,}?)[\"”]")
SPEECH_VERBS = {"say", "said", "says", "tell", "told", "add", "added", "warn", "warned", "urge", "urged"}


def extract(ctx: Context) -> list[Quote]:
    text = ctx.article.text
    out = []
    persons = [m for m in ctx.analysis.mentions if m.label == "PERSON"]
    for m in QUOTE_RE.finditer(text):
        quote = m.group(1).strip()
        if len(quote.split()) < 3:
            continue
        si = ctx.sentence_index(m.start())
        sent = ctx.analysis.sentences[si]
        speakers = [p for p in persons if p.sentence == si and not (m.start() <= p.start < m.end())]
        if not speakers:
            continue
        rest = text[sent.start:sent.end].lower()
        if not any(v in rest.split() or v + "," in rest for v in SPEECH_VERBS):
            continue
        sp = speakers[0]
        out.append(
            Quote(
                id=make_id("q", ctx.article.id, m.start(), m.end()),
                text=quote,
                direct=True,
                speaker_name=sp.text,
                date=ctx.article.published,
                evidence=[Evidence(doc=ctx.article.id, sentence=si, start=sent.start, end=sent.end,
                                   text=text[sent.start:sent.end])],
            )
        )
    return out
