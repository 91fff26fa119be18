"""Property and fuzz tests: whatever the input, no crash, no lost text, evidence that lines up."""

from __future__ import annotations

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
