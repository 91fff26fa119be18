"""sitroom's own boilerplate model for already-scraped text (and a post-filter for HTML).

A scraped news page is a sequence of lines. Each line is classified from its own
features (length, terminal punctuation, stop-word density, capitalisation,
link-like prefixes, known furniture patterns) and from its neighbours (runs of
short headline lines are related-link lists; a timestamp followed by a teaser
dated far from the story is another story's teaser; everything after a
"complete coverage" sidebar or a comment form is not the story).

Why our own: trafilatura returns nothing for plain text, and generic
boilerplate classifiers (jusText-style) keep site furniture that is sentence-like
("This is an archived article …", photo captions printed twice) and drop short
story lines that are quotes. News pages need news-specific rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import regex

from sitroom.article.words import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES
from sitroom.settings import Clean

# --------------------------------------------------------------------------- line features

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own said same she should so some such
    than that the their theirs them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours""".split()
)

FIGURE_ROW = re.compile(r"^[A-Z][\w .'’()-]{0,40}:\s*[$€£]?\d[\d,.]*%?(?:\s*\w{0,12})?$")
SPACES = re.compile(r"[^\S\n]+")
# Sentence ends in every script: Latin stops, CJK full-width stops (。！？．｡), Arabic and Urdu (؟ ۔),
# Devanagari and Bengali dandas (। ॥), Armenian (։), Ethiopic (።), Myanmar (။), Thai has none
# (a long Thai line counts as prose by length). Closing quotes and brackets of any script may follow.
TERMINAL = regex.compile(r"""[.!?…:;。！？．｡：；؟۔।॥։።။]["'”’»«)\]」』）》〉】\p{Pf}\p{Pe}]*\s*$""")
# A word in any script: a run of letters, marks and digits (with inner apostrophes, dots, hyphens);
# in scripts written without spaces (Han, Kana) every two characters count as one word, about
# the length of a word there, so word thresholds mean the same amount of text in every script.
# On ASCII text it matches exactly what the ASCII pattern did (`shingles` depends on it).
WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,2}|[\p{L}\p{N}][\p{L}\p{M}\p{N}_'’.-]*")
IMAGE_FILE = re.compile(r"^\S.*\.(?:jpe?g|png|gif|webp|svg|bmp)\s*$", re.I)
VIDEO_LABEL = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*Source:?\s*\S.*$", re.I)
LINK_PREFIX = re.compile(
    r"^(?:READ|Read|WATCH|Watch|VIDEO|Video|PHOTOS?|Photos?|Gallery|GALLERY|Map|MAP|Interactive|INTERACTIVE|"
    r"RELATED|Related|MORE|More|See also|SEE ALSO|Also read|ALSO READ|Opinion|OPINION|LIVE|Listen|LISTEN)"
    r"\s*:\s*\S"
)
MONTH_WORDS = "|".join(MONTH_NAMES + MONTH_ABBREVIATIONS)  # a regex alternation
WEEKDAY_ABBR = r"(?:" + "|".join(d[:3] for d in WEEKDAY_NAMES) + r")[a-z]*\.?"  # Tue, Tues., Thurs, Friday
# A full date with a year, as printed in timestamps and stamps: "Fri June 13, 2014", "13 June 2014", "2014-06-13".
FULL_DATE = re.compile(
    rf"(?:(?P<m1>{MONTH_WORDS})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d))"
    rf"|(?:(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_WORDS})\.?,?\s+(?P<y2>(?:19|20)\d\d))"
    rf"|(?:(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))"
)
# A line that is only a timestamp ("updated 4:23 PM EDT, Fri June 13, 2014",
# "June 23, 2014 -- Updated 0530 GMT (1330 HKT)", "Published 3 March 2021 10:04 GMT").
TIMESTAMP_WORDS = re.compile(
    rf"\b(?:updated|published|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|edt|est|bst|cet|cest|hkt|ast|"
    rf"{MONTH_WORDS}|{WEEKDAY_ABBR}|\d+)\b",
    re.I,
)

# Known furniture: (pattern, reason). Matched against the whole stripped line.
FURNITURE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^skip to (?:main )?(?:content|navigation|main)", re.I), "navigation"),
    (re.compile(r"^(?:menu|search|home|sections?|close|share|share this( story| article)?:?|print|email|tweet|"
                r"toggle navigation|open navigation|main menu|advertisement|sponsored)$", re.I), "navigation"),
    (re.compile(r"^this is an archived article\b", re.I), "archive notice"),
    (re.compile(r"(?:^|\s)(?:©|\(c\)|copyright)\s*\d{4}|all rights reserved|^(?:™|TM)\s*&", re.I), "copyright"),
    (re.compile(r"\b(?:contributed to this report|contributed reporting)\b", re.I), "credit"),
    (re.compile(r"^[A-Z][\w&.]*(?: [A-Z][\w&.]*)?['’]s .*\b(?:contributed|wrote|reported) from\b"), "credit"),
    (re.compile(r"^(?:reporting|additional reporting|writing|editing) by\b", re.I), "credit"),
    (re.compile(r"^visit \S.*\b(?:updates?|news|coverage|for more)\b", re.I), "promo"),
    (re.compile(r"\bget (?:all )?the latest news\b.*\bvisiting\b", re.I), "promo"),
    (re.compile(r"\b(?:sign up|subscribe) (?:to|for) (?:our|the)\b.*\b(?:newsletter|briefing|alerts?|updates?)\b", re.I),
     "newsletter"),
    (re.compile(r"^(?:get|receive) (?:our|the) \S.*\bnewsletter\b", re.I), "newsletter"),
    (re.compile(r"\bnewsletter\b.*\binbox\b|\binbox\b.*\bnewsletter\b", re.I), "newsletter"),
    (re.compile(r"\b(?:we use|this (?:site|website) uses) cookies\b|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings)\b",
                re.I), "cookie banner"),
    (re.compile(r"^(?:follow|like) us on\b|^download (?:our|the) app\b|^click here\b", re.I), "promo"),
    (re.compile(r"^(?:fill in your details below|you are commenting using|connecting to %s|log out\b|"
                r"notify me of (?:new|follow-up)|(?:google\+|twitter|facebook) (?:photo|picture)$)", re.I), "comment form"),
    (re.compile(r"^story highlights$", re.I), "highlights label"),
    (re.compile(r"^(?:reposted|republished|originally published|this (?:article|story) (?:was )?(?:first |originally )?"
                r"(?:published|appeared))\b", re.I), "repost note"),
    (re.compile(r"^source:\s+\S.{0,80}$|^our standards\b|\btrust principles\b", re.I), "credit"),
    (re.compile(r"^(?:image|photo|picture) (?:copyright|caption|source)\b", re.I), "caption"),
    (re.compile(r"^(?:getty images|afp|reuters|ap photo|epa)(?:\s*/\s*\S.*)?$", re.I), "caption"),
]

