"""One figure across copies of a report: its majority value and spread, and how it reads.

Lightly edited copies of one report (a reposted wire story, a later update) may give a figure
slightly differently ("500,000" in 119 copies, "520,000" in 16). They are one report's figure,
not a contradiction: the claim keeps the value most copies give and lists the others as
`variants` with their copy counts, so a reader sees "more than 500,000 (520,000 in 16 of 135
copies)". A figure reads with its unit or currency and its words as the text gives them; a
vague amount ("dozens") reads as its words, never as a number.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from sitroom.article.shingles import word_overlap
from sitroom.contract import Claim, FigureVariant

CURRENCY_SIGNS = {"USD": "US$", "EUR": "€", "GBP": "£"}
SCALES = ((1e9, "billion"), (1e6, "million"))
# kinds whose word says what happened to the people counted ("70 militants killed"); for the
# others the subject already says what is counted ("300 military advisers", "$15 billion")
EVENT_KINDS = {"killed", "wounded", "displaced", "detained", "released"}


def _number(value: float, currency: bool = False) -> str:
    for size, word in SCALES:
        if currency and value >= size and (value / size * 10).is_integer():
            return f"{value / size:g} {word}"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def amount_text(value: float | None, value_max: float | None, qualifier: str, unit: str | None,
                kind: str | None = None) -> str:
    """A figure's amount as it should read: "about 500", "US$15 billion", "95%", "dozens"."""
    if value is None:
        return qualifier  # a vague amount: its words ("dozens", "more than a few")
    qual = "" if qualifier in ("exact", "", None) else qualifier + " "
    if unit == "percent" or (kind == "share" and value <= 1 and (value_max is None or value_max <= 1)):
        scale = 100 if value <= 1 and (value_max is None or value_max <= 1) else 1
        span = f"{value * scale:.0f}%" + (f"–{value_max * scale:.0f}%" if value_max is not None else "")
        return qual + span
    sign = CURRENCY_SIGNS.get(unit or "", "")
    code = "" if sign or not unit else f" {unit}"
    span = sign + _number(value, bool(sign)) + (f"–{sign}{_number(value_max, bool(sign))}" if value_max else "")
    return f"{qual}{span}{code}"


def claim_text(c: Claim) -> str:
    """A claim as one line: "more than 500,000 people displaced (520,000 in 16 of 135 copies)"."""
    amount = amount_text(c.value, c.value_max, c.qualifier, c.unit, c.kind)
    subject = f" {c.subject}" if c.subject else ""
    kind = f" {c.kind}" if c.kind in EVENT_KINDS and c.kind not in (c.subject or "").lower() else ""
    if not subject and not kind and c.kind not in ("money", "share"):
        kind = f" {c.kind}"
    return f"{amount}{subject}{kind}".strip() + spread_note(c)


def spread_note(c: Claim) -> str:
    """" (520,000 in 16 of 135 copies)" when copies give other values, else ""."""
    if not c.variants:
        return ""
    parts = [f"{amount_text(v.value, v.value_max, v.qualifier, c.unit, c.kind)} in {v.copies} of {c.copies} copies"
             for v in c.variants]
    return " (" + "; ".join(parts) + ")"


# --------------------------------------------------------------------------- copy variants


def _variant_key(c: Claim):
    return c.kind, c.unit, c.status, c.background


def merge_copy_variants(claims: list[Claim], copy_of: dict[str, str], same_topic, overlap: float) -> list[Claim]:
    """Claims that differ only in value, carried by copies of one report (`copy_of`: doc -> its copy
    group) in one passage lightly edited (sentences sharing `overlap` of their words, numbers left
    out), become one claim: the value most copies give (ties: the lower, the cautious reading), the
    others as `variants`. `same_topic(a, b)` says two claims count the same thing at the same place
    and time. Two figures of one report, and claims from reports that are not copies, stay apart."""
    groups: dict[tuple, list[list[Claim]]] = defaultdict(list)
    # (variant key, copy group) -> positions in the bucket of the groups whose first claim that copy
    # group carries: a claim can join only those (it must be a copy of every member's report, the
    # first included), so it is never compared with every group of its kind, the run's square
    founded: dict[tuple, list[int]] = defaultdict(list)
    for c in claims:
        key = _variant_key(c)
        bucket = groups[key]
        own = _copy_groups(c, copy_of)
        candidates = sorted({i for g in own for i in founded.get((key, g), ())})
        for i in candidates:  # in the order the groups were made, as a scan of the bucket would go
            members = bucket[i]
            if all(_copies_of_one_report(c, m, copy_of) and _same_passage(c, m, overlap) and same_topic(c, m)
                   for m in members):
                members.append(c)
                break
        else:
            for g in own:
                founded[(key, g)].append(len(bucket))
            bucket.append([c])
    out = []
    for bucket in groups.values():
        for members in bucket:
            out.append(members[0] if len(members) == 1 else _with_variants(members))
    return out


def _copy_groups(c: Claim, copy_of: dict[str, str]) -> set[str]:
    return {copy_of.get(d, d) for d in c.documents}


def _copies_of_one_report(a: Claim, b: Claim, copy_of: dict[str, str]) -> bool:
    return not _copy_groups(a, copy_of).isdisjoint(_copy_groups(b, copy_of))


_NUMBER = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 14)  # one evidence sentence is compared with many: read it once
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_NUMBER.sub(" ", text.lower())))


def _same_passage(a: Claim, b: Claim, overlap: float) -> bool:
    """One passage in two copies: a sentence stating one figure and a sentence of another report
    stating the other are alike once their numbers are left out (one report's two figures, or
    two passages of two copies, are two figures)."""
    for ea in a.evidence:
        wa = _words(ea.text)
        for eb in b.evidence:
            wb = _words(eb.text)
            if ea.doc != eb.doc and word_overlap(wa, wb) >= overlap:
                return True
    return False


def _with_variants(members: list[Claim]) -> Claim:
    ranked = sorted(members, key=lambda c: (-len(c.documents), c.value is None, c.value or 0, c.id))
    head, rest = ranked[0], ranked[1:]
    total = len({d for c in members for d in c.documents})
    variants = [FigureVariant(value=c.value, value_max=c.value_max, qualifier=c.qualifier, stated=c.stated,
                              copies=len(c.documents), documents=c.documents, evidence=c.evidence) for c in rest]
    return head.model_copy(update={"copies": total, "variants": [*head.variants, *variants]})
