"""Small document records written by hand for the format tests: offsets are found in the
text, so that each record holds `text == document[start:end]` by construction."""
from __future__ import annotations

TEXT = ("Ngày 22 tháng 10 năm 1962, Tổng thống Kennedy phát biểu tại Washington.\n"
        "Hai ngày sau, Hải quân Mỹ bắt đầu phong tỏa Cuba.")
BC_TEXT = "Năm 256 TCN, quân Tần tấn công nước Hàn."


def at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def timex(text, tid, part, value, rng, typ="DATE", gran="day", anchor=None, mod=None):
    start, end = at(text, part)
    return {"id": tid, "text": part, "start": start, "end": end, "type": typ, "value": value,
            "granularity": gran, "range": rng, "anchor": anchor, "mod": mod}


def entity(text, eid, part, label, canonical=None, after=0):
    start, end = at(text, part, after)
    return {"id": eid, "text": part, "start": start, "end": end, "label": label,
            "canonical": canonical or part, "title": None}


def event(text, evid, etype, trigger, time, participants, location, confidence=0.9, negated=False,
          modality=None):
    start, end = at(text, trigger)
    s_start = text.rfind("\n", 0, start) + 1
    s_end = text.find("\n", end) if "\n" in text[end:] else len(text)
    return {"id": evid, "type": etype, "trigger": {"text": trigger, "start": start, "end": end},
            "time": time, "participants": participants, "location": location,
            "sentence": {"index": 0 if s_start == 0 else 1, "start": s_start, "end": s_end,
                         "text": text[s_start:s_end]},
            "confidence": confidence, "modality": modality, "negated": negated, "mentions": []}


def record() -> dict:
    """Two sentences: a date, a person, places, a nested name, two dated events."""
    t = TEXT
    day1, day2 = ["1962-10-22", "1962-10-22"], ["1962-10-24", "1962-10-24"]
    timexes = [timex(t, "T1", "Ngày 22 tháng 10 năm 1962", "1962-10-22", day1),
               timex(t, "T2", "Hai ngày sau", "1962-10-24", day2, anchor="T1")]
    entities = [entity(t, "E1", "Kennedy", "PER", "John F. Kennedy"),
                entity(t, "E2", "Washington", "LOC"),
                entity(t, "E3", "Hải quân Mỹ", "ORG"),
                entity(t, "E4", "Mỹ", "GPE", "Hoa Kỳ", after=t.index("Hải quân")),
                entity(t, "E5", "Cuba", "GPE")]
    events = [event(t, "EV1", "Contact.Statement", "phát biểu",
                    {"timex_id": "T1", "value": "1962-10-22", "granularity": "day", "range": day1,
                     "basis": "explicit"},
                    [{"entity_id": "E1", "canonical": "John F. Kennedy", "label": "PER", "role": "agent"}],
                    {"entity_id": "E2", "canonical": "Washington"}),
              event(t, "EV2", "Conflict.Blockade", "phong tỏa",
                    {"timex_id": "T2", "value": "1962-10-24", "granularity": "day", "range": day2,
                     "basis": "explicit"},
                    [{"entity_id": "E3", "canonical": "Hải quân Mỹ", "label": "ORG", "role": "agent"},
                     {"entity_id": "E5", "canonical": "Cuba", "label": "GPE", "role": "theme"}],
                    None, confidence=0.75, negated=True, modality="planned")]
    return {"schema_version": "1.0", "doc_id": "khung_hoang", "source": "khung_hoang.txt", "dct": "1962-10-30",
            "text_sha256": _sha(t), "timexes": timexes, "entities": entities, "events": events}


def bc_record() -> dict:
    """A BC date (256 BC is the astronomical year -255) and an event dated by it."""
    t = BC_TEXT
    rng = ["-0255-01-01", "-0255-12-31"]
    return {"schema_version": "1.0", "doc_id": "tan_han", "source": "tan_han.txt", "dct": None,
            "text_sha256": _sha(t),
            "timexes": [timex(t, "T1", "Năm 256 TCN", "-0255", rng, gran="year")],
            "entities": [entity(t, "E1", "Tần", "ORG"), entity(t, "E2", "Hàn", "GPE")],
            "events": [event(t, "EV1", "Conflict.Attack", "tấn công",
                             {"timex_id": "T1", "value": "-0255", "granularity": "year", "range": rng,
                              "basis": "explicit"},
                             [{"entity_id": "E1", "canonical": "Tần", "label": "ORG", "role": "agent"},
                              {"entity_id": "E2", "canonical": "Hàn", "label": "GPE", "role": "theme"}],
                             None)]}


def _sha(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
