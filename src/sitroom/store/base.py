"""The store interface (`Store`) and what its queries select (`Filters`); `sql.py` implements it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, fields

from pydantic import BaseModel

from sitroom.contract import Analysis, Document, Situation


@dataclass(frozen=True)
class Filters:
    """What `Store.query` selects; every given filter must hold (AND). Names and outlets match
    case-insensitively, ids exactly; a table answers only the filters that make sense for it
    (`FILTERS` in store/query.py), any other raises ValueError.

    date_from / date_to: the record's `date`, compared on the filter's own precision
      ("2014" keeps every date of 2014, "2014-06-16" … from that day); undated records never match.
    place: the place id, or a name or alias of the place.
    actor: an entity id, or a name or alias of the entity (events: any actor; quotes: the speaker,
      also by the speaker name as reported; control: the actor).
    type: an event's type or sub-type.  kind: a claim's kind.
    source: a document id, or the outlet (`Document.source`) of one of the record's documents.
    story: a story id: the record cites one of that story's documents.
    doc: a document id the record cites (its evidence or `documents`).
    """

    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    actor: str | None = None
    type: str | None = None
    kind: str | None = None
    source: str | None = None
    story: str | None = None
    doc: str | None = None

    def given(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


class Store(ABC):
    # False only for a read-only store written before sitroom kept the query index: `query` and
    # friends cannot answer from it; copy it into a writable store (`save(load())`) to serve it.
    indexed: bool = True

    @abstractmethod
    def save(self, situation: Situation, *, replace: bool = False) -> None:
        """Upsert every record (keys are content-derived ids, so a re-run adds no rows);
        with `replace`, also drop the records the situation no longer holds."""

    @abstractmethod
    def load(self) -> Situation:
        """The situation as stored."""

    @abstractmethod
    def query(self, table: str, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0,
              exclude: Iterable[str] = ()) -> tuple[list[BaseModel], int]:
        """(one page of a table's records, how many match in all): `table` is a list of `Situation`
        ("events", "documents" …), records in the situation's order; `exclude` leaves fields at
        their defaults (e.g. a document's `text`). Filtering and paging happen in the database."""

    @abstractmethod
    def query_ids(self, table: str, filters: Filters | None = None) -> list[str]:
        """The ids of every record of `table` that matches, in the situation's order."""

    @abstractmethod
    def get_documents(self, ids: Iterable[str]) -> dict[str, Document]:
        """The stored documents among `ids`, by id."""

    def get_document(self, doc_id: str) -> Document | None:
        return self.get_documents([doc_id]).get(doc_id)

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over the paragraphs of article text: [{doc, snippet}]."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table."""

    def get_analyses(self, keys: list[str]) -> dict[str, Analysis]:
        """Stored per-document analyses by cache key (see `stages.cache.analysis_key`); misses are absent."""
        return {k: Analysis.model_validate_json(v) for k, v in self.analysis_data(keys).items()}

    @abstractmethod
    def analysis_data(self, keys: list[str]) -> dict[str, str]:
        """The stored analyses among `keys` as their JSON text, unparsed (the caller decides how to
        build them: `stages.cache` shares equal strings across documents)."""

    @abstractmethod
    def has_analyses(self, keys: list[str]) -> set[str]:
        """Which of `keys` the store holds an analysis for, without reading the analyses."""

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
