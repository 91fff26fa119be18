"""Contradictions between merged facts: a claim and its denial, figures that disagree on one
topic, and control statuses of one place that disagree at one time."""

from __future__ import annotations

from sitroom.contract import Claim, Contradiction, ControlChange, make_id
from sitroom.knowledge.sides import sides
from sitroom.link.compatible import PlaceIndex, dates_compatible, facts_dated_together, subjects_compatible
from sitroom.settings import Settings


def _who(fact) -> str:
    return fact.attributed_to or "unattributed"


def _one_report(a, b, copy_of: dict[str, str] | None) -> bool:
    """Are both facts carried only by copies of one report? A report does not contradict its copies."""
    if copy_of is None:
        return False
    ga = {copy_of.get(d, d) for d in a.documents}
    gb = {copy_of.get(d, d) for d in b.documents}
    return bool(ga) and ga == gb and len(ga) == 1


def find_contradictions(claims: list[Claim], control: list[ControlChange], places: PlaceIndex,
                        settings: Settings, copy_of: dict[str, str] | None = None) -> list[Contradiction]:
    out: list[Contradiction] = []
    live = [c for c in claims if not c.background]
    # a claim and its denial
    for d in (c for c in live if c.status == "denied"):
        for a in live:
            if a.status != "denied" and a.kind == d.kind and a.value == d.value \
                    and subjects_compatible(a.subject, d.subject):
                out.append(Contradiction(
                    id=make_id("x", a.id, d.id), topic=f"{a.kind}: {a.subject or a.kind}"
                    + (f" in {a.place_name}" if a.place_name else ""), kind="denial", a=a.id, b=d.id,
                    note=f"{_who(a)} reports it; {_who(d)} denies it"))
    # figures that disagree on one topic
    ratio = settings.resolve.numeric_contradiction_ratio
    aggregate = {"displaced", "troops", "advisers", "detained", "released"}
    # a vague amount ("hundreds") states no number to set against another
    reported = [c for c in live if c.status != "denied" and c.unit is None and c.kind != "count"
                and c.value is not None]
    for i, a in enumerate(reported):
        for b in reported[i + 1:]:
            if a.kind != b.kind or not subjects_compatible(a.subject, b.subject) or _one_report(a, b, copy_of):
                continue
            # figures are comparable only about the same place (both known), or, for running totals
            # with no place, about the same time
            if a.place_name and b.place_name:
                if not places.same((a.place, a.place_name), (b.place, b.place_name), settings.resolve.event_merge_km):
                    continue
            elif a.place_name or b.place_name or a.kind not in aggregate or not facts_dated_together(a, b, settings):
                continue
            lo, hi = sorted([a, b], key=lambda c: c.value)
            if lo.value > 0 and hi.value / lo.value >= ratio and not (lo.qualifier == "up to"):
                out.append(Contradiction(
                    id=make_id("x", a.id, b.id), topic=f"{a.kind}: {a.subject or a.kind}", kind="numeric",
                    a=lo.id, b=hi.id,
                    note=f"{lo.qualifier} {lo.value:,.0f} ({_who(lo)}) vs {hi.qualifier} {hi.value:,.0f} ({_who(hi)})"))
    # control statuses that disagree at one time
    days = settings.resolve.control_conflict_days
    changes = [c for c in control if not c.background]
    for i, a in enumerate(changes):
        for b in changes[i + 1:]:
            if places.key(a.place, a.place_name) != places.key(b.place, b.place_name):
                continue
            if not dates_compatible(a.date, b.date, days) or not (a.date and b.date):
                continue
            if _status_conflict(a, b):
                first, second = sorted([a, b], key=lambda c: c.date or "")
                out.append(Contradiction(
                    id=make_id("x", a.id, b.id), topic=f"control of {a.place_name}", kind="status",
                    a=first.id, b=second.id,
                    note=f"{first.change} by {first.actor_name or '?'} on {first.date} ({_who(first)}) vs "
                         f"{second.change} by {second.actor_name or '?'} on {second.date} ({_who(second)})"))
    return out


def _status_conflict(a: ControlChange, b: ControlChange) -> bool:
    holds = {"holds", "retook", "captured"}
    if {a.change, b.change} == {"contested"} or a.change not in holds | {"contested"} \
            or b.change not in holds | {"contested"}:
        return False
    if "contested" in (a.change, b.change):
        held = a if a.change != "contested" else b
        return held.change == "holds" and (held.share is None or held.share >= 1.0) or held.change == "retook"
    sa, sb = sides([a.actor_name or ""]), sides([b.actor_name or ""])
    return bool(sa and sb and not sa & sb)
