"""Entity mentions of one document: spaCy NER, corrected by rules for what the small model gets wrong.

spaCy's small English model reads crisis copy reasonably but:
  - folds titles and possessives into names ("Ayatollah Ali Khamenei", "Nuri al-Maliki's");
  - labels a lone surname by guesswork (Zebari as ORG, Rouhani as NORP, Obama as GPE);
  - cuts long group names ("the Islamic State" of "the Islamic State in Iraq and Syria") and
    misses some armed groups outright (Peshmerga).
The fixes below use what the same document says elsewhere (the full name, the acronym's
expansion), plus a short lexicon of armed groups. Side products for `resolve`: the roles
stated for people (`Analysis.roles`) and acronym/expansion pairs (`Analysis.aliases`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.contract import AliasPair, Mention, NamedRole
from sitroom.extract.context import Context
from sitroom.extract.speakers import SPEECH_VERBS
from sitroom.knowledge.roles import NAME_TITLES, ROLE_HEADS, TITLE_MODIFIERS, find_roles, peel_titles

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}

# Armed groups and movements the small model misses or calls a nationality/person. They speak,
# fight and hold ground, so they are organisations here (a NORP is a people, not an actor).
ARMED_GROUPS = (
    "ISIS", "ISIL", "Islamic State", "Peshmerga", "Taliban", "Hezbollah", "Hamas", "al-Qaeda", "al-Qaida",
    "al-Nusra Front", "Nusra Front", "Boko Haram", "al-Shabaab", "Houthis", "Revolutionary Guard",
    "Revolutionary Guards", "Free Syrian Army", "Kataib Hezbollah", "Asaib Ahl al-Haq", "Wagner Group",
)
_GROUP_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(g) for g in sorted(ARMED_GROUPS, key=len, reverse=True))
                       + r")(?![\w-])")
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_JUNK = re.compile(r"[\n•|©®™]|\d{1,2}:\d{2}|\b(?:GMT|HKT|EDT|EST)\b")
# words of page furniture that the model reads as names ("Mosul Photos")
_FURNITURE = {"photos", "photo", "video", "videos", "map", "interactive", "read", "gallery", "watch", "click"}
# "the Lord's Resistance Army, or LRA" / "... Red Cross (ICRC)"
# Linear time (tests/test_hardening.py): words are matched possessively (*+: a word never gives characters back
# to the \s+ that must follow it), and a match starts only in a token's first 40 characters, so one long token
# is not re-scanned from each of its capitals.
_EXPANSION_WORDS = r"(?:[A-Z][\w'’.-]*+|of|in|and|the|for|on|de|al-[A-Z][\w-]*+)"
_PAIR_RE = re.compile(r"(?<![\w'’.-]{40})((?:[A-Z][\w'’.-]*+\s+)(?:" + _EXPANSION_WORDS + r"\s+){0,8}[A-Z][\w'’.-]*+)"
                      r"(?:,\s+or\s+|\s+\()([A-Z][A-Z.]{1,7})\b\)?")
_TITLE_REF_RE = re.compile(r"\b[Tt]he\s+((?:(?:[A-Z][\w.'’-]*|of)\s+){0,3}(?:[A-Z][a-z]+))\b")


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@lru_cache(maxsize=65536)  # cross-document linking asks for the same names many times
def surname_key(name: str) -> str:
    """'Nuri al-Maliki', 'al-Maliki', 'Maliki' → 'maliki' (Arabic article and case folded)."""
    words = [w for w in name.split() if w.lower().rstrip(".,") not in _SUFFIXES] or name.split()
    last = words[-1] if words else name
    return re.sub(r"^(?:al|el|ad|as|an|ar|at|az|ash)[-‐]", "", last, flags=re.I).lower()


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", _LEADING.sub("", name))
                   if w and w[0].isupper() and not w.startswith("al-")).upper()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive, so offsets hold the bare name."""
    span = text[start:end]
    m = _LEADING.match(span)
    if m:
        start += m.end()
    span = text[start:end]
    p = _POSSESSIVE.search(span)
    if p and end - start - len(p.group(0)) >= 2:
        end -= len(p.group(0))
    while end > start and text[end - 1] in " ,.;:":
        if text[end - 1] == "." and re.search(r"\b[A-Z]\.$", text[start:end]):
            break  # "U.S." / "U.N." keep their last period
        end -= 1
    return start, end


def _spacy_mentions(ctx: Context) -> list[Mention]:
    doc, text = ctx.doc, ctx.article.text
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or _JUNK.search(ent.text):
            continue
        start_tok = peel_titles(doc, ent.start, ent.end) if ent.label_ == "PERSON" else ent.start
        start, end = _trim(text, doc[start_tok].idx, ent.end_char)
        if end - start < 2 or not any(c.isalpha() for c in text[start:end]):
            continue
        if ent.label_ != "PERSON" and text[start:end].lower() in ROLE_HEADS | {"rear adm", "rear adm."}:
            continue
        if ent.label_ == "PERSON" and {w.lower() for w in text[start:end].split()} & _FURNITURE:
            continue
        out.append(Mention(text=text[start:end], label=ent.label_, start=start, end=end,
                           sentence=ctx.sentence_index(start)))
    return out


