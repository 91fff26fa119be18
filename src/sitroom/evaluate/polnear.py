"""PolNeAR (Newell, Margolin & Ruths 2018): who said what in US political news, 2015-16.

Each article has brat standoff annotations (`attributions/<article>_<annotator>.ann`):
`T` lines are `Source`, `Cue` and `Content` spans with character offsets into
`text/<article>.txt`, and `E` lines tie one of each into an attribution. A gold
*direct quote* is an attribution whose Content holds quotation marks (a mixed quote,
"called it “a disgrace”", is one too).

Scored per part (`train` for studying errors, `dev` for reporting):
  quotes         — a sitroom direct quote is right when its quoted words overlap a gold
                   direct-quote Content span (one to one); P/R/F1;
  quote-speakers — of the gold quotes found, the share whose speaker is right: the name
                   shares a content word with the gold Source, or the attribution phrase
                   sitroom cites overlaps the Source span.
Errors are listed for the train part only: dev is for reporting, not for reading.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitroom.contract import Article, Quote
from sitroom.evaluate.scoring import KindScore
from sitroom.settings import Settings

PARTS = ("dev", "train")
ONLY = {"entities", "times", "quotes"}  # what quotes need
QUOTE_MARKS = "“”\"«»"
# words that say nothing about who a speaker is, for the shared-content-word test
_FUNCTION_WORDS = {"the", "a", "an", "of", "his", "her", "their", "its", "and", "in", "for", "on", "at", "to",
                   "mr", "mrs", "ms", "dr", "s", "he", "she", "they", "it", "who", "that", "this", "former"}


def read_ann(path: Path) -> list[dict]:
    """Attributions of one .ann file: {content: [(start, end)], source: (start, end) | None}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, _, b = frag.partition(" ")
                if a.isdigit() and b.isdigit():
                    frags.append((int(a), int(b)))
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), ("", []))[1]
        source = spans.get(ev.get("Source", ""), ("", []))[1]
        if content:
            out.append({"content": content, "source": (source[0][0], source[-1][1]) if source else None})
    return out


def is_gold_quote(text: str, g: dict) -> bool:
    """A direct quote in PolNeAR's gold: its Content holds quotation marks."""
    return any(c in text[a:b] for a, b in g["content"] for c in QUOTE_MARKS) or any(
        "''" in text[a:b] for a, b in g["content"])  # archive text types “ ” as two apostrophes


def articles(root: Path, part: str) -> list[tuple[str, str, list[dict]]]:
    """(article id, text, gold direct quotes) of one part; one annotator per article."""
    folder = root / part
    seen: set[str] = set()
    out = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        art_id = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        txt = folder / "text" / f"{art_id}.txt"
        if art_id in seen or not txt.exists():
            continue
        seen.add(art_id)
        text = txt.read_text(encoding="utf-8")
        gold = [g for g in read_ann(ann) if is_gold_quote(text, g)]
        out.append((art_id, text, gold))
    return out


def quote_spans(text: str, q: Quote) -> list[tuple[int, int]]:
    """Char spans of a quote's words (its parts are joined by ' … ')."""
    lo = q.evidence[0].start if q.evidence else 0
    out = []
    for part in q.text.split(" … "):
        part = part.strip()
        k = text.find(part, lo) if part else -1
        if k < 0:
            k = text.find(part)
        if k >= 0:
            out.append((k, k + len(part)))
            lo = k + len(part)
    return out


def _content_words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in _FUNCTION_WORDS}


def speaker_right(text: str, q: Quote, source: tuple[int, int] | None) -> bool:
    if source is None:
        return False
    a, b = source
    if q.speaker_name and _content_words(q.speaker_name) & _content_words(text[a:b]):
        return True
    return any(e.start < b and a < e.end for e in q.speaker_evidence)


def _overlaps(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in xs for c, d in ys)


def score_article(art_id: str, text: str, gold: list[dict], quotes: list[Quote], found: KindScore,
                  speakers: KindScore, errors: bool) -> None:
    preds = [(q, quote_spans(text, q)) for q in quotes if q.direct]
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, (_q, sp) in enumerate(preds) if i not in used and _overlaps(sp, g["content"])), None)
        words = " ".join(text[a:b] for a, b in g["content"])
        if hit is None:
            found.fn += 1
            if errors:
                found.misses.append(f"{art_id}: {words[:160]!r}")
            continue
        used.add(hit)
        found.tp += 1
        if g["source"] is None:
            continue
        q = preds[hit][0]
        if speaker_right(text, q, g["source"]):
            speakers.tp += 1
        else:
            speakers.fp += 1
            if errors:
                src = text[g["source"][0]:g["source"][1]]
                speakers.misses.append(f"{art_id}: gold {src!r} got {q.speaker_name!r} for {words[:100]!r}")
    for i, (q, _sp) in enumerate(preds):
        if i not in used:
            found.fp += 1
            if errors:
                found.false_positives.append(f"{art_id}: {q.text[:160]!r} ({q.speaker_name})")


def evaluate(data_dir: Path, show_errors: bool = False, parts: tuple[str, ...] = PARTS,
             limit: int | None = None) -> list[KindScore]:
    """Direct-quote P/R/F1 and speaker accuracy for each part (dev, train)."""
    from sitroom.stages.analyze import analyze_article, load_nlp

    root = Path(data_dir)
    root = root / "polnear" if (root / "polnear").is_dir() else root
    settings = Settings()
    nlp = load_nlp(settings.annotate.model)
    out: list[KindScore] = []
    for part in parts:
        if not (root / part).is_dir():
            continue
        arts = articles(root, part)[:limit]
        found = KindScore("polnear", f"{part}-quotes")
        speakers = KindScore("polnear", f"{part}-quote-speakers", metric="accuracy")
        errors = show_errors and part != "dev"  # dev is for reporting: its errors are not read
        docs = nlp.pipe((a[1] for a in arts), batch_size=settings.annotate.batch_size)
        for (art_id, text, gold), doc in zip(arts, docs):
            art = Article(id=art_id, origin="polnear", paragraphs=[text])
            analysis = analyze_article(doc, art, settings, ONLY)  # the extractors as `sitroom run` runs them
            score_article(art_id, text, gold, analysis.quotes, found, speakers, errors)
        n = speakers.tp + speakers.fp
        speakers.value = speakers.tp / n if n else 0.0
        out += [found, speakers]
    return out
