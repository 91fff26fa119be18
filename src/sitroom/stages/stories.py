"""stories: cluster reports into stories that evolve over time, incrementally.

A report joins the most similar open story (text and entities, weighted TF-IDF
cosine) if it falls within `max_gap_days` of that story's span; otherwise it starts
a new one. Because a story's span grows with each report, a story that continues
day after day stays one story. Copies (`duplicate_of`) follow their original.

`StoryIndex` holds everything needed to add the next batch (`index.add(batch)`), and
it is plain data: it pickles, so a `watch` loop or a worker can keep it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from sitroom.article.shingles import words_of
from sitroom.contract import Analysis, Document, Entity, Place, Story, make_id
from sitroom.link.sources import copy_groups
from sitroom.settings import Stories
from sitroom.stages.base import Outline, RunState, stage

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


@dataclass
class StoryDoc:
    """What clustering needs from one report."""

    id: str
    date: date | None
    terms: Counter
    entities: Counter
    title: str = ""
    highlights: list[str] = field(default_factory=list)


def content_terms(text: str) -> Counter:
    return Counter(w for w in words_of(text) if len(w) > 2 and w not in STOP_WORDS and not w.isdigit())


def capitalised_names(text: str) -> Counter:
    """Entity proxy without NER: capitalised word runs not at a sentence start (for corpora
    where a spaCy pass is too costly)."""
    return Counter(m.group(1).lower() for m in _NAME.finditer(text) if m.group(1).lower() not in STOP_WORDS)


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class StoryCluster:
    id: str
    docs: list[str] = field(default_factory=list)
    terms: Counter = field(default_factory=Counter)  # sum of the members' sublinear term weights
    entities: Counter = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    _norm_cache: dict = field(default_factory=dict, repr=False)

    def add(self, doc: StoryDoc) -> None:
        self.docs.append(doc.id)
        for t, n in doc.terms.items():
            self.terms[t] += 1 + math.log(n)
        for e, n in doc.entities.items():
            self.entities[e] += 1 + math.log(n)
        if doc.date:
            self.first = min(self.first or doc.date, doc.date)
            self.last = max(self.last or doc.date, doc.date)
        self._norm_cache.clear()

    def gap_days(self, day: date | None) -> int:
        """Days between a date and this story's span (0 inside it or when either is undated)."""
        if day is None or self.first is None or self.last is None:
            return 0
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)


