"""`sitroom serve`: the web room and a read-only JSON API over a stored situation.

`create_app(target, token, settings)` builds the FastAPI app (tests drive it with
TestClient); `serve(...)` runs it under uvicorn. Every route answers from the
store's queries (`Store.query`, `query_ids`, `get_documents`, `search`): filters
and pages are SQL, the same on SQLite and PostgreSQL, and no route holds the
whole situation in memory (only the room page, the live report, is drawn from it,
once). A bare situation.json is served from an in-memory SQLite store it is
loaded into: one code path.

Safety, in order of the request's path: loopback by default and no non-local
binding without a token; the `Host` header checked against an allow-list (so a
web page the user visits cannot reach the room by DNS rebinding: loopback names
when bound to loopback, else the bind address, this machine's names and
`[serve] allowed_hosts`); long request lines (414) and header blocks (431)
refused; NUL anywhere in the path or parameters refused (400); only GET/HEAD
(HEAD answers GET's headers without a body); the token, when one is given (also
on loopback: `--token`), checked in constant time (as a bearer header or
`?token=`); every parameter
validated with a pattern or a bound; a search the store cannot parse answered
400; document ids accepted as stored (any characters, '/' too: they are bound
parameters); pages capped; the store opened read-only
(SQLite `mode=ro` and `query_only`, PostgreSQL read-only transactions); no route
touches the filesystem after start-up (documents are looked up by id in the
store, so there is no path to traverse); every filter value and search text is a
bound parameter of the store's SQL, never SQL text.
"""

# No `from __future__ import annotations`: FastAPI must see the local Annotated aliases at runtime.

import hmac
import ipaddress
import logging
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

from sitroom.contract import Situation
from sitroom.settings import Serve, Settings
from sitroom.store import Filters as StoreFilters
from sitroom.store import Store

log = logging.getLogger("sitroom")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DOC_ID_MAX = 1000
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
LOOPBACK_HOSTS = LOOPBACK_NAMES | {"127.0.0.1", "::1"}
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, configured: Iterable[str] = ()) -> set[str] | None:
    """The `Host` names the room answers when bound to `bind` (None: any, when configured with "*").
    Loopback names always; a specific bind address itself; a wildcard bind (0.0.0.0, ::) this machine's names."""
    names = {h.strip().lower().strip("[]") for h in configured if h.strip()}
    if "*" in names:
        return None
    names |= LOOPBACK_HOSTS
    bind = bind.strip().lower().strip("[]")
    if bind in WILDCARD_HOSTS:
        for name in (socket.gethostname(), socket.getfqdn()):
            names.add(name.lower())
    else:
        names.add(bind)
    return names


def host_of(header: str) -> str:
    """The host part of a `Host` header: without its port, IPv6 brackets, or a trailing dot."""
    h = header.strip().lower()
    if h.startswith("["):
        h = h[1:].split("]", 1)[0]
    elif h.count(":") == 1:
        h = h.split(":", 1)[0]
    return h.rstrip(".")


# --------------------------------------------------------------------------- the store


def open_target(target: str | Path | Store) -> Store:
    """A store to serve: an output folder or a sitroom.db (opened read-only), a PostgreSQL URL
    (read-only transactions), a Store as is, or a situation.json loaded into an in-memory SQLite
    store (also the fallback for a database that cannot be read, or predates the query index)."""
    from sitroom.store import open_store

    if isinstance(target, Store):
        return target
    if isinstance(target, str) and target.startswith(("postgresql://", "postgres://", "postgresql+")):
        return _indexed(open_store(target, read_only=True))
    path = Path(target)
    if path.is_dir():
        db, js = path / "sitroom.db", path / "situation.json"
    elif path.suffix == ".json":
        db, js = None, path
    else:
        db, js = path, None
    problem = None
    if db is not None and db.is_file():
        # SQLite's read-only mode: the web room can never write to the analyst's database. The URL is built as
        # an object (`sqlite_url`), so a "?", "#" or "%" in the path stays part of the name.
        from sitroom.store import sqlite_url

        try:
            return _indexed(open_store(sqlite_url(db, read_only=True), read_only=True))
        except Exception as exc:  # noqa: BLE001 - any unreadable database: the JSON still serves
            problem = exc
    if js is not None and js.is_file():
        return _in_memory(Situation.model_validate_json(js.read_bytes()))
    raise FileNotFoundError(f"no readable sitroom.db or situation.json at {path}" + (f" ({problem})" if problem else ""))


def _indexed(store: Store) -> Store:
    """`store`, or an in-memory copy of it when it was written before the query index (read-only, it cannot gain one)."""
    try:
        if store.indexed:
            for table in ("documents", "events"):  # a store sitroom cannot read fails here, not on a request
                store.query(table, limit=1)
            return store
        log.warning("%s predates sitroom's query index: serving an in-memory copy (re-run sitroom on it to index it)",
                    getattr(store, "url", "the store"))
        sit = store.load()
    except Exception:
        store.close()
        raise
    store.close()
    return _in_memory(sit)