# Page furniture named in the languages of the web (short lines only: see `furniture_reason`).
# A photo or image credit: "Foto: …", "Fot. …", "Bild: …", "Crédits photos : …", "© Name".
CREDIT_LABEL = regex.compile(
    r"^(?:©\s*\S|(?:fotos?|fot\.|photos?|bild(?:er)?|titelbild|bildquelle|quelle|crédits?(?: photos?)?|credits?|"
    r"copyright|imagen|immagine|zdjęcie|фото|источник)\s*[:©/|]\s*\S)",
    regex.I,
)
# "Follow us on …" in several languages.
FOLLOW_US = regex.compile(
    r"^(?:folgen sie uns|folge uns|s[ií]guenos|suivez[- ]nous|seguici|siga-nos|volg ons|obserwuj nas|"
    r"подписывайтесь|liken sie uns)\b",
    regex.I,
)
# A teaser introduced by a label: "READ MORE: …", "LE PUEDE INTERESAR: …", "Lesen Sie auch: …".
TEASER_PREFIX = regex.compile(
    r"^(?:(?:le|te) puede interesar|lea también|lee también|mira|lesen sie (?:auch|mehr)|auch interessant|"
    r"lire aussi|à lire aussi|voir aussi|leggi anche|leia também|veja também|czytaj (?:też|także|również)|"
    r"zobacz (?:też|także|również)|читайте также|смотрите также|read more|read also|also read)\s*[:»>]\s*\S",
    regex.I,
)
# Short labelled lines of page furniture in several languages: (pattern, reason, at most this many words).
LABELLED_FURNITURE: list[tuple[regex.Pattern[str], str, int]] = [
    # Taxonomy: "Category: News", "Kategorie: Politik", "Tags: …", "Schlagwörter: …".
    (regex.compile(r"^(?:categor(?:y|ies)|kategorien?|rubrik|tags?|schlagw(?:ö|o)rte?r?|etiquetas|cat[ée]gories?|"
                   r"categorias?|categorie|tagi|kategorie|теги|метки|рубрика)\s*:", regex.I), "taxonomy", 12),
    # A date stamp with its label: "Last modified: 3 May", "Letzte Änderung 14.02.2019", "Publié le 2 mai".
    (regex.compile(r"^(?:last (?:modified|updated)|updated on|letzte (?:änderung|aktualisierung)|zuletzt (?:aktualisiert|geändert)|"
                   r"erstellt am|aktualisiert am|stand:|publi[ée] le|mis à jour le|publicado (?:el|en)|actualizado|"
                   r"pubblicato il|aggiornato il|opublikowano|aktualizacja|опубликовано|обновлено)\b.{0,40}\d", regex.I),
     "timestamp", 12),
    # Reading time: "4 min read", "Lesezeit: 3 Minuten", "Ten tekst przeczytasz w mniej niż minutę".
    (regex.compile(r"^\d+\s*(?:min(?:ute)?s?\.?)\s*(?:read|lesezeit|de lecture|de lectura|di lettura)\b|"
                   r"^(?:lesezeit|reading time|temps de lecture|tiempo de lectura|tempo di lettura|czas czytania|"
                   r"время чтения)\b|^ten tekst przeczytasz\b", regex.I), "reading time", 10),
    # Share and like widgets: "Teilen mit:", "Gefällt mir:", "Wird geladen …", "Partager :".
    (regex.compile(r"^(?:teilen mit|gefällt mir|wird geladen|loading|partager(?: sur| cet article)?|j['’]aime|"
                   r"compartir(?: en)?|me gusta|condividi|udostępnij|поделиться|share on \w+)\s*[:.…]*$", regex.I),
     "share line", 4),
    # A photo caption signed with its credit at the end: "… in the chamber (Photo: J. Roe/AP)", "… | Foto: dpa".
    (regex.compile(r"(?:\(|\s[|/–—-]\s|^)(?:fotos?|fot\.|photos?|bild|imagen|immagine|crédits?(?: photos?)?|zdjęcie|фото)"
                   r"\s*[:©]\s*[^()]{2,60}\)?\s*\.?$", regex.I), "caption", 40),
    # Rights notices: "Alle Rechte vorbehalten", "Tous droits réservés", "Materiał chroniony prawem autorskim".
    (regex.compile(r"\b(?:alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|derechos reservados|"
                   r"tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|"
                   r"wszelkie prawa zastrzeżone|chroniony prawem autorskim|все права защищены)\b", regex.I), "copyright", 40),
    # Messenger channel promos: "Join our Telegram channel", "Únete a nuestro canal de WhatsApp".
    (regex.compile(r"\b(?:telegram|whatsapp)\b.{0,60}\b(?:canal|channel|kanal|gruppe|group|grupo)\b|"
                   r"\b(?:canal|channel|kanal|gruppe|group|grupo)\b.{0,20}\b(?:telegram|whatsapp)\b", regex.I), "promo", 30),
    # Subscriptions: "Subscribe now to our … edition", "Newsletter abonnieren", "PC Gamer Newsletter".
    (regex.compile(r"^subscribe (?:now|today)\b|\bnewsletter (?:abonnieren|bestellen)\b|^(?:[\p{L}\p{N}&.'’-]+ ){0,3}newsletter$|"
                   r"\bdownload (?:the|our) [\p{L}\p{N} ]{0,30}apps?\b", regex.I), "newsletter", 25),
]

