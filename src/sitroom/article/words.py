"""The English words news writes dates and numbers with: months, weekdays, number words.

One home for the lists that the boilerplate model (date stamps), the dates stage
(weekday and month-day cues), the time extractor, the number reader and the place
filter all read. It lives in `article/`, the lowest layer among its readers, so that
every one of them may import it.
"""

from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
# Abbreviations as printed in stamps and datelines ("Sept. 5", "Jun 13"); May has none.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# lower-cased name or abbreviation -> month number (1-12): "january", "jan", "sept" -> ...
MONTHS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)},
    **{abbr.lower(): n for abbr in MONTH_ABBREVIATIONS for n, name in enumerate(MONTH_NAMES, 1)
       if name.startswith(abbr)},
}
# lower-cased weekday -> Python's weekday number (Monday 0)
WEEKDAYS: dict[str, int] = {name.lower(): n for n, name in enumerate(WEEKDAY_NAMES)}

# Number words up to ninety, and the scales that multiply them.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                               "trillion": 1_000_000_000_000}
