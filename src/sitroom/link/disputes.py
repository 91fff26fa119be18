"""Disputes: which facts are denied, contradicted or only claimed, and by whom.

A contradiction pairs two facts; both keep their own status until this step puts the
dispute on them, so that every place a fact appears (tables, map, CSV, API, summaries)
reads the same status from the fact itself:

- a denial: the fact denied becomes "denied", with who denies it;
- any other contradiction (numbers, status, time): each side not already denied becomes
  "disputed", with what the other side says and who says it;
- a fact stated only as someone's claim ("state TV said the army holds the city") stays
  "claimed", with who claims it.

An event stated in the same sentence as a disputed control statement or figure about the
same place is the same statement told as an event: it takes the dispute too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.contract import Claim, Contradiction, ControlChange, Event

DISPUTED = ("claimed", "disputed", "denied")  # weakest to strongest
Fact = Claim | Event | ControlChange


@dataclass(frozen=True)
class Dispute:
    status: str  # claimed | disputed | denied
    note: str  # "denied by Iran's Foreign Ministry"


def _who(fact: Fact | None) -> str:
    return (getattr(fact, "attributed_to", None) or "an unattributed report") if fact is not None else "another report"


def _what(fact: Fact) -> str:
    """A short statement of a fact, for a note on the other side of a contradiction."""
    if isinstance(fact, Claim):
        value = f"{fact.value:,.0f}" if float(fact.value).is_integer() else f"{fact.value:,.2f}"
        qualifier = fact.qualifier if fact.qualifier != "exact" else ""
        return " ".join(x for x in (qualifier, value, fact.subject or fact.kind) if x)
    if isinstance(fact, ControlChange):
        return f"{fact.actor_name or 'someone'} {fact.change} {fact.place_name or 'the place'}"
    return fact.summary or fact.subtype or fact.type


def stronger(a: str | None, b: str | None) -> str | None:
    rank = {s: i for i, s in enumerate(DISPUTED)}
    return max((x for x in (a, b) if x in rank), key=rank.__getitem__, default=None)


def find_disputes(facts: Sequence[Fact], contradictions: Sequence[Contradiction]) -> dict[str, Dispute]:
    """fact id -> its dispute. The side of a denial that denies is left out: stating a denial is not disputed."""
    by_id = {f.id: f for f in facts}
    out: dict[str, Dispute] = {}
    for x in contradictions:
        a, b = by_id.get(x.a), by_id.get(x.b)
        if x.kind == "denial":
            if a is not None:  # a denial pairs the claim (a) with its denial (b)
                out[a.id] = Dispute("denied", f"denied by {_who(b)}")
            continue
        for side, other in ((a, b), (b, a)):
            if side is None or side.status == "denied" or (side.id in out and out[side.id].status == "denied"):
                continue
            what = f": {_what(other)}" if other is not None else ""
            # who states this side stays in the note (the same before and after `mark_disputes` sets the status)
            source = f"according to {side.attributed_to}; " if getattr(side, "attributed_to", None) else ""
            out[side.id] = Dispute("disputed", f"{source}disputed by {_who(other)}{what}")
    for f in facts:
        if f.id not in out and f.status == "claimed":
            out[f.id] = Dispute("claimed", f"claimed by {_who(f)}")
    return out


def _sentences(fact: Fact) -> set[tuple[str, int]]:
    return {(e.doc, e.sentence) for e in fact.evidence}


def all_disputes(claims: Sequence[Claim], events: Sequence[Event], control: Sequence[ControlChange],
                 contradictions: Sequence[Contradiction]) -> dict[str, Dispute]:
    """Every fact's dispute, events told in a disputed statement's sentence about the same place included.
    Reads the facts only: `mark_disputes` puts the result on them."""
    disputes = find_disputes([*claims, *events, *control], contradictions)
    disputed = [f for f in (*claims, *control) if f.id in disputes and f.place]
    for ev in events:
        if not ev.place:
            continue
        for f in disputed:
            if f.place == ev.place and _sentences(f) & _sentences(ev):
                d, own = disputes[f.id], disputes.get(ev.id)
                if own is None or (d.status != own.status and stronger(d.status, own.status) == d.status):
                    disputes[ev.id] = d
    return disputes


def mark_disputes(claims: Sequence[Claim], events: Sequence[Event], control: Sequence[ControlChange],
                  contradictions: Sequence[Contradiction]) -> dict[str, Dispute]:
    """Put each dispute's status on its fact (in place: the stronger of its own and the dispute's) and return them."""
    disputes = all_disputes(claims, events, control, contradictions)
    for f in (*claims, *events, *control):
        if f.id in disputes:
            f.status = stronger(f.status, disputes[f.id].status) or f.status
    return disputes
