"""Declared needs are true: a stage sees only the RunState fields it declares (S051), and every
default stage, with and without the incremental cache, runs under that check on a real input
and reads every field it declares in `needs`."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

import sitroom
from sitroom.engines.local import LocalEngine
from sitroom.errors import SitroomError
from sitroom.pipeline import Pipeline, RunState, StateView, default_stages, stage
from sitroom.settings import Settings
from sitroom.stages.base import FIELDS
from sitroom.stages.cache import AnalysisCache
from sitroom.store import open_store


def _state(inputs=()) -> RunState:
    settings = Settings()
    return RunState(inputs=list(inputs), settings=settings, engine=LocalEngine(settings, processes=1))


# --------------------------------------------------------------------------- the check itself


def test_an_undeclared_read_fails_with_its_code():
    @stage("peek", needs=("inputs",))
    def peek(state):
        return state.raws

    with pytest.raises(SitroomError, match=r"\[S051\] Pipeline stage 'peek' read 'raws', which it does not declare in needs"):
        Pipeline([peek], strict=True).run(_state())


def test_an_undeclared_write_fails_with_its_code():
    @stage("scribble", needs=("raws",), provides=("rejected",))
    def scribble(state):
        state.raws = []  # raws is only read: assigning it is not declared

    with pytest.raises(SitroomError, match=r"\[S051\] Pipeline stage 'scribble' wrote 'raws'") as err:
        Pipeline([stage("read", provides=("raws",))(lambda s: None), scribble], strict=True).run(_state())
    assert err.value.code == "S051"


def test_a_helper_given_the_state_is_held_to_the_stage_declaration():
    def helper(state):
        return len(state.articles)

    @stage("outer", needs=("raws",))
    def outer(state):
        return helper(state)

    with pytest.raises(SitroomError, match=r"\[S051\].*'outer' read 'articles'"):
        Pipeline([stage("read", provides=("raws",))(lambda s: None), outer], strict=True).run(_state())


def test_declared_fields_are_read_written_and_updated_in_place():
    @stage("first", needs=("inputs",), provides=("raws", "rejected"))
    def first(state):
        assert state.inputs == ["x"]
        state.raws = ["assigned"]
        state.rejected.append("appended")  # providing a field includes reading it to update it

    @stage("second", needs=("raws",))
    def second(state):
        assert state.raws == ["assigned"]

    state = Pipeline([first, second], strict=True).run(_state(["x"]))
    assert state.raws == ["assigned"] and state.situation.rejected == ["appended"]


def test_outside_strict_mode_a_violation_is_recorded_like_any_failing_stage():
    @stage("peek", needs=("inputs",))
    def peek(state):
        return state.analyses

    state = Pipeline([peek]).run(_state())
    assert [r.code for r in state.situation.rejected] == ["S010"]
    assert "[S051]" in state.situation.rejected[0].reason


def test_a_typo_is_not_mistaken_for_a_missing_attribute():
    @stage("typo", needs=("articles",))
    def typo(state):
        return state.artciles

    with pytest.raises(SitroomError, match=r"read 'artciles', which is not a RunState field"):
        Pipeline([stage("clean", provides=("articles",))(lambda s: None), typo], strict=True).run(_state())


# --------------------------------------------------------------------------- every default stage, on real input


class _Recorder:
    """Passes every access on to the stage's view (which enforces the declaration) and notes its name."""

    __slots__ = ("_inner", "_seen")

    def __init__(self, inner, seen: set[str]) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name):
        self._seen.add(name)
        return getattr(self._inner, name)

    def __setattr__(self, name, value):
        self._seen.add(name)
        setattr(self._inner, name, value)


def _spied(stages):
    """The stages, each asserting that it runs on a StateView and recording what it touches."""
    seen: dict[str, set[str]] = {}

    def spy(st):
        def run(state):
            assert isinstance(state, StateView)
            st.run(_Recorder(state, seen.setdefault(st.name, set())))

        return dataclasses.replace(st, run=run)

    return [spy(st) for st in stages], seen


def _run(stages, inputs) -> tuple[RunState, dict[str, set[str]]]:
    spied, seen = _spied(stages)
    state = _state(inputs)
    try:
        Pipeline(spied, strict=True).run(state)
    finally:
        state.engine.close()
    return state, seen


def _assert_needs_are_read(stages, seen, skipped=()):
    for st in stages:
        assert set(st.needs) | set(st.provides) <= FIELDS
        if st.name in skipped:
            continue
        assert set(st.needs) <= seen[st.name], f"{st.name} declares needs it never reads: {set(st.needs) - seen[st.name]}"
        assert seen[st.name] <= set(st.needs) | set(st.provides)


def test_every_default_stage_runs_under_the_check_without_the_cache():
    stages = default_stages()
    state, seen = _run(stages, [str(sitroom.sample_corpus())])
    assert not state.rejected
    assert state.situation.stories and any(s.summary for s in state.situation.stories)
    assert set(seen) == {st.name for st in stages}
    _assert_needs_are_read(stages, seen)


def test_every_default_stage_runs_under_the_check_with_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(sitroom.sample_corpus(), corpus)
    store = open_store(tmp_path / "sitroom.db")
    try:
        # 1. a first run: every article is analysed, then stored
        cache = AnalysisCache(store)
        stages = default_stages(cache)
        state, seen = _run(stages, [str(corpus)])
        assert not state.rejected and cache.computed > 0 and cache.reused == 0
        assert set(seen) == {st.name for st in stages}
        _assert_needs_are_read(stages, seen)
        store.save(state.situation, replace=True)
        documents = len(state.situation.documents)

        # 2. one report changed: the others' analyses are reused, that one analysed again
        changed = corpus / "01_palma_attack.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("burning the harbour", "burning down the harbour"),
                           encoding="utf-8")
        cache = AnalysisCache(store)
        state, seen = _run(default_stages(cache), [str(corpus)])
        assert not state.rejected and cache.computed == 1 and cache.reused > 0
        store.save(state.situation, replace=True)

        # 3. nothing changed: the stored situation is loaded and every later stage is skipped
        cache = AnalysisCache(store)
        stages = default_stages(cache)
        state, seen = _run(stages, [str(corpus)])
        assert cache.unchanged and len(state.situation.documents) == documents
        _assert_needs_are_read(stages[:2], seen)  # read and the check; the rest did not run
    finally:
        store.close()