# The label of a block of links or teasers after an article: "Related articles", "Schon gelesen?",
# "Weitere Themen", "Le puede interesar", "À lire aussi", "Читайте также" (the whole short line).
RELATED_LABEL = regex.compile(
    r"^(?:related(?: \w+)?|read (?:more|also|next)|also read|more (?:on|from|about|stories|news)\b.*|"
    r"you (?:may|might) also (?:like|enjoy)|recommended(?: \w+)*|editors['’]? (?:picks|recommendations)|"
    r"further reading|see also|don['’]t miss|trending(?: now)?|(?:most|more) (?:read|popular)|latest (?:news|posts|articles)|"
    r"(?:next|previous) (?:article|post|story)|"
    r"lesen sie (?:auch|mehr)|auch interessant|(?:das|dies)(?: \w+)? könnte (?:dich|sie|euch) auch interessieren.*|"
    r"weitere (?:\w+ )?(?:themen|artikel|beiträge|nachrichten|meldungen|news)\b.*|zum weiterlesen|schon gelesen|mehr zum thema|"
    r"(?:verwandte|ähnliche|passende) (?:artikel|themen|beiträge)|beliebte beiträge|neueste beiträge|"
    r"vorschau auf den nächsten artikel|top-themen\b.*|"
    r"(?:à )?lire aussi|voir aussi|sur le même sujet|articles? (?:similaires|liés|connexes)|à découvrir aussi|"
    r"(?:le|te) puede interesar|(?:lea|lee) también|(?:notas|noticias|artículos) relacionad[oa]s|más noticias|"
    r"leggi anche|potrebbe interessarti|(?:articoli|notizie) correlat[ie]|"
    r"leia também|veja também|(?:notícias|artigos) relacionad[oa]s|saiba mais|"
    r"lees ook|gerelateerde artikelen|meer nieuws|"
    r"czytaj (?:też|także|również)|zobacz (?:też|także|również)|dowiedz się więcej|polecamy|powiązane artykuły|"
    r"читайте также|смотрите также|похожие (?:статьи|новости|материалы)|по теме|другие новости)"
    r"\s*[:?!.…»]*$",
    regex.I,
)

