"""Dates listed together in a sentence ("năm 1992 và năm 1997", "các năm 1978, 1979 và
1980"): one date of the events they belong to, the interval from the first to the last
(GUIDELINE.md, section 6). timing.py reads a sentence's dates through join_listed."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListedDates:
    """Dates listed together ("năm 1992 và năm 1997", "năm 1598 và 1655"): one date of the
    events they belong to, the interval from the first to the last (the contract writes
    "ngày 24 và 25 tháng 10" so), from the first one's timex."""
    id: str
    value: str
    granularity: str
    range: tuple[str, str]
    start: int  # of the first date's text
    end: int  # of the last date's text


def join_listed(spots: list, toks, triggers: list, joins: frozenset[str], fold, clause: list[int]) -> list:
    """The spots with each run of listed dates of one granularity made one (ListedDates): dates
    with only commas and the words of `joins` ("và") between them, at least one such word;
    not when events of the run's clause stand both before and after it, where the last date
    may open a clause of its own ("xâm chiếm vào năm 637 và năm 762 Khalif được chuyển ...");
    an event after a semicolon is another clause's ("lọt vào ... các năm 1978, 1979 và 1980;
    trong đó ...")."""
    out, run, worded = [], [], False
    for spot in spots + [None]:
        joint = _joint(run[-1], spot, toks, joins, fold) if run and spot is not None else None
        if joint is not None:
            run.append(spot)
            worded = worded or joint
            continue
        out.extend(_one_date(run, [t for t in triggers if clause[t.i] == clause[run[0][1]]])
                   if len(run) > 1 and worded else run)
        run, worded = ([spot] if spot is not None else []), False
    return out


def _joint(a, b, toks, joins: frozenset[str], fold) -> bool | None:
    """How two spots are listed: None when they are not (other words between them, or dates
    that cannot share a list), False by commas alone, True with a word of `joins`."""
    gap = [fold(t.text) for t in toks[a[2] + 1:b[1]]]
    words = [w for w in gap if w != ","]
    if not gap or not all(w in joins for w in words) or not _listable(a[0], b[0]):
        return None
    return bool(words)


def _one_date(run: list, triggers: list) -> list:
    """A run of listed dates as one spot, unless events stand both before and after it."""
    if any(t.j < run[0][1] for t in triggers) and any(t.i > run[-1][2] for t in triggers):
        return run
    first, last = run[0][0], run[-1][0]
    joined = ListedDates(first.id, f"{first.value}/{last.value}", first.granularity, (first.range[0], last.range[1]),
                     first.start, last.end)
    return [(joined, run[0][1], run[-1][2])]


def _listable(a, b) -> bool:
    """Whether two dates may stand in one list: the same granularity, each a single date
    (no interval), the second later."""
    return (a.granularity == b.granularity and "/" not in a.value and "/" not in b.value
            and a.range and b.range and a.range[1] < b.range[0])
