"""report.html: escaping, determinism and the markup the templates write; then the page
itself in headless Chromium, driven over the DevTools protocol (tests/browser.py, with
websocket-client; no Selenium, no download). The browser tests skip when no Chromium is found."""
from __future__ import annotations

import json
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.export.report import highlight, render_report, type_colour
from tests.browser import _Page, browser  # noqa: F401  (the fixture)
from tests.conftest import REFERENCE
from tests.timelines import timeline_document

REFERENCE_TXT = REFERENCE / "cuban_missile_crisis.txt"

# Short Vietnamese prose written for these tests: dates of several granularities,
# a relative date, people, places and events of several types.
STORY = ("Ngày 4 tháng 9 năm 1962, Tổng thống Kennedy cảnh báo Liên Xô tại Washington. "
         "Ngày hôm sau, Khrushchev gửi thư cho Kennedy. "
         "Tháng 10 năm 1962, Mỹ phong tỏa Cuba. "
         "Năm 1963, hai nước ký hiệp ước tại Moskva.")


# --- hand-made records ---------------------------------------------------------

def _event(eid, etype, trig, start, sentence, time=None, participants=(), location=None, **extra):
    return {"id": eid, "type": etype, "trigger": {"text": trig, "start": start, "end": start + len(trig)},
            "time": time, "participants": list(participants), "location": location,
            "sentence": sentence, "confidence": 0.9, **extra}


def _toy():
    """A record whose text holds markup, an entity that crosses a date, and a relative date."""
    text = "Ngày 22 tháng 10 năm 1962, <script>alert('x')</script> Kennedy nói. Hôm sau Bộ \"A&B\" họp."
    s0 = {"index": 0, "start": 0, "end": text.index("nói.") + 4}
    s0["text"] = text[s0["start"]:s0["end"]]
    s1 = {"index": 1, "start": s0["end"] + 1, "end": len(text)}
    s1["text"] = text[s1["start"]:s1["end"]]
    t1 = {"id": "T1", "text": "Ngày 22 tháng 10 năm 1962", "start": 0, "end": 25, "type": "DATE",
          "value": "1962-10-22", "granularity": "day", "range": ["1962-10-22", "1962-10-22"],
          "anchor": None, "mod": None}
    hs = text.index("Hôm sau")
    t2 = {"id": "T2", "text": "Hôm sau", "start": hs, "end": hs + 7, "type": "DATE", "value": "1962-10-23",
          "granularity": "day", "range": ["1962-10-23", "1962-10-23"], "anchor": "T1", "mod": None}
    k = text.index("Kennedy")
    bo = text.index("Bộ")
    ents = [{"id": "E1", "text": "Kennedy", "start": k, "end": k + 7, "label": "PER",
             "canonical": "Kennedy", "title": "Tổng thống </mark><b>"},
            # crosses the end of T2: the renderer must split it, not break the nesting
            {"id": "E2", "text": text[hs + 4:bo + 9], "start": hs + 4, "end": bo + 9, "label": "ORG",
             "canonical": "Bộ \"A&B\"", "title": None}]
    time1 = {"timex_id": "T1", "value": "1962-10-22", "granularity": "day",
             "range": ["1962-10-22", "1962-10-22"], "basis": "explicit"}
    time2 = {"timex_id": "T2", "value": "1962-10-23", "granularity": "day",
             "range": ["1962-10-23", "1962-10-23"], "basis": "explicit"}
    events = [_event("EV1", "Contact.Statement", "nói", text.index("nói"), s0, time1,
                     [{"entity_id": "E1", "canonical": "Kennedy", "label": "PER", "role": "agent"}]),
              _event("EV2", "Contact.Meet", "họp", text.index("họp"), s1, time2,
                     [{"entity_id": "E2", "canonical": "Bộ \"A&B\"", "label": "ORG", "role": "agent"}])]
    record = {"schema_version": "1.0", "doc_id": "toy<1>", "source": "corpus/toy<1>.txt", "dct": None,
              "text_sha256": "0", "timexes": [t1, t2], "entities": ents, "events": events}
    return record, text


