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
    return _date_granularity(value.split("-"))


def _date_granularity(parts: list[str]) -> str | None:
    """The granularity of a date without a time: "19", "196", "1975", "1975-SU", "1975-Q2",
    "1975-W12" (or its weekend, "-WE"), "1975-W12-3", "1975-04", "1975-04-30"."""
    if len(parts) == 1:
        return {2: "century", 3: "decade", 4: "year"}.get(len(parts[0]))
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
        return _interval_range(value)
    value = value.split("T", 1)[0]
    if value.startswith("BC"):
        return _bc_range(value[2:])
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    if len(parts) == 1:
        return _years_range(parts[0])
    return _within_year_range(int(parts[0]), parts)


def _interval_range(value: str) -> tuple[str, str] | None:
    """An interval ("1940-08/1945-09"): from the first day of its start to the last of its end."""
    a, b = value.split("/", 1)
    ra, rb = range_of(a), range_of(b)
    return (ra[0], rb[1]) if ra and rb else None


def _bc_range(digits: str) -> tuple[str, str] | None:
    """A year or a century BC (the digits after "BC"), in astronomical years."""
    if not digits.isdigit():
        return None  # BC months and days: no proleptic calendar here
    if len(digits) >= 4:  # BC0208 = astronomical year -207; BC11000 (prehistory) alike
        y = 1 - int(digits)
        return (f"{_year_str(y)}-01-01", f"{_year_str(y)}-12-31")
    if len(digits) == 2:  # BC05 = the 6th century BC, 600-501 BC = years -599..-500
        c = int(digits)
        return (f"{_year_str(-100 * c - 99)}-01-01", f"{_year_str(-100 * c)}-12-31")
    return None


def _years_range(head: str) -> tuple[str, str]:
    """A century ("19"), a decade ("196") or a year ("1975")."""
    if len(head) == 2:
        c = int(head) * 100
        return (f"{c:04d}-01-01", f"{c + 99:04d}-12-31")
    if len(head) == 3:
        d = int(head) * 10
        return (f"{d:04d}-01-01", f"{d + 9:04d}-12-31")
    return (f"{head}-01-01", f"{head}-12-31")


def _within_year_range(y: int, parts: list[str]) -> tuple[str, str] | None:
    """A part of year y: a season, a quarter, an ISO week (or a day or the weekend of it),
    a month or a day."""
    second = parts[1]
    if second in SEASON_MONTHS:
        return _season_range(y, second)
    if second.startswith("Q") and second[1:].isdigit():
        return _quarter_range(y, int(second[1:]))
    if second.startswith("W") and second[1:].isdigit():
        return _week_range(y, int(second[1:]), parts)
    return _month_or_day_range(y, parts)


def _season_range(y: int, season: str) -> tuple[str, str]:
    """A season ("1975-WI"); winter ends in the next year's February."""
    m0, m1 = SEASON_MONTHS[season]
    y1 = y + 1 if m1 < m0 else y
    return (f"{y:04d}-{m0:02d}-01", f"{y1:04d}-{m1:02d}-{calendar.monthrange(y1, m1)[1]:02d}")


def _quarter_range(y: int, q: int) -> tuple[str, str]:
    """A quarter ("1975-Q2"): its three months."""
    m0, m1 = 3 * q - 2, 3 * q
    return (f"{y:04d}-{m0:02d}-01", f"{y:04d}-{m1:02d}-{calendar.monthrange(y, m1)[1]:02d}")


def _week_range(y: int, week: int, parts: list[str]) -> tuple[str, str]:
    """An ISO week ("1975-W12"), its weekend ("1975-W12-WE") or one of its days ("1975-W12-3")."""
    start = date.fromisocalendar(y, week, 1)
    if len(parts) == 3 and parts[2] == "WE":  # the weekend: Saturday and Sunday
        return ((start + timedelta(days=5)).isoformat(), (start + timedelta(days=6)).isoformat())
    if len(parts) == 3 and parts[2].isdigit():
        start = date.fromisocalendar(y, week, int(parts[2]))
        return (start.isoformat(), start.isoformat())
    return (start.isoformat(), (start + timedelta(days=6)).isoformat())


def _month_or_day_range(y: int, parts: list[str]) -> tuple[str, str] | None:
    """A month ("1975-04") or a day ("1975-04-30")."""
    second = parts[1]
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


