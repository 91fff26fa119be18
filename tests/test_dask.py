"""Engines: the Dask engine on a real LocalCluster gives the same situation as the local engine."""

from __future__ import annotations

import dataclasses
import json
import sys

import pytest

from sitroom.engines import batched, make_engine
from sitroom.engines.local import LocalEngine
from sitroom.settings import Settings

pytest.importorskip("distributed")


def _facts(sit) -> dict[str, list[str]]:
    """Every table as a sorted list of canonical JSON records: order aside."""
    data = json.loads(sit.to_json())
    return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in data.items() if isinstance(v, list)}


def _nlp_loaded() -> int:
    mod = sys.modules.get("sitroom.stages.analyze")
    return mod.load_nlp.cache_info().currsize if mod else 0


def _fingerprint() -> str:
    from sitroom.stages.cache import code_fingerprint

    code_fingerprint.cache_clear()
    return code_fingerprint()


@pytest.mark.slow
def test_dask_situation_equals_local(seeds_dir):
    from sitroom.engines.dask_cluster import DaskEngine
    from sitroom.pipeline import run_pipeline

    # small batches so that the five seeds are partitioned over both workers
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, batch_size=2))
    before = _fingerprint()
    local = run_pipeline([str(seeds_dir)], settings, engine="local", strict=True).situation
    engine = DaskEngine(settings)
    try:
        state = run_pipeline([str(seeds_dir)], settings, engine=engine, strict=True)
        workers = engine.client.run(_nlp_loaded)
        worker_code = set(engine.client.run(_fingerprint).values())
    finally:
        engine.close()
    if worker_code | {_fingerprint()} != {before}:  # workers import the code on disk when they start
        pytest.skip("sitroom's source changed while the test ran; the two runs used different code")
    assert len(workers) == 2 and all(workers.values()), workers  # both workers parsed documents
    assert engine._cluster is None and engine._client is None
    assert _facts(state.situation) == _facts(local)
    assert len(state.situation.documents) == len(local.documents) > 0


@pytest.fixture(scope="module")
def users_cluster():
    """A cluster sitroom did not start, as a user's would be: two worker processes, one thread each."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.mark.slow
def test_a_run_on_a_scheduler_address_with_a_store_equals_the_local_run(seeds_dir, seeds_run, users_cluster,
                                                                       store_url, tmp_path):
    """`sitroom run --engine dask --scheduler ADDR --db URL`, as on several machines (PostgreSQL when the
    test server is there): the same situation as the local engine's, stored, and the user's cluster left up."""
    from distributed import Client

    import sitroom
    from sitroom.store import open_store

    local, _ = seeds_run
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, batch_size=2))  # both workers get work
    before = _fingerprint()
    sit = sitroom.run([str(seeds_dir)], tmp_path / "out", settings=settings, engine="dask",
                      scheduler=users_cluster.scheduler_address, db=store_url, strict=True)
    with Client(users_cluster.scheduler_address) as client:  # still up: sitroom closes only what it started
        parsed = client.run(_nlp_loaded)
        worker_code = set(client.run(_fingerprint).values())
    if worker_code | {_fingerprint()} != {before}:
        pytest.skip("sitroom's source changed while the test ran; the two runs used different code")
    assert len(parsed) == 2 and all(parsed.values()), parsed  # both workers parsed documents
    assert _facts(sit) == _facts(local)
    store = open_store(store_url)
    try:  # every record stored, documents as they are
        counts = store.counts()
        tables = ("documents", "entities", "places", "quotes", "claims", "events", "control", "stories")
        assert {t: counts[t] for t in tables} == {t: len(getattr(local, t)) for t in tables}
        assert counts["analyses"] == len(local.documents)
        ids = [d.id for d in local.documents]
        assert [store.get_documents(ids)[i].model_dump() for i in ids] == [d.model_dump() for d in local.documents]
    finally:
        store.close()


def test_make_engine_starts_nothing_until_used():
    eng = make_engine("dask", settings=Settings(), scheduler=None)
    assert eng.name == "dask" and eng._client is None
    eng.close()


def _square_all(batch: list[int], offset: int) -> list[int]:
    return [x * x + offset for x in batch]


def test_local_engine_pool_keeps_order():
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, in_process_below=1))
    eng = LocalEngine(settings, processes=2)
    try:
        batches = batched(range(40), 3, parts=2)
        out = [x for r in eng.map(_square_all, batches, 1) for x in r]
    finally:
        eng.close()
    assert out == [x * x + 1 for x in range(40)]


@pytest.mark.parametrize("n,size,parts", [(200, 64, 1), (200, 64, 2), (5, 64, 2), (130, 64, 2), (7, 2, 3), (1, 64, 2)])
def test_batched_is_even_and_a_multiple_of_parts(n, size, parts):
    out = batched(range(n), size, parts)
    assert [x for b in out for x in b] == list(range(n))
    lengths = [len(b) for b in out]
    assert max(lengths) <= size and max(lengths) - min(lengths) <= 1
    if n >= parts:
        assert len(out) % parts == 0
