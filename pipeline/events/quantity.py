"""Verbs read as events that are none by what follows them. Verbs that measure rather than
happen: "chiếm 97,9% dân số" (a share, not a capture), "mất gần 2 tháng" (time spent, not a
death), "tốn nhiều thời gian", "đạt 17,6%" (a figure reached, not an achievement); which
verbs, which words make a share, a span of time or a figure, and the words that approximate
a number are the lists `measuring`, `shares`, `share_words`, `spending`, `spans`,
`span_words`, `attaining`, `figures`, `figure_words`, `approximate` and `numbers` of `senses` in
models/events/triggers.yaml. And "làm" as taking a post only before a post: "làm giám đốc",
"làm phóng viên", not "làm cho", "làm thuê", "lập X làm thủ đô".
"""
from __future__ import annotations

from .timing import cue_at

APPROXIMATE_REACH = 2  # approximating words ("gần", "xấp xỉ") before the number
NO_POST_TAGS = frozenset({"V", "A", "P", "E"})  # underthesea's verb, adjective, pronoun, preposition


def quantity_follows(keys: list[str], texts: list[str], k: int, senses: dict, units: str, alone: str) -> bool:
    """Whether the words from k on are a quantity: a word of list `alone` of `senses` ("phần
    lớn", "nhiều thời gian"), or a number and then a word of list `units` ("97,9 %", "gần 2
    tháng"; "năm 1990" is a year, no span), past up to APPROXIMATE_REACH approximating words; a
    number written with "%" is one by itself when "%" is among `units`."""
    approximate, numbers = senses.get("approximate", frozenset()), senses.get("numbers", frozenset())
    wanted = senses.get(units, frozenset())
    for _ in range(APPROXIMATE_REACH):
        if k < len(keys) and cue_at(keys, k, approximate):
            k += 1
    if k >= len(keys):
        return False
    if cue_at(keys, k, senses.get(alone, frozenset())):
        return True
    if not (texts[k][:1].isdigit() or keys[k] in numbers):
        return False
    if "%" in texts[k] and "%" in wanted:  # "97,9%", "5,7%/năm" read as one word
        return True
    return k + 1 < len(keys) and cue_at(keys, k + 1, wanted)


def post_follows(words: list, k: int, senses: dict) -> bool:
    """Whether word k (`Word`s of features.py) may be a post one takes after "làm" ("giám
    đốc", "thái sư", "Giao Châu kinh lược sứ"): anything but a date or a number, a word that
    makes "làm" a verb of its own (`not_posts` of `senses`: "cho", "thuê", "thêm") or what one
    makes something into (`designations`: "thủ đô", "trung tâm", "bữa"), nor a verb, an
    adjective, a pronoun or a preposition in lower case, after which "làm" makes something
    happen ("làm sập một cây cầu", "làm chết 243 người", "làm mình hồi hộp") or is made of
    ("làm từ gạch"); the tagger calls some old titles verbs ("làm Thái úy")."""
    if k >= len(words) or words[k].timex or words[k].text[:1].isdigit() or (
            words[k].pos in NO_POST_TAGS and not words[k].text[:1].isupper()):
        return False
    key = " ".join(words[k].text.lower().split())
    return key not in senses.get("designations", frozenset()) and key not in senses.get("not_posts", frozenset())
