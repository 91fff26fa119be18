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


# What each linking step reads of an analysis. The stored analyses are read back once per step with
# these fields alone, so linking holds one step's share of every analysis at a time, not all of it.
ENTITY_FIELDS = ("times", "mentions", "roles", "aliases", "sentences")  # + each document's outline
QUOTE_FIELDS = ("quotes",)
PLACE_AND_FACT_FIELDS = ("places", "claims", "events", "control")  # one pass: places remap the facts


@stage(
    "resolve", needs=("articles", "analyses", "stored", "recall", "duplicate_of", "reuse", "reuse_more", "settings"),
    provides=("situation", "analyses"),
)
def STAGE(state: RunState) -> None:
    """Link every document's facts into one situation."""
    sit: Situation = state.situation
    sit.documents = build_documents(state)
    sets: dict = {}

    def analyses(fields: tuple[str, ...]) -> list[Analysis]:
        """Every document's analysis in doc id order, with at least `fields`: the stored ones read back
        with those alone (compact summaries), the ones held in memory whole."""
        held = {a.doc: a for a in state.recall(state.stored, fields)}
        held.update(state.analyses)
        return [held[d] for d in sorted(held)]

    step = analyses(ENTITY_FIELDS)
    for an in step:
        for t in an.times:
            t.doc = an.doc
        sit.times.extend(an.times)
    sit.entities = canonical.resolve_entities(step, sit.documents, state.settings)
    share_fields_sets(sit.entities, sets)  # their evidence is most of what linking adds: shared before it goes on
    # stories and summarize read only each document's canonical names and its sentence offsets
    # (`Outline`): its entity names are final now, its place names once places are merged
    names = CanonicalNames(sit.entities)
    outlines = {an.doc: outline_of(an, names) for an in step}
    del step

    sit.quotes = canonical.link_quotes(analyses(QUOTE_FIELDS), sit.entities, sit.documents, state.settings)

    step = analyses(PLACE_AND_FACT_FIELDS)
    sit.places = geo_resolve.merge_places(step)
    sit.claims, sit.events, sit.control, sit.contradictions = facts.merge_facts(
        step, sit.documents, sit.entities, sit.places, state.settings
    )
    geo_resolve.assign_control(sit.places, sit.control)
    share_fields_sets(sit, sets)  # the situation's records too: they are kept to the end of the run
    names = CanonicalNames(places=sit.places)
    for an in step:
        outlines[an.doc].anchors.update(names.place_anchors(an))
    state.analyses = outlines


def outline_of(an: Analysis, names: CanonicalNames) -> Outline:
    """What stories and summarize read of a linked analysis: its canonical entity names (its places are
    added once merged), its sentence offsets."""
    return Outline(doc=an.doc, anchors=names.entity_anchors(an),
                   spans=array("q", [x for s in an.sentences for x in (s.start, s.end)]))
