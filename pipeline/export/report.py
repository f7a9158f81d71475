"""report.html: one self-contained page to inspect a run.

Everything is inline (no network): a summary, a zoomable timeline of every event,
an events table that filters and sorts, and each document's text with dates,
entities and triggers highlighted. The page is a pure function of its input, so
the same run always writes the same bytes; every piece of text is escaped."""
from __future__ import annotations

import colorsys
import html
import json
import zlib
from collections import Counter
from collections.abc import Iterator
from itertools import chain

from ..ontology import load_ontology
from .placing import ordered

# (hue shift in degrees, saturation, lightness) of the successive subtypes.
_SHADES = ((0, .68, .45), (18, .62, .31), (-16, .75, .60), (34, .55, .42), (-30, .62, .36), (10, .45, .62))
_OTHER_COLOUR = "#7a8591"
# Granularities finer than a day's, drawn as exact; the rest cover a whole period.
_EXACT = ("day", "part_of_day", "time")
_ENTITY_LABELS = ("PER", "LOC", "GPE", "ORG", "EVENT", "MISC")
_TOP_ENTITIES = 12


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _wbr(value) -> str:
    """Escaped, with a line-break opportunity after each underscore (long doc ids)."""
    return _esc(value).replace("_", "_<wbr>")


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


# --- document text -----------------------------------------------------------

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


def _spans(doc_index: int, record: dict, size: int) -> list[tuple]:
    """(start, end, rank, seq, open_tag, close_tag, first_only_attr) for every highlight."""
    out: list[tuple] = []
    for start, end, rank, open_tag, close_tag, once in chain(
            _sentence_marks(doc_index, record), _entity_marks(record), _timex_marks(record),
            _trigger_marks(doc_index, record)):
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size:
            out.append((start, end, rank, len(out), open_tag, close_tag, once))
    return out


def _sentence_marks(doc_index: int, record: dict) -> Iterator[tuple]:
    """(start, end, rank, open_tag, close_tag, first_only_attr) of each sentence that holds an
    event, once; its id goes on the first piece only."""
    seen = set()
    for ev in record.get("events") or []:
        sent = ev.get("sentence") or {}
        if isinstance(sent.get("index"), int) and sent["index"] not in seen:
            seen.add(sent["index"])
            sid = f's{doc_index}-{sent["index"]}'
            yield sent.get("start"), sent.get("end"), 0, f'<span class="sent" data-s="{sid}"', "</span>", f' id="{sid}"'


def _entity_marks(record: dict) -> Iterator[tuple]:
    """The same for the entities, coloured by label (an unknown label as MISC)."""
    for ent in record.get("entities") or []:
        label = ent.get("label") if ent.get("label") in _ENTITY_LABELS else "MISC"
        yield (ent.get("start"), ent.get("end"), 1,
               f'<mark class="en en-{label}" data-tip="{_esc(_entity_tip(ent))}"', "</mark>", "")


def _timex_marks(record: dict) -> Iterator[tuple]:
    """The same for the time expressions, each tip naming its anchor."""
    by_id = {t.get("id"): t for t in record.get("timexes") or []}
    for tx in record.get("timexes") or []:
        yield (tx.get("start"), tx.get("end"), 2,
               f'<mark class="tx" tabindex="0" data-tip="{_esc(_timex_tip(tx, by_id, record.get("dct")))}"',
               "</mark>", "")


def _trigger_marks(doc_index: int, record: dict) -> Iterator[tuple]:
    """The same for the event triggers, in the colour of the event's type."""
    for ev in record.get("events") or []:
        trig = ev.get("trigger") or {}
        yield (trig.get("start"), trig.get("end"), 3,
               f'<mark class="tg" role="button" tabindex="0" style="--c:{type_colour(ev["type"])}" '
               f'data-ev="{doc_index}:{_esc(ev["id"])}" data-tip="{_esc(_trigger_tip(ev))}"', "</mark>", "")


