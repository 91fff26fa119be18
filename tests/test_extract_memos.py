"""Work done once per Doc (extract/context.py's memos) and the encoder left out where its type cannot count."""

from __future__ import annotations

import pytest

from sitroom.contract import Analysis, Article, SentenceSpan
from sitroom.extract import Context
from sitroom.extract import events as events_mod
from sitroom.extract.attribution import attribute, place_names
from sitroom.extract.context import span_ents
from sitroom.settings import EventTyping, Settings

TEXT = ("Rebels attacked an army post near Aleppo on Monday, officials in Damascus said.\n\n"
        "Fighting spread to two villages outside Homs, where troops shelled rebel positions.\n\n"
        "The United Nations said 300 families fled toward the Turkish border.")


@pytest.fixture(scope="module")
def doc():
    from sitroom.stages.analyze import load_nlp

    return load_nlp()(TEXT)


def _ctx(doc, settings):
    art = Article(id="m", origin="m", paragraphs=TEXT.split("\n\n"))
    an = Analysis(doc="m", sentences=[SentenceSpan(start=s.start_char, end=s.end_char) for s in doc.sents])
    return Context(article=art, doc=doc, analysis=an, settings=settings)


def test_span_ents_are_spacys(doc):
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in span_ents(sent)] == [(e.start, e.end, e.label_) for e in sent.ents]


def test_memos_give_the_same_answer_twice(doc):
    for sent in doc.sents:
        assert place_names(sent) == place_names(sent)
        assert attribute(sent) == attribute(sent)


def test_sentence_index_finds_the_holding_sentence(doc):
    ctx = _ctx(doc, Settings())
    for i, s in enumerate(ctx.analysis.sentences):
        assert ctx.sentence_index(s.start) == i and ctx.sentence_index(s.end - 1) == i


def test_encoder_only_where_its_type_can_count(doc, monkeypatch):
    seen = []
    real = events_mod.type_texts

    def spy(texts, knobs=None, parses=None):
        seen.append(list(texts))
        return real(texts, knobs, parses)

    monkeypatch.setattr(events_mod, "type_texts", spy)
    sents = list(doc.sents)
    events_mod._type_sentences(_ctx(doc, Settings()), sents)  # later_min_score above any score: the lede only
    assert len(seen[-1]) == 1 and seen[-1][0].startswith("Rebels attacked")
    sure = Settings(event_typing=EventTyping(later_min_score=0.5))
    events_mod._type_sentences(_ctx(doc, sure), sents)  # a reachable bar: later candidates are typed too
    assert len(seen[-1]) > 1
