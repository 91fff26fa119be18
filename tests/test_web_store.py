"""The web room reads through the store's SQL queries: filters and pages in the database, on real
SQLite and (when SITROOM_TEST_PG names a server) real PostgreSQL, with the results the in-memory
filters gave (the reference below is the room's former Python code, kept here as the oracle)."""

from __future__ import annotations

import hashlib
import shutil
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import sqlalchemy as sa

from sitroom.contract import ControlChange, Document, Event, Evidence, Situation
from sitroom.settings import Serve, Settings
from sitroom.store import Filters, open_store
from sitroom.store.sql import SQLStore
from sitroom.surfaces import web
from situation_factory import DOC_A, DOC_B, make_situation

N_EXTRA = 240  # more events than the default page (100)




def _target(url: str):
    """What `serve` is given: the database file for SQLite, the URL for PostgreSQL."""
    return url.removeprefix("sqlite:///")


def big_situation() -> Situation:
    """The factory's situation plus many events, over several days, places, actors and both reports."""
    sit = make_situation()
    places = ["p-talafar", "p-mosul", "p-kirkuk", None]
    actors = [["e-militants"], ["e-army"], ["e-kurds", "e-army"], []]
    ev = {d: Evidence(doc=d, sentence=0, start=0, end=20, text=t[:20]) for d, t in (("doc-a", DOC_A), ("doc-b", DOC_B))}
    for i in range(N_EXTRA):
        doc = "doc-a" if i % 3 else "doc-b"
        sit.events.append(Event(
            id=f"ev-x{i:03d}", type="Battles" if i % 2 else "Riots", subtype="Armed clash" if i % 2 else None,
            date=(None, "")[i % 2] if i % 17 == 0 else f"2014-06-{10 + i % 12:02d}", actors=actors[i % 4], place=places[i % 4],
            documents=[doc] if i % 5 == 0 else [], evidence=[ev[doc]]))
    sit.entities[0].aliases = ["ISIS", "the Islamic State"]
    sit.places[0].aliases = ["Tall Afar"]
    sit.control.append(ControlChange(id="c-4", place="p-mosul", actor="Peshmerga", change="holds", date="2014",
                                     evidence=[ev["doc-b"]]))
    sit.documents.append(Document(id="doc-c", origin="c.txt", source="EXAMPLE WIRE", text="Nothing here."))
    return sit


# --------------------------------------------------------------------------- the oracle: the room's former filters


class Oracle:
    def __init__(self, sit: Situation) -> None:
        self.sit = sit
        self.entity_names = {e.id: {e.name.lower(), *(a.lower() for a in e.aliases)} for e in sit.entities}
        self.place_names = {p.id: {p.name.lower(), *(a.lower() for a in p.aliases)} for p in sit.places}
        self.outlets = {d.id: (d.source or "").lower() for d in sit.documents}
        self.story_docs = {s.id: set(s.documents) for s in sit.stories}

    @staticmethod
    def docs_of(fact) -> set[str]:
        return {e.doc for e in fact.evidence} | set(getattr(fact, "documents", []) or [])

    def date_ok(self, date, f: Filters) -> bool:
        if not f.date_from and not f.date_to:
            return True
        if not date:
            return False
        if f.date_from and date[: len(f.date_from)] < f.date_from:
            return False
        return not (f.date_to and date[: len(f.date_to)] > f.date_to)

    def entity_ok(self, ids, wanted, names=()) -> bool:
        if not wanted:
            return True
        w = wanted.lower()
        return any(i == wanted or w in self.entity_names.get(i or "", ()) for i in ids) or any(
            n and n.lower() == w for n in names)

    def place_ok(self, place_id, wanted) -> bool:
        return not wanted or place_id == wanted or wanted.lower() in self.place_names.get(place_id or "", ())

    def source_ok(self, docs, wanted) -> bool:
        return not wanted or any(d == wanted or self.outlets.get(d) == wanted.lower() for d in docs)

    def story_ok(self, docs, story) -> bool:
        return not story or bool(docs & self.story_docs.get(story, set()))

    def ids(self, table: str, f: Filters) -> list[str]:
        out = []
        for r in getattr(self.sit, table):
            if table == "documents":
                ok = self.source_ok({r.id}, f.source)
            elif table == "stories":
                ok = self.source_ok(set(r.documents), f.source)
            else:
                docs = self.docs_of(r)
                ok = (self.date_ok(r.date, f) and self.source_ok(docs, f.source) and self.story_ok(docs, f.story)
                      and (not f.doc or f.doc in docs) and self.place_ok(getattr(r, "place", None), f.place)
                      and (not f.type or f.type in (r.type, r.subtype)) and (not f.kind or r.kind == f.kind))
                if table == "events":
                    ok = ok and self.entity_ok(r.actors, f.actor)
                elif table == "quotes":
                    ok = ok and self.entity_ok([r.speaker], f.actor, [r.speaker_name])
                elif table == "control":
                    ok = ok and self.entity_ok([r.actor], f.actor)
            if ok:
                out.append(r.id)
        return out


