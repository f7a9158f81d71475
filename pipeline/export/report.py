"""report.html: one self-contained page to inspect a run.

Everything is inline (no network): a summary, a zoomable timeline of every event,
an events table that filters and sorts, and each document's text with dates,
entities and triggers highlighted. The page is a pure function of its input, so
the same run always writes the same bytes.

The functions here choose what goes on the page, as plain values; the markup is in the
Jinja2 templates of templates/ (report.html and the macros it imports), rendered with
autoescaping, so every piece of text is escaped by the template engine."""
from __future__ import annotations

import colorsys
import zlib
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import NamedTuple

import jinja2

from ..ontology import load_ontology
from ..records import event_names
from .placing import ordered

# (hue shift in degrees, saturation, lightness) of the successive subtypes.
_SHADES = ((0, .68, .45), (18, .62, .31), (-16, .75, .60), (34, .55, .42), (-30, .62, .36), (10, .45, .62))
_OTHER_COLOUR = "#7a8591"
# Granularities finer than a day's, drawn as exact; the rest cover a whole period.
_EXACT = ("day", "part_of_day", "time")
_ENTITY_LABELS = ("PER", "LOC", "GPE", "ORG", "EVENT", "MISC")
_TOP_ENTITIES = 12
# The kinds of highlight in the text, outer first when marks start and end together.
_MARK_KINDS = ("sentence", "entity", "timex", "trigger")
# The page script's JSON: the letters as they are, sorted keys, no spaces (stable bytes).
_JSON_OPTIONS = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}