@dataclass
class StoryIndex:
    """The stories so far and the document frequencies their weights use."""

    settings: Stories = field(default_factory=Stories)
    stories: list[StoryCluster] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)  # doc id -> story id
    df: Counter = field(default_factory=Counter)
    n_docs: int = 0
    _postings: dict[str, set[int]] = field(default_factory=dict, repr=False)  # term -> story positions

    # ------------------------------------------------------------------ weights
    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def _vector(self, counts: Counter, sublinear: bool = True) -> dict[str, float]:
        return {t: ((1 + math.log(n)) if sublinear else n) * self.idf(t) for t, n in counts.items() if n > 0}

    def _story_vectors(self, story: StoryCluster) -> tuple[dict, float, dict, float]:
        key = self.n_docs
        if story._norm_cache.get("key") != key:
            tv = {t: w * self.idf(t) for t, w in story.terms.items()}
            ev = {e: w * self.idf("\x00" + e) for e, w in story.entities.items()}
            story._norm_cache.update(key=key, tv=tv, tn=_norm(tv), ev=ev, en=_norm(ev))
        c = story._norm_cache
        return c["tv"], c["tn"], c["ev"], c["en"]

    def doc_vectors(self, doc: StoryDoc) -> tuple[dict, float, dict, float]:
        dv = self._vector(doc.terms)
        ev = {e: (1 + math.log(n)) * self.idf("\x00" + e) for e, n in doc.entities.items()}
        return dv, _norm(dv), ev, _norm(ev)

    def similarity(self, doc: StoryDoc, story: StoryCluster, vectors: tuple | None = None) -> float:
        dv, dn, ev, en = vectors or self.doc_vectors(doc)
        tv, tn, sv, sn = self._story_vectors(story)
        text = _cosine(dv, dn, tv, tn)
        if not ev or not sv:
            return text
        if self.continues(doc, story):
            # A report days after a story began, naming the same actors and places, is the
            # situation developing: what it names counts more than the words it uses, and
            # what matters is how much of it the story already knows (containment), not
            # how much of the whole story it repeats (cosine, which falls as a story grows).
            w = self.settings.continuity_entity_weight
            return (1 - w) * text + w * _containment(ev, sv)
        w = self.settings.entity_weight
        return (1 - w) * text + w * _cosine(ev, en, sv, sn)

    def continues(self, doc: StoryDoc, story: StoryCluster) -> bool:
        """Both dated and the report within `continuity_days` of the story's span. Undated
        reports (ECB+) never count as continuing: two earthquakes of one kind stay apart."""
        return doc.date is not None and story.first is not None \
            and story.gap_days(doc.date) <= self.settings.continuity_days

    # ------------------------------------------------------------------ assignment
    def _candidates(self, doc: StoryDoc) -> list[int]:
        """The stories sharing most of the report's distinctive terms, at most
        `max_candidates`: keeps assignment near-linear instead of comparing every report
        with every story. Terms found in very many stories select nothing."""
        top = sorted(doc.terms, key=lambda t: -doc.terms[t] * self.idf(t))[: self.settings.candidate_terms]
        shared: Counter = Counter()
        for t in top:
            stories = self._postings.get(t, ())
            if len(stories) <= self.settings.max_term_stories:
                shared.update(stories)
        return [pos for pos, _ in shared.most_common(self.settings.max_candidates)]

    def _best_story(self, doc: StoryDoc, exclude: int | None = None) -> int | None:
        """The position of the most similar story the report may join, if any is similar enough."""
        best, best_score = None, self.settings.similarity
        vectors = self.doc_vectors(doc)
        for pos in self._candidates(doc):
            story = self.stories[pos]
            if pos == exclude or not story.docs or story.gap_days(doc.date) > self.settings.max_gap_days:
                continue
            score = self.similarity(doc, story, vectors)
            if score >= best_score:
                best, best_score = pos, score
        return best

    def _join(self, pos: int, doc: StoryDoc) -> None:
        story = self.stories[pos]
        story.add(doc)
        self.assignment[doc.id] = story.id
        for t in doc.terms:
            self._postings.setdefault(t, set()).add(pos)

    def add(self, batch: Sequence[StoryDoc], follow: dict[str, str] | None = None) -> dict[str, str]:
        """Assign a batch of new reports to existing or new stories; returns doc id -> story id.

        `follow` maps a copy to its original: the copy joins the original's story.
        """
        follow = follow or {}
        fresh = [d for d in batch if d.id not in self.assignment]
        for d in fresh:
            self.df.update(d.terms.keys())
            self.df.update("\x00" + e for e in d.entities)
        self.n_docs += len(fresh)
        by_id = {d.id: d for d in fresh}
        original_ids = {d.id for d in fresh if follow.get(d.id) not in by_id and follow.get(d.id) not in self.assignment}
        originals = [d for d in fresh if d.id in original_ids]
        copies = [d for d in fresh if d.id not in original_ids]
        position = {st.id: i for i, st in enumerate(self.stories)}
        # oldest first, so a story grows forward in time; undated reports last
        started = []
        for doc in sorted(originals, key=lambda d: (d.date is None, d.date or date.min)):
            best = self._best_story(doc)
            if best is None:
                self.stories.append(StoryCluster(id=make_id("s", doc.id)))
                best = position[self.stories[-1].id] = len(self.stories) - 1
                started.append((best, doc))
            self._join(best, doc)
        # A report that came before the ones linking it to a story (05 names Macomia, which the
        # story learns from a report a day later) gets a second chance once the batch is placed.
        for pos, doc in started:
            story = self.stories[pos]
            if story.docs != [doc.id]:
                continue
            best = self._best_story(doc, exclude=pos)
            if best is not None:
                self.stories[pos] = StoryCluster(id=story.id)  # emptied: no longer a story
                self._join(best, doc)
        pending = list(copies)
        while pending:  # a copy of a copy waits for its original
            progressed = []
            for doc in pending:
                target = self.assignment.get(_root(follow, doc.id))
                if target is not None:
                    self._join(position[target], doc)
                    progressed.append(doc)
            if not progressed:
                for doc in pending:  # a cycle or a dangling link: cluster it like any report
                    self.stories.append(StoryCluster(id=make_id("s", doc.id)))
                    self._join(len(self.stories) - 1, doc)
                break
            done = {d.id for d in progressed}
            pending = [d for d in pending if d.id not in done]
        return {d.id: self.assignment[d.id] for d in batch if d.id in self.assignment}

    def central_documents(self, story: StoryCluster, docs: dict[str, StoryDoc]) -> list[str]:
        """The story's reports, most central (most similar to the whole story) first."""
        scored = [(self.similarity(docs[d], story), d) for d in story.docs if d in docs]
        return [d for _, d in sorted(scored, key=lambda x: -x[0])]


def _root(follow: dict[str, str], doc: str) -> str:
    seen = set()
    while doc in follow and doc not in seen:
        seen.add(doc)
        doc = follow[doc]
    return doc


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values())) or 1.0


def _containment(a: dict, b: dict) -> float:
    """Share of a's weight on keys b also holds."""
    total = sum(a.values())
    return sum(w for k, w in a.items() if k in b) / total if total else 0.0


