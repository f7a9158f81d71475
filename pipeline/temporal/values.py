"""TIMEX3 values: granularity and calendar range of a value, and calendar arithmetic.

Values are written only at the precision the text gives ("1975", "1940-08",
"2024-03-14"); nothing here invents a day or a month.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
POD_CODES = ("MO", "MI", "AF", "EV", "NI", "DT")
REF_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


def _is_int(s: str) -> bool:
    return s.isdigit()


def granularity_of(value: str | None) -> str | None:
    if not value or value in REF_VALUES or value.startswith("P"):
        return None
    if "/" in value:
        return granularity_of(value.split("/", 1)[0])
    if value.startswith("BC"):
        value = value[2:]
        if value.isdigit() and len(value) > 4:
            return "year"  # BC11000
    if "T" in value:
        tail = value.split("T", 1)[1]
        return "part_of_day" if tail in POD_CODES else "time"
    parts = value.split("-")
    head = parts[0]
    if len(parts) == 1:
        return {2: "century", 3: "decade", 4: "year"}.get(len(head))
    second = parts[1]
    if second in SEASON_MONTHS:
        return "season"
    if second.startswith("Q"):
        return "quarter"
    if second.startswith("W"):
        return "week" if len(parts) == 2 or parts[2] == "WE" else "day"
    return "month" if len(parts) == 2 else "day"


_DURATION_GRANULARITY = {"CE": "century", "DE": "decade", "Y": "year", "Q": "quarter", "M": "month",
                         "W": "week", "D": "day", "H": "time", "MIN": "time", "S": "time"}


def duration_granularity(value: str | None) -> str | None:
    """The unit of a TIMEX3 duration or set value: P13D -> day, PT5H -> time, PXDE -> decade."""
    if not value or not value.startswith("P"):
        return None
    if value.startswith("PT"):
        return "time"
    unit = value.lstrip("P0123456789X.")
    return _DURATION_GRANULARITY.get(unit)


def _year_str(y: int) -> str:
    return f"{y:04d}" if y >= 0 else f"-{-y:04d}"


def range_of(value: str | None) -> tuple[str, str] | None:
    """First and last calendar day covered by a value; None when it names no calendar span."""
    if not value or value in REF_VALUES or value.startswith("P") or "X" in value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        ra, rb = range_of(a), range_of(b)
        return (ra[0], rb[1]) if ra and rb else None
    value = value.split("T", 1)[0]
    if value.startswith("BC"):
        digits = value[2:]
        if not digits.isdigit():
            return None  # BC months and days: no proleptic calendar here
        if len(digits) >= 4:  # BC0208 = astronomical year -207; BC11000 (prehistory) alike
            y = 1 - int(digits)
            return (f"{_year_str(y)}-01-01", f"{_year_str(y)}-12-31")
        if len(digits) == 2:  # BC05 = the 6th century BC, 600-501 BC = years -599..-500
            c = int(digits)
            return (f"{_year_str(-100 * c - 99)}-01-01", f"{_year_str(-100 * c)}-12-31")
        return None
    parts = value.split("-")
    head = parts[0]
    if not _is_int(head):
        return None
    if len(parts) == 1:
        if len(head) == 2:
            c = int(head) * 100
            return (f"{c:04d}-01-01", f"{c + 99:04d}-12-31")
        if len(head) == 3:
            d = int(head) * 10
            return (f"{d:04d}-01-01", f"{d + 9:04d}-12-31")
        return (f"{head}-01-01", f"{head}-12-31")
    y = int(head)
    second = parts[1]
    if second in SEASON_MONTHS:
        m0, m1 = SEASON_MONTHS[second]
        y1 = y + 1 if m1 < m0 else y
        return (f"{y:04d}-{m0:02d}-01", f"{y1:04d}-{m1:02d}-{calendar.monthrange(y1, m1)[1]:02d}")
    if second.startswith("Q") and second[1:].isdigit():
        q = int(second[1:])
        m0, m1 = 3 * q - 2, 3 * q
        return (f"{y:04d}-{m0:02d}-01", f"{y:04d}-{m1:02d}-{calendar.monthrange(y, m1)[1]:02d}")
    if second.startswith("W") and second[1:].isdigit():
        start = date.fromisocalendar(y, int(second[1:]), 1)
        if len(parts) == 3 and parts[2] == "WE":  # the weekend: Saturday and Sunday
            return ((start + timedelta(days=5)).isoformat(), (start + timedelta(days=6)).isoformat())
        if len(parts) == 3 and parts[2].isdigit():
            start = date.fromisocalendar(y, int(second[1:]), int(parts[2]))
            return (start.isoformat(), start.isoformat())
        return (start.isoformat(), (start + timedelta(days=6)).isoformat())
    if not second.isdigit():
        return None
    m = int(second)
    if not 1 <= m <= 12:
        return None
    if len(parts) == 2:
        return (f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}")
    if not parts[2].isdigit():
        return None
    d = date(y, m, int(parts[2]))
    return (d.isoformat(), d.isoformat())


def valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def shift(value: str, unit: str, n: int) -> str | None:
    """Shift an absolute value by n units, written at that unit's precision."""
    base = value.split("/", 1)[0 if n <= 0 else -1] if "/" in value else value
    if n > 0 and "/" in value:
        base = value.split("/", 1)[1]
    base = base.split("T", 1)[0]
    parts = base.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    y = int(parts[0])
    if unit == "Y":
        return f"{y + n:04d}" if 0 < y + n <= 9999 else None
    if unit == "DE":  # written as a decade: "196"
        return f"{(y + 10 * n) // 10:03d}" if 0 <= y + 10 * n <= 9999 else None
    if unit == "CE":  # written as a century: "18"
        return f"{(y + 100 * n) // 100:02d}" if 0 <= y + 100 * n <= 9999 else None
    if unit == "Q" and len(parts) >= 2 and (parts[1].isdigit() or parts[1][:1] == "Q"):
        q = int(parts[1][1:]) - 1 if parts[1][:1] == "Q" else (int(parts[1]) - 1) // 3
        total = y * 4 + q + n
        return f"{total // 4:04d}-Q{total % 4 + 1}" if 0 < total // 4 <= 9999 and 0 <= q < 4 else None
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    m = int(parts[1])
    if unit == "M":
        total = y * 12 + (m - 1) + n
        return f"{total // 12:04d}-{total % 12 + 1:02d}" if 0 < total // 12 <= 9999 else None
    if len(parts) < 3 or not parts[2].isdigit():
        return None
    try:
        d = date(y, m, int(parts[2]))
        if unit == "D":
            return (d + timedelta(days=n)).isoformat()
        if unit == "W":
            iso = (d + timedelta(weeks=n)).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}"
    except (ValueError, OverflowError):  # past the calendar's ends: unresolved
        return None
    return None


