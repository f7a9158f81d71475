"""brat standoff (the format of brat and of INCEpTION's brat import): for each document a
copy of its text (`<doc_id>.txt`, the text as read, so that offsets hold) and `<doc_id>.ann`,
and one `annotation.conf` for the folder. Written from a record; read back by `parse_ann`,
and turned into the gold shape `vnevents eval` scores by `gold_from_ann`.

What the .ann holds:
- `T` lines: entities (their label), timexes (their TIMEX3 type) and event triggers (their
  event type, brat-safe: `Contact.Meet` -> `Contact_Meet`, `Life.Be-Born` -> `Life_Be_Born`;
  the category is the part before the first `_`). A span that crosses a line break is
  written as fragments (`0 5;6 10`), as brat requires.
- `E` lines: an event, its trigger, its participants by role (a role repeated is numbered,
  `agent:T1 agent2:T2`), its place (`Place`) and the timex its date comes from (`Time`).
- `A` lines: `Negated` on negated events.
- `#` lines (AnnotatorNotes): `value=` (and `mod=`) of a timex, `canonical=` of an entity,
  and of an event `sentence=START-END`, `date=` when its date is not its Time timex's
  value, `modality=` when set.
"""
from __future__ import annotations

from ..ontology import ROLES

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
ENTITY_LABELS = ("PER", "LOC", "GPE", "ORG", "EVENT", "MISC")
PLACE, TIME, NEGATED = "Place", "Time", "Negated"


def brat_type(event_type: str) -> str:
    """An event type as a brat type name: letters, digits and `_` only."""
    return event_type.replace(".", "_").replace("-", "_")


def event_type_of(name: str, known=()) -> str:
    """The event type of a brat type name: one of `known` whose brat name it is, else the
    first `_` read as the `.` (categories have no `_`) and the others as `-`."""
    for etype in known:
        if brat_type(etype) == name:
            return etype
    head, sep, rest = name.partition("_")
    return head + sep.replace("_", ".") + rest.replace("_", "-")


# --- writing ------------------------------------------------------------------------

def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between line breaks and tabs (brat spans stay on one line)."""
    out, begin = [], start
    for k in range(start, end + 1):
        if k == end or (text[k].isspace() and text[k] != " "):
            if k > begin:
                out.append((begin, k))
            begin = k + 1
    return out


class _Ann:
    """The lines of one .ann as they are made, with their ids."""

    def __init__(self, text: str):
        self.text, self.lines = text, []
        self.count = {"T": 0, "E": 0, "A": 0, "#": 0}

    def next_id(self, kind: str) -> str:
        self.count[kind] += 1
        return f"{kind}{self.count[kind]}"

    def span(self, label: str, start: int, end: int) -> str | None:
        parts = fragments(self.text, start, end)
        if not parts:
            return None
        tid = self.next_id("T")
        where = ";".join(f"{a} {b}" for a, b in parts)
        self.lines.append(f"{tid}\t{label} {where}\t{' '.join(self.text[a:b] for a, b in parts)}")
        return tid

    def note(self, target: str, note: str) -> None:
        self.lines.append(f"{self.next_id('#')}\tAnnotatorNotes {target}\t{_one_line(note)}")


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def _timex_note(t: dict) -> str:
    return " ".join(f"{key}={t[key]}" for key in ("value", "mod") if t.get(key))


def _arguments(ev: dict, entities: dict, timexes: dict) -> list[str]:
    """`role:Tn` of an event's participants, place and time, a repeated role numbered."""
    args, seen = [], {}
    named = [(p["role"], p.get("entity_id")) for p in ev.get("participants") or ()]
    named.append((PLACE, (ev.get("location") or {}).get("entity_id")))
    for role, ent in named:
        if entities.get(ent):
            seen[role] = seen.get(role, 0) + 1
            args.append(f"{role}{seen[role] if seen[role] > 1 else ''}:{entities[ent]}")
    tid = timexes.get((ev.get("time") or {}).get("timex_id"))
    if tid:
        args.append(f"{TIME}:{tid[0]}")
    return args


