"""Frozen dataclasses of the outward contract (../shared/docs/contract.md).

Stages build these; export reads only these. `to_dict()` gives exactly the JSON
fields of the contract, in the contract's order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Timex:
    id: str
    text: str
    start: int
    end: int
    type: str
    value: str | None
    granularity: str | None
    range: tuple[str, str] | None
    anchor: str | None = None
    mod: str | None = None
    rule_id: str = ""

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "type": self.type, "value": self.value, "granularity": self.granularity,
                "range": list(self.range) if self.range else None,
                "anchor": self.anchor, "mod": self.mod}


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    text: str
    start: int
    end: int
    label: str
    canonical: str
    title: str | None = None
    source: str = ""
    # added fields (issue 14); tuples, so that the record stays hashable and comes back
    # the same from msgpack (Doc.to_bytes, DocBin)
    evidence: tuple[str, ...] = ()  # what decided the span and label, in order (docs/ARCHITECTURE.md)
    designator: tuple[str, int, int] | None = None  # (text, start, end) of the kind word before the name
    ids: tuple[tuple[str, str | int], ...] = ()  # (scheme, id) pairs: ("geonames", 1581130), ("iso3166", "VN")
    coordinates: tuple[float, float] | None = None  # (lat, lon)

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "label": self.label, "canonical": self.canonical, "title": self.title,
                # additions allowed by the contract (fields may be added, never renamed)
                "evidence": list(self.evidence),
                "designator": (dict(zip(("text", "start", "end"), self.designator))
                               if self.designator else None),
                "ids": dict(self.ids),
                "coordinates": list(self.coordinates) if self.coordinates else None}


@dataclass(frozen=True, slots=True)
class Participant:
    entity_id: str
    canonical: str
    label: str
    role: str

    def to_dict(self) -> dict:
        return {"entity_id": self.entity_id, "canonical": self.canonical,
                "label": self.label, "role": self.role}


@dataclass(frozen=True, slots=True)
class EventTime:
    timex_id: str | None
    value: str
    granularity: str | None
    range: tuple[str, str] | None
    basis: str  # explicit | context

    def to_dict(self) -> dict:
        return {"timex_id": self.timex_id, "value": self.value, "granularity": self.granularity,
                "range": list(self.range) if self.range else None, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    trigger_text: str
    trigger_start: int
    trigger_end: int
    time: EventTime | None
    participants: tuple[Participant, ...]
    location: tuple[str, str] | None  # (entity_id, canonical)
    sentence: Sentence
    confidence: float
    modality: str | None = None
    negated: bool = False
    mentions: tuple[tuple[str, int, int, int], ...] = ()  # later tellings: (text, start, end, sentence)
    tlinks: tuple[EventLink, ...] = ()  # order against other events that the text states

    def to_dict(self) -> dict:
        out = {"id": self.id, "type": self.type,
               "trigger": {"text": self.trigger_text, "start": self.trigger_start, "end": self.trigger_end},
               "time": self.time.to_dict() if self.time else None,
               "participants": [p.to_dict() for p in self.participants],
               "location": ({"entity_id": self.location[0], "canonical": self.location[1]}
                            if self.location else None),
               "sentence": self.sentence.to_dict(),
               "confidence": round(self.confidence, 3)}
        # additions allowed by the contract (fields may be added, never renamed)
        out["modality"] = self.modality
        out["negated"] = self.negated
        out["mentions"] = [{"text": t, "start": a, "end": b, "sentence_index": i} for t, a, b, i in self.mentions]
        out["tlinks"] = [link.to_dict() for link in self.tlinks]
        return out


@dataclass(frozen=True, slots=True)
class EventLink:
    """A TimeML TLINK from an event to another event of its document: `relation` (BEFORE or
    AFTER: this event happens before or after that one), the other event's id, and the
    words of the text that order them (`signal`: "sau đó", "trước khi")."""
    relation: str
    event_id: str
    signal: str

    def to_dict(self) -> dict:
        return {"relation": self.relation, "event_id": self.event_id, "signal": self.signal}


@dataclass(frozen=True)
class DocumentResult:
    doc_id: str
    text: str
    text_sha256: str
    source: str | None = None
    dct: str | None = None
    timexes: tuple[Timex, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict:
        return {"schema_version": SCHEMA_VERSION, "doc_id": self.doc_id, "source": self.source,
                "dct": self.dct, "text_sha256": self.text_sha256,
                "timexes": [t.to_dict() for t in self.timexes],
                "entities": [e.to_dict() for e in self.entities],
                "events": [e.to_dict() for e in self.events]}

    def to_frame(self):
        """One row per event with the CSV columns of the contract (pandas DataFrame)."""
        return events_frame([(self.doc_id, e.to_dict()) for e in self.events])


# --- the CSV columns of the contract, from event records ------------------------------

CSV_COLUMNS = ["doc_id", "event_id", "date_start", "date_end", "date_value", "granularity", "date_text",
               "type", "trigger", "agents", "themes", "participants", "location", "sentence",
               "sentence_start", "sentence_end", "confidence",
               # added columns go at the end (the contract)
               "negated", "modality", "time_basis", "cluster"]
# columns of free text, where a cell that would start a spreadsheet formula is escaped; the
# others hold only ISO dates, TIMEX3 values, numbers and booleans, and are never escaped
CSV_TEXT_COLUMNS = frozenset({"doc_id", "event_id", "date_text", "type", "trigger", "agents", "themes",
                              "participants", "location", "sentence", "modality", "cluster"})


def event_names(ev: dict) -> list[str]:
    """The canonical names of an event record's participants and place (its dict), in order."""
    names = [p.get("canonical") or "" for p in ev.get("participants") or []]
    if ev.get("location"):
        names.append(ev["location"].get("canonical") or "")
    return [n for n in names if n]


def event_row(doc_id: str, ev: dict) -> dict:
    """The CSV row of one event record (a dict of the contract), by column name."""
    time = ev.get("time") or {}
    rng = time.get("range") or [None, None]
    parts = ev.get("participants", [])
    timex_text = ev.get("_date_text")
    return {
        "doc_id": doc_id, "event_id": ev["id"], "date_start": rng[0], "date_end": rng[1],
        "date_value": time.get("value"), "granularity": time.get("granularity"), "date_text": timex_text,
        "type": ev["type"], "trigger": ev["trigger"]["text"],
        "agents": "; ".join(p["canonical"] for p in parts if p["role"] == "agent"),
        "themes": "; ".join(p["canonical"] for p in parts if p["role"] == "theme"),
        "participants": "; ".join(f"{p['canonical']} ({p['role']})" for p in parts),
        "location": (ev.get("location") or {}).get("canonical"),
        "sentence": " ".join(ev["sentence"]["text"].split()),
        "sentence_start": ev["sentence"]["start"], "sentence_end": ev["sentence"]["end"],
        "confidence": ev.get("confidence"),
        "negated": bool(ev.get("negated")), "modality": ev.get("modality"), "time_basis": time.get("basis"),
        "cluster": ev.get("cluster"),
    }


def events_frame(pairs):
    """pandas DataFrame of (doc_id, event dict) pairs, with the CSV columns."""
    import pandas as pd
    return pd.DataFrame([event_row(doc_id, ev) for doc_id, ev in pairs], columns=CSV_COLUMNS)

