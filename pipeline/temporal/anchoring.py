"""Resolve the values the grammar left open, in reading order (HeidelTime's
placeholder-then-resolve design): a year taken from the narrative (XXXX), shifts
relative to the last date of the narrative or the document date (REF), weekdays,
lunar and sexagenary dates. The narrative reference moves with each resolved date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar import Candidate
from .narrative import Narrative, near_dct
from .values import granularity_of, next_weekday, precision_ok, shift, valid_day, weekday_in_week, weekday_of
from .years import MAX_YEAR, valid, wrap_year, year_near_dct

_NIGHT_EARLY_HOURS = 4  # "2 giờ đêm" is 02:00, "11 giờ đêm" is 23:00
_SEASON = re.compile(r"^(\d{4})/(\d{4})$")  # a sports season or school year: two years running
_LUNAR_CALENDARS = ("lunar", "lunar_eve")  # rule calendars whose dates are lunar
_COARSE_GRANULARITIES = ("decade", "century")  # anchors that give no year ("thế kỷ XV")
_FINE_GRANULARITIES = ("day", "part_of_day", "time")  # finer than a period ("giai đoạn này")
_KEPT_POD_HOURS = {"AF": (1, 6), "EV": (5, 11)}  # clock hours read in an anchor's part of day
EVENING_HOUR = 18  # an anchor's clock time from this hour is its evening
EARLY_MORNING_HOUR = 7  # a morning clock time before this hour after an evening is the next day's


@dataclass
class Resolved:
    value: str | None
    anchor: str | None


def _lunar_to_solar(y: int, m: int, d: int, leap: bool = False) -> str | None:
    """The Gregorian day of a Vietnamese lunar date (UTC+7); None when there is none."""
    import vnlunar  # calendar library, loaded on first lunar date
    if not (1 <= y <= MAX_YEAR):
        return None
    try:
        out = vnlunar.convert_lunar_to_solar(d, m, y, 1 if leap else 0, 7.0)
    except (ValueError, OverflowError, ZeroDivisionError, IndexError):
        return None
    if not out:
        return None
    sd, sm, sy = out
    if not (1 <= sy <= MAX_YEAR) or not valid_day(sy, sm, sd):
        return None
    return f"{sy:04d}-{sm:02d}-{sd:02d}"


def _lunar_month(y: int, m: int) -> str | None:
    """The Gregorian days of lunar month m of lunar year y, as an interval (up to the day
    before the next month's first, or before the leap month that repeats m)."""
    from datetime import date, timedelta
    first = _lunar_to_solar(y, m, 1)
    nxt = _lunar_to_solar(y, m, 1, leap=True)  # a leap month of the same number comes next
    if nxt is None:
        nxt = _lunar_to_solar(y + 1, 1, 1) if m == 12 else _lunar_to_solar(y, m + 1, 1)
    if first is None or nxt is None:
        return None
    try:
        last = date.fromisoformat(nxt) - timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return f"{first}/{last.isoformat()}"


def _lunar_year(c: Candidate, year: int, anchor_value: str | None, coming: bool = True) -> int:
    """The lunar year of a lunar date whose year the story gives: the lunar year the
    story's last date falls in (a date of January before Tết still belongs to the year
    before), and for the days of Tết the first Tết on or after that date (`coming`; not for
    a Tết a year away, "Tết năm sau", which is the next lunar year's)."""
    if not anchor_value or len(anchor_value) < 10 or not anchor_value[:10].replace("-", "").isdigit():
        return year
    import vnlunar
    y, m, d = (int(x) for x in anchor_value[:10].split("-"))
    lunar = vnlunar.convert_solar_to_lunar(d, m, y, 7.0)
    year = int(lunar["year"]) if isinstance(lunar, dict) and lunar.get("year") else year
    month = int(c.value.split("-")[1]) if c.value and c.value.count("-") >= 1 else 0
    if coming and month == 1 and isinstance(lunar, dict) and int(lunar.get("month", 1)) > 1:
        year += 1  # "mùng 5 Tết" after a day of the eleventh month: the coming Tết
    return year


def _nearest_sexagenary(mod60: int, around: int) -> int:
    base = around - ((around - mod60) % 60)
    return min((base, base + 60), key=lambda y: abs(y - around))


def _with_time(value: str, pod: str | None, time: str | None) -> str:
    if time:
        hour, minute = time.split(":", 1)  # minute: "40" or, with seconds, "40:05"
        h = int(hour)
        if pod in ("AF", "EV") and h < 12:
            h += 12
        elif pod == "NI" and _NIGHT_EARLY_HOURS < h < 12:
            h += 12
        elif pod == "NI" and h == 12:  # "12 giờ đêm": midnight, the end of the day
            h = 24
        return f"{value}T{h:02d}:{minute}"
    if pod:
        return f"{value}T{pod}"
    return value


def _gives_a_year(value: str) -> bool:
    """Whether an anchor names a year: a decade or a century does not."""
    return value[:4].isdigit() and granularity_of(value) not in _COARSE_GRANULARITIES


def _year_of(c: Candidate, narrative: Narrative) -> tuple[int | None, str | None]:
    """The year an XXXX value takes: stated in the match, a sexagenary name nearest to the
    narrative, the narrative year shifted by a relative rule, or the narrative year."""
    if "year" in c.groups:
        return int(c.groups["year"]), None
    if "canchi" in c.groups:
        return _sexagenary_year(c, narrative)
    rel = c.relative or {}
    found = _year_anchor(c, narrative, rel)
    if found is None:
        return None, None
    if rel.get("unit") == "Y" and not str(rel.get("shift", "0")).lstrip("+-").isdigit():
        return None, found[0]
    return int(found[1][:4]) + _year_shift(c), found[0]


def _year_shift(c: Candidate) -> int:
    """The years a relative rule moves a date by (its shift when its unit is Y), else 0."""
    rel = c.relative or {}
    shift_s = str(rel.get("shift", "0")).replace("+", "")
    return int(shift_s) if rel.get("unit") == "Y" and shift_s.lstrip("-").isdigit() else 0


def _sexagenary_year(c: Candidate, narrative: Narrative) -> tuple[int | None, str | None]:
    """A year named by its stem and branch ("Mậu Tuất"): the one nearest the narrative's
    year (a year is needed: a century is no anchor)."""
    found = narrative.find(_gives_a_year)
    if found is None:
        return None, None
    return _nearest_sexagenary(int(c.groups["canchi"]), int(found[1][:4])), found[0]


def _year_anchor(c: Candidate, narrative: Narrative, rel: dict) -> tuple[str, str] | None:
    """The date whose year a date without one takes. In news, "ngày 12/10" is in the
    document's year unless its own sentence names another; a story set far from the
    document date (history read with a --dct) keeps its own year, when the story dwells
    there (Narrative.dwells_far: not a far year told aside), until a date of the
    speaker's brings it back to the present ("năm 1998 ... Tháng 10 năm ngoái ... Đầu tháng
    12": December of the year before the document's)."""
    found = narrative.find(_gives_a_year, prefer_dct=rel.get("anchor") == "dct", skip_deictic=True,
                           speaker=rel.get("anchor") == "speaker")
    if not narrative.dct or rel or not found or found[0] == "DCT":
        return found
    if narrative.same_sentence(found[0], c.start):
        return ("DCT", narrative.dct) if _coming_this_year(c, found[1], narrative) else found
    if near_dct(found[1], narrative.dct) or not narrative.dwells_far(found[0]):
        return ("DCT", narrative.dct)
    # the story may have come back to the present by a date of the speaker's ("năm ngoái")
    told = narrative.find(_gives_a_year)
    if told and narrative.deictic(told[0]) and near_dct(told[1], narrative.dct):
        return told
    return found


def _coming_this_year(c: Candidate, found: str, narrative: Narrative) -> bool:
    """Whether a day its own sentence gives a year to come ("vé tàu Tết Nguyên đán 2028 từ
    ... ngày 18/10", told on 12 October 2027) is still to come in the document's year: then
    that year is the day's, the later one names what the day is for ("từ ngày 10/1 đến
    20/2/2028" stays in 2028: 10 January 2027 is past)."""
    if not narrative.ahead(found):
        return False
    value = with_year(c, int(narrative.dct[:4]))
    return bool(value) and value[:10] >= narrative.dct[:10]


def _decade_in_narrative(value: str, narrative: Narrative) -> Resolved:
    """ "XX6" ("những năm 60"): the sixties of the narrative's century, or of the century
    before when those would lie after the narrative year."""
    found = narrative.find(lambda v: v[:4].isdigit())
    if found is None:
        return Resolved(value, None)
    year = int(found[1][:4])
    decade = (year // 100) * 10 + int(value[2])
    if decade * 10 > year:
        decade -= 10
    if decade < 0:  # the decade would lie before year 1: none to name
        return Resolved(value, None)
    return Resolved(f"{decade:03d}", found[0])


def resolve(c: Candidate, narrative: Narrative, ahead: bool = False, coming: bool = False) -> Resolved:
    """The value of a candidate and the id of the date it was anchored to, by the case of
    the value the grammar left open: a decade without its century, a relative reference,
    a year to fill, or none (then only the calendar and the time of day are applied).
    `ahead`: a weekday told as a day to come ("sẽ gửi ... vào sáng thứ Bảy"), which is not
    moved back to the week before when it falls after the document date; `coming`: one in
    a text speaking of days to come, not moved back either, but counted from the story's
    day as any other, not from a plan."""
    value = c.value
    if value and len(value) == 3 and value.startswith("XX") and value[2].isdigit():
        return _decade_in_narrative(value, narrative)
    if c.relative and (value is None or value == "WEEKDAY" or c.relative.get("unit") == "REF"):
        return _resolve_relative(c, narrative, ahead, coming)
    if value and "XXXX" in value and c.rule.type != "SET":  # "XXXX-WXX-1" is every Monday
        return _fill_year(c, narrative)
    return _finish(c, value, None)


def _resolve_relative(c: Candidate, narrative: Narrative, ahead: bool = False, coming: bool = False) -> Resolved:
    """A relative reference: a move of `shift` units from the narrative's last date precise
    enough for the unit, or from the document date."""
    unit = c.relative.get("unit", "D")
    shift_s = str(c.relative.get("shift", "0"))
    if unit == "SEASON":
        return _season(narrative, shift_s)
    found = _relative_anchor(c, narrative, unit, ahead)
    if unit == "PERIOD" and (found is None or found[0] == "DCT"):
        return _period_without_period(c, narrative, shift_s)
    if "X" in shift_s and shift_s[:1] in "+-":  # "nhiều ngày trước", "vài năm sau": a direction
        return Resolved("PAST_REF" if shift_s.startswith("-") else "FUTURE_REF", found[0] if found else None)
    if c.value == "WEEKDAY" and unit == "D" and shift_s == "0":
        found = _story_week(narrative, found)
    if found is None:
        return _unanchored(c, unit, shift_s)
    r = _from_anchor(c, unit, shift_s, found, None if ahead or coming else narrative.dct)
    return _not_before(r, found, narrative.dct) if coming else r  # `coming`: a bare weekday (the caller's test)


def _story_week(narrative: Narrative, found: tuple[str, str] | None) -> tuple[str, str] | None:
    """The date a weekday named alone counts from: the week the story stands in when it
    would count from the document date ("Cuối tuần vừa rồi ... Tối thứ 6": that week's
    Friday), else what was found."""
    if found is None or found[0] == "DCT":
        return narrative.week_in_story() or found
    return found


def _not_before(r: Resolved, found: tuple[str, str], dct: str | None) -> Resolved:
    """A weekday of a text speaking of days to come, counted from the document date (`found`
    is the DCT): a day of its week already past is the next week's ("tối thứ 6 mới bắt xe về"
    written on a Sunday: the coming Friday). Counted from a date of the story, it stays."""
    day = (r.value or "")[:10]
    if found[0] != "DCT" or not dct or len(day) != 10 or day >= dct[:10]:
        return r
    later = shift(day, "D", 7)
    return Resolved(later + r.value[10:], r.anchor) if later else r


def _from_anchor(c: Candidate, unit: str, shift_s: str, found: tuple[str, str], dct: str | None) -> Resolved:
    """A relative reference against the date it counts from, by its unit (`dct` None: a
    weekday told as a day to come, never moved back from after the document date)."""
    anchor, base = found
    if unit == "REF":  # "lúc đó": the narrative's time as it stands; "thời điểm đó": its day
        return Resolved(base.split("T", 1)[0] if c.relative.get("grain") == "day" else base, anchor)
    if unit == "DOM":
        return _day_in_anchor_month(c, shift_s, anchor, base)
    if unit == "PERIOD":  # "cùng kỳ năm ngoái": the period just named, in another year
        return Resolved(_same_period(base, shift_s, c.groups.get("year")), anchor)
    if "X" in shift_s:
        return Resolved(None, anchor)
    return _shifted(c, unit, shift_s, anchor, base, dct)


def _relative_anchor(c: Candidate, narrative: Narrative, unit: str, ahead: bool) -> tuple[str, str] | None:
    """The date a relative reference counts from, by its rule's anchor kind. A weekday of
    the story is not counted from a plan told aside (a date after the document date: "sẽ
    dẫn dắt đội vào thứ Bảy. Ở trận đấu tối thứ Sáu"), unless it is told as a day to come
    itself (`ahead`)."""
    anchor_kind = c.relative.get("anchor")
    test = _anchor_test(c, unit)
    if unit == "REF" and c.relative.get("grain") == "period":
        return narrative.newest(test)
    return narrative.find(_story_test(c, narrative, test, ahead), prefer_dct=anchor_kind == "dct",
                          dct_only=anchor_kind == "dct_only", speaker=anchor_kind == "speaker")


def _story_test(c: Candidate, narrative: Narrative, test, ahead: bool):
    """The anchor test narrowed by what the reference counts from: a weekday not from a plan
    told aside, a step forward not from a step back, "cùng ngày" from the story's day."""
    if c.value == "WEEKDAY" and not ahead:
        precise = test

        def test(v: str) -> bool:
            return precise(v) and not narrative.ahead(v)
    elif str(c.relative.get("shift", "")).startswith("+") and narrative.looked_back:
        onward = test  # "Hai ngày sau" after "... ba ngày trước đó": counted from the story's day, not the step back

        def test(v: str) -> bool:
            return onward(v) and v not in narrative.looked_back
    elif c.relative.get("story_day"):
        on_day = test  # "cùng ngày", "chiều cùng ngày": the story's day, not a step back nor a plan
        # unless its own sentence tells a plan too (`ahead`: "Cùng ngày, ... sẽ tặng ...")

        def test(v: str) -> bool:
            return on_day(v) and not narrative.background(v) and (ahead or not narrative.ahead(v))
    return test


def _season(narrative: Narrative, shift_s: str) -> Resolved:
    """ "Mùa bóng tiếp theo", "mùa giải trước" against the season the story stands in (two
    years running: "1979/1980"), moved by the shift; nothing without one."""
    found = narrative.find(_is_season)
    if found is None or found[0] == "DCT" or not shift_s.lstrip("+-").isdigit():
        return Resolved(None, None)
    m = _SEASON.match(found[1])
    n = int(shift_s.replace("+", ""))
    return Resolved(f"{int(m[1]) + n:04d}/{int(m[2]) + n:04d}", found[0])


def _is_season(value: str) -> bool:
    m = _SEASON.match(value)
    return bool(m) and int(m[2]) - int(m[1]) == 1


def _anchor_test(c: Candidate, unit: str):
    """Which dates of the story may anchor a reference: precise enough for its unit; for a
    day, not a span of days ("từ ngày 24 đến 26/11" is no day to count from or to be "cùng
    ngày" with), though a weekday is still looked for in one ("thăm từ ngày 10 đến 12/3 ...
    tối thứ Ba")."""
    span_ok = unit != "D" or c.value == "WEEKDAY"
    if unit == "REF" and c.relative.get("grain") == "period":  # "giai đoạn này": not a day
        return lambda v: "/" in v or granularity_of(v) not in _FINE_GRANULARITIES
    return lambda v: precision_ok(v, unit) and (span_ok or "/" not in v)


def _period_without_period(c: Candidate, narrative: Narrative, shift_s: str) -> Resolved:
    """ "cùng kỳ năm ..." with no period named before it: a year, stated ("cùng kỳ năm 2008")
    or, in news, the document's year moved by the shift ("cùng kỳ năm trước")."""
    if "year" in c.groups:
        return Resolved(c.groups["year"], None)
    if narrative.dct:
        return Resolved(shift(narrative.dct, "Y", int(shift_s.replace("+", ""))), "DCT")
    return Resolved(None, None)


def _unanchored(c: Candidate, unit: str, shift_s: str) -> Resolved:
    """A relative reference with no date to anchor it: a clock time of an unknown day, a
    weekday of an unknown week (TIMEX3 XXXX-WXX-d), a move forward or back as its direction
    (FUTURE_REF, PAST_REF), or nothing."""
    if (c.time or c.pod) and unit == "D" and shift_s == "0":
        return Resolved(_with_time("XXXX-XX-XX", c.pod, c.time), None)
    if c.value == "WEEKDAY":
        return Resolved(f"XXXX-WXX-{int(c.groups.get('weekday', '7'))}", None)
    if (shift_s[:1] in "+-" and shift_s[1:].isdigit() and int(shift_s[1:]) and c.rule.type == "DATE"
            and not c.value and not c.relative.get("anchor")):
        # "hai tuần sau đó" with nothing to count from: a direction at least (a word of the
        # speaker's, "hôm qua", "cách đây 3 năm", has none without the document date)
        return Resolved("PAST_REF" if shift_s.startswith("-") else "FUTURE_REF", None)
    return Resolved(None, None)


def _day_in_anchor_month(c: Candidate, shift_s: str, anchor: str, base: str) -> Resolved:
    """ "ngày 21" after "ngày 17 tháng 3 năm 1954": that day (the shift) of the anchor's month,
    with its time of day."""
    value = _day_of_month(base, int(shift_s.replace("+", "") or 0))
    return Resolved(_with_time(value, c.pod, c.time) if value and (c.pod or c.time) else value, anchor)


def _shifted(c: Candidate, unit: str, shift_s: str, anchor: str, base: str, dct: str | None = None) -> Resolved:
    """The anchor moved by a number of units ("3 năm sau"), or a weekday near it, or a season
    as it is ("năm đó"); then the rule's suffix and start of year, the calendar and the time
    of day."""
    n = int(shift_s.replace("+", ""))
    if c.relative.get("weekend") == "current" and anchor == "DCT" and weekday_of(base) in (6, 7):
        n = 0  # "tuần qua" written on a Saturday: the week ending
    if c.value == "WEEKDAY":
        value = _weekday(base, anchor, unit, n, int(c.groups.get("weekday", "7")), dct)
    elif unit == "Y" and n == 0 and _is_season(base):
        value = base  # "năm đó" after "năm 1979–80": that season, not its first year
    else:
        value = shift(base, unit, 1 if n == 0 and unit == "D" and _next_morning(c, base) else n)
    value = _extended(value, c.relative)
    if value is None:
        return Resolved(None, anchor)
    return _finish(c, value, anchor, _pod_kept(c, base) if n == 0 else None)


def _next_morning(c: Candidate, base: str) -> bool:
    """Whether a clock time of the early morning without a day of its own ("hơn 5 giờ sáng")
    follows an evening of the story ("đi xe tối thứ Sáu, ... tới nơi hơn 5 giờ sáng"): the
    story has gone on to the next morning (before EARLY_MORNING_HOUR). Not after a night:
    "Đêm 30 rạng sáng 31" is already the morning's day."""
    pod = base.rpartition("T")[2] if "T" in base else ""
    evening = pod == "EV" or (pod[:2].isdigit() and int(pod[:2]) >= EVENING_HOUR)
    return evening and c.pod == "MO" and bool(c.time) and int(c.time.split(":", 1)[0]) < EARLY_MORNING_HOUR


def _pod_kept(c: Candidate, base: str) -> str | None:
    """The part of day of an anchor that a clock time without its own takes on the same day
    ("tối thứ 7 20/6 nhé, tầm 6h30 có mặt": 18:30): an afternoon for hours 1 to 6, an
    evening for 5 to 11 (a "2 giờ" after an evening is no afternoon); None otherwise."""
    pod = base.rpartition("T")[2] if "T" in base else ""
    if not c.time or c.pod or pod not in _KEPT_POD_HOURS:
        return None
    low, high = _KEPT_POD_HOURS[pod]
    return pod if low <= int(c.time.split(":", 1)[0]) <= high else None


def _extended(value: str | None, relative: dict) -> str | None:
    """A shifted value with the rule's suffix ("cuối tuần này": the weekend, -WE), or as the
    span from its year's first day ("từ đầu năm đến nay")."""
    if value is not None and relative.get("suffix"):
        value += str(relative["suffix"])
    if value is not None and relative.get("since") == "year_start":
        value = f"{value[:4]}-01-01/{value[:10]}" if len(value) >= 10 else None
    return value


def _fill_year(c: Candidate, narrative: Narrative) -> Resolved:
    """A value whose year is open (XXXX): the year from the match or the narrative (for a
    lunar date, the lunar year the story stands in); an interval that would end before it
    starts runs into the next year."""
    year, anchor = _year_of(c, narrative)
    lunar = c.rule.calendar in _LUNAR_CALENDARS
    if year is not None and not lunar:
        year, anchor = year_near_dct(c, year, anchor, narrative.dct)
    if year is None:
        if lunar:
            return Resolved(None, anchor)  # "XXXX-01-01" would read as 1 January
        return Resolved(c.value if anchor is None else None, anchor)
    if lunar and anchor and not ({"year", "canchi"} & c.groups.keys()):
        moved = _year_shift(c)  # "Tết năm sau": the Tết after the one the anchor's lunar year gives
        base = narrative.dct if anchor == "DCT" else narrative.value_of(anchor)
        year = _lunar_year(c, year - moved, base, coming=not moved) + moved
    if not (0 <= year <= MAX_YEAR):
        return Resolved(None, anchor)
    value = wrap_year(c.value.replace("XXXX", f"{year:04d}"))
    if value is None:
        return Resolved(None, anchor)
    return _finish(c, value, anchor)


def with_year(c: Candidate, year: int) -> str | None:
    """A candidate's value with its open year (XXXX) filled, as _fill_year finishes it (the
    calendar, the time of day, a check that the date exists); None if it has no such value."""
    if not c.value or "XXXX" not in c.value or not 0 <= year <= MAX_YEAR or c.rule.calendar in _LUNAR_CALENDARS:
        return None
    value = wrap_year(c.value.replace("XXXX", f"{year:04d}"))
    return _finish(c, value, None).value if value else None


def _finish(c: Candidate, value: str | None, anchor: str | None, pod: str | None = None) -> Resolved:
    """The last steps of every case that gives a date: a lunar date to its Gregorian days,
    the time of day (`pod`: a part of day kept from the anchor), and a check that the date
    exists."""
    if value and c.rule.calendar in _LUNAR_CALENDARS:
        value = _solar(value, c.rule.calendar)
    if value and (c.pod or c.time):
        value = _with_time(value, c.pod or pod, c.time)
    if value and not valid(value):
        return Resolved(None, anchor)
    return Resolved(value, anchor)


def _solar(value: str, calendar: str) -> str | None:
    """A lunar day as its Gregorian day (with lunar_eve, the day before: the last day of
    the lunar year before), a lunar month as its Gregorian days; None when there is none.
    Other values are left as they are."""
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day = _lunar_to_solar(int(parts[0]), int(parts[1]), int(parts[2]))
        if day is not None and calendar == "lunar_eve":
            return shift(day, "D", -1)
        return day
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return _lunar_month(int(parts[0]), int(parts[1]))
    return value


def _day_of_month(base: str, day: int) -> str | None:
    """Day `day` of the month of an anchor precise to the month or finer, if it exists."""
    if len(base) < 7 or base[4] != "-" or not base[:4].isdigit() or not base[5:7].isdigit():
        return None
    return f"{base[:7]}-{day:02d}" if valid_day(int(base[:4]), int(base[5:7]), day) else None


def _weekday(base: str, anchor: str, unit: str, n: int, wd: int, dct: str | None = None) -> str | None:
    """A weekday (ISO wd) against an anchor day: of the week n weeks away (unit W); the last
    such day before it (n < 0) or the next after it (n > 0); else that of the document's
    week (news), or the first such day on or after the story's last date, unless that is
    after the document date: then the one before ("Chiều qua (11/3) ... tối thứ Ba" in a
    report of 12/3 is the 10th, not the 17th)."""
    if unit == "W":  # "thứ Sáu tuần trước"
        return weekday_in_week(shift(base, "D", 7 * n) or base, wd)
    if unit == "D" and n < 0:  # "thứ Ba vừa qua"
        return next_weekday(shift(base, "D", -7) or base, wd)
    if unit == "D" and n > 0:  # "thứ Sáu tới"
        return next_weekday(shift(base, "D", 1) or base, wd)
    if anchor == "DCT":
        return weekday_in_week(base, wd)
    value = next_weekday(base, wd)
    if value and dct and value[:10] > dct[:10] and base[:10] <= dct[:10]:  # days, not "…TMO" strings
        return shift(value, "D", -7)
    return value


def _same_period(base: str, shift_s: str, year: str | None) -> str | None:
    """A period of the narrative moved to another year: "9 tháng đầu năm" (2026-01/2026-09),
    then "cùng kỳ năm ngoái" is 2025-01/2025-09; "cùng kỳ năm 2024" puts it in 2024."""
    parts = base.split("/")
    if not all(p[:4].isdigit() for p in parts):
        return None
    delta = int(year) - int(parts[0][:4]) if year else int(shift_s.replace("+", "") or 0)
    moved = []
    for p in parts:
        y = int(p[:4]) + delta
        if not 1 <= y <= MAX_YEAR:
            return None
        day = p[:10].split("-")
        if len(day) == 3 and day[1:] == ["02", "29"] and not valid_day(y, 2, 29):
            p = p[:8] + "28" + p[10:]  # 29 February in a common year
        moved.append(f"{y:04d}{p[4:]}")
    return "/".join(moved)