# Everything from one of these lines to the end of the page is not the story.
TAIL_MARKERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^part of complete coverage on\b", re.I), "coverage sidebar"),
    (re.compile(r"^(?:leave a (?:reply|comment)|comments? \(\d+\)|\d+ comments?|post a comment|join the conversation)$",
                re.I), "comment form"),
    (re.compile(r"^(?:related (?:articles|stories|posts|content|coverage)|more (?:from|on) (?:this|our)\b.*|"
                r"you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular)|top stories|"
                r"share this:?|like this:?)$", re.I), "related block"),
]


@dataclass
class Line:
    text: str
    block: int  # index of the blank-line separated block it came from
    size: int  # number of lines in that block


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_sentence_like(text: str, settings: Clean) -> bool:
    """Ends like a sentence and is long enough to be one; long unpunctuated lines count too (scrapes lose dots)."""
    n = len(words(text))
    if n >= settings.unpunctuated_paragraph_words:
        return True
    if n < settings.min_paragraph_words or not TERMINAL.search(text):
        return False
    # A short question or exclamation with headline capitalisation is a teaser or sub-heading.
    if text.rstrip("\"'”’ ").endswith(("?", "!")) and n < settings.min_question_words and not _has_quote(text):
        return False
    return not text.rstrip().endswith(":") or n >= settings.min_question_words


def _has_quote(text: str) -> bool:
    return any(q in text for q in "\"“”")


def stop_ratio(text: str) -> float:
    ws = words(text)
    return sum(w.lower() in STOP_WORDS for w in ws) / len(ws) if ws else 0.0


def capitalised_ratio(text: str) -> float:
    ws = [w for w in words(text) if w[0].isalpha()]
    return sum(w[0].isupper() for w in ws) / len(ws) if ws else 0.0


