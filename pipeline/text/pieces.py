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


class Renumbering:
    """Shifts the records of consecutive pieces to document offsets and numbers their ids
    on from the pieces before (T, E, EV and sentence indexes), one piece at a time."""

    def __init__(self):
        self.timexes = self.entities = self.events = self.sentences = 0

    def shift(self, offset: int, res):
        """(timexes, entities, events, sentences) of one piece's DocumentResult, moved."""
        from ..records import EventTime, Participant, Sentence
        tmap = {t.id: f"T{self.timexes + k + 1}" for k, t in enumerate(res.timexes)}
        emap = {e.id: f"E{self.entities + k + 1}" for k, e in enumerate(res.entities)}
        base = self.sentences
        timexes = [replace(t, id=tmap[t.id], start=t.start + offset, end=t.end + offset,
                           anchor=tmap.get(t.anchor, t.anchor) if t.anchor else None) for t in res.timexes]
        entities = [replace(e, id=emap[e.id], start=e.start + offset, end=e.end + offset,
                            designator=_shifted(e.designator, offset)) for e in res.entities]
        sentences = [Sentence(s.index + base, s.start + offset, s.end + offset, s.text) for s in res.sentences]
        events = []
        evmap = {ev.id: f"EV{self.events + k}" for k, ev in enumerate(res.events, 1)}
        for ev in res.events:
            time = ev.time
            if time is not None and time.timex_id:
                time = EventTime(tmap.get(time.timex_id, time.timex_id), time.value, time.granularity,
                                 time.range, time.basis)
            parts = tuple(Participant(emap.get(p.entity_id, p.entity_id), p.canonical, p.label, p.role)
                          for p in ev.participants)
            loc = (emap.get(ev.location[0], ev.location[0]), ev.location[1]) if ev.location else None
            s = ev.sentence
            events.append(replace(ev, id=evmap[ev.id], trigger_start=ev.trigger_start + offset,
                                  tlinks=tuple(replace(link, event_id=evmap[link.event_id]) for link in ev.tlinks),
                                  trigger_end=ev.trigger_end + offset, time=time, participants=parts,
                                  location=loc, mentions=tuple((t, a + offset, b + offset, i + base)
                                                               for t, a, b, i in ev.mentions),
                                  sentence=Sentence(s.index + base, s.start + offset, s.end + offset, s.text)))
        self.timexes += len(timexes)
        self.entities += len(entities)
        self.events += len(events)
        self.sentences += len(sentences)
        return timexes, entities, events, sentences


def merge(parts):
    """Records of (offset, DocumentResult) pieces (any iterable, read once) as one tuple
    each, offsets shifted, ids renumbered."""
    numbering = Renumbering()
    out: tuple[list, ...] = ([], [], [], [])
    for offset, res in parts:
        for kept, new in zip(out, numbering.shift(offset, res)):
            kept.extend(new)
    return tuple(tuple(kept) for kept in out)


def _shifted(designator: tuple[str, int, int] | None, offset: int) -> tuple[str, int, int] | None:
    """An entity's designator (text, start, end) moved by `offset` characters."""
    if designator is None:
        return None
    text, start, end = designator
    return text, start + offset, end + offset
