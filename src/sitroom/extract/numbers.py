"""Numbers as news writes them: digits, words, vague plurals, money, shares, ranges.

`find_quantities(text)` scans a text and returns every quantity with its char span;
`parse_quantity(text)` reads one expression. A value is only what the text states: vague
words ("dozens", "hundreds", "thousands", "a few") have no value (`value` None) and keep
their words as the qualifier ("dozens"), never a number read into them; words that do name
a number ("a dozen", "half a million") keep it.

Written by hand rather than with a library (`number-parser`, `word2number`): those
read "one" inside "one of the two remaining bases" as a number and drop the qualifier
("more than").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.article.words import NUMBER_WORDS, SCALE_WORDS

# Words that name a number, with the qualifier the word carries.
NAMED_AMOUNTS = {
    "a dozen": (12, "about"), "a couple of": (2, "about"),
    "half a million": (500_000, "exact"), "half a billion": (500_000_000, "exact"),
}
# Vague amounts: the text states no number, so none is read into them (an analyst's "dozens"
# is not 12); the words themselves are the qualifier.
VAGUE_WORDS = (
    "dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "millions",
    "several", "many", "a few", "a handful", "several hundred", "several thousand", "a few hundred",
    "a few thousand", "a few dozen", "several dozen",
)
VAGUE = {**{w: (None, w) for w in VAGUE_WORDS}, **NAMED_AMOUNTS}
QUALIFIERS = {
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "nearly": "about", "almost": "about", "an estimated": "about", "estimated": "about",
    "close to": "about", "approaching": "about",
    "at least": "at least", "no fewer than": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "up to": "up to", "as many as": "up to", "at most": "up to", "fewer than": "up to", "less than": "up to",
    "under": "up to",
}

_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SCALE = "|".join(SCALE_WORDS)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = rf"(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+hundred(?:\s+(?:and\s+)?(?:{_WORD}))?)?"
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_CURRENCY = r"(?:US\$|\$|€|£)"
_PERCENT = r"(?:%|\s?percent\b|\s?per\s?cent\b)"

_AMOUNT = rf"(?:{_DIGITS}|{_WORDNUM})(?:\s+(?:{_SCALE}))?"
QUANTITY_RE = re.compile(
    rf"""(?<![\w$.,])
    (?:(?P<qual>{_QUAL})\s+)?
    (?:
        (?P<vague>{_VAGUE})(?![\w-])
      | (?P<between>between\s+)?(?P<cur>{_CURRENCY})?\s?(?P<amount>{_AMOUNT})
        (?:\s*(?:-|–|\bto|(?(between)and|(?!)))\s*(?P=cur)?\s?(?P<amount2>{_AMOUNT}))?
        (?P<pct>{_PERCENT})?
    )
    (?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Quantity:
    value: float | None  # None: a vague amount ("dozens") states no number
    value_max: float | None
    qualifier: str  # about | at least | more than | up to | exact
    unit: str | None  # USD, EUR, GBP, percent, or None for a count
    start: int
    end: int
    text: str
    vague: bool = False  # a word like "dozens": no value, the words are the qualifier

    @property
    def is_year_like(self) -> bool:
        """A bare four-digit 1900-2099 ("the 2003 invasion", "since 2007")."""
        return (self.value is not None and self.unit is None and self.value_max is None and self.value.is_integer()
                and 1900 <= self.value <= 2099 and self.text.strip().isdigit())


def _amount_value(text: str) -> float | None:
    text = text.strip().lower()
    scale = 1
    parts = text.split()
    if parts and parts[-1] in SCALE_WORDS and len(parts) > 1:
        scale = SCALE_WORDS[parts[-1]]
        text = " ".join(parts[:-1])
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", "")) * scale
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    total += current
    return float(total * scale)


_CURRENCY_UNIT = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}


def _from_match(m: re.Match) -> Quantity | None:
    qual = QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
    if m.group("vague"):
        words = m.group("vague").lower()
        value, named_qual = VAGUE[words]
        if value is not None:  # "a dozen", "half a million": the words name a number
            return Quantity(float(value), None, qual if qual != "exact" else named_qual, None,
                            m.start(), m.end(), m.group(0))
        said = " ".join((m.group("qual") or "").lower().split() + [words])  # "more than a few"
        return Quantity(None, None, said, None, m.start(), m.end(), m.group(0), vague=True)
    value = _amount_value(m.group("amount"))
    if value is None:
        return None
    value_max = _amount_value(m.group("amount2")) if m.group("amount2") else None
    if value_max is not None and value_max <= value:
        return None  # "2-1" scores, "10 to 4": not a range
    unit = None
    if m.group("cur"):
        unit = _CURRENCY_UNIT[m.group("cur").lower()]
    elif m.group("pct"):
        unit = "percent"
    return Quantity(value, value_max, qual, unit, m.start(), m.end(), m.group(0))


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right, with char spans (`text[q.start:q.end] == q.text`)."""
    found = []
    for m in QUANTITY_RE.finditer(text):
        q = _from_match(m)
        if q is not None:
            found.append(q)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """One quantity expression ("more than 1,000", "$15 billion", "dozens"), or None."""
    m = QUANTITY_RE.fullmatch(text.strip())
    return _from_match(m) if m else None