def _alias_pairs(ctx: Context) -> list[AliasPair]:
    text = ctx.article.text
    pairs = []
    for m in _PAIR_RE.finditer(text):
        long_start, long_end = m.span(1)
        long = m.group(1)
        # the expansion starts at the first word whose initial is the acronym's first letter
        words = list(re.finditer(r"\S+", long))
        short = m.group(2).replace(".", "")
        for w in words:
            if w.group(0)[0] == short[0]:
                long_start = m.start(1) + w.start()
                break
        long = text[long_start:long_end]
        if initials(long) != short and not initials(long).startswith(short[:2]):
            continue
        pairs.append(AliasPair(short=m.group(2), long=long, label="ORG",
                               evidence=ctx.evidence(long_start, m.end(2))))
    return pairs


def _replace_overlaps(mentions: list[Mention], new: Mention) -> list[Mention]:
    kept = [m for m in mentions if m.end <= new.start or m.start >= new.end]
    return kept + [new]


def _add_spans(ctx: Context, mentions: list[Mention], pairs: list[AliasPair]) -> list[Mention]:
    """Whole group names (expansions, armed groups) replace the fragments spaCy saw inside them."""
    text = ctx.article.text
    for pair in pairs:
        for m in re.finditer(re.escape(pair.long), text):
            mentions = _replace_overlaps(mentions, Mention(text=pair.long, label="ORG", start=m.start(),
                                                           end=m.end(), sentence=ctx.sentence_index(m.start())))
    for m in _GROUP_RE.finditer(text):
        inside_longer = [x for x in mentions if x.start <= m.start() and m.end() <= x.end
                         and (x.end - x.start) > (m.end() - m.start())]
        if inside_longer:  # "Kurdistan Peshmerga Ministry" is its own organisation
            continue
        mentions = _replace_overlaps(mentions, Mention(text=m.group(1), label="ORG", start=m.start(), end=m.end(),
                                                       sentence=ctx.sentence_index(m.start())))
    for short in {p.short for p in pairs}:  # the acronym wherever spaCy missed it
        for m in re.finditer(r"(?<![\w.])" + re.escape(short) + r"(?![\w])", text):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(text=short, label="ORG", start=m.start(), end=m.end(),
                                        sentence=ctx.sentence_index(m.start())))
    return sorted(mentions, key=lambda x: x.start)


