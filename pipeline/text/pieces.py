"""Very long texts are processed in pieces cut at paragraph (or, failing that, sentence
or word) boundaries, so that memory stays bounded and no stage sees a giant Doc.
The pieces' records are shifted back to document offsets and renumbered.

Known limit: narrative anchoring and alias linking do not cross a piece boundary
(a piece is at least `CHUNK_CHARS` long, so this only touches texts of that size).
"""
from __future__ import annotations

from dataclasses import replace

CHUNK_CHARS = 100_000


def split(text: str, size: int = CHUNK_CHARS):
    """(offset, piece) pairs covering the text, each piece at most about `size` long
    (a generator: one piece at a time is held)."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = -1
            for sep in ("\n", ". ", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut >= 0:
                    cut += len(sep)
                    break
            end = cut if cut > start else end
        yield start, text[start:end]
        start = end


def merge(parts):
    """Records of (offset, DocumentResult) pieces (any iterable, read once) as one list each,
    offsets shifted, ids renumbered."""
    from ..records import EventTime, Participant, Sentence
    timexes, entities, events, sentences = [], [], [], []
    for offset, res in parts:
        tmap = {t.id: f"T{len(timexes) + k + 1}" for k, t in enumerate(res.timexes)}
        emap = {e.id: f"E{len(entities) + k + 1}" for k, e in enumerate(res.entities)}
        base_sentence = len(sentences)
        for t in res.timexes:
            anchor = tmap.get(t.anchor, t.anchor) if t.anchor else None
            timexes.append(replace(t, id=tmap[t.id], start=t.start + offset, end=t.end + offset, anchor=anchor))
        for e in res.entities:
            entities.append(replace(e, id=emap[e.id], start=e.start + offset, end=e.end + offset))
        for s in res.sentences:
            sentences.append(Sentence(s.index + base_sentence, s.start + offset, s.end + offset, s.text))
        for ev in res.events:
            time = ev.time
            if time is not None and time.timex_id:
                time = EventTime(tmap.get(time.timex_id, time.timex_id), time.value, time.granularity,
                                 time.range, time.basis)
            parts_ = tuple(Participant(emap.get(p.entity_id, p.entity_id), p.canonical, p.label, p.role)
                           for p in ev.participants)
            loc = (emap.get(ev.location[0], ev.location[0]), ev.location[1]) if ev.location else None
            s = ev.sentence
            events.append(replace(ev, id=f"EV{len(events) + 1}", trigger_start=ev.trigger_start + offset,
                                  trigger_end=ev.trigger_end + offset, time=time, participants=parts_,
                                  location=loc, mentions=tuple((t, a + offset, b + offset, i + base_sentence)
                                                               for t, a, b, i in ev.mentions),
                                  sentence=Sentence(s.index + base_sentence, s.start + offset, s.end + offset, s.text)))
    return tuple(timexes), tuple(entities), tuple(events), tuple(sentences)
