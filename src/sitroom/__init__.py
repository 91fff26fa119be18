"""sitroom: raw crisis news reports in, a sourced situation picture out."""

from sitroom.api import load, run, sample_corpus, to_frames
from sitroom.contract import SCHEMA, Situation

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Situation", "__version__", "load", "run", "sample_corpus", "to_frames"]