def filter_grid(sit: Situation) -> dict[str, list[Filters]]:
    """Every filter each route takes, over values drawn from the situation (ids, names in other case, misses)."""
    names = lambda recs: {v for r in recs for v in (r.id, r.name.upper(), r.name.lower(), *r.aliases)}
    dates = {d[:n] for t in ("events", "claims", "quotes", "control") for r in getattr(sit, t) if (d := r.date)
             for n in (4, 7, 10)} | {"2014-06-13", "1999", "2100"}
    sources = {d.id for d in sit.documents} | {(d.source or "x").swapcase() for d in sit.documents} | {"nowhere"}
    actors = names(sit.entities) | {q.speaker_name.swapcase() for q in sit.quotes if q.speaker_name} | {"Peshmerga"}
    places = names(sit.places) | {"nowhere"}
    stories = {s.id for s in sit.stories} | {"s-none"}
    common = ([Filters(date_from=d) for d in dates] + [Filters(date_to=d) for d in dates]
              + [Filters(source=s) for s in sources] + [Filters(doc=d.id) for d in sit.documents])
    grid = {
        "events": common + [Filters(actor=a) for a in actors] + [Filters(place=p) for p in places]
        + [Filters(type=t) for e in sit.events for t in (e.type, e.subtype) if t]
        + [Filters(story=s) for s in stories]
        + [Filters(actor=a, place=p, date_from="2014-06-12", source=s)
           for a in ("militants", "e-army") for p in ("tall afar", "p-mosul") for s in ("doc-a", "daily example")],
        "claims": common + [Filters(place=p) for p in places] + [Filters(kind=c.kind) for c in sit.claims]
        + [Filters(story=s) for s in stories],
        "quotes": common + [Filters(actor=a) for a in actors] + [Filters(story=s) for s in stories],
        "control": common + [Filters(actor=a) for a in actors] + [Filters(place=p) for p in places],
        "stories": [Filters(source=s) for s in sources],
        "documents": [Filters(source=s) for s in sources],
    }
    return {t: [Filters()] + fs for t, fs in grid.items()}


def assert_store_matches_oracle(store, sit: Situation) -> int:
    oracle, checked = Oracle(sit), 0
    for table, grid in filter_grid(sit).items():
        for f in grid:
            want = oracle.ids(table, f)
            assert store.query_ids(table, f) == want, (table, f)
            items, total = store.query(table, f, limit=7, offset=3)
            assert total == len(want) and [i.id for i in items] == want[3:10], (table, f)
            checked += 1
    return checked


# --------------------------------------------------------------------------- the store's queries


def test_queries_give_the_former_results(store_url):
    sit = big_situation()
    store = open_store(store_url)
    store.save(sit)
    assert assert_store_matches_oracle(store, sit) > 200
    store.close()


