"""Subjects a clause does not name (tests/data/events/GUIDELINE.md, section 4: a participant
is named in the event's own sentence): the party a pronoun subject stands for ("Roma ..., họ
đánh bại Torino": Roma), and the main clause's subject of a clause put before it without one
("Trở về từ Liên Xô, Trần Phú ...": Trần Phú returned). arguments.py asks before it falls back
on the subjects named in the trigger's own stretch."""
from __future__ import annotations

from .timing import cue_at

FRONTED_REACH = 3  # words between the comma closing a fronted clause and the main clause's subject


class ImpliedSubjects:
    def __init__(self, roles: dict, fold, aside, parties: frozenset[str], marks: tuple[str, ...]):
        """roles: the role words of triggers.yaml (`pronoun`, the prepositions); aside(name):
        whether a name is no party (in a title, an owner); parties: the labels that may act;
        marks: the punctuation that closes a segment."""
        self.roles, self.fold, self.aside, self.parties, self.marks = roles, fold, aside, parties, marks
        self.prepositions = frozenset().union(*(roles.get(k, frozenset()) for k in (
            "location", "recipient", "agent_passive", "possessive")))

    def of(self, names: list, triggers: list, k: int, toks, stretch: tuple):
        """The party a subject not named at trigger k stands for (or None): the antecedent of
        a pronoun subject (_antecedent), or the main clause's subject of a fronted clause
        (_fronted). `stretch`: (the offset where the trigger's stretch opens, the parties
        named there, whether one stands in the trigger's own segment)."""
        left_edge, subjects, near = stretch
        pronoun = self._pronoun_before(names, toks, triggers[k], left_edge)
        if pronoun is not None:
            if any(e.start > pronoun for e in subjects):
                return None
            return self._antecedent(names, pronoun)
        return None if near else self._fronted(names, triggers, k, toks)

    def _pronoun_before(self, names: list, toks, trig, left_edge: int) -> int | None:
        """Offset of the last pronoun (roles `pronoun`, not inside a name) between the
        trigger before (`left_edge`) and this one; None when there is none."""
        stretch = [t for t in toks if left_edge <= t.idx < trig.start]
        keys = [self.fold(t.text) for t in stretch]
        inside = [(n.entity.start, n.entity.end) for n in names]
        hits = [t.idx for i, t in enumerate(stretch) if cue_at(keys, i, self.roles["pronoun"])
                and not any(a <= t.idx < b for a, b in inside)]
        return hits[-1] if hits else None

    def _antecedent(self, names: list, pronoun: int):
        """The party a pronoun at offset `pronoun` stands for: the sentence's first party
        named before it and not governed by a preposition ("Roma đánh dấu ..., họ đánh bại
        Torino": Roma)."""
        heads = [n.entity for n in names if n.entity.end <= pronoun and n.entity.label in self.parties
                 and not self.aside(n) and n.before not in self.prepositions]
        return heads[0] if heads else None

    def _fronted(self, names: list, triggers: list, k: int, toks):
        """The subject of a clause put before the main one without a subject of its own
        ("Trở về từ Oxford, Clinton đến học ...", "Sau khi tốt nghiệp từ Yale, Clinton về
        dạy ...", "Trả lời báo chí, đại diện Hoàng Long phủ nhận ..."): the main clause's
        subject, the party named first after the comma that closes it (_opens_clause). None
        when trigger k is not in the sentence's first segment or a party is named before it."""
        trig = triggers[k]
        if not self._opens_sentence(names, toks, trig):
            return None
        comma = next((i for i, t in enumerate(toks) if t.idx >= trig.end and t.text in self.marks), None)
        if comma is None or toks[comma].text != ",":
            return None
        first = next((n for n in names if n.entity.start > toks[comma].idx), None)
        return first.entity if first is not None and self._opens_clause(first, toks, comma, triggers[k + 1:]) else None

    def _opens_sentence(self, names: list, toks, trig) -> bool:
        """Whether the trigger stands in the sentence's first segment with no party named
        before it."""
        return not any(t.text in self.marks for t in toks if t.idx < trig.start) and not any(
            n.entity.end <= trig.start and n.entity.label in self.parties for n in names)

    def _opens_clause(self, first, toks, comma: int, later: list) -> bool:
        """Whether the first name after the comma at token `comma` is the subject of the clause
        it opens: a party, no one's title, within FRONTED_REACH words of the comma and with none
        of the `later` triggers between."""
        e = first.entity
        if e.label not in self.parties or first.titled:
            return False
        words = [t for t in toks[comma + 1:] if t.idx < e.start and not t.is_space]
        return len(words) <= FRONTED_REACH and not any(toks[comma].idx < t.start < e.start for t in later)
