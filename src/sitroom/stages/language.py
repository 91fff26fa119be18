"""language: flag every article's language; reports not in English are skipped by default.

The NLP models are English; running them over French or Arabic text yields
confident nonsense, so such reports are listed as rejected unless the user asks
to process them anyway (`[language] skip_other_languages = false`).
"""

from __future__ import annotations

from sitroom.errors import reject
from sitroom.stages.base import RunState, stage

SAMPLE_CHARS = 3000  # the opening of a report identifies its language as well as the whole


def detect(text: str) -> str:
    import py3langid

    lang, _ = py3langid.classify(text[:SAMPLE_CHARS])
    return lang


@stage("language", needs=("articles", "settings"), provides=("articles", "rejected"))
def STAGE(state: RunState) -> None:
    """Detect each article's language; skip or keep the non-English ones as settings say."""
    opts = state.settings.language
    kept = []
    for art in state.articles:
        art.language = detect(art.text) if len(art.text) >= opts.min_chars else "en"
        if art.language not in opts.accept and opts.skip_other_languages:
            state.rejected.append(reject(art.origin, "S012", detail=art.language))
            continue
        kept.append(art)
    state.articles[:] = kept
