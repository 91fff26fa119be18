"""The data contract of sitroom: every type that crosses a stage boundary.

`Situation` is the public `situation.json` (schema "sitroom/1"). Its field names
are a public contract: extend freely, never rename or drop. The internal working
types (`RawDocument`, `Article`, `Analysis`) live here too so that the whole
flow's data can be read in one place.
"""

from __future__ import annotations

import hashlib
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "sitroom/1"


def make_id(prefix: str, *parts: object) -> str:
    """A stable id from content: the same inputs give the same id on every run and engine."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- evidence


class Evidence(Model):
    """The exact sentence(s) that state a fact: offsets index the document's clean `text`."""

    doc: str
    sentence: int = Field(description="index of the sentence in that document")
    start: int = Field(description="char offset of the evidence span in the clean text")
    end: int
    text: str


# --------------------------------------------------------------------------- internal


class Removed(Model):
    """A piece of input that the cleaner took out, kept aside with the reason."""

    text: str
    reason: str


class RawDocument(Model):
    """What the reader produced: bytes or text, where it came from, and hints given with it."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    origin: str
    kind: Literal["text", "html"] = "text"
    data: Optional[bytes] = None
    text: Optional[str] = None
    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None


class ReportMeta(Model):
    """What a cleaned article and a published document both say about one report."""

    id: str
    origin: str
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    authors: list[str] = []
    published: Optional[str] = None
    published_inferred: bool = False
    published_precision: Optional[str] = None
    published_basis: Optional[str] = None
    dateline: Optional[str] = None
    highlights: list[str] = []
    language: str = "en"
    content_hash: str = ""
    removed: list[Removed] = []


class Article(ReportMeta):
    """A cleaned report: metadata plus body paragraphs; `text` is the paragraphs joined by blank lines."""

    paragraphs: list[str] = []

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class Mention(Model):
    """One named-entity mention as spaCy (or a rule) saw it."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    refers_to: Optional[str] = None  # the full name a surname/title-only mention stands for in its document
    role: Optional[str] = None  # role stated next to this mention ("White House spokesman")


class NamedRole(Model):
    """A role stated for a named person in one document ("Iraqi Foreign Minister" Hoshyar Zebari)."""

    name: str
    role: str
    affiliation: Optional[str] = None
    evidence: "Evidence"


class AliasPair(Model):
    """Two names one document states are the same ("the Lord's Resistance Army, or LRA")."""

    short: str
    long: str
    label: str = "ORG"
    evidence: "Evidence"


class SentenceSpan(Model):
    start: int
    end: int


# --------------------------------------------------------------------------- public facts


class TimeExpr(Model):
    doc: Optional[str] = None
    text: str
    start: int
    end: int
    sentence: Optional[int] = None
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str
    precision: Optional[str] = None


class Role(Model):
    role: str
    evidence: list[Evidence] = []


class Entity(Model):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    roles: list[str] = []
    role_evidence: list[Role] = []
    affiliation: Optional[str] = None
    mentions: int = 0
    geo: Optional[str] = Field(default=None, description="place id, for places")
    evidence: list[Evidence] = []


class PlaceMention(Model):
    """One mention of a place: the words that name it (`start`/`end` in the clean text) and its sentence."""

    doc: str
    start: int
    end: int
    text: str
    sentence: int


class Place(Model):
    id: str
    name: str
    aliases: list[str] = []
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    feature: Optional[str] = None
    precision: Optional[str] = None
    relative: Optional[str] = Field(default=None, description='e.g. "about 37 miles north of Baghdad"')
    controlled_by: Optional[str] = Field(default=None, description="latest holder: entity id, else actor name")
    control_assessed: bool = False
    mentions: int = 0
    evidence: list[Evidence] = []
    spans: list[PlaceMention] = Field(default=[], description="every mention: the words that name the place")


