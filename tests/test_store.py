"""The store contract, on real SQLite and (when SITROOM_TEST_PG names a server) real PostgreSQL."""

from __future__ import annotations

import multiprocessing
import sqlite3

from sitroom.contract import Analysis, Situation
from sitroom.store import open_store
from sitroom.store.sql import SYNTHETIC_KEY, TABLES


def _key(table: str, rec: dict) -> str:
    key = SYNTHETIC_KEY.get(table)
    return ":".join(str(rec[k]) for k in key) if key else rec["id"]


def _tables(sit: Situation) -> dict[str, list[dict]]:
    """Each table's records in key order, as plain data (stores return rows ordered by key)."""
    out = {}
    for name in TABLES:
        recs = {_key(name, o.model_dump()): o.model_dump() for o in getattr(sit, name)}
        out[name] = [recs[k] for k in sorted(recs)]
    return out


def _part(sit: Situation, start: int, stop: int) -> Situation:
    """A slice of every table: overlapping slices stand for workers saving overlapping results."""
    return Situation(**{name: getattr(sit, name)[start:stop] for name in TABLES})


def test_round_trip_equals(seeds_run, store_url):
    sit, _ = seeds_run
    store = open_store(store_url)
    store.save(sit)
    assert _tables(store.load()) == _tables(sit)
    store.close()


def test_resaving_adds_no_rows(seeds_run, store_url):
    sit, _ = seeds_run
    store = open_store(store_url)
    store.save(sit)
    first = store.counts()
    store.save(sit)
    store.save(_part(sit, 0, 3))
    assert store.counts() == first
    assert first["documents"] == len({d.id for d in sit.documents}) > 0
    store.close()


def test_replace_drops_what_the_situation_no_longer_holds(seeds_run, store_url):
    sit, _ = seeds_run
    store = open_store(store_url)
    store.save(sit)
    kept = _part(sit, 0, 2)
    store.save(kept, replace=True)
    assert _tables(store.load()) == _tables(kept)
    gone = sit.documents[-1]
    words = sorted({w for w in gone.text.split() if w.isalpha()}, key=len)[-2:]
    assert all(hit["doc"] != gone.id for hit in store.search(" ".join(words)))
    store.close()


def test_search_finds_a_sentence(seeds_run, store_url):
    sit, _ = seeds_run
    store = open_store(store_url)
    store.save(sit)
    doc = max(sit.documents, key=lambda d: len(d.text))
    paragraph = max(doc.text.split("\n\n"), key=len)
    words = sorted({w for w in paragraph.split() if w.isalpha() and len(w) > 3}, key=len)[-3:]
    hits = store.search(" ".join(words))
    assert doc.id in {h["doc"] for h in hits}
    assert all(h["snippet"] for h in hits)
    assert store.search("zzqxv-nowhere") == []
    store.close()


def test_analyses_round_trip_and_first_write_wins(store_url):
    store = open_store(store_url)
    a = Analysis(doc="d1", sentences=[{"start": 0, "end": 12}])
    store.put_analyses({"k1": ("d1", "h1", a)})
    store.put_analyses({"k1": ("d1", "h1", a), "k2": ("d2", "h2", Analysis(doc="d2"))})
    got = store.get_analyses(["k1", "k2", "missing"])
    assert set(got) == {"k1", "k2"} and got["k1"] == a
    assert store.counts()["analyses"] == 2
    store.close()


def test_analyses_are_found_without_reading_them_and_read_back_as_text(store_url):
    """What a streaming run asks of the store: which keys it holds (no parsing), then the stored JSON."""
    store = open_store(store_url)
    a = Analysis(doc="d7", sentences=[{"start": 0, "end": 30}], errors=[])
    store.put_analyses({f"key{i}": (f"d{i}", f"h{i}", a.model_copy(update={"doc": f"d{i}"})) for i in range(3)})
    assert store.has_analyses(["key0", "key2", "nowhere"]) == {"key0", "key2"}
    assert store.has_analyses([]) == set()
    data = store.analysis_data(["key1", "nowhere"])
    assert set(data) == {"key1"} and Analysis.model_validate_json(data["key1"]).doc == "d1"
    store.close()


def _save_part(url: str, data: str, start: int, stop: int, barrier) -> None:
    sit = Situation.model_validate_json(data)
    store = open_store(url)
    barrier.wait()  # every writer starts at once: the worst case for lost or duplicated rows
    for _ in range(3):
        store.save(_part(sit, start, stop))
    store.close()


def test_concurrent_writers_lose_and_duplicate_nothing(seeds_run, store_url):
    sit, _ = seeds_run
    data = sit.model_dump_json(by_alias=True)
    size = max(len(getattr(sit, n)) for n in TABLES)
    step = max(1, size // 4)
    slices = [(i * step, i * step + 2 * step) for i in range(4)]  # each overlaps the next by half
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(slices))
    procs = [ctx.Process(target=_save_part, args=(store_url, data, a, b, barrier)) for a, b in slices]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    store = open_store(store_url)
    assert _tables(store.load()) == _tables(_part(sit, 0, slices[-1][1]))
    store.close()


def _dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_second_run_on_same_inputs_leaves_database_unchanged(sample_run, tmp_path):
    import sitroom

    _, out = sample_run
    before = _dump(out / "sitroom.db")
    sitroom.run([str(sitroom.sample_corpus())], out, strict=True)
    assert _dump(out / "sitroom.db") == before
    assert any(line.startswith('INSERT INTO "documents"') for line in before)


def test_store_written_by_an_older_version_gains_new_columns(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, origin TEXT)")
    con.execute("INSERT INTO documents VALUES ('d1', 'a.txt')")
    con.commit()
    con.close()
    store = open_store(db_path)
    loaded = store.load()
    assert [d.id for d in loaded.documents] == ["d1"] and loaded.documents[0].text == ""
    store.close()


def test_a_table_of_many_records_is_saved_whole_and_a_repeated_id_keeps_its_last_record(store_url):
    from sitroom.contract import Document

    # more records than one chunk of rows holds (500), and one id given twice: the later record is the one kept
    docs = [Document(id=f"r{i:04d}", origin=f"reports/r{i:04d}.txt", text=f"Report {i} on the harbour strike.")
            for i in range(1201)]
    docs.append(Document(id="r0007", origin="reports/r0007-corrected.txt", text="A corrected report on the strike."))
    sit = Situation(documents=docs)
    store = open_store(store_url)
    store.save(sit, replace=True)
    back = store.load()
    assert len(back.documents) == 1201 == store.counts()["documents"]
    assert _tables(back) == _tables(sit)
    assert {d.id: d for d in back.documents}["r0007"].origin == "reports/r0007-corrected.txt"
    store.close()
