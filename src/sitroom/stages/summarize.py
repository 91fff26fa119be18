"""summarize: per story, an extractive summary whose every sentence cites its evidence.

Sentences are scored by
  centrality   TF-IDF cosine with the story's centroid, built per syndication group so
               twenty reposts of one wire story do not pull the centroid their way;
  support      how many independent sources (syndication groups) carry a similar
               sentence: a copy repeating a sentence adds nothing;
  recency      a developing story's latest reports matter most (half-life in days);
  lead         news puts what matters first in a report.
A sentence stating a denied or contradicted fact weighs `disputed_weight` (undisputed
facts lead), and when it is still picked it carries the dispute (`status`, and who denies or
contradicts it in `dispute`), so no summary states it as plain fact.
Then picked greedily with a redundancy cut (maximal marginal relevance). Only
sentences that read as story prose qualify, so navigation, captions and teasers
that survived cleaning stay out. Highlights are the best short sentences, with the
dateline stripped; the timeline groups the story's events by day. No LLM needed.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from typing import Sequence

from sitroom.contract import (
    Analysis,
    Claim,
    ControlChange,
    Document,
    Event,
    Evidence,
    Story,
    SummarySentence,
    TimelineDay,
)
from sitroom.link.disputes import Dispute, mark_disputes, stronger
from sitroom.link.sources import copy_groups
from sitroom.settings import Summarize
from sitroom.stages.base import Outline, RunState, stage
from sitroom.stages.stories import content_terms, parse_day

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’')]*\s+(?=[“\"‘'(A-Z0-9])")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!][”\"’')]*$")
_NOT_PROSE = re.compile(r"https?://|www\.|©|\||\bclick\b|\bsubscribe\b|\bnewsletter\b|\bcaption\b", re.I)
_DANGLING = re.compile(r"[“\"‘']?(?:he|she|it|they|his|her|its|their|this|that|these|those|but|and|so|however)\b", re.I)
_DATELINE = re.compile(r"^(?:[A-Z][\w .,'’-]{0,60})?\((?:[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3})\)\s*[-—–]+\s*")


@dataclass
class Candidate:
    doc: str
    sentence: int  # index among the document's sentences (the analysis's, when there is one)
    start: int
    end: int
    text: str
    position: int  # rank among the document's prose sentences (lead = 0)
    day: date | None
    group: str
    vector: dict[str, float] | None = None
    score: float = 0.0


def sentence_spans(doc: Document, analysis: Analysis | Outline | None) -> list[tuple[int, int]]:
    """The document's sentences as (start, end) offsets into its clean text, trimmed of
    whitespace; the NLP pass's sentences when there are any (their indices are the ones
    every other fact's evidence uses), else a punctuation splitter's."""
    text = doc.text
    raw: list[tuple[int, int]] = []
    if isinstance(analysis, Outline):
        raw = analysis.sentence_offsets()
    elif analysis is not None:
        raw = [(s.start, s.end) for s in analysis.sentences]
    if not raw:
        pos = 0
        for para in text.split("\n\n"):
            offset = text.find(para, pos)
            cut = offset
            for m in _SENTENCE_END.finditer(para):
                raw.append((cut, offset + m.start()))
                cut = offset + m.end()
            raw.append((cut, offset + len(para)))
            pos = offset + len(para)
    spans = []
    for start, end in raw:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        spans.append((start + lead, end - trail))
    return spans


def _quote_balance(text: str) -> int:
    return text.count("“") - text.count("”") + text.count('"') % 2


def whole_quotes(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int, int]]:
    """(first sentence index, start, end): sentences joined while a quotation is open, so a
    summary never cites half a quote (sentence splitters cut inside multi-sentence quotes)."""
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(spans):
        first, (start, end) = i, spans[i]
        while _quote_balance(text[start:end]) > 0 and i + 1 < len(spans) and "\n\n" not in text[end:spans[i + 1][0]]:
            i += 1
            end = spans[i][1]
        if _quote_balance(text[start:end]) >= 0:
            out.append((first, start, end))
        i += 1
    return out


def is_story_prose(text: str, s: Summarize) -> bool:
    """A sentence a reader would accept in a summary: full length, sentence-shaped,
    mostly lower-case words (navigation and teasers are Title Case), no link furniture."""
    words = text.split()
    if not (s.min_words <= len(words) <= s.max_words) or "\n" in text.strip():
        return False
    if not _ENDS_LIKE_SENTENCE.search(text) or not (text[0].isupper() or text[0] in "“\"‘'("):
        return False
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha or sum(w[0].islower() for w in alpha) < s.min_lowercase_share * len(alpha):
        return False
    return not _NOT_PROSE.search(text)


def candidates(docs: Sequence[Document], analyses: dict[str, Analysis | Outline], groups: dict[str, str],
               s: Summarize) -> list[Candidate]:
    out = []
    for doc in docs:
        day = parse_day(doc.published)
        position = 0
        for i, start, end in whole_quotes(sentence_spans(doc, analyses.get(doc.id)), doc.text):
            text = doc.text[start:end]
            if end <= start or not is_story_prose(text, s):
                continue
            out.append(Candidate(doc.id, i, start, end, text, position, day, groups.get(doc.id, doc.id)))
            position += 1
    return out


def _vectorize(cands: list[Candidate]) -> None:
    terms = [content_terms(c.text) for c in cands]
    df = Counter(t for ts in terms for t in ts)
    n = len(cands)
    for c, ts in zip(cands, terms):
        v = {t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in ts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        c.vector = {t: x / norm for t, x in v.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the same products summed in the same order as a generator would, without its per-term frame
    return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))


def _score(cands: list[Candidate], s: Summarize) -> dict[int, set[str]]:
    """Score every candidate in place; returns, per candidate, the groups that support it."""
    _vectorize(cands)
    # centroid: the mean of each independent group's sentences, summed over groups
    by_group: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_group[c.group].append(c)
    centroid: Counter = Counter()
    for members in by_group.values():
        for c in members:
            for t, x in c.vector.items():
                centroid[t] += x / len(members)
    cnorm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    # support: independent groups with a similar sentence, found through shared rare terms
    postings: dict[str, list[int]] = defaultdict(list)
    top_terms = [sorted(c.vector, key=c.vector.__getitem__, reverse=True)[:3] for c in cands]
    for i, terms in enumerate(top_terms):
        for t in terms:
            postings[t].append(i)
    support: dict[int, set[str]] = {}
    for i, c in enumerate(cands):
        others = {j for t in top_terms[i] if len(postings[t]) <= s.max_support_postings for j in postings[t]}
        found = {c.group}
        for j in others:
            # a group already counted needs no second similarity test: the result is a set of groups
            if j != i and cands[j].group not in found and _cos(c.vector, cands[j].vector) >= s.support_similarity:
                found.add(cands[j].group)
        support[i] = found
    centroid_scores = [_cos(c.vector, centroid) / cnorm for c in cands]
    central = _graph_centrality(cands, centroid_scores, s) if s.centrality == "graph" else centroid_scores
    last = max((c.day for c in cands if c.day), default=None)
    for i, c in enumerate(cands):
        centrality = central[i]
        recency = 1.0
        if last and c.day:
            decay = 0.5 ** ((last - c.day).days / s.recency_half_life_days)
            recency = s.recency_floor + (1 - s.recency_floor) * decay
        lead = 1.0 / (1.0 + c.position / s.lead_sentences)
        # "He said ..." or "But ..." leans on a sentence the reader of a summary has not seen
        standalone = s.dangling_penalty if _DANGLING.match(c.text) else 1.0
        c.score = centrality * (1 + math.log(len(support[i]))) * recency * lead * standalone
    return support


def _graph_centrality(cands: list[Candidate], prior: list[float], s: Summarize) -> list[float]:
    """LexRank-style centrality (PageRank over the sentence-similarity graph), made
    source-aware: links between different copies of one syndicated report are dropped,
    so a repost cannot vote for its own sentences. Scaled to a maximum of 1."""
    keep = sorted(range(len(cands)), key=lambda i: -prior[i])[: s.graph_max_sentences]
    n = len(keep)
    if n == 0:
        return [0.0] * len(cands)
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for x in range(n):
        a = cands[keep[x]]
        for y in range(x + 1, n):
            b = cands[keep[y]]
            if a.group == b.group and a.doc != b.doc:
                continue
            w = _cos(a.vector, b.vector)
            if w >= s.graph_min_similarity:
                edges[x].append((y, w))
                edges[y].append((x, w))
    out_weight = [sum(w for _, w in e) or 1.0 for e in edges]
    rank = [1.0 / n] * n
    damping = s.graph_damping
    for _ in range(50):  # power iteration; converges in a few dozen rounds
        new = [(1 - damping) / n] * n
        for x, e in enumerate(edges):
            share = damping * rank[x] / out_weight[x]
            if not e:
                new = [v + damping * rank[x] / n for v in new]
                continue
            for y, w in e:
                new[y] += share * w
        done = max(abs(u - v) for u, v in zip(new, rank)) < 1e-6
        rank = new
        if done:
            break
    top = max(rank) or 1.0
    out = [0.0] * len(cands)
    for x, i in enumerate(keep):
        out[i] = rank[x] / top
    return out


def _pick(cands: list[Candidate], n: int, s: Summarize, length_penalty: bool = False) -> list[int]:
    """Maximal marginal relevance: best score first, skipping near-repeats of what is picked."""
    chosen: list[int] = []

    def value(i: int) -> float:
        c = cands[i]
        v = c.score
        if length_penalty:
            v /= 1.0 + max(0, len(c.text.split()) - s.highlight_max_words) / 10
        if chosen:
            v -= s.redundancy_penalty * max(_cos(c.vector, cands[j].vector) for j in chosen)
        return v

    pool = sorted(range(len(cands)), key=lambda i: -cands[i].score)[: max(50, 10 * n)]
    while pool and len(chosen) < n:
        best = max(pool, key=value)
        pool.remove(best)
        if chosen and max(_cos(cands[best].vector, cands[j].vector) for j in chosen) >= s.redundancy:
            continue
        chosen.append(best)
    return chosen


def _evidence(cands: list[Candidate], i: int, texts: dict[str, str], s: Summarize) -> list[Evidence]:
    """The sentence itself, then the same statement in other reports (most independent first)."""
    c = cands[i]
    ev = [Evidence(doc=c.doc, sentence=c.sentence, start=c.start, end=c.end, text=texts[c.doc][c.start:c.end])]
    seen_docs = {c.doc}
    for j in sorted(range(len(cands)), key=lambda j: -cands[j].score):
        o = cands[j]
        if len(ev) >= s.max_evidence:
            break
        if o.doc not in seen_docs and _cos(c.vector, o.vector) >= s.same_statement:
            ev.append(Evidence(doc=o.doc, sentence=o.sentence, start=o.start, end=o.end,
                               text=texts[o.doc][o.start:o.end]))
            seen_docs.add(o.doc)
    return ev


def news_style(text: str) -> str:
    """A highlight reads like a headline bullet: no dateline, no closing full stop."""
    text = _DATELINE.sub("", text).strip()
    return re.sub(r"\.$", "", text)


def summarize_story(story: Story, docs: Sequence[Document], analyses: dict[str, Analysis | Outline],
                    events: Sequence[Event], s: Summarize, groups: dict[str, str] | None = None,
                    facts: Sequence[Claim | Event | ControlChange] | None = None,
                    disputes: dict[str, Dispute] | None = None) -> Story:
    """Fill a story's summary, highlights and timeline (returns the same story). `facts` and their
    `disputes` (see `sitroom.link.disputes`) mark and demote sentences that state a disputed fact."""
    in_story = set(story.documents)
    members = [d for d in docs if d.id in in_story]
    # Scoring weighs text reuse: copies of one report are one voice (`copy_groups`).
    groups = groups if groups is not None else copy_groups(members)
    cands = candidates(members, analyses, groups, s)
    texts = {d.id: d.text for d in members}
    disputed = DisputeIndex(facts or [], disputes or {})
    if cands:
        _score(cands, s)
        for c in cands:
            d = disputed.of([(c.doc, c.start, c.end)])
            if d is not None and d.status != "claimed":
                c.score *= s.disputed_weight

        def sentence(i: int, text: str) -> SummarySentence:
            ev = _evidence(cands, i, texts, s)
            d = disputed.of([(e.doc, e.start, e.end) for e in ev])
            return SummarySentence(text=text, evidence=ev, status=d and d.status, dispute=d and d.note)

        story.summary = [sentence(i, cands[i].text) for i in _pick(cands, s.summary_sentences, s)]
        story.highlights = [sentence(i, news_style(cands[i].text))
                            for i in _pick(cands, s.highlights, s, length_penalty=True)]
    story.timeline = timeline(story, events)
    return story


class DisputeIndex:
    """The disputed facts' evidence spans per document: which dispute a stretch of text states."""

    def __init__(self, facts: Sequence[Claim | Event | ControlChange], disputes: dict[str, Dispute]) -> None:
        self.spans: dict[str, list[tuple[int, int, Dispute]]] = defaultdict(list)
        for f in facts:
            if f.id in disputes:
                for e in f.evidence:
                    self.spans[e.doc].append((e.start, e.end, disputes[f.id]))

    def of(self, spans: list[tuple[str, int, int]]) -> Dispute | None:
        """The strongest dispute of a fact stated within any of these (doc, start, end) spans."""
        found = [d for doc, start, end in spans for a, b, d in self.spans.get(doc, ()) if a < end and start < b]
        best = None
        for d in found:
            if best is None or stronger(best.status, d.status) != best.status:
                best = d
        return best


