"""ISO-TimeML (TimeML 1.2.1 markup) of one document record: the document's text in TEXT
with its timexes (TIMEX3) and event triggers (EVENT) inline, the document date (DCT) when
known, a MAKEINSTANCE per event, and TLINKs.

Inline tags do not nest: in TimeML's DTD, TIMEX3 and EVENT hold text only. So when spans
overlap, a timex is placed before an event (dates anchor the links), then the earlier and
longer span first; a span that overlaps one already placed is left out of TEXT and written
after it, as the same element with `start` and `end` character offsets into the text and
the covered text as content ("standoff"). The text between the tags of TEXT is the
document text exactly: `\\r` is written as a character reference, and the few characters
XML 1.0 cannot hold at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, one for one,
so offsets still hold (a comment says how many).

TLINKs: each event dated by a timex IS_INCLUDED in it (`origin` says whether the date is
stated in its sentence, `explicit`, or carried over, `context`); the order the text states
between two events (an event's `tlinks`, dated or not: `origin="text"`, the connective in
`syntax`); between dated events, each
event to the nearest event (by date) whose range starts after its own ends (BEFORE or
AFTER, the source being the one told first), and to the next one with the same single-day
value (SIMULTANEOUS at the granularity the text gives). These are a chain, not the closure.
"""
from __future__ import annotations

from bisect import bisect_right

from ..days import parse_day
from ..ontology import load_ontology
from ..spans import Occupied

DEFAULT_CLASS = "OCCURRENCE"  # of a type the ontology does not know
_XML_BAD = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]
_TEXT = {**{c: "\ufffd" for c in _XML_BAD}, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
         ord("\r"): "&#13;"}
