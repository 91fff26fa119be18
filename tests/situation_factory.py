"""A small, fictional but realistic situation for report and web tests (written for sitroom).

Every fact carries evidence whose offsets index the document text, as the
contract requires. Coordinates are those of real towns in northern Iraq so that
the map has real borders to draw.
"""

from __future__ import annotations

from sitroom.contract import (
    Claim,
    Contradiction,
    ControlChange,
    Document,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Rejected,
    Reuse,
    Situation,
    Story,
    SummarySentence,
    TimelineDay,
)

DOC_A = (
    "Militants overran the northern town of Tal Afar on Sunday after two days of fighting, residents said.\n\n"
    "At least 28 soldiers were killed in the clashes, a provincial official told reporters.\n\n"
    "\u201cWe will take back every village,\u201d said army spokesman Ali Hamdan.\n\n"
    "Kurdish forces now control the city of Kirkuk, according to a regional commander."
)
DOC_B = (
    "Government troops said on Monday they had retaken Tal Afar, a claim the militants denied.\n\n"
    "More than 40 soldiers died in the battle for the town, a security source who asked not to be named said.\n\n"
    "An airstrike hit a convoy near Mosul late on Monday, the defence ministry said."
)


def _ev(doc_id: str, text: str, sentence: int, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(doc=doc_id, sentence=sentence, start=start, end=start + len(needle), text=needle)


def _para(text: str, i: int) -> str:
    return text.split("\n\n")[i]


def make_situation(extra_docs: list[Document] | None = None) -> Situation:
    a, b = "doc-a", "doc-b"
    ev_a = [_ev(a, DOC_A, i, _para(DOC_A, i)) for i in range(4)]
    ev_b = [_ev(b, DOC_B, i, _para(DOC_B, i)) for i in range(3)]
    places = [
        Place(id="p-talafar", name="Tal Afar", lat=36.377, lon=42.449, country="IQ", admin1="Nineveh", feature="city",
              precision="city", evidence=[ev_a[0]]),
        Place(id="p-kirkuk", name="Kirkuk", lat=35.468, lon=44.392, country="IQ", admin1="Kirkuk", feature="city",
              precision="city", evidence=[ev_a[3]]),
        Place(id="p-mosul", name="Mosul", lat=36.335, lon=43.119, country="IQ", admin1="Nineveh", feature="city",
              precision="city", evidence=[ev_b[2]]),
    ]
    entities = [
        Entity(id="e-militants", name="militants", type="ORG"),
        Entity(id="e-army", name="Iraqi army", type="ORG"),
        Entity(id="e-kurds", name="Kurdish forces", type="ORG"),
        Entity(id="e-hamdan", name="Ali Hamdan", type="PERSON", roles=["army spokesman"]),
    ]
    events = [
        Event(id="ev-battle", type="Battles", subtype="Armed clash", date="2014-06-15", date_precision="day",
              actors=["e-militants", "e-army"], place="p-talafar", fatalities=28, summary="Militants overran Tal Afar",
              sources=2, documents=[a, b], evidence=[ev_a[0], ev_a[1]]),
        Event(id="ev-strike", type="Explosions/Remote violence", subtype="Air/drone strike", date="2014-06-16",
              date_precision="day", actors=["e-army"], place="p-mosul", summary="Airstrike on a convoy near Mosul",
              documents=[b], evidence=[ev_b[2]]),
    ]
    control = [
        ControlChange(id="c-1", place="p-talafar", actor="e-militants", change="captured", date="2014-06-15", evidence=[ev_a[0]]),
        ControlChange(id="c-2", place="p-talafar", actor="e-army", change="retook", date="2014-06-16", status="disputed",
                      evidence=[ev_b[0]]),
        ControlChange(id="c-3", place="p-kirkuk", actor="e-kurds", change="holds", date="2014-06-15", evidence=[ev_a[3]]),
    ]
    claims = [
        Claim(id="cl-1", kind="killed", value=28, qualifier="at least", subject="soldiers", place="p-talafar",
              date="2014-06-15", attributed_to="a provincial official", evidence=[ev_a[1]]),
        Claim(id="cl-2", kind="killed", value=40, qualifier="more than", subject="soldiers", place="p-talafar",
              date="2014-06-16", attributed_to="a security source", anonymous_source=True, evidence=[ev_b[1]]),
    ]
    quotes = [
        Quote(id="q-1", text="We will take back every village,", speaker="e-hamdan", speaker_name="Ali Hamdan",
              speaker_role="army spokesman", date="2014-06-15", evidence=[ev_a[2]]),
    ]
    docs = [
        Document(id=a, origin="reports/a.txt", source="Example Wire", url="https://news.example.org/a", title="Militants take Tal Afar",
                 published="2014-06-15", text=DOC_A, story="s-1", reuse=[Reuse(doc=b, overlap=0.12)]),
        Document(id=b, origin="reports/b.txt", source="Daily Example", url="javascript:alert(1)", title="Army says it retook Tal Afar",
                 published="2014-06-16", published_inferred=True, text=DOC_B, story="s-1"),
    ] + list(extra_docs or [])
    story = Story(
        id="s-1", title="Fighting for Tal Afar", documents=[a, b], first_date="2014-06-15", last_date="2014-06-16",
        highlights=[SummarySentence(text="Militants overran Tal Afar; the army says it retook the town.", evidence=[ev_a[0], ev_b[0]])],
        summary=[SummarySentence(text=ev_a[0].text, evidence=[ev_a[0]]), SummarySentence(text=ev_b[2].text, evidence=[ev_b[2]])],
        timeline=[TimelineDay(date="2014-06-15", events=["ev-battle"]), TimelineDay(date="2014-06-16", events=["ev-strike"])],
    )
    contradictions = [
        Contradiction(id="x-1", topic="soldiers killed in Tal Afar", kind="numeric", a="cl-1", b="cl-2",
                      note="28 (at least) against more than 40"),
        Contradiction(id="x-2", topic="who holds Tal Afar", kind="status", a="c-1", b="c-2"),
    ]
    return Situation(
        documents=docs, entities=entities, places=places, quotes=quotes, claims=claims, events=events, control=control,
        contradictions=contradictions, stories=[story],
        rejected=[Rejected(origin="reports/broken.bin", reason="[S003] looks binary", code="S003")],
    )


# Markup an attacker could plant in an article: none of it may run in the report or the web room.
HOSTILE = (
    'Officials said </script><script>window.pwned=1</script> nothing. '
    '<img src=x onerror="window.pwned=2"> <a href="javascript:window.pwned=3">click</a> <!-- ]]>'
)


def hostile_situation() -> Situation:
    sit = make_situation()
    doc = Document(id="doc-h", origin="<script>x</script>.txt", title=HOSTILE, source=HOSTILE, url="javascript:alert(1)",
                   text=HOSTILE, authors=[HOSTILE])
    sit.documents.append(doc)
    ev = Evidence(doc="doc-h", sentence=0, start=0, end=len(HOSTILE), text=HOSTILE)
    sit.quotes.append(Quote(id="q-h", text=HOSTILE, speaker_name=HOSTILE, speaker_role=HOSTILE, evidence=[ev]))
    sit.stories[0].title = HOSTILE
    sit.events[0].summary = HOSTILE
    sit.claims[0].attributed_to = HOSTILE
    sit.places[0].name = HOSTILE
    return sit
