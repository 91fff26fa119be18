"""The query index: what each record links to, one row per link, so that filters are SQL lookups.

`fact_index(kind, id, rel, value)`: `kind` names the table, `id` the record, and `rel` says what
`value` is:

- "doc": a document the record cites (facts: their evidence and `documents`; stories: `documents`);
- "actor": an entity id (an event's actors, a quote's speaker, a control change's actor);
- "actor_name": a quote's speaker name as reported, lower-cased;
- "name": a name or alias of an entity or a place, lower-cased;
- "source": a document's outlet, lower-cased.

Lower-casing happens here in Python (`str.lower`), as the filters lower-case what they look
for, so a name matches alike on SQLite and PostgreSQL whatever their locale or extensions. The
rows are written in the same transaction as the records they index, and only where a record's
links changed (an unchanged re-save writes nothing). A store written before the index gets it
built when first opened for writing (`store_info` records that it was).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa

VERSION = "1"  # bump when `links` changes: stores are re-indexed on their next writable open
MARKER = "fact_index"
FACTS = ("events", "claims", "quotes", "control")
# the columns each indexed table's links are made of
NEEDED: dict[str, tuple[str, ...]] = {
    "documents": ("source",),
    "entities": ("name", "aliases"),
    "places": ("name", "aliases"),
    "events": ("evidence", "documents", "actors"),
    "claims": ("evidence", "documents"),
    "quotes": ("evidence", "speaker", "speaker_name"),
    "control": ("evidence", "documents", "actor"),
    "stories": ("documents",),
}
CHUNK = 500


def add_tables(md: sa.MetaData) -> None:
    sa.Table(
        "fact_index", md,
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("rel", sa.String(20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Index("fact_index_record", "kind", "id"),
        # a hash index on PostgreSQL: equality is all it serves, and it takes values of any length
        sa.Index("fact_index_value", "value", postgresql_using="hash"),
    )
    sa.Table("store_info", md, sa.Column("id", sa.String(200), primary_key=True), sa.Column("value", sa.Text()))


def links(table: str, rec: dict) -> set[tuple[str, str]]:
    """(rel, value) for one record given as plain data (a `model_dump()`, or a stored row decoded)."""
    get = rec.get
    out: set[tuple[str, str]] = set()
    if table in FACTS:
        out |= {("doc", e["doc"]) for e in get("evidence") or [] if e.get("doc") is not None}
    if table in FACTS or table == "stories":
        out |= {("doc", d) for d in get("documents") or [] if d is not None}
    if table == "events":
        out |= {("actor", a) for a in get("actors") or [] if a}
    elif table == "quotes":
        if get("speaker"):
            out.add(("actor", get("speaker")))
        if get("speaker_name"):
            out.add(("actor_name", get("speaker_name").lower()))
    elif table == "control" and get("actor"):
        out.add(("actor", get("actor")))
    elif table in ("entities", "places"):
        out |= {("name", n.lower()) for n in [get("name"), *(get("aliases") or [])] if n}
    elif table == "documents" and get("source"):
        out.add(("source", get("source").lower()))
    return out


def _rows(kind: str, wanted: dict[str, set[tuple[str, str]]], ids: Iterable[str]) -> list[dict]:
    return [{"kind": kind, "id": i, "rel": r, "value": v} for i in ids for r, v in sorted(wanted[i])]


def insert(conn, md: sa.MetaData, rows: list[dict]) -> None:
    fi = md.tables["fact_index"]
    for i in range(0, len(rows), CHUNK):
        conn.execute(fi.insert(), rows[i : i + CHUNK])


def sync(conn, md: sa.MetaData, kind: str, wanted: dict[str, set[tuple[str, str]]], dropped: list[str]) -> None:
    """Make the index rows of the records in `wanted` ({id: links}) exactly those; drop those of `dropped`.

    Called after the records themselves were upserted, so on PostgreSQL this transaction holds
    their row locks: no other writer changes the same records' index rows meanwhile."""
    fi = md.tables["fact_index"]
    have: dict[str, set[tuple[str, str]]] = defaultdict(set)
    ids = sorted(wanted)
    for i in range(0, len(ids), CHUNK):
        sel = sa.select(fi.c.id, fi.c.rel, fi.c.value).where(fi.c.kind == kind, fi.c.id.in_(ids[i : i + CHUNK]))
        for rid, rel, value in conn.execute(sel):
            have[rid].add((rel, value))
    changed = [i for i in ids if have.get(i, set()) != wanted[i]]
    gone = [i for i in changed if i in have] + sorted(dropped)
    for i in range(0, len(gone), CHUNK):
        conn.execute(fi.delete().where(fi.c.kind == kind, fi.c.id.in_(gone[i : i + CHUNK])))
    insert(conn, md, _rows(kind, wanted, changed))


def is_current(conn, md: sa.MetaData) -> bool:
    info = md.tables["store_info"]
    return conn.execute(sa.select(info.c.value).where(info.c.id == MARKER)).scalar_one_or_none() == VERSION


def rebuild(conn, md: sa.MetaData, records) -> None:
    """Index every stored record anew; `records(table, columns)` yields them as decoded dicts with `id`."""
    conn.execute(md.tables["fact_index"].delete())
    for table, cols in NEEDED.items():
        batch: dict[str, set[tuple[str, str]]] = {}
        for rec in records(table, cols):
            batch[rec["id"]] = links(table, rec)
            if len(batch) >= CHUNK:
                insert(conn, md, _rows(table, batch, sorted(batch)))
                batch = {}
        insert(conn, md, _rows(table, batch, sorted(batch)))
    info = md.tables["store_info"]
    conn.execute(info.delete().where(info.c.id == MARKER))
    conn.execute(info.insert(), [{"id": MARKER, "value": VERSION}])
