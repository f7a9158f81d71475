"""What a temporal rule's pattern requires of any text it matches, worked out from the
parsed pattern (used by prefilter.py).

Text and strings are compared in a normal form: case-folded, every digit written "0"
and every run of whitespace one space, so "14h30" and "9h05" both contain "0h00". The
requirement is a conjunction of clauses, each a set of alternatives. Small parts of a
pattern are expanded into the exact set of strings they match (in the normal form), so
that adjacent parts combine ("0 năm", "0h00"); larger parts give only the clauses of
their pieces; a positive lookaround of known reach adds the clauses of its own words.
The analysis only ever over-approximates (a construct it does not understand requires
nothing), so a rule it rules out could not have matched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

try:  # the parser behind `re` (Python >= 3.11 names it re._parser)
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

_CAP = 1024  # an exact set larger than this is dropped for the clauses of its parts
_PRUNE = 64  # clauses with more members are not pruned (see _minimal)
_MAX_CLASS = 24  # a character class with more members than this requires nothing
_MAX_REACH = 40  # a lookbehind that may look further back than this requires nothing
_MAX_SPAN = 4  # a repeat {m,n} is expanded when n - m is at most this

Clause = frozenset  # of strings, at least one of which must occur


class _Digits(dict):
    """Every decimal digit of Unicode (what `\\d` matches) to "0", for str.translate: each
    code point is looked at the first time a text holds it (a table of the whole of
    Unicode took half a second to build at every start)."""

    def __missing__(self, cp: int) -> str:
        out = "0" if chr(cp).isdecimal() else chr(cp)
        self[cp] = out
        return out


def digit_table() -> dict[int, str]:
    """Every decimal digit of Unicode to "0", for str.translate (see _Digits)."""
    return _Digits()


def normal_form(text: str, digits: dict[int, str] | None = None) -> str:
    """The text as the prefilter compares it: case-folded, digits "0", whitespace runs " "
    (`digits` is digit_table(), which a caller that normalises often builds once)."""
    folded = text.casefold()
    folded = folded.translate(digits) if digits is not None else "".join(
        "0" if ch.isdecimal() else ch for ch in folded)
    inner = " ".join(folded.split())
    if not inner:
        return " " if folded else ""
    return (" " if folded[0].isspace() else "") + inner + (" " if folded[-1].isspace() else "")


def _without_regex_syntax(pattern: str) -> str:
    """The pattern as `re` can parse it: `regex`'s \\p{Lu} becomes \\w (which requires
    nothing), and group names go (`regex` allows a name twice in one pattern, `re` does not)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith(("\\p{", "\\P{"), i) and "}" in pattern[i:]:
            out.append("\\w")
            i = pattern.index("}", i) + 1
        elif pattern.startswith("(?P<", i) and ">" in pattern[i:]:
            out.append("(?:")
            i = pattern.index(">", i) + 1
        elif pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def _char(c: str) -> str:
    return normal_form(c) or " "


def _cross(left: set[str], right: set[str]) -> set[str] | None:
    if len(left) * len(right) > _CAP:
        return None
    return {(a + b).replace("  ", " ") for a in left for b in right}


def _clause(strings: set[str] | None) -> Clause | None:
    """The clause an exact set gives: its shortest members (a string containing another
    member adds nothing); none when the empty string is a member."""
    if not strings or "" in strings or " " in strings:
        return None
    return _minimal(strings)


def _minimal(strings) -> Clause:
    """Only the members that contain no other member: the rest are implied. (Large sets
    are kept whole: the pruning only saves work at match time, and costs more at load.)"""
    members = set(strings)
    if len(members) > _PRUNE:
        return Clause(members)
    return Clause(s for s in members
                  if not any(s[i:j] in members for i in range(len(s)) for j in range(i + 1, len(s) + 1)
                             if j - i < len(s)))


def _ending(strings: set[str]) -> set[str]:
    """A set of strings a text ends with, without the members that end with another member."""
    return {s for s in strings if not any(s[i:] in strings for i in range(1, len(s)))}


def _score(clause: Clause) -> tuple[int, int]:
    """How selective a clause is: the length of its shortest alternative (spaces not
    counted), then the fewer alternatives the better."""
    return min(len(s.replace(" ", "")) for s in clause), -len(clause)


def _best(clauses: list[Clause]) -> Clause | None:
    return max(clauses, key=_score, default=None)


