"""Incremental runs: unchanged documents reuse their stored analyses; only new or changed ones are parsed."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from sitroom.pipeline import run_pipeline
from sitroom.stages.cache import AnalysisCache
from sitroom.store import open_store
from sitroom.surfaces.watch import watch

# A new report, written for this test (fictional people; the setting follows the seeds' crisis).
NEW_REPORT = """Skip to main content
World | Middle East | Video

Volunteers queue at recruitment centres as militants near Baquba

By Farah Haddad, Example Wire
Updated 1130 GMT, Sun June 15, 2014

BAGHDAD (Example Wire) -- Hundreds of volunteers lined up outside army recruitment centres in eastern Baghdad on Sunday, a day after militants were reported within 60 kilometres of the city of Baquba.

"We are here because nobody else will defend our neighbourhood," said Karim Jaber, a 34-year-old taxi driver who waited since dawn.

At least 12 people were killed when a car bomb exploded near a market in the town of Khalis on Saturday evening, a police officer told Example Wire on condition of anonymity.

Provincial council member Salma Yousef said about 2,000 families had fled villages north of Baquba since Thursday.

Related: Iraq crisis in maps

Leave a comment
"""


def _analyses_rows(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM analyses").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def seeded_db(seeds_run, tmp_path):
    """A copy of the store written by the session's run over the seeds (it holds their analyses)."""
    _, out = seeds_run
    db = tmp_path / "sitroom.db"
    shutil.copy(out / "sitroom.db", db)
    return db


def test_rerun_with_one_new_report_analyses_only_that_report(seeds_dir, seeded_db, tmp_path):
    stored = _analyses_rows(seeded_db)
    assert stored > 0
    new = tmp_path / "new" / "baquba_volunteers.txt"
    new.parent.mkdir()
    new.write_text(NEW_REPORT, encoding="utf-8")
    cache = AnalysisCache(open_store(seeded_db))
    state = run_pipeline([str(seeds_dir), str(new)], cache=cache, strict=True, keep=("analyses",))
    assert (cache.computed, cache.reused) == (1, stored)
    assert "baquba_volunteers" in state.analyses
    assert "baquba_volunteers" in {d.id for d in state.situation.documents}
    assert _analyses_rows(seeded_db) == stored + 1


def _forget_last_run(db) -> None:
    con = sqlite3.connect(db)
    con.execute("DELETE FROM meta")
    con.commit()
    con.close()


def test_cached_analyses_give_the_same_situation_as_a_fresh_run(seeds_run, seeds_dir, seeded_db):
    sit, _ = seeds_run
    _forget_last_run(seeded_db)  # so the cross-document stages really run again, over stored analyses
    cache = AnalysisCache(open_store(seeded_db))
    state = run_pipeline([str(seeds_dir)], cache=cache, strict=True)
    assert not cache.unchanged and cache.computed == 0 and cache.reused > 0
    assert json.loads(state.situation.to_json()) == json.loads(sit.to_json())


def test_linking_over_stored_summaries_equals_linking_over_whole_analyses(seeds_run, seeds_dir):
    """With a store, resolve reads the analyses back once per linking step with that step's fields
    alone; without one it links the whole analyses held in memory: the situation is the same."""
    sit, _ = seeds_run
    state = run_pipeline([str(seeds_dir)], strict=True)  # no cache, so no store: analyses stay in memory
    assert json.loads(state.situation.to_json()) == json.loads(sit.to_json())


def test_unchanged_run_loads_the_stored_situation(seeds_run, seeds_dir, seeded_db):
    sit, _ = seeds_run
    cache = AnalysisCache(open_store(seeded_db))
    state = run_pipeline([str(seeds_dir)], cache=cache, strict=True)
    assert cache.unchanged and cache.computed == 0 and not state.articles  # nothing was processed
    assert state.situation.to_json() == sit.to_json()  # the same records, in the same order


