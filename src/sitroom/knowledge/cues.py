"""The words news attributes with: speech and attitude verbs (cues), and the abbreviations
that end in a full stop without ending a sentence.

The pipeline runs without a lemmatizer, so every cue is listed with its word forms,
generated from a base form (irregular forms spelled out).
"""

from __future__ import annotations

import re

# Verbs that introduce what someone said, wrote or holds ("said", "accused", "dubbed", "wrote").
CUE_BASES = (
    "say", "tell", "add", "warn", "urge", "vow", "declare", "state", "insist", "explain", "note", "acknowledge",
    "announce", "reiterate", "stress", "caution", "concede", "implore", "plead", "ask", "reply", "write", "tweet",
    "claim", "deny", "report", "continue", "recall", "predict", "promise", "argue", "admit", "confirm", "call",
    "accuse", "dub", "describe", "deride", "assure", "suggest", "complain", "joke", "quip", "boast", "brag",
    "lament", "charge", "allege", "contend", "maintain", "observe", "remark", "respond", "counter", "retort",
    "shout", "yell", "chant", "exclaim", "proclaim", "testify", "tout", "praise", "slam", "blast", "criticize",
    "criticise", "mock", "label", "brand", "characterize", "dismiss", "post", "recount", "thank", "blame",
    "wonder", "muse", "conclude", "pledge", "demand", "threaten", "emphasize", "repeat", "echo", "scoff",
    "snap", "rail", "gush", "hail", "applaud", "condemn", "denounce", "decry", "agree", "mention", "assert",
    "comment", "cite", "quote", "reveal", "disclose", "announce", "insist", "recommend", "propose", "predict",
    "estimate", "find", "believe", "think", "hope", "fear", "worry", "question", "challenge", "concur",
    "speak", "read", "sing", "cry", "whisper", "acknowledge", "caution", "vow", "swear", "pledge", "signal",
    "answer", "elaborate", "surmise", "confess", "interject", "interrupt", "bark", "fume", "vent", "gloat", "opine",
    "riff", "exhort", "retweet", "email", "remember", "imagine", "bemoan", "react", "retaliate", "scream", "affirm",
    "chide", "grumble", "mutter", "growl", "marvel", "reason", "scold", "lecture", "rebut", "plead", "inquire",
    "press", "crack", "share", "talk", "discuss", "refer", "imply", "indicate", "portray", "credit", "tease", "taunt",
    "jeer", "heckle", "sneer", "recite", "summarize", "pronounce", "relate", "narrate", "preach", "insinuate",
    "express", "defend", "compare", "command",
)
# Verbs that cue speech only with their particle or object ("shot back", "as he put it", "pointed out").
PHRASAL_CUES: dict[str, str] = {
    **{f: "back" for f in ("shoot", "shoots", "shot", "shooting", "fire", "fires", "fired", "firing", "hit", "hits",
                           "hitting", "push", "pushed", "pushes", "pushing", "write", "wrote", "writes")},
    **{f: "it" for f in ("put", "puts", "putting")},
    **{f: "out" for f in ("point", "points", "pointed", "pointing", "lash", "lashed", "lashes", "lashing")},
    **{f: "on" for f in ("go", "goes", "went", "going")},
    **{f: "in" for f in ("chime", "chimes", "chimed", "chiming", "weigh", "weighs", "weighed", "weighing")},
}
_IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"), "write": ("writes", "wrote",
    "writing", "written"), "speak": ("speaks", "spoke", "speaking", "spoken"), "think": ("thinks", "thought",
    "thinking"), "find": ("finds", "found", "finding"), "read": ("reads", "reading"), "sing": ("sings", "sang",
    "sung", "singing"), "swear": ("swears", "swore", "sworn", "swearing"), "plead": ("pleads", "pleaded",
    "pled", "pleading"), "run": ("runs", "ran", "running"), "give": ("gives", "gave", "given", "giving"),
    "hold": ("holds", "held", "holding"), "send": ("sends", "sent", "sending"), "put": ("puts", "putting"),
    "pen": ("pens", "penned", "penning"),
}
_DOUBLING = {"admit": "t", "dub": "b", "quip": "p", "brag": "g", "snap": "p", "label": "l", "signal": "l", "slam": "m",
             "rebut": "t", "refer": "r"}


def _forms(base: str) -> set[str]:
    if base in _IRREGULAR:
        return {base, *_IRREGULAR[base]}
    if base in _DOUBLING:
        d = base + _DOUBLING[base]
        # American spelling keeps one final l ("labeled"), British doubles it ("labelled")
        single = {base + "ed", base + "ing"} if base.endswith("l") else set()
        return {base, base + "s", d + "ed", d + "ing", *single}
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("sh", "ch", "x", "s")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


