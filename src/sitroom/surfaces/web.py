"""`sitroom serve`: the web room and a read-only JSON API over a stored situation.

`create_app(target, token)` builds the FastAPI app (tests drive it with
TestClient); `serve(...)` runs it under uvicorn. Safety, in order of the
request's path: loopback by default and no non-local binding without a token;
long request lines refused; only GET/HEAD; the token checked in constant time
(as a bearer header or `?token=`); every parameter validated with a pattern or
a bound; pages capped; no route touches the filesystem after start-up (documents
are looked up by id in memory, so there is no path to traverse); search goes
through the store's bound-parameter FTS query.
"""

# No `from __future__ import annotations`: FastAPI must see the local Annotated aliases at runtime.

import hmac
import ipaddress
import json
import sys
from pathlib import Path
from typing import Annotated, Callable, Iterable, Optional

from sitroom.contract import Situation
from sitroom.settings import Serve, Settings

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DOC_ID = r"^[A-Za-z0-9_.:\-]{1,200}$"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --------------------------------------------------------------------------- loading


def load_target(target: str | Path):
    """(situation, store or None) from an output folder, a sitroom.db, or a situation.json."""

    path = Path(target)
    if path.is_dir():
        db, js = path / "sitroom.db", path / "situation.json"
    elif path.suffix == ".json":
        db, js = None, path
    else:
        db, js = path, None
    store, sit, problem = None, None, None
    if db is not None and db.is_file():
        store = _open_read_only(db)
        try:
            sit = store.load()
        except Exception as exc:  # e.g. a database written by an older contract: the JSON still serves
            problem = exc
    if sit is None and js is not None and js.is_file():
        sit = Situation.model_validate(json.loads(js.read_text(encoding="utf-8")))
    if sit is None:
        raise FileNotFoundError(f"no readable sitroom.db or situation.json at {path}" + (f" ({problem})" if problem else ""))
    return sit, store


def _open_read_only(db: Path):
    from sitroom.store import open_store

    try:  # SQLite's read-only mode: the web room can never write to the analyst's database
        return open_store(f"sqlite:///file:{db.resolve()}?mode=ro&uri=true")
    except Exception:
        return open_store(db)


# --------------------------------------------------------------------------- filters


def _docs_of(fact) -> set[str]:
    return {e.doc for e in fact.evidence} | set(getattr(fact, "documents", []) or [])


class Filters:
    """The filters shared by the fact routes; each one matches ids or names, case-insensitively."""

    def __init__(self, sit: Situation) -> None:
        self.sit = sit
        self.entity_names = {e.id: {e.name.lower(), *(a.lower() for a in e.aliases)} for e in sit.entities}
        self.place_names = {p.id: {p.name.lower(), *(a.lower() for a in p.aliases)} for p in sit.places}
        self.outlets = {d.id: (d.source or "").lower() for d in sit.documents}
        self.story_docs = {s.id: set(s.documents) for s in sit.stories}

    def date_ok(self, date: Optional[str], date_from: Optional[str], date_to: Optional[str]) -> bool:
        if not date_from and not date_to:
            return True
        if not date:
            return False
        if date_from and date[: len(date_from)] < date_from:
            return False
        return not (date_to and date[: len(date_to)] > date_to)

    def entity_ok(self, ids: Iterable[Optional[str]], wanted: Optional[str], names: Iterable[Optional[str]] = ()) -> bool:
        if not wanted:
            return True
        w = wanted.lower()
        return any(i == wanted or w in self.entity_names.get(i or "", ()) for i in ids) or any(
            n and n.lower() == w for n in names)

    def place_ok(self, place_id: Optional[str], wanted: Optional[str]) -> bool:
        return not wanted or place_id == wanted or wanted.lower() in self.place_names.get(place_id or "", ())

    def source_ok(self, docs: set[str], wanted: Optional[str]) -> bool:
        return not wanted or any(d == wanted or self.outlets.get(d) == wanted.lower() for d in docs)

    def story_ok(self, docs: set[str], story: Optional[str]) -> bool:
        return not story or bool(docs & self.story_docs.get(story, set()))


