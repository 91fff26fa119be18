"""ROUGE of sitroom's extractive summaries against a LexRank baseline (sumy), on the seeds.

    python benchmarks/summaries.py [SEEDS_DIR]

References are the seeds' own "Story highlights", as the cleaner extracts them (read
in place, never copied). Sets: every report that has highlights, summarised alone, and
every story (sitroom's clustering) summarised as a whole against the union of its
reports' highlights. The highlight lines are not in the clean text, so no system can
copy them. Systems, each with as many sentences as the reference has highlights:
  sitroom-highlights  sitroom's highlights (news style, dateline and full stop dropped)
  sitroom-summary     sitroom's summary sentences, best first
  sitroom-centroid-*  the same with centroid instead of graph centrality
  lexrank-all         sumy's LexRank over every sentence of the clean text
  lexrank-prose       sumy's LexRank over the same prose sentences sitroom chooses from
  lead                the first prose sentences of the latest report
sumy's default tokenizer needs NLTK's punkt data (not installable offline), so
sentences come from sitroom's own splitter and words from a regex.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from sitroom.contract import Document, Story
from sitroom.engines import make_engine
from sitroom.pipeline import RunState, default_stages
from sitroom.settings import Settings
from sitroom.stages.stories import STAGE as STORIES
from sitroom.stages.summarize import candidates, sentence_spans, summarize_story

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


class WordTokenizer:
    """The two methods sumy asks of a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return [text]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[^\W_]+", sentence)


def lexrank(sentences: list[str], n: int) -> list[str]:
    tok = WordTokenizer()
    model = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in sentences])])
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(model, n)]


def prepare(seeds: Path) -> tuple[list[Document], Settings]:
    """Read, clean, date and dedup the seeds with sitroom's own stages (no NLP pass needed)."""
    settings = Settings()
    state = RunState(inputs=[str(seeds)], settings=settings, engine=make_engine("local", settings=settings))
    for st in default_stages():
        if st.name in ("read", "clean", "language", "date", "dedup"):
            st.run(state)
    state.situation.documents = [
        Document(id=a.id, origin=a.origin, title=a.title, published=a.published, highlights=a.highlights,
                 text=a.text, duplicate_of=state.duplicate_of.get(a.id), reuse=state.reuse.get(a.id, []))
        for a in state.articles
    ]
    STORIES.run(state)
    return state.situation.documents, settings


def systems(story: Story, docs: list[Document], settings: Settings, n: int) -> dict[str, list[str]]:
    s = dataclasses.replace(settings.summarize, summary_sentences=n, highlights=n)
    members = [d for d in docs if d.id in story.documents]
    out = summarize_story(story.model_copy(), members, {}, [], s)
    groups = {d.id: d.syndication_group or d.id for d in members}
    prose = [c.text for c in candidates(members, {}, groups, s)]
    every = [d.text[a:b] for d in members for a, b in sentence_spans(d, None) if b > a]
    latest = max(members, key=lambda d: (d.published or "", d.id))
    lead = [c.text for c in candidates([latest], {}, groups, s)][:n]
    by_centroid = summarize_story(story.model_copy(), members, {}, [], dataclasses.replace(s, centrality="centroid"))
    return {
        "sitroom-centroid-highlights": [h.text for h in by_centroid.highlights],
        "sitroom-centroid-summary": [x.text for x in by_centroid.summary],
        "sitroom-highlights": [h.text for h in out.highlights],
        "sitroom-summary": [x.text for x in out.summary],
        "lexrank-all": lexrank(every, n),
        "lexrank-prose": lexrank(prose, n),
        "lead": lead,
    }


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS
    docs, settings = prepare(seeds)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    sets = []
    for d in docs:
        if d.highlights:
            sets.append((f"doc {d.id[:3]}", Story(id=d.id, documents=[d.id]), d.highlights))
    by_id = {d.id: d for d in docs}
    stories = {}
    for d in docs:
        stories.setdefault(d.story, []).append(d.id)
    for sid, members in stories.items():
        refs = [h for m in members for h in by_id[m].highlights]
        if refs and len(members) > 1:  # a one-report story is already scored as that report
            sets.append((f"story {'+'.join(m[:3] for m in members)}", Story(id=sid, documents=members), refs))
    totals: dict[str, dict[str, list[float]]] = {}
    rows = []
    for name, story, refs in sets:
        outputs = systems(story, docs, settings, len(refs))
        row = {"set": name, "reference_lines": len(refs)}
        for system, sents in outputs.items():
            score = scorer.score("\n".join(refs), "\n".join(sents))
            row[system] = {k: round(v.fmeasure, 3) for k, v in score.items()}
            for k, v in score.items():
                totals.setdefault(system, {}).setdefault(k, []).append(v.fmeasure)
        rows.append(row)
    mean = {sy: {k: round(sum(v) / len(v), 3) for k, v in m.items()} for sy, m in totals.items()}
    print(json.dumps({"sets": rows, "mean_f1": mean}, indent=2))


if __name__ == "__main__":
    main()
