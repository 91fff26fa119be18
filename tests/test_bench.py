"""The benchmark: its corpus looks like scraped news, and its numbers come from real runs."""

from __future__ import annotations

import re

import pytest

from sitroom.api import clean_file
from sitroom.surfaces.bench import NAV, TRAILER, PeakRSS, bench, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-corpus")
    words = make_corpus(40, folder)
    return folder, words


def test_corpus_has_boilerplate_copies_and_relative_dates(corpus):
    folder, words = corpus
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 40 and words > 40 * 200
    texts = [f.read_text(encoding="utf-8") for f in files]
    chrome = NAV + TRAILER
    assert all(any(line in {p.strip() for p in t.split("\n\n")} for line in chrome) for t in texts)
    assert sum(bool(re.search(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", t)) for t in texts) > 30
    paragraphs = [set(t.split("\n\n")) for t in texts]
    copies = [i for i in range(1, len(texts)) if any(len(paragraphs[i] & paragraphs[j]) >= 0.6 * len(paragraphs[i])
                                                     for j in range(i))]
    assert 1 <= len(copies) < 20  # some syndicated near-copies, most reports distinct
    assert len(set(texts)) >= len(texts) - 3  # an exact repost is rare, as in real feeds


def test_cleaner_keeps_the_story_and_drops_the_chrome(corpus):
    folder, _ = corpus
    art, _ = clean_file(sorted(folder.glob("*.txt"))[0])
    assert art is not None and len(art.text.split()) > 150
    assert "Skip to main content" not in art.text and "All rights reserved" not in art.text


def test_peak_rss_includes_children():
    import multiprocessing

    with PeakRSS(every=0.02) as alone:
        pass
    ctx = multiprocessing.get_context("fork")
    with PeakRSS(every=0.02) as with_child:
        p = ctx.Process(target=_hold_memory)
        p.start()
        p.join()
    assert with_child.peak > alone.peak + 50 * 2**20


def _hold_memory():
    import time

    block = bytearray(120 * 2**20)  # touched below, so it is resident
    block[:: 4096] = b"x" * len(block[:: 4096])
    time.sleep(0.5)


@pytest.mark.slow
def test_bench_measures_a_cold_run_bare_spacy_and_a_reuse_run(tmp_path):
    r = bench(6, 1, tmp_path)
    assert r["analysed_articles"] == 6 and r["words"] > 6 * 150
    assert r["sitroom"]["analysed"] == 6 and r["sitroom"]["reused"] == 0
    assert r["rerun"]["analysed"] == 0 and r["rerun"]["reused"] == 6
    assert {"read", "clean", "analyze", "resolve", "store", "export"} <= set(r["sitroom"]["stages"])
    assert r["ratio_to_spacy"] > 0 and r["sitroom"]["peak_rss_mb"] > 100