def test_queries_give_the_former_results_on_the_seeds(seeds_run, store_url):
    sit, _ = seeds_run
    store = open_store(store_url)
    store.save(sit)
    assert_store_matches_oracle(store, sit)
    store.close()


def test_index_follows_every_save(store_url):
    store = open_store(store_url)
    sit = make_situation()
    store.save(sit)
    assert store.query_ids("events", Filters(doc="doc-b")) == ["ev-battle", "ev-strike"]
    moved = sit.model_copy(deep=True)
    moved.events[0].documents = []  # ev-battle now cites doc-a only
    moved.entities[0].aliases = ["ISIS"]
    store.save(moved)
    assert store.query_ids("events", Filters(doc="doc-b")) == ["ev-strike"]
    assert store.query_ids("events", Filters(actor="isis")) == ["ev-battle"]
    kept = moved.model_copy(deep=True)
    kept.events = kept.events[1:]
    store.save(kept, replace=True)
    assert store.query_ids("events", Filters(doc="doc-a")) == []
    with store.engine.connect() as conn:  # no index row outlives its record
        rows = conn.execute(sa.text("SELECT count(*) FROM fact_index WHERE id = 'ev-battle'")).scalar_one()
    assert rows == 0
    assert_store_matches_oracle(store, kept)
    store.close()


def _drop_index(url: str) -> None:
    """Make the store look written by a sitroom from before the query index."""
    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE fact_index"))
        conn.execute(sa.text("DROP TABLE store_info"))
    store.close()


def test_a_store_from_before_the_index_is_indexed_when_opened_for_writing(store_url):
    store = open_store(store_url)
    store.save(big_situation())
    store.close()
    _drop_index(store_url)
    ro = open_store(store_url, read_only=True)
    assert not ro.indexed and len(ro.load().events) == 2 + N_EXTRA  # reads, never builds
    with pytest.raises(RuntimeError, match="predates"):
        ro.query("events")
    c = TestClient(web.create_app(_target(store_url)))  # the web room serves a copy
    assert c.get("/api/events", params={"actor": "ISIS"}).json()["total"] > 1
    ro.close()
    store = open_store(store_url)
    assert store.indexed and store.query("events", Filters(actor="ISIS"), limit=1)[1] > 1
    assert_store_matches_oracle(store, big_situation())
    store.close()


def test_read_only_store_refuses_writes(store_url):
    store = open_store(store_url)
    store.save(make_situation())
    store.close()
    ro = open_store(store_url, read_only=True)
    with pytest.raises(PermissionError):
        ro.save(make_situation())
    with ro.engine.connect() as conn, pytest.raises(sa.exc.DBAPIError):  # and the database itself says no
        conn.exec_driver_sql("DELETE FROM events")
    assert ro.query("events")[1] == 2
    ro.close()


# --------------------------------------------------------------------------- the routes


@pytest.fixture
def served(store_url):
    store = open_store(store_url)
    store.save(big_situation())
    store.close()
    return _target(store_url)