# years in a step of each unit written as years: Y "1975", DE a decade "196", CE a century "18"
_YEAR_STEPS = {"Y": 1, "DE": 10, "CE": 100}
_CLOCK_MINUTES = {"H": 60, "MIN": 1}
_DAY_MINUTES = 24 * 60
# the last year a value may have: four-digit years only
_MAX_YEAR = 9999


def shift(value: str, unit: str, n: int) -> str | None:
    """Shift an absolute value by n units, written at that unit's precision."""
    if unit in _CLOCK_MINUTES:
        return _shift_clock(value, unit, n)
    parts = _shift_base(value, n)
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    y = int(parts[0])
    if unit in _YEAR_STEPS:
        return _shift_years(y, unit, n)
    if unit == "Q" and len(parts) >= 2 and (parts[1].isdigit() or parts[1][:1] == "Q"):
        return _shift_quarter(y, parts[1], n)
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    m = int(parts[1])
    if unit == "M":
        return _shift_month(y, m, n)
    if len(parts) < 3 or not parts[2].isdigit():
        return None
    return _shift_day(y, m, parts[2], unit, n)


def _shift_clock(value: str, unit: str, n: int) -> str | None:
    """A shift by hours (H) or minutes (MIN): of a clock time, the clock time moved ("10 phút
    sau" 14:00 is 14:10); of a day with no clock, the day the shift falls in counted in whole
    days (minutes after a day's event are that day)."""
    day, _, clock = _shift_end(value, n).partition("T")
    minutes = n * _CLOCK_MINUTES[unit]
    try:
        d = date.fromisoformat(day)
        if len(clock) == 5 and clock[2] == ":" and clock.replace(":", "").isdigit():
            total = int(clock[:2]) * 60 + int(clock[3:]) + minutes
            moved = d + timedelta(days=total // _DAY_MINUTES)
            return f"{moved.isoformat()}T{total % _DAY_MINUTES // 60:02d}:{total % 60:02d}"
        return (d + timedelta(days=int(minutes / _DAY_MINUTES))).isoformat()
    except (ValueError, OverflowError):
        return None


def _shift_base(value: str, n: int) -> list[str]:
    """The date parts a shift starts from: of an interval, its start going back and its end
    going forward; the time of day dropped."""
    return _shift_end(value, n).split("T", 1)[0].split("-")


def _shift_end(value: str, n: int) -> str:
    """The end of a value a shift by n starts from: of an interval, its start going back and
    its end going forward; else the value."""
    return value.split("/", 1)[1 if n > 0 else 0] if "/" in value else value


def _shift_years(y: int, unit: str, n: int) -> str | None:
    """A shift by years (Y), decades (DE) or centuries (CE), written as a year ("1976"),
    a decade ("196") or a century ("18")."""
    moved = y + _YEAR_STEPS[unit] * n
    if unit == "Y":
        return f"{moved:04d}" if 0 < moved <= _MAX_YEAR else None
    if unit == "DE":
        return f"{moved // 10:03d}" if 0 <= moved <= _MAX_YEAR else None
    return f"{moved // 100:02d}" if 0 <= moved <= _MAX_YEAR else None


def _shift_quarter(y: int, second: str, n: int) -> str | None:
    """A shift by quarters of a quarter ("Q2") or of a month ("04"), written as a quarter."""
    q = int(second[1:]) - 1 if second[:1] == "Q" else (int(second) - 1) // 3
    total = y * 4 + q + n
    return f"{total // 4:04d}-Q{total % 4 + 1}" if 0 < total // 4 <= _MAX_YEAR and 0 <= q < 4 else None


def _shift_month(y: int, m: int, n: int) -> str | None:
    """A shift by months, written as a month."""
    total = y * 12 + (m - 1) + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}" if 0 < total // 12 <= _MAX_YEAR else None


def _shift_day(y: int, m: int, day: str, unit: str, n: int) -> str | None:
    """A shift of a day by days (D), written as a day, or by weeks (W), written as an ISO week."""
    try:
        d = date(y, m, int(day))
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
            "D": ("day", "part_of_day", "time"),
            "H": ("day", "part_of_day", "time"), "MIN": ("day", "part_of_day", "time")}
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


def weekday_of(day: str) -> int | None:
    """The ISO weekday (Monday 1) of a value's day, None when it names no day."""
    try:
        return date.fromisoformat(day[:10]).isoweekday()
    except ValueError:
        return None


def weekday_in_week(anchor_day: str, weekday: int) -> str | None:
    return _weekday_from(anchor_day, weekday, forward=False)


def next_weekday(anchor_day: str, weekday: int) -> str | None:
    return _weekday_from(anchor_day, weekday, forward=True)
