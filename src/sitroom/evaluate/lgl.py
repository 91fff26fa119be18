"""LGL (Lieberman et al. 2010, local news): toponym recognition and resolution against gold.

`lgl.xml` gives each article's text and its toponyms with character offsets and,
for most, the GeoNames entry (lat/lon). Scored as geoparsers are compared
(Gritta et al.): a gold toponym is found when a sitroom toponym overlaps it;
a found one is right when its point lies within 161 km (100 miles) of the gold
point. Mordecai 3 reports 82.7% on LGL at 161 km. `score_articles` is shared
with the GeoVirus adapter (evaluate/geovirus.py).

`part` picks a fixed half of the articles: "tune" (even positions, the part
sitroom's place rules were studied on), "held-out" (odd positions), or None (all).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sitroom.contract import Analysis, Article, SentenceSpan
from sitroom.evaluate.scoring import KindScore
from sitroom.extract import Context, extractors
from sitroom.extract.places import resolve_toponyms
from sitroom.knowledge.geo import distance_km
from sitroom.settings import Settings

KM = 161.0
PARTS = {"tune": 0, "held-out": 1}


def read_lgl(path: Path) -> list[tuple[str, str, list[dict]]]:
    """(doc id, text, gold toponyms {start, end, phrase, lat, lon}) for every article."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            g = {"start": int(top.findtext("start")), "end": int(top.findtext("end")), "phrase": top.findtext("phrase")}
            tag = top.find("gaztag")
            if tag is not None and tag.findtext("lat"):
                g["lat"], g["lon"] = float(tag.findtext("lat")), float(tag.findtext("lon"))
            gold.append(g)
        out.append((art.get("docid"), text, gold))
    return out


def select(articles: list, part: str | None = None, limit: int | None = None) -> list:
    """A fixed part of the articles (see the module doc), then at most `limit` of them."""
    if part:
        articles = articles[PARTS[part]::2]
    return articles[:limit]


def toponyms(doc_id: str, text: str, doc, settings: Settings, entity_pass=None, origin: str = "text") -> list:
    """The resolved toponyms of one text already parsed by spaCy (`doc`), each with its scored candidates."""
    art = Article(id=doc_id, origin=origin, paragraphs=[text])
    analysis = Analysis(doc=art.id, sentences=[SentenceSpan(start=s.start_char, end=s.end_char) for s in doc.sents])
    ctx = Context(article=art, doc=doc, analysis=analysis, settings=settings)
    for ex in entity_pass or extractors({"entities"}):
        getattr(analysis, ex.provides).extend(ex.extract(ctx))
    return resolve_toponyms(ctx)


def explain(text: str, settings: Settings | None = None, top: int = 4) -> list[str]:
    """`sitroom extract --what places --explain`: each mention, its words, and its best candidates with
    the parts of their scores."""
    from sitroom.stages.analyze import load_nlp

    settings = settings or Settings()
    lines = []
    for t in toponyms("text", text, load_nlp(settings.annotate.model)(text), settings):
        e = t.entry
        got = f"{e.name} ({e.country or '-'}, {e.code or e.feature}, {e.lat:.2f},{e.lon:.2f})" if e else "unresolved"
        lines.append(f"{t.start}-{t.end}  {t.text!r}  -> {got}")
        for cand, score, parts in t.scores[:top]:
            why = " ".join(f"{k}={v:+.2f}" for k, v in parts.items())
            lines.append(f"      {score:6.2f}  {cand.name} ({cand.country or '-'}, {cand.admin1 or '-'}, {cand.code or cand.feature})  {why}")
    return lines


def score_articles(corpus: str, articles: list[tuple[str, str, list[dict]]], show_errors: bool = False) -> list[KindScore]:
    """Toponym recall (overlap) and accuracy within 161 km, on found toponyms and on all gold ones."""
    from sitroom.stages.analyze import load_nlp

    settings = Settings()
    nlp = load_nlp(settings.annotate.model)
    entity_pass = extractors({"entities"})
    found = KindScore(corpus, "toponym", metric="overlap")
    acc_found = KindScore(corpus, "geo", metric="accuracy@161km")
    acc_all = KindScore(corpus, "geo", metric="accuracy@161km-all-gold")
    docs = nlp.pipe((a[1] for a in articles), batch_size=settings.annotate.batch_size)
    for (doc_id, text, gold), doc in zip(articles, docs):
        tops = toponyms(str(doc_id), text, doc, settings, entity_pass, corpus)
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, t in enumerate(tops) if t.start < g["end"] and g["start"] < t.end), None)
            if hit is None:
                found.fn += 1
                if "lat" in g:
                    acc_all.fp += 1
                if show_errors:
                    found.misses.append(f"{doc_id}: {g['phrase']!r}")
                continue
            used.add(hit)
            found.tp += 1
            if "lat" not in g:
                continue
            e = tops[hit].entry
            ok = e is not None and distance_km(e.lat, e.lon, g["lat"], g["lon"]) <= KM
            for score in (acc_found, acc_all):
                if ok:
                    score.tp += 1
                else:
                    score.fp += 1
            if not ok and show_errors:
                where = f"{e.name} {e.country} {e.feature} ({e.lat:.2f},{e.lon:.2f})" if e else "unresolved"
                acc_found.misses.append(f"{doc_id}: {g['phrase']!r} gold ({g['lat']:.2f},{g['lon']:.2f}) got {where}")
        for i, t in enumerate(tops):
            if i not in used and not t.demonym:
                found.fp += 1
                if show_errors:
                    found.false_positives.append(f"{doc_id}: {t.text!r}")
    for score in (acc_found, acc_all):
        n = score.tp + score.fp
        score.value = score.tp / n if n else 0.0
    found.value = found.recall
    return [found, acc_found, acc_all]


def evaluate(data_dir: Path, show_errors: bool = False, limit: int | None = None, part: str | None = None) -> list[KindScore]:
    """Toponym recall (overlap) and accuracy within 161 km, on found toponyms and on all gold ones."""
    root = Path(data_dir)
    path = root / "lgl" / "lgl.xml" if (root / "lgl").is_dir() else root / "lgl.xml"
    return score_articles("lgl", select(read_lgl(path), part, limit), show_errors)
