"""`vnevents show`: a rich terminal table of events, with the contract's filters."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import Messages, PipelineError
from .normalize import fold


def load_events(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PipelineError(Messages.E040.format(path=path, reason=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise PipelineError(Messages.E040.format(path=path, reason="no 'events' list"))
    doc_id = data.get("doc_id")
    return [dict(e, doc_id=e.get("doc_id", doc_id)) for e in data["events"]]


def _bound(date: str | None, end: bool) -> str | None:
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{date}-31" if end else f"{date}-01"
    return date


def filter_events(events: list[dict], type_: str | None, date_from: str | None, date_to: str | None,
                  entity: str | None) -> list[dict]:
    lo, hi = _bound(date_from, False), _bound(date_to, True)
    key = fold(entity) if entity else None
    out = []
    for e in events:
        if type_ and not (e["type"] == type_ or e["type"].split(".")[0] == type_):
            continue
        rng = (e.get("time") or {}).get("range")
        if (lo or hi) and not rng:
            continue
        if lo and rng[1] < lo or hi and rng[0] > hi:
            continue
        if key:
            names = [p["canonical"] for p in e.get("participants", [])]
            if e.get("location"):
                names.append(e["location"]["canonical"])
            if not any(key in fold(n) for n in names):
                continue
        out.append(e)
    return out


def render(events: list[dict], title: str = "") -> None:
    from rich.console import Console
    from rich.table import Table
    table = Table(title=f"{title} — {len(events)} events", show_lines=False)
    for col in ("id", "date", "type", "trigger", "participants", "place"):
        table.add_column(col, overflow="fold")
    for e in events:
        time = e.get("time") or {}
        parts = ", ".join(f"{p['canonical']} ({p['role']})" for p in e.get("participants", []))
        table.add_row(f"{e.get('doc_id') or ''}:{e['id']}", time.get("value") or "—", e["type"], e["trigger"]["text"],
                      parts, (e.get("location") or {}).get("canonical") or "")
    Console().print(table)
