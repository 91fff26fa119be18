"""Who a cue verb's words belong to when the parser gives the verb no subject: the words the parser
left beside it, on a parse written out here so that the case does not depend on the model's mood."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitroom.extract.speech_subjects import subject_span


def _doc(rows: list[tuple[str, str, int, str]]) -> Doc:
    """(word, dep, head index, pos) rows: a parse as a model might give it."""
    words, deps, heads, pos = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), deps=list(deps), heads=list(heads), pos=list(pos))


def test_a_dash_closes_the_aside_before_a_subject_the_parser_hung_elsewhere():
    # "As rebels surged through Velka -- and threatened its capital -- President Ana Vold conceded …", with the
    # name parsed as an apposition of "capital" and the cue left without a subject
    doc = _doc([
        ("As", "mark", 2, "SCONJ"), ("rebels", "nsubj", 2, "NOUN"), ("surged", "advcl", 14, "VERB"),
        ("through", "prep", 2, "ADP"), ("Velka", "pobj", 3, "PROPN"), ("--", "punct", 2, "PUNCT"),
        ("and", "cc", 2, "CCONJ"), ("threatened", "conj", 2, "VERB"), ("its", "poss", 9, "PRON"),
        ("capital", "dobj", 7, "NOUN"), ("--", "punct", 9, "PUNCT"), ("President", "compound", 13, "PROPN"),
        ("Ana", "compound", 13, "PROPN"), ("Vold", "appos", 9, "PROPN"), ("conceded", "ROOT", 14, "VERB"),
        ("help", "dobj", 14, "NOUN"), (".", "punct", 14, "PUNCT"),
    ])
    verb = doc[14]
    a, b = subject_span(verb, 0, len(doc.text))
    assert doc.text[a:b] == "President Ana Vold"
