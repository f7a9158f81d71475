"""The temporal rule language: its schema, its compiler and the resources it builds
(word lists, normalisation tables and rules under models/temporal/<lang>/), beside the
interpreter that runs it (grammar.py).

Rules follow HeidelTime's shape (named, each with an example, referring to word lists
by name); a broken file fails at load time with the file, the line and the rule id.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import regex

from ..errors import ResourceError
from ..resources import load_list, load_table, load_yaml

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET", "REJECT"})
# None: Gregorian; lunar: a Vietnamese lunar date; lunar_eve: the day before it (the eve of
# Tết); sexagenary: a year named by its stem and branch
CALENDARS = frozenset({None, "lunar", "lunar_eve", "sexagenary"})
# relative: unit and shift of the move from the anchor; anchor: dct (the document date first,
# unless the story is set far from it), speaker (the document date whenever there is one: the
# speaker's "năm ngoái"), or dct_only; suffix: text appended to the value ("-WE"); since: year_start (from the year's first day);
# grain (REF only): day (the anchor's day, without its clock time) or period (the newest date coarser than a day)
# word lists read by code as plain phrases (pipeline/temporal/__init__.py), not by rules
PHRASE_LISTS = frozenset({"habitual", "climate", "future", "unmarked", "main_day", "past", "period_start"})
RELATIVE_KEYS = frozenset({"unit", "shift", "anchor", "suffix", "since", "grain", "weekend"})
# D day, W week, M month, Q quarter, Y year, DE decade, CE century, H hour, MIN minute; REF: the anchor as it
# is; PERIOD: the anchor's period in another year; DOM: the day (the shift) of the anchor's month;
# SEASON: a sports season or school year (two years running, "1979/1980") moved by the shift
RELATIVE_UNITS = frozenset({"D", "W", "M", "Q", "Y", "DE", "CE", "H", "MIN", "REF", "PERIOD", "DOM", "SEASON"})
RULE_KEYS = frozenset({"id", "pattern", "groups", "type", "value", "example", "expect", "mod", "relative",
                       "calendar", "note", "priority", "pod", "time", "narrative"})
# what a rule's `groups` may name to read a group, besides the tables of norm/ (a word's value
# there): day and month ("05"), count, quarter and century (digits, words, Roman numerals),
# year ("0043"), year_bc ("BC0044"), clock (an hour or a minute, "07"), digits (as written);
# grammar.py implements them
NORMALISERS = frozenset({"day", "month", "count", "quarter", "century", "year", "year_bc", "clock", "digits"})
_REF = regex.compile(r"\{(?:(?P<group>[a-z_]+[0-9]?):)?(?P<name>[a-z_]+)\}")
# Boundaries around every compiled pattern: no match may start or end inside a word,
# and a number may not continue with a slash, hyphen or dot followed by a digit.
_LEFT = r"(?<![\w/.\-])"
_RIGHT = r"(?![\w]|[/\-.]\d)"


@dataclass(frozen=True, slots=True)
class TimexRule:
    id: str
    type: str
    regex: Any
    value: str | None
    example: str
    expect: str | None  # the TIMEX3 value of the example (None for a REJECT rule); checked by the tests
    source: str
    line: int
    groups: dict[str, str]  # each named group of the pattern -> the normaliser that reads it
    mod: str | None = None
    relative: dict | None = None
    calendar: str | None = None
    pod: str | None = None
    time: str | None = None
    narrative: bool = True  # False: the value does not become the reference of later relative dates
    priority: int = 0


@dataclass
class TemporalResources:
    lists: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: list[TimexRule] = field(default_factory=list)
    # the prefilter's tables of what each rule's pattern requires (prefilter.prefilter_tables)
    # and the longest lookbehind, from the cache or worked out at load
    prefilter: dict | None = None
    reach: int = 0


class LazyPattern:
    """A rule's regular expression, compiled the first time it is used: a run that the
    prefilter never sends to a rule does not pay for compiling it. `.pattern` needs no
    compiling. Only patterns that compiled in an earlier load (the cache) are made lazy."""
    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def compiled(self):
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name):  # finditer, search, match, groupindex, ...
        return getattr(self.compiled(), name)


# A {reference} left after expansion (a regex quantifier is digits only, "{2}" or "{1,4}";
# \p{Lu} and \N{...} are regex syntax)
_BAD_REF = regex.compile(r"(?<!\\[pPN])\{[A-Za-z_][\w:]*\}")


def _expand(pattern: str, lists: dict[str, list[str]], path: Path, line: int, rule_id: str) -> str:
    def repl(m):
        name = m.group("name")
        if name not in lists:
            raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown list '{{{name}}}'")
        alt = lists[name]
        group = m.group("group")
        return f"(?P<{group}>{alt})" if group else alt
    expanded = _REF.sub(repl, pattern)
    leftover = _BAD_REF.search(expanded)
    if leftover:  # "{year4}": list names are letters and underscores only
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"bad list reference '{leftover.group(0)}'")
    # a space in a rule stands for any run of whitespace
    return expanded.replace(" ", r"\s+")


def load_temporal(models_dir: Path, lang: str = "vi", use_cache: bool = True) -> TemporalResources:
    """The word lists, tables and rules of models/temporal/<lang>/, and the prefilter's tables.

    What a load builds is kept in the cache (pipeline/cache.py) under a digest of these
    files and of the code that reads and analyses them: a load that finds it there reads
    it back, and the patterns compile lazily, on first use. Otherwise every file is read
    and checked and every pattern compiled (and so checked) now; only what loaded without
    an error is stored."""
    base = models_dir / "temporal" / lang
    key = _cache_key(base, lang) if use_cache else None
    cached = _from_cache(key)
    if cached is not None:
        return cached
    res = _build(base)
    if key:
        from .. import cache
        cache.write(key, _cache_data(res), replaces=f"temporal-{lang}-")
    return res


def _build(base: Path) -> TemporalResources:
    """Read, check and compile the files of one language folder."""
    res = TemporalResources()
    alts = _read_lists_and_tables(base, res)
    normalisers = NORMALISERS | set(res.tables)
    seen: dict[str, tuple[Path, int]] = {}
    for path in sorted((base / "rules").glob("*.yaml")):
        raw_text = path.read_text(encoding="utf-8")
        data = load_yaml(path) or []
        if not isinstance(data, list):
            raise ResourceError(path, reason="expected a list of rules")
        lines = _rule_lines(raw_text)
        for index, item in enumerate(data):
            line = lines[index] if index < len(lines) else None
            res.rules.append(_make_rule(item, alts, normalisers, path, line, seen))
    if not res.rules:
        raise ResourceError(base / "rules", reason="no temporal rules found")
    _analyse(res)
    return res


def _cache_key(base: Path, lang: str) -> str | None:
    """The cache name of this rule folder: a digest of its files and of the code that reads
    and analyses them, and of the versions of the libraries that do (regex, PyYAML)."""
    import yaml

    from .. import cache, resources
    from . import literals, prefilter
    try:
        code = [Path(module.__file__) for module in (resources, literals, prefilter)] + [Path(__file__)]
        files = [p for p in base.rglob("*") if p.is_file()] + code
        return f"temporal-{lang}-" + cache.digest(files, regex.__version__, yaml.__version__)
    except OSError:
        return None


_RULE_FIELDS = tuple(f.name for f in fields(TimexRule) if f.name != "regex")


def _cache_data(res: TemporalResources) -> dict:
    """What a load built, as JSON data (a rule's compiled pattern as its source)."""
    rules = [{"pattern": rule.regex.pattern, **{name: getattr(rule, name) for name in _RULE_FIELDS}}
             for rule in res.rules]
    return {"lists": res.lists, "tables": res.tables, "rules": rules, "prefilter": res.prefilter,
            "reach": res.reach}


def _from_cache(key: str | None) -> TemporalResources | None:
    """The resources stored under `key`, their patterns to compile on first use; None when
    there are none or they are not in the shape _cache_data writes."""
    from .. import cache
    stored = cache.read(key) if key else None
    if not isinstance(stored, dict):
        return None
    try:
        rules = [TimexRule(regex=LazyPattern(item["pattern"], PATTERN_FLAGS),
                           **{name: item[name] for name in _RULE_FIELDS if name != "groups"},
                           groups=dict(item["groups"]))
                 for item in stored["rules"]]
        tables = stored["prefilter"]
        if not (isinstance(stored["lists"], dict) and isinstance(stored["tables"], dict) and rules
                and all(isinstance(tables[k], list) for k in ("always", "alternatives", "strings"))):
            return None
        return TemporalResources(lists=stored["lists"], tables=stored["tables"], rules=rules, prefilter=tables,
                                 reach=int(stored["reach"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _read_lists_and_tables(base: Path, res: TemporalResources) -> dict[str, str]:
    """Fill res.lists and res.tables; the regex alternation each list or table name stands for."""
    for path in sorted((base / "norm").glob("*.tsv")):
        res.tables[path.stem] = load_table(path)
    alts: dict[str, str] = {}
    for path in sorted((base / "lists").glob("*.txt")):
        items = load_list(path)
        if path.stem in PHRASE_LISTS:  # read as lower-case phrases, never as regular expressions
            bad = [i for i in items if i != i.lower() or not all(ch.isalnum() or ch == " " for ch in i)]
            if bad:
                raise ResourceError(path, reason=f"phrases must be lower-case words: {bad[:3]}")
        res.lists[path.stem] = items
        alts[path.stem] = _list_regex(items, path)
    for name, table in res.tables.items():
        if name in alts:
            raise ResourceError(base / "norm" / f"{name}.tsv", reason=f"'{name}' is both a list and a table")
        if name in NORMALISERS:
            raise ResourceError(base / "norm" / f"{name}.tsv", reason=f"'{name}' is the name of a normaliser")
        alts[name] = _word_trie(table.keys())
    # lists may refer to other lists ({number_word} inside a day list): expand twice
    for _ in range(2):
        for name in list(alts):
            alts[name] = _REF.sub(lambda m: alts.get(m.group("name"), m.group(0)), alts[name])
    return alts


def _analyse(res: TemporalResources) -> None:
    """Fill res.prefilter and res.reach from the rules' patterns (literals.py)."""
    from . import literals
    from .prefilter import prefilter_tables
    patterns = [rule.regex.pattern for rule in res.rules]
    res.prefilter = prefilter_tables([literals.requirements(p) for p in patterns])
    res.reach = max((literals.reach(p) for p in patterns), default=0)


def _list_regex(items: list[str], path: Path) -> str:
    """Items are literal words, except those written `re:<pattern>`, which are regexes."""
    literal = [i for i in items if not i.startswith("re:")]
    patterns = [i[3:].strip() for i in items if i.startswith("re:")]
    parts = ([_word_trie(literal)] if literal else []) + [f"(?:{p})" for p in patterns]
    return "(?:" + "|".join(parts) + ")"


def _word_trie(words) -> str:
    """The alternation of literal words written as a trie ("m(?:ười(?:\\s+một)?|ấy)"): the
    engine follows one branch per letter instead of trying every word at every position,
    and a longer word is still tried before its own prefix ("mười một" before "mười")."""
    tree: dict = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch.isspace() else regex.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(tree) + ")"


def _rule_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- id:")]


PATTERN_FLAGS = regex.IGNORECASE | regex.V0


def _make_rule(item: Any, alts: dict[str, str], normalisers: set[str], path: Path, line: int | None,
               seen: dict) -> TimexRule:
    """A rule from its YAML item, its pattern compiled (and so checked)."""
    rule_id = _check_item(item, path, line, seen)
    full = _full_pattern(str(item["pattern"]), alts, path, line, rule_id)
    compiled, names = _compile(full, path, line, rule_id)
    groups = _check_groups(item.get("groups"), names, normalisers, path, line, rule_id)
    value = item.get("value")
    _check_value_refs(value, names, path, line, rule_id)
    return TimexRule(
        id=rule_id, type=item["type"], regex=compiled, value=None if value is None else str(value),
        example=str(item["example"]), expect=item["expect"], source=path.name, line=line or 0, groups=groups,
        mod=item.get("mod"), relative=item.get("relative"), calendar=item.get("calendar"),
        pod=item.get("pod"), time=item.get("time"),
        narrative=bool(item.get("narrative", True)),
        priority=int(item.get("priority", 0)),
    )


def _check_item(item: Any, path: Path, line: int | None, seen: dict) -> str:
    """The id of a rule item whose id, keys, type, calendar and `relative` are valid; a
    ResourceError for the first that is not."""
    rule_id = _check_id(item, path, line, seen)
    for key in ("pattern", "type", "example"):
        if not item.get(key):
            raise ResourceError(path, line=line, rule_id=rule_id, reason=f"missing '{key}'")
    if item["type"] not in TIMEX_TYPES:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown type '{item['type']}'")
    if not isinstance(item.get("calendar"), (str, type(None))) or item.get("calendar") not in CALENDARS:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown calendar '{item['calendar']}'")
    if item.get("relative") is not None:
        _check_relative(item["relative"], path, line, rule_id)
    if item["type"] != "REJECT" and not item.get("value") and not item.get("relative"):
        raise ResourceError(path, line=line, rule_id=rule_id, reason="needs a 'value' or 'relative'")
    _check_expect(item, path, line, rule_id)
    return rule_id


def _check_groups(named: Any, names: tuple[str, ...], normalisers: set[str], path: Path, line: int | None,
                  rule_id: str) -> dict[str, str]:
    """A rule's `groups`: for each named group of its pattern and no other, the normaliser
    that reads it, one of NORMALISERS or a table of norm/."""
    named = {} if named is None else named
    if not isinstance(named, dict) or not all(isinstance(n, str) for n in named.values()):
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason="'groups' maps each group to its normaliser ({day: day, pod: part_of_day})")
    missing = [g for g in names if g not in named]
    if missing:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"'groups' names no normaliser for '{missing[0]}'")
    extra = [g for g in named if g not in names]
    if extra:
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason=f"'groups' names '{extra[0]}', which the pattern does not capture")
    unknown = [(g, n) for g, n in named.items() if n not in normalisers]
    if unknown:
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason=f"unknown normaliser '{unknown[0][1]}' for '{unknown[0][0]}' "
                                   f"(one of {sorted(NORMALISERS)} or a table of norm/)")
    return {str(g): named[g] for g in names}


