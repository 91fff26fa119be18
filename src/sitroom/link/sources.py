"""Independent sources: the one definition every count of sources uses.

Independent sources are outlets and wire origins after dedup. First, copies of one report
(`duplicate_of`, a `near_copy` reuse link, or at least `settings.dedup.syndication_overlap`
of shared text) form a copy group (`copy_groups`: each document -> its group's original).
Then each copy group is credited to its origin: the wire agency its dateline credits
("BAGHDAD (Reuters) -", "(AP) --") when a member carries one, else its outlet (the
document's site or publisher, else its URL's host). Copy groups of one origin are one
source: five CNN reports are one source, and a Reuters story reposted by three sites is
one source, Reuters. A group whose outlet is unknown stands for itself.

`source_groups` maps each document to its source key; `count_sources` counts keys;
`source_names` gives a key's readable name ("CNN"). Merged facts count their sources with
it; the stories stage records the copy groups as `Document.syndication_group`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from sitroom.contract import Document
from sitroom.knowledge.outlets import OUTLET_ALIASES, SECOND_LEVEL_SUFFIXES
from sitroom.settings import Settings

OUTLET_PREFIX = "outlet:"
# The agency a dateline credits: "BAGHDAD, Iraq (Reuters) -", "(AP) --", "Kyiv, March 3 (AFP):", or a bare "CNN --".
# The place is in capitals, or followed by a comma, or one word: "The Northern Front (NF) --" opens a sentence.
_PLACE = r"(?:[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}|[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2}(?=,)|[A-Z][\w'’.\-]*)"
_CREDIT = re.compile(
    rf"^(?:{_PLACE}(?:,\s*[A-Z][\w'’.\- ]{{1,30}}){{0,2}})?\s*"
    r"\((?P<paren>[A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,3})\)\s*(?:[-–—_]{1,2}|:)"
    r"|^(?P<bare>[A-Z][\w&.]{1,15})\s*[-–—_]{1,2}\s*$"
)


class UnionFind:
    """Groups of keys (any sortable, hashable values), joined pair by pair; a group's root is its
    smallest key, so the root does not depend on the order of the joins."""

    def __init__(self, keys: Iterable = ()) -> None:
        self.parent: dict = {k: k for k in keys}

    def add(self, key) -> None:
        self.parent.setdefault(key, key)

    def __contains__(self, key) -> bool:
        return key in self.parent

    def find(self, key):
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list]:
        """Each group's keys in the order they were added, groups in the order of their first key."""
        members: dict = {}
        for key in self.parent:
            members.setdefault(self.find(key), []).append(key)
        return list(members.values())


def copy_groups(documents: Sequence[Document], settings: Settings | None = None) -> dict[str, str]:
    """doc id -> id of the original of its copy group (its earliest-dated report, else the first given).

    Copies and reports sharing at least `settings.dedup.syndication_overlap` of their text
    with another are one group; links to documents not given are ignored.
    """
    threshold = (settings or Settings()).dedup.syndication_overlap
    index = {d.id: i for i, d in enumerate(documents)}
    uf = UnionFind(range(len(documents)))
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


def outlet_key(name: str | None) -> str | None:
    """The short key of an outlet's name or host: "CNN", "cnn.com", "edition.cnn.com", "Cable News Network" -> "cnn"."""
    text = " ".join((name or "").lower().split()).strip(" .")
    if not text:
        return None
    if "." in text and " " not in text:  # a host name
        labels = [x for x in text.split(".") if x]
        if len(labels) >= 3 and labels[-2] in SECOND_LEVEL_SUFFIXES and len(labels[-1]) == 2:
            text = labels[-3]
        elif len(labels) >= 2:
            text = labels[-2]
    text = OUTLET_ALIASES.get(text, text)
    return OUTLET_ALIASES.get(text.removeprefix("the "), text.removeprefix("the "))


def wire_credit(doc: Document) -> str | None:
    """The agency a dateline credits ("(Reuters) -"): from the lead-in the cleaner took off, else the text's start."""
    leads = [r.text for r in doc.removed if r.reason.startswith("dateline")] + [doc.text]
    for lead in leads:
        m = _CREDIT.match(lead.strip())
        if m:
            return (m.group("paren") or m.group("bare")).strip()
    return None


def outlet_name(doc: Document) -> str | None:
    """Who published the report: its site or publisher name, else its URL's host."""
    if doc.source:
        return doc.source
    host = urlparse(doc.url).hostname if doc.url else None
    return host or None


def origin_name(doc: Document) -> str | None:
    """Where the report's words come from: the credited wire agency, else the outlet."""
    return wire_credit(doc) or outlet_name(doc)


def source_groups(documents: Sequence[Document], settings: Settings | None = None) -> dict[str, str]:
    """doc id -> key of its independent source: "outlet:<key>" for a known origin (wire credit or
    outlet, see the module doc), else the id of its copy group's original."""
    copies = copy_groups(documents, settings)
    wires: dict[str, str] = {}
    outlets: dict[str, str] = {}
    for d in sorted(documents, key=lambda d: d.id != copies[d.id]):  # each group's original speaks first
        group = copies[d.id]
        if (wire := outlet_key(wire_credit(d))) and group not in wires:
            wires[group] = wire  # a wire credit anywhere in the group names its origin
        if (outlet := outlet_key(outlet_name(d))) and group not in outlets:
            outlets[group] = outlet
    out = {}
    for d in documents:
        group = copies[d.id]
        origin = wires.get(group) or outlets.get(group)
        out[d.id] = OUTLET_PREFIX + origin if origin else group
    return out


def source_names(documents: Sequence[Document], groups: dict[str, str]) -> dict[str, str]:
    """source key -> a readable name: the origin as first written ("CNN", "Reuters"), else the original's id."""
    names: dict[str, str] = {}
    for d in documents:
        key = groups.get(d.id, d.id)
        if key not in names:
            names[key] = (origin_name(d) or d.id) if key.startswith(OUTLET_PREFIX) else key
    return names


def count_sources(doc_ids: Iterable[str], groups: dict[str, str]) -> int:
    """How many independent sources a set of documents represents."""
    return len({groups.get(d, d) for d in doc_ids})