def is_doubled(text: str) -> bool:
    """A caption or label printed twice: the first half of the line equals its second half."""
    t = re.sub(r"\s+", " ", text).strip()
    if len(t) < 8:
        return False
    for cut in {len(t) // 2, (len(t) + 1) // 2, len(t) // 2 - 1, len(t) // 2 + 1}:
        a, b = t[:cut].strip(), t[cut:].strip()
        if a and a == b:
            return True
    return False


def parse_full_date(text: str) -> date | None:
    m = FULL_DATE.search(text)
    if not m:
        return None
    try:
        if m.group("y1"):
            return date(int(m.group("y1")), MONTHS[m.group("m1")[:3].lower()], int(m.group("d1")))
        if m.group("y2"):
            return date(int(m.group("y2")), MONTHS[m.group("m2")[:3].lower()], int(m.group("d2")))
        return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None


def is_timestamp(text: str) -> bool:
    """A line that is a date stamp and nothing else (every word is a date/time word)."""
    if not FULL_DATE.search(text) or len(text) > 80:
        return False
    rest = TIMESTAMP_WORDS.sub(" ", FULL_DATE.sub(" ", text))
    return not re.search(r"[A-Za-z]{2,}", rest.replace("HKT", ""))


def furniture_reason(text: str, max_words: int = 60) -> str | None:
    long_prose = len(words(text)) > max_words  # furniture is short; a long paragraph naming "copyright" is story
    for pattern, reason in FURNITURE:
        if pattern.search(text) and not long_prose:
            return reason
    if IMAGE_FILE.match(text) and len(words(text)) <= 12:
        return "image file name"
    if VIDEO_LABEL.match(text):
        return "video label"
    if (LINK_PREFIX.match(text) or TEASER_PREFIX.match(text)) and len(words(text)) <= 20:
        return "link"
    if CREDIT_LABEL.match(text) and len(words(text)) <= 12:
        return "credit"
    if FOLLOW_US.match(text) and len(words(text)) <= 20:
        return "promo"
    for pattern, reason, most in LABELLED_FURNITURE:
        if len(words(text)) <= most and pattern.search(text):
            return reason
    if is_doubled(text):
        return "caption printed twice"
    if _is_menu(text):
        return "navigation"
    return None


def _is_menu(text: str) -> bool:
    """A row of menu items: "Home | World | Africa | Video"."""
    items = [p.strip() for p in re.split(r"\s[|·•/]\s|\s{3,}", text) if p.strip()]
    return len(items) >= 3 and all(len(words(p)) <= 3 and not TERMINAL.search(p) for p in items)


def tail_reason(text: str) -> str | None:
    for pattern, reason in TAIL_MARKERS:
        if pattern.search(text):
            return reason
    return None


# --------------------------------------------------------------------------- the classifier


def split_lines(text: str) -> list[Line]:
    """Blank-line separated blocks, each cut into lines; hard-wrapped paragraphs are joined back."""
    out: list[Line] = []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for b, block in enumerate(blocks):
        # Scrapes carry no-break and thin spaces; one plain space keeps matching and offsets simple.
        lines = [SPACES.sub(" ", ln).strip() for ln in block.split("\n") if ln.strip()]
        if _hard_wrapped(lines):
            lines = [" ".join(lines)]
        out.extend(Line(ln, b, len(lines)) for ln in lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """A paragraph wrapped at a fixed width: all lines but the last are long and most do not end a sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if min(len(ln) for ln in body) < 55:
        return False
    return sum(bool(TERMINAL.search(ln)) for ln in body) <= len(body) // 2


def classify(lines: list[Line], settings: Clean, story_date: date | None = None, html: bool = False) -> list[str | None]:
    """A removal reason for every line (None keeps it as a story paragraph).

    `html`: the lines are an extractor's main content, not a whole scraped page: short
    lines are sub-headings, list items and sign-offs of the article unless they trail it.
    """
    reasons: list[str | None] = [None] * len(lines)
    tail: str | None = None
    far_teaser = False
    for i, ln in enumerate(lines):
        t = ln.text
        if tail is None:
            tail = tail_reason(t)
        if tail is not None:
            reasons[i] = tail
            continue
        reason = furniture_reason(t)
        if reason is None and is_timestamp(t):
            stamp = parse_full_date(t)
            far_teaser = bool(stamp and story_date and abs((stamp - story_date).days) > settings.far_date_days)
            reason = "timestamp"
        elif reason is None and far_teaser and lines[i - 1].block == ln.block:
            reason = "teaser dated far from the story"
        elif ln.block != (lines[i - 1].block if i else -1):
            far_teaser = False
        reasons[i] = reason
    if html:
        _mark_trailing_lines(lines, reasons, settings)
    else:
        _mark_short_lines(lines, reasons, settings)
    return reasons


def _mark_trailing_lines(lines: list[Line], reasons: list[str | None], settings: Clean) -> None:
    """A related-links label ("Related articles", "Auch interessant:") is never article text; near the
    end of the page (little text after it) it and everything after it are teasers and links."""
    total = sum(len(ln.text) for ln in lines) or 1
    after = total
    for i, ln in enumerate(lines):
        after -= len(ln.text)
        if reasons[i] is not None or not RELATED_LABEL.match(ln.text):
            continue
        if after / total > settings.related_tail_share:
            reasons[i] = "related label"
            continue
        for j in range(i, len(lines)):
            reasons[j] = reasons[j] or "related block"
        return


def _mark_short_lines(lines: list[Line], reasons: list[str | None], settings: Clean) -> None:
    """Non-sentence lines: inside a multi-line block they are a link list; alone they are sub-headings."""
    for i, ln in enumerate(lines):
        if reasons[i] is not None or is_sentence_like(ln.text, settings):
            continue
        siblings = [j for j, other in enumerate(lines) if other.block == ln.block and j != i]
        if FIGURE_ROW.match(ln.text):
            reasons[i] = "figure table"  # "Injured: 4,877": data, not prose; kept aside for the record
        elif siblings and any(not is_sentence_like(lines[j].text, settings) for j in siblings):
            reasons[i] = "related links"
        else:
            reasons[i] = "subheading"


def repeated_line_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
