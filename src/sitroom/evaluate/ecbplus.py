"""ECB+ adapter: story clustering scored with B-cubed against (topic, ecb|ecbplus).

Each ECB+ topic holds reports on two different real-world events of the same kind
(two celebrity rehab check-ins, two earthquakes), so the two halves of a topic are
the hard case. Reports are rebuilt from their tokens. ECB+ reports carry no dates,
so clustering runs on text and a capitalised-name entity proxy (a spaCy pass over
all ~450 reports is too costly for an evaluation run on a small machine).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from sitroom.evaluate.scoring import KindScore
from sitroom.settings import Settings
from sitroom.stages.stories import StoryDoc, StoryIndex, capitalised_names, content_terms

_NO_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}'’”]|'s|n't)")
_NO_SPACE_AFTER = re.compile(r"([(\[{“$])\s+")


def read_document(path: Path) -> tuple[str, str]:
    """(title-ish first sentence, text) rebuilt from the tokens, one line per sentence."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[int(tok.get("sentence", 0))].append(tok.text or "")
    lines = []
    for k in sorted(sentences):
        line = " ".join(sentences[k]).replace("``", "“").replace("''", "”")
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))
        lines.append(line)
    return (lines[0] if lines else ""), "\n".join(lines)


def load(data_dir: Path) -> tuple[list[StoryDoc], dict[str, str]]:
    """Story documents and their gold story label (topic/ecb or topic/ecbplus)."""
    root = data_dir / "ecbplus" if (data_dir / "ecbplus").is_dir() else data_dir
    docs, gold = [], {}
    for path in sorted(root.glob("*/*.xml")):
        half = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        title, text = read_document(path)
        doc_id = path.stem
        docs.append(StoryDoc(id=doc_id, date=None, terms=content_terms(text), entities=capitalised_names(text),
                             title=title))
        gold[doc_id] = f"{path.parent.name}/{half}"
    return docs, gold


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall (Bagga & Baldwin 1998), averaged over documents."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for d, c in predicted.items():
        by_pred[c].add(d)
    for d, g in gold.items():
        by_gold[g].add(d)
    docs = [d for d in gold if d in predicted]
    if not docs:
        return 0.0, 0.0
    p = r = 0.0
    for d in docs:
        same = len(by_pred[predicted[d]] & by_gold[gold[d]])
        p += same / len(by_pred[predicted[d]])
        r += same / len(by_gold[gold[d]])
    return p / len(docs), r / len(docs)


def cluster(docs: list[StoryDoc], settings: Settings | None = None) -> dict[str, str]:
    index = StoryIndex(settings=(settings or Settings()).stories)
    index.add(docs)
    return dict(index.assignment)


def evaluate(data_dir: Path, show_errors: bool = False, settings: Settings | None = None) -> list[KindScore]:
    docs, gold = load(Path(data_dir))
    predicted = cluster(docs, settings)
    p, r = b_cubed(predicted, gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    score = KindScore(corpus="ecbplus", kind="stories", metric="b-cubed-F1", value=round(f1, 4))
    if show_errors:
        # a report whose story is mostly made of another gold story's reports
        members = defaultdict(list)
        for d, s in predicted.items():
            members[s].append(d)
        for d, s in sorted(predicted.items()):
            labels = [gold[m] for m in members[s]]
            majority = max(set(labels), key=labels.count)
            if gold[d] != majority:
                score.misses.append(f"{d}: gold {gold[d]}, put with {majority} ({len(labels)} reports)")
    return [
        score,
        KindScore(corpus="ecbplus", kind="stories", metric="b-cubed-precision", value=round(p, 4)),
        KindScore(corpus="ecbplus", kind="stories", metric="b-cubed-recall", value=round(r, 4)),
    ]


if __name__ == "__main__":  # python -m sitroom.evaluate.ecbplus ../shared/data
    import sys

    for row in evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")):
        print(f"{row.key}\t{row.value}")
