"""report.md: the same situation report as report.html, as text an analyst can read and paste.

Article text is escaped so it can never become Markdown or HTML markup when the
file is rendered (a `<script>` in an article stays literal text).
"""

from __future__ import annotations

from sitroom.contract import Evidence, Situation
from sitroom.export import report_model as rm
from sitroom.settings import Export

# A backslash before every character Markdown/HTML would interpret, the backslash itself included;
# one translate pass instead of a replace per character.
_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#!&"})


def md_escape(text: object) -> str:
    """Article text must never become markup: escape what Markdown/HTML would interpret."""
    return " ".join(("" if text is None else str(text)).translate(_MD_ESCAPES).split())


def cite(evidence: list[Evidence]) -> str:
    return ref(rm.cites(evidence))


def ref(cites: list[str]) -> str:
    # A '#' inside a line is plain text in Markdown: keep `doc#s3` readable.
    return "[" + ", ".join(md_escape(t).replace("\\#", "#") for t in cites) + "]" if cites else "[no evidence]"


def disputed_md(status: str, dispute: str = "") -> str:
    """" (denied by X)" after a statement that is disputed, claimed or denied; nothing for a plain report."""
    note = rm.dispute_text(status, dispute)
    return f" (**{md_escape(note)}**)" if note else ""


def _none(what: str) -> list[str]:
    return [f"_No {what} found in these reports._", ""]


def table_md(title: str, headers: list[str], rows: list[str], empty: str) -> list[str]:
    """A report section holding one table, or a note that these reports gave nothing for it."""
    lines = [f"## {title}", ""]
    if not rows:
        return lines + _none(empty)
    return lines + ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)] + rows + [""]


def stories_md(stories: list[dict]) -> list[str]:
    lines: list[str] = []
    for s in stories:
        span = " to ".join(x for x in (s["first_date"], s["last_date"]) if x) or "dates unknown"
        lines += [f"## {md_escape(s['title'])}", "", f"{md_escape(s['support'])}, {md_escape(span)}.", ""]
        if s["highlights"]:
            lines += ["**Highlights**", ""] + [f"- {md_escape(h['text'])}{disputed_md(h['status'], h['dispute'])} "
                                               f"{ref(h['cites'])}" for h in s["highlights"]] + [""]
        if s["summary"]:
            lines += ["**Summary**", "", " ".join(f"{md_escape(x['text'])}{disputed_md(x['status'], x['dispute'])} "
                                                  f"{ref(x['cites'])}" for x in s["summary"]), ""]
        if not s["highlights"] and not s["summary"]:
            lines += ["_No summary yet for this story._", ""]
        lines += ["**Timeline**", ""]
        if s["timeline"]:
            for day in s["timeline"]:
                for it in day["items"]:
                    status = disputed_md(it["status"], it["dispute"])
                    lines.append(f"- {md_escape(day['date'])}: {md_escape(it['label'])}{status} "
                                 f"{ref(it['cites']) if it['id'] else ''}".rstrip())
            lines.append("")
        else:
            lines += _none("dated events")
    return lines or ["## Stories", ""] + _none("stories")


def control_md(table: list[dict]) -> list[str]:
    lines = []
    for r in table:
        hist = "; ".join(
            f"{md_escape(h['date'] or 'undated')}: {md_escape(h['actor'])} {md_escape(h['change'])}"
            + (f" {round(h['share'] * 100)}%" if h["share"] is not None else "")
            + disputed_md(h["status"], h["dispute"]) + f" {ref(h['cites'])}"
            for h in r["history"])
        lines.append(f"| {md_escape(r['place'])} | {md_escape(r['holder'] or 'unclear')} | "
                     f"{'disputed' if r['disputed'] else 'no'} | {hist} |")
    return table_md("Who controls what", ["place", "latest holder", "disputed", "history"], lines,
                    "statements of territorial control")


def claims_md(rows: list[dict]) -> list[str]:
    lines = []
    for c in rows:
        who = md_escape(c["attributed_to"] or "unattributed") + (" (anonymous source)" if c["anonymous"] else "")
        status = disputed_md(c["status"], c["dispute"])
        lines.append(f"| {md_escape(c['kind'])} | {md_escape(c['label'])}{status} | {md_escape(c['place'])} | "
                     f"{md_escape(c['date'] or 'undated')} | {who} | {md_escape(c['support'])} | {ref(c['cites'])} |")
    return table_md("Figures and who reports them",
                    ["kind", "figure", "place", "date", "according to", "carried by", "evidence"], lines, "figures")


