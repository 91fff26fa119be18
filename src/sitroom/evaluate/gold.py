"""The gold format (docs/gold-format.md): typed, validated, loaded from JSON or JSONL.

One file per corpus. Items name the documents they occur in (`doc` or `docs`, the
input file stem). `optional` items are "don't care": matching them is neither
rewarded nor penalised (hedged statements, text only found in captions or teasers).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitroom.errors import SitroomError

FORMAT = "sitroom-gold/1"


class EvalError(SitroomError):
    """A coded harness error (S3xx: cause and fix in the message); the CLI prints it and exits 2."""

    def __init__(self, code: str, message: str) -> None:
        Exception.__init__(self, f"[{code}] {message}")
        self.code = code
        self.details = {}
Alternatives = Union[str, list[str], None]


class GoldModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    optional: bool = False
    note: Optional[str] = None


class GoldDocument(GoldModel):
    id: str
    title: Optional[str] = None
    authors: Optional[list[str]] = None
    published: Optional[str] = None
    published_stated: Optional[bool] = None
    source: Optional[str] = None
    dateline: Optional[str] = None


class GoldPair(GoldModel):
    docs: list[str] = Field(min_length=2, max_length=2)


class GoldStory(GoldModel):
    id: str
    documents: list[str]


class GoldEntity(GoldModel):
    name: str
    type: str
    aliases: list[str] = []
    roles: list[str] = []

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldPlace(GoldModel):
    name: str
    aliases: list[str] = []
    lat: Optional[float] = None
    lon: Optional[float] = None
    km: Optional[float] = Field(default=None, description="match radius; default from settings")
    feature: Optional[str] = None

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldQuote(GoldModel):
    docs: list[str]
    text: str = Field(description="a short identifying excerpt of the quoted words")
    speaker: Optional[str] = Field(description="canonical name (see entities) or null when anonymous")
    speaker_role: Optional[str] = None
    direct: bool = True
    continues: bool = Field(default=False, description="continues the previous quote after its attribution "
                                                       "('“A,” he said. “B.”'): one merged quote covers both")


class GoldTime(GoldModel):
    doc: str
    text: str
    value: Union[str, list[str]]
    type: str = "DATE"


class GoldClaim(GoldModel):
    docs: list[str]
    kind: Union[str, list[str]]
    value: Optional[float]  # null: a vague amount ("hundreds"), named by `qualifier`
    value_max: Optional[float] = None
    qualifier: Optional[str] = None
    subject: Optional[str] = None
    place: Optional[str] = None
    date: Alternatives = None
    attributed_to: Alternatives = None
    status: Alternatives = None


class GoldEvent(GoldModel):
    docs: list[str]
    type: Union[str, list[str]]
    subtype: Optional[str] = None
    date: Alternatives = None
    place: Optional[str] = None
    actors: list[str] = []
    fatalities: Optional[int] = None
    injured: Optional[int] = None
    status: Optional[str] = None


class GoldControl(GoldModel):
    docs: list[str]
    place: str
    actor: Optional[str] = None
    change: Union[str, list[str]]
    share: Optional[float] = None
    date: Alternatives = None
    status: Optional[str] = None


class GoldSide(BaseModel):
    model_config = ConfigDict(extra="forbid")
    docs: list[str]
    text: Union[str, list[str]] = Field(description="excerpt(s) of the statement on this side")


class GoldContradiction(GoldModel):
    kind: str
    topic: str
    a: GoldSide
    b: GoldSide


SECTIONS = {
    "documents": GoldDocument, "duplicates": GoldPair, "reuse": GoldPair, "stories": GoldStory,
    "entities": GoldEntity, "places": GoldPlace, "quotes": GoldQuote, "times": GoldTime, "claims": GoldClaim,
    "events": GoldEvent, "control": GoldControl, "contradictions": GoldContradiction,
}


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = FORMAT
    corpus: str
    inputs: Optional[str] = Field(default=None, description="input folder, relative to ../shared (e.g. 'seeds')")
    description: str = ""
    annotator_notes: list[str] = []
    documents: list[GoldDocument] = []
    duplicates: list[GoldPair] = []
    reuse: list[GoldPair] = []
    stories: list[GoldStory] = []
    entities: list[GoldEntity] = []
    places: list[GoldPlace] = []
    quotes: list[GoldQuote] = []
    times: list[GoldTime] = []
    claims: list[GoldClaim] = []
    events: list[GoldEvent] = []
    control: list[GoldControl] = []
    contradictions: list[GoldContradiction] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> "Gold":
        """Every doc id is a declared document; every place named by a fact is in `places`."""
        known = {d.id for d in self.documents}
        places = {p.name for p in self.places}
        problems = []
        for section, item in self.items():
            for doc in _docs_of(item):
                if known and doc not in known:
                    problems.append(f"{section}: unknown document {doc!r}")
            place = getattr(item, "place", None)
            if section in ("claims", "events", "control") and place and place not in places:
                problems.append(f"{section}: place {place!r} is not in places")
        if self.format != FORMAT:
            problems.append(f"format {self.format!r} is not {FORMAT!r}")
        if problems:
            raise ValueError("; ".join(sorted(set(problems))[:20]))
        return self

    def items(self):
        for section in SECTIONS:
            for item in getattr(self, section):
                yield section, item

    def doc_ids(self) -> set[str]:
        ids = {d.id for d in self.documents}
        for _, item in self.items():
            ids.update(_docs_of(item))
        return ids

    def entity(self, name: str | None) -> GoldEntity | None:
        if not name:
            return None
        for e in self.entities:
            if e.name == name:
                return e
        return None

    def names_of(self, name: str | None) -> list[str]:
        """A canonical name with its aliases (from `entities`), for speaker/actor matching."""
        ent = self.entity(name)
        return ent.names if ent else ([name] if name else [])

    def place(self, name: str | None) -> GoldPlace | None:
        return next((p for p in self.places if p.name == name), None) if name else None


def _docs_of(item) -> list[str]:
    if isinstance(item, GoldContradiction):
        return [*item.a.docs, *item.b.docs]
    if isinstance(item, GoldStory):
        return item.documents
    docs = getattr(item, "docs", None)
    if docs is not None:
        return list(docs)
    doc = getattr(item, "doc", None)
    return [doc] if doc else []


def load_gold(path: str | Path) -> Gold:
    """Read a gold JSON file, or JSONL: a header line, then one item a line with its `section`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            data = dict(lines[0]) if lines else {}
            for rec in lines[1:]:
                rec = dict(rec)
                data.setdefault(rec.pop("section"), []).append(rec)
        else:
            data = json.loads(text)
        return Gold.model_validate(data)
    except (OSError, ValueError, KeyError) as exc:
        raise EvalError("S301", f"Gold file {path} is not valid: {exc}. To fix: see docs/gold-format.md.") from exc


def bundled_gold(name: str = "seeds") -> Path:
    """A gold file shipped with sitroom (package data), e.g. the seeds gold."""
    return Path(str(resources.files("sitroom") / "gold" / f"{name}.json"))
