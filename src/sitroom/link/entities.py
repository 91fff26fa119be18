"""Canonical entities across documents: mentions → entities with aliases and roles; quote speakers linked.

The per-document pass already tied surnames and titles to the full name its document
gives (`Mention.refers_to`) and recorded acronym pairs and roles. Here names are merged
across reports, each merge rule constrained by type:
  1. same normalised name;
  2. acronym ↔ expansion (stated in some report, or initials that match exactly one name);
  3. spelling variants (al-Maliki / al-Malaki, Falluja / Fallujah) by rapidfuzz ratio over
     `settings.resolve.fuzzy_name_score`, people only when first names agree too;
  4. a lone surname ("Maliki", "Hussein's") to the one full name that carries it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from sitroom.article.shingles import paragraph_bounds, word_overlap
from sitroom.contract import Analysis, Document, Entity, Evidence, Quote, Role, make_id
from sitroom.extract.entities import initials, surname_key
from sitroom.extract.quote_marks import find_spans
from sitroom.knowledge.roles import NAME_TITLES, ROLE_HEADS
from sitroom.link.sources import UnionFind, count_sources, source_groups
from sitroom.settings import Settings

# Types that may name the same thing (spaCy wavers between GPE and LOC for a town).
_TYPE_CLASS = {"GPE": "place", "LOC": "place", "FAC": "facility"}
MAX_EVIDENCE = 5


def _class(label: str) -> str:
    return _TYPE_CLASS.get(label, label)


def normalise(name: str) -> str:
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I)
    name = re.sub(r"(?:'s|’s)$", "", name)
    name = name.replace("‐", "-").replace("’", "'")
    return re.sub(r"\s+", " ", name).lower()


def _well_formed(name: str) -> bool:
    return bool(name) and "\n" not in name and (name[0].isupper() or name[:3].lower() in ("al-", "el-"))


def _is_title(name: str) -> bool:
    return name.split()[-1].lower() in ROLE_HEADS


def _fuzzy_same(a: str, b: str, cls: str, threshold: int) -> bool:
    if min(len(a), len(b)) < 5 or fuzz.ratio(a, b) < threshold:
        return False
    if cls == "PERSON":  # "Nuri al-Malaki" ~ "Nuri al-Maliki", never two different people sharing a surname
        ta, tb = a.split(), b.split()
        return len(ta) == len(tb) and ta[0] == tb[0]
    return True


def _block(norm: str, cls: str) -> str:
    if cls == "PERSON" and " " in norm:
        return norm.split()[0]
    return re.sub(r"^(?:al|el)-", "", norm)[:2]


def _sentence_evidence(an: Analysis, text: str, sentence: int) -> Evidence:
    s = an.sentences[sentence]
    return Evidence(doc=an.doc, sentence=sentence, start=s.start, end=s.end, text=text[s.start:s.end])


def resolve_entities(analyses: list[Analysis], documents: list[Document], settings: Settings) -> list[Entity]:
    texts = {d.id: d.text for d in documents}
    threshold = settings.resolve.fuzzy_name_score
    uf = UnionFind()
    items = []  # (key, an, mention)
    surface: dict[tuple[str, str], str] = {}
    for an in analyses:
        for m in an.mentions:
            name = m.refers_to or m.text
            key = (_class(m.label), normalise(name))
            uf.add(key)
            surface.setdefault(key, name)
            items.append((key, an, m))

    roles_by_name: dict[str, list] = defaultdict(list)
    for an in analyses:
        for r in an.roles:
            roles_by_name[normalise(r.name)].append(r)

    keys = sorted(uf.parent)
    by_class: dict[str, list[str]] = defaultdict(list)
    for cls, norm in keys:
        by_class[cls].append(norm)

    # 2. acronyms: pairs stated in a report, then exact initials
    for an in analyses:
        for pair in an.aliases:
            a, b = ("ORG", normalise(pair.short)), ("ORG", normalise(pair.long))
            if a in uf and b in uf:
                uf.union(a, b)
    orgs = by_class.get("ORG", [])
    by_initials: dict[str, list[str]] = defaultdict(list)  # the names of two words or more, by their initials
    for o in orgs:
        if len(o.split()) >= 2:
            by_initials[initials(surface[("ORG", o)])].append(o)
    for norm in orgs:
        acro = surface[("ORG", norm)]
        if re.fullmatch(r"[A-Z][A-Z.&]{1,7}", acro):
            acro = acro.replace(".", "")
            matches = by_initials.get(acro, [])
            if len(matches) == 1:
                uf.union(("ORG", norm), ("ORG", matches[0]))

    # 3. spelling variants within a type class, compared only inside blocks that any true variant shares
    #    (a person's given name; else the first two letters), so the cost stays near-linear on big corpora
    for cls, names in by_class.items():
        blocks: dict[str, list[str]] = defaultdict(list)
        for n in names:
            blocks[_block(n, cls)].append(n)
        for block in blocks.values():
            for i, a in enumerate(block):
                for b in block[i + 1:]:
                    if _fuzzy_same(a, b, cls, threshold):
                        uf.union((cls, a), (cls, b))

    # 4. lone surnames to the single full name (after variants merged) that carries them
    persons = by_class.get("PERSON", [])
    full_by_surname: dict[str, set] = defaultdict(set)
    for norm in persons:
        if len(norm.split()) >= 2 and not _is_title(norm):
            full_by_surname[surname_key(norm)].add(uf.find(("PERSON", norm)))
    for cls in ("PERSON", "ORG", "place", "NORP"):  # spaCy mislabels lone surnames as ORG/GPE/NORP
        for norm in by_class.get(cls, []):
            if len(norm.split()) != 1:
                continue
            roots = full_by_surname.get(surname_key(norm), set())
            if len(roots) == 1:
                root = next(iter(roots))
                if cls != "PERSON":
                    # only when the same bare word is also read as a person somewhere
                    if ("PERSON", norm) not in uf:
                        continue
                    uf.union(("PERSON", norm), root)
                uf.union((cls, norm), root)

    # 4b. a misspelt lone surname ("Minister Wamusse") to a full name sharing its office ("Defence Minister
    #     Celestino Uamusse"): a looser score, so the context (an office word in common) must agree too
    def office_words(norm: str) -> set[str]:
        return {w.lower() for r in roles_by_name.get(norm, []) for w in r.role.split() if w.lower() in ROLE_HEADS}

    # only full names that carry an office can match: listed once, not once per lone surname
    with_office = [(full, surname_key(full), words) for full in persons
                   if len(full.split()) >= 2 and not _is_title(full) for words in [office_words(full)] if words]
    for norm in persons:
        if len(norm.split()) != 1 or surname_key(norm) in full_by_surname or len(norm) < 5:
            continue
        offices = office_words(norm)
        if not offices:
            continue
        matches = {uf.find(("PERSON", full)) for full, key, words in with_office
                   if offices & words and fuzz.ratio(key, surname_key(norm)) >= settings.resolve.fuzzy_surname_score}
        if len(matches) == 1:
            uf.union(("PERSON", norm), next(iter(matches)))

    # collect clusters
    clusters: dict[tuple[str, str], list] = defaultdict(list)
    for key, an, m in items:
        clusters[uf.find(key)].append((an, m))

    entities = []
    for root, members in clusters.items():
        labels = Counter(m.label for _, m in members)
        label = labels.most_common(1)[0][0]
        if "PERSON" in labels and any(m.refers_to for _, m in members):
            label = "PERSON"
        names = Counter((m.refers_to or m.text) for _, m in members)
        surfaces = Counter(m.text for _, m in members if _well_formed(m.text) and not _is_title(m.text))
        candidates = [n for n in names if _well_formed(n) and not _is_title(n)] or list(names)
        canonical = max(candidates, key=lambda n: (len(n.split()), names[n], len(n), n))
        aliases = sorted(set(surfaces) | {canonical}, key=lambda n: (-surfaces[n], n))
        norms = {normalise(n) for n in names} | {normalise(s) for s in surfaces}
        found_roles = [r for n in sorted(norms) for r in roles_by_name.get(n, [])] if label == "PERSON" else []
        role_texts: dict[str, Role] = {}
        for r in found_roles:
            key = r.role.lower()
            if key not in role_texts:
                role_texts[key] = Role(role=r.role, evidence=[])
            if len(role_texts[key].evidence) < MAX_EVIDENCE:
                role_texts[key].evidence.append(r.evidence)
        affiliations = Counter(r.affiliation for r in found_roles if r.affiliation)
        evidence, seen = [], set()
        for an, m in sorted(members, key=lambda x: (x[0].doc, x[1].start)):
            if (an.doc, m.sentence) in seen or len(evidence) >= MAX_EVIDENCE:
                continue
            seen.add((an.doc, m.sentence))
            evidence.append(_sentence_evidence(an, texts[an.doc], m.sentence))
        entities.append(Entity(
            id=make_id("e", label, canonical), name=canonical, type=label, aliases=aliases,
            roles=[r.role for r in role_texts.values()], role_evidence=list(role_texts.values()),
            affiliation=affiliations.most_common(1)[0][0] if affiliations else None,
            mentions=len(members), evidence=evidence,
        ))
    return sorted(entities, key=lambda e: (-e.mentions, e.name))


class _SpeakerIndex:
    """The entities a quote's speaker name may be: by folded name or alias, by surname (people), and
    by the name a place's possessive qualifies ("Iraq's Justice Ministry" is the Justice Ministry the
    reports name, when Iraq is a place they name)."""

    def __init__(self, entities: list[Entity]):
        self.by_name: dict[str, Entity] = {}
        self.by_surname: dict[str, list[Entity]] = defaultdict(list)
        self.places: set[str] = set()
        for e in sorted(entities, key=lambda e: (e.type != "PERSON", -e.mentions)):
            if e.type in ("GPE", "LOC"):
                self.places.update(normalise(a) for a in [e.name, *e.aliases])
            if e.type not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            for a in [e.name, *e.aliases]:
                self.by_name.setdefault(normalise(a), e)
            if e.type == "PERSON":
                self.by_surname[surname_key(e.name)].append(e)

    def find(self, name: str) -> Entity | None:
        ent = self.by_name.get(normalise(name)) or self.by_name.get(fold_name(name))
        if ent is None:
            owned = re.match(r"(.+?)['’]s\s+(\S.*)$", name.strip())
            if owned and normalise(owned.group(1)) in self.places:
                ent = self.by_name.get(normalise(owned.group(2)))
        if ent is None:
            cands = self.by_surname.get(surname_key(name), [])
            ent = cands[0] if len(cands) == 1 else None
        return ent


def link_quotes(analyses: list[Analysis], entities: list[Entity], documents: list[Document] | None = None,
                settings: Settings | None = None) -> list[Quote]:
    """Each quote's speaker name → the canonical entity; its role from the entity when the quote has none;
    then one statement once across copies (`merge_quotes`)."""
    index = _SpeakerIndex(entities)
    quotes = []
    for an in analyses:
        for q in an.quotes:
            if q.speaker_name and not q.speaker and not q.anonymous:
                ent = index.find(q.speaker_name)
                if ent is not None:
                    q.speaker = ent.id
                    q.speaker_name = ent.name
                    if not q.speaker_role and ent.roles:
                        q.speaker_role = ent.roles[0]
            quotes.append(q)
    return merge_quotes(quotes, documents, settings)


def speaker_key(q: Quote) -> str:
    """One key for the forms a speaker is written in: the entity when linked, else the name folded
    (case, a leading article, "state-run", a title before the name)."""
    return q.speaker or fold_name(q.speaker_name or "")


def fold_name(name: str) -> str:
    """A speaker's name without what varies between reports: case, a leading article, "state-run", a
    title before the name."""
    name = re.sub(r"^(?:an?\s+|state-run\s+|state\s+)+", "", normalise(name))
    words = name.split()
    while len(words) > 1 and words[0] in NAME_TITLES:
        words = words[1:]
    return " ".join(words)


def _same_speaker(a: str, b: str) -> bool:
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    return bool(wa and wb) and wa[-1] == wb[-1] and (len(wa) == 1 or len(wb) == 1)  # "Pillay" / "Navi Pillay"


def _quote_words(q: Quote) -> set[str]:
    return _words(q.text)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def _quoted_words(q: Quote) -> set[str]:
    """The speaker's own words in a quote: all of a direct quote, the quoted part of a mixed one (the rest
    of its clause is the reporter's, and copies of one report word it differently)."""
    if not q.partial:
        return _quote_words(q)
    return _words(" ".join(q.text[s.start:s.end] for s in find_spans(q.text)))