def quotes_md(groups: list[dict]) -> list[str]:
    lines = ["## Who said what", ""]
    if not groups:
        return lines + _none("quotes")
    for g in groups:
        roles = f" ({md_escape('; '.join(g['roles']))})" if g["roles"] else ""
        lines += [f"**{md_escape(g['speaker'])}**{roles}", ""]
        for q in g["quotes"]:
            # a mixed quote already marks its quoted words inside the reported clause
            body = f"“{md_escape(q['text'])}”" if q["direct"] and not q.get("partial") else md_escape(q["text"])
            anon = " (anonymous source)" if q["anonymous"] else ""
            carried = f" ({md_escape(q['support'])})" if len(q["docs"]) > 1 else ""
            lines.append(f"- {md_escape(q['date'] or 'undated')}: {body}{anon}{carried} {ref(q['cites'])}")
        lines.append("")
    return lines


def contradictions_md(rows: list[dict]) -> list[str]:
    lines = ["## Contradictions", ""]
    if not rows:
        return lines + _none("contradictions")
    for r in rows:
        lines += [f"**{md_escape(r['topic'])}** ({md_escape(r['kind'])})", ""]
        for tag in ("a", "b"):
            s = r[tag]
            when = f" ({md_escape(s['date'])})" if s["date"] else ""
            lines.append(f"- {tag.upper()}: {md_escape(s['who'])} {s['says']}{when}: {md_escape(s['label'])}. "
                         f"“{md_escape(s['statement'])}” ({md_escape(s['support'])}) {ref(rm.cites_from_rows(s['evidence']))}")
        lines.append("")
    return lines


def events_md(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        status = disputed_md(r["status"], r["dispute"])
        lines.append(
            f"| {md_escape(r['date'] or 'undated')} | {md_escape(r['subtype'] or r['type'])} | {md_escape(r['place'])} | "
            f"{md_escape(r['parties'])} | {'' if r['fatalities'] is None else r['fatalities']} | "
            f"{md_escape(r['summary'])}{status} | {md_escape(r['support'])} | {ref(r['cites'])} |")
    return table_md("Events", ["date", "type", "place", "actors", "killed", "what", "sources", "evidence"], lines,
                    "events")


def sources_md(rows: list[dict]) -> list[str]:
    lines = []
    for d in rows:
        pub = md_escape(d["published"] or "undated") + (" (inferred)" if d["inferred"] else "")
        reuse = ([f"copy of {md_escape(d['duplicate_of'])}"] if d["duplicate_of"] else []) + (
            [f"copied by {md_escape(', '.join(d['copies']))}"] if d["copies"] else []) + [
            f"shares {round(r['overlap'] * 100)}% with {md_escape(r['doc'])}" for r in d["reuse"]] + (
            [f"shares text with {d['reuse_more']} more reports"] if d["reuse_more"] else [])
        lines.append(
            f"| {md_escape(d['id'])} | {md_escape(d['source'])} | {pub} | {md_escape(d['title'])} | "
            f"{md_escape(', '.join(d['authors']))} | {'; '.join(reuse) or 'original'} | "
            f"{'; '.join(md_escape(a) for a in d['anonymous']) or 'none'} |")
    return table_md("Sources", ["id", "outlet", "published", "title", "authors", "reuse / syndication",
                                "resting on anonymous sources"], lines, "documents")


def render(sit: Situation, cfg: Export | None = None) -> str:
    whole = sit  # the first lines count the whole situation; the sections show `sit`, cut when very large
    cfg = cfg or Export()
    sit, left_out = rm.within_report(whole, cfg.report_max_stories, cfg.report_max_reports)
    rep = rm.build(sit)
    title = whole.stories[0].title if len(whole.stories) == 1 and whole.stories[0].title else "Situation report"
    lines: list[str] = [f"# {md_escape(title)}", ""]
    lines += [(f"{md_escape(rep.support(d.id for d in whole.documents))}, {rm.stories_count(whole)}, "
               f"{len(whole.events)} events, {len(whole.claims)} figures, {len(whole.quotes)} quotes, "
               f"{len(whole.control)} control statements. References read `doc#sN`: sentence N of document doc."), ""]
    if left_out:
        lines += [md_escape(rm.cut_note(sit, left_out)), ""]
    lines += stories_md(rm.story_rows(rep))
    lines += control_md(rm.control_table(rep)) + claims_md(rm.claim_rows(rep)) + quotes_md(rm.quotes_by_speaker(rep))
    lines += contradictions_md(rm.contradiction_rows(rep)) + events_md(rm.event_rows(rep)) + sources_md(rm.source_rows(rep))
    lines += ["## Rejected inputs", ""]
    lines += [f"- {md_escape(r.origin)}: {md_escape(r.reason)}" for r in sit.rejected] or ["Every input was processed."]
    return "\n".join(lines) + "\n"