def _check_expect(item: dict, path: Path, line: int | None, rule_id: str) -> None:
    """A rule states the value its example gives: a quoted TIMEX3 value ("1975-04-30"; YAML
    would read 1975 as a number and 1975-04-30 as a date), null for a REJECT rule."""
    if "expect" not in item:
        raise ResourceError(path, line=line, rule_id=rule_id, reason="missing 'expect' (the example's value)")
    expect = item["expect"]
    if item["type"] == "REJECT":
        if expect is not None:
            raise ResourceError(path, line=line, rule_id=rule_id,
                                reason="a REJECT rule expects nothing: 'expect: null'")
    elif not isinstance(expect, str) or not expect.strip():
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason=f"'expect' must be a quoted TIMEX3 value, not {expect!r}")


def _check_id(item: Any, path: Path, line: int | None, seen: dict) -> str:
    """The id of a rule item that has one, no unknown keys and an id not used before (then
    recorded in `seen`, with its file and line)."""
    if not isinstance(item, dict) or "id" not in item:
        raise ResourceError(path, line=line, reason="each rule needs an 'id'")
    rule_id = str(item["id"])
    unknown = set(item) - RULE_KEYS
    if unknown:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown keys {sorted(unknown)}")
    if rule_id in seen:
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason=f"duplicate rule id (first at {seen[rule_id][0].name}:{seen[rule_id][1]})")
    seen[rule_id] = (path, line or 0)
    return rule_id


