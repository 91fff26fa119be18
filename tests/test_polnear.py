"""PolNeAR (real US political news, never tuned on): the adapter reads brat standoff correctly, and
sitroom's direct quotes and speakers on a fixed sample of the dev part hold their floor.

Skips when ../shared/data/polnear is absent. The full score is `sitroom eval polnear`.
"""

from __future__ import annotations

import pytest

from sitroom.evaluate.cli import shared_dir
from sitroom.evaluate.polnear import is_gold_quote, read_ann

ROOT = shared_dir() / "data" / "polnear"
SAMPLE = 15  # the first articles of dev, in name order
QUOTE_F1_FLOOR = 0.86  # measured 0.888 (2026-12-01)
SPEAKER_FLOOR = 0.85  # measured 0.886


def test_brat_attributions_tie_source_and_discontinuous_content(tmp_path):
    ann = tmp_path / "a_0000.ann"
    ann.write_text("T1\tSource 0 5\tMarta\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;22 30\tx\n"
                   "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Content:T3 Cue:T2\n", encoding="utf-8")
    (g,) = read_ann(ann)
    assert g["source"] == (0, 5) and g["content"] == [(11, 20), (22, 30)]
    text = "Marta said the vote is “rigged” and so on"
    assert is_gold_quote(text, {"content": [(11, 31)]})
    assert not is_gold_quote(text, {"content": [(11, 20)]})


@pytest.mark.skipif(not (ROOT / "dev").is_dir(), reason="shared PolNeAR data absent")
def test_dev_sample_quotes_and_speakers_hold_their_floor():
    from sitroom.evaluate.polnear import evaluate

    found, speakers = evaluate(ROOT, parts=("dev",), limit=SAMPLE)
    assert found.tp + found.fn > 20  # the sample holds real quotes
    assert found.f1 >= QUOTE_F1_FLOOR, (found.precision, found.recall)
    assert speakers.value >= SPEAKER_FLOOR