class _Checker(HTMLParser):
    """Collects the text and checks that every element opened inside the body is closed in order."""
    VOID = {"meta", "input", "br", "img", "hr", "link", "col", "wbr", "source", "area", "base"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.errors, self.ids = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if any(k == "id" for k, _ in attrs):
            self.ids.append(dict(attrs)["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append((tag, list(self.stack)))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.errors and not checker.stack, (checker.errors, checker.stack)
    return checker


def test_highlight_keeps_the_text_and_nests_crossing_spans():
    record, text = _toy()
    markup = highlight(0, text, record)
    checker = _check(markup)
    assert "".join(checker.text) == text
    # the ORG entity crosses "Hôm sau", so it is split into two marks
    assert markup.count('class="en en-ORG"') == 2
    # each sentence with an event has one anchor id, however many pieces it is cut into
    assert sorted(checker.ids) == ["s0-0", "s0-1"]


def test_timex_tooltip_shows_value_and_anchor():
    record, text = _toy()
    markup = highlight(0, text, record)
    tip = markup.split('class="tx"', 2)[2].split('data-tip="', 1)[1].split('"', 1)[0]
    assert "1962-10-23" in tip
    assert "anchor T1: “Ngày 22 tháng 10 năm 1962” = 1962-10-22" in tip


def test_all_text_is_escaped():
    record, text = _toy()
    failures = [{"doc_id": "bad", "source": "corpus/<bad>.txt", "error": "<img src=x onerror=alert(1)>"}]
    page = render_report([record], failures, timeline_document([record], failures), {record["doc_id"]: text})
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "</mark><b>" not in page
    assert "toy<1>" not in page
    # only the page's own two scripts: the JSON data and the code
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data = page.split('id="vn-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["events"][1]["names"] == ['Bộ "A&B"']


# --- a document whose names, trigger and id are markup: escaped wherever they show -----

_SCRIPT = "<script>alert(1)</script>"
_SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _hostile():
    """A record whose text, entity, trigger, place and id hold a script, quotes and '&'."""
    text = f'Ngày 2 tháng 9 năm 1945, Bộ "A&B" {_SCRIPT} họp "kín" & {_SCRIPT} tại "Hà Nội" & {_SCRIPT}.'
    org = f'Bộ "A&B" {_SCRIPT}'
    trig = f'họp "kín" & {_SCRIPT}'
    o, h = text.index(org), text.index(trig)
    t1 = {"id": "T1", "text": "Ngày 2 tháng 9 năm 1945", "start": 0, "end": 23, "type": "DATE",
          "value": "1945-09-02", "granularity": "day", "range": ["1945-09-02", "1945-09-02"],
          "anchor": None, "mod": None}
    ent = {"id": "E1", "text": org, "start": o, "end": o + len(org), "label": "ORG", "canonical": org, "title": None}
    sent = {"index": 0, "start": 0, "end": len(text), "text": text}
    time = {"timex_id": "T1", "value": "1945-09-02", "granularity": "day", "range": ["1945-09-02", "1945-09-02"],
            "basis": "explicit"}
    ev = _event("EV1", "Contact.Meet", trig, h, sent, time,
                [{"entity_id": "E1", "canonical": org, "label": "ORG", "role": "agent"}],
                {"canonical": f'Hà "Nội" & {_SCRIPT}'})
    record = {"schema_version": "1.0", "doc_id": 'a_"b"&<c>', "source": f'corpus/"x"&{_SCRIPT}.txt', "dct": None,
              "text_sha256": "0", "timexes": [t1], "entities": [ent], "events": [ev]}
    return record, text


@pytest.fixture(scope="module")
def hostile_page():
    record, text = _hostile()
    return render_report([record], [], timeline_document([record], []), {record["doc_id"]: text})


_ORG = f"Bộ &#34;A&amp;B&#34; {_SCRIPT_ESCAPED}"
_TRIGGER = f"họp &#34;kín&#34; &amp; {_SCRIPT_ESCAPED}"
_PLACE = f"Hà &#34;Nội&#34; &amp; {_SCRIPT_ESCAPED}"


# (where a hostile string shows, the exact escaped markup it must show as there)
_HOSTILE_PLACES = [
    ("text pane: the entity's mark and tip", f'<mark class="en en-ORG" data-tip="ORG  {_ORG}">{_ORG}</mark>'),
    ("text pane: the text after the marks", f"</mark> tại &#34;Hà Nội&#34; &amp; {_SCRIPT_ESCAPED}.</span>"),
    ("text pane: the trigger's tip and text",
     f'data-tip="Contact.Meet  EV1\ndate 1945-09-02 (explicit)\nagent: {_ORG}\nplace: {_PLACE}">{_TRIGGER}</mark>'),
    ("table: trigger", f'<td data-label="trigger"><b>{_TRIGGER}</b></td>'),
    ("table: participant", f'<td data-label="participants"><span class="pp">{_ORG} <small>agent</small></span></td>'),
    ("table: place", f'<td data-label="place">{_PLACE}</td>'),
    ("table: document id", '<td data-label="document" class="doccol">a_<wbr>&#34;b&#34;&amp;&lt;c&gt; <small>EV1'),
    ("summary: top entity", f'<button type="button" class="pick" data-entity="{_ORG}">{_ORG}</button>'),
    ("summary: document row", '<a href="#doc0">a_<wbr>&#34;b&#34;&amp;&lt;c&gt;</a>'),
    ("entity filter", f'<option value="{_ORG}"><option value="{_PLACE}">'),
    ("document heading",
     f'<summary><b>a_&#34;b&#34;&amp;&lt;c&gt;</b> <small>corpus/&#34;x&#34;&amp;{_SCRIPT_ESCAPED}.txt'),
]


@pytest.mark.parametrize("escaped", [e for _, e in _HOSTILE_PLACES], ids=[w for w, _ in _HOSTILE_PLACES])
def test_hostile_names_are_escaped(hostile_page, escaped):
    assert escaped in hostile_page


def test_hostile_names_run_no_script(hostile_page):
    record, text = _hostile()
    assert _SCRIPT not in hostile_page and '"A&B"' not in hostile_page and "<c>" not in hostile_page
    assert hostile_page.count("<script") == 2 and hostile_page.count("</script>") == 2  # the page's own two
    data = hostile_page.split('<script type="application/json" id="vn-data">', 1)[1].split("</script>", 1)[0]
    assert '"trig":"họp \\"kín\\" \\u0026 \\u003cscript\\u003ealert(1)\\u003c/script\\u003e"' in data
    assert json.loads(data)["events"][0]["trig"] == f'họp "kín" & {_SCRIPT}'
    body = hostile_page.split('<div class="text" lang="vi">', 1)[1].split("</div></details>", 1)[0]
    assert "".join(_check(body).text) == text


def test_same_input_same_bytes():
    record, text = _toy()
    timeline = timeline_document([record], [])
    first = render_report([record], [], timeline, {record["doc_id"]: text})
    again = render_report([json.loads(json.dumps(record))], [], json.loads(json.dumps(timeline)),
                          {record["doc_id"]: text})
    assert first == again


def test_page_is_self_contained():
    record, text = _toy()
    page = render_report([record], [], timeline_document([record], []), {record["doc_id"]: text})
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and 'name="viewport"' in page
    assert "Noto Sans" in page and "DejaVu Sans" in page
    for remote in ("http://", "https://", "//cdn", "<link", "src=\"", "@import", "url(http"):
        assert remote not in page.replace("http://www.w3.org/2000/svg", ""), remote


def test_summary_reports_failures_and_counts():
    record, text = _toy()
    failures = [{"doc_id": "hong", "source": "corpus/hong.txt", "error": "cannot read 'corpus/hong.txt': denied"}]
    page = render_report([record], failures, timeline_document([record], failures), {record["doc_id"]: text})
    assert "Documents that failed" in page and "cannot read &#39;corpus/hong.txt&#39;: denied" in page
    assert '<tr class="failed"><td>hong</td>' in page
    assert page.count('<tr data-i="') == 2


def test_missing_text_still_renders():
    record, _ = _toy()
    page = render_report([record], [], timeline_document([record], []), {})
    assert "(text not available)" in page and page.count('<tr data-i="') == 2


@pytest.mark.parametrize("event_type", ["Conflict.Attack", "Contact.Meet", "Justice.Pardon", "Foo.Bar", "Other"])
def test_type_colours_are_stable_hex(event_type):
    colour = type_colour(event_type)
    assert colour == type_colour(event_type)
    assert len(colour) == 7 and colour.startswith("#") and int(colour[1:], 16) >= 0


def test_types_of_one_category_get_distinct_colours():
    contact = ["Contact.Meet", "Contact.Phone-Write", "Contact.Statement", "Contact.Agreement"]
    conflict = ["Conflict.Attack", "Conflict.Demonstrate", "Conflict.Deploy", "Conflict.Blockade", "Conflict.Withdraw"]
    for group in (contact, conflict):
        assert len({type_colour(t) for t in group}) == len(group)


def test_report_of_a_pipeline_run(run):
    record = run(STORY, doc_id="story").to_dict()
    timeline = timeline_document([record], [])
    page = render_report([record], [], timeline, {"story": STORY})
    assert record["events"], "the story should yield events"
    assert page.count('<tr data-i="') == len(record["events"])
    body = page.split('<div class="text" lang="vi">', 1)[1].split("</div></details>", 1)[0]
    assert "".join(_check(body).text) == STORY
    assert body.count('class="tx"') == len(record["timexes"])


# --- the page in headless Chromium -----------------------------------------------

def _write_report(folder: Path, records: list[dict], texts: dict, failures=()) -> Path:
    path = folder / "report.html"
    path.write_text(render_report(records, list(failures), timeline_document(records, list(failures)), texts),
                    encoding="utf-8")
    return path


_COUNTS = """(() => ({
  rows: document.querySelectorAll('#events tbody tr').length,
  shown: [...document.querySelectorAll('#events tbody tr')].filter(r => !r.hidden).length,
  bars: document.querySelectorAll('#timeline .ev').length,
  label: +document.getElementById('shown').textContent}))()"""


def _type_in(page: _Page, field: str, value: str) -> None:
    page.js(f"(() => {{ const el = document.getElementById({json.dumps(field)}); el.value = {json.dumps(value)};"
            "el.dispatchEvent(new Event('input', {bubbles: true})); })()")


def test_toy_report_in_chromium(browser, tmp_path):
    record, text = _toy()
    failures = [{"doc_id": "bad", "source": "corpus/bad.txt", "error": "cannot read"}]
    browser.open(_write_report(tmp_path, [record], {record["doc_id"]: text}, failures))
    assert browser.errors() == []
    assert all(u.startswith("file:") for u in browser.requests()), browser.requests()
    # the <script> in the document is text, not code
    assert browser.js("document.querySelectorAll('script').length") == 2
    assert browser.js(_COUNTS) == {"rows": 2, "shown": 2, "bars": 2, "label": 2}
    _type_in(browser, "f-type", "Contact.Meet")
    assert browser.js(_COUNTS)["shown"] == 1
    _type_in(browser, "f-type", "Contact")  # a category matches its subtypes
    assert browser.js(_COUNTS)["shown"] == 2
    _type_in(browser, "f-to", "1962-10-22")
    counts = browser.js(_COUNTS)
    assert counts["shown"] == counts["bars"] == 1
    _type_in(browser, "f-to", "1962-13")  # malformed: flagged, not applied
    assert browser.js("document.getElementById('f-to').classList.contains('bad')")
    assert browser.js(_COUNTS)["shown"] == 2
    assert browser.errors() == []


def test_reference_report_in_chromium(browser, run, tmp_path):
    if not REFERENCE_TXT.exists():
        pytest.skip("../shared/data/reference is not here")
    text = REFERENCE_TXT.read_text(encoding="utf-8")
    record = run(text, doc_id="cuban_missile_crisis").to_dict()
    events = record["events"]
    dated = [e for e in events if e.get("time") and e["time"].get("range")]
    path = _write_report(tmp_path, [record], {"cuban_missile_crisis": text})
    browser.open(path, width=1280, height=900)
    assert browser.errors() == []
    assert all(u.startswith("file:") for u in browser.requests())
    counts = browser.js(_COUNTS)
    assert counts == {"rows": len(events), "shown": len(events), "bars": len(dated), "label": len(events)}
    note = browser.js("document.getElementById('tl-note').textContent")
    assert note.startswith(f"{len(dated)} dated event")

    # the Vietnamese text reaches the page intact
    assert browser.js("document.querySelector('.text').textContent") == text

    # filters: type category, entity without diacritics, date range
    _type_in(browser, "f-type", "Conflict")
    conflict = [e for e in events if e["type"].startswith("Conflict.")]
    assert browser.js(_COUNTS)["shown"] == len(conflict) < len(events)
    _type_in(browser, "f-type", "")
    _type_in(browser, "f-entity", "khrushchev")
    named = [e for e in events if any("Khrushchev" in p["canonical"] for p in e["participants"])
             or "Khrushchev" in ((e.get("location") or {}).get("canonical") or "")]
    assert browser.js(_COUNTS)["shown"] == len(named) < len(events)
    _type_in(browser, "f-entity", "")
    _type_in(browser, "f-from", "1962-10-22")
    _type_in(browser, "f-to", "1962-10-28")
    week = [e for e in dated if e["time"]["range"][1] >= "1962-10-22" and e["time"]["range"][0] <= "1962-10-28"]
    counts = browser.js(_COUNTS)
    assert counts["shown"] == counts["bars"] == len(week) < len(dated)
    browser.screenshot(tmp_path / "week.png")
    browser.js("document.getElementById('f-clear').click()")
    assert browser.js(_COUNTS)["shown"] == len(events)

    # sorting by type, then back by date
    browser.js("document.querySelector('#events th[data-sort=type]').click()")
    types = browser.js("[...document.querySelectorAll('#events tbody tr')].map(r => r.cells[1].textContent)")
    assert types == sorted(types, key=lambda t: t.lower())

    # a click on an event brings its sentence into view and marks it
    last = max(range(len(events)), key=lambda i: events[i]["sentence"]["start"])
    sentence_id = f's0-{events[last]["sentence"]["index"]}'
    trigger_pos = next(i for i, e in enumerate(browser.js("JSON.parse(document.getElementById('vn-data')"
                                                          ".textContent).events.map(e => e.id)"))
                       if e == events[last]["id"])
    browser.js(f"document.querySelector('#events tbody tr[data-i=\"{trigger_pos}\"]').click()")
    time.sleep(0.2)
    seen = browser.js(f"""(() => {{ const el = document.getElementById('{sentence_id}'), r = el.getBoundingClientRect(),
        pane = document.getElementById('text-pane').getBoundingClientRect();
        return {{flash: el.classList.contains('flash'), inView: r.top >= pane.top - 1 && r.top < Math.min(pane.bottom, innerHeight),
                 selected: document.querySelectorAll('#events tbody tr.sel').length}}; }})()""")
    assert seen == {"flash": True, "inView": True, "selected": 1}

    # a drag across the right half of the timeline zooms in: the date fields fill in, fewer events show
    box = browser.js("(() => { const r = document.getElementById('timeline').getBoundingClientRect();"
                     " return [r.left, r.top + scrollY, r.width]; })()")
    browser.js(f"window.scrollTo(0, {box[1] - 100})")
    y = 130
    for kind, x in (("mousePressed", box[0] + box[2] * 0.5), ("mouseMoved", box[0] + box[2] * 0.75),
                    ("mouseReleased", box[0] + box[2] * 0.99)):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", buttons=1, clickCount=1)
    zoomed = browser.js(_COUNTS)
    assert browser.js("document.getElementById('f-from').value") != ""
    assert 0 < zoomed["shown"] < len(events) and zoomed["bars"] == zoomed["shown"]
    browser.js("document.getElementById('z-fit').click()")
    assert browser.js(_COUNTS)["bars"] == len(dated)

    # a click on a trigger in the text selects its row
    browser.js("document.querySelector('mark.tg').click()")
    assert browser.js("document.querySelectorAll('#events tbody tr.sel').length") == 1

    shot = browser.screenshot(tmp_path / "report.png", full=True)
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000

    # a phone: nothing wider than the screen
    browser.open(path, width=390, height=844, mobile=True)
    assert browser.errors() == []
    assert browser.js("document.documentElement.scrollWidth") <= 390
    assert browser.js(_COUNTS)["bars"] == len(dated)
    browser.screenshot(tmp_path / "phone.png")

    # filters can be preset from the address, e.g. a link to all conflicts of October 1962
    browser.open(path, fragment="#type=Conflict&from=1962-10&to=1962-10")
    october = [e for e in conflict if e.get("time") and e["time"].get("range")
               and e["time"]["range"][1] >= "1962-10-01" and e["time"]["range"][0] <= "1962-10-31"]
    assert browser.js(_COUNTS)["shown"] == len(october)
    assert browser.errors() == []


def test_counts_are_the_runs_not_the_kept_documents(run):
    """A run keeps only its first documents whole for the report: the cards and the title
    count every document of the timeline, and say when only the first events are shown."""
    text = "Năm 1945, Việt Nam tuyên bố độc lập."
    record = run(text, doc_id="kept").to_dict()
    timeline = timeline_document([record], [])
    others = [{"doc_id": f"d{k:02d}", "source": f"d{k:02d}.txt", "error": None, "timexes": 2, "entities": 3,
               "events": 4} for k in range(60)]
    timeline["documents"] = timeline["documents"] + others
    page = render_report([record], [], timeline, {"kept": text})
    n_events = len(record["events"]) + 240
    assert f"61 documents · {n_events} events" in page
    assert f"<b>{n_events}</b><span>events</span><small>the first {len(record['events'])} shown" in page
    assert f"<b>{len(record['timexes']) + 120}</b><span>dates</span>" in page


# --- undated events the text orders ------------------------------------------------

def _ordered_event(eid, value=None, links=()):
    return {"doc_id": "d", "id": eid, "time": {"value": value, "range": [value, value]} if value else None,
            "tlinks": [{"relation": r, "event_id": e, "signal": "sau đó"} for r, e in links]}


def test_undated_events_are_placed_by_their_links():
    from pipeline.export.placing import ordered
    events = [_ordered_event("EV1", "1954-05-07"), _ordered_event("EV3", "1954-07-21"),
              _ordered_event("EV2", links=[("AFTER", "EV1")]),      # after a dated event
              _ordered_event("EV4", links=[("BEFORE", "EV3")]),     # before one
              _ordered_event("EV8", links=[("AFTER", "EV2")]),      # after an ordered one: a chain
              _ordered_event("EV5", links=[("AFTER", "EV6")]), _ordered_event("EV6", links=[("AFTER", "EV5")]),
              _ordered_event("EV7")]
    placed = ordered(events)
    assert [ev["id"] for ev, _ in placed] == ["EV1", "EV2", "EV8", "EV4", "EV3", "EV5", "EV6", "EV7"]
    notes = {ev["id"]: note for ev, note in placed}
    assert notes["EV8"] == {"relation": "AFTER", "event_id": "EV2", "signal": "sau đó",
                            "a": "1954-05-07", "b": "1954-05-07"}  # sorted by the dated end of its chain
    assert notes["EV5"] is None and notes["EV6"] is None and notes["EV7"] is None  # a circle, no link


def test_report_shows_an_ordered_event_beside_its_anchor(run):
    text = ("Năm 1954, quân Pháp rút khỏi Hà Nội, sau đó quân ta tiến vào thành phố. "
            "Năm 1955, Mỹ viện trợ cho chính quyền Sài Gòn.")
    record = run(text, doc_id="story").to_dict()
    advance = next(ev for ev in record["events"] if ev["trigger"]["text"] == "tiến vào")
    assert advance["time"] is None and advance["tlinks"][0]["relation"] == "AFTER"
    page = render_report([record], [], timeline_document([record], []), {"story": text})
    rows = page.split('<table id="events">', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")[:-1]
    triggers = [r.split('<td data-label="trigger"><b>', 1)[1].split("</b>", 1)[0] for r in rows]
    assert triggers[:3] == ["rút khỏi", "tiến vào", "viện trợ"]  # between the two dated events, not last
    assert "ordered, not dated · sau đó" in rows[1] and f'after {advance["tlinks"][0]["event_id"]}' in rows[1]
    data = json.loads(page.split('id="vn-data">', 1)[1].split("</script>", 1)[0])
    assert data["events"][1]["oa"] == "1954-01-01" and data["events"][1]["v"] is None