def _event_note(ev: dict, timexes: dict) -> str:
    sentence = ev.get("sentence") or {}
    note = [f"sentence={sentence.get('start')}-{sentence.get('end')}"] if sentence else []
    time = ev.get("time") or {}
    linked = timexes.get(time.get("timex_id"))
    if time.get("value") and (not linked or linked[1] != time["value"]):
        note.append(f"date={time.get('value')}")
    if ev.get("modality"):
        note.append(f"modality={ev['modality']}")
    return " ".join(note)


def _write_event(ann: _Ann, ev: dict, entities: dict, timexes: dict) -> None:
    trigger = ev["trigger"]
    label = brat_type(ev["type"])
    tid = ann.span(label, trigger["start"], trigger["end"])
    if tid is None:
        return
    eid = ann.next_id("E")
    ann.lines.append(f"{eid}\t{' '.join([f'{label}:{tid}', *_arguments(ev, entities, timexes)])}")
    if ev.get("negated"):
        ann.lines.append(f"{ann.next_id('A')}\t{NEGATED} {eid}")
    note = _event_note(ev, timexes)
    if note:
        ann.note(eid, note)


def brat_ann(record: dict, text: str) -> str:
    """The .ann of a document record over its text: timexes, entities, then events."""
    ann = _Ann(text)
    timexes, entities = _write_spans(ann, record)
    for ev in record.get("events") or ():
        _write_event(ann, ev, entities, timexes)
    return "".join(line + "\n" for line in ann.lines)


def _write_spans(ann: _Ann, record: dict) -> tuple[dict, dict]:
    """The T lines and notes of the timexes and entities; returns (timex id -> (T id,
    value), entity id -> T id)."""
    timexes, entities = {}, {}
    for t in record.get("timexes") or ():
        tid = ann.span(t["type"], t["start"], t["end"])
        if tid:
            timexes[t["id"]] = (tid, t.get("value"))
            if _timex_note(t):
                ann.note(tid, _timex_note(t))
    for e in record.get("entities") or ():
        tid = ann.span(e["label"], e["start"], e["end"])
        if tid:
            entities[e["id"]] = tid
            ann.note(tid, f"canonical={e.get('canonical') or e['text']}")
    return timexes, entities


def annotation_conf(event_types) -> str:
    """brat's annotation.conf for these files: the entity labels and TIMEX3 types, every
    event type with its arguments, the Negated attribute."""
    roles = ", ".join(f"{role}*:<ENTITY>" for role in sorted(ROLES))
    lines = ["# vnevents: the types of the .ann files in this folder (brat / INCEpTION)", "[entities]",
             *ENTITY_LABELS, *TIMEX_TYPES, "", "[relations]",
             "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]"]
    time_args = "|".join(TIMEX_TYPES)
    lines += [f"{brat_type(t)}\t{roles}, {PLACE}?:<ENTITY>, {TIME}?:{time_args}" for t in event_types]
    lines += ["", "[attributes]", f"{NEGATED}\tArg:<EVENT>", ""]
    return "\n".join(lines)


# --- reading ------------------------------------------------------------------------

class AnnError(ValueError):
    """A line of a .ann that cannot be read; the message names the line."""


def _parse_span(rest: str, number: int) -> tuple[str, int, int]:
    label, _, where = rest.partition(" ")
    try:
        parts = [tuple(int(x) for x in piece.split()) for piece in where.split(";")]
        if not parts or any(len(p) != 2 or p[0] > p[1] for p in parts):
            raise ValueError
    except ValueError:
        raise AnnError(f"line {number}: bad span '{where}'") from None
    return label, parts[0][0], parts[-1][1]


def _parse_event(rest: str, number: int) -> tuple[str, str, list[tuple[str, str]]]:
    items = rest.split()
    if not items or ":" not in items[0]:
        raise AnnError(f"line {number}: an event needs TYPE:TRIGGER")
    etype, trigger = items[0].split(":", 1)
    args = []
    for item in items[1:]:
        role, sep, target = item.partition(":")
        if not sep:
            raise AnnError(f"line {number}: bad argument '{item}'")
        args.append((role.rstrip("0123456789") or role, target))
    return etype, trigger, args


