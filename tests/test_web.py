"""`sitroom serve`: every API route, filters, validation, pagination caps, token, read-only store."""

from __future__ import annotations

import hashlib
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sitroom.store import open_store
from sitroom.surfaces import web
from situation_factory import make_situation

ROUTES = ["/", "/docs", "/openapi.json", "/api/stories", "/api/events", "/api/claims", "/api/quotes", "/api/control",
          "/api/places", "/api/contradictions", "/api/documents", "/api/documents/doc-a", "/api/search?q=convoy"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("served")
    store = open_store(out / "sitroom.db")
    store.save(make_situation())
    store.close()
    return out


@pytest.fixture(scope="module")
def client(served):
    return TestClient(web.create_app(served))


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_answers(client, route):
    r = client.get(route)
    assert r.status_code == 200, r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_filters_select_the_right_facts(client):
    ids = lambda r: [i["id"] for i in r.json()["items"]]  # noqa: E731
    assert ids(client.get("/api/events", params={"place": "tal afar"})) == ["ev-battle"]
    assert ids(client.get("/api/events", params={"date_from": "2014-06-16"})) == ["ev-strike"]
    assert ids(client.get("/api/events", params={"date_to": "2014-06-15"})) == ["ev-battle"]
    assert ids(client.get("/api/events", params={"type": "Explosions/Remote violence"})) == ["ev-strike"]
    assert ids(client.get("/api/events", params={"actor": "Militants"})) == ["ev-battle"]
    assert ids(client.get("/api/claims", params={"source": "Daily Example"})) == ["cl-2"]
    assert ids(client.get("/api/claims", params={"source": "doc-a"})) == ["cl-1"]
    assert ids(client.get("/api/quotes", params={"actor": "Ali Hamdan"})) == ["q-1"]
    assert ids(client.get("/api/control", params={"place": "p-talafar"})) == ["c-1", "c-2"]
    assert ids(client.get("/api/events", params={"story": "s-1", "date_from": "2014"})) == ["ev-battle", "ev-strike"]


def test_pagination_is_capped_and_consistent(client):
    r = client.get("/api/control", params={"limit": 2, "offset": 1}).json()
    assert (r["total"], r["limit"], r["offset"], len(r["items"])) == (3, 2, 1, 2)
    assert client.get("/api/events", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


@pytest.mark.parametrize("params", [{"date_from": "yesterday"}, {"date_to": "2014-06-16' OR 1=1"}, {"place": "x" * 500}])
def test_bad_parameters_are_refused(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_documents_cannot_be_traversed(client):
    assert client.get("/api/documents/nope").status_code == 404
    for bad in ("/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/%2Fetc%2Fpasswd", "/api/documents/a%00b"):
        assert client.get(bad).status_code in (404, 422)
    doc = client.get("/api/documents/doc-a").json()
    assert doc["document"]["text"].startswith("Militants overran") and doc["facts"]["events"] == ["ev-battle"]


def test_search_finds_the_sentence_and_where_it_is(client):
    r = client.get("/api/search", params={"q": "airstrike convoy"}).json()
    hit = r["results"][0]
    assert hit["doc"] == "doc-b" and "[airstrike]" in hit["snippet"].lower()
    text = client.get("/api/documents/doc-b").json()["document"]["text"]
    assert "convoy near Mosul" in text[hit["start"]:hit["end"]]
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": '" OR * NEAR('}).status_code == 200  # FTS syntax is quoted, not run


def test_read_only_and_request_size(client, served):
    db = served / "sitroom.db"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405
    for route in ROUTES:
        client.get(route)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert client.get("/api/events", params={"place": "x" * 5000}).status_code == 414


def test_token_is_required_when_set(served):
    c = TestClient(web.create_app(served, token="s3cret-token"))
    assert c.get("/api/events").status_code == 401
    assert c.get("/").status_code == 401
    assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/events", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    assert c.get("/api/events", params={"token": "s3cret-token"}).status_code == 200


def test_serve_refuses_public_binding_without_token(served, capsys):
    assert web.serve(served, host="0.0.0.0", port=9) == 2
    assert "--token" in capsys.readouterr().err
    assert web.is_loopback("127.0.0.1") and web.is_loopback("::1") and web.is_loopback("localhost")
    assert not web.is_loopback("0.0.0.0") and not web.is_loopback("192.168.1.5")


def test_page_is_the_live_report(client):
    page = client.get("/").text
    assert 'id="search-form"' in page and 'id="article"' in page
    assert "connect-src 'self'" in page


def test_a_bare_situation_json_serves_too(tmp_path):
    (tmp_path / "situation.json").write_text(make_situation().to_json(), encoding="utf-8")
    c = TestClient(web.create_app(tmp_path))
    assert c.get("/api/events").json()["total"] == 2
    assert c.get("/api/search", params={"q": "convoy"}).json()["results"][0]["doc"] == "doc-b"


def test_serves_the_seeds(seeds_run):
    sit, out = seeds_run
    c = TestClient(web.create_app(out))
    assert c.get("/api/stories").json()["total"] == len(sit.stories)
    assert c.get("/api/quotes", params={"limit": 500}).json()["total"] == len(sit.quotes)
    hits = c.get("/api/search", params={"q": "Kerry"}).json()["results"]
    assert hits and all("[Kerry]" in h["snippet"] for h in hits)
    for d in sit.documents:
        assert c.get(f"/api/documents/{d.id}").status_code == 200
