"""Outlets and wire agencies: the names one news organisation goes by.

An outlet is named in many ways across a corpus: the byline's "CNN", the page's site name
"CNN International", its host "edition.cnn.com", a copyright holder "Cable News Network".
`OUTLET_ALIASES` maps the written forms that are not the short name to it; hosts are reduced
to their registrable name ("edition.cnn.com" -> "cnn") before the lookup.
"""

from __future__ import annotations

# written form (lower case) -> the short key every other form reduces to
OUTLET_ALIASES = {
    "associated press": "ap", "the associated press": "ap", "apnews": "ap", "ap news": "ap",
    "agence france-presse": "afp", "agence france presse": "afp", "france 24": "france24",
    "thomson reuters": "reuters", "reuters news": "reuters",
    "cable news network": "cnn", "cnn international": "cnn", "cnn wire": "cnn",
    "british broadcasting corporation": "bbc", "bbc news": "bbc",
    "al jazeera english": "aljazeera", "al jazeera": "aljazeera", "al-jazeera": "aljazeera",
    "deutsche presse-agentur": "dpa", "xinhua news agency": "xinhua", "kyodo news": "kyodo",
    "united press international": "upi", "anadolu agency": "anadolu", "anadolu ajansi": "anadolu",
}

# Second-level labels of two-part public suffixes ("bbc.co.uk", "abc.net.au"): the name is one label further left.
SECOND_LEVEL_SUFFIXES = ("co", "com", "net", "org", "gov", "ac", "edu", "or", "ne")
