"""Incremental runs: reuse the stored analysis of every document whose input has not changed.

The expensive part of a run is the per-document NLP pass (`analyze`). Its
result depends only on the article (clean text and metadata), the settings and
sitroom's own code, so it is stored under a key derived from exactly those
(`analysis_key`). A re-run looks the keys up before `analyze` and marks the
hits as stored (`state.stored`), so `analyze` only parses new or changed
documents; the cheap cross-document stages (resolve, stories, summarize) then
run over everything, old and new.

The store is also where a run's analyses live: `analyze` hands each batch to
the store as it finishes it and keeps none, and `resolve` reads them all back
as compact summaries (`recall`): the client never holds every full analysis.

When nothing at all changed (the same inputs, byte for byte, the same
settings and code as the run the store holds), even the cross-document stages
are skipped: the stored situation is loaded instead (`check_inputs`), from the
run's own situation.json when the caller vouches that the output files are
those of that very run (`current`: much faster than rebuilding it from SQL rows).

Keying on a fingerprint of sitroom's source (not just its version number)
means a changed extractor can never be answered from a stale cache.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from sitroom.contract import Analysis, Article, Situation, make_id, share_fields_sets
from sitroom.settings import Settings
from sitroom.stages.base import RunState, Stage


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of every Python file of the sitroom package (and the spaCy version)."""
    import spacy

    root = Path(__file__).resolve().parents[1]  # the whole sitroom package
    h = hashlib.sha1(spacy.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def inputs_digest(state: RunState) -> str:
    """Everything a run's situation depends on, read but not yet processed: every input as read
    (origin and content), what the reader rejected, the settings and sitroom's code."""
    h = hashlib.sha1(f"{state.inputs!r}\x1f{state.settings!r}\x1f{code_fingerprint()}".encode())
    for raw in state.raws:
        h.update(raw.model_dump_json(exclude={"data", "text"}).encode())
        h.update(raw.data if raw.data is not None else (raw.text or "").encode("utf-8", "surrogatepass"))
    for rej in state.rejected:
        h.update(rej.model_dump_json().encode())
    return h.hexdigest()


def analysis_key(article: Article, settings: Settings) -> str:
    """Everything the analysis of one article can depend on: the article as analyze sees it
    (its origin path and the boilerplate set aside excepted), every setting, and sitroom's code."""
    seen = article.model_dump_json(exclude={"origin", "removed"})
    return make_id("an", article.id, hashlib.sha1(seen.encode("utf-8")).hexdigest(), repr(settings), code_fingerprint())


class AnalysisStore(Protocol):
    """What the cache needs of a store (`sitroom.store.Store` has it); stages never import the store."""

    def get_meta(self, key: str) -> str | None: ...
    def record_with_next_replace(self, key: str, value: str) -> None: ...
    def load(self): ...
    def has_analyses(self, keys: list[str]) -> set[str]: ...
    def analysis_data(self, keys: list[str]) -> dict[str, str]: ...
    def put_analyses(self, items: dict) -> None: ...


RECALL_CHUNK = 200  # analyses parsed per read: the JSON text of one chunk is all that is held at once
LEFT_OUT = ("errors", "failed")  # what no cross-document stage reads


def summarize_analysis(data: str, shared: dict[str, str], sets: dict | None = None,
                       fields: Iterable[str] | None = None) -> Analysis:
    """A stored analysis as the cross-document stages read it: every field they use (or only
    `fields`, what one linking step reads), the bookkeeping they do not (`LEFT_OUT`) dropped, and
    each string equal to one already read (a name, a label, a country, a sentence cited by several
    facts) replaced by that one, through `shared`. Parsed one by one, the same name in a thousand
    reports is a thousand strings; here it is one, so what the summaries hold grows with the
    distinct names and sentences, not with their mentions."""
    raw = json.loads(data)
    if fields is not None:  # chosen before `_share` walks them: the rest is never made into objects
        raw = {name: raw[name] for name in ("doc", *fields) if name in raw}
    for name in LEFT_OUT:
        raw.pop(name, None)
    an = Analysis.model_validate(_share(raw, shared))  # pydantic keeps the very `str` objects given
    share_fields_sets(an, {} if sets is None else sets)
    return an


def _share(value, shared: dict[str, str]):
    if isinstance(value, str):
        return shared.setdefault(value, value)
    if isinstance(value, list):
        return [_share(v, shared) for v in value]
    if isinstance(value, dict):
        return {k: _share(v, shared) for k, v in value.items()}
    return value


@dataclass
class AnalysisCache:
    """Stored analyses in front of the analyze stage, and the store as where a run's analyses live:
    those of unchanged articles stay there, new ones go there batch by batch as analyze finishes
    them, and `resolve` reads them all back (`recall`). Counts what it reused and what was computed."""

    store: AnalysisStore
    # digest -> the situation the current output files hold, if they are those of the run with that
    # digest (else None): an unchanged run loads it instead of the stored one (the same records)
    current: Callable[[str], Situation | None] | None = None
    reused: int = 0
    computed: int = 0
    unchanged: bool = False  # the whole run equals the stored one: later stages are skipped
    from_outputs: bool = False  # unchanged, and the output files were found current (see `current`)
    digest: str | None = None  # of this run's inputs, settings and code
    _pending: dict[str, tuple[str, Article]] = field(default_factory=dict)  # doc id -> (key, article)

    def check_inputs(self, state: RunState) -> None:
        """After read: if the store holds the situation of these very inputs, settings and code, load it."""
        digest = self.digest = inputs_digest(state)
        if self.store.get_meta("inputs_digest") == digest:
            sit = self.current(digest) if self.current else None
            self.from_outputs = sit is not None
            state.situation = sit if sit is not None else self.store.load()
            state.rejected = list(state.situation.rejected)  # every stage's rejections, not only read's
            self.reused = len(state.situation.documents)
            self.unchanged = True
        self.store.record_with_next_replace("inputs_digest", digest)

    def fill(self, state: RunState) -> None:
        """Mark the articles whose analysis the store holds (`state.stored`), without reading them;
        from here on, analyses go to the store as analyze finishes them and come back through `recall`."""
        keys = {a.id: analysis_key(a, state.settings) for a in state.articles if a.id not in state.stored}
        found = self.store.has_analyses(list(keys.values()))
        for art in state.articles:
            key = keys.get(art.id)
            if key is None:
                continue
            if key in found:
                state.stored[art.id] = key
                self.reused += 1
            else:
                self._pending[art.id] = (key, art)
        state.checkpoint = self._store
        state.recall = self.recall

    def remember(self, state: RunState) -> None:
        """Store what analyze computed this run and did not checkpoint yet
        (an analysis with extractor errors is retried next time, so it stays in memory)."""
        analyses = state.analyses  # read even when every batch was checkpointed: the stage's declared need
        self._store({d: analyses[d] for d in list(self._pending) if d in analyses})

    def _store(self, analyses: dict[str, Analysis]) -> dict[str, str]:
        """Store `analyses` (doc id -> analysis); {doc id: key} of those stored."""
        new = {}
        for doc_id, an in analyses.items():
            key, art = self._pending.pop(doc_id, (None, None))
            if key is None:
                continue
            self.computed += 1
            if not an.errors:
                new[key] = (doc_id, art.content_hash, an)
        if new:
            self.store.put_analyses(new)
        return {doc_id: key for key, (doc_id, _, _) in new.items()}

    def recall(self, stored: dict[str, str], fields: Iterable[str] | None = None) -> Iterator[Analysis]:
        """The analyses of `stored` (doc id -> key), in doc id order, as compact summaries
        (`summarize_analysis`, with only `fields` when given), read a chunk at a time."""
        shared: dict[str, str] = {}
        sets: dict = {}
        order = sorted(stored)
        for i in range(0, len(order), RECALL_CHUNK):
            chunk = {stored[d]: d for d in order[i:i + RECALL_CHUNK]}
            data = self.store.analysis_data(list(chunk))
            for key, doc_id in chunk.items():
                if key not in data:  # removed from the store meanwhile: the document is analysed anew next run
                    raise LookupError(f"the store lost the analysis of {doc_id} during the run")
                yield summarize_analysis(data.pop(key), shared, sets, fields)

    # ---- the cache's stages, placed by `pipeline.default_stages`

    @property
    def check_stage(self) -> Stage:
        return Stage("unchanged", ("inputs", "settings", "raws", "rejected"), ("situation", "rejected"),
                     self.check_inputs, "Load the stored situation when nothing changed")

    @property
    def fill_stage(self) -> Stage:
        return Stage("reuse", ("articles", "settings"), ("stored", "checkpoint", "recall"),
                     self.fill, "Reuse the stored analyses of unchanged articles")

    @property
    def remember_stage(self) -> Stage:
        return Stage("remember", ("analyses",), (), self.remember, "Store the analyses computed in this run")

    def unless_unchanged(self, st: Stage) -> Stage:
        """`st`, skipped when the whole run equals the stored one."""

        def run(state: RunState) -> None:
            if not self.unchanged:
                st.run(state)

        return dataclasses.replace(st, run=run)
