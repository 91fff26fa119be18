"""Independent sources: the one definition every count of sources uses.

Independent sources are outlets and wire origins after dedup: copies of one report
(`duplicate_of`, or a `near_copy` reuse link) and reports that share at least
`settings.dedup.syndication_overlap` of their text with another are one source, so
three copies of one CNN report are one source. `source_groups` maps each document
to its group's id (the group's original: its earliest-dated report, else the first
given); `count_sources` counts groups. Merged facts count their sources with it, the
stories stage records it as `Document.syndication_group`, and the summaries count
support by it.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from sitroom.contract import Document
from sitroom.settings import Settings


class UnionFind:
    """Groups of the positions 0..n-1, joined pair by pair."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        self.parent[self.find(x)] = self.find(y)

    def groups(self) -> list[list[int]]:
        """Each group's positions in order, groups in the order of their first position."""
        members: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            members.setdefault(self.find(i), []).append(i)
        return list(members.values())


def source_groups(documents: Sequence[Document], settings: Settings | None = None) -> dict[str, str]:
    """doc id -> id of its independent source (the original, earliest report of its group).

    Copies and reports sharing at least `settings.dedup.syndication_overlap` of their text
    with another are one group; links to documents not given are ignored.
    """
    threshold = (settings or Settings()).dedup.syndication_overlap
    index = {d.id: i for i, d in enumerate(documents)}
    uf = UnionFind(len(documents))
    for i, d in enumerate(documents):
        if d.duplicate_of in index:
            uf.union(i, index[d.duplicate_of])
        for r in d.reuse:
            if r.doc in index and (r.near_copy or r.overlap >= threshold):
                uf.union(i, index[r.doc])
    out = {}
    for group in uf.groups():
        head = min(group, key=lambda i: (documents[i].published or "9999", i))
        for i in group:
            out[documents[i].id] = documents[head].id
    return out


def count_sources(doc_ids: Iterable[str], groups: dict[str, str]) -> int:
    """How many independent sources a set of documents represents."""
    return len({groups.get(d, d) for d in doc_ids})
