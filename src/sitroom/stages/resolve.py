"""resolve: per-document analyses → one situation.

The flow of cross-document linking, each step in its own module:
documents with their copy links → canonical entities → quote speakers →
places merged across reports → claims, events and control merged, with
independent-source counts (`link.sources`), and the contradictions between
them → each place's latest holder.
"""

from __future__ import annotations

from array import array

from sitroom.contract import Analysis, Document, ReportMeta, Situation, share_fields_sets
from sitroom.link import entities as canonical
from sitroom.link import facts
from sitroom.link import places as geo_resolve
from sitroom.stages.base import Outline, RunState, stage
from sitroom.stages.stories import CanonicalNames


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
    sets: dict = {}
    share_fields_sets(sit.entities, sets)  # their evidence is most of what linking adds: shared before it goes on
    sit.quotes = canonical.link_quotes(analyses, sit.entities, sit.documents, state.settings)
    sit.places = geo_resolve.merge_places(analyses)
    sit.claims, sit.events, sit.control, sit.contradictions = facts.merge_facts(
        analyses, sit.documents, sit.entities, sit.places, state.settings
    )
    geo_resolve.assign_control(sit.places, sit.control)
    share_fields_sets(sit, sets)  # the situation's records too: they are kept to the end of the run
    # stories and summarize read only each document's canonical names and its sentence offsets: the
    # rest of every analysis, merged into the situation by now, is let go here (`Outline`)
    names = CanonicalNames(sit.entities, sit.places)  # as stories would build it: resolve has the final ones
    state.analyses = {an.doc: outline_of(an, names) for an in analyses}


def outline_of(an: Analysis, names: CanonicalNames) -> Outline:
    """What stories and summarize read of a linked analysis: its canonical names, its sentence offsets."""
    return Outline(doc=an.doc, anchors=names.anchors(an),
                   spans=array("q", [x for s in an.sentences for x in (s.start, s.end)]))