def page(items: list, limit: int, offset: int) -> dict:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": [i.model_dump(mode="json") for i in items[offset: offset + limit]]}


def locate_snippet(text: str, snippet: str) -> tuple[Optional[int], Optional[int]]:
    """Offsets of an FTS snippet's longest literal piece in the clean text (the snippet marks hits with [ ])."""
    pieces = [p.strip() for p in snippet.replace("[", "").replace("]", "").split("…")]
    piece = max(pieces, key=len, default="")
    if not piece:
        return None, None
    start = text.find(piece)
    return (start, start + len(piece)) if start >= 0 else (None, None)


# --------------------------------------------------------------------------- app


def create_app(target: str | Path, token: Optional[str] = None, settings: Settings | None = None):
    from fastapi import FastAPI, HTTPException, Query, Request
    from fastapi import Path as PathParam
    from fastapi.responses import HTMLResponse, JSONResponse

    from sitroom.export import html as html_report

    cfg: Serve = (settings or Settings()).serve
    sit, store = load_target(target)
    filters = Filters(sit)
    docs = {d.id: d for d in sit.documents}
    page_html = html_report.render(sit, live=True, cfg=(settings or Settings()).export)

    app = FastAPI(title="sitroom", version="1", docs_url=None, redoc_url=None,
                  description="Read-only API over a sitroom situation: every fact with its evidence.")
    app.state.situation, app.state.store = sit, store

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable):
        raw_len = len(request.url.path) + len(request.url.query)
        if raw_len > cfg.max_url_chars:
            return JSONResponse({"detail": "request line too long"}, status_code=414)
        if request.method not in ("GET", "HEAD"):
            return JSONResponse({"detail": "sitroom serve is read-only"}, status_code=405, headers={"Allow": "GET, HEAD"})
        if token is not None:
            auth = request.headers.get("authorization", "")
            given = auth[7:] if auth.lower().startswith("bearer ") else request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"detail": "missing or wrong token"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
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
    DateQ = Annotated[Optional[str], Query(pattern=DATE, description="ISO date, month or year")]
    Text = Annotated[Optional[str], Query(min_length=1, max_length=cfg.max_query_chars)]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def room() -> HTMLResponse:
        return HTMLResponse(page_html)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        # FastAPI's Swagger page loads its code from a CDN; this one is drawn here, offline.
        return HTMLResponse(openapi_page(app.openapi()))

    @app.get("/api/stories", summary="Stories with summary, highlights and timeline")
    def stories(limit: Limit = cfg.default_page_size, offset: Offset = 0, source: Text = None):
        items = [s for s in sit.stories if filters.source_ok(set(s.documents), source)]
        return page(items, limit, offset)

    @app.get("/api/events", summary="Events, filtered")
    def events(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, actor: Text = None,
               type: Text = None, source: Text = None, story: Text = None,
               limit: Limit = cfg.default_page_size, offset: Offset = 0):
        items = [e for e in sit.events
                 if filters.date_ok(e.date, date_from, date_to) and filters.place_ok(e.place, place)
                 and filters.entity_ok(e.actors, actor) and (not type or type in (e.type, e.subtype))
                 and filters.source_ok(_docs_of(e), source) and filters.story_ok(_docs_of(e), story)]
        return page(items, limit, offset)

    @app.get("/api/claims", summary="Figures (numeric claims) with attribution, filtered")
    def claims(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, kind: Text = None,
               source: Text = None, story: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        items = [c for c in sit.claims
                 if filters.date_ok(c.date, date_from, date_to) and filters.place_ok(c.place, place)
                 and (not kind or c.kind == kind) and filters.source_ok(_docs_of(c), source)
                 and filters.story_ok(_docs_of(c), story)]
        return page(items, limit, offset)

    @app.get("/api/quotes", summary="Quotes with speakers and roles, filtered")
    def quotes(date_from: DateQ = None, date_to: DateQ = None, actor: Text = None, source: Text = None,
               story: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        items = [q for q in sit.quotes
                 if filters.date_ok(q.date, date_from, date_to) and filters.entity_ok([q.speaker], actor, [q.speaker_name])
                 and filters.source_ok(_docs_of(q), source) and filters.story_ok(_docs_of(q), story)]
        return page(items, limit, offset)

    @app.get("/api/control", summary="Territorial control statements, filtered")
    def control(date_from: DateQ = None, date_to: DateQ = None, place: Text = None, actor: Text = None,
                source: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        items = [c for c in sit.control
                 if filters.date_ok(c.date, date_from, date_to) and filters.place_ok(c.place, place)
                 and filters.entity_ok([c.actor], actor) and filters.source_ok(_docs_of(c), source)]
        return page(items, limit, offset)

    @app.get("/api/places", summary="Places with coordinates")
    def places(limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page(sit.places, limit, offset)

    @app.get("/api/contradictions", summary="Contradicting facts, paired")
    def contradictions(limit: Limit = cfg.default_page_size, offset: Offset = 0):
        return page(sit.contradictions, limit, offset)

    @app.get("/api/documents", summary="Documents (without their text)")
    def documents(source: Text = None, limit: Limit = cfg.default_page_size, offset: Offset = 0):
        items = [d for d in sit.documents if filters.source_ok({d.id}, source)]
        out = page(items, limit, offset)
        for it in out["items"]:
            it.pop("text", None)
            it.pop("removed", None)
        return out

    @app.get("/api/documents/{doc_id}", summary="One document's clean text and the facts it states")
    def document(doc_id: Annotated[str, PathParam(pattern=DOC_ID)]):
        doc = docs.get(doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        facts = {kind: [f.id for f in getattr(sit, kind) if doc_id in _docs_of(f)]
                 for kind in ("events", "claims", "quotes", "control")}
        return {"document": doc.model_dump(mode="json"), "facts": facts}

    @app.get("/api/search", summary="Full-text search over the articles (SQLite FTS5)")
    def search(q: Annotated[str, Query(min_length=1, max_length=cfg.max_query_chars)],
               limit: Annotated[int, Query(ge=1, le=cfg.max_page_size)] = 20):
        hits = store.search(q, limit) if store is not None else _scan(sit, q, limit)
        results = []
        for h in hits:
            d = docs.get(h["doc"])
            start, end = locate_snippet(d.text, h["snippet"]) if d else (None, None)
            results.append({"doc": h["doc"], "title": d.title if d else None, "snippet": h["snippet"],
                            "start": start, "end": end})
        return {"query": q, "results": results}

    return app


def _scan(sit: Situation, q: str, limit: int) -> list[dict]:
    """Search without a database (a bare situation.json): paragraphs that contain every word."""
    words = q.lower().split()
    out = []
    for d in sit.documents:
        for para in d.text.split("\n\n"):
            if all(w in para.lower() for w in words):
                out.append({"doc": d.id, "snippet": para[:300]})
                if len(out) >= limit:
                    return out
    return out


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


def serve(target: str | Path, host: str = "127.0.0.1", port: int = 8765, token: Optional[str] = None) -> int:
    """Run the web room; refuses a non-loopback address without a token. Returns an exit code."""
    if not is_loopback(host) and not token:
        print(f"refusing to bind {host}: a non-local address needs --token (anyone on the network could read it).",
              file=sys.stderr)
        return 2
    try:
        app = create_app(target, token=token)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    import uvicorn

    where = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    print(f"sitroom serving {target} at {where} (Ctrl+C to stop)", file=sys.stderr)
    # Small header and concurrency limits: the room answers analysts, not floods.
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=200,
                h11_max_incomplete_event_size=16_384, server_header=False)
    return 0
