"""Scale benchmark for dedup: N synthetic articles with planted copies.

    python benchmarks/dedup_scale.py --n 100000

Articles are made of paragraphs of Zipf-distributed pseudo-words. Planted:
exact copies, near copies (words swapped, last paragraph dropped, a boilerplate
line added) and partial reuse (two paragraphs borrowed from another article).
Reports the dedup time, peak memory (max RSS) and how many planted links were found.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import numpy as np

from sitroom.contract import Article
from sitroom.engines.local import LocalEngine
from sitroom.settings import Settings
from sitroom.stages.dedup import dedup_articles


def _vocabulary(rng: np.random.Generator, size: int) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 10, size)
    return np.array(["".join(rng.choice(letters, n)) for n in lengths])


def make_corpus(n: int, seed: int = 7) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """Articles, planted copies (copy id -> source id) and planted reuse (borrower -> source)."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 30_000)
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    weights /= weights.sum()

    def paragraphs(count: int) -> list[str]:
        lengths = rng.integers(25, 70, count)
        words = vocab[rng.choice(len(vocab), lengths.sum(), p=weights)]
        cuts = np.cumsum(lengths)[:-1]
        return [" ".join(p) + "." for p in np.split(words, cuts)]

    kinds = rng.choice(["original", "exact", "near", "reuse"], n, p=[0.75, 0.05, 0.12, 0.08])
    kinds[:10] = "original"
    bodies: list[list[str]] = []
    copies, reuse = {}, {}
    for i, kind in enumerate(kinds):
        doc = f"a{i:06d}"
        if kind == "original":
            bodies.append(paragraphs(int(rng.integers(5, 11))))
            continue
        src = int(rng.integers(0, i))
        while kinds[src] != "original":
            src = int(rng.integers(0, i))
        base = bodies[src]
        if kind == "exact":
            bodies.append(list(base))
            copies[doc] = f"a{src:06d}"
        elif kind == "near":
            edited = []
            for para in base[:-1] if len(base) > 5 else base:
                words = para.split()
                for j in rng.choice(len(words), max(1, len(words) // 40), replace=False):
                    words[j] = str(vocab[rng.integers(len(vocab))])
                edited.append(" ".join(words))
            bodies.append(edited + ["Follow us for more updates and subscribe to our newsletter today."])
            copies[doc] = f"a{src:06d}"
        else:
            own = paragraphs(int(rng.integers(5, 11)))
            picks = rng.choice(len(base), 2, replace=False)
            bodies.append(own[:3] + [base[k] for k in picks] + own[3:])
            reuse[doc] = f"a{src:06d}"
    articles = [Article(id=f"a{i:06d}", origin=f"synthetic:{i}", paragraphs=b) for i, b in enumerate(bodies)]
    return articles, copies, reuse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    t0 = time.perf_counter()
    articles, copies, reuse = make_corpus(args.n, args.seed)
    t_gen = time.perf_counter() - t0
    words = sum(len(p.split()) for a in articles for p in a.paragraphs)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t0 = time.perf_counter()
    settings = Settings()
    engine = LocalEngine(settings, processes=args.processes)
    result = dedup_articles(articles, settings, engine)
    engine.close()
    t_dedup = time.perf_counter() - t0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def root(d: str) -> str:
        return result.duplicate_of.get(d, d)

    found = sum(root(c) == root(s) for c, s in copies.items())
    # a planted copy's original is its source (sources come first and are never copies)
    wrong_links = sum(copies.get(d) != o for d, o in result.duplicate_of.items())
    reuse_found = sum(any(r.doc == s and r.paragraphs for r in result.reuse.get(b, [])) for b, s in reuse.items())
    report = {
        "articles": args.n, "words": words, "generate_s": round(t_gen, 1), "dedup_s": round(t_dedup, 1),
        "articles_per_s": round(args.n / t_dedup), "processes": args.processes, "peak_rss_mb_before_dedup": round(rss_before / 1024),
        "peak_rss_mb": round(rss_peak / 1024),
        "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "planted_copies": len(copies), "copies_found": found, "copy_links": len(result.duplicate_of),
        "wrong_copy_links": wrong_links,
        "planted_reuse": len(reuse), "reuse_found": reuse_found,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