def _class(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(_char(chr(av)))
        elif name == "RANGE":
            lo, hi = av
            if hi - lo >= _MAX_CLASS:
                return None
            chars.update(_char(chr(c)) for c in range(lo, hi + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars.add("0")
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.add(" ")
        else:  # NEGATE, \w ...: anything may stand there
            return None
    return chars if len(chars) <= _MAX_CLASS else None


@dataclass
class _Info:
    """What a piece of pattern tells about its matches: the exact set of strings it
    matches (None when unknown or too large); otherwise strings one of which every
    match starts with (`pre`) and ends with (`suf`), {""} when nothing is known, and
    the clauses found inside it."""
    exact: set[str] | None = None
    pre: set[str] = field(default_factory=lambda: {""})
    suf: set[str] = field(default_factory=lambda: {""})
    clauses: list[Clause] = field(default_factory=list)

    def all_clauses(self) -> list[Clause]:
        found = [_clause(s) for s in ((self.exact,) if self.exact is not None else (self.pre, self.suf))]
        return self.clauses + [c for c in found if c]


def _exact(strings: set[str] | None) -> _Info:
    return _Info(exact=strings) if strings is not None else _Info()


def _power(body: set[str], times: int) -> set[str] | None:
    out: set[str] | None = {""}
    for _ in range(times):
        out = _cross(out, body) if out is not None else None
    return out


def _node(op, av) -> _Info:
    name = str(op)
    if name == "LITERAL":
        return _exact({_char(chr(av))})
    if name == "ASSERT" and _assert_reach(av) is not None:
        # a positive lookaround adds no characters to the match but requires its own in the
        # text around it: its clauses count, and it cuts the run of adjacent strings
        return _Info(None, {""}, {""}, _sequence(av[1]).all_clauses())
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _exact({""})  # zero-width: adds no characters
    if name == "IN":
        return _exact(_class(av))
    if name == "CATEGORY":
        return _exact({"0"} if str(av) == "CATEGORY_DIGIT" else {" "} if str(av) == "CATEGORY_SPACE" else None)
    if name == "SUBPATTERN":
        return _sequence(av[-1])
    if name == "ATOMIC_GROUP":
        return _sequence(av)
    if name == "BRANCH":
        return _branch([_sequence(alternative) for alternative in av[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(*av)
    return _Info()  # ANY, NOT_LITERAL, GROUPREF ...: nothing known


def _branch(parts: list[_Info]) -> _Info:
    if all(p.exact is not None for p in parts):
        union = set().union(*(p.exact for p in parts))
        if len(union) <= _CAP:
            return _exact(union)
    pre = set().union(*(p.exact if p.exact is not None else p.pre for p in parts))
    suf = set().union(*(p.exact if p.exact is not None else p.suf for p in parts))
    best = [_best(p.all_clauses()) for p in parts]
    clauses = [] if any(b is None for b in best) else [_minimal(set().union(*best))]
    return _Info(None, pre if len(pre) <= _CAP else {""}, suf if len(suf) <= _CAP else {""}, clauses)


def _repeat(low: int, high: int, body) -> _Info:
    inner = _sequence(body)
    exact = inner.exact
    if exact is not None and exact <= {" ", ""}:  # whitespace runs are one space in the normal form
        return _exact(({" "} if low >= 1 else {"", " "}) if " " in exact else {""})
    if exact is not None and high - low <= _MAX_SPAN:
        power = _power(exact, low)
        out = set(power) if power is not None else None
        for _ in range(high - low):
            if power is None or out is None:
                break
            power = _cross(power, exact)
            out = out | power if power is not None else None
        if out is not None and len(out) <= _CAP:
            return _exact(out)
    if low == 0:
        return _Info()
    if exact is not None:  # at least `low` copies, more after them: a match starts and ends with them
        edge = _power(exact, low) or exact
        return _Info(None, edge, edge, [])
    return _Info(None, inner.pre, inner.suf, inner.clauses)


def _sequence(seq) -> _Info:
    clauses: list[Clause] = []
    run: set[str] = {""}
    pre: set[str] | None = None  # the run at the first cut: every match starts with one of these
    whole = True  # every element so far was exact and the run was never cut

    def cut(strings: set[str]):
        nonlocal pre
        if pre is None:
            pre = strings
        c = _clause(strings)
        if c:
            clauses.append(c)

    for op, av in seq:
        info = _node(op, av)
        if info.exact is not None:
            joined = _cross(run, info.exact)
            if joined is None:
                whole = False
                cut(run)
                run = _ending(info.exact)
            else:
                run = joined
            continue
        whole = False
        joined = _cross(run, info.pre)
        cut(joined if joined is not None else run)
        clauses.extend(info.clauses)
        run = _ending(info.suf)
    if whole:
        return _exact(run)
    c = _clause(run)
    return _Info(None, pre if pre is not None else {""}, run, clauses + ([c] if c else []))


def _conjunction(info: _Info) -> tuple[Clause, ...]:
    found = set(info.all_clauses())
    kept = [c for c in found if not any(o < c for o in found)]  # a clause containing another is implied
    return tuple(sorted(kept, key=lambda c: (_score(c), sorted(c)), reverse=True))


def _assert_reach(av) -> int | None:
    """How far before the match a positive lookaround may look, in characters of the
    normal form: 0 for a lookahead, the lookbehind's longest width, or None when that is
    unbounded or over _MAX_REACH (then the lookaround is ignored)."""
    direction, body = av
    if direction >= 0:
        return 0
    width = _width(list(body))
    return width if width is not None and width <= _MAX_REACH else None


def _width(seq) -> int | None:
    """The longest a parsed sequence can be in the normal form (a run of whitespace is
    one character there); None when unbounded."""
    total = 0
    for op, av in seq:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY"):
            total += 1
            continue
        if name == "SUBPATTERN":
            part = _width(av[-1])
        elif name == "ATOMIC_GROUP":
            part = _width(av)
        elif name == "BRANCH":
            parts = [_width(alt) for alt in av[1]]
            part = None if None in parts else max(parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = av
            one = _width(body)
            if _sequence(body).exact == {" "}:
                part = 1  # \s+ is one space in the normal form
            elif one is None or high == sre_parse.MAXREPEAT:
                part = None
            else:
                part = one * high
        else:
            part = None
        if part is None:
            return None
        total += part
    return total


def _reach(seq) -> int:
    """The furthest any positive lookbehind of a parsed pattern looks back."""
    far = 0
    for op, av in seq:
        name = str(op)
        if name == "ASSERT":
            far = max(far, _assert_reach(av) or 0, _reach(av[1]))
        elif name == "ASSERT_NOT":
            continue
        elif name == "SUBPATTERN":
            far = max(far, _reach(av[-1]))
        elif name == "ATOMIC_GROUP":
            far = max(far, _reach(av))
        elif name == "BRANCH":
            far = max([far] + [_reach(alt) for alt in av[1]])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            far = max(far, _reach(av[2]))
    return far


def _zero_width(item) -> bool:
    """An item that neither adds characters nor requires any (a positive lookaround whose
    reach is known requires its own)."""
    name = str(item[0])
    return name in ("AT", "ASSERT_NOT") or (name == "ASSERT" and _assert_reach(item[1]) is None)


def _parse(pattern: str):
    return list(sre_parse.parse(_without_regex_syntax(pattern), re.IGNORECASE))


def reach(pattern: str) -> int:
    """How many characters before a match the prefilter must read for this pattern's
    lookbehinds (0 when it cannot be parsed: it is then always run anyway)."""
    try:
        return _reach(_parse(pattern))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return 0


def requirements(pattern: str) -> tuple[tuple[Clause, ...], ...]:
    """What any match of a pattern contains, as alternatives (one per branch of a
    pattern that is a single alternation, else one) of conjunctions of clauses, most
    selective clause first. A pattern with an alternative that requires nothing gives
    ((),): it is always run."""
    try:
        parsed = _parse(pattern)
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return ((),)
    body = [item for item in parsed if not _zero_width(item)]
    while len(body) == 1 and str(body[0][0]) == "SUBPATTERN":
        body = [item for item in body[0][1][-1] if not _zero_width(item)]
    if len(body) == 1 and str(body[0][0]) == "BRANCH":
        alternatives = tuple(_conjunction(_sequence(alt)) for alt in body[0][1][1])
    else:
        alternatives = (_conjunction(_sequence(parsed)),)
    if any(not conj for conj in alternatives):
        return ((),)
    return tuple(dict.fromkeys(alternatives))