def _same_quoted(qa: set[str], qb: set[str], settings: Settings) -> bool:
    """Two reports quoting one speaker's same words, each in its own clause ("the army had “collapsed,
    basically,” with …" and "the army there had “collapsed, basically,” and …"): the quoted words of one
    (`_quoted_words`) lie within the other's."""
    small = min(len(qa), len(qb))
    return small >= settings.resolve.quote_merge_min_quoted_words and \
        len(qa & qb) / small >= settings.resolve.quote_merge_containment


def _better_dated(q: Quote, than: Quote) -> bool:
    """True when `q`'s date is better founded than `than`'s (a time expression over the report's
    date), or as well founded and earlier."""
    def founded(x: Quote) -> bool:
        return bool(x.date) and x.date_basis not in ("report", "lede")

    if founded(q) != founded(than):
        return founded(q)
    return bool(q.date) and (not than.date or q.date < than.date)


def merge_quotes(quotes: list[Quote], documents: list[Document] | None = None,
                 settings: Settings | None = None) -> list[Quote]:
    """One statement once: quotes of one speaker with (near-)the same words in several documents become
    one quote holding every copy's evidence, its documents and its independent-source count. Repeated
    while it still merges, at most `quote_merge_passes` times: a statement that grew by a fuller copy may
    now hold a part met earlier."""
    settings = settings or Settings()
    groups = source_groups(documents or [], settings)
    passages = _Passages(documents or [])
    merged = _merge_pass(quotes, settings, passages)
    for _ in range(settings.resolve.quote_merge_passes - 1):
        if len(merged) == len(quotes):
            break
        quotes, merged = merged, _merge_pass(merged, settings, passages)
    for q in merged:
        q.documents = sorted({e.doc for e in q.evidence})
        q.sources = count_sources(q.documents, groups) if q.documents else 1
    return merged


