"""The scores table: plain text for people, JSON for machines, Markdown for docs/quality.md."""

from __future__ import annotations

import json
from datetime import date

from sitroom.evaluate.scoring import KindScore


def _row(s: KindScore) -> list[str]:
    if s.metric:
        return [s.corpus, s.kind, "", "", "", f"{s.score:.3f}", s.metric, _counts(s)]
    return [s.corpus, s.kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.score:.3f}", "F1", _counts(s)]


def _counts(s: KindScore) -> str:
    return f"tp={s.tp} fp={s.fp} fn={s.fn}" if s.tp or s.fp or s.fn else ""


HEADER = ["corpus", "kind", "P", "R", "F1", "score", "metric", "counts"]


def text_table(scores: list[KindScore], show_errors: bool = False, notes: list[str] | None = None) -> str:
    rows = [HEADER] + [_row(s) for s in scores]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for note in notes or []:
        lines.append(note)
    if show_errors:
        for s in scores:
            if s.misses or s.false_positives:
                lines.append(f"\n## {s.key}")
                lines += [f"  miss  {m}" for m in s.misses]
                lines += [f"  false {f}" for f in s.false_positives]
    return "\n".join(lines)


def json_report(scores: list[KindScore], show_errors: bool, gate: dict | None = None, notes: list[str] | None = None) -> str:
    out = {"scores": [s.to_dict(errors=show_errors) for s in scores], "notes": notes or []}
    if gate is not None:
        out["gate"] = gate
    return json.dumps(out, indent=2, ensure_ascii=False)


def markdown(scores: list[KindScore], command: str, notes: list[str] | None = None) -> str:
    lines = [
        "# sitroom quality",
        "",
        f"Measured on {date.today().isoformat()}. Regenerate with `{command}`. "
        "Gold format and matching rules: [gold-format.md](gold-format.md).",
        "`score` is F1 for fact kinds and the named metric otherwise; the gate (`sitroom eval --gate`) "
        "compares it with `src/sitroom/evaluate/floors.json`.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    lines += ["| " + " | ".join(_row(s)) + " |" for s in scores]
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    return "\n".join(lines) + "\n"
