"""resolve: per-document analyses → one situation.

The flow of cross-document linking, each step in its own module:
documents with their copy links → canonical entities → quote speakers →
places merged across reports → claims, events and control merged, with
independent-source counts (`link.sources`), and the contradictions between
them → each place's latest holder.
"""

from __future__ import annotations

from sitroom.contract import Analysis, Document, Place, ReportMeta, Situation
from sitroom.link import entities as canonical
from sitroom.link import facts
from sitroom.link import places as geo_resolve
from sitroom.stages.base import RunState, stage
from sitroom.stages.stories import ENTITY_LABELS, PLACE_ANCHOR


def build_documents(state: RunState) -> list[Document]:
    meta = set(ReportMeta.model_fields)
    return [
        Document(
            **art.model_dump(include=meta), text=art.text,
            duplicate_of=state.duplicate_of.get(art.id), reuse=state.reuse.get(art.id, []),
            reuse_more=state.reuse_more.get(art.id, 0),
        )
        for art in state.articles
    ]


@stage(
    "resolve", needs=("articles", "analyses", "stored", "recall", "duplicate_of", "reuse", "reuse_more", "settings"),
    provides=("situation", "analyses"),
)
def STAGE(state: RunState) -> None:
    """Link every document's facts into one situation."""
    sit: Situation = state.situation
    sit.documents = build_documents(state)
    held = {a.doc: a for a in state.recall(state.stored)}  # the stored analyses, as compact summaries
    held.update(state.analyses)
    analyses = [held[d] for d in sorted(held)]
    del held
    for an in analyses:
        for t in an.times:
            t.doc = an.doc
        sit.times.extend(an.times)
    sit.entities = canonical.resolve_entities(analyses, sit.documents, state.settings)
    sit.quotes = canonical.link_quotes(analyses, sit.entities, sit.documents, state.settings)
    sit.places = geo_resolve.merge_places(analyses)
    sit.claims, sit.events, sit.control, sit.contradictions = facts.merge_facts(
        analyses, sit.documents, sit.entities, sit.places, state.settings
    )
    geo_resolve.assign_control(sit.places, sit.control)
    # stories and summarize read only each document's sentences, mentions of names and which places
    # it names (`stories.CanonicalNames.anchors`): the rest of every analysis, merged into the
    # situation by now, is let go here
    state.analyses = {an.doc: Analysis.model_construct(
        doc=an.doc, sentences=an.sentences, mentions=[m for m in an.mentions if m.label in ENTITY_LABELS],
        places=[Place.model_construct(**{f: getattr(p, f) for f in PLACE_ANCHOR}) for p in an.places],
    ) for an in analyses}
