"""dedup: copies, near-copies and shared passages, on the seeds and on our own texts."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from sitroom.article.shingles import words_of
from sitroom.contract import Article, Document, Reuse
from sitroom.link.sources import count_sources, source_groups
from sitroom.settings import Settings
from sitroom.stages.dedup import Hasher, dedup_articles, fingerprint_batch

# A fictional report, in our own words.
REPORT = [
    "Floodwaters from the swollen Varna river cut the main road into the valley town of Kestrel on Tuesday, "
    "leaving thousands of residents without fresh water or power, regional officials said.",
    "Rescue crews in small boats moved through the lower districts overnight, pulling families from rooftops "
    "and taking them to a school on higher ground that now serves as a shelter.",
    "The regional governor, Ilse Maren, told reporters that at least 14 people had died and that the number "
    "was likely to rise as the water receded from the farms east of the town.",
    "Engineers warned that a second dam upstream was under strain after four days of rain, and the army sent "
    "two hundred soldiers with sandbags to reinforce its northern wall.",
    "Aid groups said clean water was the most urgent need, with wells in the flooded districts contaminated "
    "by runoff from fields and a damaged sewage plant near the river bank.",
    "Forecasters expect the rain to ease by the weekend, but they cautioned that the river would stay above "
    "its banks for several more days as water drains from the hills.",
]

OTHER = [
    "Lawmakers in the capital approved a budget on Monday that raises spending on rural railways and cuts "
    "subsidies for large farms, after a debate that ran late into the night.",
    "The finance minister said the new rail lines would connect mountain villages that have been without "
    "regular transport since the old branch lines closed two decades ago.",
    "Opposition members argued that the subsidy cuts would hurt family farms more than agribusiness and "
    "promised to challenge the measure in the constitutional court next month.",
    "Economists at the national bank estimated that the plan would add about half a percentage point to "
    "growth over three years if construction starts on schedule.",
    "Unions representing rail workers welcomed the budget, while farmers' associations called a protest "
    "outside parliament for the end of the week.",
]


def article(doc: str, paragraphs: list[str], published: str | None = None) -> Article:
    return Article(id=doc, origin=f"test:{doc}", paragraphs=paragraphs, published=published)


def near_copy(paragraphs: list[str]) -> list[str]:
    """A repost: a word changed here and there, the last paragraph dropped, a footer added."""
    edited = [p.replace("said", "stated", 1).replace("Tuesday", "Tuesday morning") for p in paragraphs[:-1]]
    return edited + ["Share this story with your friends and follow us for the latest updates."]


def links(result, doc):
    return {r.doc: r for r in result.reuse.get(doc, [])}


def test_exact_and_near_copies_point_to_the_earliest_report():
    arts = [
        article("late-copy", list(REPORT), "2024-03-06"),
        article("original", list(REPORT), "2024-03-05"),
        article("repost", near_copy(REPORT), None),
        article("other", list(OTHER), "2024-03-05"),
    ]
    result = dedup_articles(arts)
    assert result.duplicate_of == {"late-copy": "original", "repost": "original"}
    assert links(result, "late-copy")["original"].overlap == 1.0
    repost = links(result, "repost")["original"]
    assert repost.near_copy and repost.overlap > 0.7
    assert "other" not in result.reuse and "other" not in result.duplicate_of


def test_shared_passage_is_found_even_with_the_attribution_moved():
    borrowed = ("At least 14 people had died and the number was likely to rise as the water receded from the "
                "farms east of the town, the regional governor, Ilse Maren, told reporters.")
    follow_up = OTHER[:2] + [borrowed] + OTHER[2:]
    result = dedup_articles([article("flood", REPORT), article("budget", follow_up)])
    assert result.duplicate_of == {}
    reuse = links(result, "budget")["flood"]
    assert reuse.paragraphs == [2] and not reuse.near_copy
    assert 0 < reuse.overlap < 0.5
    assert links(result, "flood")["budget"].paragraphs == [2]


def test_unrelated_reports_share_nothing():
    result = dedup_articles([article("flood", REPORT), article("budget", OTHER)])
    assert result.duplicate_of == {} and result.reuse == {}


def test_fingerprints_are_stable_across_hashers_and_pickle():
    s = Settings().dedup
    row = [("flood", 0, None, REPORT)]
    a, b = fingerprint_batch(row, s)[0], pickle.loads(pickle.dumps(fingerprint_batch(row, s)[0]))
    assert (a.minhash == b.minhash).all() and (a.shingles == b.shingles).all()
    assert len(Hasher(s).shingles(Hasher(s).word_ids(["one", "two"]))) == 1  # a short text is one shingle


def test_source_groups_join_copies_and_heavy_reuse_only():
    docs = [
        Document(id="a", origin="a", published="2024-03-05"),
        Document(id="b", origin="b", duplicate_of="a"),
        Document(id="c", origin="c", reuse=[Reuse(doc="a", overlap=0.8)]),
        Document(id="d", origin="d", reuse=[Reuse(doc="a", overlap=0.1, paragraphs=[3])]),
    ]
    groups = source_groups(docs)
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d"
    assert count_sources(["a", "b", "c", "d"], groups) == 2


def test_planted_copies_in_a_small_synthetic_corpus():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from dedup_scale import make_corpus

    articles, copies, reuse = make_corpus(400, seed=3)
    result = dedup_articles(articles)
    assert result.duplicate_of == copies
    for borrower, source in reuse.items():
        assert any(r.doc == source and len(r.paragraphs) >= 2 for r in result.reuse[borrower])


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_docs(seeds_run):
    sit, _ = seeds_run
    return {d.id[:3]: d for d in sit.documents}


def test_seed_001_and_002_are_near_copies(seed_docs):
    a, b = seed_docs["001"], seed_docs["002"]
    assert a.duplicate_of == b.id or b.duplicate_of == a.id
    reuse = {r.doc: r for r in a.reuse}[b.id]
    assert reuse.near_copy and reuse.overlap >= 0.7
    assert a.syndication_group == b.syndication_group


def test_seed_000_and_003_share_passages(seed_docs):
    a, b = seed_docs["000"], seed_docs["003"]
    reuse = {r.doc: r for r in b.reuse}[a.id]
    assert reuse.paragraphs and not reuse.near_copy
    assert a.duplicate_of is None and b.duplicate_of is None
    # each paragraph said to be shared really has a long run of words in common with 000
    a_text = " ".join(words_of(a.text))
    for i in reuse.paragraphs:
        words = words_of(b.text.split("\n\n")[i])
        assert any(" ".join(words[j:j + 8]) in a_text for j in range(len(words) - 7))


# --------------------------------------------------------------------------- bounded reuse lists


def _syndicated(count: int) -> list[Article]:
    """One report and `count` reposts, each repost keeping fewer of its paragraphs (and filling up
    with unrelated ones), so that every pair shares a different amount of text."""
    arts = [article("wire", list(REPORT), "2024-03-05")]
    for i in range(count):
        kept = len(REPORT) - i % len(REPORT)
        arts.append(article(f"site{i:02d}", REPORT[:kept] + OTHER[: len(REPORT) - kept] + [f"Filed by desk {i}."]))
    return arts


def test_reuse_lists_keep_the_strongest_links_and_count_the_rest():
    from dataclasses import replace

    arts = _syndicated(14)
    unbounded = dedup_articles(arts, replace(Settings(), dedup=replace(Settings().dedup, reuse_listed=1000)))
    bounded = dedup_articles(arts, replace(Settings(), dedup=replace(Settings().dedup, reuse_listed=4)))
    assert bounded.duplicate_of == unbounded.duplicate_of  # copies do not depend on what is listed
    assert any(len(v) > 4 for v in unbounded.reuse.values()) and not unbounded.reuse_more
    for doc, full in unbounded.reuse.items():
        listed = bounded.reuse[doc]
        assert len(listed) == min(4, len(full))
        assert listed == full[: len(listed)]  # the strongest, in the same order
        assert len(listed) + bounded.reuse_more.get(doc, 0) == len(full)
        assert [r.overlap for r in listed] == sorted((r.overlap for r in listed), reverse=True)


def test_dedup_stage_hands_the_counts_to_the_documents():
    from dataclasses import replace

    from sitroom.engines.local import LocalEngine
    from sitroom.pipeline import RunState
    from sitroom.stages import dedup, resolve

    settings = replace(Settings(), dedup=replace(Settings().dedup, reuse_listed=2))
    state = RunState(inputs=[], settings=settings, engine=LocalEngine(settings, processes=1))
    state.articles = _syndicated(6)
    dedup.STAGE.run(state)
    docs = {d.id: d for d in resolve.build_documents(state)}
    assert all(len(d.reuse) <= 2 for d in docs.values())
    assert docs["wire"].reuse_more == 6 - 2  # linked to all six reposts, two listed
