"""The same inputs give a byte-identical situation.json, whatever the number of processes."""

from __future__ import annotations

import dataclasses

import sitroom
from sitroom.export.json_export import render
from sitroom.settings import Settings


def _settings(processes: int) -> Settings:
    base = Settings()
    return dataclasses.replace(
        base, annotate=dataclasses.replace(base.annotate, processes=processes, in_process_below=0, batch_size=2)
    )


def test_one_process_and_a_pool_of_two_agree_byte_for_byte():
    corpus = [str(sitroom.sample_corpus())]
    alone = render(sitroom.run(corpus, settings=_settings(1), strict=True))
    pooled = render(sitroom.run(corpus, settings=_settings(2), strict=True))
    assert alone == pooled
    assert render(sitroom.run(corpus, settings=_settings(1), strict=True)) == alone
