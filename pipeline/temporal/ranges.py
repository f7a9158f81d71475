"""Two dates joined by a word of range, one interval: "năm 2022 đến nay" (to the document
date), "tháng 1/2023 đến tháng 8/2024", "ngày 1/6 đến hết tháng 7" (through its last day),
"7h đến 11h". The grammar's own interval rules read the shapes whose parts share words
("ngày 5 đến ngày 11 tháng 6", "năm 1946–1954"); this pass joins what it found as two
dates, after each was resolved (so "nay" and a yearless first date can take their values).

The joining words are data (`range_joiner` and `range_through` of models/temporal/<lang>/lists).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..records import Timex
from .values import granularity_of, range_of, shift

JOINABLE = frozenset({"DATE", "TIME"})
NOW = "PRESENT_REF"
NEWS_DAYS = 7  # how far before the document date a named day may be the report's "now"


@dataclass(frozen=True)
class RangeWords:
    """What joining reads of the grammar: the joining words, the words that run an interval
    through its second date, and the rules whose clock times take their day from the context."""
    joiners: frozenset[str]
    through: frozenset[str]
    clock_rules: frozenset[str]


def join_ranges(timexes: list[Timex], text: str, dct: str | None, words: RangeWords) -> list[Timex]:
    """The timexes with each pair that a joining word alone separates made one interval
    (the first's id, span from the first's start to the second's end), the rest renumbered in
    order and their anchors moved with them."""
    out: list[Timex] = []
    gone: dict[str, str] = {}  # id of a second date -> id of the interval it joined
    i = 0
    while i < len(timexes):
        first = timexes[i]
        second = timexes[i + 1] if i + 1 < len(timexes) else None
        now = _present(timexes[:i], dct) if second is not None and second.value == NOW else dct
        joined = _interval(first, second, text, now, words) if second else None
        out.append(joined or first)
        if joined:
            gone[second.id] = first.id
        i += 2 if joined else 1
    return _renumbered(out, gone) if gone else out


def _interval(first: Timex, second: Timex, text: str, now: str | None, words: RangeWords) -> Timex | None:
    """The interval of two dates, or None when they are not one: a joining word alone between
    them (with a word of `through` after it), both dates or times with a calendar range, the
    second "nay" only with a day for now (`now`, _present), and no interval that ends before it
    starts."""
    run_through = _joining(text[first.end:second.start], words)
    if run_through is None or not _joinable(first) or not _joinable(second) or not first.range:
        return None
    start_value = _completed(first, second, first.rule_id in words.clock_rules)
    start_range = range_of(start_value)
    end_value, end_day = _end(second, now, run_through)
    if end_value is None or start_range is None or start_value.startswith(("-", "BC")) or end_day < start_range[0]:
        return None
    value = f"{start_value}/{end_value}"
    return replace(first, text=text[first.start:second.end], end=second.end, value=value,
                   type="TIME" if first.type == second.type == "TIME" else "DATE",
                   granularity=granularity_of(value), range=(start_range[0], end_day),
                   anchor=first.anchor or second.anchor, mod=None, rule_id=f"{first.rule_id}+{second.rule_id}")


def _present(before: list[Timex], dct: str | None) -> str | None:
    """The day "nay" (now) of a news report stands for: the latest day its story named in the
    NEWS_DAYS before the document date ("Chiều 14/10, ... ký quyết định ...: từ năm 2022
    đến nay" is told on the 14th), else the document date; None without one."""
    if not dct:
        return None
    floor = shift(dct, "D", -NEWS_DAYS) or dct
    days = [t.range[0] for t in before if t.range and t.range[0] == t.range[1] and floor <= t.range[0] <= dct]
    return max(days, default=dct)


def _joining(between: str, words: RangeWords) -> bool | None:
    """How the text between two dates joins them: None when it does not (other words), else
    whether it runs the interval through its second date ("đến hết")."""
    found = between.lower().split()
    run_through = bool(found) and found[-1] in words.through
    joint = " ".join(found[:-1] if run_through else found)
    return run_through if joint in words.joiners else None


def _joinable(timex: Timex) -> bool:
    """A date or a time that is no interval already."""
    return timex.type in JOINABLE and bool(timex.value) and "/" not in timex.value


def _completed(first: Timex, second: Timex, clock_alone: bool) -> str:
    """The first date's value, with what the second states of the parts it left open: a
    year ("ngày 1/6 đến hết tháng 7 năm 2027"), or the day of a clock time that took its day
    from the context (`clock_alone`: a clock rule's) while the second names its own ("từ 7h
    đến 11h sáng 21/11")."""
    start, end = first.value, second.value
    if start.startswith("XXXX") and end[:4].isdigit():
        return end[:4] + start[4:]
    one_day = second.range is not None and second.range[0] == second.range[1]
    if clock_alone and one_day and "T" in start:
        return second.range[0] + start[start.index("T"):]  # the clock time of the day the second names
    return start


def _end(second: Timex, now: str | None, run_through: bool) -> tuple[str | None, str]:
    """(the interval's end value, its last day): "nay" is the day `now`; "đến hết tháng 7"
    runs through the month's last day; else the second date as written."""
    if second.value == NOW:
        return (now, now) if now else (None, "")
    if not second.range or second.value.startswith(("-", "BC")):
        return None, ""
    if run_through:
        return second.range[1], second.range[1]
    return second.value, second.range[1]


def _renumbered(timexes: list[Timex], gone: dict[str, str]) -> list[Timex]:
    """Ids T1, T2, ... in order again, each anchor moved to its date's new id (an anchor on a
    date that joined an interval moves to the interval)."""
    new_id = {t.id: f"T{k}" for k, t in enumerate(timexes, 1)}
    for old, kept in gone.items():
        new_id[old] = new_id[kept]
    return [replace(t, id=new_id[t.id], anchor=new_id.get(t.anchor, t.anchor)) for t in timexes]
