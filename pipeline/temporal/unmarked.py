"""Text typed without tone marks or diacritics (chat, SMS, forums: "tuan truoc minh di Da
Lat", "thang 10 nam ngoai"). Such a document is told by its letters: almost none is marked,
and several of the common words of lists/unmarked.txt occur. The grammar is then matched in
a form folded the same way (every pattern, word list and table without its marks, "tuần
trước" -> "tuan truoc"), look-alike rules included; text with marks is read as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

import regex

from ..io.normalize import strip_marks
from .rules import PATTERN_FLAGS, LazyPattern, TemporalResources

MARKED_SHARE = 0.01  # at most this share of the letters marked
MIN_LETTERS = 20
MIN_CUES = 3  # distinct common words, at least
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_MARKED_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter outside ASCII: "ă", "ệ", "đ"


def is_unmarked(text: str, cues: frozenset[str]) -> bool:
    """Whether a text is Vietnamese typed without its marks: enough letters, almost none
    marked, and MIN_CUES of the common words `cues` among its words."""
    marked = len(_MARKED_LETTER.findall(text))
    if marked > MARKED_SHARE * len(text):  # too many for any count of letters: text with its marks
        return False
    letters = len(_LETTER.findall(text))
    if letters < MIN_LETTERS or marked > MARKED_SHARE * letters:
        return False
    words = {w.lower() for w in _WORD.findall(text)}
    return len(words & cues) >= MIN_CUES


def folded_resources(res: TemporalResources) -> TemporalResources:
    """The grammar with every pattern, word list and table key folded. A pattern that no
    longer compiles is left out. The prefilter is worked out again from the folded patterns."""
    rules = []
    for rule in res.rules:
        pattern = LazyPattern(strip_marks(rule.regex.pattern), PATTERN_FLAGS)
        try:
            pattern.compiled()
        except regex.error:  # a folded range that is no longer one
            continue
        rules.append(replace(rule, regex=pattern))
    tables = {name: _folded_table(table) for name, table in res.tables.items()}
    lists = {name: [strip_marks(item) for item in items] for name, items in res.lists.items()}
    return TemporalResources(lists=lists, tables=tables, rules=rules, prefilter=None, reach=0)


def _folded_table(table: dict[str, str]) -> dict[str, str]:
    """A table's keys folded; of two keys that fold alike the first is kept."""
    out: dict[str, str] = {}
    for key, value in table.items():
        out.setdefault(strip_marks(key), value)
    return out
