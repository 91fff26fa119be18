"""Stores: one small interface, a factory keyed by URL (SQLite default, PostgreSQL for scale)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from sitroom.contract import Analysis, Situation
from sitroom.errors import SitroomError


class Store(ABC):
    @abstractmethod
    def save(self, situation: Situation, *, replace: bool = False) -> None:
        """Upsert every record (keys are content-derived ids, so a re-run adds no rows);
        with `replace`, also drop the records the situation no longer holds."""

    @abstractmethod
    def load(self) -> Situation:
        """The situation as stored."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over the paragraphs of article text: [{doc, snippet}]."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def get_analyses(self, keys: list[str]) -> dict[str, Analysis]:
        """Stored per-document analyses by cache key (see `incremental.analysis_key`); misses are absent."""

    @abstractmethod
    def put_analyses(self, items: dict[str, tuple[str, str, Analysis]]) -> None:
        """Store analyses: {key: (doc id, content hash, analysis)}; an existing key is kept as is."""

    @abstractmethod
    def get_meta(self, key: str) -> str | None:
        """A value recorded with the last replacing save (see `record_with_next_replace`)."""

    def record_with_next_replace(self, key: str, value: str) -> None:
        """Store `value` under `key` in the same transaction as the next `save(..., replace=True)`,
        i.e. only once the store holds exactly that run's situation; any other save clears it."""
        self.pending_meta = {**getattr(self, "pending_meta", {}), key: value}

    def close(self) -> None:
        pass


def open_store(url: str | Path) -> Store:
    from sitroom.store.sql import SQLStore

    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        # the driver we depend on (psycopg2-binary); SQLAlchemy 2.1 would pick psycopg 3
        return SQLStore("postgresql+psycopg2://" + url.split("://", 1)[1])
    if url.startswith("postgresql+"):
        return SQLStore(url)
    if url.startswith("sqlite:///"):
        return SQLStore(url)
    if "://" in url:
        raise SitroomError("S030", detail=url)
    return SQLStore(f"sqlite:///{Path(url)}")