def _cosine(a: dict, an: float, b: dict, bn: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / (an * bn)


# --------------------------------------------------------------------------- titles


def _looks_like_headline(title: str, story_terms: set[str]) -> bool:
    words = title.split()
    if not (4 <= len(words) <= 25) or re.search(r"\.(jpe?g|png|gif|html?)\b|_\d{3,}", title, re.I):
        return False
    return bool(set(content_terms(title)) & story_terms)


def story_title(central: list[StoryDoc], story: StoryCluster) -> str:
    """The most central report's headline; else its first highlight."""
    top_terms = {t for t, _ in story.terms.most_common(40)}
    for doc in central:
        if doc.title and _looks_like_headline(doc.title, top_terms):
            return doc.title.strip()
    for doc in central:
        for h in doc.highlights:
            if _looks_like_headline(h, top_terms):
                return h.strip()
    return next((d.title.strip() for d in central if d.title), "")


# --------------------------------------------------------------------------- the stage


class CanonicalNames:
    """Mention and place names -> the canonical entity or place `resolve` linked them to, so
    that "Wamusse" in one report and "Celestino Uamusse" in another count as one name."""

    def __init__(self, entities: Iterable[Entity] = (), places: Iterable[Place] = ()) -> None:
        self.entity: dict[str, str] = {}
        for e in entities:
            for n in [e.name, *e.aliases]:
                self.entity.setdefault(n.lower(), e.name.lower())
        self.place_by_id = {p.id: p for p in places}
        self.place_by_name: dict[str, Place] = {}
        for p in self.place_by_id.values():
            for n in [p.name, *p.aliases]:
                self.place_by_name.setdefault(n.lower(), p)

    def anchors(self, an: Analysis) -> Counter:
        """A report's canonical names: entities, places and the region (admin1) each place is in;
        a country is too broad to be a region."""
        out = self.entity_anchors(an)
        out.update(self.place_anchors(an))
        return out

    def entity_anchors(self, an: Analysis) -> Counter:
        """The canonical names of a report's entity mentions, counted."""
        out: Counter = Counter()
        for m in an.mentions:
            if m.label in ENTITY_LABELS:
                name = (m.refers_to or m.text).lower()
                out[self.entity.get(name, name)] += 1
        return out

    def place_anchors(self, an: Analysis) -> Counter:
        """The canonical names of a report's places and of the region (admin1) each is in."""
        out: Counter = Counter()
        for p in an.places:
            place = self.place_by_id.get(p.id) or self.place_by_name.get(p.name.lower()) or p
            out["place:" + place.name.lower()] += 1
            if place.admin1 and place.feature != "country":
                out["region:" + place.admin1.lower()] += 1
        return out


def story_docs(documents: Iterable[Document], analyses: dict[str, Analysis | Outline], entities: Iterable[Entity] = (),
               places: Iterable[Place] = ()) -> list[StoryDoc]:
    """An `Outline` (what resolve keeps of an analysis) already holds its canonical names."""
    names = CanonicalNames(entities, places)
    out = []
    for d in documents:
        an = analyses.get(d.id)
        if isinstance(an, Outline):
            anchors = an.anchors
        else:
            anchors = names.anchors(an) if an is not None else capitalised_names(d.text)
        out.append(StoryDoc(
            id=d.id, date=parse_day(d.published), terms=content_terms(" ".join([d.title or "", d.text])),
            entities=anchors, title=d.title or "", highlights=list(d.highlights),
        ))
    return out


def build_stories(index: StoryIndex, docs: Sequence[StoryDoc]) -> list[Story]:
    by_id = {d.id: d for d in docs}
    stories = []
    for cluster in index.stories:
        members = [d for d in cluster.docs if d in by_id]
        if not members:
            continue
        central = [by_id[d] for d in index.central_documents(cluster, by_id)]
        days = sorted(by_id[d].date for d in members if by_id[d].date)
        stories.append(Story(
            id=cluster.id, title=story_title(central, cluster), documents=members,
            first_date=days[0].isoformat() if days else None, last_date=days[-1].isoformat() if days else None,
        ))
    return stories


@stage("stories", needs=("situation", "analyses", "settings"), provides=("situation",))
def STAGE(state: RunState) -> None:
    """Cluster the reports into stories (time, entities, places, text); mark syndication groups."""
    sit = state.situation
    groups = copy_groups(sit.documents, state.settings)
    for d in sit.documents:
        d.syndication_group = groups.get(d.id)
    docs = story_docs(sit.documents, state.analyses, sit.entities, sit.places)
    index = StoryIndex(settings=state.settings.stories)
    index.add(docs, follow={d.id: d.duplicate_of for d in sit.documents if d.duplicate_of})
    sit.stories = build_stories(index, docs)
    for d in sit.documents:
        d.story = index.assignment.get(d.id)
