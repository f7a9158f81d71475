"""`vnevents show`: a rich terminal table of the events of a document record or of
timeline.json, with the contract's filters (--type, --from, --to, --entity)."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from types import MappingProxyType

import typer

from .days import month_days, parse_day
from .errors import Messages, PipelineError
from .io.normalize import fold, strip_marks
from .ontology import load_ontology
from .records import event_names

# Message texts of this module (errors.Messages holds the shared ones).
NOT_A_DATE = "{option} '{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a leading '-' for years BC)"
EMPTY_RANGE = "--from {date_from} is after --to {date_to}"
# Width of the table when the output is not a terminal.
_PIPE_WIDTH = 160

class FilterError(PipelineError, typer.BadParameter):
    """A filter value the command cannot use. It is a PipelineError, so the CLI can report it
    in one line like any other; and a usage error of the command line (typer's BadParameter), so even uncaught it ends in
    exit 2 with no traceback."""


# --- reading -------------------------------------------------------------------

def _problem(ev) -> str | None:
    """What is wrong with one event, for the fields this command reads; None when usable."""
    if not isinstance(ev, dict):
        return "not an object"
    return (_identity_problem(ev) or _time_problem(ev.get("time"))
            or _participants_problem(ev.get("participants", [])) or _location_problem(ev.get("location")))


def _identity_problem(ev: dict) -> str | None:
    """The case of the event's own fields: id, type, doc_id, modality and the trigger text."""
    if not isinstance(ev.get("id"), str) or not isinstance(ev.get("type"), str) or not ev["type"]:
        return "no 'id' or 'type'"
    for key in ("doc_id", "modality"):
        if not isinstance(ev.get(key), (str, type(None))):
            return f"'{key}' is not a string"
    if not isinstance(ev.get("trigger"), dict) or not isinstance(ev["trigger"].get("text"), str):
        return "no trigger text"
    return None


def _time_problem(time) -> str | None:
    """The case of the event's time: absent, or an object whose value and basis are strings
    and whose range, when there, is two days."""
    if time is None:
        return None
    if not isinstance(time, dict):
        return "'time' is not an object"
    if not all(isinstance(time.get(k), (str, type(None))) for k in ("value", "basis")):
        return "'time' value or basis is not a string"
    rng = time.get("range")
    if rng is not None and not (isinstance(rng, list) and len(rng) == 2 and all(parse_day(d) for d in rng)):
        return f"bad time range {rng!r}"
    return None


def _participants_problem(parts) -> str | None:
    """The case of the participants: a list of objects, each with a canonical name and a role
    that is a string or null."""
    if not isinstance(parts, list) or not all(isinstance(p, dict) and isinstance(p.get("canonical"), str)
                                              and isinstance(p.get("role"), (str, type(None))) for p in parts):
        return "bad 'participants'"
    return None


def _location_problem(place) -> str | None:
    """The case of the place: absent, or an object with a canonical name."""
    if place is not None and not (isinstance(place, dict) and isinstance(place.get("canonical"), str)):
        return "bad 'location'"
    return None


def load_events(path: Path) -> list[dict]:
    """The events of a document record or of timeline.json, each with its doc_id."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(Messages.E040.format(path=path, reason=getattr(exc, "strerror", None) or exc)) from None
    except json.JSONDecodeError as exc:
        raise PipelineError(Messages.E040.format(path=path, reason=f"not JSON ({exc.msg}, line {exc.lineno})")) from None
    except (ValueError, RecursionError) as exc:  # a number of thousands of digits; nesting too deep
        raise PipelineError(Messages.E040.format(path=path, reason=f"not JSON that can be read ({type(exc).__name__})")) from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise PipelineError(Messages.E040.format(path=path, reason="no 'events' list"))
    for k, ev in enumerate(data["events"]):
        problem = _problem(ev)
        if problem:
            raise PipelineError(Messages.E040.format(path=path, reason=f"event {k + 1}: {problem}"))
    doc_id = data.get("doc_id")
    if not isinstance(doc_id, (str, type(None))):
        raise PipelineError(Messages.E040.format(path=path, reason="'doc_id' is not a string"))
    return [dict(ev, doc_id=ev.get("doc_id", doc_id)) for ev in data["events"]]


# Characters a terminal would act on (escape sequences, bells, bidirectional overrides):
# shown as escapes, never printed raw.
_UNSAFE = MappingProxyType({
    **{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]},
    **{c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}})


def safe(text) -> str:
    """A value of a record as a terminal may show it: control characters escaped."""
    return str(text).translate(_UNSAFE)


# --- filtering -------------------------------------------------------------------

def _bound(text: str | None, end: bool, option: str) -> tuple[int, int, int] | None:
    """The first (or last) day of YYYY, YYYY-MM or YYYY-MM-DD."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    parts = _date_fields(value, text, option)
    year = int(parts[0]) * (-1 if value.startswith("-") else 1)
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if not 1 <= month <= 12:
        raise FilterError(NOT_A_DATE.format(option=option, value=text))
    last = month_days(year, month)
    day = int(parts[2]) if len(parts) > 2 else (last if end else 1)
    if not 1 <= day <= last:
        raise FilterError(NOT_A_DATE.format(option=option, value=text))
    return (year, month, day)


def _date_fields(value: str, text: str, option: str) -> list[str]:
    """The digit fields of a date as typed (a leading '-' of a year BC set aside); a
    FilterError when it is not of the shape YYYY[-MM[-DD]]."""
    body = value[1:] if value.startswith("-") else value
    parts = body.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() and p.isascii() for p in parts) or len(parts[0]) > 6:
        raise FilterError(NOT_A_DATE.format(option=option, value=text))
    return parts