def _merge_pass(quotes: list[Quote], settings: Settings, passages: _Passages) -> list[Quote]:
    merged: list[tuple[Quote, str, set[str]]] = []  # (the statement shown, its speaker key, its words)
    forms: list[list[_Form]] = []  # each statement's copies as they were written
    by_last: dict[tuple[bool, str], list[int]] = defaultdict(list)
    docs: list[set[str]] = []  # each statement's reports
    for q in quotes:
        key, words = speaker_key(q), _quote_words(q)
        own = {e.doc for e in q.evidence}
        form = _Form(words, _quoted_words(q), {w for w in words if w.isdigit()}, q.direct and not q.partial,
                     q.partial, q.evidence[0] if q.evidence else None)
        bucket = (q.direct, key.split()[-1] if key else "")
        hit = None
        for i in by_last[bucket]:
            okey = merged[i][1]
            if not _same_speaker(key, okey) or not words:
                continue
            apart = not (own & docs[i])  # not one report's two statements
            # any copy may be the one this quote repeats: the shown form is only the fullest of them
            if any(_same_statement(form, other, apart, settings, passages) for other in forms[i]):
                hit = i
                break
        if hit is None:
            by_last[bucket].append(len(merged))
            merged.append((q, key, words))
            forms.append([form])
            docs.append(own)
            continue
        forms[hit].append(form)
        docs[hit] |= own
        first = merged[hit][0]
        if _fuller(q, words, first, merged[hit][2]):  # the fuller form of the statement is the one shown
            first.text, first.partial = q.text, q.partial
            merged[hit] = (first, merged[hit][1], words)
        first.evidence = first.evidence + [e for e in q.evidence if e not in first.evidence]
        first.speaker_evidence = first.speaker_evidence + [e for e in q.speaker_evidence
                                                           if e not in first.speaker_evidence]
        if len(q.speaker_name or "") > len(first.speaker_name or "") and not first.speaker:
            first.speaker_name = q.speaker_name  # the fuller form ("Navi Pillay" over "Pillay")
        if q.speaker_role and (not first.speaker_role or first.speaker_role.lower() in q.speaker_role.lower()):
            first.speaker_role = q.speaker_role  # the fuller role ("ISIS spokesman" over "spokesman")
        if _better_dated(q, first):  # one statement, one date: the earliest well-founded one of its copies
            first.date, first.date_basis = q.date, q.date_basis
    return [q for q, _key, _words in merged]


