"""The SQL store (SQLite or PostgreSQL) through SQLAlchemy Core.

Tables mirror the contract: one table per top-level list of `Situation`, one
column per field (lists and nested records as JSON text), `id` as key; plus
`analyses`, the per-document NLP results keyed by content, which make re-runs
incremental. Full-text search: an FTS5 table on SQLite, a GIN index on
PostgreSQL. Queries (`query`, `query_ids`, `get_documents`: the web room's
routes) filter and page in SQL, through the link index of store/index.py and
the conditions of store/query.py.

Writes are upserts (`INSERT … ON CONFLICT (id) DO UPDATE`, skipped when the row
is unchanged) in one transaction, rows in id order: several processes (Dask
workers, concurrent runs) saving overlapping situations neither lose nor
duplicate rows, and take row locks in the same order, so they do not deadlock
each other. SQLite writers take the write lock up front (`BEGIN IMMEDIATE`)
and wait for it instead of failing half-way; readers take none (`BEGIN`: a
snapshot beside the writer). A read-only store (`read_only=True`) creates and
upgrades nothing and refuses writes (SQLite `query_only`, PostgreSQL read-only
transactions); columns and tables an older store lacks read as defaults. An
in-memory SQLite store (`sqlite:///:memory:`) is one connection shared by all
threads, used by one thread at a time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import threading
import time
import typing
from collections.abc import Iterable

import pydantic_core
import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects import postgresql, sqlite

from sitroom.contract import (
    Analysis,
    Claim,
    Contradiction,
    ControlChange,
    Document,
    Entity,
    Event,
    Place,
    Quote,
    Rejected,
    Situation,
    Story,
    TimeExpr,
)
from sitroom.store import index
from sitroom.store.base import Filters, Store
from sitroom.store.query import conditions

log = logging.getLogger("sitroom")

TABLES: dict[str, type[BaseModel]] = {
    "documents": Document,
    "entities": Entity,
    "places": Place,
    "quotes": Quote,
    "claims": Claim,
    "events": Event,
    "control": ControlChange,
    "contradictions": Contradiction,
    "stories": Story,
    "rejected": Rejected,
    "times": TimeExpr,
}
SYNTHETIC_KEY = {"rejected": ("origin",), "times": ("doc", "start", "end")}
CHUNK = 500  # ids per IN (...) clause: under SQLite's variable limit
POSITION = "sitroom_pos"
RETRIES = 5  # a PostgreSQL deadlock or SQLite lock timeout is retried with the whole transaction
SCHEMA_LOCK = 7_270_001  # PostgreSQL advisory lock id: concurrent first opens create the tables once


def _base(annotation):
    """The scalar type behind Optional[X]; list/dict/model annotations are returned unchanged."""
    if typing.get_origin(annotation) in (list, dict, typing.Literal):
        return annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if args else annotation


def _coltype(annotation) -> sa.types.TypeEngine:
    base = _base(annotation)
    if base is bool:
        return sa.Boolean()
    if base is int:
        return sa.BigInteger()
    if base is float:
        return sa.Float()
    return sa.Text()  # strings, and JSON-encoded lists and records


def _is_json(annotation) -> bool:
    base = _base(annotation)
    return base not in (bool, int, float, str) and typing.get_origin(base) is not typing.Literal


def build_metadata() -> sa.MetaData:
    md = sa.MetaData()
    for name, model in TABLES.items():
        cols = [sa.Column("id", sa.String(200), primary_key=True)]
        for fname, f in model.model_fields.items():
            if fname == "id":
                continue
            typ = sa.Text() if typing.get_origin(f.annotation) is typing.Literal else _coltype(f.annotation)
            cols.append(sa.Column(fname, typ))
        cols.append(sa.Column(POSITION, sa.Integer()))  # the record's place in its list: load keeps the run's order
        sa.Table(name, md, *cols)
    sa.Table(
        "analyses", md,
        sa.Column("id", sa.String(200), primary_key=True),  # incremental.analysis_key
        sa.Column("doc", sa.String(200), index=True),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("data", sa.Text()),  # the Analysis as JSON
    )
    sa.Table("meta", md, sa.Column("id", sa.String(200), primary_key=True), sa.Column("value", sa.Text()))
    index.add_tables(md)
    return md


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(field, stored as JSON text) for every column but `id`: worked out once per model, not per row."""
    return tuple((f, _is_json(info.annotation)) for f, info in model.model_fields.items() if f != "id")


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _record_id(table: str, record: BaseModel) -> str:
    """A record's row id: its `id`, or for a table without one the fields that make it unique."""
    key = SYNTHETIC_KEY.get(table)
    return record.id if not key else ":".join(str(getattr(record, k)) for k in key)


