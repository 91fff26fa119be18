"""dedup: exact and near-duplicate reports, and shared passages (text reuse).

Three passes, all near-linear in the number of reports:

1. exact copies: a hash of the normalised word sequence;
2. near copies: MinHash over word shingles in an LSH index (datasketch), verified
   with the exact shingle sets;
3. passage reuse: reports that share a paragraph but are otherwise different (an
   updated story quoting yesterday's wire copy). LSH at the copy threshold cannot see
   these, so candidates come from an inverted index of normalised paragraph hashes
   and of a sample of shingle hashes (1 in `reuse_sample`, the winnowing idea); every
   candidate pair is then verified paragraph by paragraph with shingle containment,
   which, unlike a paragraph-to-paragraph MinHash, still matches a paragraph whose
   attribution was moved ("X said" first or last).

Each document lists its strongest `reuse_listed` links (by overlap) and counts the rest in
`reuse_more`: a story syndicated to a hundred sites would otherwise list every copy in every
copy, a number of links that grows with the square of the copies.

Copies and heavy reuse make one copy group, and copy groups of one outlet or wire origin one
independent source: `sitroom.link.sources.source_groups` is the definition every count of sources uses.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from sitroom.article.shingles import words_of
from sitroom.contract import Article, Reuse
from sitroom.engines import Engine, batched
from sitroom.link.sources import UnionFind
from sitroom.settings import Dedup, Settings
from sitroom.stages.base import RunState, give_back_memory, stage

_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)


# --------------------------------------------------------------------------- fingerprints


@dataclass
class Fingerprint:
    """What dedup knows about one report; plain data, so it pickles to workers."""

    doc: str
    order: int
    published: str | None
    exact: str  # hash of the normalised word sequence
    shingles: np.ndarray  # sorted unique uint64 shingle hashes of the whole report
    windows: np.ndarray  # shingle hashes in text order, paragraph after paragraph
    paragraph_spans: list[tuple[int, int]]  # each paragraph's slice of `windows` (empty if too short)
    paragraph_hashes: list[str | None]  # normalised paragraph hashes (None if too short)
    minhash: np.ndarray  # num_perm MinHash values


@dataclass
class Hasher:
    """Word and shingle hashing. Stable across processes (crc32, not Python's salted
    `hash`), with a per-run word cache instead of module-global state."""

    settings: Dedup
    _cache: dict[str, int] = field(default_factory=dict)
    _perm: tuple[np.ndarray, np.ndarray] | None = None

    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        if self._perm is None:
            gen = np.random.RandomState(self.settings.seed)
            a = gen.randint(1, 1 << 62, size=self.settings.num_perm, dtype=np.uint64) | np.uint64(1)
            b = gen.randint(0, 1 << 62, size=self.settings.num_perm, dtype=np.uint64)
            self._perm = (a, b)
        return self._perm

    def _new_word(self, word: str) -> int:
        h = self._cache[word] = zlib.crc32(word.encode("utf-8")) + 1
        return h

    def word_ids(self, words: Sequence[str]) -> np.ndarray:
        ids = list(map(self._cache.get, words))  # C-level lookups; only unseen words hash in Python
        for i, h in enumerate(ids):
            if h is None:
                ids[i] = self._cache.get(words[i]) or self._new_word(words[i])
        return np.array(ids, dtype=np.uint64)

    def shingles(self, ids: np.ndarray) -> np.ndarray:
        """Hashes of every k-word window, in order (a shorter text is one shingle)."""
        k = self.settings.shingle_words
        if len(ids) == 0:
            return np.empty(0, dtype=np.uint64)
        if len(ids) < k:
            ids = np.concatenate([ids, np.zeros(k - len(ids), dtype=np.uint64)])
        with np.errstate(over="ignore"):
            h = np.zeros(len(ids) - k + 1, dtype=np.uint64)
            for j in range(k):  # polynomial hash, wrapping mod 2**64
                h = h * _MIX + ids[j:len(ids) - k + 1 + j]
            h ^= h >> np.uint64(31)
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(29)
        return h

    def minhash(self, shingles: np.ndarray) -> np.ndarray:
        """MinHash values, one universal multiply-shift hash per permutation: a 64-bit
        modulo per cell is what makes textbook MinHash slow in numpy."""
        a, b = self.permutations()
        if len(shingles) == 0:
            return np.full(self.settings.num_perm, _MAX_HASH, dtype=np.uint64)
        with np.errstate(over="ignore"):
            phv = (shingles[:, None] * a + b) >> np.uint64(32)
        return phv.min(axis=0)

    def fingerprint(self, doc: str, order: int, published: str | None, paragraphs: Iterable[str]) -> Fingerprint:
        """Shingles are hashed over the whole report at once (one numpy pass, not one per
        paragraph); windows that straddle two paragraphs are then dropped."""
        k, min_words = self.settings.shingle_words, max(self.settings.min_paragraph_words, self.settings.shingle_words)
        kept_words: list[str] = []
        starts, hashes, lengths, all_words = [], [], [], []
        for para in paragraphs:
            words = words_of(para)
            all_words.extend(words)
            if len(words) < min_words:
                hashes.append(None)
                lengths.append(0)
                continue
            starts.append(len(kept_words))
            kept_words.extend(words)
            hashes.append(_digest(" ".join(words)))
            lengths.append(len(words) - k + 1)
        raw = self.shingles(self.word_ids(kept_words)) if kept_words else np.empty(0, dtype=np.uint64)
        if len(starts) > 1:
            keep = np.ones(len(raw), dtype=bool)
            for b in starts[1:]:
                keep[b - k + 1:b] = False
            raw = raw[keep]
        spans, pos = [], 0
        for n in lengths:
            spans.append((pos, pos + n))
            pos += n
        shingles = np.unique(raw)
        return Fingerprint(
            doc=doc, order=order, published=published, exact=_digest(" ".join(all_words)),
            shingles=shingles, windows=raw, paragraph_spans=spans, paragraph_hashes=hashes,
            minhash=self.minhash(shingles),
        )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


# --------------------------------------------------------------------------- candidates


def _lsh_pairs(prints: list[Fingerprint], s: Dedup) -> set[tuple[int, int]]:
    lsh = MinHashLSH(threshold=s.duplicate_threshold, num_perm=s.num_perm)
    pairs: set[tuple[int, int]] = set()
    for i, fp in enumerate(prints):
        if not len(fp.shingles):
            continue
        mh = LeanMinHash(seed=s.seed, hashvalues=fp.minhash, scheme="legacy")  # our own affine permutations, as in datasketch < 2
        for j in lsh.query(mh):
            pairs.add((j, i))
        lsh.insert(i, mh, check_duplication=False)
    return pairs


def _posting_pairs(keys: np.ndarray, owners: np.ndarray, max_postings: int, min_shared: int) -> set[tuple[int, int]]:
    """Pairs of owners that share at least `min_shared` keys; keys held by more than
    `max_postings` owners are stock phrases ("the Islamic State in Iraq"), not reuse."""
    if len(keys) == 0:
        return set()
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    counts: Counter[tuple[int, int]] = Counter()
    for start, size in zip(starts[(sizes > 1) & (sizes <= max_postings)], sizes[(sizes > 1) & (sizes <= max_postings)]):
        group = np.unique(owners[start:start + size])
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                counts[(int(group[x]), int(group[y]))] += 1
    return {pair for pair, n in counts.items() if n >= min_shared}


def _reuse_pairs(prints: list[Fingerprint], s: Dedup) -> set[tuple[int, int]]:
    # shared whole paragraphs (one key is enough) ...
    keys, owners = [], []
    for i, fp in enumerate(prints):
        for h in fp.paragraph_hashes:
            if h is not None:
                keys.append(int(h[:15], 16))
                owners.append(i)
    pairs = _posting_pairs(np.array(keys, dtype=np.uint64), np.array(owners, dtype=np.int64), s.max_postings, 1)
    # ... and sampled shingles, for passages that were edited on the way
    sampled = [fp.shingles[fp.shingles % np.uint64(s.reuse_sample) == 0] for fp in prints]
    if sampled:
        keys_arr = np.concatenate(sampled)
        owners_arr = np.repeat(np.arange(len(prints)), [len(x) for x in sampled])
        pairs |= _posting_pairs(keys_arr, owners_arr, s.max_postings, s.reuse_min_shared_samples)
    return pairs


# --------------------------------------------------------------------------- verification


@dataclass
class PairLink:
    a: int
    b: int
    jaccard: float
    overlap_a: float  # share of a's shingles found in b
    overlap_b: float
    paragraphs_a: list[int]  # a's paragraphs shared with b
    paragraphs_b: list[int]


@dataclass
class _Verifiable:
    """What verifying one report against many others needs, computed once per report
    instead of once per candidate pair (the pairs grow with the square of a story's size)."""

    fp: Fingerprint
    window_slot: np.ndarray  # each window's index in `fp.shingles`
    span_starts: np.ndarray
    span_ends: np.ndarray
    all_paragraphs: list[int]  # paragraphs long enough to have shingles

    @classmethod
    def of(cls, fp: Fingerprint) -> "_Verifiable":
        spans = np.array(fp.paragraph_spans, dtype=np.int64).reshape(-1, 2)
        return cls(fp, np.searchsorted(fp.shingles, fp.windows), spans[:, 0], spans[:, 1],
                   [i for i, (x, y) in enumerate(fp.paragraph_spans) if y > x])

    # ndarray methods rather than np.* functions below: with tens of thousands of small pairs,
    # numpy's Python-level dispatch (np.r_ above all) cost more than the work itself.
    def members(self, other: np.ndarray) -> np.ndarray:
        """Which of this report's shingles occur in `other` (both sorted and unique)."""
        pos = other.searchsorted(self.fp.shingles)
        np.minimum(pos, len(other) - 1, out=pos)
        return other[pos] == self.fp.shingles

    def shared_paragraphs(self, member: np.ndarray, min_share: float) -> list[int]:
        """Paragraphs of which at least `min_share` of the shingles (windows, repeats counted)
        occur in the other report."""
        if not len(self.fp.windows):
            return []
        cum = np.zeros(len(self.window_slot) + 1, dtype=np.int64)
        member[self.window_slot].cumsum(out=cum[1:])
        length = self.span_ends - self.span_starts
        hit = (length > 0) & (cum[self.span_ends] - cum[self.span_starts] >= min_share * length)
        return hit.nonzero()[0].tolist()


def _shared_paragraphs(fp: Fingerprint, other: np.ndarray, min_share: float) -> list[int]:
    """fp's paragraphs of which at least `min_share` of the shingles occur in `other` (sorted)."""
    v = _Verifiable.of(fp)
    return v.shared_paragraphs(v.members(other), min_share) if len(other) else []


def _verify(a: Fingerprint | _Verifiable, b: Fingerprint | _Verifiable, ia: int, ib: int, s: Dedup) -> PairLink | None:
    va = a if isinstance(a, _Verifiable) else _Verifiable.of(a)
    vb = b if isinstance(b, _Verifiable) else _Verifiable.of(b)
    a, b = va.fp, vb.fp
    if a.exact == b.exact:
        return PairLink(ia, ib, 1.0, 1.0, 1.0, list(va.all_paragraphs), list(vb.all_paragraphs))
    if not len(a.shingles) or not len(b.shingles):
        return None
    in_b, in_a = va.members(b.shingles), vb.members(a.shingles)
    inter = int(np.count_nonzero(in_b))
    if inter == 0:
        return None
    return PairLink(
        ia, ib,
        jaccard=inter / (len(a.shingles) + len(b.shingles) - inter),
        overlap_a=inter / len(a.shingles), overlap_b=inter / len(b.shingles),
        paragraphs_a=va.shared_paragraphs(in_b, s.paragraph_overlap),
        paragraphs_b=vb.shared_paragraphs(in_a, s.paragraph_overlap),
    )


def is_copy(link: PairLink, s: Dedup) -> bool:
    """A copy: nearly the same text, or the shorter one almost wholly inside the longer
    (a repost trimmed of its last paragraphs, or an update that only adds to the story)."""
    return link.jaccard >= s.duplicate_threshold or max(link.overlap_a, link.overlap_b) >= s.copy_containment


# --------------------------------------------------------------------------- the pass


@dataclass
class DedupResult:
    duplicate_of: dict[str, str]
    reuse: dict[str, list[Reuse]]  # each document's strongest links, at most `reuse_listed`
    reuse_more: dict[str, int] = field(default_factory=dict)  # links beyond those, counted


def _first_key(fp: Fingerprint) -> tuple[str, int]:
    """The original of a copy group: the earliest-dated copy, else the first seen."""
    return (fp.published or "9999", fp.order)


def _strongest(items: list[Reuse]) -> None:
    items.sort(key=lambda r: (-r.overlap, r.doc))


class ReuseLists:
    """Each document's reuse links, bounded: the strongest `listed` kept, the rest only counted.

    A story syndicated to a hundred sites would otherwise list every copy in every copy, a number
    of links that grows with the square of the copies. A list is trimmed whenever it doubles past
    the bound, so memory stays linear in the documents while the links are found."""

    def __init__(self, listed: int) -> None:
        self.listed = max(0, listed)
        self.lists: dict[str, list[Reuse]] = {}
        self.more: Counter[str] = Counter()

    def add(self, doc: str, link: Reuse) -> None:
        items = self.lists.setdefault(doc, [])
        items.append(link)
        if len(items) >= 2 * self.listed + 8:
            self._trim(doc, items)

    def _trim(self, doc: str, items: list[Reuse]) -> None:
        _strongest(items)
        if len(items) > self.listed:
            self.more[doc] += len(items) - self.listed
            del items[self.listed:]

    def result(self) -> tuple[dict[str, list[Reuse]], dict[str, int]]:
        for doc, items in self.lists.items():
            self._trim(doc, items)
        return {d: items for d, items in self.lists.items() if items}, dict(self.more)


def find_duplicates(prints: list[Fingerprint], settings: Dedup) -> DedupResult:
    s = settings
    candidates = _lsh_pairs(prints, s) | _reuse_pairs(prints, s)
    uf = UnionFind(range(len(prints)))
    reuse = ReuseLists(s.reuse_listed)
    ready: dict[int, _Verifiable] = {}
    for ia, ib in sorted(candidates):
        va = ready.get(ia) or ready.setdefault(ia, _Verifiable.of(prints[ia]))
        vb = ready.get(ib) or ready.setdefault(ib, _Verifiable.of(prints[ib]))
        link = _verify(va, vb, ia, ib, s)
        if link is None:
            continue
        copy = is_copy(link, s)
        if copy:
            uf.union(ia, ib)
        for me, other, overlap, paras in ((ia, ib, link.overlap_a, link.paragraphs_a),
                                          (ib, ia, link.overlap_b, link.paragraphs_b)):
            if copy or paras or overlap >= s.reuse_min_overlap:
                reuse.add(prints[me].doc,
                          Reuse(doc=prints[other].doc, overlap=round(overlap, 3), paragraphs=paras, near_copy=copy))
    duplicate_of = {}
    for members in uf.groups():
        if len(members) > 1:
            original = min(members, key=lambda i: _first_key(prints[i]))
            for i in members:
                if i != original:
                    duplicate_of[prints[i].doc] = prints[original].doc
    lists, more = reuse.result()
    return DedupResult(duplicate_of, lists, more)


def fingerprint_batch(batch: list[tuple[str, int, str | None, list[str]]], settings: Dedup) -> list[Fingerprint]:
    """Fingerprints of (id, order, published, paragraphs) rows; runs on an engine's workers."""
    hasher = Hasher(settings)
    return [hasher.fingerprint(*row) for row in batch]


def fingerprint_articles(articles: Sequence[Article], settings: Dedup, engine: Engine | None = None) -> list[Fingerprint]:
    rows = [(a.id, i, a.published, a.paragraphs) for i, a in enumerate(articles)]
    if engine is None or engine.parallelism <= 1:
        return fingerprint_batch(rows, settings)
    batches = batched(rows, settings.batch_size, engine.parallelism)
    return [fp for part in engine.map(fingerprint_batch, batches, settings) for fp in part]


def dedup_articles(articles: Sequence[Article], settings: Settings | None = None,
                   engine: Engine | None = None) -> DedupResult:
    s = (settings or Settings()).dedup
    return find_duplicates(fingerprint_articles(articles, s, engine), s)


@stage("dedup", needs=("articles", "settings", "engine"), provides=("duplicate_of", "reuse", "reuse_more"))
def STAGE(state: RunState) -> None:
    """Link copies of one report (MinHash LSH) and shared passages, so later stages count independent sources."""
    result = dedup_articles(state.articles, state.settings, state.engine)
    state.duplicate_of.clear()
    state.duplicate_of.update(result.duplicate_of)
    state.reuse.clear()
    state.reuse.update(result.reuse)
    state.reuse_more.clear()
    state.reuse_more.update(result.reuse_more)
    # the fingerprints' arrays and the workers' pickled results are freed by now, but glibc keeps the heap they
    # grew (~19 KB a report at 10,000) and the LSH index is cyclic garbage: give both back before the analysis,
    # the run's peak, starts
    give_back_memory()
