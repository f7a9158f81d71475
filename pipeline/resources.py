"""Load and validate everything under models/: word lists, normalisation tables,
temporal rules, gazetteers, entity cues and trigger lexicons.

Every file is plain data with a header comment naming its format and source. A
broken file fails here, at load time, with the file, the line and the rule id
(HeidelTime checks its rules the same way). This is the only module that compiles
regular expressions out of data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import regex
import yaml

from .errors import ResourceError

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET", "REJECT"})
# None: Gregorian; lunar: a Vietnamese lunar date; lunar_eve: the day before it (the eve of
# Tết); sexagenary: a year named by its stem and branch
CALENDARS = frozenset({None, "lunar", "lunar_eve", "sexagenary"})
# relative: unit and shift of the move from the anchor; anchor: dct (the document date first) or
# dct_only; suffix: text appended to the value ("-WE"); since: year_start (from the year's first day)
# word lists read by code as plain phrases (pipeline/temporal/__init__.py), not by rules
PHRASE_LISTS = frozenset({"habitual", "climate"})
RELATIVE_KEYS = frozenset({"unit", "shift", "anchor", "suffix", "since"})
# D day, W week, M month, Q quarter, Y year, DE decade, CE century, H hour, MIN minute; REF: the anchor as it
# is; PERIOD: the anchor's period in another year
RELATIVE_UNITS = frozenset({"D", "W", "M", "Q", "Y", "DE", "CE", "H", "MIN", "REF", "PERIOD"})
RULE_KEYS = frozenset({"id", "pattern", "type", "value", "example", "mod", "relative", "calendar",
                       "note", "priority", "pod", "time", "year_from_context", "confidence", "narrative"})
_REF = regex.compile(r"\{(?:(?P<group>[a-z_]+[0-9]?):)?(?P<name>[a-z_]+)\}")
# Boundaries around every compiled pattern: no match may start or end inside a word,
# and a number may not continue with a slash, hyphen or dot followed by a digit.
_LEFT = r"(?<![\w/.\-])"
_RIGHT = r"(?![\w]|[/\-.]\d)"


def default_models_dir() -> Path:
    """The models/ folder that ships inside the installed package."""
    return Path(str(importlib_resources.files("pipeline.models")))


def models_path(models_dir: str | Path | None) -> Path:
    path = Path(models_dir) if models_dir else default_models_dir()
    if not path.is_dir():
        raise ResourceError(path, reason="models folder not found")
    return path


def _data_lines(path: Path):
    """Yield (line_number, text) of the non-comment, non-blank lines of a text file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(path, reason=f"cannot read: {exc}") from None
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line.rstrip("\n")


def _require_header(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:2000]
    if "FORMAT:" not in head:
        raise ResourceError(path, line=1, reason="missing 'FORMAT:' header comment")


def load_list(path: Path) -> list[str]:
    """A word list: one alternative per line."""
    _require_header(path)
    return [line.strip() for _, line in _data_lines(path)]


def load_table(path: Path) -> dict[str, str]:
    """A normalisation table: `surface<TAB>value` per line; surfaces are matched lower-cased."""
    _require_header(path)
    table: dict[str, str] = {}
    for number, line in _data_lines(path):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise ResourceError(path, line=number, reason="expected 'surface<TAB>value'")
        key = parts[0].strip().lower()
        if key in table and table[key] != parts[1].strip():
            raise ResourceError(path, line=number, reason=f"'{key}' maps to two values")
        table[key] = parts[1].strip()
    return table


