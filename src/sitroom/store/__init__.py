"""Stores: one small interface, a factory keyed by URL (SQLite default, PostgreSQL for scale)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from ..contract import Situation
from ..errors import SitroomError


class Store(ABC):
    @abstractmethod
    def save(self, situation: Situation) -> None:
        """Upsert every record (keys are content-derived ids, so a re-run adds no rows)."""

    @abstractmethod
    def load(self) -> Situation:
        """The situation as stored."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over sentences of article text: [{doc, snippet}]."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    def close(self) -> None:
        pass


def open_store(url: str | Path) -> Store:
    from .sql import SQLStore

    url = str(url)
    if url.startswith(("postgresql://", "postgresql+psycopg2://", "postgres://")):
        return SQLStore(url.replace("postgres://", "postgresql://", 1))
    if url.startswith("sqlite:///"):
        return SQLStore(url)
    if "://" in url:
        raise SitroomError("S030", detail=url)
    return SQLStore(f"sqlite:///{Path(url)}")
