"""Dates in other languages quoted in Vietnamese text ("November 9, 1989", "9. November
1989", "14 juillet 1789", "March 1917"), read by dateparser.

The Vietnamese grammar does not know foreign month names, and dateparser's `search_dates`
over whole Vietnamese sentences finds many false dates, so candidates are found first by
shape: a month name of one of the configured languages (from dateparser's own language
data, never a hand list) with a year of three or four digits after it, and a day of the
month before or after the name when there is one. Month names of three letters or fewer
("May", "mai", "mar") are left out: they are Vietnamese words and names too ("hoa mai",
"Thị Mai 1985"). dateparser then reads each candidate; the value is as precise as what
the text wrote (a day only when a day was written).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MIN_NAME = 4  # shorter month names are Vietnamese words and names too
SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class ForeignDate:
    start: int
    end: int
    value: str  # YYYY-MM or YYYY-MM-DD


@lru_cache(maxsize=8)
def _names(languages: tuple[str, ...]) -> frozenset[str]:
    """The month names of the languages, lower case (dateparser's language data), kept in
    the on-disk cache: reading dateparser's data costs a start-up otherwise."""
    from importlib.metadata import version

    from .. import cache
    key = "foreign-months-" + cache.digest([Path(__file__)], version("dateparser"), *languages)
    stored = cache.read(key)
    if isinstance(stored, list) and all(isinstance(n, str) for n in stored):
        return frozenset(stored)
    from dateparser.languages import default_loader
    names = set()
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for month in MONTHS:
            names.update(n.lower() for n in info.get(month, ()) if len(n) >= MIN_NAME and n.isalpha())
    cache.write(key, sorted(names), replaces="foreign-months-")
    return frozenset(names)


@lru_cache(maxsize=8)
def _finder(languages: tuple[str, ...]):
    """An Aho-Corasick automaton of the month names: whether a text names one, in one pass."""
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for name in _names(languages):
        automaton.add_word(name, name)
    if len(automaton):
        automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8)
def _pattern(languages: tuple[str, ...]):
    names = _names(languages)
    if not names:
        return None
    month = "(?:" + "|".join(regex.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))) + ")"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
    year = r"(?P<year>\d{3,4})(?!\d)"
    return regex.compile(
        rf"(?<![\w.])(?:{day}\s+(?:of\s+|de\s+)?(?i:{month})\.?,?\s+(?:de\s+)?{year}"
        rf"|(?i:{month})\.?\s+{day},?\s+{year}"
        rf"|(?i:{month})\.?,?\s+{year})(?![\w/-])")


def foreign_dates(text: str, languages: tuple[str, ...]) -> list[ForeignDate]:
    """The foreign-language dates of a text, in reading order."""
    if not languages:
        return []
    # most texts name no foreign month: a look at their words first (the pattern costs more)
    finder = _finder(languages)
    if not len(finder) or next(finder.iter(text.lower()), None) is None:
        return []
    pattern = _pattern(languages)
    if pattern is None:
        return []
    import dateparser
    out = []
    for m in pattern.finditer(text):
        try:
            parsed = dateparser.parse(m.group(0), languages=list(languages), settings=dict(SETTINGS))
        except (ValueError, OverflowError):  # a day that does not exist ("31 February 1990")
            parsed = None
        if parsed is None or not 1 <= parsed.year <= 9999:
            continue
        value = f"{parsed.year:04d}-{parsed.month:02d}"
        if m.group("day"):
            if parsed.day != int(m.group("day")):
                continue
            value += f"-{parsed.day:02d}"
        out.append(ForeignDate(m.start(), m.end(), value))
    return out
