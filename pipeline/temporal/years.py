"""The year of a date the text gives without one, checked against what else the text and
the document date say: at the turn of the year ("ngày 28/12" in a post of 14 January is the
December just gone), by the weekday it is named with ("Thứ Năm 23/3"); and the calendar
checks every filled value passes (anchoring.py fills them)."""
from __future__ import annotations

from datetime import date

from .grammar import Candidate
from .values import range_of, valid_day

MAX_YEAR = 9999  # four-digit years only: a value past it would not sort or parse
NEAR_DAYS, FAR_DAYS = 92, 183  # a yearless date at the turn of the year (nearest_year)


def year_near_dct(c: Candidate, year: int, anchor: str | None, dct: str | None) -> tuple[int, str | None]:
    """A Gregorian date's year checked against the document date: at the turn of the year
    (nearest_year), and by the weekday it is named with (year_of_weekday)."""
    if anchor == "DCT" and not c.relative:
        return nearest_year(c.value, year, dct), anchor
    if anchor != "DCT" and "weekday" in c.groups:
        return year_of_weekday(c.value, int(c.groups["weekday"]), year, anchor, dct)
    return year, anchor


def year_of_weekday(template: str, weekday: int, year: int, anchor: str | None,
                     dct: str | None) -> tuple[int, str | None]:
    """The year of a day named with its weekday ("Thứ Năm 23/3"): the narrative's when the
    day falls on that weekday there; else the document's year, or the one before it, when
    it falls on it there (a post of May 2028 that told of a house built in 1987 before
    "Thứ Năm 23/3": 23 March 2028 is a Thursday, 1987's a Monday); without a document
    date, the year after the narrative's or the one before ("Tháng 3 năm 1940 ... Thứ Ba
    ngày 16 tháng 12": 1941, when the 16th was a Tuesday)."""
    def falls(y: int) -> bool:
        day = template.replace("XXXX", f"{y:04d}")
        if len(day) != 10 or not valid(day):
            return False
        return date.fromisoformat(day).isoweekday() == weekday
    if falls(year):
        return year, anchor
    if not dct:
        return next((y for y in (year + 1, year - 1) if falls(y)), year), anchor
    if dct[:4].isdigit():
        for other in (int(dct[:4]), int(dct[:4]) - 1):
            if falls(other):
                return other, "DCT"
    return year, anchor


def nearest_year(template: str, year: int, dct: str) -> int:
    """The year for a day or month named without one, around the turn of the year: in a
    post of 14 January, "ngày 30/11" and "tháng 12" are the weeks just gone, not the end of
    the year to come; in one of 20 December, "ngày 5/1" is the coming January. Another
    year than the document's only when its date lies within three months of the document
    date and the document year's more than six months from it."""
    if len(dct) < 10:
        return year
    day = date.fromisoformat(dct[:10])

    def distance(y: int) -> int | None:
        span = range_of(wrap_year(template.replace("XXXX", f"{y:04d}")) or "")
        if not span:
            return None
        first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
        return 0 if first <= day <= last else min(abs((first - day).days), abs((last - day).days))

    own = distance(year)
    if own is None or own <= FAR_DAYS:
        return year
    for other in (year - 1, year + 1):
        gap = distance(other)
        if gap is not None and gap <= NEAR_DAYS:
            return other
    return year


def wrap_year(value: str) -> str | None:
    """An interval given without years that ends before it starts runs into the next
    year: "tháng 10 đến tháng 2" is 2008-10/2009-02."""
    if "/" not in value:
        return value
    a, b = value.split("/", 1)
    if len(a) == len(b) and a[:4] == b[:4] and a[:4].isdigit() and b < a:
        if int(b[:4]) + 1 > MAX_YEAR:
            return None
        b = f"{int(b[:4]) + 1:04d}{b[4:]}"
    return f"{a}/{b}"


def valid(value: str) -> bool:
    for part in value.split("/"):
        head = part.split("T", 1)[0].split("-")
        if len(head) == 3 and all(p.isdigit() for p in head):
            if not valid_day(int(head[0]), int(head[1]), int(head[2])):
                return False
        if len(head) >= 2 and head[1].isdigit() and not 1 <= int(head[1]) <= 12:
            return False
    return True
