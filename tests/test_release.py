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


# Two short reports written for these tests (fictional events).
REPORTS = {
    "harbour.txt": "Storm surge flooded the harbour district of Varna on Tuesday, and rescuers moved about 300 "
                   "people to a school, the regional governor said.\n\nThe port stayed closed overnight, "
                   "port officials in Varna said.\n",
    "bridge.txt": "A road bridge near Ruse collapsed on Wednesday after days of rain, injuring four drivers, "
                  "police in Ruse said.\n\nThe governor of Ruse province said repairs would take weeks.\n",
}


def test_with_a_store_the_client_holds_no_analysis_between_analyze_and_resolve(tmp_path):
    """Analyses go to the store batch by batch and leave memory; resolve reads them back from it."""
    from sitroom.stages.cache import AnalysisCache
    from sitroom.store import open_store

    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, processes=1, batch_size=1))
    store = open_store(tmp_path / "sitroom.db")
    held_per_batch: list[int] = []
    state = RunState(inputs=[str(tmp_path)], settings=settings, engine=LocalEngine(settings, processes=1))
    progress = state.progress
    state.progress = lambda st, done, total: (held_per_batch.append(len(state.analyses)), progress(st, done, total))
    seen: dict[str, tuple[int, int]] = {}

    def watched(st: Stage) -> Stage:
        def run(view):
            seen[st.name] = (len(state.analyses), len(state.stored))
            st.run(view)

        return dataclasses.replace(st, run=run)

    cache = AnalysisCache(store)
    try:
        Pipeline([watched(s) for s in default_stages(cache)], strict=True, release=True).run(state)
    finally:
        state.engine.close()
        store.close()
    assert held_per_batch == [0, 0]  # after each batch of one, nothing left in memory
    assert seen["resolve"] == (0, 2)  # both only in the store
    assert seen["stories"][0] == 2  # resolve's compact summaries, for stories and summarize
    assert cache.computed == 2 and {d.id for d in state.situation.documents} == {"harbour", "bridge"}
    assert any(p.name == "Ruse" for p in state.situation.places)


def test_summaries_share_equal_strings_and_leave_out_bookkeeping():
    from sitroom.contract import Analysis, Mention
    from sitroom.stages.cache import summarize_analysis

    def stored(doc: str) -> str:
        name = "".join(["Ru", "se"])  # a fresh string object each time, as a JSON parser gives
        return Analysis(doc=doc, mentions=[Mention(text=name, label="GPE", start=0, end=4, sentence=0)],
                        errors=["an extractor failed"]).model_dump_json()

    shared: dict[str, str] = {}
    a, b = summarize_analysis(stored("one"), shared), summarize_analysis(stored("two"), shared)
    assert a.mentions[0].text == "Ruse" and a.mentions[0].text is b.mentions[0].text
    assert a.mentions[0].label is b.mentions[0].label
    assert a.errors == [] and b.doc == "two"


def test_summaries_share_one_record_of_the_fields_given():
    """pydantic's per-record set of given fields (728 bytes for five names) is shared by records
    alike; every output reads the same."""
    from sitroom.contract import Analysis, Mention, SentenceSpan
    from sitroom.stages.cache import summarize_analysis

    def stored(doc: str, name: str) -> str:
        return Analysis(doc=doc, sentences=[SentenceSpan(start=0, end=30)],
                        mentions=[Mention(text=name, label="PERSON", start=0, end=len(name), sentence=0),
                                  Mention(text="Varna", label="GPE", start=20, end=25, sentence=0, role="port")],
                        ).model_dump_json()

    sets: dict = {}
    a, b = (summarize_analysis(stored(doc, name), {}, sets) for doc, name in (("one", "Ana Petrova"), ("two", "Ivo Ganev")))
    assert a.mentions[0].__pydantic_fields_set__ is b.mentions[0].__pydantic_fields_set__
    assert a.sentences[0].__pydantic_fields_set__ is b.sentences[0].__pydantic_fields_set__
    assert a.mentions[0].__pydantic_fields_set__ is not a.sentences[0].__pydantic_fields_set__  # per class
    assert b.model_dump_json() == Analysis.model_validate_json(stored("two", "Ivo Ganev")).model_dump_json()
    b.mentions[0].refers_to = "Ivo Ganev"  # an assignment still works, on that record alone
    assert a.mentions[0].refers_to is None and b.mentions[0].refers_to == "Ivo Ganev"


def test_what_resolve_keeps_of_an_analysis_reads_as_the_analysis_did():
    """stories and summarize get the same names and sentences from the outline as from the analysis."""
    from sitroom.contract import Analysis, Document, Entity, Mention, Place, SentenceSpan
    from sitroom.stages.resolve import outline_of
    from sitroom.stages.stories import CanonicalNames, story_docs
    from sitroom.stages.summarize import sentence_spans

    text = "Ferry crews in Varna walked out on Monday.  Mayor Ana Petrova urged talks.\n\nPetrova said the port stays open."
    second = text.index("Petrova said")
    # the parser took the first two sentences for one: the outline must keep its reading, not the splitter's
    an = Analysis(doc="d1", sentences=[SentenceSpan(start=0, end=second), SentenceSpan(start=second, end=len(text))],
                  mentions=[Mention(text="Petrova", label="PERSON", start=second, end=second + 7, sentence=2,
                                    refers_to="Ana Petrova"),
                            Mention(text="Monday", label="DATE", start=35, end=41, sentence=0)],
                  places=[Place(id="pl-varna", name="Varna", admin1="Varna Province", feature="city")])
    entities = [Entity(id="en-1", name="Ana Petrova", type="PERSON", aliases=["Petrova"])]
    places = [Place(id="pl-varna", name="Varna", admin1="Varna Province", feature="city")]
    doc = Document(id="d1", origin="d1.txt", text=text)
    outline = outline_of(an, CanonicalNames(entities))  # as resolve makes it: entity names first,
    outline.anchors.update(CanonicalNames(places=places).place_anchors(an))  # its places once merged
    assert sentence_spans(doc, outline) == sentence_spans(doc, an) != sentence_spans(doc, None)
    from_outline, from_analysis = (story_docs([doc], {"d1": x}, entities, places)[0] for x in (outline, an))
    assert from_outline.entities == from_analysis.entities
    assert from_outline.entities["ana petrova"] == 1 and from_outline.entities["region:varna province"] == 1


def test_situation_json_is_the_situations_json_and_still_checked_against_the_contract():
    import pytest
    from pydantic import ValidationError

    from sitroom.contract import Document, Situation
    from sitroom.export.json_export import render

    sit = Situation(documents=[Document(id="d1", origin="d1.txt", text="The mayor called it “a fair deal”.")])
    assert render(sit) == (sit.to_json() + "\n").encode("utf-8")
    broken = Situation(documents=[Document.model_construct(id="d2", origin=None, text="No origin given.")])
    with pytest.raises(ValidationError):
        render(broken)