def highlight(doc_index: int, text: str, record: dict) -> str:
    """The document text as HTML; spans that cross are split so the tags nest."""
    spans = _spans(doc_index, record, len(text))
    order = lambda k: (spans[k][0], -spans[k][1], spans[k][2], spans[k][3])  # noqa: E731 (outer first)
    bounds = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    starts: dict[int, list[int]] = {}
    for k, s in enumerate(spans):
        starts.setdefault(s[0], []).append(k)
    active: list[int] = []
    stack: list[int] = []
    opened: set[int] = set()
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        active = sorted([k for k in active if spans[k][1] > a] + starts.get(a, []), key=order)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        for k in reversed(stack[keep:]):
            out.append(spans[k][5])
        for k in active[keep:]:
            once = spans[k][6] if k not in opened else ""
            opened.add(k)
            out.append(spans[k][4] + once + ">")
        stack = list(active)
        out.append(_esc(text[a:b]))
    out.extend(spans[k][5] for k in reversed(stack))
    return "".join(out)


# --- summary, table, data ----------------------------------------------------

def _names(ev: dict) -> list[str]:
    names = [p.get("canonical") or "" for p in ev.get("participants") or []]
    if ev.get("location"):
        names.append(ev["location"].get("canonical") or "")
    return [n for n in names if n]


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


def _summary(records, failures, events, colours, totals: dict) -> str:
    """The summary section: the run's counts, the documents that failed, events by type, the
    top entities and a table of the documents."""
    html_cards = _cards(failures, events, totals)
    types = _type_bars(events, colours)
    ents = _top_entities(records, events)
    doc_rows = _document_rows(records, failures)
    fail_list = _failure_list(failures)
    return (f'<section id="summary"><h2>Summary</h2><div class="cards">{html_cards}</div>{fail_list}'
            f'<div class="grid3"><div><h3>Events by type</h3><ul class="types">{types}</ul></div>'
            f'<div><h3>Top entities</h3><div class="scroll"><table class="mini"><thead><tr><th>entity</th><th>label</th>'
            f'<th class="n">mentions</th><th class="n">events</th></tr></thead><tbody>{ents}</tbody></table></div></div>'
            f'<div><h3>Documents</h3><div class="scroll"><table class="mini"><thead><tr><th>document</th><th class="n">dates</th>'
            f'<th class="n">entities</th><th class="n">events</th><th class="n">dated</th><th>status</th></tr>'
            f'</thead><tbody>{doc_rows}</tbody></table></div></div></div></section>')


def clusters(events) -> list[tuple[str, list[dict]]]:
    """(cluster id, its events in timeline order) of the happenings told by several
    documents (events sharing a `cluster`), in timeline order of their first event."""
    groups: dict[str, list[dict]] = {}
    for ev in events:
        if ev.get("cluster"):
            groups.setdefault(ev["cluster"], []).append(ev)
    return list(groups.items())


def _cluster_row(cid: str, members: list[dict], colours: dict) -> str:
    types = "<br>".join(f'<i class="sw" style="background:{colours[t]}"></i>{_esc(t)}'
                        for t in sorted({e["type"] for e in members}))
    dates = ", ".join(sorted({(e.get("time") or {}).get("value") for e in members} - {None}))
    tellings = "".join(f'<li>{_wbr(e.get("doc_id"))}: <b>{_esc((e.get("trigger") or {}).get("text"))}</b> '
                       f'<small>{_esc(e["id"])}</small></li>' for e in members)
    return (f'<tr id="cluster-{_esc(cid)}"><td>{_esc(cid)}</td><td>{types}</td><td>{_esc(dates)}</td>'
            f'<td class="n">{len({e.get("doc_id") for e in members})}</td><td><ul class="tellings">{tellings}</ul></td></tr>')