_ATTR = {**_TEXT, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#9;"}
SINGLE_DAY = ("day", "part_of_day", "time")  # granularities of one day or less


def xml_text(value: str) -> str:
    return value.translate(_TEXT)


def xml_attrs(attrs: dict) -> str:
    return "".join(f' {k}="{str(v).translate(_ATTR)}"' for k, v in attrs.items() if v is not None)


def _timex_attrs(t: dict, tids: dict) -> dict:
    anchor = t.get("anchor")
    return {"tid": tids[t["id"]], "type": t["type"], "value": t.get("value"), "mod": t.get("mod"),
            "temporalFunction": "true" if anchor else "false",
            "anchorTimeID": "t0" if anchor == "DCT" else tids.get(anchor)}


def _tags(record: dict, tids: dict, eids: dict) -> list[tuple]:
    """(rank, start, -end, name, attrs, end) of every timex and event trigger, in the order
    they claim the inline text: timexes first, then earlier, then longer."""
    tags = [(0, t["start"], -t["end"], "TIMEX3", _timex_attrs(t, tids), t["end"]) for t in record["timexes"]]
    types = load_ontology().types
    for ev in record["events"]:
        trig = ev["trigger"]
        etype = types.get(ev["type"])
        attrs = {"eid": eids[ev["id"]], "class": etype.timeml if etype else DEFAULT_CLASS}
        tags.append((1, trig["start"], -trig["end"], "EVENT", attrs, trig["end"]))
    return sorted(tags, key=lambda tag: tag[:3])


def place(tags: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(inline tags in text order, standoff tags in claim order): a tag goes inline when
    it is not empty and overlaps no tag placed before it."""
    taken, inline, standoff = Occupied(), [], []
    for tag in tags:
        start, end = tag[1], tag[5]
        if start < end and taken.claim(start, end):
            inline.append(tag)
        else:
            standoff.append(tag)
    return sorted(inline, key=lambda tag: tag[1]), standoff


def _body(text: str, inline: list[tuple]) -> str:
    out, at = [], 0
    for _, start, _, name, attrs, end in inline:
        out.append(xml_text(text[at:start]))
        out.append(f"<{name}{xml_attrs(attrs)}>{xml_text(text[start:end])}</{name}>")
        at = end
    out.append(xml_text(text[at:]))
    return "".join(out)


def _standoff(text: str, tags: list[tuple]) -> list[str]:
    return [f"<{name}{xml_attrs({**attrs, 'start': start, 'end': end})}>{xml_text(text[start:end])}</{name}>"
            for _, start, _, name, attrs, end in tags]


def _instances(record: dict, eids: dict) -> list[str]:
    out = []
    for ev in record["events"]:
        eid = eids[ev["id"]]
        attrs = {"eventID": eid, "eiid": "ei" + eid[1:], "tense": "NONE", "aspect": "NONE",
                 "polarity": "NEG" if ev.get("negated") else "POS", "pos": "OTHER", "modality": ev.get("modality")}
        out.append(f"<MAKEINSTANCE{xml_attrs(attrs)}/>")
    return out


def _day(day: str):
    return parse_day(day) or (0, 0, 0)


def _dated(record: dict) -> list[tuple]:
    """(first day, last day, reading order, event) of the events with a date range, by date."""
    out = []
    for k, ev in enumerate(record["events"]):
        rng = (ev.get("time") or {}).get("range")
        if rng and parse_day(rng[0]) and parse_day(rng[1]):
            out.append((_day(rng[0]), _day(rng[1]), k, ev))
    return sorted(out, key=lambda item: item[:3])


def _ordered_pairs(dated: list[tuple]):
    """(a, b, relation of a to b) for the chain of event links described in the module."""
    starts = [item[0] for item in dated]
    for n, (first, last, k, ev) in enumerate(dated):
        later = bisect_right(starts, last)
        if later < len(dated):
            yield (k, ev), (dated[later][2], dated[later][3]), "BEFORE"
        if n + 1 < len(dated) and _same_day(dated[n], dated[n + 1]):
            yield (k, ev), (dated[n + 1][2], dated[n + 1][3]), "SIMULTANEOUS"


def _same_day(a: tuple, b: tuple) -> bool:
    ta, tb = a[3]["time"], b[3]["time"]
    return (a[0] == a[1] == b[0] == b[1] and ta.get("value") == tb.get("value")
            and ta.get("granularity") in SINGLE_DAY and tb.get("granularity") in SINGLE_DAY)


_INVERSE = {"BEFORE": "AFTER", "SIMULTANEOUS": "SIMULTANEOUS"}


def _stated_links(record: dict, eids: dict) -> list[dict]:
    """The order the text states between events (an event's `tlinks`, when the records
    have them: BEFORE or AFTER another event, and the words that say so, kept in `syntax`)."""
    return [{"relType": link["relation"], "eventInstanceID": "ei" + eids[ev["id"]][1:],
             "relatedToEventInstance": "ei" + eids[link["event_id"]][1:], "origin": "text",
             "syntax": link.get("signal")}
            for ev in record["events"] for link in ev.get("tlinks") or () if link.get("event_id") in eids]


def _tlinks(record: dict, tids: dict, eids: dict) -> list[dict]:
    links = []
    for ev in record["events"]:
        time = ev.get("time") or {}
        if time.get("timex_id") in tids:
            links.append({"relType": "IS_INCLUDED", "eventInstanceID": "ei" + eids[ev["id"]][1:],
                          "relatedToTime": tids[time["timex_id"]], "origin": time.get("basis")})
    links += _stated_links(record, eids)
    for (ka, a), (kb, b), rel in _ordered_pairs(_dated(record)):
        if kb < ka:  # the source is the event told first
            a, b, rel = b, a, _INVERSE[rel]
        links.append({"relType": rel, "eventInstanceID": "ei" + eids[a["id"]][1:],
                      "relatedToEventInstance": "ei" + eids[b["id"]][1:]})
    return links


def timeml_document(record: dict, text: str) -> str:
    """The .tml of one document record (its dict) over the document's text."""
    tids = {t["id"]: f"t{k}" for k, t in enumerate(record["timexes"], 1)}
    eids = {ev["id"]: f"e{k}" for k, ev in enumerate(record["events"], 1)}
    inline, standoff = place(_tags(record, tids, eids))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>", f"<DOCID>{xml_text(record['doc_id'])}</DOCID>"]
    if record.get("dct"):
        dct = {"tid": "t0", "type": "DATE", "value": record["dct"], "temporalFunction": "false",
               "functionInDocument": "CREATION_TIME"}
        lines.append(f"<DCT><TIMEX3{xml_attrs(dct)}>{xml_text(record['dct'])}</TIMEX3></DCT>")
    replaced = len(text) - len(text.translate(dict.fromkeys(_XML_BAD)))
    if replaced:
        lines.append(f"<!-- {replaced} characters that XML cannot hold are U+FFFD in TEXT -->")
    lines.append(f"<TEXT>{_body(text, inline)}</TEXT>")
    lines += _standoff(text, standoff) + _instances(record, eids)
    lines += [f"<TLINK{xml_attrs({'lid': f'l{k}', **link})}/>" for k, link in enumerate(_tlinks(record, tids, eids), 1)]
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"
