"""Find temporal expressions with the rules of models/temporal/<lang>/ and fill
their value templates. Anchoring (years from the narrative, relative shifts, the
lunar calendar) happens afterwards, in anchoring.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..spans import overlap
from .rules import TEMPLATE_FIELD, TemporalResources, TimexRule
from .prefilter import Prefilter

# no Vietnamese reign era lasted longer than this (Tự Đức: 36 years)
_MAX_ERA_YEARS = 60
# "1942-43" is two years; "1998-97" is not a span of 99 years
_MAX_SHORT_SPAN = 30
# TIMEX3 duration units that are written after "T" (PT5H, PT30M)
_TIME_UNITS = {"H": "H", "MIN": "M"}


@dataclass
class Candidate:
    start: int
    end: int
    rule: TimexRule
    groups: dict[str, str] = field(default_factory=dict)
    value: str | None = None
    mod: str | None = None
    pod: str | None = None
    time: str | None = None
    relative: dict | None = None


def _twin(name: str) -> str:
    """The unnumbered twin of a template's group (month0 -> month)."""
    return name.rstrip("0123456789")


def normalise(normaliser: str, text: str, tables: dict[str, dict[str, str]]) -> str | None:
    """The normal form of what a group matched, read by the normaliser its rule names for
    it (`groups`): one of _NORMALISERS, or a table of norm/; None when it has none."""
    t = " ".join(text.lower().split())
    builtin = _NORMALISERS.get(normaliser)
    if builtin is not None:
        return builtin(t, tables)
    return _through_table(t, tables.get(normaliser, {}))


def _through_table(t: str, table: dict[str, str]) -> str | None:
    """A word's value in a table ("thứ 2" is Monday: the table, before the digit), else a
    number as itself."""
    raw = table.get(t)
    if raw is not None:
        return raw
    return str(int(t)) if t.isdigit() else None


def _two_digits(t: str, table: dict[str, str]) -> str | None:
    """A day or a month on two digits ("5" -> "05"), in digits or in a word of the table."""
    raw = t if t.isdigit() else table.get(t)
    if raw is None:
        return None
    return f"{int(raw):02d}" if raw.isdigit() else raw