def load_yaml(path: Path) -> Any:
    _require_header(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ResourceError(path, line=(line + 1) if line is not None else None,
                            reason=f"invalid YAML: {exc}") from None


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in _data_lines(path):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ResourceError(path, line=number, reason=f"invalid JSON: {exc.msg}") from None
    return rows


@dataclass(frozen=True, slots=True)
class TimexRule:
    id: str
    type: str
    regex: Any
    value: str | None
    example: str
    source: str
    line: int
    groups: tuple[str, ...]
    mod: str | None = None
    relative: dict | None = None
    calendar: str | None = None
    pod: str | None = None
    time: str | None = None
    year_from_context: bool = False
    narrative: bool = True  # False: the value does not become the reference of later relative dates
    priority: int = 0
    confidence: float = 0.9


@dataclass
class TemporalResources:
    lists: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: list[TimexRule] = field(default_factory=list)


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


def load_temporal(models_dir: Path, lang: str = "vi") -> TemporalResources:
    base = models_dir / "temporal" / lang
    res = TemporalResources()
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
        alts[name] = _word_trie(table.keys())
    # lists may refer to other lists ({number_word} inside a day list): expand twice
    for _ in range(2):
        for name in list(alts):
            alts[name] = _REF.sub(lambda m: alts.get(m.group("name"), m.group(0)), alts[name])
    seen: dict[str, tuple[Path, int]] = {}
    for path in sorted((base / "rules").glob("*.yaml")):
        raw_text = path.read_text(encoding="utf-8")
        data = load_yaml(path) or []
        if not isinstance(data, list):
            raise ResourceError(path, reason="expected a list of rules")
        lines = _rule_lines(raw_text)
        for index, item in enumerate(data):
            line = lines[index] if index < len(lines) else None
            res.rules.append(_make_rule(item, alts, path, line, seen))
    if not res.rules:
        raise ResourceError(base / "rules", reason="no temporal rules found")
    return res


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


def _make_rule(item: Any, alts: dict[str, str], path: Path, line: int | None, seen: dict) -> TimexRule:
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
    for key in ("pattern", "type", "example"):
        if not item.get(key):
            raise ResourceError(path, line=line, rule_id=rule_id, reason=f"missing '{key}'")
    if item["type"] not in TIMEX_TYPES:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown type '{item['type']}'")
    if not isinstance(item.get("calendar"), (str, type(None))) or item.get("calendar") not in CALENDARS:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown calendar '{item['calendar']}'")
    rel = item.get("relative")
    if rel is not None:
        if not isinstance(rel, dict) or set(rel) - RELATIVE_KEYS:
            raise ResourceError(path, line=line, rule_id=rule_id,
                                reason=f"'relative' takes only {sorted(RELATIVE_KEYS)}")
        if rel.get("anchor") not in (None, "dct", "dct_only") or rel.get("since") not in (None, "year_start"):
            raise ResourceError(path, line=line, rule_id=rule_id, reason="bad 'anchor' or 'since' in 'relative'")
        unit = str(rel.get("unit", "D"))
        if unit not in RELATIVE_UNITS and not TEMPLATE_FIELD.fullmatch(unit):
            raise ResourceError(path, line=line, rule_id=rule_id, reason=f"unknown relative unit '{unit}'")
    if item["type"] != "REJECT" and not item.get("value") and not item.get("relative"):
        raise ResourceError(path, line=line, rule_id=rule_id, reason="needs a 'value' or 'relative'")
    source = _expand(str(item["pattern"]), alts, path, line, rule_id)
    if "[[:" in source:  # a POSIX class: `regex` reads it, the prefilter's parser would misread it
        raise ResourceError(path, line=line, rule_id=rule_id, reason="POSIX classes ([[:alpha:]]) are not allowed")
    try:
        # every match starts with a letter or a digit: the leading \\b lets the engine skip
        # the inside of words quickly (a rule that starts otherwise fails its example test)
        compiled = regex.compile(r"\b" + _LEFT + "(?:" + source + ")" + _RIGHT, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise ResourceError(path, line=line, rule_id=rule_id, reason=f"pattern does not compile: {exc}") from None
    groups = tuple(sorted(compiled.groupindex))
    value = item.get("value")
    for m in TEMPLATE_FIELD.finditer(str(value or "")):
        refs = m.group(2).split(",") if m.group(2) else [m.group(1)]
        for ref in refs:
            if ref not in groups and ref.rstrip("0123456789") not in groups and ref not in {"year", "mod"}:
                raise ResourceError(path, line=line, rule_id=rule_id,
                                    reason=f"value refers to unknown group '{ref}'")
    return TimexRule(
        id=rule_id, type=item["type"], regex=compiled, value=None if value is None else str(value),
        example=str(item["example"]), source=path.name, line=line or 0, groups=groups,
        mod=item.get("mod"), relative=item.get("relative"), calendar=item.get("calendar"),
        pod=item.get("pod"), time=item.get("time"), year_from_context=bool(item.get("year_from_context")),
        narrative=bool(item.get("narrative", True)),
        priority=int(item.get("priority", 0)), confidence=float(item.get("confidence", 0.9)),
    )

# A field of a value template: {group} or {function(arg,arg)}
TEMPLATE_FIELD = regex.compile(r"\{([a-z_0-9]+)(?:\(([a-z_0-9,]+)\))?\}")


@dataclass
class EntityResources:
    gazetteer: list[dict] = field(default_factory=list)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    patterns: list[tuple[str, str, Any]] = field(default_factory=list)  # (id, label, compiled)


ENTITY_LABELS = frozenset({"PER", "LOC", "GPE", "ORG", "EVENT", "MISC"})
CUE_LISTS = ("person_titles", "person_cues", "title_links", "org_heads", "loc_heads", "event_heads",
             "misc_heads", "event_phrases", "thing_cues", "loc_preps", "loc_targets", "not_names",
             "admin_units", "surnames", "name_stops", "foreign_function_words", "place_nouns",
             "feature_nouns", "person_suffixes", "org_words", "org_final_words", "name_particles",
             "dynasty_nouns")


def load_entities(models_dir: Path, fold) -> EntityResources:
    """Gazetteers, cue lists and name patterns; `fold` is the matching key function."""
    res = EntityResources()
    gdir = models_dir / "gazetteers"
    # the hand-curated file first: its rows win over generated ones for the same name
    for path in sorted(gdir.glob("*.jsonl"), key=lambda p: (p.name != "curated.jsonl", p.name)):
        _require_header(path)
        for row in load_jsonl(path):
            if not {"name", "label", "canonical"} <= set(row) or row["label"] not in ENTITY_LABELS:
                raise ResourceError(path, reason=f"bad gazetteer row {row!r}")
            if "after" in row:  # taken only after one of these words ("quân Minh"), compared folded
                if not isinstance(row["after"], list) or not row["after"]:
                    raise ResourceError(path, reason=f"'after' must be a list of words in {row!r}")
                row["after"] = frozenset(fold(str(w)) for w in row["after"])
            res.gazetteer.append(row)
    cues_path = models_dir / "entities" / "cues.yaml"
    cues = load_yaml(cues_path) or {}
    for name in CUE_LISTS:
        if not isinstance(cues.get(name), list):
            raise ResourceError(cues_path, reason=f"missing list '{name}'")
        res.cues[name] = frozenset(fold(str(w)) for w in cues[name])
    pat_path = models_dir / "entities" / "patterns.yaml"
    for item in load_yaml(pat_path) or []:
        try:
            compiled = regex.compile(item["pattern"])
        except (KeyError, regex.error) as exc:
            raise ResourceError(pat_path, rule_id=item.get("id"), reason=f"bad pattern: {exc}") from None
        if not compiled.fullmatch(item.get("example", "")):
            raise ResourceError(pat_path, rule_id=item.get("id"), reason="example does not match")
        res.patterns.append((item["id"], item["label"], compiled))
    return res


@dataclass
class EventResources:
    triggers: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded words -> (type, flag)
    modality: dict[str, str] = field(default_factory=dict)  # folded cue -> modality name
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    max_trigger_words: int = 1


TRIGGER_FLAGS = frozenset({"", "weak", "light"})


def load_events(models_dir: Path, fold) -> EventResources:
    path = models_dir / "events" / "triggers.yaml"
    data = load_yaml(path) or {}
    res = EventResources()
    for key in ("triggers", "modality", "roles"):
        if not isinstance(data.get(key), dict):
            raise ResourceError(path, reason=f"missing mapping '{key}'")
    for etype, words in data["triggers"].items():
        if "." not in etype and etype != "Other":
            raise ResourceError(path, rule_id=etype, reason="event types are written Category.Subtype")
        for entry in words:
            word, _, flag = str(entry).partition("|")
            if flag not in TRIGGER_FLAGS:
                raise ResourceError(path, rule_id=etype, reason=f"unknown flag '{flag}' on '{word}'")
            key = fold(word.strip())
            if key in res.triggers and res.triggers[key][0] != etype:
                raise ResourceError(path, rule_id=etype,
                                    reason=f"'{word}' is already a trigger of {res.triggers[key][0]}")
            res.triggers[key] = (etype, flag)
            res.max_trigger_words = max(res.max_trigger_words, len(key.split()))
    for name, words in data["modality"].items():
        for w in words:
            res.modality[fold(str(w))] = name
    res.roles = {name: frozenset(fold(str(w)) for w in words) for name, words in data["roles"].items()}
    return res
