"""The local engine's pool: forked once at the start of a run, results in order; the analysis worker
renewing its pipeline every `worker_batches` batches and streaming Docs from the parser (a failing
parse loses no finished analysis)."""

import dataclasses
import os

from sitroom.contract import Article
from sitroom.engines.local import LocalEngine
from sitroom.settings import Settings
from sitroom.stages import analyze


def tag(batch):
    return [(item, os.getpid()) for item in batch]


def _settings(**annotate) -> Settings:
    s = Settings()
    return dataclasses.replace(s, annotate=dataclasses.replace(s.annotate, **{"in_process_below": 0, **annotate}))


def test_prepared_workers_serve_the_whole_run_in_order():
    """Workers forked by `prepare` (at the start of a run) run every batch: none is forked later."""
    engine = LocalEngine(_settings(worker_batches=1), processes=2)
    try:
        engine.prepare(10)
        early = _worker_pids(engine)  # forked now, before any batch
        out = list(engine.map(tag, [[i] for i in range(6)]))
    finally:
        engine.close()
    assert [row[0][0] for row in out] == list(range(6))
    pids = {row[0][1] for row in out}
    assert os.getpid() not in pids and pids <= early and len(early) == 2


def _worker_pids(engine: LocalEngine) -> set[int]:
    return set(engine._pool._processes)


def test_a_small_input_starts_no_worker():
    engine = LocalEngine(_settings(in_process_below=12), processes=2)
    try:
        engine.prepare(3)
        assert engine._pool is None
        assert {pid for row in engine.map(tag, [[1], [2]]) for _, pid in row} == {os.getpid()}
    finally:
        engine.close()


TEXTS = ["The mayor of Springfield said on Monday that the bridge over the river would reopen in May.",
         "Heavy rain flooded three villages near the coast, and officials evacuated 200 families.",
         "Police arrested two men after a fire destroyed a warehouse in the industrial district.",
         "The health ministry reported 12 new cases of cholera in the northern province."]


def _articles():
    return [Article(id=f"d{i}", origin=f"d{i}.txt", paragraphs=[t]) for i, t in enumerate(TEXTS)]


def test_streamed_parse_gives_the_analyses_of_one_big_parse():
    one_go = analyze.analyze_batch(_articles(), _settings(parse_batch=64))
    streamed = analyze.analyze_batch(_articles(), _settings(parse_batch=1))
    assert [a.model_dump() for a in streamed] == [a.model_dump() for a in one_go]
    assert [a.doc for a in streamed] == ["d0", "d1", "d2", "d3"] and all(a.sentences for a in streamed)


def test_a_worker_renews_its_pipeline_after_its_share_of_batches_with_the_same_analyses():
    settings = _settings(worker_batches=1)
    before = analyze.load_nlp()
    first = analyze.analyze_batch(_articles(), settings)
    renewed = analyze.load_nlp()
    assert renewed is not before  # the batch's end dropped the pipeline: this one is loaded afresh
    again = analyze.analyze_batch(_articles(), settings)
    assert [a.model_dump() for a in again] == [a.model_dump() for a in first]


def test_a_parse_failing_midway_keeps_the_analyses_already_made(monkeypatch):
    real = analyze.load_nlp()
    parsed: list[str] = []

    class Flaky:  # the real pipeline, whose stream breaks after two documents
        def pipe(self, texts, batch_size):
            for i, doc in enumerate(real.pipe(texts, batch_size=batch_size)):
                if i == 2:
                    raise RuntimeError("parser crashed")
                yield doc

        def __call__(self, text):
            parsed.append(text)
            return real(text)

    monkeypatch.setattr(analyze, "load_nlp", lambda name=None: Flaky())
    out = analyze.analyze_batch(_articles(), _settings(parse_batch=1))
    assert [a.doc for a in out] == ["d0", "d1", "d2", "d3"] and not any(a.failed for a in out)
    assert parsed == TEXTS[2:]  # only the documents not yet analysed are parsed again, alone