def _day(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A day of the month ("5", "năm" -> "05")."""
    return _two_digits(t, tables.get("number", {}))


def _month(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A month ("7", "bảy", "Giêng" -> "07", "01")."""
    return _two_digits(t, tables.get("month_word", {}))


def _number(t: str, table: dict[str, str], fallback: dict[str, str]) -> str | None:
    """A number in digits, or a word of the table, or else of the fallback table."""
    if t.isdigit():
        return str(int(t))
    return table.get(t) if t in table else fallback.get(t)


def _count(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A count in digits ("50.000": a thousands separator) or in words ("mười hai" -> "12")."""
    if "." in t and t.replace(".", "").isdigit():
        t = t.replace(".", "")
    return _number(t, tables.get("number", {}), {})


def _quarter(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A quarter in digits, in words or in Roman numerals ("quý II")."""
    return _number(t, tables.get("number", {}), tables.get("roman", {}))


def _century(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A century in digits, in Roman numerals or in words ("thế kỷ mười lăm")."""
    return _number(t, tables.get("roman", {}), tables.get("number", {}))


def _year(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A year on four digits ("43" -> "0043")."""
    return f"{int(t):04d}" if t.isdigit() else None


def _year_bc(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """A year BC ("44" -> "BC0044"; "11.000": a thousands separator)."""
    t = t.replace(".", "")
    return f"BC{int(t):04d}" if t.isdigit() else None


def _clock(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """An hour or a minute, on two digits ("7" -> "07")."""
    return f"{int(t):02d}" if t.isdigit() else None


def _digits(t: str, tables: dict[str, dict[str, str]]) -> str | None:
    """Digits kept as written: a decade ("60"), a two-digit year ("98")."""
    return t if t.isdigit() else None


# the normalisers a rule may name for a group besides the tables of norm/, by the names
# rules.NORMALISERS gives the rule language
_NORMALISERS = {"day": _day, "month": _month, "count": _count, "quarter": _quarter, "century": _century,
               "year": _year, "year_bc": _year_bc, "clock": _clock, "digits": _digits}


def _century_of(args: list[str]) -> str | None:
    """thế kỷ 15 -> "14" (the 1400s)."""
    return f"{int(args[0]) - 1:02d}"


def _decade_of(args: list[str]) -> str | None:
    """1960 -> "196"; 60 -> "6"."""
    return args[0][:3] if len(args[0]) == 4 else args[0][0]


def _decade_in(args: list[str]) -> str | None:
    """(20, 30) -> "193": a decade of a century."""
    century, decade = int(args[0]), args[1]
    return f"{century - 1:02d}{decade[-2]}"


def _hundreds_of(args: list[str]) -> str | None:
    """The hundreds of a year: "những năm 1800" -> "18" (the 1800s)."""
    return args[0][:2]


def _duration(args: list[str]) -> str | None:
    """(13, D) -> "P13D"; (5, H) -> "PT5H"; (X, D) -> "PXD"."""
    count, unit = args
    if unit in _TIME_UNITS:
        return f"PT{count}{_TIME_UNITS[unit]}"
    return f"P{count}{unit}"


def _half(args: list[str]) -> str | None:
    """A count and a half: (2, H) -> "PT2H30M"; (3, Y) -> "P3.5Y"."""
    count, unit = int(args[0]), args[1]
    if unit == "H":
        return f"PT{count}H30M"
    if unit == "MIN":
        return f"PT{count}M30S"
    return f"P{count}.5{unit}"


def _every(args: list[str]) -> str | None:
    """A SET: (Y) -> "P1Y"."""
    return _duration(["1", args[0]])


def _era_year(args: list[str]) -> str | None:
    """(1848, 11) -> "1858": the 11th year of an era that began in 1848."""
    year = int(args[0]) + int(args[1]) - 1
    return f"{year:04d}" if 1 <= int(args[1]) <= _MAX_ERA_YEARS else None


def _mm(args: list[str]) -> str | None:
    """(6) -> "06": a count of months as the last month of a span from January."""
    n = int(args[0])
    return f"{n:02d}" if 1 <= n <= 12 else None


def _mm_from_end(args: list[str]) -> str | None:
    """(3) -> "10": the first month of the last three."""
    n = int(args[0])
    return f"{13 - n:02d}" if 1 <= n <= 12 else None


def _complete_year(args: list[str]) -> str | None:
    """(1997, 98) -> "1998"; (1999, 00) -> "2000": the end of a short span written "1997-98"."""
    year, yy = int(args[0]), int(args[1])
    end = year - year % 100 + yy
    end = end + 100 if end < year else end
    return f"{end:04d}" if end - year <= _MAX_SHORT_SPAN else None


def _minutes_to(args: list[str]) -> str | None:
    """(8, 10) -> "07:50": an hour less some minutes ("8 giờ kém 10"), at most half an hour."""
    hour, minutes = int(args[0]), int(args[1])
    total = hour * 60 - minutes
    return f"{total // 60:02d}:{total % 60:02d}" if 1 <= minutes <= 30 and total >= 0 else None


# the calendar helpers a value template may call ({fn(a,b)}), by name
_TEMPLATE_FUNCTIONS = {"century_of": _century_of, "decade_of": _decade_of, "decade_in": _decade_in,
                       "hundreds_of": _hundreds_of, "duration": _duration, "half": _half, "every": _every,
                       "era_year": _era_year, "mm": _mm, "mm_from_end": _mm_from_end,
                       "complete_year": _complete_year, "minutes_to": _minutes_to}


def _call(fn: str, args: list[str]) -> str | None:
    """The calendar helpers a value template may call; None for an unknown helper or
    arguments it cannot read."""
    helper = _TEMPLATE_FUNCTIONS.get(fn)
    if helper is None:
        return None
    try:
        return helper(args)
    except (ValueError, IndexError):
        return None


def fill(template: str | None, groups: dict[str, str]) -> str | None:
    """Expand {group} and {fn(a,b)} fields; a missing year becomes XXXX, a missing
    numbered group falls back to its unnumbered twin (month0 -> month)."""
    if template is None:
        return None
    failed = False

    def repl(m):
        nonlocal failed
        name, args = m.group(1), m.group(2)
        if args:
            vals = [groups.get(a) for a in args.split(",")]
            if any(v is None for v in vals):
                failed = True
                return ""
            out = _call(name, vals)
            if out is None:
                failed = True
                return ""
            return out
        if name in groups:
            return groups[name]
        twin = _twin(name)
        if twin in groups:
            return groups[twin]
        if twin in ("year", "mod"):
            return "XXXX" if twin == "year" else ""
        failed = True
        return ""
    out = TEMPLATE_FIELD.sub(repl, template)
    return None if failed else out


def _back(text: str, start: int, chars: int) -> int:
    """The offset `chars` characters before `start`, a run of whitespace counting as one
    (as in the prefilter's normal form)."""
    i = start
    while i > 0 and chars > 0:
        i -= 1
        if text[i].isspace():
            while i > 0 and text[i - 1].isspace():
                i -= 1
        chars -= 1
    return i


def _line_starts(text: str):
    pos = text.find("\n")
    while pos != -1:
        if pos + 1 < len(text):
            yield pos + 1
        pos = text.find("\n", pos + 1)


def _ordered(value: str) -> bool:
    """An interval must not end before it starts ("2010/2005" is a page range, not years)."""
    if "/" not in value:
        return True
    a, b = value.split("/", 1)
    if "X" in a or "X" in b or len(a) != len(b) or a.startswith("BC") or b.startswith("BC"):
        return True
    return a < b


def _normalised_groups(m, normalisers: dict[str, str], tables: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The normal form of every group a match filled, each read by the normaliser its rule
    names for it; None when one has none."""
    groups: dict[str, str] = {}
    for name, text in m.groupdict().items():
        if text is None:
            continue
        norm = normalise(normalisers[name], text, tables)
        if norm is None:
            return None
        groups[name] = norm
    return groups


def _fill_time(template: str | None, groups: dict[str, str]) -> str | None:
    """The clock time of a rule's `time` template; a minute the text does not give is 00."""
    if not template:
        return None
    time = fill(template, groups)
    if time is None and "{minute}" in template:
        time = fill(template.replace("{minute}", "00"), groups)
    return time


def _fill_relative(relative: dict, groups: dict[str, str]) -> dict | None:
    """A rule's `relative` with its unit and shift filled; None when either cannot be."""
    rel = dict(relative)
    rel["unit"] = fill(str(rel.get("unit", "D")), groups)
    rel["shift"] = fill(str(rel.get("shift", "0")), groups)
    if rel["unit"] is None or rel["shift"] is None:
        return None
    return rel


class Grammar:
    def __init__(self, res: TemporalResources):
        self.res = res
        self.rules = [r for r in res.rules if r.type != "REJECT"]
        if res.prefilter is not None:
            self.prefilter = Prefilter(res.rules, tables=res.prefilter, reach_chars=res.reach)
        else:
            self.prefilter = Prefilter(res.rules)

    def find(self, text: str, boundaries: list[int] = ()) -> list[Candidate]:
        """The chosen temporal expressions of a text whose sentences start at `boundaries`."""
        candidates, blocked = self.scan(text, boundaries)
        return self.select(candidates, blocked)

    def scan(self, text: str, boundaries: list[int] = ()) -> tuple[list[Candidate], list[tuple[int, int]]]:
        """Candidates and look-alike (REJECT) spans, sentence by sentence (a line break
        also ends one). Only the rules whose required words occur in a sentence are run
        on it, and no match crosses a sentence start (the engine sees two characters past
        it, for the lookaheads)."""
        found: list[Candidate] = []
        blocked: list[tuple[int, int]] = []
        n = len(text)
        starts = {b for b in boundaries if 0 < b < n}
        starts.update(_line_starts(text))  # a line break ends a sentence
        cuts = [0, *sorted(starts), n]
        for a, b in zip(cuts, cuts[1:]):
            stop = min(n, b + 2)
            # the prefilter reads what the engine may read: lookbehinds reach before the sentence
            for rule in self.prefilter.active(text[_back(text, a, self.prefilter.reach):stop]):
                for m in rule.regex.finditer(text, a, stop):
                    if m.end() > b or m.end() == m.start():
                        continue
                    if rule.type == "REJECT":
                        blocked.append(m.span())
                        continue
                    cand = self._build(rule, m)
                    if cand is not None:
                        found.append(cand)
        return found, blocked

    def _build(self, rule: TimexRule, m) -> Candidate | None:
        groups = _normalised_groups(m, rule.groups, self.res.tables)
        if groups is None:
            return None
        cand = Candidate(m.start(), m.end(), rule, groups)
        cand.value = fill(rule.value, groups) if rule.value else None
        if rule.value and (cand.value is None or not _ordered(cand.value)):
            return None
        cand.mod = fill(rule.mod, groups) or None if rule.mod else None
        cand.pod = fill(rule.pod, groups) or None if rule.pod else None
        cand.time = _fill_time(rule.time, groups)
        if rule.relative:
            cand.relative = _fill_relative(rule.relative, groups)
            if cand.relative is None:
                return None
        return cand

    def select(self, candidates: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
        """Keep the longest non-overlapping candidates that touch no look-alike (REJECT)
        span (a candidate strictly longer than the look-alike and containing it may keep
        it: "ngày 5 tháng 6 năm 1990" around "5-6")."""

        def touches_reject(c: Candidate) -> bool:
            return any(overlap(c.start, c.end, s, e)
                       and not (c.start <= s and e <= c.end and (c.end - c.start) > (e - s))
                       for s, e in blocked)

        pool = [c for c in candidates if not (blocked and touches_reject(c))]
        pool.sort(key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
        taken: list[Candidate] = []
        occupied: set[int] = set()
        for c in pool:
            span = range(c.start, c.end)
            if not occupied.isdisjoint(span):
                continue
            taken.append(c)
            occupied.update(span)
        taken.sort(key=lambda c: c.start)
        return taken
