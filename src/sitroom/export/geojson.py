"""events.geojson: events whose place has coordinates, as a GeoJSON FeatureCollection (RFC 7946).

Two layers, told apart by the `layer` property: "events" (one point per located event, as before) and
"control" (one point per located place with a control history: who holds it, whether that is disputed,
and the history of changes). Event features come first; a consumer that wants events only filters on
`layer == "events"`."""

from __future__ import annotations

import json

from sitroom.contract import Situation
from sitroom.export import report_model as rm


def render(sit: Situation) -> str:
    rep = rm.build(sit)
    events = {e.id: e for e in sit.events}
    features = []
    for row in rm.event_rows(rep):
        if row["lat"] is None or row["lon"] is None:
            continue
        place = rep.places[row["place_id"]]
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},  # GeoJSON order: lon, lat
            "properties": {
                "layer": "events", "id": row["id"], "type": row["type"], "subtype": row["subtype"] or None, "date": row["date"] or None,
                "date_precision": row["date_precision"] or None, "place": row["place"], "place_id": row["place_id"],
                "admin1": place.admin1, "country": place.country, "geo_precision": place.precision or place.feature,
                "actors": row["actors"], "fatalities": row["fatalities"], "injured": row["injured"],
                "summary": row["summary"], "status": row["status"], "dispute": row["dispute"] or None,
                "sources": row["sources"], "support": row["support"],
                "approximate": rm.approximate(row["precision"], row["feature"]),
                "background": row["background"], "documents": row["docs"],
                "evidence": rm.evidence_rows(events[row["id"]].evidence),
            },
        })
    for row in rm.control_table(rep):
        if row["lat"] is None or row["lon"] is None:
            continue
        features.append({
            "type": "Feature",
            "id": "control:" + row["place_id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {
                "layer": "control", "place": row["place"], "place_id": row["place_id"],
                "holder": row["holder"] or None, "holder_change": row["holder_change"] or None,
                "disputed": row["disputed"], "history": row["history"],
                "approximate": rm.approximate(row["precision"], row["feature"]),
            },
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"
