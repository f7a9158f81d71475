"""Two dates found apart that are one. Joined by a word of range, one interval: "năm 2022
đến nay" (to the document date), "tháng 1/2023 đến tháng 8/2024", "ngày 1/6 đến hết tháng
7" (through its last day), "7h đến 11h". A clock time written just before a day, that day's
time: "22 giờ thứ Sáu (20/11)", "15 giờ thứ Sáu tuần này". The grammar's own rules read the
shapes whose parts share words ("ngày 5 đến ngày 11 tháng 6", "năm 1946–1954", "8h ngày
1/7"); these passes join what it found as two, after each was resolved (so "nay", a weekday
and a yearless first date can take their values).

The joining words are data (`range_joiner` and `range_through` of models/temporal/<lang>/lists).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..records import Timex
from .values import granularity_of, range_of, shift

JOINABLE = frozenset({"DATE", "TIME"})
NOW = "PRESENT_REF"
_STATED_DAY = re.compile(r" ?\((?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?\)")
STATED_DAYS = 7  # how far a parenthesised date may be from the day it is written after
NEWS_DAYS = 7  # how far before the document date a named day may be the report's "now"


@dataclass(frozen=True)
class RangeWords:
    """What joining reads of the grammar: the joining words, the words that run an interval
    through its second date, the rules whose clock times take their day from the context, and
    the rules of weekdays counted from it."""
    joiners: frozenset[str]
    through: frozenset[str]
    clock_rules: frozenset[str]
    weekday_rules: frozenset[str] = frozenset()
    named_week_rules: frozenset[str] = frozenset()  # a weekday of a named week: "Chủ nhật tuần rồi"
    pair_joiners: frozenset[str] = frozenset()  # "và", "với": two weekdays told as a pair of days


def join_ranges(timexes: list[Timex], text: str, dct: str | None, words: RangeWords) -> list[Timex]:
    """The timexes with each pair that a joining word alone separates made one interval
    (the first's id, span from the first's start to the second's end), the rest renumbered in
    order and their anchors moved with them."""
    def join(i: int, first: Timex, second: Timex) -> Timex | None:
        now = _present(timexes[:i], dct) if second.value == NOW else dct
        return _interval(first, second, text, now, words) or _weekday_pair(first, second, text, words)
    return _joined_pairs(timexes, join)


def join_clock_days(timexes: list[Timex], text: str, words: RangeWords) -> list[Timex]:
    """The timexes with each clock time that took its day from the context (a clock rule's)
    and is followed at once, a space or a comma between, by a single day made one time of
    that day: "22 giờ thứ Sáu (20/11)" is 2026-11-20T22:00, not 22:00 of the report's day."""
    def join(i: int, first: Timex, second: Timex) -> Timex | None:
        if first.rule_id not in words.clock_rules or "T" not in (first.value or "") or not _a_day(second):
            return None
        if text[first.end:second.start].strip(" ,") or "\n" in text[first.end:second.start]:
            return None
        value = second.range[0] + first.value[first.value.index("T"):]
        return replace(first, text=text[first.start:second.end], end=second.end, value=value, type="TIME",
                       granularity=granularity_of(value), range=second.range,
                       anchor=second.anchor, rule_id=f"{first.rule_id}+{second.rule_id}")
    return _joined_pairs(timexes, join)


def with_stated_days(timexes: list[Timex], text: str) -> list[Timex]:
    """Each single day or time of a day followed at once by its date in parentheses ("thứ
    Sáu tuần này (24/3)", "15 giờ thứ Sáu (20/11)", "hôm qua (19/3)") with the parentheses in
    its span and the day they state: the figures decide over a weekday or a word counted from
    the context, when they are within STATED_DAYS of it (not a score: "hôm qua (3-1)"). A
    date whose parentheses a timex of its own took is left as it is."""
    starts = {t.start for t in timexes}
    out = []
    for t in timexes:
        m = _STATED_DAY.match(text, t.end)
        day = _stated(t, m) if m and not any(m.start() < s < m.end() for s in starts) else None
        out.append(replace(t, text=text[t.start:m.end()], end=m.end(), value=day + t.value[10:],
                           range=(day, day)) if day else t)
    return out


def _stated(timex: Timex, m) -> str | None:
    """The day a parenthesised "(d/m)" or "(d/m/y)" states for a timex of one day (its year
    from the figures, else the timex's), or None when the timex is no single day."""
    if timex.type not in JOINABLE or not timex.range or timex.range[0] != timex.range[1]:
        return None
    if not timex.value or timex.value[:10] != timex.range[0]:
        return None
    year = int(m["y"]) if m["y"] else int(timex.range[0][:4])
    try:
        stated = date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    # a day's own date is within a week of the day read ("thứ Năm (20/11)"); a score is not
    near = abs((stated - date.fromisoformat(timex.range[0])).days) <= STATED_DAYS
    return stated.isoformat() if near else None


def _a_day(timex: Timex) -> bool:
    """A date of one calendar day with no time of its own."""
    return (timex.type == "DATE" and timex.range is not None and timex.range[0] == timex.range[1]
            and timex.value == timex.range[0])


def _joined_pairs(timexes: list[Timex], join) -> list[Timex]:
    """The timexes with each neighbouring pair that `join(i, first, second)` makes one
    replaced by what it returns (keeping the first's id), renumbered when any was joined."""
    out: list[Timex] = []
    gone: dict[str, str] = {}  # id of a second date -> id of the timex it joined
    i = 0
    while i < len(timexes):
        first = timexes[i]
        joined = join(i, first, timexes[i + 1]) if i + 1 < len(timexes) else None
        out.append(joined or first)
        if joined:
            gone[timexes[i + 1].id] = first.id
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
    end_value, end_day = _end(second, now, run_through)
    if range_of(start_value) and end_day:
        start_value, end_value, end_day = _in_weeks(first, second, start_value, end_value, end_day, words)
    start_range = range_of(start_value)
    if end_value is None or start_range is None or start_value.startswith(("-", "BC")) or end_day < start_range[0]:
        return None
    return _spanning(first, second, text, start_value, end_value, (start_range[0], end_day),
                     "TIME" if first.type == second.type == "TIME" else "DATE")


def _spanning(first: Timex, second: Timex, text: str, start_value: str, end_value: str,
              days: tuple[str, str], kind: str) -> Timex:
    """The interval from `start_value` to `end_value` as one timex over the text of both
    (the first's id), covering `days`."""
    value = f"{start_value}/{end_value}"
    return replace(first, text=text[first.start:second.end], end=second.end, value=value, type=kind,
                   granularity=granularity_of(value), range=days,
                   anchor=first.anchor or second.anchor, mod=None, rule_id=f"{first.rule_id}+{second.rule_id}")


def _weekday_pair(first: Timex, second: Timex, text: str, words: RangeWords) -> Timex | None:
    """Two weekdays joined by a word of `pair_joiners` alone whose days follow one another
    ("thứ Tư và thứ Năm tuần này", "thứ Ba với thứ Tư"): one interval of the two days, the
    first (a weekday its text places in no week) taken in the week of the second; None for
    any other pair ("thứ Hai và thứ Năm" stay two days)."""
    if text[first.end:second.start].strip().lower() not in words.pair_joiners:
        return None
    if not _bare_weekday(first, words) or second.rule_id.split("+")[-1] not in words.weekday_rules:
        return None
    if len(first.value or "") != 10 or len(second.value or "") != 10 or not second.range:
        return None
    end = date.fromisoformat(second.value)
    start = end - timedelta(days=1)
    if date.fromisoformat(first.value).weekday() != start.weekday():
        return None
    return _spanning(first, second, text, start.isoformat(), second.value, (start.isoformat(), second.value), "DATE")


def _in_weeks(first: Timex, second: Timex, start_value: str, end_value: str, end_day: str,
              words: RangeWords) -> tuple[str, str, str]:
    """(start value, end value, end day) of an interval of weekdays put in their weeks: a bare
    weekday before one of a named week is the last of its days on or before it ("từ thứ Năm
    tới sáng Chủ nhật tuần rồi", "từ thứ Hai tới thứ Tư tuần sau"); a weekday end before its
    start is the first of its days on or after it ("từ thứ Sáu (20/11) đến Chủ nhật")."""
    end_rule = second.rule_id.split("+")[-1]
    if _bare_weekday(first, words) and end_rule in words.named_week_rules:
        return _weeks_to(start_value, end_day, later=False), end_value, end_day
    start = range_of(start_value)[0]
    if end_day < start and end_rule in words.weekday_rules:
        return start_value, _weeks_to(end_value, start, later=True), _weeks_to(end_day, start, later=True)
    return start_value, end_value, end_day


def _bare_weekday(t: Timex, words: RangeWords) -> bool:
    """Whether a timex is a weekday its text places in no week ("thứ Năm", "tối thứ Bảy")."""
    rule = t.rule_id.split("+")[-1]
    return rule in words.weekday_rules and rule not in words.named_week_rules


def _weeks_to(value: str, bound: str, later: bool) -> str:
    """A weekday's value moved by whole weeks to the first of its weekdays on or after `bound`
    (`later`: "từ thứ Sáu (20/11) đến Chủ nhật", the Sunday after that Friday), or to the last
    on or before it ("từ thứ Hai tới thứ Tư tuần sau", the Monday of that week)."""
    day = date.fromisoformat(value[:10])
    gap = (date.fromisoformat(bound) - day).days
    weeks = -(-gap // 7) if later else gap // 7  # whole weeks, rounded toward the bound's side
    return (day + timedelta(weeks=weeks)).isoformat() + value[10:]


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