class Quote(Model):
    id: str
    text: str
    direct: bool = True
    speaker: Optional[str] = Field(default=None, description="entity id")
    speaker_name: Optional[str] = None
    speaker_role: Optional[str] = None
    anonymous: bool = False
    medium: Optional[str] = None
    date: Optional[str] = None
    date_basis: Optional[str] = None
    speaker_evidence: list[Evidence] = []
    evidence: list[Evidence] = []
    partial: bool = Field(default=False, description="a mixed quote: `text` is the reported clause, its quoted "
                                                     "words in quotation marks")
    sources: int = Field(default=1, description="independent sources carrying this statement (copies count once)")
    documents: list[str] = []


class FigureVariant(Model):
    """Another value that some copies of one report give for a figure (a light edit, a typo)."""

    value: Optional[float] = None
    value_max: Optional[float] = None
    qualifier: str = "exact"
    stated: Optional[str] = None
    copies: int = Field(default=1, description="reports (copies included) that give this value")
    documents: list[str] = []
    evidence: list[Evidence] = []


class Claim(Model):
    id: str
    kind: str
    value: Optional[float] = Field(default=None, description="the number the text states; null for a vague "
                                                             'amount ("dozens"), whose words are then the qualifier')
    value_max: Optional[float] = None
    qualifier: str = Field(default="exact", description='about|at least|more than|up to|exact, or the '
                                                        'words of a vague amount ("dozens", "hundreds")')
    stated: Optional[str] = Field(default=None, description='the words that state the figure, as written '
                                                            '("approaching 1,000", "$15 billion", "Dozens")')
    unit: Optional[str] = None
    subject: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None
    attributed_to: Optional[str] = None
    anonymous_source: bool = False
    status: str = "reported"
    background: bool = False
    place_name: Optional[str] = None
    documents: list[str] = []
    sources: int = 1
    date_basis: Optional[str] = None
    evidence: list[Evidence] = []
    copies: int = Field(default=1, description="reports (copies included) that give this figure's value")
    variants: list[FigureVariant] = Field(default=[], description="other values copies of the same reports give: "
                                          "the claim's value is the one most copies give")


class TypeScore(Model):
    """A sub-type an event was scored against, and its score (see Event.type_alternatives)."""

    subtype: str
    score: float


class Figure(Model):
    """One report's figure for an event (fatalities, injured): kept side by side, never averaged."""

    kind: str
    value: Optional[int] = Field(default=None, description="null for a vague amount (the qualifier holds its words)")
    qualifier: str = "exact"
    doc: str
    stated: Optional[str] = None
    attributed_to: Optional[str] = None


class Event(Model):
    id: str
    type: str
    subtype: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    actors: list[str] = []
    place: Optional[str] = None
    fatalities: Optional[int] = None
    injured: Optional[int] = None
    summary: str = ""
    status: str = "reported"
    sources: int = 1
    documents: list[str] = []
    background: bool = False
    actor_names: list[str] = []
    place_name: Optional[str] = None
    attributed_to: Optional[str] = None
    figures: list[Figure] = []
    date_basis: Optional[str] = Field(default=None, description='"report": no time expression, the report date')
    evidence: list[Evidence] = []
    type_confidence: Optional[float] = Field(default=None, description="the chosen sub-type's score (similarity "
                                             "to its definition and examples, plus cue bonus); None for rule-made events")
    type_alternatives: list[TypeScore] = Field(default=[], description="the runner-up sub-types and their scores")
    type_rule: Optional[str] = Field(default=None, description='why this sub-type: "similarity" or the deciding rule')
    actor1: list[str] = Field(default=[], description="names of who acted (agent), the main one first")
    actor2: list[str] = Field(default=[], description="names of whom they acted on (target, victim), main first")
    actor_certainty: dict[str, str] = Field(default={}, description='actor name -> the hedge the text puts on it '
                                            '("possibly", "believed to be", "suspected")')
    actor_groups: dict[str, str] = Field(default={}, description='actor name -> the named group the text links it to '
                                         '("militants" -> "ISIS": "militants of ISIS", "ISIS militants" elsewhere in '
                                         'the report); only where the text links them (sitroom.extract.actor_groups)')