def _plain(text: str) -> str:
    """Lower case without tone marks or diacritics ('Hà Nội' -> 'ha noi')."""
    return strip_marks(unicodedata.normalize("NFC", text)).lower()


def _entity_matcher(query: str):
    """Substring match on names. A query typed without diacritics ignores them ('ha noi'
    finds 'Hà Nội'); one with diacritics must match them, tone placement aside."""
    query = unicodedata.normalize("NFC", query.strip())
    if _plain(query) == query.lower():
        key = query.lower()
        return lambda name: key in _plain(name)
    key = fold(query)
    return lambda name: key in fold(unicodedata.normalize("NFC", name))


def filter_events(events: list[dict], type_: str | None, date_from: str | None, date_to: str | None,
                  entity: str | None) -> list[dict]:
    """Events of a type (or of every subtype of a category: 'Conflict'), whose calendar range
    overlaps [date_from, date_to], with a participant or place whose name contains `entity`.
    Undated events are left out as soon as a date bound is given."""
    lo, hi = _bound(date_from, False, "--from"), _bound(date_to, True, "--to")
    if lo and hi and lo > hi:
        raise FilterError(EMPTY_RANGE.format(date_from=date_from, date_to=date_to))
    wanted = type_.strip().lower() if type_ and type_.strip() else None
    match = _entity_matcher(entity) if entity and entity.strip() else None
    return [ev for ev in events if _of_type(ev, wanted) and _in_range(ev, lo, hi) and _names_match(ev, match)]


def _of_type(ev: dict, wanted: str | None) -> bool:
    """The --type case: no type asked for, or the event's type or its category is the one
    asked for (lower case)."""
    return not wanted or ev["type"].lower() == wanted or ev["type"].split(".")[0].lower() == wanted


def _in_range(ev: dict, lo: tuple | None, hi: tuple | None) -> bool:
    """The --from/--to case: no bound given, or the event's calendar range overlaps them
    (an undated event never does)."""
    if not (lo or hi):
        return True
    rng = (ev.get("time") or {}).get("range")
    if not rng:
        return False
    first, last = parse_day(rng[0]), parse_day(rng[1])
    return not ((lo and last < lo) or (hi and first > hi))


def _names_match(ev: dict, match) -> bool:
    """The --entity case: no name asked for, or a participant or the place matches it."""
    return not match or any(match(name) for name in event_names(ev))


# --- the table ---------------------------------------------------------------------

def table(events: list[dict], title: str = "", total: int | None = None):
    """A rich Table of the events. Every cell is a Text, so names are never read as markup."""
    from rich.table import Table

    count = f"{len(events)} of {total} events" if total is not None and total != len(events) else f"{len(events)} events"
    tab = Table(title=f"{safe(title)} — {count}" if title else count, title_justify="left", header_style="bold",
                caption="no event matches" if not events else None, show_lines=False, pad_edge=False)
    tab.add_column("event", no_wrap=True, style="dim")
    tab.add_column("date", no_wrap=True)
    tab.add_column("type", no_wrap=True)
    tab.add_column("trigger", no_wrap=True)
    tab.add_column("participants", ratio=3)
    tab.add_column("place", ratio=1)
    styles = load_ontology().categories  # a rich colour per event category
    for ev in events:
        tab.add_row(*_cells(ev, styles))
    return tab


def _cells(ev: dict, styles) -> tuple:
    """One event's row: id, date, type (coloured by category), trigger, participants, place."""
    from rich.text import Text

    date = _date_cell(ev)
    category = ev["type"].split(".")[0]
    trigger, parts = _trigger_cell(ev), _participants_cell(ev)
    ident = f"{ev['doc_id']}:{ev['id']}" if ev.get("doc_id") else ev["id"]
    return (Text(safe(ident)), date, Text(safe(ev["type"]), style=styles.get(category, {}).get("style", "")),
            trigger, parts, Text(safe((ev.get("location") or {}).get("canonical") or "")))


def _date_cell(ev: dict):
    """The date: its value, 'undated' dimmed when none, ' ~' when carried over from the narrative."""
    from rich.text import Text

    time = ev.get("time") or {}
    date = Text(safe(time.get("value") or "undated"), style="" if time.get("value") else "dim italic")
    if time.get("basis") == "context":
        date.append(" ~", style="dim")
    return date


def _trigger_cell(ev: dict):
    """The trigger in bold, then its modality and 'negated' when they apply."""
    from rich.text import Text

    trigger = Text(safe(ev["trigger"]["text"]), style="bold")
    for flag in ([ev["modality"]] if ev.get("modality") else []) + (["negated"] if ev.get("negated") else []):
        trigger.append(f" [{safe(flag)}]", style="dim")
    return trigger


def _participants_cell(ev: dict):
    """The participants, one a line, each with its role dimmed."""
    from rich.text import Text

    parts = Text()
    for k, p in enumerate(ev.get("participants") or []):
        if k:
            parts.append("\n")
        parts.append(safe(p["canonical"]))
        if p.get("role"):
            parts.append(f" {safe(p['role'])}", style="dim")
    return parts


def render(events: list[dict], title: str = "", total: int | None = None, console=None) -> None:
    """Print the table; ' ~' after a date marks one carried over from the narrative."""
    from rich.console import Console

    if console is None:
        console = Console()
        if not console.is_terminal:  # piped or redirected: no screen to fit, keep rows on one line
            console = Console(width=_PIPE_WIDTH)
    console.print(table(events, title=title, total=total))
