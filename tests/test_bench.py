"""The benchmark: its corpus looks like scraped news, and its numbers come from real runs."""

from __future__ import annotations

import re

import pytest

from sitroom.api import clean_file
from sitroom.surfaces.bench import NAV, TRAILER, PeakRSS, bench, growth_table, make_corpus, pss_bytes, size_row
from sitroom.surfaces.bench_real import SETS, follow_up, make_real_corpus, real_articles


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


# --------------------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def real_pool(data_dir):
    return real_articles(data_dir)


def test_real_corpus_interleaves_all_four_sets_of_real_length(real_pool, data_dir, tmp_path):
    assert len(real_pool) > 2000 and {name for name, _, _ in real_pool[:4]} == set(SETS)
    words = make_real_corpus(40, tmp_path, data_dir)
    files = sorted(tmp_path.glob("*.txt"))
    assert len(files) == 40 and words > 40 * 200  # real articles, not snippets
    assert {f.stem.split("_")[1] for f in files} == set(SETS)
    texts = {f.stem.split("_", 1)[1]: f.read_text(encoding="utf-8") for f in files}
    originals = {doc: text for _, doc, text in real_pool[:40]}
    assert all(texts[k].strip() == v.strip() for k, v in originals.items())  # read as they are
    long = [t for t in texts.values() if len(t.split()) > 200]
    assert len(long) >= 10 and sum(t.count("\n\n") >= 2 for t in long) >= 0.9 * len(long)  # set in paragraphs


def test_a_follow_up_repeats_one_story_and_ends_with_another(real_pool):
    import random

    polnear = [text for name, _, text in real_pool if name == "polnear"]
    lead, rest = polnear[0].split("\n\n"), polnear[1].split("\n\n")
    paras = follow_up(polnear[0], polnear[1], random.Random(1)).split("\n\n")
    assert paras[0] == lead[0] or re.sub(r"\d", "", paras[0]) == re.sub(r"\d", "", lead[0])  # figures may move
    assert re.sub(r"\d", "", paras[-1]) == re.sub(r"\d", "", rest[-1])
    assert len(paras) == max(1, len(lead) // 2) + len(rest) - len(rest) // 2


def test_growth_table_is_per_thousand_reports():
    cold = {"seconds": 30.0, "cpu_seconds": 50.0, "peak_rss_mb": 1500.4,
            "stages": {"clean": 2.0, "analyze": 20.0}, "stage_peak_mb": {"clean": 400, "analyze": 1500}}
    rows = [size_row(500, cold), size_row(2000, {**cold, "stages": {"clean": 8.0, "analyze": 80.0}})]
    assert rows[0]["stages"]["analyze"] == {"seconds_per_1k": 40.0, "peak_mb": 1500, "peak_pss_mb": None}
    assert rows[1]["stages"]["clean"]["seconds_per_1k"] == 4.0 and rows[0]["seconds_per_1k"] == 60.0
    table = growth_table(rows).splitlines()
    assert table[0].startswith("| stage | 500: s/1k | 500: peak MB | 500: PSS MB | 2,000: s/1k")
    assert table[2] == "| clean | 4.0 | 400 |  | 4.0 | 400 |  |"  # PSS not measured: an empty cell
    with_pss = size_row(500, {**cold, "peak_pss_mb": 1200.2, "stage_peak_pss_mb": {"clean": 350, "analyze": 1200}})
    assert with_pss["peak_pss_mb"] == 1200 and with_pss["stages"]["clean"]["peak_pss_mb"] == 350
    assert growth_table([with_pss]).splitlines()[2] == "| clean | 4.0 | 400 | 350 |"
    assert table[-1].startswith("| **whole run** | 60.0 (CPU 100.0)")


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


def test_peak_rss_per_part():
    with PeakRSS(every=0.02) as rss:
        rss.mark("small")
        rss.mark("big")
        _hold_memory()
        rss.mark(None)
    assert rss.peaks["big"] > rss.peaks["small"] + 50 * 2**20
    assert rss.peak >= rss.peaks["big"]


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def test_pss_counts_pages_a_forked_worker_shares_with_its_parent_once():
    import multiprocessing
    import os

    if pss_bytes(os.getpid()) is None:
        pytest.skip("no /proc/PID/smaps_rollup here")
    block = bytearray(200 * 2**20)
    block[:: 4096] = b"x" * len(block[:: 4096])  # resident in the parent before the fork
    ctx = multiprocessing.get_context("fork")
    with PeakRSS(every=0.05, pss_every=1) as mem:
        child = ctx.Process(target=_sleep, args=(1.0,))  # touches none of it: every page stays shared
        child.start()
        child.join()
    assert mem.pss_peak is not None and mem.pss_peak <= mem.peak
    # RSS counts the 200 MB in the parent and again in the child; PSS splits them between the two
    assert mem.peak - mem.pss_peak > 150 * 2**20
    del block


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
    if r["sitroom"]["peak_pss_mb"] is not None:  # Linux
        assert 100 < r["sitroom"]["peak_pss_mb"] <= r["sitroom"]["peak_rss_mb"]
    [row] = r["growth"]
    assert row["articles"] == 6 and row["stages"]["analyze"]["peak_mb"] > 100  # spaCy was loaded then
    assert row["peak_rss_mb"] >= max(st["peak_mb"] for st in row["stages"].values())
