"""Participants and place of each event (tests/data/events/GUIDELINE.md, sections 4-5).

Each trigger looks at the names of its own stretch of the sentence: back to the previous
trigger (or the clause start) for its subject, on to the next trigger (or the clause end)
for its objects. The role comes from the event type (models/events/ontology.yaml: the one
who dies in Life.Die is the theme, the addressee of a letter the recipient), from the
prepositions before a name (models/events/triggers.yaml, `roles`) and from the passive.
Coordinated verbs with no subject of their own share the one before them ("Pháp tái chiếm
Kon Tum và trao quyền ..."). Names inside a title and after "của" (an owner) are not
parties, nor what follows "rằng" (a statement's content).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..records import Participant
from .roles import NONE, PLACE, features

PARTY_LABELS = frozenset({"PER", "ORG", "GPE"})
PLACE_LABELS = frozenset({"LOC", "GPE"})
MAX_PARTIES = 3  # agents kept per event (the nearest group), and other participants
PASSIVE_REACH = 2  # words before a trigger in which "bị"/"được" make it passive
PASSIVE_AGENT_REACH = 5  # words before a trigger in which "bị X" names the agent X


# types whose place is named right after the trigger ("ra Cù Lao Chàm", "chiếm Kon Tum")
PLACE_TAKING = frozenset({"Movement.Transport", "Conflict.Attack", "Conflict.Deploy", "Conflict.Withdraw"})
LOCATIVE_REACH = 3  # words between a locative preposition and the place it governs ("trên bầu trời Cuba")


@dataclass(frozen=True)
class Name:
    """An entity of the sentence with the folded word before it (or before its title),
    and whether a locative preposition governs it."""
    entity: object
    before: str
    titled: bool  # inside another person's title
    located: bool = False


class ArgumentFinder:
    def __init__(self, roles: dict, ontology, fold):
        self.roles, self.ontology, self.fold = roles, ontology, fold

    def names(self, text: str, toks, entities: list) -> list[Name]:
        """The sentence's entities in order, with the word before each."""
        if not toks:
            return []
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        inside = [x for x in entities if s <= x.start and x.end <= e]
        titles = [(self._title_start(text, x), x.start) for x in inside if x.title]
        titles = [(a, b) for a, b in titles if a is not None]
        ends = [t.idx + len(t.text) for t in toks]
        out = []
        for x in inside:
            begin = self._title_start(text, x) if x.title else None
            begin = x.start if begin is None else begin
            k = bisect_left(ends, begin + 1) - 1
            while k >= 0 and ends[k] > begin:
                k -= 1
            before = self.fold(toks[k].text) if k >= 0 else ""
            titled = any(a <= x.start and x.end <= b for a, b in titles)
            window = [self.fold(t.text) for t in toks[max(0, k - LOCATIVE_REACH + 1):k + 1]]
            located = before in self.roles["location"] or (
                any(w in self.roles["location"] for w in window) and "," not in window)
            out.append(Name(x, before, titled, located))
        return out

    @staticmethod
    def _title_start(text: str, x) -> int | None:
        head = text[:x.start].rstrip(" ,")
        return len(head) - len(x.title) if x.title and head.endswith(x.title) else None

    def find(self, names: list[Name], triggers: list, k: int, toks, inherited: list[Participant]):
        """(participants, location) of trigger k of the sentence; `inherited` are the
        agents of the trigger before it, shared when this one has no subject."""
        trig = triggers[k]
        left_edge = triggers[k - 1].end if k > 0 else -1
        right_edge = triggers[k + 1].start if k + 1 < len(triggers) else 1 << 60
        keys = {t.idx: self.fold(t.text) for t in toks}
        passive = self._passive(toks, trig) or self._passive_marker(toks, trig, left_edge) is not None
        content_at = next((t.idx for t in toks if t.idx >= trig.end and keys[t.idx] in self.roles["content"]),
                          1 << 60)
        etype = self.ontology.types.get(trig.type)
        subject_role = etype.subject if etype else "agent"
        object_role = etype.object if etype else "theme"
        before = [n for n in names if left_edge <= n.entity.start and n.entity.end <= trig.start]
        # objects stay in the trigger's comma-separated segment: what follows a comma is an
        # apposition or another clause ("sinh tại Kennington, ... con của Henry Montgomery")
        comma = next((t.idx for t in toks if t.idx >= trig.end and t.text in (",", ";", ":")), 1 << 60)
        after = [n for n in names if trig.end <= n.entity.start and n.entity.end <= min(right_edge, comma)
                 and n.entity.start < content_at]
        parts: list[Participant] = []
        location = None
        objects = []
        for rank, n in enumerate(after):
            e = n.entity
            if n.titled or n.before in self.roles["possessive"]:
                continue
            goes = trig.type in PLACE_TAKING and rank == 0 and _next_to(toks, trig, e)
            if e.label in PLACE_LABELS and (n.located or goes or (e.label == "LOC" and rank == 0
                                                                   and _next_to(toks, trig, e))):
                location = location or (e.id, e.canonical)
                continue
            if e.label == "LOC":
                continue  # a place named in passing ("người Bến Tre", "gần chùa Cầu" of another clause)
            if e.label in PARTY_LABELS or e.label == "MISC":
                role = ("agent" if n.before in self.roles["agent_passive"]
                        else "recipient" if n.before in self.roles["recipient"] and e.label in PARTY_LABELS
                        and object_role != "agent" else _thing_role(trig.type) if e.label == "MISC" else object_role)
                objects.append(Participant(e.id, e.canonical, e.label, role))
        subjects = []
        marker = self._passive_marker(toks, trig, left_edge)
        for n in before:
            e = n.entity
            if n.titled or n.before in self.roles["possessive"]:
                continue
            if e.label in PLACE_LABELS and n.before in self.roles["location"]:
                location = location or (e.id, e.canonical)
                continue
            if e.label in PARTY_LABELS and marker is not None and e.start > marker:
                objects.insert(0, Participant(e.id, e.canonical, e.label, "agent"))  # "bị quân Minh bắt"
            elif e.label in PARTY_LABELS:
                subjects.append(e)
        # the subject in the trigger's own comma-separated segment, if one is named there
        opening = max((t.idx + 1 for t in toks if t.idx < trig.start and t.text in (",", ";", ":")), default=-1)
        near = [e for e in subjects if e.start >= opening]
        subjects = near or subjects
        has_object = any(p.role in ("theme", "recipient") for p in objects)
        if passive:
            role = object_role if object_role != "agent" else "theme"
        elif has_object or subject_role == "agent":
            role = "agent"
        else:
            role = subject_role
        if subjects:
            parts.extend(Participant(e.id, e.canonical, e.label, role) for e in subjects[-MAX_PARTIES:])
        elif inherited and not passive:
            parts.extend(Participant(p.entity_id, p.canonical, p.label, role) for p in inherited)
        parts.extend(objects[:MAX_PARTIES])
        if etype is not None and not etype.parties:
            parts = []
        seen, unique = set(), []
        for p in parts:
            if (p.canonical, p.role) not in seen:
                seen.add((p.canonical, p.role))
                unique.append(p)
        return unique, location

    def role_rows(self, names: list[Name], triggers: list, k: int, toks, keys: list[str],
                  parts: list[Participant], location) -> list[list[str]]:
        """The role model's features of each name for trigger k (roles.features), with the
        role these rules gave it (`parts`, `location`: what find() returned)."""
        given = {p.entity_id: p.role for p in reversed(parts)}
        rules = {}
        for m, n in enumerate(names):
            if location and n.entity.id == location[0]:
                rules[m] = PLACE
            elif n.entity.id in given:
                rules[m] = given[n.entity.id]
        return features(names, triggers, k, toks, keys, rules, self.roles)

    def learned(self, tagger, names: list[Name], triggers: list, k: int, toks, keys: list[str],
                parts: list[Participant], location):
        """(participants, location) of trigger k as the role model reads them, the rules'
        reading among its features; no parties for a type without them (ontology)."""
        if not names:
            return parts, location
        labels = tagger.tag(self.role_rows(names, triggers, k, toks, keys, parts, location))
        etype = self.ontology.types.get(triggers[k].type)
        out, place, seen = [], None, set()
        for n, role in zip(names, labels):
            e = n.entity
            if role == PLACE:
                place = place or (e.id, e.canonical)
            elif role != NONE and (etype is None or etype.parties) and (e.canonical, role) not in seen:
                seen.add((e.canonical, role))
                out.append(Participant(e.id, e.canonical, e.label, role))
        return out, place

    def _passive(self, toks, trig) -> bool:
        before = [t for t in toks if t.idx < trig.start][-PASSIVE_REACH:]
        return any(self.fold(t.text) in self.roles["passive"] for t in before)

    def _passive_marker(self, toks, trig, left_edge: int) -> int | None:
        """Offset of "bị"/"được" opening a passive with its agent named before the verb
        ("bị quân Minh bắt"), within PASSIVE_AGENT_REACH words before the trigger."""
        before = [t for t in toks if left_edge <= t.idx < trig.start][-PASSIVE_AGENT_REACH:]
        marks = [t.idx for t in before if self.fold(t.text) in self.roles["passive"]]
        return marks[-1] if marks else None

    def place_of_sentence(self, names: list[Name], triggers: list) -> tuple | None:
        """A place named after a locative word before the sentence's first trigger
        ("Tại Hà Nội, ..."): the place of every event of the sentence without its own."""
        first = triggers[0].start if triggers else 1 << 60
        for n in names:
            e = n.entity
            if e.end <= first and e.label in PLACE_LABELS and n.before in self.roles["location"]:
                return (e.id, e.canonical)
        return None


def _thing_role(etype: str) -> str:
    """A named thing (MISC) after the trigger: what is said or written in a Contact event
    ("đọc Tuyên ngôn Độc lập"), else the means (a weapon, a ship, an aircraft)."""
    return "content" if etype.startswith("Contact.") else "instrument"


def _next_to(toks, trig, entity, reach: int = 2) -> bool:
    """Whether the name starts within `reach` words after the trigger ("chiếm Kon Tum",
    "chạy lên bán đảo Sơn Trà"): the place the event acts on or goes to."""
    after = [t for t in toks if t.idx >= trig.end]
    return any(t.idx == entity.start or t.idx <= entity.start < t.idx + len(t.text) for t in after[:reach + 1])