def test_changed_report_is_analysed_again(seeds_dir, seeded_db, tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    first = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nOfficials said on Sunday that the road to the north had reopened.\n", encoding="utf-8")
    cache = AnalysisCache(open_store(seeded_db))
    run_pipeline([str(folder)], cache=cache, strict=True)
    assert cache.computed == 1
    assert cache.reused == _analyses_rows(seeded_db) - 2  # the changed report's old and new analyses


def test_watch_once_refreshes_outputs_as_reports_land(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "first.txt").write_text(NEW_REPORT, encoding="utf-8")
    assert watch(inbox, out, interval=0.1, once=True) in (0, 1)
    docs = json.loads((out / "situation.json").read_text())["documents"]
    assert [d["id"] for d in docs] == ["first"]
    second = NEW_REPORT.replace("Khalis", "Muqdadiya").replace("12 people", "nine people")
    (inbox / "second.txt").write_text(second, encoding="utf-8")
    assert watch(inbox, out, interval=0.1, once=True) in (0, 1)
    docs = json.loads((out / "situation.json").read_text())["documents"]
    assert sorted(d["id"] for d in docs) == ["first", "second"]
    assert _analyses_rows(out / "sitroom.db") == 2


def test_unchanged_rerun_keeps_current_outputs_and_rewrites_missing_ones(tmp_path):
    import sitroom

    corpus = [str(sitroom.sample_corpus())]
    sitroom.run(corpus, tmp_path, strict=True)
    html = tmp_path / "report.html"
    stamp = html.stat().st_mtime_ns
    sitroom.run(corpus, tmp_path, strict=True)
    assert html.stat().st_mtime_ns == stamp  # current: not written again
    html.unlink()
    sitroom.run(corpus, tmp_path, strict=True)
    assert html.is_file()  # a missing output is written again


@pytest.fixture
def seeds_out(seeds_run, tmp_path):
    """A copy of the session's output folder over the seeds: (situation, folder, {file: bytes})."""
    sit, out = seeds_run
    folder = tmp_path / "out"
    shutil.copytree(out, folder)
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    return sit, folder, files


def test_unchanged_rerun_neither_loads_nor_saves_the_store_when_outputs_are_current(seeds_out, seeds_dir, monkeypatch):
    import sitroom
    from sitroom.store.sql import SQLStore

    sit, folder, files = seeds_out
    stamps = {name: (folder / name).stat().st_mtime_ns for name in files}

    def refuse(*args, **kwargs):
        raise AssertionError("the store was read or written on an unchanged run with current outputs")

    monkeypatch.setattr(SQLStore, "load", refuse)
    monkeypatch.setattr(SQLStore, "save", refuse)
    again = sitroom.run([str(seeds_dir)], folder, strict=True)
    assert again.to_json() == sit.to_json()  # the situation, as situation.json holds it
    assert {name: (folder / name).stat().st_mtime_ns for name in files} == stamps  # nothing rewritten


def test_unchanged_rerun_rewrites_an_edited_output_even_with_its_time_stamp_restored(seeds_out, seeds_dir):
    import os

    import sitroom

    sit, folder, files = seeds_out
    for name in ("report.md", "situation.json"):
        path = folder / name
        st = path.stat()
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01  # one bit flipped: same size
        path.write_bytes(bytes(data))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same time stamp
    (folder / "events.csv").unlink()
    again = sitroom.run([str(seeds_dir)], folder, strict=True)
    assert again.to_json() == sit.to_json()  # from the store: the edited situation.json is not trusted
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in files} == files  # as a cold run wrote them


def test_outputs_of_another_run_are_not_current(seeds_out, tmp_path):
    from sitroom.export import MARKER, mark_outputs, outputs_current

    _, folder, _ = seeds_out
    digest = json.loads((folder / MARKER).read_text())["inputs"]
    assert outputs_current(folder, digest)
    assert not outputs_current(folder, "0" * 40)  # other inputs, settings or code
    (folder / MARKER).write_text(digest + "\n")  # a marker written by an older sitroom: no file digests
    assert not outputs_current(folder, digest)
    (folder / MARKER).write_text("1234\n")  # valid JSON, not a record
    assert not outputs_current(folder, "1234")
    mark_outputs(folder, None)  # an export starting: nothing is current until it ends
    assert not outputs_current(folder, digest)