@dataclass(slots=True)
class _Form:
    """One copy of a statement as written (the quote shown may later take another copy's words)."""

    words: set[str]
    quoted: set[str]  # the speaker's own words (`_quoted_words`)
    figures: set[str]  # the numbers it states
    verbatim: bool  # a direct quote, not a reporter's clause
    partial: bool  # a mixed quote
    where: Evidence | None  # the sentence it was written in


class _Passages:
    """The words of the paragraph a statement's copy stands in, read from its report when first asked
    (few pairs ever ask: most are told apart by their own words)."""

    def __init__(self, documents: list[Document]):
        self.texts = {d.id: d.text for d in documents}
        self.memo: dict[tuple[str, int], set[str]] = {}

    def words(self, where: Evidence) -> set[str]:
        key = (where.doc, where.start)
        if key not in self.memo:
            text = self.texts.get(where.doc)
            self.memo[key] = _words(text[slice(*paragraph_bounds(text, where.start))] if text else where.text)
        return self.memo[key]

    def alike(self, a: Evidence | None, b: Evidence | None, overlap: float) -> bool:
        """One passage in two reports, each editing it: their paragraphs share `overlap` of their words."""
        if a is None or b is None or a.doc == b.doc:
            return False
        return word_overlap(self.words(a), self.words(b)) >= overlap


