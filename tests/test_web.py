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
        assert client.get(bad).status_code in (400, 404, 422)
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


# --------------------------------------------------------------------------- a web room on a shared machine (issue 20)


def test_host_header_allow_list_stops_dns_rebinding(served):
    app = web.create_app(served, host="127.0.0.1")
    for base in ("http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "http://LOCALHOST."):
        assert TestClient(app, base_url=base).get("/api/events").status_code == 200, base
    for base in ("http://evil.example", "http://evil.example:8765", "http://127.0.0.1.evil.example", "http://10.0.0.7"):
        assert TestClient(app, base_url=base).get("/api/events").status_code == 400, base
    assert TestClient(app, base_url="http://localhost").get("/api/events", headers={"Host": ""}).status_code == 400
    lan = web.create_app(served, token="t0k", host="10.0.0.7")  # a LAN address: itself, loopback, configured names
    ok = {"Authorization": "Bearer t0k"}
    assert TestClient(lan, base_url="http://10.0.0.7:8765").get("/api/events", headers=ok).status_code == 200
    assert TestClient(lan, base_url="http://room.example").get("/api/events", headers=ok).status_code == 400
    from sitroom.settings import Serve, Settings

    named = web.create_app(served, token="t0k", host="0.0.0.0",
                           settings=Settings(serve=Serve(allowed_hosts=("room.example",))))
    assert TestClient(named, base_url="http://room.example").get("/api/events", headers=ok).status_code == 200
    assert TestClient(named, base_url="http://other.example").get("/api/events", headers=ok).status_code == 400


def test_token_on_loopback_when_asked(served):
    c = TestClient(web.create_app(served, token="abc", host="127.0.0.1"), base_url="http://127.0.0.1")
    assert c.get("/api/events").status_code == 401
    assert c.get("/api/events", headers={"Authorization": "Bearer abc"}).status_code == 200


@pytest.mark.parametrize("q", ["a\x00b", '"', '""""', "NEAR(", "a OR", "*", "^x", "col:x", "AND AND", "'; DROP TABLE x; --",
                               "(((", "\\", "\u0000", "é\u202e", "\U0001F600"])
def test_search_text_never_gives_a_server_error(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400, 422), (q, r.status_code)
    if "\x00" in q:
        assert r.status_code == 400
    for route in ("/api/events", "/api/claims"):
        assert client.get(route, params={"place": q}).status_code in (200, 400, 422)


def test_head_is_allowed_and_has_no_body(client):
    for route in ("/", "/api/events", "/api/documents/doc-a"):
        got, head = client.get(route), client.head(route)
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["x-content-type-options"] == "nosniff"
    assert client.head("/api/documents/nope").status_code == 404


def test_header_limit_is_enforced(client):
    assert client.get("/api/events", headers={"X-Big": "x" * 20_000}).status_code == 431
    many = {f"X-H{i}": "y" * 100 for i in range(200)}
    assert client.get("/api/events", headers=many).status_code == 431
    assert client.get("/api/events", headers={"X-Small": "ok"}).status_code == 200


def test_documents_open_by_their_stored_id_whatever_it_holds(tmp_path):
    from sitroom.contract import Document

    odd = ["a b", "ünïcode-é", "=cmd", "dir/report", "x?y#z", "100%", "report~1a2b3c"]
    docs = [Document(id=i, origin=f"in/{n}.txt", text=f"Report number {n} about the river crossing.")
            for n, i in enumerate(odd)]
    store = open_store(tmp_path / "sitroom.db")
    store.save(make_situation(extra_docs=docs))
    store.close()
    c = TestClient(web.create_app(tmp_path))
    from urllib.parse import quote

    for i in odd:
        r = c.get("/api/documents/" + quote(i, safe="/"))
        assert r.status_code == 200, (i, r.status_code)
        assert r.json()["document"]["id"] == i


def test_serve_cli_adds_allowed_hosts(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from sitroom.surfaces.cli import app as cli_app

    calls = []
    monkeypatch.setattr(web, "serve", lambda target, **kw: calls.append(kw) or 0)
    res = CliRunner().invoke(cli_app, ["serve", str(tmp_path), "--allow-host", "room.example", "--allow-host", "b.example"])
    assert res.exit_code == 0, res.output
    assert calls[0]["settings"].serve.allowed_hosts == ("room.example", "b.example")


def test_a_real_server_checks_host_answers_head_and_limits_headers(served):
    """The same guards under uvicorn itself (what `sitroom serve` runs), not only the test client."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sitroom.surfaces.cli", "serve", str(served), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/stories", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert httpx.get(base + "/api/events", timeout=10).status_code == 200
        assert httpx.get(base + "/api/events", headers={"Host": "evil.example"}, timeout=10).status_code == 400
        assert httpx.get(base + "/api/events", headers={"Host": f"localhost:{port}"}, timeout=10).status_code == 200
        head = httpx.head(base + "/api/events", timeout=10)
        assert head.status_code == 200 and head.content == b"" and head.headers["content-type"] == "application/json"
        assert httpx.get(base + "/api/search", params={"q": "a\x00b"}, timeout=10).status_code == 400
        try:
            big = httpx.get(base + "/api/events", headers={"X-Big": "x" * 40_000}, timeout=10).status_code
        except httpx.HTTPError:
            big = "refused"  # the server may also close the connection on an oversized header block
        assert big in (400, 431, "refused")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_api_and_the_room_carry_each_dispute(tmp_path):
    """The contradictions of the test situation put their status on both sides, and the story's summary
    says who disputes what it states: the API returns both, and the room shows them."""
    from sitroom.link.disputes import mark_disputes
    from sitroom.settings import Summarize
    from sitroom.stages.summarize import summarize_story

    sit = make_situation()
    disputes = mark_disputes(sit.claims, sit.events, sit.control, sit.contradictions)
    summarize_story(sit.stories[0], sit.documents, {}, sit.events, Summarize(), facts=[*sit.claims, *sit.events,
                    *sit.control], disputes=disputes)
    store = open_store(tmp_path / "sitroom.db")
    store.save(sit)
    store.close()
    client = TestClient(web.create_app(tmp_path))
    claims = {c["id"]: c for c in client.get("/api/claims").json()["items"]}
    assert claims["cl-1"]["status"] == claims["cl-2"]["status"] == "disputed"  # 28 against more than 40 killed
    control = {c["id"]: c for c in client.get("/api/control").json()["items"]}
    assert control["c-1"]["status"] == "disputed" and control["c-3"]["status"] == "reported"
    story = client.get("/api/stories").json()["items"][0]
    told = [x for x in story["summary"] + story["highlights"] if "overran" in x["text"]]
    assert told and all(x["status"] == "disputed" and "disputed by" in x["dispute"] for x in told)
    room = client.get("/").text
    assert 'class="tag disputed">' in room
