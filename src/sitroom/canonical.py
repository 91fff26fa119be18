"""Canonical entities across documents: mentions → entities with aliases and roles; quote speakers linked."""

from __future__ import annotations

from collections import defaultdict

from .contract import Analysis, Document, Entity, Evidence, Quote, make_id
from .settings import Settings


def _evidence(an: Analysis, text: str, sentence: int) -> Evidence:
    s = an.sentences[sentence]
    return Evidence(doc=an.doc, sentence=sentence, start=s.start, end=s.end, text=text[s.start:s.end])


def resolve_entities(analyses: list[Analysis], documents: list[Document], settings: Settings) -> list[Entity]:
    """First version: exact-name merge of mentions, constrained by type."""
    texts = {d.id: d.text for d in documents}
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for an in analyses:
        for m in an.mentions:
            groups[(m.label, m.text)].append((an, m))
    entities = []
    for (label, name), items in sorted(groups.items()):
        ev = [_evidence(an, texts[an.doc], m.sentence) for an, m in items[:3]]
        entities.append(Entity(id=make_id("e", label, name), name=name, type=label, aliases=[name],
                               mentions=len(items), evidence=ev))
    return entities


def link_quotes(analyses: list[Analysis], entities: list[Entity]) -> list[Quote]:
    by_alias = {}
    for e in entities:
        if e.type == "PERSON":
            for a in e.aliases:
                by_alias.setdefault(a, e.id)
    quotes = []
    for an in analyses:
        for q in an.quotes:
            if q.speaker_name and not q.speaker:
                q.speaker = by_alias.get(q.speaker_name)
            quotes.append(q)
    return quotes
