"""Passage overlap between reports: words, word shingles and the share two reports have in common.

One home for every stage that asks whether reports share text: clean (a repeated line
that is shared story text, not site furniture) and dates (reports that quote each other
lend each other a date) compare `shingles` by `smaller_share`; dedup hashes its own
vectorised shingles (MinHash) over `words_of`, which the stories stage also counts terms
with.

Two tokenisations, on purpose: `words_of` splits at every punctuation mark ("al-Maliki"
is two words, "U.S." two), so that copies whose quotes and dashes differ hash alike;
`shingles` keeps the boilerplate model's words (`boilerplate.words`: "al-Maliki", "U.S."
whole): the dates stage's results on TimeBank depend on them (tests/test_dates.py).
"""

from __future__ import annotations

import re

from sitroom.article.boilerplate import words

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, quotes and dashes differ between copies of one report."""
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    """Word k-shingles, lower-cased (a shorter text is one shingle): the unit of passage overlap."""
    ws = [w.lower() for w in words(text)]
    return {tuple(ws[i : i + k]) for i in range(max(1, len(ws) - k + 1))} if ws else set()


def paragraph_bounds(text: str, char: int) -> tuple[int, int]:
    """Start and end of the paragraph (blank-line separated) holding offset `char`."""
    start = text.rfind("\n\n", 0, char)
    end = text.find("\n\n", char)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def word_overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap 0..1 of two passages' word sets (0 when either is empty): how alike one passage
    is in two reports that each edited it."""
    return len(a & b) / len(a | b) if a and b else 0.0


def smaller_share(shared: int, size_a: int, size_b: int) -> float:
    """Overlap 0..1 of two reports: the shingles they share over the smaller report's count."""
    return shared / max(1, min(size_a, size_b))