def situation_digest(situation: Situation) -> str:
    """A digest of the whole situation, read one record at a time (its JSON was made whole before: a
    few hundred MB, held at once, for 10,000 reports)."""
    h = hashlib.sha1()
    for name in Situation.model_fields:
        value = getattr(situation, name)
        h.update(f"\0{name}:{len(value) if isinstance(value, list) else -1}\0".encode())
        for item in value if isinstance(value, list) else [value]:
            h.update(pydantic_core.to_json(item, by_alias=True))
            h.update(b"\n")
    return h.hexdigest()


def _decode(model: type[BaseModel], row) -> dict:
    """A stored row (the columns selected) as the record's plain data; NULL or absent: the field's default."""
    rec = {"id": row["id"]} if "id" in model.model_fields else {}
    for fname, is_json in _fields(model):
        v = row.get(fname)
        if v is not None:
            rec[fname] = json.loads(v) if is_json and isinstance(v, str) else v
    return rec


class SQLStore(Store):
    def __init__(self, url: str | sa.engine.URL, read_only: bool = False) -> None:
        self.url = url if isinstance(url, str) else url.render_as_string(hide_password=True)
        url = sa.engine.make_url(url)  # a URL object: a path's '?', '#' or '%' stays part of the path
        self.read_only = read_only
        self.is_sqlite = url.get_backend_name() == "sqlite"
        memory = self.is_sqlite and (url.database in (None, "", ":memory:") or url.query.get("mode") == "memory")
        self._lock = threading.RLock() if memory else contextlib.nullcontext()
        if self.is_sqlite:
            args: dict = {"timeout": 60}
            if memory:  # one database per connection: every thread must share the one
                args["check_same_thread"] = False
            self.engine = sa.create_engine(url, connect_args=args, **({"poolclass": sa.pool.StaticPool} if memory else {}))
            sa.event.listen(self.engine, "connect", functools.partial(_sqlite_connect, read_only=read_only))
            sa.event.listen(self.engine, "begin", _sqlite_begin)
            self._insert = sqlite.insert
        else:
            args = {"options": "-c default_transaction_read_only=on"} if read_only else {}
            self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=args)
            self._insert = postgresql.insert
        self._reader = self.engine.execution_options(sitroom_read=True)
        self.md = build_metadata()
        if read_only:
            self._inspect()
        else:
            self._columns = {t.name: {c.name for c in t.columns} for t in self.md.sorted_tables}
            self._retry(self._create_schema)
            self.indexed = True

    @contextlib.contextmanager
    def _reading(self):
        """A connection for reads: one snapshot, no write lock."""
        with self._lock, self._reader.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def _writing(self):
        if self.read_only:
            raise PermissionError(f"the store {self.engine.url!r} is opened read-only")
        with self._lock, self.engine.begin() as conn:
            yield conn

    def _inspect(self) -> None:
        """What a read-only store holds: its tables' columns, and whether it carries the current index."""
        with self._reading() as conn:
            inspector = sa.inspect(conn)
            names = set(inspector.get_table_names())
            self._columns = {n: {c["name"] for c in inspector.get_columns(n)} for n in names if n in self.md.tables}
            self.indexed = {"fact_index", "store_info"} <= names and index.is_current(conn, self.md)

    # ------------------------------------------------------------------ schema

    def _create_schema(self) -> None:
        with self._writing() as conn:
            if not self.is_sqlite:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
            self.md.create_all(conn)
            self._add_missing_columns(conn)
            if self.is_sqlite:
                conn.exec_driver_sql(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(doc UNINDEXED, text)"
                )
            else:
                conn.exec_driver_sql(
                    "CREATE INDEX IF NOT EXISTS documents_text_fts ON documents "
                    "USING GIN (to_tsvector('english', coalesce(text, '')))"
                )
            if not index.is_current(conn, self.md):  # new, or written before the index (or its version)
                index.rebuild(conn, self.md, functools.partial(self._records, conn))

    def _add_missing_columns(self, conn) -> None:
        """A store written by an older sitroom lacks the columns added since: add them (all nullable)."""
        inspector = sa.inspect(conn)
        for table in self.md.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for col in table.columns:
                if col.name not in have:
                    typ = col.type.compile(dialect=conn.dialect)
                    conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{col.name}" {typ}')

    def _retry(self, fn, *args, **kwargs):
        for attempt in range(RETRIES):
            try:
                return fn(*args, **kwargs)
            except sa.exc.OperationalError as exc:  # deadlock / lock timeout: the transaction rolled back
                if attempt == RETRIES - 1:
                    raise
                log.warning("store busy (%s), retrying", str(exc.orig).strip()[:80])
                time.sleep(0.2 * (attempt + 1))

    # ------------------------------------------------------------------ rows

    def _row(self, row_id: str, model: type[BaseModel], data: dict, position: int) -> dict:
        row = {"id": row_id, POSITION: position}
        for fname, is_json in _fields(model):
            v = data.get(fname)
            row[fname] = json.dumps(v, ensure_ascii=False, sort_keys=True) if is_json and v is not None else v
        return row

    def _upsert(self, conn, table: sa.Table, rows: list[dict]) -> None:
        stmt = self._insert(table)
        cols = [c.name for c in table.columns if c.name != "id"]
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c: stmt.excluded[c] for c in cols},
            # an unchanged row is not rewritten: re-saving the same situation writes nothing
            where=sa.or_(*[table.c[c].is_distinct_from(stmt.excluded[c]) for c in cols]),
        )
        conn.execute(stmt, rows)

    # ------------------------------------------------------------------ Store

    def save(self, situation: Situation, *, replace: bool = False) -> None:
        """One transaction: a killed run leaves the previous state intact."""
        self._retry(self._save, situation, replace)

    def _save(self, situation: Situation, replace: bool) -> None:
        meta = self.md.tables["meta"]
        wanted = dict(getattr(self, "pending_meta", {})) if replace else {}
        if replace:  # a store that mirrors one run: the digest of its whole content says if anything changed
            wanted["situation_digest"] = situation_digest(situation)
        with self._writing() as conn:
            stored = dict(conn.execute(sa.select(meta.c.id, meta.c.value)).all())
            if replace and stored == wanted:  # the very situation this store already holds
                self.pending_meta = {}
                return
            docs_before = self._hashes(conn)
            for name, model in TABLES.items():
                table, items = self.md.tables[name], getattr(situation, name)
                # the last record of each id, in id order; turned into rows a chunk at a time, so a large
                # situation is never held a second time as plain data and rows
                last = {_record_id(name, o): i for i, o in enumerate(items)}
                links: dict[str, set[tuple[str, str]]] = {}
                for chunk in _chunks(sorted(last)):
                    rows = []
                    for rid in chunk:
                        d = items[last[rid]].model_dump()
                        rows.append(self._row(rid, model, d, last[rid]))
                        if name in index.NEEDED:
                            links[rid] = index.links(name, d)
                    self._upsert(conn, table, rows)
                stale = []
                if replace:
                    stale = sorted(set(conn.execute(sa.select(table.c.id)).scalars()) - set(last))
                    for chunk in _chunks(stale):
                        conn.execute(table.delete().where(table.c.id.in_(chunk)))
                if name in index.NEEDED:
                    index.sync(conn, self.md, name, links, stale)
            if self.is_sqlite:
                self._index_text(conn, situation, docs_before, replace)
            if stored != wanted:
                conn.execute(meta.delete())
                if wanted:
                    conn.execute(meta.insert(), [{"id": k, "value": v} for k, v in sorted(wanted.items())])
        self.pending_meta = {}

    def _hashes(self, conn) -> dict[str, str]:
        t = self.md.tables["documents"]
        return {r[0]: r[1] for r in conn.execute(sa.select(t.c.id, t.c.content_hash))}

    def _index_text(self, conn, situation: Situation, before: dict[str, str], replace: bool) -> None:
        """Re-index only new or changed documents, so an unchanged re-run leaves the index untouched."""
        current = {d.id for d in situation.documents}
        gone = sorted(set(before) - current) if replace else []
        for doc_id in gone:
            conn.exec_driver_sql("DELETE FROM sentences_fts WHERE doc = ?", (doc_id,))
        for d in sorted(situation.documents, key=lambda d: d.id):
            if before.get(d.id) == d.content_hash and d.content_hash:
                continue
            conn.exec_driver_sql("DELETE FROM sentences_fts WHERE doc = ?", (d.id,))
            paras = [p for p in d.text.split("\n\n") if p.strip()]
            if paras:
                conn.exec_driver_sql(
                    "INSERT INTO sentences_fts (doc, text) VALUES " + ",".join(["(?, ?)"] * len(paras)),
                    tuple(x for p in paras for x in (d.id, p)),
                )

    def _select(self, name: str, exclude: Iterable[str] = ()) -> sa.Select:
        """The table's stored columns (but `exclude`), in the situation's order."""
        t, have = self.md.tables[name], self._columns[name]
        cols = [c for c in t.columns if c.name in have and c.name not in exclude and c.name != POSITION]
        order = [t.c[POSITION], t.c.id] if POSITION in have else [t.c.id]
        return sa.select(*cols).order_by(*order)

    def _records(self, conn, name: str, columns: Iterable[str]):
        """Stored records of a table as plain data, only `id` and `columns` (for the index)."""
        t = self.md.tables[name]
        cols = [t.c.id, *(t.c[c] for c in columns if c in self._columns[name])]
        for row in conn.execute(sa.select(*cols)).mappings():
            yield _decode(TABLES[name], row)

    def load(self) -> Situation:
        out: dict[str, list] = {}
        with self._reading() as conn:
            for name, model in TABLES.items():
                if name in self._columns:  # a table an older store lacks is empty
                    rows = conn.execute(self._select(name)).mappings()
                    out[name] = [model.model_validate(_decode(model, row)) for row in rows]
        return Situation(**out)

    def query(self, table: str, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0,
              exclude: Iterable[str] = ()) -> tuple[list[BaseModel], int]:
        model, where = TABLES[table], self._where(table, filters)
        if table not in self._columns:
            return [], 0
        t = self.md.tables[table]
        stmt = self._select(table, {e for e in exclude if e != "id"}).where(*where).offset(max(0, int(offset)))
        if limit is not None:
            stmt = stmt.limit(max(0, int(limit)))
        with self._reading() as conn:  # count and page from one snapshot
            total = conn.execute(sa.select(sa.func.count()).select_from(t).where(*where)).scalar_one()
            items = [model.model_validate(_decode(model, row)) for row in conn.execute(stmt).mappings()]
        return items, total

    def query_ids(self, table: str, filters: Filters | None = None) -> list[str]:
        where = self._where(table, filters)
        if table not in self._columns:
            return []
        t = self.md.tables[table]
        stmt = self._select(table).with_only_columns(t.c.id).where(*where)
        with self._reading() as conn:
            return list(conn.execute(stmt).scalars())

    def get_documents(self, ids: Iterable[str]) -> dict[str, Document]:
        wanted = sorted({i for i in ids if isinstance(i, str)})
        if not wanted or "documents" not in self._columns:
            return {}
        t, found = self.md.tables["documents"], {}
        with self._reading() as conn:
            for chunk in _chunks(wanted):
                for row in conn.execute(self._select("documents").where(t.c.id.in_(chunk))).mappings():
                    found[row["id"]] = Document.model_validate(_decode(Document, row))
        return found

    def _where(self, table: str, filters: Filters | None) -> list:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}: one of {', '.join(TABLES)}")
        if not self.indexed:
            raise RuntimeError("this store predates sitroom's query index and is opened read-only: "
                               "open it once for writing (e.g. re-run sitroom) or serve a copy")
        return conditions(self.md, table, filters, postgres=not self.is_sqlite)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        if not query.split():
            return []
        with self._reading() as conn:
            if self.is_sqlite:
                q = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
                rows = conn.exec_driver_sql(
                    "SELECT doc, snippet(sentences_fts, 1, '[', ']', '…', 16) FROM sentences_fts "
                    "WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                    (q, int(limit)),
                ).all()
            else:
                rows = conn.execute(
                    sa.text(
                        "SELECT id, ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6') "
                        "FROM documents, plainto_tsquery('english', :q) AS q "
                        "WHERE to_tsvector('english', coalesce(text, '')) @@ q "
                        "ORDER BY ts_rank(to_tsvector('english', coalesce(text, '')), q) DESC, id LIMIT :n"
                    ),
                    {"q": query, "n": int(limit)},
                ).all()
            return [{"doc": r[0], "snippet": r[1]} for r in rows]

    def counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return {
                n: conn.execute(sa.select(sa.func.count()).select_from(self.md.tables[n])).scalar_one()
                for n in (*TABLES, "analyses")
            }

    def get_meta(self, key: str) -> str | None:
        t = self.md.tables["meta"]
        with self._reading() as conn:
            return conn.execute(sa.select(t.c.value).where(t.c.id == key)).scalar_one_or_none()

    def analysis_data(self, keys: list[str]) -> dict[str, str]:
        t = self.md.tables["analyses"]
        found: dict[str, str] = {}
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(keys))):
                found.update((k, v) for k, v in conn.execute(sa.select(t.c.id, t.c.data).where(t.c.id.in_(chunk))))
        return found

    def has_analyses(self, keys: list[str]) -> set[str]:
        t = self.md.tables["analyses"]
        found: set[str] = set()
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(keys))):
                found.update(conn.execute(sa.select(t.c.id).where(t.c.id.in_(chunk))).scalars())
        return found

    def put_analyses(self, items: dict[str, tuple[str, str, Analysis]]) -> None:
        if items:
            self._retry(self._put_analyses, items)

    def _put_analyses(self, items: dict[str, tuple[str, str, Analysis]]) -> None:
        t = self.md.tables["analyses"]
        rows = [
            {"id": k, "doc": doc, "content_hash": h, "data": an.model_dump_json()}
            for k, (doc, h, an) in sorted(items.items())
        ]
        stmt = self._insert(t).on_conflict_do_nothing(index_elements=[t.c.id])
        with self._writing() as conn:
            for chunk in _chunks(rows):
                conn.execute(stmt, chunk)

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_connect(dbapi_conn, _record, read_only: bool = False) -> None:
    # sitroom emits BEGIN itself (see module doc); WAL lets readers run beside one writer
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    if read_only:
        cur.execute("PRAGMA query_only=ON")  # any write fails, whatever the URL says
    else:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_begin(conn) -> None:
    # a writer takes the write lock up front and waits for it; a reader only pins its snapshot
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("sitroom_read") else "BEGIN IMMEDIATE")