def _parse_line(line: str, number: int, out: dict) -> None:
    fields = line.split("\t")
    ident = fields[0]
    if ident.startswith("T") and len(fields) >= 2:
        out["T"][ident] = _parse_span(fields[1], number)
    elif ident.startswith("E") and len(fields) >= 2:
        out["E"][ident] = _parse_event(fields[1], number)
    elif ident.startswith("A") and len(fields) >= 2:
        name, *target = fields[1].split()
        out["A"].append((name, *target))
    elif ident.startswith("#") and len(fields) >= 3:
        out["#"][fields[1].split()[-1]] = fields[2]
    elif ident[:1] not in ("R", "*", "N", "M", ""):
        raise AnnError(f"line {number}: not a brat annotation line")


def parse_ann(ann: str) -> dict:
    """A .ann's annotations: {"T": {id: (label, start, end)}, "E": {id: (type, trigger id,
    [(role, target id)])}, "A": [(name, target, value...)], "#": {target id: note}}.
    A fragmented span reads as its first start and last end. Relations and normalizations
    (R, N lines) are skipped."""
    out = {"T": {}, "E": {}, "A": [], "#": {}}
    for number, line in enumerate(ann.split("\n"), 1):
        if line.strip():
            _parse_line(line.rstrip("\r"), number, out)
    return out


def note_fields(note: str | None) -> dict:
    """`key=value key2=value two` -> {key: value, key2: "value two"}: a value runs to the next key."""
    out, key = {}, None
    for word in (note or "").split(" "):
        name, sep, value = word.partition("=")
        if sep and name.isidentifier():
            key, out[name] = name, value
        elif key:
            out[key] += " " + word
    return out


# --- the gold shape of `vnevents eval` ------------------------------------------------

def _offsets(value: str | None) -> tuple[int, int] | None:
    start, sep, end = (value or "").partition("-")
    return (int(start), int(end)) if sep and start.isdigit() and end.isdigit() else None


def _span_of(parsed: dict, tid: str, where: str) -> tuple[str, int, int]:
    if tid not in parsed["T"]:
        raise AnnError(f"{where} refers to '{tid}', which is not a T line")
    return parsed["T"][tid]


def _gold_event(eid: str, event: tuple, parsed: dict, text: str, known) -> dict:
    etype, trigger, args = event
    _, start, end = _span_of(parsed, trigger, eid)
    fields = note_fields(parsed["#"].get(eid))
    sentence = _offsets(fields.get("sentence")) or (start, end)
    out = {"id": eid, "type": event_type_of(etype, known), "trigger": {"text": text[start:end], "start": start, "end": end},
           "date": fields.get("date"), "sentence_start": sentence[0], "sentence_end": sentence[1],
           "participants": [], "location_span": None}
    for role, target in args:
        _, a, b = _span_of(parsed, target, eid)
        if role == PLACE:
            out["location_span"] = {"text": text[a:b], "start": a, "end": b}
        elif role == TIME:
            out["date"] = out["date"] or note_fields(parsed["#"].get(target)).get("value")
        else:
            out["participants"].append({"name": text[a:b], "role": role, "start": a, "end": b})
    return out


def gold_from_ann(ann: str, text: str, known_types=()) -> dict:
    """A .ann over its text as a gold annotation in the reference format that `vnevents eval`
    scores: timexes (type, value, mod from the notes), entities (label as type, canonical
    from the notes, else the text) and events (type, trigger, date, sentence, arguments)."""
    parsed = parse_ann(ann)
    gold = {"document": {"format": "brat", "chars": len(text)}, "timexes": [], "entities": [], "events": []}
    for tid, (label, start, end) in parsed["T"].items():
        item = {"id": tid, "text": text[start:end], "start": start, "end": end}
        fields = note_fields(parsed["#"].get(tid))
        if label in TIMEX_TYPES:
            gold["timexes"].append({**item, "type": label, "value": fields.get("value"), "mod": fields.get("mod")})
        elif label in ENTITY_LABELS:
            gold["entities"].append({**item, "type": label, "canonical": fields.get("canonical", item["text"])})
    for eid, event in parsed["E"].items():
        gold["events"].append(_gold_event(eid, event, parsed, text, known_types))
    return gold
