"""Quotation marks: the quoted stretches of a text, paragraph by paragraph.

Marks are paired per paragraph in every style (“ ” « » „ “ ‘ ’, '' … '' of archive text); typed text
mixes straight and curly double marks and turns them the wrong way, so a double mark opens or closes
by where it stands. A paragraph that leaves a quote open continues into the next one that reopens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.knowledge.cues import ABBREVIATIONS

if TYPE_CHECKING:
    from sitroom.extract.speakers import Speaker

PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_END_MARK = re.compile(r"(?<![A-Z])[.!?]\s+")


def sentence_ends(seg: str) -> list[tuple[int, int]]:
    """Sentence breaks in a stretch of text: a stop and a space, but not after an honorific or
    abbreviation ("Mr.", "Sen.", "Gov.") nor after a capital ("U.S.", an initial)."""
    out = []
    for m in _END_MARK.finditer(seg):
        if seg[m.start()] == ".":
            w = re.search(r"([A-Za-z]+)$", seg[:m.start()])
            if w and w.group(1).lower() in ABBREVIATIONS:
                continue
        out.append((m.start(), m.end()))
    return out
# "updated 9:10 AM EST, Tue March 3, 2020" / "March 3, 2020 -- Updated 1410 GMT": a teaser follows
TEASER_STAMP = re.compile(r"^\s*(?:updated\s.*\d{4}|\w+ \d{1,2}, \d{4} -- Updated.*)\s*$", re.I)


@dataclass
class Span:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark (None: runs to the end of the paragraph)
    start: int  # the quoted words
    end: int
    para: int
    para_start: int
    para_end: int
    continues: "Span | None" = None  # the paragraph part this one continues
    verb: int | None = None  # token index of the speech verb that attributes it
    speaker: Speaker | None = None
    own_attribution: bool = False
    deferred: list = field(default_factory=list)  # (verb, lo, hi) of a cue after it that introduces the next quote

    @property
    def after(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def _is_word_char(c: str) -> bool:
    return c.isalnum()


_DOUBLE = "\"“”"
_OPENS_AFTER = " \t([{—-–/"


def _double_role(text: str, j: int, ps: int, pe: int) -> str:
    """'open' or 'close' for a double quotation mark, by where it stands: typed text mixes straight
    and curly marks and turns them the wrong way (`"…”`, `“…,“ he said`)."""
    c = text[j]
    prev = text[j - 1] if j > ps else " "
    nxt = text[j + 1] if j + 1 < pe else " "
    if c == "”":
        return "close"
    if prev in _OPENS_AFTER and not nxt.isspace():
        return "open"
    if c == "“" and (prev.isspace() or nxt.isalnum()):
        return "open"
    return "close"


def _double_close(text: str, i: int, pe: int, ps: int) -> int | None:
    """Index of the mark that closes the double quote opened at i: any double mark in a closing
    position, skipping pairs nested inside; if the nesting never balances, the first closing mark."""
    depth, first = 0, None
    for j in range(i + 1, pe):
        if text[j] not in _DOUBLE:
            continue
        if _double_role(text, j, ps, pe) == "open":
            depth += 1
            continue
        if depth == 0:
            return j
        first = j if first is None else first
        depth -= 1
    return first


_ELIDED_YEAR = re.compile(r"\d\d(?!\d)")


def _spans_in(text: str, ps: int, pe: int, para: int) -> list[Span]:
    out: list[Span] = []
    i = ps
    while i < pe:
        c = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        closer = None
        if c == "'" and nxt == "'":  # '' … '': double quotes typed as two apostrophes (archive text)
            j = text.find("''", i + 2, pe)
            close = j + 1 if j >= 0 else None
            out.append(Span(open=i, close=close, start=i + 2, end=j if j >= 0 else pe, para=para, para_start=ps,
                            para_end=pe))
            i = j + 2 if j >= 0 else pe
            continue
        if c in ("“", '"'):
            close = _double_close(text, i, pe, ps)
            end = close if close is not None else pe
            out.append(Span(open=i, close=close, start=i + 1, end=end, para=para, para_start=ps, para_end=pe))
            i = (close + 1) if close is not None else pe
            continue
        if c in ("«", "„"):
            closer = PAIRS[c]
        elif c in ("‘", "'") and not _is_word_char(prev) and _is_word_char(nxt) and not _ELIDED_YEAR.match(
                text, i + 1):  # "in ‘08", "the ’90s": an apostrophe before a year, not a quote
            closer = "’" if c == "‘" else "'"
        if closer is None:
            i += 1
            continue
        j = i + 1
        while j < pe:
            if text[j] == closer and (closer not in ("’", "'") or j + 1 >= pe or not _is_word_char(text[j + 1])):
                break
            j += 1
        close = j if j < pe else None
        if close is None and closer in ("’", "'"):  # an apostrophe, not a quote
            i += 1
            continue
        end = close if close is not None else pe
        out.append(Span(open=i, close=close, start=i + 1, end=end, para=para, para_start=ps, para_end=pe))
        i = (close + 1) if close is not None else pe
    return out


def find_spans(text: str) -> list[Span]:
    paras = paragraphs(text)
    spans: list[Span] = []
    prev_line = ""
    for k, (ps, pe) in enumerate(paras):
        line = text[ps:pe]
        teaser = bool(TEASER_STAMP.match(prev_line))
        prev_line = line
        if teaser:
            continue
        found = _spans_in(text, ps, pe, k)
        if found and spans and spans[-1].close is None and spans[-1].para == k - 1 and found[0].open == ps:
            found[0].continues = spans[-1]
        spans.extend(found)
    return spans