def _check_relative(rel: Any, path: Path, line: int | None, rule_id: str) -> None:
    """A rule's `relative` takes only the known keys, anchors, starts and units."""
    if not isinstance(rel, dict) or set(rel) - RELATIVE_KEYS:
        raise ResourceError(path, line=line, rule_id=rule_id,
                            reason=f"'relative' takes only {sorted(RELATIVE_KEYS)}")
    if rel.get("anchor") not in (None, "dct", "speaker", "dct_only") or rel.get("since") not in (None, "year_start") \
            or rel.get("weekend") not in (None, "current"):
        raise ResourceError(path, line=line, rule_id=rule_id, reason="bad 'anchor', 'since' or 'weekend' in 'relative'")
    unit = str(rel.get("unit", "D"))
    if unit not in RELATIVE_UNITS and not TEMPLATE_FIELD.fullmatch(unit):
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown relative unit '{unit}'")


def _full_pattern(pattern: str, alts: dict[str, str], path: Path, line: int | None, rule_id: str) -> str:
    """A rule's pattern with its lists expanded and the word boundaries around it."""
    source = _expand(pattern, alts, path, line, rule_id)
    if "[[:" in source:  # a POSIX class: `regex` reads it, the prefilter's parser would misread it
        raise ResourceError(path, line=line, rule_id=rule_id, reason="POSIX classes ([[:alpha:]]) are not allowed")
    # every match starts with a letter or a digit: the leading \\b lets the engine skip
    # the inside of words quickly (a rule that starts otherwise fails its example test)
    return r"\b" + _LEFT + "(?:" + source + ")" + _RIGHT


def _compile(full: str, path: Path, line: int | None, rule_id: str) -> tuple[Any, tuple[str, ...]]:
    """The compiled pattern and its group names; a ResourceError when it does not compile."""
    try:
        compiled = regex.compile(full, PATTERN_FLAGS)
    except regex.error as exc:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"pattern does not compile: {exc}") from None
    return compiled, tuple(sorted(compiled.groupindex))


def _check_value_refs(value: Any, groups: tuple[str, ...], path: Path, line: int | None, rule_id: str) -> None:
    """Every group a value template refers to ({group} or {fn(group,group)}) is one of the
    pattern's groups, its numbered twin, or a year or mod left open."""
    for m in TEMPLATE_FIELD.finditer(str(value or "")):
        refs = m.group(2).split(",") if m.group(2) else [m.group(1)]
        for ref in refs:
            if ref not in groups and ref.rstrip("0123456789") not in groups and ref not in {"year", "mod"}:
                raise ResourceError(path, line=line, rule_id=rule_id,
                                    reason=f"value refers to unknown group '{ref}'")

# A field of a value template: {group} or {function(arg,arg)}
TEMPLATE_FIELD = regex.compile(r"\{([a-z_0-9]+)(?:\(([a-z_0-9,]+)\))?\}")


