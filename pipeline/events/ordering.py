"""The order of events that the text states (TimeML TLINKs; `tlinks` of the event record).

A connective before an event orders it against the event told just before it, in its
sentence or the sentence before in the same paragraph: "Quân Pháp rút, sau đó quân ta tiến
vào" (the advance AFTER the withdrawal), "trước đó" (BEFORE). A subordinating connective
opens a clause whose event the main clause's event follows or precedes: "Sau khi ký hiệp
định, Pháp rút quân" and "Pháp rút quân sau khi ký hiệp định" (the withdrawal AFTER the
signing), "trước khi" (BEFORE). The cues are data: `order` in models/events/triggers.yaml.
An undated event so ordered can be placed between dated ones (the report does).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Event, EventLink

WORD = re.compile(r"\w+")
CLAUSE_REACH = 4  # words between a subordinating connective and its clause's event ("sau khi quân Pháp rút")


class Ordering:
    """Reads the order cues of a document's events; `cues`: {after, before, since, until}
    -> folded cue phrases, `fold` the matching key function."""

    def __init__(self, cues: dict[str, frozenset[str]], fold):
        self.cues, self.fold = cues, fold
        self.longest = max([1, *(len(c.split()) for words in cues.values() for c in words)])

    def link(self, text: str, events: list[Event]) -> list[Event]:
        """The events with their `tlinks`."""
        links: dict[str, list[EventLink]] = {}
        for k, ev in enumerate(events):
            prev = events[k - 1] if k and _near(text, events[k - 1], ev) else None
            for owner, link in self._links(text, events, k, prev):
                if link.event_id != owner and link not in links.setdefault(owner, []):
                    links[owner].append(link)
        return [replace(ev, tlinks=tuple(links[ev.id])) if links.get(ev.id) else ev for ev in events]

    def _links(self, text: str, events: list[Event], k: int, prev: Event | None):
        """(id of the event that takes the link, the link) for what the cues before event k say."""
        ev = events[k]
        words = self._words(text, max(prev.trigger_end if prev else 0, ev.sentence.start), ev.trigger_start)
        if prev is not None:
            for name, relation in (("after", "AFTER"), ("before", "BEFORE")):
                cue = self._find(words, name)
                if cue is not None:
                    yield ev.id, EventLink(relation, prev.id, text[cue[0]:cue[1]])
        for name, relation in (("since", "AFTER"), ("until", "BEFORE")):
            cue = self._find(words[-(CLAUSE_REACH + self.longest):], name)
            if cue is not None and "," not in text[cue[1]:ev.trigger_start]:
                main = self._main(text, events, k, prev, cue[0])
                if main is not None:
                    yield main.id, EventLink(relation, ev.id, text[cue[0]:cue[1]])

    @staticmethod
    def _main(text: str, events: list[Event], k: int, prev: Event | None, at: int) -> Event | None:
        """The main clause's event for a subordinate clause opening at offset `at` with event
        k: the event before it in the sentence ("Pháp rút quân sau khi ký"), else the first
        event after the comma that closes the clause ("Sau khi ký hiệp định, Pháp rút quân")."""
        ev = events[k]
        if prev is not None and prev.sentence.index == ev.sentence.index and prev.trigger_end <= at:
            return prev
        for other in events[k + 1:]:
            if other.sentence.index != ev.sentence.index:
                return None
            if "," in text[ev.trigger_end:other.trigger_start]:
                return other
        return None

    def _words(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, folded word) of the words between two offsets."""
        return [(m.start() + start, m.end() + start, self.fold(m.group())) for m in WORD.finditer(text[start:end])]

    def _find(self, words: list[tuple[int, int, str]], name: str) -> tuple[int, int] | None:
        """The span of the last cue of a kind among the words, longest first; None."""
        cues = self.cues.get(name, frozenset())
        for i in range(len(words) - 1, -1, -1):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                if " ".join(w for _, _, w in words[i:i + size]) in cues:
                    return words[i][0], words[i + size - 1][1]
        return None


def _near(text: str, before: Event, ev: Event) -> bool:
    """Whether an event is told right after another: in its sentence or the next one, with
    no paragraph break between them."""
    return ev.sentence.index - before.sentence.index <= 1 and "\n" not in text[before.trigger_end:ev.trigger_start]
