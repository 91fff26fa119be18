"""Property and fuzz tests: whatever the input, no crash, no lost text, evidence that lines up."""

from __future__ import annotations

import random
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.settings import Read
from sitroom.stages.read import read_bytes

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(["", ".txt", ".html", ".jsonl", ".gz"]))
def test_reader_never_raises_on_any_bytes(data, suffix):
    docs, bad = read_bytes(f"fuzz{suffix}", data, Read())
    assert docs or bad  # every input is either read or reported
    for r in bad:
        assert r.reason.startswith("[S0") and "fuzz" in r.reason


# Everyday news text: ASCII plus the accents, curly quotes, dashes and scripts reports carry.
# (Adversarial strings that *look* like mojibake are legitimately mended by the repair.)
NEWS_CHARS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-\n")
                             + list("éèüöñçãôÉ’‘“”—–…€£") + list("بغداد") + list("Москва"))


@FUZZ
@given(text=st.text(alphabet=NEWS_CHARS, min_size=1, max_size=2000))
def test_utf8_text_is_read_back_whole(text):
    data = text.encode("utf-8")
    docs, bad = read_bytes("story.txt", data, Read())
    if not data.strip():
        assert bad and bad[0].code == "S002"
        return
    assert not bad
    # mojibake repair may mend sequences, but never drops words
    assert len(docs[0].text.split()) >= len(text.split()) - text.count("\ufeff")


@FUZZ
@given(text=st.text(min_size=1, max_size=500))
def test_any_text_is_either_read_or_rejected_as_empty(text):
    docs, bad = read_bytes("story.txt", text.encode("utf-8", "surrogatepass"), Read())
    assert (docs and docs[0].text.strip()) or (bad and bad[0].code in {"S002", "S003"})


# --------------------------------------------------------------------------- edited copies of the seeds
# Reposts of a report swap paragraphs, retype quotes and edit a figure: the picture must not move.
# No false contradiction appears and none is lost; the edited figure is a minority variant of its
# majority value, not a new figure or a contradiction.

def _bumped(text: str) -> tuple[str, float, float] | None:
    """The text with its largest comma-grouped figure raised by 4% once (a light edit)."""
    figures = sorted({m.group(0) for m in re.finditer(r"\b\d{1,3}(?:,\d{3})+\b", text)},
                     key=lambda f: -int(f.replace(",", "")))
    if not figures:
        return None
    old = int(figures[0].replace(",", ""))
    new = round(old * 1.04)
    return text.replace(figures[0], f"{new:,}", 1), float(old), float(new)


def _swapped(text: str, rng: random.Random) -> str:
    paras = text.split("\n\n")
    body = [i for i, p in enumerate(paras) if len(p) > 120]
    i = rng.choice(body[:-1])
    j = body[body.index(i) + 1]
    paras[i], paras[j] = paras[j], paras[i]
    return "\n\n".join(paras)


@pytest.mark.slow
@pytest.mark.seeds
def test_edited_copies_of_the_seeds_neither_add_nor_lose_a_contradiction(seeds_run, seeds_dir, tmp_path):
    import sitroom

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in seeds_dir.glob("*.txt"):
        shutil.copy(p, corpus / p.name)
    lead = next(seeds_dir.glob("000_*.txt"))
    text = lead.read_text(encoding="utf-8")
    rng = random.Random(19)
    for k in range(3):
        (corpus / f"{lead.stem}-swap{k}.txt").write_text(_swapped(text, rng), encoding="utf-8")
    (corpus / f"{lead.stem}-retyped.txt").write_text(text.replace("’", "'").replace("“", '"').replace("”", '"'),
                                                    encoding="utf-8")
    bumped = _bumped(text)
    assert bumped is not None
    edited, old, new = bumped
    (corpus / f"{lead.stem}-figure.txt").write_text(edited, encoding="utf-8")

    sit = sitroom.run([str(corpus)], tmp_path / "out")
    base, _ = seeds_run

    def topics(s):
        return sorted((x.kind, x.topic) for x in s.contradictions)

    assert topics(sit) == topics(base)
    # the edited figure: one copy of seven reports of the lead says `new`, the rest `old`
    with_new = [c for c in sit.claims if c.value == new or any(v.value == new for v in c.variants)]
    assert with_new and all(c.value == old and c.copies > 1 for c in with_new)