def test_routes_page_in_sql(served, monkeypatch):
    app = web.create_app(served)
    store = app.state.store
    statements: list[tuple[str, object]] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, stmt, params, ctx, many: statements.append((stmt, params)))
    # no route but the room page may load the whole situation
    monkeypatch.setattr(SQLStore, "load", lambda self: pytest.fail("a route loaded the whole situation"))
    c = TestClient(app)
    first = c.get("/api/events").json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (2 + N_EXTRA, 100, 0, 100)
    seen = [i["id"] for i in first["items"]]
    for offset in (100, 200):
        seen += [i["id"] for i in c.get("/api/events", params={"offset": offset}).json()["items"]]
    assert seen == [e.id for e in big_situation().events]  # the situation's order, page after page
    last = c.get("/api/events", params={"limit": 50, "offset": 230}).json()
    assert (last["total"], len(last["items"])) == (2 + N_EXTRA, 12)
    assert any(" LIMIT " in s.upper() and " OFFSET " in s.upper() for s, _ in statements)
    statements.clear()
    narrowed = c.get("/api/events", params={"actor": "the islamic state", "place": "TALL AFAR", "date_from": "2014-06-15"})
    want = Oracle(big_situation()).ids("events", Filters(actor="the islamic state", place="TALL AFAR", date_from="2014-06-15"))
    assert narrowed.json()["total"] == len(want) and 0 < len(want) < 2 + N_EXTRA
    assert [i["id"] for i in narrowed.json()["items"]] == want
    sql_text = " ".join(s for s, _ in statements).lower()
    assert "islamic" not in sql_text and "tall afar" not in sql_text  # the values went as bound parameters
    assert any("the islamic state" in str(p) for _, p in statements)
    doc = c.get("/api/documents/doc-b").json()
    assert doc["facts"]["events"] == Oracle(big_situation()).ids("events", Filters(doc="doc-b"))
    docs = c.get("/api/documents", params={"source": "example wire"}).json()
    assert [d["id"] for d in docs["items"]] == ["doc-a", "doc-c"] and "text" not in docs["items"][0]
    assert c.get("/api/search", params={"q": "convoy"}).json()["results"][0]["doc"] == "doc-b"
    # an actor that is no entity (a bare name in the id's place) matches exactly, as before
    assert [c.get("/api/control", params={"actor": a}).json()["total"] for a in ("Peshmerga", "peshmerga")] == [1, 0]
    assert c.get("/api/stories", params={"source": "doc-c"}).json()["total"] == 0


def test_page_sizes_come_from_the_settings(served):
    c = TestClient(web.create_app(served, settings=Settings(serve=Serve(default_page_size=7, max_page_size=20))))
    r = c.get("/api/events").json()
    assert (r["total"], r["limit"], len(r["items"])) == (2 + N_EXTRA, 7, 7)
    assert c.get("/api/events", params={"limit": 20}).status_code == 200
    assert c.get("/api/events", params={"limit": 21}).status_code == 422


def test_room_page_and_a_store_before_the_index(tmp_path, caplog):
    db = tmp_path / "sitroom.db"
    store = open_store(db)
    store.save(big_situation())
    store.close()
    _drop_index(f"sqlite:///{db}")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    c = TestClient(web.create_app(tmp_path))
    assert "in-memory copy" in caplog.text
    assert c.get("/api/events", params={"actor": "ISIS"}).json()["total"] > 1
    assert 'id="search-form"' in c.get("/").text
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # served, never written


def test_a_situation_json_is_an_in_memory_store_shared_by_threads(tmp_path):
    (tmp_path / "situation.json").write_text(big_situation().to_json(), encoding="utf-8")
    app = web.create_app(tmp_path / "situation.json")
    assert app.state.store.url == "sqlite:///:memory:"
    c = TestClient(app)
    want = Oracle(big_situation()).ids("events", Filters(source="daily example"))
    barrier = threading.Barrier(8)

    def ask(i: int):
        barrier.wait()
        params = {"source": "DAILY EXAMPLE", "limit": 500} if i % 2 else {"q": "convoy"}
        return c.get("/api/events" if i % 2 else "/api/search", params=params).json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, range(32)))
    for i, a in enumerate(answers):
        if i % 2:
            assert [e["id"] for e in a["items"]] == want
        else:
            assert a["results"][0]["doc"] == "doc-b"


def test_a_folder_whose_name_looks_like_uri_syntax_serves(tmp_path):
    plain = tmp_path / "plain.db"
    store = open_store(plain)
    store.save(make_situation())
    store.close()
    odd = tmp_path / "reports #2?final 100%"
    odd.mkdir()
    shutil.copy(plain, odd / "sitroom.db")
    c = TestClient(web.create_app(odd))  # no situation.json to fall back on: the database itself serves
    assert c.get("/api/events").json()["total"] == 2