def _untagged_speakers(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Names the model left untagged but the parse shows speaking ("Pillay said"), and the fuller
    form the same document gives them ("… Human Rights Navi Pillay")."""
    doc, text = ctx.doc, ctx.article.text
    taken = [(m.start, m.end) for m in mentions]
    surnames = set()
    for tok in doc:
        if (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ == "nsubj" and tok.text[:1].isupper()
                and tok.head.text.lower() in SPEECH_VERBS and tok.text.lower() not in ROLE_HEADS | NAME_TITLES
                and len(tok.text) > 2 and not any(c.dep_ == "compound" for c in tok.children)):
            surnames.add(tok.text)
    # "… Commissioner for Human Rights Navi Pillay on Friday": an untagged run of proper nouns after a
    # capitalised office noun ends in a two-word name
    for tok in doc:
        if not (tok.text[:1].isupper() and tok.text.lower() in ROLE_HEADS):
            continue
        j = tok.i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text in ("for", "of")) and not doc[j].ent_type_:
            j += 1
        last = doc[j - 1]
        if (j - tok.i >= 3 and last.pos_ == "PROPN" and doc[j - 2].pos_ == "PROPN" and last.text[:1].isupper()
                and (j >= len(doc) or not doc[j].ent_type_ or doc[j].ent_type_ in ("DATE", "TIME"))):
            surnames.add(last.text)
    out = []
    for tok in doc:
        if tok.text not in surnames or tok.ent_type_ or any(a <= tok.idx < b for a, b in taken):
            continue
        start = tok.idx
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and _given_name(doc, prev):
            start = prev.idx
        out.append(Mention(text=text[start:tok.idx + len(tok.text)], label="PERSON", start=start,
                           end=tok.idx + len(tok.text), sentence=ctx.sentence_index(start)))
    return out


def _given_name(doc, tok) -> bool:
    """A capitalised word just before a surname that reads as a given name, not a title. Right after an
    office noun the model's NORP/ORG guess for it ("Minister Celestino") is overruled."""
    low = tok.text.lower()
    if not (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.whitespace_ and not tok.is_sent_start):
        return False
    if low in ROLE_HEADS | NAME_TITLES | TITLE_MODIFIERS:
        return False
    if tok.ent_type_:
        return tok.ent_iob_ == "B" and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I") and tok.i > 0 \
            and doc[tok.i - 1].text.lower() in ROLE_HEADS | NAME_TITLES
    return True


def _extend_lone_surnames(ctx: Context, mentions: list[Mention]) -> None:
    """'Defence Minister Celestino Uamusse' where the model tagged only 'Uamusse': take in the given name."""
    doc, text = ctx.doc, ctx.article.text
    full = _full_names(mentions)
    for m in mentions:
        if m.label != "PERSON" or len(m.text.split()) != 1 or surname_key(m.text) in full:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        prev = doc[span.start - 1]
        if _given_name(doc, prev) and span.start >= 2 and doc[span.start - 2].text.lower() in ROLE_HEADS | NAME_TITLES:
            m.start = prev.idx
            m.text = text[m.start:m.end]


def _full_names(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Multi-word PERSON names of the document by surname key."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) >= 2:
            by_key.setdefault(surname_key(m.text), []).append(m)
    return by_key


def _link_short_names(mentions: list[Mention]) -> None:
    """Surname-only mentions become PERSON and point to the document's full name (nearest before)."""
    full = _full_names(mentions)
    for m in mentions:
        if len(m.text.split()) != 1 or m.label not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        cands = full.get(surname_key(m.text))
        if not cands:
            continue
        before = [c for c in cands if c.start < m.start]
        best = max(before, key=lambda c: c.start) if before else min(cands, key=lambda c: c.start)
        m.label = "PERSON"
        m.refers_to = best.text


def _nearest_holder(mentions: list[Mention], roles: list, text: str, pos: int, words: set[str],
                    head: str) -> tuple[str, str] | None:
    """The person mentioned last before `pos` whose stated role holds the title's words."""
    roles_of: dict[str, list[str]] = {}
    for r in roles:
        roles_of.setdefault(text[r.name_start:r.name_end], []).append(r.role)
    for m in sorted((m for m in mentions if m.label == "PERSON" and m.end <= pos), key=lambda m: -m.start):
        for name in (m.text, m.refers_to):
            for role in roles_of.get(name or "", []):
                role_words = {w.lower() for w in role.split()}
                if head in role_words and len(words & role_words) >= min(2, len(words)):
                    return (m.refers_to or m.text), role
    return None


def _title_references(ctx: Context, mentions: list[Mention], roles: list) -> list[Mention]:
    """'the Prime Minister', 'the Iraqi Prime Minister', 'the President' → the person holding that role."""
    text = ctx.article.text
    out = []
    for m in _TITLE_REF_RE.finditer(text):
        title = m.group(1)
        head = title.split()[-1].lower()
        if head not in ROLE_HEADS or any(x.start <= m.start(1) < x.end for x in mentions):
            continue
        words = {w.lower() for w in title.split()}
        holder = _nearest_holder(mentions, roles, text, m.start(), words, head)
        if holder is None:
            continue
        name, role = holder
        out.append(Mention(text=title, label="PERSON", start=m.start(1), end=m.end(1),
                           sentence=ctx.sentence_index(m.start(1)), refers_to=name, role=role))
    return out


def extract(ctx: Context) -> list[Mention]:
    text = ctx.article.text
    mentions = _spacy_mentions(ctx)
    pairs = _alias_pairs(ctx)
    mentions = _add_spans(ctx, mentions, pairs)
    for extra in _untagged_speakers(ctx, mentions):
        mentions = _replace_overlaps(mentions, extra)
    _extend_lone_surnames(ctx, mentions)
    extended = [m for m in mentions if m.label == "PERSON"]
    mentions = [m for m in mentions if m.label == "PERSON"
                or not any(p.start <= m.start < p.end for p in extended)]  # the given name's NORP/ORG guess
    mentions.sort(key=lambda x: x.start)
    persons = [ctx.doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions if m.label == "PERSON"]
    found = find_roles(ctx.doc, [p for p in persons if p is not None])
    roles = []
    for r in found:
        s, e = _trim(text, r.name_start, r.name_end)
        r.name_start, r.name_end = s, e
        for m in mentions:
            if m.start == s:
                m.role = m.role or r.role
        roles.append(NamedRole(name=text[s:e], role=r.role, affiliation=r.affiliation,
                               evidence=ctx.evidence(min(r.start, s), max(r.end, e))))
    _link_short_names(mentions)
    for role in roles:  # a role stated for "Obama" belongs to the full name
        for m in mentions:
            if m.text == role.name and m.refers_to:
                role.name = m.refers_to
                break
    mentions.extend(_title_references(ctx, mentions, found))
    ctx.analysis.roles.extend(roles)
    ctx.analysis.aliases.extend(pairs)
    return sorted(mentions, key=lambda x: x.start)
