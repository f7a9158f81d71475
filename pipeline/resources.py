"""Load and validate the plain data under models/: word lists, tables, YAML and JSON
lines, gazetteers, entity cues and patterns, trigger lexicons (the temporal rule
language has its own module, pipeline/temporal/rules.py).

Every file is plain data with a header comment naming its format and source. A
broken file fails here, at load time, with the file, the line and the rule id
(HeidelTime checks its rules the same way). Regular expressions are compiled out of
data only here and in pipeline/temporal/rules.py.
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

def default_models_dir() -> Path:
    """The models/ folder that ships inside the installed package."""
    return Path(str(importlib_resources.files("pipeline.models")))


def models_path(models_dir: str | Path | None) -> Path:
    path = Path(models_dir) if models_dir else default_models_dir()
    if not path.is_dir():
        raise ResourceError(path, reason="models folder not found")
    return path


def _read(path: Path) -> str:
    """A data file's text; ResourceError naming it when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(path, reason=f"cannot read: {exc}") from None


def _data_lines(path: Path):
    """Yield (line_number, text) of the non-comment, non-blank lines of a text file."""
    for number, line in enumerate(_read(path).splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line.rstrip("\n")


def _require_header(path: Path) -> None:
    if "FORMAT:" not in _read(path)[:2000]:
        raise ResourceError(path, line=1, reason="missing 'FORMAT:' header comment")


def table_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of the data lines of a table with a FORMAT header;
    ResourceError when it has none or no rows."""
    _require_header(path)
    rows = [(number, line.split("\t")) for number, line in _data_lines(path)]
    if not rows:
        raise ResourceError(path, reason="no entries")
    return rows


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


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: the same documents, faster


def load_yaml(path: Path) -> Any:
    _require_header(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
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


@dataclass
class EntityResources:
    gazetteer: list[dict] = field(default_factory=list)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    patterns: list[tuple[str, str, Any]] = field(default_factory=list)  # (id, label, compiled)
    # canonical name -> (ids as (scheme, id) pairs, (lat, lon) or None) of places and states
    places: dict[str, tuple[tuple[tuple[str, Any], ...], tuple[float, float] | None]] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()  # as written: "John", "Thiago" (entities/given_names.txt)


ENTITY_LABELS = frozenset({"PER", "LOC", "GPE", "ORG", "EVENT", "MISC"})
CUE_LISTS = ("person_titles", "person_cues", "title_links", "org_heads", "loc_heads", "event_heads",
             "misc_heads", "competition_words", "person_verbs", "event_phrases", "thing_cues", "loc_preps", "loc_targets", "not_names", "opening_verbs",
             "admin_units", "surnames", "name_stops", "foreign_function_words", "place_nouns",
             "feature_nouns", "person_suffixes", "org_words", "org_final_words", "name_particles",
             "dynasty_nouns", "kind_words", "foreign_org_words", "street_nouns", "named_heads", "people_named_heads",
             "interface_words", "legal_forms", "address_words", "business_cues", "company_heads",
             "sport_words", "sport_verbs", "org_links", "opening_kin", "place_only_preps", "state_heads",
             "list_joins", "located_heads")
PLACE_IDS_FILE = "place_ids.jsonl"  # in gazetteers/: the ids of names, not a gazetteer (scripts/build_gazetteers.py)


def load_entities(models_dir: Path, fold) -> EntityResources:
    """Gazetteers, cue lists and name patterns; `fold` is the matching key function."""
    res = EntityResources()
    res.gazetteer = _load_gazetteer(models_dir / "gazetteers", fold)
    res.places = _load_places(models_dir / "gazetteers", res.gazetteer)
    res.cues = _load_cues(models_dir / "entities" / "cues.yaml", fold)
    res.cues["loc_preps"] |= locatives(models_dir, fold)
    res.patterns = _load_patterns(models_dir / "entities" / "patterns.yaml")
    res.given_names = frozenset(load_list(models_dir / "entities" / "given_names.txt"))
    return res


def locatives(models_dir: Path, fold) -> frozenset[str]:
    """The prepositions that place what follows them (text/locatives.txt), folded: part of
    the entities' loc_preps and of the events' location role."""
    return _folded(load_list(models_dir / "text" / "locatives.txt"), fold)


def _load_gazetteer(gdir: Path, fold) -> list[dict]:
    """The rows of every gazetteers/*.jsonl, the hand-curated file first: its rows win over
    generated ones for the same name."""
    rows = []
    for path in sorted(gdir.glob("*.jsonl"), key=lambda p: (p.name != "curated.jsonl", p.name)):
        if path.name == PLACE_IDS_FILE:
            continue
        _require_header(path)
        rows += [_gazetteer_row(path, row, fold) for row in load_jsonl(path)]
    return rows


def _gazetteer_row(path: Path, row: dict, fold) -> dict:
    """One gazetteer row, checked, with the name of its file ("file": "countries"); its
    'after' words (it is taken only after one of them, "quân Minh") folded into a set."""
    if not {"name", "label", "canonical"} <= set(row) or row["label"] not in ENTITY_LABELS:
        raise ResourceError(path, reason=f"bad gazetteer row {row!r}")
    row["file"] = path.stem
    if "after" in row:
        if not isinstance(row["after"], list) or not row["after"]:
            raise ResourceError(path, reason=f"'after' must be a list of words in {row!r}")
        row["after"] = frozenset(fold(str(w)) for w in row["after"])
    return row


def _load_places(gdir: Path, gazetteer: list[dict]) -> dict:
    """canonical -> (ids, coordinates) of the places and states the gazetteers name: the rows
    of place_ids.jsonl (the curated names), then the countries' ISO codes and GeoNames ids,
    then the cities' GeoNames ids and coordinates; the first row of a canonical wins. Every
    row of place_ids.jsonl must name a canonical of the gazetteers."""
    path = gdir / PLACE_IDS_FILE
    _require_header(path)
    canonicals = {row["canonical"] for row in gazetteer}
    places: dict = {}
    for row in load_jsonl(path):
        if row.get("canonical") not in canonicals:
            raise ResourceError(path, reason=f"no gazetteer entry is named {row.get('canonical')!r}")
        places.setdefault(row["canonical"], _place(row, row.get("iso3166")))
    for row in gazetteer:
        country = row["file"] == "countries"
        if row["name"] == row["canonical"] and ("geonames" in row or country):
            places.setdefault(row["canonical"], _place(row, row["code"] if country else None))
    return places


def _place(row: dict, iso3166: str | None) -> tuple[tuple[tuple[str, Any], ...], tuple[float, float] | None]:
    """(ids, coordinates) of a row with geonames and perhaps lat/lon; `iso3166` when it is a country."""
    ids = tuple((k, v) for k, v in (("geonames", row.get("geonames")), ("iso3166", iso3166)) if v)
    coordinates = (row["lat"], row["lon"]) if "lat" in row and "lon" in row else None
    return ids, coordinates


def _load_cues(path: Path, fold) -> dict[str, frozenset[str]]:
    """Each list of CUE_LISTS in entities/cues.yaml, folded."""
    cues = load_yaml(path) or {}
    out: dict[str, frozenset[str]] = {}
    for name in CUE_LISTS:
        if not isinstance(cues.get(name), list):
            raise ResourceError(path, reason=f"missing list '{name}'")
        out[name] = _folded(cues[name], fold)
    return out


def _load_patterns(path: Path) -> list[tuple[str, str, Any]]:
    """(id, label, compiled) of each name pattern of entities/patterns.yaml, which must
    compile and match its example."""
    patterns = []
    for item in load_yaml(path) or []:
        try:
            compiled = regex.compile(item["pattern"])
        except (KeyError, regex.error) as exc:
            raise ResourceError(path, rule_id=item.get("id"), reason=f"bad pattern: {exc}") from None
        if not compiled.fullmatch(item.get("example", "")):
            raise ResourceError(path, rule_id=item.get("id"), reason="example does not match")
        patterns.append((item["id"], item["label"], compiled))
    return patterns


def _folded(words, fold) -> frozenset[str]:
    """The matching keys of a list of words from a data file."""
    return frozenset(fold(str(w)) for w in words)


@dataclass
class EventResources:
    triggers: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded words -> (type, flag)
    modality: dict[str, str] = field(default_factory=dict)  # folded cue -> modality name
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    shift_cues: frozenset[str] = frozenset()  # connectives that move the story off a date
    continue_cues: frozenset[str] = frozenset()  # sentence openers that go on in the narrative's time
    frame_cues: frozenset[str] = frozenset()  # openers whose phrase's date frames the sentence ("Trong")
    bound_cues: frozenset[str] = frozenset()  # "sau" before a date: a bound, not the event's date
    tense_cues: frozenset[str] = frozenset()  # "sẽ", "đã": a date before one and a verb is that verb's
    until_cues: frozenset[str] = frozenset()  # "cho đến" before a date: the end of a state, no event's date
    joined_words: frozenset[str] = frozenset()  # "đã", "bị": may stand between two verbs joined by "và"
    bounding_cues: frozenset[str] = frozenset()  # "sau khi": the event after it is a bound, undated
    spatial_cues: frozenset[str] = frozenset()  # "phía" of "phía sau": a place, not a bound
    simultaneous_cues: frozenset[str] = frozenset()  # "đồng thời": the clause is the main one's moment
    during_cues: frozenset[str] = frozenset()  # "trong một cuộc": a verb happened in the event noun after it
    when_cues: frozenset[str] = frozenset()  # ", khi ...": a clause at its main clause's moment
    conjunctions: frozenset[str] = frozenset()  # "nhưng vào năm 1934, ...": the date opens a new clause
    only_then: frozenset[str] = frozenset()  # "chỉ đến năm 1880, X mới ...": the date is the later clause's
    setting_cues: frozenset[str] = frozenset()  # "Tại buổi họp báo sáng nay, ...": a fronted setting
    directionals: frozenset[str] = frozenset()  # "ra", "vào": completing a movement verb before them
    tails: frozenset[str] = frozenset()  # function words cut off a trigger's end ("việc", "bản")
    support: frozenset[str] = frozenset()  # "mở", "tổ chức": no trigger when carrying another event
    copulas: frozenset[str] = frozenset()  # "làm" of "phong X làm Y": part of the appointment
    light_appointers: frozenset[str] = frozenset()  # "lấy" of "lấy X làm Y": yields to the copula
    order: dict[str, frozenset[str]] = field(default_factory=dict)  # cues that order two events
    sport_cues: frozenset[str] = frozenset()  # words of a game: its wins and matches are Other
    sport_other: frozenset[str] = frozenset()  # "đánh bại", "thắng": Other in a game
    aspectual: frozenset[str] = frozenset()  # "bắt đầu" after the event it tells of: no trigger
    senses: dict[str, frozenset[str]] = field(default_factory=dict)  # joining/leaving/becoming verbs, offices
    admin_units: frozenset[str] = frozenset()  # "huyện" after a comma: a place's apposition, no new clause
    max_trigger_words: int = 1


TRIGGER_FLAGS = frozenset({"", "weak", "light"})


def load_events(models_dir: Path, fold) -> EventResources:
    """Trigger words, modality and role cues, timing cues, directionals, tails and support
    words of events/triggers.yaml; `fold` is the matching key function."""
    path = models_dir / "events" / "triggers.yaml"
    data = load_yaml(path) or {}
    res = EventResources()
    for key in ("triggers", "modality", "roles"):
        if not isinstance(data.get(key), dict):
            raise ResourceError(path, reason=f"missing mapping '{key}'")
    res.triggers = _load_triggers(path, data["triggers"], fold)
    res.max_trigger_words = max([1, *(len(key.split()) for key in res.triggers)])
    res.modality = {fold(str(w)): name for name, words in data["modality"].items() for w in words}
    res.roles = {name: _folded(words, fold) for name, words in data["roles"].items()}
    res.roles["location"] = res.roles.get("location", frozenset()) | locatives(models_dir, fold)
    for attribute, words in _timing_cues(path, data.get("timing") or {}, fold).items():
        setattr(res, attribute, words)
    for key in ("directionals", "tails", "support", "copulas", "light_appointers"):
        setattr(res, key, _folded(data.get(key) or [], fold))
    res.order = {name: _folded(words, fold) for name, words in (data.get("order") or {}).items()}
    sport = data.get("sport") or {}
    res.sport_cues, res.sport_other = _folded(sport.get("cues") or [], fold), _folded(sport.get("other") or [], fold)
    res.senses = {name: _folded(words, fold) for name, words in (data.get("senses") or {}).items()}
    res.aspectual = _folded(data.get("aspectual") or [], fold)
    res.admin_units = _load_cues(models_dir / "entities" / "cues.yaml", fold)["admin_units"]
    return res


def _load_triggers(path: Path, triggers: dict, fold) -> dict[str, tuple[str, str]]:
    """The 'triggers' mapping of triggers.yaml (event type -> words, each with an optional
    '|flag') -> {folded words: (event type, flag)}; a word has one type only."""
    out: dict[str, tuple[str, str]] = {}
    for etype, words in triggers.items():
        if "." not in etype and etype != "Other":
            raise ResourceError(path, rule_id=etype, reason="event types are written Category.Subtype")
        for entry in words:
            word, flag = _trigger_entry(path, etype, entry)
            key = fold(word.strip())
            if key in out and out[key][0] != etype:
                raise ResourceError(path, rule_id=etype,
                                    reason=f"'{word}' is already a trigger of {out[key][0]}")
            out[key] = (etype, flag)
    return out


def _trigger_entry(path: Path, etype: str, entry) -> tuple[str, str]:
    """'word|flag' -> (word, flag), the flag one of TRIGGER_FLAGS ('' when there is none)."""
    word, _, flag = str(entry).partition("|")
    if flag not in TRIGGER_FLAGS:
        raise ResourceError(path, rule_id=etype, reason=f"unknown flag '{flag}' on '{word}'")
    return word, flag


# each list of the 'timing' mapping of triggers.yaml -> the EventResources attribute it fills
TIMING_LISTS = {"shift": "shift_cues", "continue": "continue_cues", "frame": "frame_cues", "bound": "bound_cues",
                "tense": "tense_cues", "until": "until_cues", "joined": "joined_words", "bounding": "bounding_cues",
                "spatial": "spatial_cues", "simultaneous": "simultaneous_cues", "during": "during_cues",
                "when": "when_cues", "conjunctions": "conjunctions", "only_then": "only_then",
                "setting": "setting_cues"}


def _timing_cues(path: Path, timing: dict, fold) -> dict[str, frozenset[str]]:
    """The EventResources attribute -> folded words of each list of the 'timing' mapping of
    triggers.yaml (TIMING_LISTS); 'shift' is required, the others may be left out."""
    if not isinstance(timing.get("shift"), list):
        raise ResourceError(path, reason="missing list 'timing.shift'")
    return {attribute: _folded(timing.get(key) or [], fold) for key, attribute in TIMING_LISTS.items()}