def _in_memory(sit: Situation) -> Store:
    from sitroom.store import open_store

    store = open_store("sqlite:///:memory:")
    store.save(sit)
    return store


def locate_snippet(text: str, snippet: str) -> tuple[int | None, int | None]:
    """Offsets of an FTS snippet's longest literal piece in the clean text (the snippet marks hits with [ ])."""
    pieces = [p.strip() for p in snippet.replace("[", "").replace("]", "").split("…")]
    piece = max(pieces, key=len, default="")
    if not piece:
        return None, None
    start = text.find(piece)
    return (start, start + len(piece)) if start >= 0 else (None, None)


# --------------------------------------------------------------------------- app


def create_app(target: str | Path | Store, token: str | None = None, settings: Settings | None = None,
               host: str | None = None):
    """The app over `target`. `host`: the address it is bound to, which turns on the `Host` allow-list
    (`serve` always passes it; None, for an app embedded in another server or driven by a test client, checks
    no Host)."""
    from fastapi import FastAPI, HTTPException, Query, Request
    from fastapi import Path as PathParam
    from fastapi.responses import HTMLResponse, JSONResponse
    from starlette.responses import Response

    settings = settings or Settings()
    cfg: Serve = settings.serve
    hosts = allowed_hosts(host, cfg.allowed_hosts) if host is not None else None
    store = open_target(target)
    room_page = _RoomPage(store, settings)

    app = FastAPI(title="sitroom", version="1", docs_url=None, redoc_url=None,
                  description="Read-only API over a sitroom situation: every fact with its evidence.")
    app.state.store = store

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable):
        if hosts is not None and host_of(request.headers.get("host", "")) not in hosts:
            return JSONResponse({"detail": "unknown Host (see [serve] allowed_hosts)"}, status_code=400)
        if sum(len(k) + len(v) + 4 for k, v in request.scope.get("headers", ())) > cfg.max_header_bytes:
            return JSONResponse({"detail": "request headers too large"}, status_code=431)
        raw_len = len(request.url.path) + len(request.url.query)
        if raw_len > cfg.max_url_chars:
            return JSONResponse({"detail": "request line too long"}, status_code=414)
        if request.method not in ("GET", "HEAD"):
            return JSONResponse({"detail": "sitroom serve is read-only"}, status_code=405, headers={"Allow": "GET, HEAD"})
        if "\x00" in request.scope.get("path", "") or any("\x00" in k or "\x00" in v
                                                           for k, v in request.query_params.multi_items()):
            return JSONResponse({"detail": "NUL in the request"}, status_code=400)
        if token is not None:
            auth = request.headers.get("authorization", "")
            given = auth[7:] if auth.lower().startswith("bearer ") else request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"detail": "missing or wrong token"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
        if request.method == "HEAD":  # GET's status and headers, no body
            request.scope["method"] = "GET"  # the routes answer GET; the server still knows it sends a HEAD answer
            try:
                got = await call_next(request)
                async for _ in got.body_iterator:
                    pass
            finally:
                request.scope["method"] = "HEAD"
            response = Response(status_code=got.status_code, headers=dict(got.headers))
        else:
            response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        if not response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        return response

    Limit = Annotated[int, Query(ge=1, le=cfg.max_page_size, description="page size (capped)")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]
    DateQ = Annotated[str | None, Query(pattern=DATE, description="ISO date, month or year")]
    Text = Annotated[str | None, Query(min_length=1, max_length=cfg.max_query_chars)]

    def page(table: str, filters: StoreFilters | None, limit: int, offset: int, exclude: tuple = ()) -> dict:
        items, total = store.query(table, filters, limit=limit, offset=offset, exclude=exclude)
        return {"total": total, "limit": limit, "offset": offset,
                "items": [i.model_dump(mode="json", exclude=set(exclude)) for i in items]}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def room() -> HTMLResponse:
        return HTMLResponse(room_page.html())

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        # FastAPI's Swagger page loads its code from a CDN; this one is drawn here, offline.
        return HTMLResponse(openapi_page(app.openapi()))

    @app.get("/api/stories", summary="Stories with summary, highlights and timeline")
    def stories(limit: Limit = cfg.default_page_size, offset: Offset = 0, source: Text = None):
        return page("stories", StoreFilters(source=source), limit, offset)

    @app.get("/api/events", summary="Events, filtered")
    def events(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, actor: Text = None,
               type: Text = None, source: Text = None, story: Text = None,
               limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("events", StoreFilters(date_from=date_from, date_to=date_to, place=place, actor=actor, type=type,
                                           source=source, story=story), limit, offset)

    @app.get("/api/claims", summary="Figures (numeric claims) with attribution, filtered")
    def claims(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, kind: Text = None,
               source: Text = None, story: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("claims", StoreFilters(date_from=date_from, date_to=date_to, place=place, kind=kind,
                                           source=source, story=story), limit, offset)

    @app.get("/api/quotes", summary="Quotes with speakers and roles, filtered")
    def quotes(date_from: DateQ = None, date_to: DateQ = None, actor: Text = None, source: Text = None,
               story: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("quotes", StoreFilters(date_from=date_from, date_to=date_to, actor=actor, source=source,
                                           story=story), limit, offset)

    @app.get("/api/control", summary="Territorial control statements, filtered")
    def control(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, actor: Text = None,
                source: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("control", StoreFilters(date_from=date_from, date_to=date_to, place=place, actor=actor,
                                            source=source), limit, offset)

    @app.get("/api/places", summary="Places with coordinates")
    def places(limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("places", None, limit, offset)

    @app.get("/api/contradictions", summary="Contradicting facts, paired")
    def contradictions(limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("contradictions", None, limit, offset)

    @app.get("/api/documents", summary="Documents (without their text)")
    def documents(source: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page("documents", StoreFilters(source=source), limit, offset, exclude=("text", "removed"))

    @app.get("/api/documents/{doc_id:path}", summary="One document's clean text and the facts it states")
    def document(doc_id: Annotated[str, PathParam(min_length=1, max_length=DOC_ID_MAX)]):
        doc = store.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        facts = {kind: store.query_ids(kind, StoreFilters(doc=doc_id)) for kind in ("events", "claims", "quotes", "control")}
        return {"document": doc.model_dump(mode="json"), "facts": facts}

    @app.get("/api/search", summary="Full-text search over the articles (SQLite FTS5, PostgreSQL text search)")
    def search(q: Annotated[str, Query(min_length=1, max_length=cfg.max_query_chars)],
               limit: Annotated[int, Query(ge=1, le=cfg.max_page_size)] = 20):
        try:
            hits = store.search(q, limit)
        except Exception as exc:  # noqa: BLE001 - a search text the store's parser refuses is the client's error
            log.info("search %r refused: %s", q, exc)
            raise HTTPException(400, "search text not understood") from None
        docs = store.get_documents(h["doc"] for h in hits)
        results = []
        for h in hits:
            d = docs.get(h["doc"])
            start, end = locate_snippet(d.text, h["snippet"]) if d else (None, None)
            results.append({"doc": h["doc"], "title": d.title if d else None, "snippet": h["snippet"],
                            "start": start, "end": end})
        return {"query": q, "results": results}

    return app


class _RoomPage:
    """The room is the live report page, which draws the whole situation: rendered once, on first request
    (the API routes never need it), and kept as HTML only."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.lock = threading.Lock()
        self.page: str | None = None

    def html(self) -> str:
        with self.lock:
            if self.page is None:
                from sitroom.export import html as html_report

                self.page = html_report.render(self.store.load(), live=True, cfg=self.settings.export)
            return self.page


def openapi_page(spec: dict) -> str:
    from html import escape

    rows = []
    for path, ops in sorted(spec.get("paths", {}).items()):
        for method, op in ops.items():
            params = ", ".join(
                f"{p['name']}{'' if p.get('required') else '?'}: {p.get('schema', {}).get('type', p.get('schema', {}).get('anyOf', [{}])[0].get('type', ''))}"
                for p in op.get("parameters", []))
            rows.append(f"<tr><td><code>{escape(method.upper())} {escape(path)}</code></td><td>{escape(op.get('summary', ''))}</td>"
                        f"<td><code>{escape(params)}</code></td></tr>")
    return ("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>sitroom API</title>"
            "<style>body{font:14px system-ui,sans-serif;margin:20px}td{border-bottom:1px solid #ddd;padding:4px 8px}</style>"
            f"</head><body><h1>sitroom API</h1><p>{escape(spec.get('info', {}).get('description', ''))} "
            "The machine-readable spec is at <a href=\"openapi.json\">openapi.json</a>.</p>"
            f"<table>{''.join(rows)}</table></body></html>")


def serve(target: str | Path | Store, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          settings: Settings | None = None) -> int:
    """Run the web room; refuses a non-loopback address without a token. Returns an exit code."""
    if not is_loopback(host) and not token:
        print(f"refusing to bind {host}: a non-local address needs --token (anyone on the network could read it).",
              file=sys.stderr)
        return 2
    settings = settings or Settings()
    try:
        app = create_app(target, token=token, settings=settings, host=host)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    import uvicorn

    where = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    print(f"sitroom serving {target} at {where} (Ctrl+C to stop)", file=sys.stderr)
    # Small header and concurrency limits: the room answers analysts, not floods.
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=200,
                h11_max_incomplete_event_size=settings.serve.max_header_bytes, server_header=False)
    return 0
