"""report.html: one self-contained page to inspect a run (no network: styles and
scripts inline). Timeline of all events, each document's text with dates,
entities and triggers highlighted, a filterable events table, and a summary."""
from __future__ import annotations

import html
import json
from collections import Counter

_CSS = """
body{font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}
header{background:#1d3557;color:#fff;padding:12px 20px}h1{margin:0;font-size:1.3rem}
main{padding:12px 20px;max-width:1200px;margin:auto}section{background:#fff;border-radius:6px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px #0002}
h2{font-size:1.1rem;margin:4px 0 10px}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}th{cursor:pointer;background:#eef1f5}
tr.ev:hover{background:#f0f6ff;cursor:pointer}.doc{line-height:1.9;white-space:pre-wrap}
mark{padding:1px 2px;border-radius:3px}mark.t{background:#ffe08a}mark.e-PER{background:#cde7ff}mark.e-LOC,mark.e-GPE{background:#d3f5d3}
mark.e-ORG{background:#f2d7ff}mark.e-EVENT,mark.e-MISC{background:#ffd9c9}mark.g{outline:2px solid #d62828;background:#ffe3e3}
.flash{animation:fl 2s}@keyframes fl{from{background:#fff3a0}to{background:transparent}}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:8px}.filters input,.filters select{padding:4px;font-size:.9rem}
svg text{font-size:11px}.legend span{display:inline-block;margin-right:10px;font-size:.8rem}
.err{color:#b00020}@media (max-width:700px){main{padding:6px}td,th{font-size:.8rem}}
"""

_JS = """
const EVENTS = JSON.parse(document.getElementById('events-data').textContent);
function applyFilters(){
  const t=document.getElementById('f-type').value, q=document.getElementById('f-entity').value.toLowerCase(),
        a=document.getElementById('f-from').value, b=document.getElementById('f-to').value;
  let shown=0;
  document.querySelectorAll('#events tbody tr').forEach(tr=>{
    const ev=EVENTS[+tr.dataset.i]; let ok=true;
    if(t && ev.type!==t) ok=false;
    if(q && !ev.names.toLowerCase().includes(q)) ok=false;
    if(a && (!ev.end || ev.end<a)) ok=false;
    if(b && (!ev.start || ev.start>b)) ok=false;
    tr.style.display=ok?'':'none'; if(ok) shown++;
  });
  document.getElementById('shown').textContent=shown;
}
['f-type','f-entity','f-from','f-to'].forEach(id=>document.getElementById(id).addEventListener('input',applyFilters));
document.querySelectorAll('#events tbody tr').forEach(tr=>tr.addEventListener('click',()=>{
  const el=document.getElementById(tr.dataset.target); if(!el) return;
  el.scrollIntoView({behavior:'smooth',block:'center'}); el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
}));
document.querySelectorAll('#events th').forEach((th,col)=>th.addEventListener('click',()=>{
  const body=document.querySelector('#events tbody'); const rows=[...body.rows];
  const dir=th.dataset.dir==='asc'?-1:1; th.dataset.dir=dir===1?'asc':'desc';
  rows.sort((x,y)=>x.cells[col].dataset.k.localeCompare(y.cells[col].dataset.k,undefined,{numeric:true})*dir);
  rows.forEach(r=>body.appendChild(r));
}));
applyFilters();
"""

_PALETTE = ["#e63946", "#457b9d", "#2a9d8f", "#e9c46a", "#f4a261", "#6d597a", "#264653", "#b5838d",
            "#8ab17d", "#e76f51", "#3a86ff", "#8338ec"]