def _same_statement(a: _Form, b: _Form, apart: bool, settings: Settings, passages: _Passages) -> bool:
    """`a` repeats `b` (one speaker's): near the same words in another report, a part of it, the same
    quoted words in a mixed quote, or another report's wording of it."""
    words, owords = a.words, b.words
    if not owords:
        return False
    r = settings.resolve
    shared = len(words & owords)
    small = min(len(words), len(owords))
    quoted_may_match = apart and (a.partial or b.partial)
    if not quoted_may_match and shared < small * min(r.quote_merge_similarity, r.quote_merge_containment,
                                                     r.quote_merge_paraphrase_containment,
                                                     r.quote_merge_passage_share):
        return False  # too few words shared for any of the tests below (most pairs of one speaker)
    # "40 boats were held" and "60 boats were held" are two statements however alike their words (the change
    # is what a reader checks); a part that leaves a number out may still be part of the whole
    if not (a.figures <= b.figures or b.figures <= a.figures):
        return False
    same = shared / len(words | owords) >= r.quote_merge_similarity and apart
    part = small >= r.quote_merge_min_words and shared / small >= r.quote_merge_containment
    if same or part or not apart:
        return same or part
    if (a.partial or b.partial) and _same_quoted(a.quoted, b.quoted, settings):
        return True
    # two reports' own wordings (reported speech, mixed quotes): a looser share of words, or looser still
    # where the paragraph around it is one passage that both reports carry, each edited
    if a.verbatim or b.verbatim or small < r.quote_merge_min_words:
        return False
    return shared / small >= r.quote_merge_paraphrase_containment or (
        shared / small >= r.quote_merge_passage_share
        and passages.alike(a.where, b.where, r.quote_merge_passage_overlap))


def _fuller(q: Quote, words: set[str], than: Quote, than_words: set[str]) -> bool:
    """More of the speaker's own words (a direct quote over a reporter's clause holding part of it), then
    more words."""
    return (len(_quoted_words(q)), len(words)) > (len(_quoted_words(than)), len(than_words))


def entity_lookup(entities: list[Entity]):
    """A function actor name → entity id: exact name or alias first, else the longest entity
    name inside the phrase ("ISIS fighters" → ISIS)."""
    exact: dict[str, str] = {}
    groups: dict[str, str] = {}  # organisations only: "Iraqi" (a nationality) is not "the Iraqi military"
    for e in entities:
        if e.type in {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"}:
            continue
        for n in [e.name, *e.aliases]:
            exact.setdefault(n.lower(), e.id)
            if e.type == "ORG":
                groups.setdefault(n.lower(), e.id)
    names = sorted(((n, i) for n, i in groups.items() if len(n) > 2), key=lambda x: -len(x[0]))

    def find(name: str | None) -> str | None:
        if not name:
            return None
        low = name.lower()
        if low in exact:
            return exact[low]
        for n, eid in names:
            if n in low and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low):  # a word of its own
                return eid
        return None

    return find
