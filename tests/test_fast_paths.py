"""The performance shortcuts must give exactly what the slow path gives.

Each shortcut (ftfy skipped on clean text, one-pass Markdown escaping, dedup's
per-report verification data, memoised gazetteer lookups) is checked against
the straightforward computation it replaced, on realistic and awkward input.
"""

from __future__ import annotations

import random

import ftfy
import numpy as np
import pytest

from sitroom.export.markdown import md_escape
from sitroom.settings import Dedup
from sitroom.stages import dedup
from sitroom.stages.read import _ftfy_could_change, decode

AWKWARD = [
    "Plain ASCII report. Officials said 40 people were hurt.\nSecond line.",
    "Curly “quotes” and an em dash — and an ellipsis…",
    "Mojibake from a repost: the minister\u00e2\u20ac\u2122s office said",
    "Latin-1 read as UTF-8 twice: caf\u00c3\u00a9 in the old town",
    "Entities: AT&amp;T and Q&amp;A &eacute;t&eacute;",
    "Windows line ends\r\nand old Mac ones\rhere",
    "A terminal escape \x1b[31mred\x1b[0m in a scraped page",
    "Full-width \uff21\uff22\uff23 letters and an ideographic\u3000space",
    "A line separator\u2028and a paragraph separator\u2029inside",
    "Control chars \x07 and \x7f and a C1 \x85 next line",
    "A BOM \ufeff in the middle",
    "Accents without damage: naïve café in Erbil, Mosul’s governor",
    "",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_decode_equals_ftfy_on_awkward_text(text):
    expected = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None)
    assert decode(text.encode("utf-8")) == expected


def test_ftfy_is_skipped_only_where_it_changes_nothing():
    rng = random.Random(7)
    pieces = AWKWARD + ["Mosul", "’s", "Ã", "â€", "&", "\n", "\r", " said. ", "“", "”"]
    skipped = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None)
        if not _ftfy_could_change(text):
            skipped += 1
            assert fixed == text, repr(text)
    assert skipped > 20  # the shortcut is actually taken on clean text


def _md_escape_reference(text: object) -> str:
    out = ("" if text is None else str(text)).replace("\\", "\\\\")
    for ch in "`*_[]<>|#!&":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def test_md_escape_equals_one_replace_per_character():
    rng = random.Random(3)
    alphabet = "ab \\`*_[]<>|#!&\n\t“é"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert md_escape(text) == _md_escape_reference(text)
    assert md_escape(None) == _md_escape_reference(None)
    assert md_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"


def _shared_reference(fp, other, min_share):
    """The per-pair computation dedup used before: every window looked up in `other`."""
    pos = np.searchsorted(other, fp.windows)
    found = other[np.minimum(pos, len(other) - 1)] == fp.windows
    cum = np.r_[0, np.cumsum(found)]
    return [i for i, (s, e) in enumerate(fp.paragraph_spans) if e > s and cum[e] - cum[s] >= min_share * (e - s)]


def test_dedup_verification_equals_the_pairwise_reference():
    s = Dedup()
    shared = ("Rebels from the north entered the river port at dawn and took the customs house, "
              "witnesses told reporters by telephone from a nearby village.")
    reports = [
        [shared, "The governor said reinforcements were on their way from the capital by road."],
        ["Aid agencies said thousands had left overnight toward the coast, carrying what they could.", shared],
        [shared.replace("dawn", "first light"), "Fuel prices doubled in the market, traders said on Friday."],
        ["A short unrelated note about the weather and a football match in the southern league."],
    ]
    prints = dedup.fingerprint_batch([(f"d{i}", i, None, paras) for i, paras in enumerate(reports)], s)
    links = 0
    for i in range(len(prints)):
        for j in range(i + 1, len(prints)):
            a, b = prints[i], prints[j]
            link = dedup._verify(a, b, i, j, s)
            inter = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
            if a.exact != b.exact and inter == 0:
                assert link is None
                continue
            links += 1
            assert link.jaccard == inter / (len(a.shingles) + len(b.shingles) - inter)
            assert link.paragraphs_a == _shared_reference(a, b.shingles, s.paragraph_overlap)
            assert link.paragraphs_b == _shared_reference(b, a.shingles, s.paragraph_overlap)
    assert links >= 2  # the reports that share a passage were compared


def test_gazetteer_lookups_are_memoised_as_copies():
    from sitroom.knowledge.gazetteer import open_gazetteer

    gaz = open_gazetteer()
    first = gaz.lookup("Mosul")
    assert first, "the gazetteer knows Mosul"
    first.clear()  # a caller filtering its own list must not empty the memo
    assert gaz.lookup("Mosul") == gaz._lookup("Mosul") != []
    assert gaz.lookup_variant("Mosoul") == gaz._lookup_variant("Mosoul")
