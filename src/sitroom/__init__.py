"""sitroom: raw crisis news reports in, a sourced situation picture out."""

from sitroom.api import run, sample_corpus
from sitroom.contract import SCHEMA, Situation

__version__ = "0.1.0"
__all__ = ["run", "sample_corpus", "Situation", "SCHEMA", "__version__"]