def precision_ok(value: str, unit: str) -> bool:
    """Whether an anchor value is precise enough to shift by `unit`."""
    g = granularity_of(value)
    years = ("year", "season", "quarter", "month", "week", "day", "part_of_day", "time")
    if unit == "REF":
        return True
    if unit == "PERIOD":  # a period of months, or a span of days; not a year, not a single day
        return g in ("quarter", "month", "season") or ("/" in value and g in ("week", "day"))
    need = {"Y": years, "DE": years, "CE": years, "Q": ("quarter", "month", "day", "part_of_day", "time"),
            "M": ("month", "day", "part_of_day", "time"),
            "DOM": ("month", "day", "part_of_day", "time"),  # a day of the anchor's month
            "W": ("day", "part_of_day", "time"),
            "D": ("day", "part_of_day", "time")}
    return g in need.get(unit, ())


def _weekday_from(anchor_day: str, weekday: int, forward: bool) -> str | None:
    """The day falling on `weekday` (ISO, Monday 1) in the anchor day's ISO week, or with
    `forward` the first such day on or after it; None past the calendar's ends."""
    try:
        d = date.fromisoformat(anchor_day[:10])
        days = weekday - d.isoweekday()
        return (d + timedelta(days=days % 7 if forward else days)).isoformat()
    except (ValueError, OverflowError):
        return None


def weekday_in_week(anchor_day: str, weekday: int) -> str | None:
    return _weekday_from(anchor_day, weekday, forward=False)


def next_weekday(anchor_day: str, weekday: int) -> str | None:
    return _weekday_from(anchor_day, weekday, forward=True)
