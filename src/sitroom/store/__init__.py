"""Stores: one small interface (`base.py`), a factory keyed by URL (SQLite default, PostgreSQL for scale)."""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.store.base import Filters, Store
from sitroom.store.sql import SQLStore

__all__ = ["Filters", "Store", "open_store"]


def open_store(url: str | Path, *, read_only: bool = False) -> Store:
    """A store by URL or path. `read_only`: never write (no schema creation or upgrade either;
    what an older store lacks reads as defaults), for readers such as the web room."""
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        # the driver we depend on (psycopg2-binary); SQLAlchemy 2.1 would pick psycopg 3
        return SQLStore("postgresql+psycopg2://" + url.split("://", 1)[1], read_only=read_only)
    if url.startswith("postgresql+"):
        return SQLStore(url, read_only=read_only)
    if url.startswith("sqlite:///"):
        return SQLStore(url, read_only=read_only)
    if "://" in url:
        raise SitroomError("S030", detail=url)
    return SQLStore(f"sqlite:///{Path(url)}", read_only=read_only)
