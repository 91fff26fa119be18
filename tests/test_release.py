"""A run lets go of what it no longer needs: raw documents once cleaned, articles and analyses once linked."""

from __future__ import annotations

import dataclasses

from sitroom.api import sample_corpus
from sitroom.engines.local import LocalEngine
from sitroom.pipeline import Pipeline, RunState, default_stages, run_pipeline
from sitroom.settings import Settings
from sitroom.stages.base import RELEASABLE, Stage, release_plan, stage


def _sizes(state: RunState) -> dict[str, int]:
    return {name: len(getattr(state, name)) for name in RELEASABLE}


def test_fields_are_emptied_right_after_their_last_stage():
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, processes=2, in_process_below=1))
    state = RunState(inputs=[str(sample_corpus())], settings=settings, engine=LocalEngine(settings, processes=2))
    seen: dict[str, dict[str, int]] = {}
    pool: dict[str, bool] = {}

    def watched(st: Stage) -> Stage:
        def run(view):
            seen[st.name] = _sizes(state)  # the run's own state, as the stage starts
            pool[f"{st.name} starts"] = state.engine._pool is not None
            st.run(view)
            pool[f"{st.name} ends"] = state.engine._pool is not None

        return dataclasses.replace(st, run=run)

    try:
        Pipeline([watched(s) for s in default_stages()], strict=True, release=True).run(state)
    finally:
        state.engine.close()
    assert seen["clean"]["raws"] > 0 and seen["language"]["raws"] == 0  # raws gone once cleaned
    assert seen["resolve"]["articles"] > 0 and seen["stories"]["articles"] == 0
    assert seen["summarize"]["analyses"] > 0
    assert _sizes(state) == dict.fromkeys(RELEASABLE, 0)
    # the worker pool closed once analyze was done: no idle workers holding spaCy through the rest
    assert pool["analyze ends"] and not pool["resolve starts"]
    assert len(state.situation.documents) == seen["resolve"]["articles"] and state.situation.events


def test_without_release_or_with_keep_the_fields_stay():
    read = stage("read", needs=("inputs",), provides=("raws",))(lambda s: s.raws.extend(["a", "b"]))
    clean = stage("clean", needs=("raws",), provides=("articles",))(lambda s: s.articles.extend(s.raws))
    assert release_plan([read, clean]) == [(), ("raws", "articles")]
    assert release_plan([read, clean], keep=("articles",)) == [(), ("raws",)]
    work = stage("dedup", needs=("raws", "engine"), provides=("reuse",))(lambda s: None)
    assert release_plan([read, work, clean]) == [(), ("reuse", "engine"), ("raws", "articles")]

    def fresh() -> RunState:
        return RunState(inputs=[], settings=Settings(), engine=LocalEngine(Settings(), processes=1))

    assert Pipeline([read, clean], strict=True).run(fresh()).articles == ["a", "b"]
    kept = Pipeline([read, clean], strict=True, release=True, keep=("articles",)).run(fresh())
    assert kept.articles == ["a", "b"] and kept.raws == []


def test_run_pipeline_returns_the_situation_and_keeps_only_what_is_asked(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Heavy rain flooded the lower town of Ostrava on Monday, and firefighters evacuated about 200 residents "
        "from houses along the river, the city's mayor said.\n\nThe water began to recede by evening, officials "
        "said, but the regional railway line stayed closed overnight.\n", encoding="utf-8")
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, processes=1))
    state = run_pipeline([str(tmp_path)], settings, strict=True, keep=("analyses",))
    assert len(state.situation.documents) == 1 and list(state.analyses) == ["a"]
    assert not state.raws and not state.articles
