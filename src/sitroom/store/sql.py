"""The SQL store (SQLite or PostgreSQL) through SQLAlchemy Core.

Tables mirror the contract: one table per top-level list of `Situation`, one
column per field (lists and nested records as JSON text), `id` as key. SQLite
adds an FTS5 index over document text.
"""

from __future__ import annotations

import json
import typing

import sqlalchemy as sa
from pydantic import BaseModel

from ..contract import (
    ControlChange, Claim, Contradiction, Document, Entity, Event, Place, Quote, Rejected, Situation, Story, TimeExpr,
)
from . import Store

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
    if base is str:
        return sa.Text()
    return sa.Text()  # JSON-encoded lists and records


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
        sa.Table(name, md, *cols)
    return md


class SQLStore(Store):
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = sa.create_engine(url, future=True)
        self.md = build_metadata()
        self.is_sqlite = url.startswith("sqlite")
        with self.engine.begin() as conn:
            self.md.create_all(conn)
            if self.is_sqlite:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
                conn.exec_driver_sql(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(doc UNINDEXED, text)"
                )

    def _row(self, table: str, model: type[BaseModel], obj: BaseModel) -> dict:
        data = obj.model_dump()
        key = SYNTHETIC_KEY.get(table)
        row = {"id": data.get("id") if not key else ":".join(str(data.get(k)) for k in key)}
        for fname, f in model.model_fields.items():
            if fname == "id":
                continue
            v = data.get(fname)
            row[fname] = json.dumps(v, ensure_ascii=False, sort_keys=True) if _is_json(f.annotation) and v is not None else v
        return row

    def save(self, situation: Situation) -> None:
        """One transaction: a killed run leaves the previous state intact."""
        with self.engine.begin() as conn:
            for name, model in TABLES.items():
                table = self.md.tables[name]
                rows = {r["id"]: r for r in (self._row(name, model, o) for o in getattr(situation, name))}
                if not rows:
                    continue
                ids = list(rows)
                for i in range(0, len(ids), 500):
                    conn.execute(table.delete().where(table.c.id.in_(ids[i : i + 500])))
                conn.execute(table.insert(), list(rows.values()))
            if self.is_sqlite:
                for d in situation.documents:
                    conn.exec_driver_sql("DELETE FROM sentences_fts WHERE doc = ?", (d.id,))
                    paras = [p for p in d.text.split("\n\n") if p.strip()]
                    conn.exec_driver_sql(
                        "INSERT INTO sentences_fts (doc, text) VALUES " + ",".join(["(?, ?)"] * len(paras)),
                        tuple(x for p in paras for x in (d.id, p)),
                    ) if paras else None

    def load(self) -> Situation:
        out: dict[str, list] = {}
        with self.engine.connect() as conn:
            for name, model in TABLES.items():
                table = self.md.tables[name]
                recs = []
                for row in conn.execute(sa.select(table).order_by(table.c.id)).mappings():
                    rec = {}
                    for fname, f in model.model_fields.items():
                        v = row[fname]
                        rec[fname] = json.loads(v) if _is_json(f.annotation) and isinstance(v, str) else v
                    recs.append(model.model_validate(rec))
                out[name] = recs
        return Situation(**out)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        with self.engine.connect() as conn:
            if self.is_sqlite:
                q = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
                rows = conn.exec_driver_sql(
                    "SELECT doc, snippet(sentences_fts, 1, '[', ']', '…', 16) FROM sentences_fts "
                    "WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                    (q, int(limit)),
                ).all()
                return [{"doc": r[0], "snippet": r[1]} for r in rows]
            t = self.md.tables["documents"]
            rows = conn.execute(sa.select(t.c.id, t.c.text).where(t.c.text.ilike(f"%{query}%")).limit(limit)).all()
            return [{"doc": r[0], "snippet": r[1][:200]} for r in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {n: conn.execute(sa.select(sa.func.count()).select_from(self.md.tables[n])).scalar_one() for n in TABLES}

    def close(self) -> None:
        self.engine.dispose()
