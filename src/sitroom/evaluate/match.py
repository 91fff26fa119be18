"""Matching rules of the quality harness: when does a predicted fact count as a gold fact.

Every rule is small and documented in docs/gold-format.md: names match by alias
(case-insensitive, surname allowed), places by distance, dates exactly or at the
gold's precision, quotes by the share of gold tokens found, numbers exactly.
Pairs are then assigned greedily one-to-one, best score first.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Callable, Iterable, Sequence, TypeVar

from rapidfuzz import fuzz

from sitroom.knowledge.geo import distance_km

G = TypeVar("G")
P = TypeVar("P")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_PLACE_NOISE = re.compile(r"\b(al|el|the|province|governorate|city|town|village|of)\b")


def fold(text: str) -> str:
    """Lower case, ASCII-folded, typographic quotes and dashes made plain."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def tokens(text: str) -> list[str]:
    """Word tokens, possessive 's dropped ("Thursday's" is "thursday")."""
    return [t[:-2] if t.endswith("'s") else t for t in _WORD.findall(fold(text))]


def norm_name(name: str) -> str:
    """A name as a comparison key: folded, no leading article, no possessive, no dots."""
    s = fold(name).replace(".", "")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return " ".join(tokens(s))


def norm_place(name: str) -> str:
    """Place names vary in articles and transliteration ('al-Tarmiya', 'Falluja'): drop the noise words."""
    s = fold(name).replace("'", "").replace("\u2019", "")
    s = _PLACE_NOISE.sub(" ", s.replace("-", " "))
    return " ".join(tokens(s))


def coverage(gold_text: str, pred_text: str) -> float:
    """Share of the gold excerpt's distinct tokens that occur in the prediction."""
    g = set(tokens(gold_text))
    return len(g & set(tokens(pred_text))) / len(g) if g else 0.0


def overlap_tokens(gold_text: str, pred_text: str) -> int:
    return len(set(tokens(gold_text)) & set(tokens(pred_text)))


def names_match(gold_names: Iterable[str], pred_names: Iterable[str], person: bool = True) -> bool:
    """Same name or alias (case-insensitive); for people the surname also matches.

    Surnames: 'Carney' matches 'Jay Carney', 'President Obama' matches 'Barack Obama'
    (not for organisations: 'Justice Ministry' is not 'Defense Ministry'). Any name
    contained in the other as whole words, two words or more, matches
    ('Defense Ministry' in 'the Iraqi Defense Ministry').
    """
    gold = {norm_name(n) for n in gold_names if n}
    pred = {norm_name(n) for n in pred_names if n}
    gold.discard("")
    pred.discard("")
    if gold & pred:
        return True
    for g in gold:
        for p in pred:
            gt, pt = g.split(), p.split()
            if person and gt and pt and gt[-1] == pt[-1] and len(gt[-1]) >= 3:
                return True
            if len(min(gt, pt, key=len)) >= 2 and (f" {g} " in f" {p} " or f" {p} " in f" {g} "):
                return True
            if not person and f" {g} " in f" {p} ":  # a group's name inside a longer mention: 'ISIS fighters'
                return True
    return False


def place_names_match(gold_names: Iterable[str], pred_names: Iterable[str], min_ratio: float) -> bool:
    gold = {norm_place(n) for n in gold_names if n} - {""}
    pred = {norm_place(n) for n in pred_names if n} - {""}
    return any(g == p or fuzz.ratio(g, p) >= min_ratio for g in gold for p in pred)


km_between = distance_km  # places match by distance: the one great-circle distance of sitroom


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def date_matches(gold, pred: str | None) -> bool:
    """Gold date (or a list of acceptable ones) against a predicted date.

    No gold date: anything matches. A day must be that day; a coarser gold date
    (year `2014`, month `2014-06`, ISO week `2014-W25`) accepts the same value or any
    day inside it. A prediction coarser than the gold never matches.
    """
    options = as_list(gold)
    if not options:
        return True
    if not pred:
        return False
    pred = pred.strip()
    return any(_date_ok(str(g), pred) for g in options)


def _date_ok(gold: str, pred: str) -> bool:
    if gold == pred or (len(gold) == 10 and pred[:10] == gold and _DAY.match(pred)):
        return True
    week = _WEEK.match(gold)
    if week:
        m = _DAY.match(pred)
        if not m:
            return False
        iso = date(int(m[1]), int(m[2]), int(m[3])).isocalendar()
        return (iso[0], iso[1]) == (int(week[1]), int(week[2]))
    if len(gold) in (4, 7) and _DAY.match(pred):  # year or month: a day inside it
        return pred.startswith(gold)
    if len(gold) == 7 and pred[:7] == gold:
        return True
    return False


def values_equal(gold: float, pred: float | None) -> bool:
    if pred is None:
        return False
    return abs(float(gold) - float(pred)) <= 1e-6 * max(1.0, abs(float(gold)))


def greedy_pairs(
    gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float | None], priority: Callable[[G], int] | None = None
) -> list[tuple[int, int]]:
    """One-to-one assignment: every admissible pair (score not None) ranked by score, taken greedily.

    `priority` breaks ties (higher first), e.g. required gold items before optional ones.
    """
    pairs = []
    for gi, g in enumerate(gold):
        rank = priority(g) if priority else 0
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                pairs.append((s, rank, -gi, -pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, ngi, npi in pairs:
        gi, pi = -ngi, -npi
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out
