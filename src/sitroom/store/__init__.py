"""Stores: one small interface (`base.py`), a factory keyed by URL (SQLite default, PostgreSQL for scale)."""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.store.base import Filters, Store
from sitroom.store.sql import SQLStore

__all__ = ["Filters", "Store", "open_store", "sqlite_url"]


def open_store(url: str | Path, *, read_only: bool = False) -> Store:
    """A store by URL or path. `read_only`: never write (no schema creation or upgrade either;
    what an older store lacks reads as defaults), for readers such as the web room."""
    if not isinstance(url, (str, Path)):  # a SQLAlchemy URL object (see `sqlite_url`)
        return SQLStore(url, read_only=read_only)
    url = str(url)
    if url.startswith(("postgresql", "postgres://")):
        _require_postgres_driver(url)
    if url.startswith(("postgresql://", "postgres://")):
        # the driver we depend on (psycopg2-binary); SQLAlchemy 2.1 would pick psycopg 3
        return SQLStore("postgresql+psycopg2://" + url.split("://", 1)[1], read_only=read_only)
    if url.startswith("postgresql+"):
        return SQLStore(url, read_only=read_only)
    if url.startswith("sqlite:///"):
        return SQLStore(url, read_only=read_only)
    if "://" in url:
        raise SitroomError("S030", detail=url)
    return SQLStore(sqlite_url(Path(url)), read_only=read_only)


def _require_postgres_driver(url: str) -> None:
    """A PostgreSQL URL on an install without its driver: the coded error naming the extra, not a traceback.
    Only the driver sitroom installs (psycopg2) is checked; another `postgresql+DRIVER://` is the user's choice."""
    if "+" in url.split("://", 1)[0] and not url.startswith("postgresql+psycopg2://"):
        return
    try:
        import psycopg2  # noqa: F401  (optional: the `postgres` extra)
    except ImportError as exc:
        raise SitroomError("S080", feature="a PostgreSQL store", detail="psycopg2", extra="postgres") from exc


def sqlite_url(path: Path, *, read_only: bool = False):
    """The SQLAlchemy URL of the SQLite file at `path`, whatever characters the path holds ('?', '#', '%', spaces):
    built as a URL object, never by pasting the path into URL text (where '?' would start a query string and
    '%41' be unquoted). Read-only: SQLite's URI form with `mode=ro`, the path percent-quoted once for SQLite."""
    from urllib.parse import quote

    import sqlalchemy as sa

    if not read_only:
        return sa.engine.URL.create("sqlite", database=str(path))
    return sa.engine.URL.create("sqlite", database="file:" + quote(str(path.resolve()), safe="/"),
                                query={"mode": "ro", "uri": "true"})