def timeline(story: Story, events: Sequence[Event]) -> list[TimelineDay]:
    """The story's events by day (day-precise dates only; background events left out, and those that
    name no actor, place or figure: a line that says only "Change to group/activity" tells a reader
    nothing; such events stay in the event list, with their evidence)."""
    members = set(story.documents)
    days: dict[str, list[str]] = defaultdict(list)
    for e in events:
        docs = set(e.documents) | {ev.doc for ev in e.evidence}
        if e.background or not e.date or len(e.date) < 10 or not docs & members:
            continue
        if not (e.actors or e.actor_names or e.place or e.place_name or e.fatalities or e.injured or e.figures):
            continue
        days[e.date[:10]].append(e.id)
    return [TimelineDay(date=d, events=ids) for d, ids in sorted(days.items())]


@stage("summarize", needs=("situation", "analyses", "settings"), provides=("situation",))
def STAGE(state: RunState) -> None:
    """Put each dispute on its facts, then fill each story's summary, highlights and timeline."""
    sit = state.situation
    disputes = mark_disputes(sit.claims, sit.events, sit.control, sit.contradictions)
    facts = [*sit.claims, *sit.events, *sit.control]
    groups = {d.id: d.syndication_group or d.id for d in sit.documents}
    for story in sit.stories:
        summarize_story(story, sit.documents, state.analyses, sit.events, state.settings.summarize, groups,
                        facts, disputes)