def _esc(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _colors(types) -> dict[str, str]:
    return {t: _PALETTE[i % len(_PALETTE)] for i, t in enumerate(sorted(types))}


def _day_number(day: str) -> float:
    neg = day.startswith("-")
    y, m, d = (day[1:] if neg else day).split("-")
    y = -int(y) if neg else int(y)
    return y * 372 + (int(m) - 1) * 31 + int(d)


def _timeline_svg(events: list[dict], colors: dict) -> str:
    dated = [e for e in events if e.get("time") and e["time"].get("range")]
    if not dated:
        return "<p>No dated events.</p>"
    lo = min(_day_number(e["time"]["range"][0]) for e in dated)
    hi = max(_day_number(e["time"]["range"][1]) for e in dated)
    span = max(hi - lo, 1.0)
    width, row_h = 1000, 16
    rows: list[float] = []
    bars = []
    for e in dated:
        a = 40 + (_day_number(e["time"]["range"][0]) - lo) / span * (width - 80)
        b = 40 + (_day_number(e["time"]["range"][1]) + 1 - lo) / span * (width - 80)
        b = max(b, a + 6)
        row = next((k for k, end in enumerate(rows) if end < a - 2), None)
        if row is None:
            rows.append(b)
            row = len(rows) - 1
        else:
            rows[row] = b
        coarse = e["time"].get("granularity") in ("year", "decade", "century", "season", "quarter", "month")
        style = ' fill-opacity="0.35" stroke-dasharray="3,2"' if coarse else ""
        bars.append(f'<rect class="bar" x="{a:.1f}" y="{30 + row * row_h}" width="{b - a:.1f}" height="{row_h - 4}" '
                    f'fill="{colors[e["type"]]}" stroke="{colors[e["type"]]}"{style}><title>{_esc(e["time"]["value"])} '
                    f'{_esc(e["type"])}: {_esc(e["trigger"]["text"])}</title></rect>')
    height = 40 + len(rows) * row_h
    first, last = dated[0]["time"]["range"][0], max(e["time"]["range"][1] for e in dated)
    axis = (f'<line x1="40" y1="22" x2="{width - 40}" y2="22" stroke="#888"/>'
            f'<text x="40" y="14">{_esc(first)}</text><text x="{width - 40}" y="14" text-anchor="end">{_esc(last)}</text>')
    legend = "".join(f'<span><b style="color:{c}">■</b> {_esc(t)}</span>' for t, c in colors.items())
    return (f'<svg id="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="timeline of {len(dated)} dated events">{axis}{"".join(bars)}</svg>'
            f'<div class="legend">{legend}</div><p>Solid bars: day-level dates; pale dashed bars: month, season or year.</p>')


def _highlight(doc_id: str, text: str, record: dict) -> str:
    marks = []  # (start, end, open_tag)
    for t in record.get("timexes", []):
        tip = f'{t["type"]} {t.get("value")}' + (f' (anchor {t["anchor"]})' if t.get("anchor") else "")
        marks.append((t["start"], t["end"], f'<mark class="t" title="{_esc(tip)}">'))
    for e in record.get("entities", []):
        marks.append((e["start"], e["end"], f'<mark class="e-{e["label"]}" title="{_esc(e["label"] + " → " + e["canonical"])}">'))
    for ev in record.get("events", []):
        tr = ev["trigger"]
        marks.append((tr["start"], tr["end"], f'<mark class="g" title="{_esc(ev["type"])}">'))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out, pos, taken_until = [], 0, -1
    starts = {ev["sentence"]["start"]: ev["sentence"]["index"] for ev in record.get("events", [])}
    chosen = []
    for m in marks:
        if m[0] >= taken_until:
            chosen.append(m)
            taken_until = m[1]
    boundaries = sorted(set(starts))
    cuts = sorted({c for m in chosen for c in (m[0], m[1])} | set(boundaries))
    opened = {m[0]: m for m in chosen}
    for c in cuts:
        if c < pos:
            continue
        out.append(_esc(text[pos:c]))
        pos = c
        if any(m[1] == c for m in chosen):
            out.append("</mark>")
        if c in starts:
            out.append(f'<span id="{_esc(doc_id)}-s{starts[c]}"></span>')
        if c in opened:
            out.append(opened[c][2])
    out.append(_esc(text[pos:]))
    return "".join(out)


def render_report(records: list[dict], failures: list[dict], timeline: dict, texts: dict) -> str:
    events = timeline["events"]
    colors = _colors({e["type"] for e in events} or {"Other"})
    rows, data = [], []
    for i, e in enumerate(events):
        time = e.get("time") or {}
        rng = time.get("range") or [None, None]
        parts = ", ".join(f'{p["canonical"]} ({p["role"]})' for p in e.get("participants", []))
        place = (e.get("location") or {}).get("canonical") or ""
        names = " | ".join([p["canonical"] for p in e.get("participants", [])] + ([place] if place else []))
        data.append({"type": e["type"], "start": rng[0], "end": rng[1], "names": names})
        target = f'{e["doc_id"]}-s{e["sentence"]["index"]}'
        cells = [(e["doc_id"], e["doc_id"]), (time.get("value") or "—", rng[0] or "9999"), (e["type"], e["type"]),
                 (e["trigger"]["text"], e["trigger"]["text"]), (parts, parts), (place, place),
                 (e["sentence"]["text"], str(i))]
        rows.append(f'<tr class="ev" data-i="{i}" data-target="{_esc(target)}">' +
                    "".join(f'<td data-k="{_esc(k)}">{_esc(v)}</td>' for v, k in cells) + "</tr>")
    per_type = Counter(e["type"] for e in events)
    ents = Counter(e["canonical"] for r in records for e in r.get("entities", []))
    summary = [f"<p>{len(records)} document(s) processed, {len(failures)} failed; {len(events)} events "
               f"({sum(1 for e in events if e.get('time'))} dated).</p>",
               "<table><tr><th>document</th><th>dates</th><th>entities</th><th>events</th></tr>" +
               "".join(f'<tr><td>{_esc(r["doc_id"])}</td><td>{len(r["timexes"])}</td><td>{len(r["entities"])}</td>'
                       f'<td>{len(r["events"])}</td></tr>' for r in records) + "</table>",
               "<p><b>Events by type:</b> " + ", ".join(f"{_esc(t)} {n}" for t, n in sorted(per_type.items())) + "</p>",
               "<p><b>Top entities:</b> " + ", ".join(f"{_esc(n)} ({c})" for n, c in
                                                     sorted(ents.items(), key=lambda x: (-x[1], x[0]))[:15]) + "</p>"]
    if failures:
        summary.append("<ul class='err'>" + "".join(f'<li>{_esc(f["source"])}: {_esc(f["error"])}</li>'
                                                   for f in failures) + "</ul>")
    options = "".join(f'<option value="{_esc(t)}">{_esc(t)}</option>' for t in sorted(per_type))
    docs = "".join(f'<section><h2>{_esc(r["doc_id"])}</h2><div class="doc">'
                   f'{_highlight(r["doc_id"], texts.get(r["doc_id"], ""), r)}</div></section>' for r in records)
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>vnevents report</title><style>{_CSS}</style></head><body>
<header><h1>vnevents report</h1></header><main>
<section id="summary"><h2>Summary</h2>{"".join(summary)}</section>
<section><h2>Timeline</h2>{_timeline_svg(events, colors)}</section>
<section><h2>Events (<span id="shown">{len(events)}</span> shown)</h2>
<div class="filters"><select id="f-type"><option value="">all types</option>{options}</select>
<input id="f-entity" placeholder="entity or place"><label>from <input id="f-from" type="date"></label>
<label>to <input id="f-to" type="date"></label></div>
<table id="events"><thead><tr><th>doc</th><th>date</th><th>type</th><th>trigger</th><th>participants</th><th>place</th><th>sentence</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></section>
{docs}
<script type="application/json" id="events-data">{payload}</script>
<script>{_JS}</script>
</main></body></html>
"""
