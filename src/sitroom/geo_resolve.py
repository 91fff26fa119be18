"""Places across documents: one `Place` per gazetteer entry (or unresolved name), all evidence kept."""

from __future__ import annotations

from .contract import Analysis, Place


def merge_places(analyses: list[Analysis]) -> list[Place]:
    merged: dict[str, Place] = {}
    for an in analyses:
        for p in an.places:
            if p.id in merged:
                cur = merged[p.id]
                cur.evidence.extend(p.evidence)
                cur.mentions += p.mentions or 1
                for a in p.aliases:
                    if a not in cur.aliases:
                        cur.aliases.append(a)
            else:
                merged[p.id] = p.model_copy(deep=True)
                merged[p.id].mentions = p.mentions or 1
    return [merged[k] for k in sorted(merged)]