def _stable(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def type_colour(event_type: str) -> str:
    """The colour of an event type: a hue per category, a shade per subtype (hex)."""
    category, _, subtype = event_type.partition(".")
    if category == "Other" or not category:
        return _OTHER_COLOUR
    ontology = load_ontology()  # a hue per category; subtypes in the contract's order pick the shade
    hue = ontology.categories.get(category, {}).get("hue", _stable(category) % 360)
    known = [name.partition(".")[2] for name, t in ontology.types.items() if t.category == category]
    index = known.index(subtype) if subtype in known else _stable(subtype) % len(_SHADES)
    shift, sat, light = _SHADES[index % len(_SHADES)]
    r, g, b = colorsys.hls_to_rgb(((hue + shift) % 360) / 360, light, sat)
    return "#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255))


# --- the templates -------------------------------------------------------------

def _blank_none(value):
    """What `{{ x }}` prints: nothing for None (a missing field), else the value."""
    return "" if value is None else value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The report's templates (templates/ of this package), autoescaped."""
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, finalize=_blank_none, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = dict(_JSON_OPTIONS)
    return env


def _asset(name: str) -> str:
    """The page's stylesheet or script, kept as plain files in assets/ (inlined as they are)."""
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


# --- document text -----------------------------------------------------------

class _Mark(NamedTuple):
    """One highlight of the text: its characters, its kind (one of _MARK_KINDS) and what its
    tag shows (`data`: the tooltip, the label, the colour, the ids)."""
    start: int
    end: int
    kind: str
    data: dict


def _timex_tip(tx: dict, by_id: dict, dct) -> str:
    lines = [f'{tx.get("type") or "TIMEX"}  {tx.get("value") or "(no value)"}'
             + (f' · {tx["granularity"]}' if tx.get("granularity") else "")]
    rng = tx.get("range")
    lines.append(f"range {rng[0]} → {rng[1]}" if rng else "no calendar range")
    anchor = tx.get("anchor")
    if anchor == "DCT":
        lines.append(f"anchor: document date {dct}" if dct else "anchor: document date")
    elif anchor:
        ref = by_id.get(anchor)
        lines.append(f'anchor {anchor}: “{ref["text"]}” = {ref.get("value")}' if ref else f"anchor {anchor}")
    else:
        lines.append("anchor: none (stated in full)")
    if tx.get("mod"):
        lines.append(f'mod {tx["mod"]}')
    return "\n".join(lines)


def _entity_tip(ent: dict) -> str:
    lines = [f'{ent.get("label")}  {ent.get("canonical") or ent.get("text")}']
    if ent.get("title"):
        lines.append(f'title: {ent["title"]}')
    return "\n".join(lines)


def _trigger_tip(ev: dict) -> str:
    time = ev.get("time") or {}
    lines = [f'{ev["type"]}  {ev["id"]}',
             f'date {time["value"]} ({time.get("basis")})' if time.get("value") else "undated"]
    for p in ev.get("participants") or []:
        lines.append(f'{p.get("role")}: {p.get("canonical")}')
    if ev.get("location"):
        lines.append(f'place: {ev["location"].get("canonical")}')
    if ev.get("modality"):
        lines.append(f'modality: {ev["modality"]}')
    if ev.get("negated"):
        lines.append("negated")
    return "\n".join(lines)


def _marks(doc_index: int, record: dict, size: int) -> list[_Mark]:
    """Every highlight of a document that lies inside its text (of `size` characters)."""
    return [m for m in chain(_sentence_marks(doc_index, record), _entity_marks(record), _timex_marks(record),
                             _trigger_marks(doc_index, record))
            if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= size]


def _sentence_marks(doc_index: int, record: dict) -> list[_Mark]:
    """Each sentence that holds an event, once; `sid` names it (its first piece takes it as id)."""
    seen, out = set(), []
    for ev in record.get("events") or []:
        sent = ev.get("sentence") or {}
        if isinstance(sent.get("index"), int) and sent["index"] not in seen:
            seen.add(sent["index"])
            out.append(_Mark(sent.get("start"), sent.get("end"), "sentence", {"sid": f's{doc_index}-{sent["index"]}'}))
    return out


def _entity_marks(record: dict) -> list[_Mark]:
    """The entities, coloured by label (an unknown label as MISC)."""
    return [_Mark(ent.get("start"), ent.get("end"), "entity",
                  {"label": ent.get("label") if ent.get("label") in _ENTITY_LABELS else "MISC",
                   "tip": _entity_tip(ent)})
            for ent in record.get("entities") or []]


def _timex_marks(record: dict) -> list[_Mark]:
    """The time expressions, each tip naming its anchor."""
    by_id = {t.get("id"): t for t in record.get("timexes") or []}
    return [_Mark(tx.get("start"), tx.get("end"), "timex", {"tip": _timex_tip(tx, by_id, record.get("dct"))})
            for tx in record.get("timexes") or []]


def _trigger_marks(doc_index: int, record: dict) -> list[_Mark]:
    """The event triggers, in the colour of the event's type; `ref` is what the table's rows name."""
    return [_Mark((ev.get("trigger") or {}).get("start"), (ev.get("trigger") or {}).get("end"), "trigger",
                  {"colour": type_colour(ev["type"]), "ref": f'{doc_index}:{ev["id"]}', "tip": _trigger_tip(ev)})
            for ev in record.get("events") or []]


def _text_steps(text: str, marks: list[_Mark]) -> list[tuple]:
    """The text and its marks in the order they are written: ("open", mark, first),
    ("text", piece, False) and ("close", mark, False). Marks that cross are closed and opened
    again so that the tags nest; `first` is true at a mark's first opening only."""
    def order(k: int) -> tuple:  # the outer mark first
        return marks[k].start, -marks[k].end, _MARK_KINDS.index(marks[k].kind), k

    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starts: dict[int, list[int]] = {}
    for k, m in enumerate(marks):
        starts.setdefault(m.start, []).append(k)
    stack: list[int] = []
    opened: set[int] = set()
    steps: list[tuple] = []
    for a, b in zip(bounds, bounds[1:]):
        active = sorted([k for k in stack if marks[k].end > a] + starts.get(a, []), key=order)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        steps.extend(("close", marks[k], False) for k in reversed(stack[keep:]))
        steps.extend(("open", marks[k], k not in opened) for k in active[keep:])
        opened.update(active[keep:])
        stack = active
        steps.append(("text", text[a:b], False))
    steps.extend(("close", marks[k], False) for k in reversed(stack))
    return steps


def highlight(doc_index: int, text: str, record: dict) -> str:
    """The document text as HTML; spans that cross are split so the tags nest."""
    steps = _text_steps(text, _marks(doc_index, record, len(text)))
    return str(_environment().get_template("text.html").module.highlighted(steps))


def _document(i: int, rec: dict, text: str | None, count: int) -> dict:
    """One document's part of the page: its text's steps (None when the text is not here),
    folded away unless the run has three documents or fewer, and the counts of its records;
    `cut` when only the start of its text is shown (characters shown, of all)."""
    shown, size = rec.get("_shown") or (0, 0)
    return {"index": i, "doc_id": rec.get("doc_id"), "source": rec.get("source"), "dct": rec.get("dct"),
            "open": count <= 3, "counts": _doc_counts(rec),
            "steps": None if text is None else _text_steps(text, _marks(i, rec, len(text))),
            "cut": (f"{shown:,}", f"{size:,}") if text is not None and shown < size else None}


# --- summary, table, data ----------------------------------------------------

def _doc_counts(rec: dict) -> dict:
    """A document's counts: those of its whole record (`_counts`, when the report holds only
    the start of a long document), else of the records here."""
    if rec.get("_counts"):
        return rec["_counts"]
    return {**{k: len(rec.get(k) or []) for k in ("timexes", "entities", "events")},
            "dated": sum(1 for e in rec.get("events") or [] if (e.get("time") or {}).get("range"))}


def _totals(records, failures, events, documents) -> dict:
    """The run's counts: from the timeline's list of every document when it is there (a run
    keeps only its first documents and events whole for the report), else from what is here."""
    if documents:
        return {"documents": len(documents), "events": sum(d.get("events") or 0 for d in documents),
                "dates": sum(d.get("timexes") or 0 for d in documents),
                "entities": sum(d.get("entities") or 0 for d in documents)}
    return {"documents": len(records) + len(failures), "events": len(events),
            "dates": sum(len(r.get("timexes") or []) for r in records),
            "entities": sum(len(r.get("entities") or []) for r in records)}


def _summary(records, failures, events, colours, totals: dict) -> dict:
    """The summary section: the run's counts, the documents that failed, events by type, the
    top entities and a table of the documents."""
    return {"cards": _cards(failures, events, totals), "failures": _failure_list(failures),
            "types": _type_bars(events, colours), "entities": _top_entities(records, events),
            "documents": _document_rows(records, failures)}


def clusters(events) -> list[tuple[str, list[dict]]]:
    """(cluster id, its events in timeline order) of the happenings told by several
    documents (events sharing a `cluster`), in timeline order of their first event."""
    groups: dict[str, list[dict]] = {}
    for ev in events:
        if ev.get("cluster"):
            groups.setdefault(ev["cluster"], []).append(ev)
    return list(groups.items())


def _cluster_rows(events, colours) -> list[dict]:
    """One row per cluster: its types, dates and the documents that tell it (each telling
    with its trigger and event id); none when the run has no cluster."""
    return [{"id": cid, "types": [(t, colours[t]) for t in sorted({e["type"] for e in members})],
             "dates": ", ".join(sorted({(e.get("time") or {}).get("value") for e in members} - {None})),
             "documents": len({e.get("doc_id") for e in members}),
             "tellings": [{"doc_id": e.get("doc_id"), "trigger": (e.get("trigger") or {}).get("text"), "id": e["id"]}
                          for e in members]}
            for cid, members in clusters(events)]


def _cards(failures, events, totals: dict) -> list[dict]:
    """The four cards: documents (marked bad when some failed), events, dates, entities."""
    dated = sum(1 for e in events if (e.get("time") or {}).get("range"))
    shown = f"{dated} dated" if len(events) == totals["events"] else f"the first {len(events):,} shown, {dated} dated"
    return [{"name": "documents", "n": totals["documents"], "bad": bool(failures),
             "note": f"{len(failures)} failed" if failures else "all processed"},
            {"name": "events", "n": totals["events"], "bad": False, "note": shown},
            {"name": "dates", "n": totals["dates"], "bad": False, "note": "TIMEX3 expressions"},
            {"name": "entities", "n": totals["entities"], "bad": False, "note": "mentions"}]


def _type_bars(events, colours) -> list[dict]:
    """Events by type, most frequent first, with each bar's width (percent of the longest)."""
    per_type = sorted(Counter(e["type"] for e in events).items(), key=lambda kv: (-kv[1], kv[0]))
    top = max([n for _, n in per_type] or [1])
    return [{"type": t, "colour": colours[t], "n": n, "width": f"{100 * n / top:.1f}"} for t, n in per_type]


def _top_entities(records, events) -> list[dict]:
    """The entities in most events (then most mentioned), with their commonest label."""
    mentions, labels = _mentions(records)
    in_events = Counter(n for e in events for n in set(event_names(e)))
    ranked = sorted(mentions, key=lambda n: (-in_events[n], -mentions[n], n))[:_TOP_ENTITIES]
    return [{"name": n, "label": sorted(labels[n].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
             "mentions": mentions[n], "events": in_events[n]} for n in ranked]


def _mentions(records) -> tuple[Counter, dict[str, Counter]]:
    """How often each entity name is mentioned in the records, and under which labels."""
    mentions: Counter = Counter()
    labels: dict[str, Counter] = {}
    for rec in records:
        for ent in rec.get("entities") or []:
            name = ent.get("canonical") or ent.get("text") or ""
            mentions[name] += 1
            labels.setdefault(name, Counter())[ent.get("label")] += 1
    return mentions, labels


def _document_rows(records, failures) -> list[dict]:
    """A row per document, processed or failed, in the order of their ids."""
    rows = [{"failed": False, "doc_id": rec.get("doc_id"), "index": i, "counts": _doc_counts(rec)}
            for i, rec in enumerate(records)]
    rows += [{"failed": True, "doc_id": f.get("doc_id"), "error": f.get("error")} for f in failures]
    return sorted(rows, key=lambda row: row["doc_id"] or "")


def _failure_list(failures) -> list[dict]:
    """The documents that failed, each with its error."""
    return [{"name": f.get("source") or f.get("doc_id"), "error": f.get("error")}
            for f in sorted(failures, key=lambda f: (f.get("doc_id") or "", f.get("source") or ""))]


def _row(i: int, ev: dict, date_text: str, colours: dict, note: dict | None = None) -> dict:
    """An event's row of the table. Its date is the value and the words it was read from; for
    an undated event, the order the text gives it (`note`: "after EV3 · sau đó"), else none."""
    time = ev.get("time") or {}
    return {"i": i, "value": time.get("value"), "date_text": date_text, "from_context": time.get("basis") == "context",
            "note": note, "type": ev["type"], "colour": colours[ev["type"]],
            "trigger": (ev.get("trigger") or {}).get("text"),
            "badges": ([ev["modality"]] if ev.get("modality") else []) + (["negated"] if ev.get("negated") else []),
            "participants": [(p.get("canonical"), p.get("role")) for p in ev.get("participants") or []],
            "place": (ev.get("location") or {}).get("canonical"), "doc_id": ev.get("doc_id"), "id": ev["id"]}


def _event_data(i: int, ev: dict, doc_index: int, tx: dict | None, colours: dict) -> dict:
    time = ev.get("time") or {}
    rng = time.get("range") or [None, None]
    coarse = bool(time.get("range")) and time.get("granularity") not in _EXACT
    approx = time.get("basis") == "context" or bool(tx and tx.get("mod"))
    parts = ev.get("participants") or []
    return {"i": i, "d": doc_index, "doc": ev.get("doc_id") or "", "id": ev["id"], "type": ev["type"],
            "c": colours[ev["type"]], "trig": (ev.get("trigger") or {}).get("text") or "",
            "v": time.get("value"), "a": rng[0], "b": rng[1], "coarse": coarse, "approx": approx,
            "names": event_names(ev), "p0": parts[0].get("canonical") if parts else "",
            "place": (ev.get("location") or {}).get("canonical") or "",
            "s": f's{doc_index}-{(ev.get("sentence") or {}).get("index")}', "conf": ev.get("confidence")}


def _type_groups(types) -> list[tuple[str, bool, list[str]]]:
    """The type filter's choices: (category, whether it gets an "all" choice, its types)."""
    by_cat: dict[str, list[str]] = {}
    for t in sorted(types):
        by_cat.setdefault(t.partition(".")[0], []).append(t)
    return [(cat, len(members) > 1 or members[0] != cat, members) for cat, members in sorted(by_cat.items())]


def _event_rows(records: list[dict], events: list[dict], colours: dict) -> tuple[list[dict], list[dict]]:
    """Each event's row of the table and its data for the page's script, with the time
    expression it is dated by and the index of its document (-1 when its text is not here)."""
    doc_index = {rec.get("doc_id"): i for i, rec in enumerate(records)}
    timexes = {(rec.get("doc_id"), t.get("id")): t for rec in records for t in rec.get("timexes") or []}
    rows, data = [], []
    for i, (ev, note) in enumerate(ordered(events)):
        d = doc_index.get(ev.get("doc_id"), -1)
        tx = timexes.get((ev.get("doc_id"), (ev.get("time") or {}).get("timex_id")))
        rows.append(_row(i, ev, (tx or {}).get("text") or "", colours, note))
        data.append({**_event_data(i, ev, d, tx, colours), **({"oa": note["a"], "ob": note["b"]} if note else {})})
    return rows, data


def _subtitle(totals: dict, failures: list[dict]) -> str:
    """The line under the title: documents, events and, when some failed, the failures."""
    n_docs = totals["documents"]
    return (f'{n_docs} document{"s" if n_docs != 1 else ""} · {totals["events"]} events'
            + (f' · {len(failures)} failed' if failures else ""))


def _page_values(records: list[dict], failures: list[dict], timeline: dict, texts: dict) -> dict:
    """Everything the page shows, as plain values for templates/report.html."""
    events = list(timeline.get("events") or [])
    failures = list(failures or [])
    colours = {t: type_colour(t) for t in sorted({e["type"] for e in events})}
    rows, data = _event_rows(records, events, colours)
    totals = _totals(records, failures, events, timeline.get("documents"))
    return {"subtitle": _subtitle(totals, failures), "multi": len(records) > 1,
            "css": _asset("report.css"), "script": _asset("report.js"),
            "summary": _summary(records, failures, events, colours, totals),
            "clusters": _cluster_rows(events, colours), "type_groups": _type_groups(colours),
            "names": sorted({n for e in events for n in event_names(e)}), "rows": rows,
            "documents": [_document(i, rec, texts.get(rec.get("doc_id")), len(records))
                          for i, rec in enumerate(records)],
            "data": {"events": data, "multi": len(records) > 1}}


def render_report(records: list[dict], failures: list[dict], timeline: dict, texts: dict) -> str:
    """The whole page as a string (UTF-8 when written)."""
    return _environment().get_template("report.html").render(page=_page_values(records, failures, timeline, texts))
