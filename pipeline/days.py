"""Calendar days as the records write them ("1962-10-14", "-0256-01-01": ISO 8601 with
astronomical years, proleptic Gregorian): the one parser of such strings, the key that
orders ranges, and the check of a document date. Every stage, writer and command uses
these, so none reads another one's internals."""
from __future__ import annotations

import calendar
from datetime import date

from .errors import ConfigError


def month_days(year: int, month: int) -> int:
    """Days in a month of any year, BC (astronomical) years included."""
    # calendar.monthrange needs a year >= 1; leap years repeat every 400 years
    return calendar.monthrange(year % 400 or 400, month)[1]


def parse_day(text) -> tuple[int, int, int] | None:
    """(year, month, day) of 'YYYY-MM-DD' (astronomical years, '-0207-01-01'); None if malformed."""
    if not isinstance(text, str):
        return None
    negative = text.startswith("-")
    parts = (text[1:] if negative else text).split("-")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        return None
    y, m, d = int(parts[0]) * (-1 if negative else 1), int(parts[1]), int(parts[2])
    if not 1 <= m <= 12 or not 1 <= d <= month_days(y, m):
        return None
    return (y, m, d)


def sort_key(value_range: tuple[str, str] | None) -> tuple:
    """A key ordering ranges by their first day, BC years included; no range sorts last."""
    if not value_range:
        return (1, 0, "")
    first = value_range[0]
    year = int(first[:-6])  # "1962-10-14" -> 1962, "-10999-01-01" -> -10999
    return (0, year, first[-5:])


def validate_dct(dct: str | None) -> str | None:
    """The document creation time as a calendar day YYYY-MM-DD: ISO as it is, else any full
    date dateparser reads ("23/11/2026", day first; "Thứ Hai, 23/11/2026 10:30 GMT+7";
    "ngày 5 tháng 3 năm 2026"; "March 5, 2026"). A relative phrase ("hôm qua") is refused: a
    run must not depend on the day it is made."""
    if dct is None or dct == "":
        return None
    text = str(dct)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    day = _free_form_day(text)
    if day is None:
        raise ConfigError(f"bad document creation time '{text[:80]}': expected YYYY-MM-DD "
                          "or a full date such as 23/11/2026") from None
    return day


def _free_form_day(text: str) -> str | None:
    if len(text) > 200 or not any(ch.isdigit() for ch in text):
        return None
    import dateparser  # only for a date that is not ISO: it costs a few tenths of a second
    from datetime import datetime
    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                "RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DATES_FROM": "past"}
    try:
        found = dateparser.parse(text, languages=["vi", "en", "fr", "de"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None or str(found.year) not in text:  # the year written out, not worked out
        return None
    return found.date().isoformat()
