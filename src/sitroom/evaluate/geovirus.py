"""GeoVirus (Gritta et al. 2018): 229 WikiNews articles on epidemics, place mentions worldwide.

`GeoVirus.xml` gives each article's text and its locations with character
offsets and Wikipedia's point for each. Scored as LGL is (evaluate/lgl.py): a
gold mention is found when a sitroom toponym overlaps it; a found one is right
when its point lies within 161 km of the gold point. No place rule of sitroom
was studied on this set: it is held out whole.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sitroom.evaluate.lgl import score_articles, select
from sitroom.evaluate.scoring import KindScore


def read_geovirus(path: Path) -> list[tuple[str, str, list[dict]]]:
    """(doc id, text, gold mentions {start, end, phrase, lat, lon}) for every article."""
    out = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            # the file's offsets count from 1: text[start - 1:end - 1] is the name
            g = {"start": int(loc.findtext("start")) - 1, "end": int(loc.findtext("end")) - 1, "phrase": loc.findtext("name")}
            if loc.findtext("lat"):
                g["lat"], g["lon"] = float(loc.findtext("lat")), float(loc.findtext("lon"))
            gold.append(g)
        out.append((f"gv{i}", text, gold))
    return out


def evaluate(data_dir: Path, show_errors: bool = False, limit: int | None = None, part: str | None = None) -> list[KindScore]:
    """Toponym recall (overlap) and accuracy within 161 km, on found mentions and on all gold ones."""
    root = Path(data_dir)
    path = root / "geovirus" / "GeoVirus.xml" if (root / "geovirus").is_dir() else root / "GeoVirus.xml"
    return score_articles("geovirus", select(read_geovirus(path), part, limit), show_errors)
