"""report.md: the situation picture as text an analyst can read and paste."""

from __future__ import annotations

from ..contract import Evidence, Situation


def md_escape(text: str) -> str:
    """Article text must never become markup: escape what Markdown/HTML would interpret."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def cite(evidence: list[Evidence]) -> str:
    seen = []
    for e in evidence:
        tag = f"{e.doc}#s{e.sentence}"
        if tag not in seen:
            seen.append(tag)
    return "[" + ", ".join(md_escape(t) for t in seen) + "]" if seen else ""


def render(sit: Situation) -> str:
    lines: list[str] = ["# Situation report", ""]
    for story in sit.stories:
        lines += [f"## {md_escape(story.title or story.id)}", ""]
        span = " to ".join(x for x in (story.first_date, story.last_date) if x)
        lines += [f"{len(story.documents)} reports{', ' + span if span else ''}.", ""]
        if story.highlights:
            lines += ["**Highlights**", ""] + [f"- {md_escape(h.text)} {cite(h.evidence)}" for h in story.highlights] + [""]
        if story.summary:
            lines += ["**Summary**", ""] + [f"{md_escape(s.text)} {cite(s.evidence)}" for s in story.summary] + [""]
    lines += ["## Sources", "", "| id | outlet | published | title | authors | copy of |", "|---|---|---|---|---|---|"]
    for d in sit.documents:
        pub = (d.published or "undated") + (" (inferred)" if d.published_inferred else "")
        lines.append(
            f"| {md_escape(d.id)} | {md_escape(d.source or '')} | {pub} | {md_escape(d.title or '')} | "
            f"{md_escape(', '.join(d.authors))} | {md_escape(d.duplicate_of or '')} |"
        )
    lines.append("")
    persons = sorted((e for e in sit.entities if e.type == "PERSON"), key=lambda e: -e.mentions)[:25]
    others = sorted((e for e in sit.entities if e.type != "PERSON"), key=lambda e: -e.mentions)[:25]
    lines += ["## Entities", "", "| name | type | mentions | roles | aliases |", "|---|---|---|---|---|"]
    for e in persons + others:
        lines.append(
            f"| {md_escape(e.name)} | {e.type} | {e.mentions} | {md_escape('; '.join(e.roles))} | "
            f"{md_escape(', '.join(a for a in e.aliases if a != e.name))} |"
        )
    lines.append("")
    lines += ["## Quotes", ""]
    for q in sit.quotes:
        who = md_escape(q.speaker_name or "unattributed")
        role = f" ({md_escape(q.speaker_role)})" if q.speaker_role else ""
        body = f"“{md_escape(q.text)}”" if q.direct else md_escape(q.text)
        lines.append(f"- **{who}**{role}, {q.date or 'undated'}: {body} {cite(q.evidence)}")
    lines.append("")
    if sit.rejected:
        lines += ["## Rejected inputs", ""] + [f"- `{md_escape(r.origin)}`: {md_escape(r.reason)}" for r in sit.rejected] + [""]
    return "\n".join(lines) + "\n"
