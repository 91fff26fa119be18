"""Scores shared by every evaluation adapter: counts in, precision/recall/F1 out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class KindScore:
    """One row of the scores table: a corpus, a fact kind, and its counts.

    `tp`/`fp`/`fn` give P/R/F1; adapters with a single accuracy figure (e.g. LGL within
    161 km, TimeBank value accuracy) set `metric` and `value` instead or as well.
    """

    corpus: str
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    metric: str | None = None  # e.g. "accuracy@161km", "value-accuracy", "b-cubed-F1"
    value: float | None = None
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def score(self) -> float:
        """The one number the gate and the table use: `value` when the adapter set a metric, else F1."""
        return float(self.value) if self.metric and self.value is not None else self.f1

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.kind}" + (f"/{self.metric}" if self.metric else "")

    def to_dict(self, errors: bool = False) -> dict:
        d = asdict(self)
        d.update(precision=round(self.precision, 4), recall=round(self.recall, 4), f1=round(self.f1, 4),
                 key=self.key, score=round(self.score, 4))
        if not errors:
            d.pop("misses")
            d.pop("false_positives")
        return d