def _cluster_section(events, colours) -> str:
    """One row per cluster: its type, dates and the documents that tell it (each with its
    trigger and event id); nothing when the run has no cluster."""
    rows = [_cluster_row(cid, members, colours) for cid, members in clusters(events)]
    if not rows:
        return ""
    return ('<section id="clusters"><h2>Told by several documents</h2><table class="mini"><thead><tr>'
            '<th>cluster</th><th>type</th><th>date</th><th class="n">documents</th><th>tellings</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _cards(failures, events, totals: dict) -> str:
    """The four cards: documents (marked bad when some failed), events, dates, entities."""
    dated = sum(1 for e in events if (e.get("time") or {}).get("range"))
    shown = f"{dated} dated" if len(events) == totals["events"] else f"the first {len(events):,} shown, {dated} dated"
    cards = [("documents", totals["documents"],
              f"{len(failures)} failed" if failures else "all processed"),
             ("events", totals["events"], shown),
             ("dates", totals["dates"], "TIMEX3 expressions"),
             ("entities", totals["entities"], "mentions")]
    return "".join(f'<div class="card{" bad" if name == "documents" and failures else ""}">'
                   f'<b>{n}</b><span>{name}</span><small>{_esc(note)}</small></div>'
                   for name, n, note in cards)


def _type_bars(events, colours) -> str:
    """Events by type, most frequent first, as bars that pick the type; a line when there are none."""
    per_type = sorted(Counter(e["type"] for e in events).items(), key=lambda kv: (-kv[1], kv[0]))
    top = max([n for _, n in per_type] or [1])
    return "".join(f'<li><button type="button" class="pick" data-type="{_esc(t)}">'
                   f'<i class="sw" style="background:{colours[t]}"></i>{_esc(t)}</button>'
                   f'<span class="bar"><i style="width:{100 * n / top:.1f}%;background:{colours[t]}"></i></span>'
                   f'<span class="n">{n}</span></li>' for t, n in per_type) or "<li>no events</li>"


def _top_entities(records, events) -> str:
    """Rows of the entities in most events (then most mentioned), with their commonest label."""
    mentions, labels = _mentions(records)
    in_events = Counter(n for e in events for n in set(_names(e)))
    ranked = sorted(mentions, key=lambda n: (-in_events[n], -mentions[n], n))[:_TOP_ENTITIES]
    return "".join(f'<tr><td><button type="button" class="pick" data-entity="{_esc(n)}">{_esc(n)}</button></td>'
                   f'<td>{_esc(sorted(labels[n].items(), key=lambda kv: (-kv[1], kv[0]))[0][0])}</td>'
                   f'<td class="n">{mentions[n]}</td><td class="n">{in_events[n]}</td></tr>' for n in ranked)


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


def _document_rows(records, failures) -> str:
    """A row per document, processed or failed, in the order of their ids."""
    docs = []
    for i, rec in enumerate(records):
        n = _doc_counts(rec)
        docs.append((rec.get("doc_id") or "", f'<tr><td><a href="#doc{i}">{_wbr(rec.get("doc_id"))}</a></td>'
                     f'<td class="n">{n["timexes"]}</td><td class="n">{n["entities"]}</td>'
                     f'<td class="n">{n["events"]}</td><td class="n">{n["dated"]}</td><td>ok</td></tr>'))
    for f in failures:
        docs.append((f.get("doc_id") or "", f'<tr class="failed"><td>{_wbr(f.get("doc_id"))}</td>'
                     f'<td colspan="4" class="n">—</td><td title="{_esc(f.get("error"))}">failed</td></tr>'))
    return "".join(row for _, row in sorted(docs, key=lambda d: d[0]))


def _failure_list(failures) -> str:
    """The documents that failed, each with its error; nothing when none did."""
    if not failures:
        return ""
    return ('<div class="failures"><h3>Documents that failed</h3><ul>' + "".join(
        f'<li><b>{_esc(f.get("source") or f.get("doc_id"))}</b>: {_esc(f.get("error"))}</li>'
        for f in sorted(failures, key=lambda f: (f.get("doc_id") or "", f.get("source") or ""))) + "</ul></div>")


def _date_cell(ev: dict, date_text: str, note: dict | None) -> str:
    """A row's date: the value and the words it was read from; for an undated event the
    order the text gives it ("after EV3 · sau đó"), else "undated"."""
    time = ev.get("time") or {}
    value = time.get("value")
    if value:
        return (f'<span class="dv">{_esc(value)}</span><small>{_esc(date_text)}'
                f'{" · from context" if time.get("basis") == "context" else ""}</small>')
    if note:
        return (f'<span class="nd ord">{_esc(note["relation"].lower())} {_esc(note["event_id"])}</span>'
                f'<small>ordered, not dated · {_esc(note["signal"])}</small>')
    return '<span class="nd">undated</span>'


def _row(i: int, ev: dict, date_text: str, colours: dict, note: dict | None = None) -> str:
    date = _date_cell(ev, date_text, note)
    badges = "".join(f'<em class="badge">{_esc(b)}</em>' for b in
                     ([ev["modality"]] if ev.get("modality") else []) + (["negated"] if ev.get("negated") else []))
    parts = "".join(f'<span class="pp">{_esc(p.get("canonical"))} <small>{_esc(p.get("role"))}</small></span>'
                    for p in ev.get("participants") or [])
    place = _esc((ev.get("location") or {}).get("canonical"))
    return (f'<tr data-i="{i}" tabindex="0"><td data-label="date">{date}</td>'
            f'<td data-label="type" class="ty"><i class="sw" style="background:{colours[ev["type"]]}"></i>{_esc(ev["type"])}</td>'
            f'<td data-label="trigger"><b>{_esc((ev.get("trigger") or {}).get("text"))}</b>{badges}</td>'
            f'<td data-label="participants">{parts}</td><td data-label="place">{place}</td>'
            f'<td data-label="document" class="doccol">{_wbr(ev.get("doc_id"))} <small>{_esc(ev["id"])}</small></td></tr>')


def _event_data(i: int, ev: dict, doc_index: int, tx: dict | None, colours: dict) -> dict:
    time = ev.get("time") or {}
    rng = time.get("range") or [None, None]
    coarse = bool(time.get("range")) and time.get("granularity") not in _EXACT
    approx = time.get("basis") == "context" or bool(tx and tx.get("mod"))
    parts = ev.get("participants") or []
    return {"i": i, "d": doc_index, "doc": ev.get("doc_id") or "", "id": ev["id"], "type": ev["type"],
            "c": colours[ev["type"]], "trig": (ev.get("trigger") or {}).get("text") or "",
            "v": time.get("value"), "a": rng[0], "b": rng[1], "coarse": coarse, "approx": approx,
            "names": _names(ev), "p0": parts[0].get("canonical") if parts else "",
            "place": (ev.get("location") or {}).get("canonical") or "",
            "s": f's{doc_index}-{(ev.get("sentence") or {}).get("index")}', "conf": ev.get("confidence")}


def _json_script(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _type_options(types) -> str:
    by_cat: dict[str, list[str]] = {}
    for t in sorted(types):
        by_cat.setdefault(t.partition(".")[0], []).append(t)
    out = ['<option value="">all types</option>']
    for cat, members in sorted(by_cat.items()):
        if len(members) > 1 or members[0] != cat:
            out.append(f'<option value="{_esc(cat)}">{_esc(cat)} (all)</option>')
        out.extend(f'<option value="{_esc(t)}">\u2003{_esc(t)}</option>' for t in members)
    return "".join(out)


def render_report(records: list[dict], failures: list[dict], timeline: dict, texts: dict) -> str:
    """The whole page as a string (UTF-8 when written)."""
    events = list(timeline.get("events") or [])
    failures = list(failures or [])
    colours = {t: type_colour(t) for t in sorted({e["type"] for e in events})}
    rows, data = _event_rows(records, events, colours)
    names = sorted({n for e in events for n in _names(e)})
    docs = [_document(i, rec, texts.get(rec.get("doc_id")), len(records)) for i, rec in enumerate(records)]
    totals = _totals(records, failures, events, timeline.get("documents"))
    subtitle = _subtitle(totals, failures)
    payload = {"events": data, "multi": len(records) > 1}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="vnevents">
<title>vnevents report · {_esc(subtitle)}</title>
<style>{_asset("report.css")}</style></head>
<body class="{"multi" if len(records) > 1 else "single"}">
<header><h1>vnevents report</h1><p>{_esc(subtitle)}</p></header>
<noscript><p class="warn">Filters, sorting and the timeline need JavaScript.</p></noscript>
<main>
{_summary(records, failures, events, colours, totals)}{_cluster_section(events, colours)}
<section id="explore"><div class="toolbar" role="search">
<label>type <select id="f-type">{_type_options(colours)}</select></label>
<label>entity <input id="f-entity" list="entity-names" placeholder="name or place" autocomplete="off"></label>
<datalist id="entity-names">{"".join(f'<option value="{_esc(n)}">' for n in names)}</datalist>
<label>from <input id="f-from" placeholder="YYYY[-MM[-DD]]" size="11" inputmode="numeric"></label>
<label>to <input id="f-to" placeholder="YYYY[-MM[-DD]]" size="11" inputmode="numeric"></label>
<button type="button" id="f-clear">clear</button>
<span class="count"><b id="shown">{len(events)}</b> of {len(events)} events</span></div>
<div id="timeline-box"><div class="tl-head"><h2>Timeline</h2><span class="zoom">
<button type="button" id="z-in" title="zoom in">+</button><button type="button" id="z-out" title="zoom out">−</button>
<button type="button" id="z-fit">fit all</button></span></div>
<div id="timeline" aria-label="timeline of the events"></div>
<p class="legend"><span><svg width="26" height="12"><rect width="26" height="12" rx="2" fill="#457b9d"/></svg> day stated</span>
<span><svg width="26" height="12"><defs><pattern id="lg-h" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="5" fill="#457b9d"/></pattern></defs><rect x=".5" y=".5" width="25" height="11" rx="2" fill="url(#lg-h)" stroke="#457b9d"/></svg> month, season, year or wider</span>
<span><svg width="26" height="12"><rect x=".5" y=".5" width="25" height="11" rx="2" fill="#457b9d" fill-opacity=".55" stroke="#1d2433" stroke-dasharray="3 2"/></svg> carried over from context or approximate</span>
<span id="tl-note"></span><span class="hint">Drag across the timeline to zoom to a date range.</span></p></div>
<div class="panes"><div class="pane" id="table-pane"><table id="events"><thead><tr>
<th data-sort="date" aria-sort="ascending">date</th><th data-sort="type">type</th><th data-sort="trig">trigger</th>
<th data-sort="p0">participants</th><th data-sort="place">place</th><th data-sort="doc" class="doccol">document</th>
</tr></thead><tbody>{"".join(rows)}</tbody></table>
<p id="no-match" hidden>No event matches these filters.</p></div>
<div class="pane" id="text-pane"><p class="legend keys"><mark class="tx">date</mark> <mark class="en en-PER">person</mark>
<mark class="en en-GPE">place</mark> <mark class="en en-ORG">organisation</mark> <mark class="en en-EVENT">event, other</mark>
<mark class="tg" style="--c:#1d2433">trigger</mark> <small>hover or tap for details</small></p>
{"".join(docs)}</div></div></section>
</main>
<div id="tip" role="tooltip" hidden></div>
<button type="button" id="back" hidden>↑ back to the event</button>
<script type="application/json" id="vn-data">{_json_script(payload)}</script>
<script>{_asset("report.js")}</script>
</body></html>
"""


def _event_rows(records: list[dict], events: list[dict], colours: dict) -> tuple[list[str], list[dict]]:
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


def _document(i: int, rec: dict, text: str | None, count: int) -> str:
    """One document's text, highlighted, folded away unless the run has three documents or
    fewer; a note when its text is not available or only its start is shown."""
    body = highlight(i, text, rec) if text is not None else '<p class="nd">(text not available)</p>'
    shown, size = rec.get("_shown") or (0, 0)
    if text is not None and shown < size:
        body += f'<p class="nd">(the first {shown:,} of {size:,} characters are shown)</p>'
    n = _doc_counts(rec)
    counts = f'{n["timexes"]} dates · {n["entities"]} entities · {n["events"]} events'
    return (f'<details class="doc" id="doc{i}"{" open" if count <= 3 else ""}>'
            f'<summary><b>{_esc(rec.get("doc_id"))}</b> <small>{_esc(rec.get("source"))} · {counts}'
            f'{" · document date " + _esc(rec["dct"]) if rec.get("dct") else ""}</small></summary>'
            f'<div class="text" lang="vi">{body}</div></details>')


def _subtitle(totals: dict, failures: list[dict]) -> str:
    """The line under the title: documents, events and, when some failed, the failures."""
    n_docs = totals["documents"]
    return (f'{n_docs} document{"s" if n_docs != 1 else ""} · {totals["events"]} events'
            + (f' · {len(failures)} failed' if failures else ""))


def _asset(name: str) -> str:
    """The page's stylesheet or script, kept as plain files in pipeline/assets/."""
    from importlib import resources
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