CUE_VERBS: frozenset[str] = frozenset(f for b in CUE_BASES for f in _forms(b))
# Things that carry someone's words: "she issued a statement saying …", "a sign that read …".
TEXT_NOUNS = frozenset({
    "statement", "statements", "letter", "letters", "ad", "ads", "advertisement", "commercial", "email", "e-mail",
    "emails", "message", "messages", "tweet", "tweets", "post", "posts", "book", "column", "op-ed", "memo", "note",
    "sign", "signs", "banner", "placard", "poster", "cover", "piece", "video", "release", "essay", "editorial",
    "article", "mailer", "flyer", "petition", "text", "texts", "transcript", "speech", "remarks", "press release",
})
# What someone said, as a noun: with its owner named ("his remarks calling …", "Trump's answer was …"),
# the owner is the one who speaks.
UTTERANCE_NOUNS = frozenset({"comment", "comments", "remark", "remarks", "response", "answer", "reply", "words",
                             "testimony", "retort", "claim", "claims", "argument", "statement", "speech", "address",
                             "assertion", "conclusion", "warning", "promise", "pledge", "vow", "accusation",
                             "admission", "suggestion", "declaration", "announcement", "observation", "prediction",
                             "complaint", "insistence", "boast", "quip", "joke", "description"})
# Verbs by which someone puts out such a text: its subject is who speaks in it ("Trump issued a statement").
ISSUING_VERBS: frozenset[str] = frozenset(f for b in (
    "issue", "release", "publish", "send", "post", "write", "pen", "deliver", "give", "share", "retweet", "run",
    "air", "launch", "unveil", "hold", "hoist", "carry", "wave", "sign", "circulate", "distribute", "put",
) for f in _forms(b))
# Nouns and phrases of attribution that stand where a verb would ("according to", "in a statement").
CUE_PREPOSITIONS = frozenset({"according"})
# Verbs by which an outlet or a document passes someone's words on ("…, CNN reported"): beside another
# cue, their subject relays the statement rather than makes it.
RELAY_VERBS = frozenset(_forms("report"))

# Dependency relations by which a clause hangs on a cue verb without being what it says: a time or
# reason clause, a modifier, a coordinated clause ("X objected after Y told voters …", "X asked and Y said").
NOT_CONTENT_DEPS = frozenset({"advcl", "prep", "pcomp", "conj", "relcl", "acl", "nsubj", "nsubjpass", "csubj",
                              "agent", "advmod", "npadvmod", "appos"})

# Conjunctions that open a clause of a separate event in time: one with a subject of its own
# ("X objected after Y told …") reports Y's words, so a cue above it does not.
SUBORDINATORS = frozenset({"after", "before", "when", "once"})

# Surveys whose respondents speak through them ("in a CNN poll, 31% said …"): cited as the relay.
SURVEY_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies"})

# Words that lead the name in a credit line before a colon ("More from the report: “…”").
COLON_LEADS = re.compile(r"(?:more\s+)?(?:from|via|per)\s+", re.IGNORECASE)

# Abbreviated months ("Jan. 5"): no sentence ends at them, and no place is named by them.
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Words before a full stop that does not end a sentence: honorifics, ranks, offices, states,
# initials and dotted abbreviations ("Mr.", "Sen.", "Gov.", "Lt.", "St.", "U.S.", "J.").
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
    "cmdr", "brig", "cpl", "det", "st", "ft", "mt", "jr", "sr", "rev", "hon", "pres", "sec", "amb", "supt",
    "insp", "gens", "reps", "sens", "messrs", "vs", "ltd", "dept", "univ",
    "ala", "ariz", "calif", "colo", "conn", "fla", "kan", "mich", "minn", "mont", "neb", "nev", "okla",
    "tenn", "tex", "wis", "wyo",
}) | MONTH_ABBREVIATIONS
# (Dotted capitals such as "U.S." and initials such as "F." are told apart by their shape, not listed.)
# Words that open a new sentence after dotted capitals ("… in the U.S. He said"): never a name an
# initial or a dotted abbreviation would lead into, so there the full stop ends the sentence.
SENTENCE_OPENERS = frozenset({"He", "She", "They", "We", "I", "It", "The"})

# Relative pronouns: a clause they open as its subject speaks for the noun it hangs on, not for itself.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})

# Short words a title leaves in lower case ("Meet the Press", "Midday with Charlie Sykes").
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in", "on", "at",
                               "with", "by", "from", "as", "vs", "via", "per", "into", "over"})
