"""The pipeline's own mechanics: declarations, ordering, error handling, idempotent storage."""

from __future__ import annotations

import json
import sqlite3

import pytest

import sitroom
from sitroom.contract import Situation
from sitroom.errors import SitroomError
from sitroom.pipeline import Pipeline, RunState, default_stages, stage


def test_every_stage_needs_only_what_earlier_stages_provide():
    Pipeline(default_stages())  # raises S050 otherwise


def test_a_stage_whose_need_is_unmet_is_refused_with_a_coded_error():
    @stage("orphan", needs=("analyses",))  # a field, but no earlier stage provides it
    def orphan(state):
        pass

    with pytest.raises(SitroomError, match=r"\[S050\].*orphan"):
        Pipeline([orphan])


def test_a_stage_declaring_a_name_that_is_no_state_field_is_refused():
    @stage("vague", provides=("summaries",))
    def vague(state):
        pass

    with pytest.raises(SitroomError, match=r"\[S051\] Pipeline stage 'vague' declares 'summaries', which is not a RunState field"):
        Pipeline([vague])


def test_a_failing_stage_is_recorded_and_the_run_goes_on(tmp_path):
    from sitroom.engines.local import LocalEngine
    from sitroom.settings import Settings

    ran = []

    @stage("boom", provides=("raws",))
    def boom(state):
        raise RuntimeError("deliberate")

    @stage("after", needs=("raws",))
    def after(state):
        ran.append("after")

    settings = Settings()
    state = RunState(inputs=[], settings=settings, engine=LocalEngine(settings))
    Pipeline([boom, after]).run(state)
    assert ran == ["after"]
    assert [r.code for r in state.situation.rejected] == ["S010"]
    assert "deliberate" in state.situation.rejected[0].reason
    with pytest.raises(RuntimeError):
        Pipeline([boom, after], strict=True).run(RunState(inputs=[], settings=settings, engine=LocalEngine(settings)))


def test_sample_run_writes_a_schema_valid_situation(sample_run):
    sit, out = sample_run
    data = json.loads((out / "situation.json").read_text())
    assert data["schema"] == "sitroom/1"
    Situation.model_validate(data)
    assert len(data["documents"]) == 9
    assert not data["rejected"]


def test_every_evidence_span_is_the_text_at_its_offsets(sample_run):
    sit, _ = sample_run
    texts = {d.id: d.text for d in sit.documents}
    facts = [*sit.entities, *sit.places, *sit.quotes, *sit.claims, *sit.events, *sit.control]
    assert facts
    for fact in facts:
        assert fact.evidence, f"{type(fact).__name__} {fact.id} has no evidence"
        for ev in fact.evidence:
            assert texts[ev.doc][ev.start : ev.end] == ev.text


def test_running_twice_leaves_the_database_unchanged(tmp_path):
    corpus = str(sitroom.sample_corpus())
    sitroom.run([corpus], tmp_path, strict=True)

    def dump():
        con = sqlite3.connect(tmp_path / "sitroom.db")
        try:
            return list(con.iterdump())
        finally:
            con.close()

    first = dump()
    sitroom.run([corpus], tmp_path, strict=True)
    assert dump() == first
