"""HTML article extraction (trafilatura's evaluation set): sitroom's clean text against bare trafilatura.

`html/evaldata.json` maps each page's URL to its `file` (in `pages/`, gzipped),
`with` (snippets the main text must contain) and `without` (snippets it must not:
navigation, dates, teasers, footers). Scored as trafilatura scores itself: a
`with` snippet found is a true positive, one missing a false negative; a
`without` snippet found is a false positive. Snippets are matched after
collapsing whitespace on both sides.

Both extractors read the same decoded page (sitroom's reader) and share one
trafilatura run with sitroom's options (no comments, tables, metadata):
`trafilatura` is that run's text, `sitroom` the cleaned article body
(`Article.text`). Rows: the whole set, a fixed split by URL hash (`tune`: the
half rules may be studied on; `held`: the half they may not), and language
groups (by the script and language of the gold `with` snippets).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sitroom.contract import RawDocument
from sitroom.evaluate.scoring import KindScore
from sitroom.settings import Clean, Read
from sitroom.stages.clean import clean_html, extract_html
from sitroom.stages.read import read_bytes

SPACE = re.compile(r"\s+")
log = logging.getLogger("sitroom")
GROUPS = ("en", "de", "latin-other", "cyrillic", "cjk", "other")


@dataclass
class Page:
    url: str
    file: str
    with_: list[str]
    without: list[str]

    @property
    def part(self) -> str:
        """The fixed split: half the pages (by URL hash) for tuning, half held out."""
        return "tune" if int(hashlib.md5(self.url.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"

    @property
    def group(self) -> str:
        return language_group(" ".join(self.with_))


def language_group(text: str) -> str:
    """en, de, latin-other, cyrillic, cjk or other, from the letters and (for Latin script) the language."""
    letters = Counter(_script(ch) for ch in text if ch.isalpha())
    if not letters:
        return "other"
    script = letters.most_common(1)[0][0]
    if script != "latin":
        return script
    import py3langid

    lang, _ = py3langid.classify(text)
    return lang if lang in ("en", "de") else "latin-other"


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x3040 <= o < 0x30FF or 0x3400 <= o < 0xA000 or 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200 or 0xFF00 <= o < 0xFFF0:
        return "cjk"
    return "other"


def read_pages(folder: Path) -> list[Page]:
    data = json.loads((Path(folder) / "evaldata.json").read_text(encoding="utf-8"))
    return [Page(url, d["file"], list(d.get("with") or []), list(d.get("without") or [])) for url, d in sorted(data.items())]


def sample(pages: list[Page], every: int) -> list[Page]:
    """A fixed sample: every n-th page in URL order."""
    return pages[::every]


def page_texts(folder: Path, page: Page, settings: Clean | None = None) -> tuple[str, str]:
    """(sitroom's article text, bare trafilatura's text) for one page."""
    data = (Path(folder) / "pages" / (page.file + ".gz")).read_bytes()
    raws, _ = read_bytes(page.file + ".gz", data, Read(), ".html")
    if not raws or raws[0].text is None:
        return "", ""
    raw = RawDocument(origin=page.file, kind="html", text=raws[0].text, url=page.url)
    doc = extract_html(raw.text or "", page.url)
    bare = (doc.text or "") if doc is not None else ""
    try:
        art = clean_html(raw, raw.text or "", settings, doc=doc)
        ours = art.text
    except Exception:  # a crash is scored as an empty page, and logged
        ours = ""
        log.exception("html eval: cleaning %s failed", page.file)
    return ours, bare


def score_page(text: str, page: Page) -> tuple[int, int, int, list[str], list[str]]:
    """(tp, fp, fn, missed `with` snippets, present `without` snippets)."""
    flat = SPACE.sub(" ", text)
    missed = [w for w in page.with_ if SPACE.sub(" ", w).strip() not in flat]
    present = [w for w in page.without if SPACE.sub(" ", w).strip() in flat]
    return len(page.with_) - len(missed), len(present), len(missed), missed, present


def evaluate(data_dir: Path, show_errors: bool = False, every: int = 1, settings: Clean | None = None) -> list[KindScore]:
    """F1 of `with`/`without` snippets for sitroom and trafilatura: whole set, tune/held halves, language groups."""
    root = Path(data_dir)
    folder = root / "html" if (root / "html").is_dir() else root
    pages = sample(read_pages(folder), every)
    rows: dict[str, KindScore] = {}

    def row(system: str, part: str) -> KindScore:
        key = f"{system}/{part}"
        if key not in rows:
            rows[key] = KindScore("html", key)
        return rows[key]

    for page in pages:
        ours, bare = page_texts(folder, page, settings)
        for system, text in (("sitroom", ours), ("trafilatura", bare)):
            tp, fp, fn, missed, present = score_page(text, page)
            for part in ("all", page.part, f"lang-{page.group}"):
                r = row(system, part)
                r.tp, r.fp, r.fn = r.tp + tp, r.fp + fp, r.fn + fn
                if show_errors and system == "sitroom" and part == "all":
                    r.misses += [f"{page.part} {page.file}: {m!r}" + (" (trafilatura has it)" if m in SPACE.sub(" ", bare) else "")
                                 for m in missed]
                    r.false_positives += [f"{page.part} {page.file}: {p!r}" for p in present]
    order = ["all", "tune", "held"] + [f"lang-{g}" for g in GROUPS]
    return [rows[f"{s}/{p}"] for p in order for s in ("sitroom", "trafilatura") if f"{s}/{p}" in rows]
