"""Places across documents: one `Place` per gazetteer entry (or unresolved name), all evidence kept.

Before merging, one name is made to mean one place across the situation: a run is about
one crisis, so when "Palma" resolves to the Cabo Delgado town in most reports and to
Mallorca in one whose context was thinner, the stray reading follows the majority — but
only when the majority lies in the situation's focus country and the stray one abroad.

Once control changes are merged, `assign_control` records each place's latest holder
(`Place.controlled_by`, `Place.control_assessed`): a step of its own in the resolve stage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sitroom.contract import Analysis, ControlChange, Place
from sitroom.link.compatible import PlaceIndex, date_range


def focus_country(analyses: list[Analysis]) -> str | None:
    """The country most place mentions of the whole situation fall in."""
    counts = Counter(p.country for an in analyses for p in an.places if p.country for _ in range(p.mentions or 1))
    return counts.most_common(1)[0][0] if counts else None


def unify_names(analyses: list[Analysis]) -> dict[str, str]:
    """{stray place id: place id} for names read as a foreign place against the situation's majority reading."""
    focus = focus_country(analyses)
    if focus is None:
        return {}
    readings: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, Place] = {}
    for an in analyses:
        for p in an.places:
            if p.lat is None:
                continue
            readings[p.name.casefold()][p.id] += p.mentions or 1
            places[p.id] = p
    remap = {}
    for ids in readings.values():
        if len(ids) < 2:
            continue
        home = [i for i in ids if places[i].country == focus]
        if len(home) != 1:
            continue
        for other in ids:
            if other != home[0] and places[other].country != focus and ids[other] <= ids[home[0]]:
                remap[other] = home[0]
    return remap


def apply_remap(analyses: list[Analysis], remap: dict[str, str]) -> None:
    """Point every place and fact of the analyses at the unified place ids."""
    if not remap:
        return
    homes = {p.id: p for an in analyses for p in an.places}
    for an in analyses:
        an.places = [_reread(homes[remap[p.id]], p) if p.id in remap else p for p in an.places]
        for fact in (*an.claims, *an.events, *an.control):
            if fact.place in remap:
                fact.place = remap[fact.place]


def _reread(home: Place, stray: Place) -> Place:
    """The stray mention as a mention of `home`: home's identity, the stray's own evidence."""
    aliases = list(dict.fromkeys(home.aliases + stray.aliases))
    return home.model_copy(update={"evidence": stray.evidence, "mentions": stray.mentions, "aliases": aliases,
                                   "spans": stray.spans}, deep=True)


def merge_places(analyses: list[Analysis]) -> list[Place]:
    apply_remap(analyses, unify_names(analyses))
    merged: dict[str, Place] = {}
    for an in analyses:
        for p in an.places:
            if p.id in merged:
                cur = merged[p.id]
                cur.evidence.extend(p.evidence)
                cur.spans.extend(p.spans)
                cur.mentions += p.mentions or 1
                for a in p.aliases:
                    if a not in cur.aliases:
                        cur.aliases.append(a)
            else:
                merged[p.id] = p.model_copy(deep=True)
                merged[p.id].mentions = p.mentions or 1
    return [merged[k] for k in sorted(merged)]


# --------------------------------------------------------------------------- who holds each place


def control_history(control: list[ControlChange], places: PlaceIndex) -> dict[str, list[ControlChange]]:
    """Per place (id, else name), its control changes in date order (undated last)."""
    history: dict[str, list[ControlChange]] = defaultdict(list)
    for c in control:
        if not c.background:
            history[places.key(c.place, c.place_name) or "?"].append(c)
    for key in history:
        history[key].sort(key=lambda c: (date_range(c.date) or (date.max, date.max))[0])
    return dict(history)


def latest_holder(changes: list[ControlChange]) -> ControlChange | None:
    """The latest change that says who holds the place (captured, retook, holds), preferring
    assessed ones: a lone claim does not overturn what two sources support."""
    holding = [c for c in changes if c.change in {"captured", "retook", "holds"} and c.actor_name]
    if not holding:
        return None
    assessed = [c for c in holding if c.assessed]
    return (assessed or holding)[-1]


def assign_control(places: list[Place], control: list[ControlChange]) -> None:
    """Set each place's `controlled_by` (entity id, else actor name) and `control_assessed` from
    the latest holder among the merged control changes (`latest_holder`)."""
    index = PlaceIndex(places)
    for key, changes in control_history(control, index).items():
        holder = latest_holder(changes)
        place = index.by_id.get(key)
        if holder is not None and place is not None:
            place.controlled_by = holder.actor or holder.actor_name
            place.control_assessed = holder.assessed
