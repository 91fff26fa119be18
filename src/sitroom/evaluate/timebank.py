"""TimeBank + AQUAINT (TempEval-3 TBAQ-cleaned): time expressions against gold TIMEX3.

Each `.tml` file gives the document creation time (`<DCT>`, our anchor) and the
text with inline `<TIMEX3 type= value=>`. Scored the TempEval-3 way: spans match
when they overlap (relaxed) or exactly (strict); a value counts when the spans
overlap and the TimeML value is the same. `value` F1 is the figure HeidelTime
reports (77.6 on the TempEval-3 test set).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from sitroom.evaluate.scoring import KindScore
from sitroom.extract.times import tense_of
from sitroom.extract.timex import normalize

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def parse_tml(raw: str) -> tuple[str, str, list[GoldTimex]]:
    """(plain text, DCT date, gold timexes with offsets into that text) of one TimeML file."""
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = dct_m.group(1)[:10] if dct_m else ""
    body_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else ""
    out: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict] | None = None
    pos = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(m.group(3))))
        elif open_timex:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            gold.append(GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def _same_value(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def part_of(name: str) -> str:
    """The fixed split: one file in three (by a hash of its name) is held out and never studied while tuning."""
    return "heldout" if int(hashlib.md5(name.encode()).hexdigest()[:8], 16) % 3 == 0 else "tune"


def _nlp():
    """The spaCy pipeline when installed (it gives the verb tense that orients weekdays and months)."""
    try:
        from sitroom.stages.analyze import load_nlp

        return load_nlp()
    except Exception:  # noqa: BLE001 - scored without tense when spaCy or its model is missing
        return None


_DOCS: dict[Path, object] = {}


def _tense(path: Path, text: str):
    nlp = _nlp()
    if nlp is None:
        return None
    if path not in _DOCS:
        _DOCS[path] = nlp(text)
    return tense_of(_DOCS[path])


def _score(files: list[Path], show_errors: bool, label: str = "") -> list[KindScore]:
    relaxed = KindScore("timebank", "timex-span", metric="relaxed" + label)
    strict = KindScore("timebank", "timex-span", metric="strict" + label)
    value = KindScore("timebank", "timex-value", metric="value-F1" + label)
    accuracy = KindScore("timebank", "timex-value", metric="value-accuracy" + label)
    for path in files:
        text, dct, gold = parse_tml(path.read_text(encoding="utf-8"))
        found = normalize(text, dct or None, _tense(path, text))
        matched_sys: set[int] = set()
        for g in gold:
            hit = next((i for i, t in enumerate(found) if i not in matched_sys and t.start < g.end and g.start < t.end), None)
            if hit is None:
                relaxed.fn += 1
                strict.fn += 1
                value.fn += 1
                if show_errors:
                    relaxed.misses.append(f"{path.name}: {g.text!r} {g.value}")
                continue
            matched_sys.add(hit)
            t = found[hit]
            relaxed.tp += 1
            if (t.start, t.end) == (g.start, g.end):
                strict.tp += 1
            else:
                strict.fn += 1
                strict.fp += 1
            if _same_value(t.value, g.value):
                value.tp += 1
                accuracy.tp += 1
            else:
                value.fn += 1
                value.fp += 1
                accuracy.fp += 1
                if show_errors:
                    value.misses.append(f"{path.name}: {g.text!r} gold {g.value} got {t.value} {t.text!r} (DCT {dct})")
        for i, t in enumerate(found):
            if i not in matched_sys:
                relaxed.fp += 1
                strict.fp += 1
                value.fp += 1
                if show_errors:
                    relaxed.false_positives.append(f"{path.name}: {t.text!r} {t.value}")
    accuracy.value = accuracy.tp / (accuracy.tp + accuracy.fp) if accuracy.tp + accuracy.fp else 0.0
    value.value = value.f1
    relaxed.value = relaxed.f1
    strict.value = strict.f1
    return [relaxed, strict, value, accuracy]


def evaluate(data_dir: Path, show_errors: bool = False, files: list[Path] | None = None) -> list[KindScore]:
    """Span (relaxed and strict) and value scores of `sitroom.extract.timex` over every `.tml` file,
    then value-F1 on the tuning part and on the held-out part (`part_of`). Errors are shown for
    the tuning part only: the held-out files are for reporting, never for study."""
    root = Path(data_dir)
    if (root / "timebank").is_dir():
        root = root / "timebank"
    if files is None:
        files = sorted(root.rglob("*.tml"))
    whole = _score(files, False)
    tune = _score([f for f in files if part_of(f.name) == "tune"], show_errors, " (tune)")
    held = _score([f for f in files if part_of(f.name) == "heldout"], False, " (held-out)")
    return whole + [tune[2], held[2], tune[0], held[0]]
