"""Entity mentions: spaCy NER spans with their sentence, as plain `Mention`s."""

from __future__ import annotations

from ..contract import Mention
from . import Context

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def extract(ctx: Context) -> list[Mention]:
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in KEEP:
            continue
        text = ent.text.strip()
        if len(text) < 2:
            continue
        out.append(
            Mention(text=text, label=ent.label_, start=ent.start_char, end=ent.start_char + len(text),
                    sentence=ctx.sentence_index(ent.start_char))
        )
    return out
