"""Where the report's events table places each event: in timeline order, and an undated
event that the text orders against another event of its document (its `tlinks`: "sau đó",
"trước khi") just after (AFTER) or before (BEFORE) that event, following the links to the
dated event they reach."""
from __future__ import annotations

_CHAIN = 8  # links followed from an undated event to the dated one it is ordered against


def ordered(events: list[dict]) -> list[tuple[dict, dict | None]]:
    """The events in timeline order, each undated one that the text orders against another
    event of its document (its `tlinks`, "sau đó", "trước khi") placed just after (AFTER) or
    before (BEFORE) that event, with a note: {"relation", "event_id", "signal", "a", "b"}
    (a, b: the days of the dated event its chain of links reaches, for sorting). An event
    whose links lead to no dated event, or round in a circle, stays with the undated."""
    key = {id(e): (e.get("doc_id"), e["id"]) for e in events}
    by_key = {k: e for e in events for k in [key[id(e)]]}
    notes, after, before = {}, {}, {}
    for ev in events:
        link = _order_link(ev)
        anchor = by_key.get((ev.get("doc_id"), link["event_id"])) if link else None
        reached = _dated_end(ev, by_key)
        if ev.get("time") or anchor is None or anchor is ev or reached is None:
            continue
        rng = reached["time"].get("range") or [None, None]
        notes[id(ev)] = {**link, "a": rng[0], "b": rng[1]}
        (after if link["relation"] == "AFTER" else before).setdefault(id(anchor), []).append(ev)
    out: list[tuple[dict, dict | None]] = []

    def emit(ev):
        for other in before.get(id(ev), []):
            emit(other)
        out.append((ev, notes.get(id(ev))))
        for other in after.get(id(ev), []):
            emit(other)
    for ev in events:
        if id(ev) not in notes:
            emit(ev)
    return out


def _order_link(ev: dict) -> dict | None:
    """The first BEFORE/AFTER link of an event, or None."""
    return next((link for link in ev.get("tlinks") or [] if link.get("relation") in ("BEFORE", "AFTER")), None)


def _dated_end(ev: dict, by_key: dict) -> dict | None:
    """The dated event an undated one's chain of first links reaches, or None (no link, a
    missing event, a circle, or more than _CHAIN links)."""
    seen = {id(ev)}
    for _ in range(_CHAIN):
        link = _order_link(ev)
        ev = by_key.get((ev.get("doc_id"), link["event_id"])) if link else None
        if ev is None or id(ev) in seen:
            return None
        if ev.get("time") and (ev["time"].get("range")):
            return ev
        seen.add(id(ev))
    return None