class ControlChange(Model):
    id: str
    place: Optional[str] = None
    actor: Optional[str] = Field(default=None, description="entity id of actor_name, else of actor_group")
    change: str
    share: Optional[float] = None
    date: Optional[str] = None
    status: str = "reported"
    assessed: bool = False
    sources: int = 1
    actor_name: Optional[str] = None
    place_name: Optional[str] = None
    attributed_to: Optional[str] = None
    documents: list[str] = []
    background: bool = False
    date_basis: Optional[str] = None
    evidence: list[Evidence] = []
    actor_group: Optional[str] = Field(default=None, description='the named group the text links actor_name to '
                                       '("militants" -> "ISIS"), as Event.actor_groups')


class Contradiction(Model):
    id: str
    topic: str
    kind: Literal["denial", "numeric", "status", "time"]
    a: str
    b: str
    note: str = ""


class Reuse(Model):
    doc: str
    overlap: float
    paragraphs: list[int] = Field(default=[], description="this document's paragraphs (blank-line separated) found in `doc`")
    near_copy: bool = False


class Document(ReportMeta):
    """A report as published in situation.json: its metadata, clean text and links to other reports."""

    text: str = ""
    duplicate_of: Optional[str] = None
    reuse: list[Reuse] = Field(default=[], description="the strongest links to reports sharing text with this one "
                               "(at most `dedup.reuse_listed`, by overlap)")
    reuse_more: int = Field(default=0, description="links to further reports sharing text, beyond those listed in reuse")
    story: Optional[str] = None
    syndication_group: Optional[str] = Field(default=None, description="id of the original of its copy group")


class SummarySentence(Model):
    text: str
    evidence: list[Evidence] = []
    status: Optional[str] = Field(default=None, description="claimed|denied|disputed when the sentence states such a fact")
    dispute: Optional[str] = Field(default=None, description='who disputes it, e.g. "denied by Iran\'s Foreign Ministry"')


class TimelineDay(Model):
    date: str
    events: list[str] = []


class Story(Model):
    id: str
    title: str = ""
    documents: list[str] = []
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    highlights: list[SummarySentence] = []
    summary: list[SummarySentence] = []
    timeline: list[TimelineDay] = []


class Rejected(Model):
    origin: str
    reason: str
    code: Optional[str] = None


class Situation(Model):
    """The whole situation picture: what `situation.json` holds."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    documents: list[Document] = []
    entities: list[Entity] = []
    places: list[Place] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    events: list[Event] = []
    control: list[ControlChange] = []
    contradictions: list[Contradiction] = []
    stories: list[Story] = []
    rejected: list[Rejected] = []
    times: list[TimeExpr] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)


class Analysis(Model):
    """What the per-document NLP pass (annotate + extract) returns for one article.

    Everything here is plain data so it pickles to and from worker processes.
    Facts carry document-local ids; `resolve` links them across documents.
    """

    doc: str
    sentences: list[SentenceSpan] = []
    mentions: list[Mention] = []
    times: list[TimeExpr] = []
    places: list[Place] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    events: list[Event] = []
    control: list[ControlChange] = []
    roles: list[NamedRole] = []
    aliases: list[AliasPair] = []
    errors: list[str] = []
    failed: Optional[str] = None  # why the document could not be parsed at all (it is then rejected)


def json_schema() -> dict:
    return Situation.model_json_schema(by_alias=True)


def share_fields_sets(root: BaseModel | list, shared: dict[tuple[type, frozenset], set[str]]) -> None:
    """Give every record under `root` with the same class and the same fields given one
    `__pydantic_fields_set__` (`shared`: (class, the fields given) -> that set, one run's).
    That set is pydantic's record of which fields were given, which only `exclude_unset` and
    `model_fields_set` read, and sitroom uses neither: a set of five names
    takes 728 bytes, more than the record and its values together (a `Mention`: 80 + 272), so
    each record's own copy was most of what a summary, or the situation, holds. A field
    assigned later adds its name to the shared set: all the same to every output."""
    todo: list = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, BaseModel):
            given = item.__pydantic_fields_set__
            one = shared.setdefault((type(item), frozenset(given)), given)
            if one is not given:
                object.__setattr__(item, "__pydantic_fields_set__", one)
            todo.extend(v for v in item.__dict__.values() if isinstance(v, (BaseModel, list)))
        elif isinstance(item, list):
            todo.extend(v for v in item if isinstance(v, (BaseModel, list)))
