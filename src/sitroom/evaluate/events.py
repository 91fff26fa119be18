"""ACLED sub-event typing on the hand-written `events` development set (472 snippets, 28 labels).

Each snippet goes through sitroom's own extractors as a one-paragraph article; the main
event is the first event the extractor reports (the earliest in the text), and "None"
when it reports none. Scored as accuracy and macro-F1 over the 28 labels (25 ACLED
sub-event types, Displacement, Aid, None), on all snippets and on two fixed halves split
by a hash of the snippet id: "tune" (the half the typing rules were studied on) and
"held-out" (never looked at while tuning; errors are shown for the tuning half only).
The confusion table (gold row → predicted, off-diagonal cells) goes to stderr.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from sitroom.contract import Analysis, Article, SentenceSpan
from sitroom.evaluate.scoring import KindScore
from sitroom.extract import Context, extractors
from sitroom.settings import Settings

NONE = "None"
CORPUS = "events"


def part_of(snippet_id: str) -> str:
    """"tune" or "held-out", fixed by the id's hash (about half each)."""
    return "tune" if int(hashlib.md5(snippet_id.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def read(folder: Path) -> list[dict]:
    with open(Path(folder) / "events.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(texts: list[str], settings: Settings | None = None) -> list[tuple[str, object]]:
    """(sub-type or "None", the main Event or None) for each text, through the real extractors."""
    from sitroom.stages.analyze import load_nlp

    settings = settings or Settings()
    nlp = load_nlp(settings.annotate.model)
    passes = extractors({"mentions", "times", "places", "claims", "events"})
    out = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=settings.annotate.batch_size)):
        art = Article(id=f"snippet-{i}", origin=CORPUS, paragraphs=[doc.text])
        analysis = Analysis(doc=art.id, sentences=[SentenceSpan(start=s.start_char, end=s.end_char)
                                                   for s in doc.sents])
        ctx = Context(article=art, doc=doc, analysis=analysis, settings=settings)
        for ex in passes:
            getattr(analysis, ex.provides).extend(ex.extract(ctx))
        events = sorted(analysis.events, key=lambda e: (e.evidence[0].start if e.evidence else 0,
                                                        -(getattr(e, "type_confidence", None) or 0)))
        main = events[0] if events else None
        out.append((main.subtype or main.type, main) if main else (NONE, None))
    return out


def _scores(rows: list[dict], preds: list[str], label: str, show_errors: bool) -> list[KindScore]:
    gold = [r["sub_event_type"] for r in rows]
    acc = KindScore(CORPUS, "subtype" + label, metric="accuracy")
    acc.tp = sum(g == p for g, p in zip(gold, preds))
    acc.fp = len(rows) - acc.tp
    acc.value = acc.tp / len(rows) if rows else 0.0
    if show_errors:
        acc.misses = [f"{r['id']}: {g} → {p}: {r['text'][:160]!r}" for r, g, p in zip(rows, gold, preds) if g != p]
    f1s = []
    for lab in sorted(set(gold)):
        tp = sum(g == p == lab for g, p in zip(gold, preds))
        fp = sum(p == lab != g for g, p in zip(gold, preds))
        fn = sum(g == lab != p for g, p in zip(gold, preds))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    macro = KindScore(CORPUS, "subtype" + label, metric="macro-F1", value=sum(f1s) / len(f1s) if f1s else 0.0)
    detect = KindScore(CORPUS, "event" + label, metric="detection-F1")
    for g, p in zip(gold, preds):
        detect.tp += g != NONE and p != NONE
        detect.fp += g == NONE and p != NONE
        detect.fn += g != NONE and p == NONE
    detect.value = detect.f1
    return [acc, macro, detect]


def confusion(rows: list[dict], preds: list[str]) -> str:
    """Per gold label: n, recall, and where its errors went."""
    gold = [r["sub_event_type"] for r in rows]
    lines = [f"{'gold sub-event type':38} {'n':>3} {'recall':>6}  errors → predicted"]
    for lab in sorted(set(gold)):
        n = gold.count(lab)
        right = sum(g == p == lab for g, p in zip(gold, preds))
        wrong = Counter(p for g, p in zip(gold, preds) if g == lab and p != lab)
        lines.append(f"{lab[:38]:38} {n:>3} {right / n:>6.2f}  " + ", ".join(f"{p} {c}" for p, c in wrong.most_common()))
    return "\n".join(lines)


def evaluate(folder: Path, show_errors: bool = False, limit: int | None = None) -> list[KindScore]:
    rows = read(folder)[:limit]
    preds = [p for p, _ in predict([r["text"] for r in rows])]
    tune = [(r, p) for r, p in zip(rows, preds) if part_of(r["id"]) == "tune"]
    held = [(r, p) for r, p in zip(rows, preds) if part_of(r["id"]) == "held-out"]
    print(confusion(rows, preds), file=sys.stderr)
    return (_scores(rows, preds, "", False)
            + _scores([r for r, _ in tune], [p for _, p in tune], " (tune)", show_errors)
            + _scores([r for r, _ in held], [p for _, p in held], " (held-out)", False))
