"""`Filters` as SQLAlchemy Core conditions: the same expressions on SQLite and PostgreSQL.

Every value a caller gives becomes a bound parameter, never SQL text. Filters on what a record
links to (its documents, actors, names) are `id IN (subquery)` on the query index (see
store/index.py), whose values are lower-cased in Python as the filter values are here.
"""

from __future__ import annotations

import sqlalchemy as sa

from sitroom.store.base import Filters

_FACT = {"date_from", "date_to", "source", "story", "doc"}
FILTERS: dict[str, set[str]] = {
    "events": _FACT | {"place", "actor", "type"},
    "claims": _FACT | {"place", "kind"},
    "quotes": _FACT | {"actor"},
    "control": _FACT | {"place", "actor"},
    "stories": {"source"},
    "documents": {"source"},
}


def conditions(md: sa.MetaData, table: str, filters: Filters | None, postgres: bool) -> list:
    """The WHERE clauses (ANDed) that select `table`'s records matching `filters`."""
    given = filters.given() if filters else {}
    unknown = sorted(set(given) - FILTERS.get(table, set()))
    if unknown:
        raise ValueError(f"{table} cannot be filtered by {', '.join(unknown)}")
    t, fi = md.tables[table], md.tables["fact_index"]

    def ids(kind: str, rel: str, match) -> sa.Select:
        """ids of `kind` records with a `rel` link whose value satisfies `match(value column)`."""
        a = fi.alias()
        return sa.select(a.c.id).where(a.c.kind == kind, a.c.rel == rel, match(a.c.value))

    def named(kind: str, rel: str, wanted: str) -> sa.Select:
        return ids(kind, rel, lambda v: v == wanted.lower())

    def linked(rel: str, match):
        return t.c.id.in_(ids(table, rel, match))

    def prefix(n: int):
        # the record's date cut to the filter's precision, compared code point by code point (as Python does)
        cut = sa.func.substr(t.c.date, 1, n)
        return cut.collate("C") if postgres else cut

    out = []
    if "date_from" in given or "date_to" in given:  # an undated record matches no date filter
        out.append(sa.and_(t.c.date.is_not(None), t.c.date != ""))
    if "date_from" in given:
        out.append(prefix(len(given["date_from"])) >= given["date_from"])
    if "date_to" in given:
        out.append(prefix(len(given["date_to"])) <= given["date_to"])
    if "place" in given:
        w = given["place"]
        out.append(sa.or_(t.c.place == w, t.c.place.in_(named("places", "name", w))))
    if "actor" in given:
        w = given["actor"]
        by_id_or_name = linked("actor", lambda v: sa.or_(v == w, v.in_(named("entities", "name", w))))
        if table == "quotes":  # also the speaker as the report names them
            by_id_or_name = sa.or_(by_id_or_name, linked("actor_name", lambda v: v == w.lower()))
        out.append(by_id_or_name)
    if "type" in given:
        out.append(sa.or_(t.c.type == given["type"], t.c.subtype == given["type"]))
    if "kind" in given:
        out.append(t.c.kind == given["kind"])
    if "source" in given:
        w = given["source"]
        if table == "documents":
            out.append(sa.or_(t.c.id == w, t.c.id.in_(named("documents", "source", w))))
        else:
            out.append(linked("doc", lambda v: sa.or_(v == w, v.in_(named("documents", "source", w)))))
    if "story" in given:
        story = fi.alias()
        docs = sa.select(story.c.value).where(story.c.kind == "stories", story.c.id == given["story"],
                                              story.c.rel == "doc")
        out.append(linked("doc", lambda v: v.in_(docs)))
    if "doc" in given:
        out.append(linked("doc", lambda v: v == given["doc"]))
    return out
