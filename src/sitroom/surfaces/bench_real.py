"""The bench's realistic corpus: real news articles from the development data sets, read in place.

`sitroom bench --corpus real` reads the texts of ECB+, PolNeAR, GeoVirus and LGL from
`../shared/data` (or `$SITROOM_SHARED/data`) through the evaluation adapters, at run time; nothing
of them is kept in the repository. About 2,150 articles of real length (PolNeAR's run to ~740
words) and real variety: US political news, local US news, epidemics worldwide, and ECB+'s
clusters of reports on one event (which give real near-copies and shared passages).

The sets are interleaved (one article of each in turn) so that any prefix mixes all four. Beyond
the pool, a report is a *follow-up*: the leading paragraphs of one article of a set, then the
later paragraphs of another article of the same set, its figures moved, as an updated story
repeating yesterday's copy. Those add text reuse, as a real feed over weeks would.
"""

from __future__ import annotations

import random
import re
from itertools import zip_longest
from pathlib import Path
from typing import Callable

SETS = ("polnear", "lgl", "ecbplus", "geovirus")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘]?[A-Z])")
SENTENCES_PER_PARAGRAPH = 3  # LGL and GeoVirus come as one block of text: set as a news page would


def _paragraphs(text: str, sentences: int = SENTENCES_PER_PARAGRAPH) -> str:
    """A block of text set in paragraphs of a few sentences."""
    parts = _SENTENCE_END.split(text.strip())
    return "\n\n".join(" ".join(parts[i:i + sentences]) for i in range(0, len(parts), sentences))


def _polnear(data: Path) -> list[tuple[str, str]]:
    out = []
    for part in ("train", "dev"):
        for path in sorted((data / "polnear" / part / "text").glob("*.txt")):
            out.append((f"polnear_{path.stem}", path.read_text(encoding="utf-8")))
    return out


def _ecbplus(data: Path) -> list[tuple[str, str]]:
    from sitroom.evaluate.ecbplus import read_document

    out = []
    for path in sorted((data / "ecbplus").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        _, text = read_document(path)  # one sentence a line: wire copy sets about one a paragraph
        out.append((f"ecbplus_{path.stem}", text.replace("\n", "\n\n")))
    return out


def _lgl(data: Path) -> list[tuple[str, str]]:
    from sitroom.evaluate.lgl import read_lgl

    return [(f"lgl_{doc}", _paragraphs(text)) for doc, text, _ in read_lgl(data / "lgl" / "lgl.xml")]


def _geovirus(data: Path) -> list[tuple[str, str]]:
    from sitroom.evaluate.geovirus import read_geovirus

    articles = read_geovirus(data / "geovirus" / "GeoVirus.xml")
    return [(f"geovirus_{doc}", _paragraphs(text)) for doc, text, _ in articles]


READERS: dict[str, Callable[[Path], list[tuple[str, str]]]] = {
    "polnear": _polnear, "lgl": _lgl, "ecbplus": _ecbplus, "geovirus": _geovirus}


def data_dir() -> Path:
    from sitroom.evaluate.cli import shared_dir

    return shared_dir() / "data"


def available(data: Path | None = None) -> bool:
    data = data or data_dir()
    return all((data / name).is_dir() for name in SETS)


def real_articles(data: Path | None = None) -> list[tuple[str, str, str]]:
    """(set, id, text) of every article of the four sets, interleaved one of each in turn."""
    data = data or data_dir()
    if not available(data):
        raise FileNotFoundError(f"the real bench corpus needs ECB+, PolNeAR, GeoVirus and LGL in {data}")
    per_set = [[(name, doc, text) for doc, text in READERS[name](data) if text.strip()] for name in SETS]
    return [row for group in zip_longest(*per_set) for row in group if row is not None]


def _move_figures(text: str, rng: random.Random) -> str:
    """Figures of one to three digits (not years, not times) scaled, as an update revises them."""
    def scaled(m: re.Match) -> str:
        return str(max(2, int(int(m.group(0)) * rng.uniform(0.5, 2.0))))

    return re.sub(r"(?<![\d,.:])[1-9]\d{0,2}(?![\d,.:]?\d)", scaled, text)


def follow_up(lead: str, rest: str, rng: random.Random) -> str:
    """The first half of `lead`'s paragraphs (at least one), then the second half of `rest`'s."""
    a, b = lead.split("\n\n"), rest.split("\n\n")
    text = "\n\n".join(a[: max(1, len(a) // 2)] + b[len(b) // 2:])
    return _move_figures(text, rng)


def make_real_corpus(n: int, folder: Path, data: Path | None = None, seed: int = 13) -> int:
    """Write `n` reports to `folder` (real articles first, then follow-ups); returns the words written."""
    pool = real_articles(data)
    by_set: dict[str, list[str]] = {}
    for name, _, text in pool:
        by_set.setdefault(name, []).append(text)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        name, doc, text = pool[i % len(pool)]
        if i >= len(pool):
            text = follow_up(text, rng.choice(by_set[name]), rng)
            doc = f"{doc}_update{i // len(pool)}"
        words += len(text.split())
        (folder / f"{i:06d}_{doc}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return words
