"""The local engine's pool: results in order, workers replaced every `worker_batches` batches, and the
analysis worker streaming Docs from the parser (a failing parse loses no finished analysis)."""

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
    return dataclasses.replace(s, annotate=dataclasses.replace(s.annotate, in_process_below=0, **annotate))


def test_workers_are_replaced_after_their_share_of_batches_and_results_stay_in_order():
    engine = LocalEngine(_settings(worker_batches=1), processes=2)
    try:
        out = list(engine.map(tag, [[i] for i in range(6)]))
    finally:
        engine.close()
    assert [row[0][0] for row in out] == list(range(6))
    pids = [row[0][1] for row in out]
    assert os.getpid() not in pids
    # three rounds of two batches, each round on a fresh pool: no worker serves two rounds
    rounds = [set(pids[i:i + 2]) for i in range(0, 6, 2)]
    assert not (rounds[0] & rounds[1]) and not (rounds[1] & rounds[2])


def test_a_long_lived_pool_keeps_its_workers():
    engine = LocalEngine(_settings(worker_batches=100), processes=2)
    try:
        pids = {pid for row in engine.map(tag, [[i] for i in range(6)]) for _, pid in row}
    finally:
        engine.close()
    assert len(pids) <= 2


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
