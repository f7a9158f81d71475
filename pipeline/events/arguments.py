"""Participants and place of each event (tests/data/events/GUIDELINE.md, sections 4-5).

Each trigger looks at the names of its own stretch of the sentence: back to the previous
trigger (or the clause start) for its subject, on to the next trigger (or the clause end)
for its objects. The role comes from the event type (models/events/ontology.yaml: the one
who dies in Life.Die is the theme, the addressee of a letter the recipient), from the
prepositions before a name (models/events/triggers.yaml, `roles`) and from the passive.
Coordinated verbs with no subject of their own share the one before them ("Pháp tái chiếm
Kon Tum và trao quyền ..."); what coordination adds after the role model is in
coordination.py. Names inside a title and after "của" (an owner) are not
parties, nor what follows "rằng" (a statement's content).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from ..records import Participant
from .roles import NONE, PLACE, features
from .subjects import ImpliedSubjects
from .voice import PARTY_LABELS, PASSIVE_REACH, adversative_role, agent_named, passive_agent

PLACE_LABELS = frozenset({"LOC", "GPE"})
MAX_PARTIES = 3  # agents kept per event (the nearest group), and other participants
PASSIVE_AGENT_REACH = 5  # words before a trigger in which "bị X" names the agent X


# types whose place is named right after the trigger ("ra Cù Lao Chàm", "chiếm Kon Tum")
PLACE_TAKING = frozenset({"Movement.Transport", "Conflict.Attack", "Conflict.Deploy", "Conflict.Withdraw"})
MOVEMENT = "Movement.Transport"  # a movement's start after a word of roles `source` is its source, no place
LOCATIVE_REACH = 3  # words between a locative preposition and the place it governs ("trên bầu trời Cuba")
INSTRUMENT_CATEGORIES = frozenset({"Conflict", "Movement"})  # where a named thing is the means
SEGMENT_MARKS = (",", ";", ":")  # punctuation that closes a trigger's segment of the clause
FAR = 1 << 60  # an offset past the end of any sentence


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
        self.implied = ImpliedSubjects(roles, fold, self._aside, PARTY_LABELS, SEGMENT_MARKS)

    def names(self, text: str, toks, entities: list) -> list[Name]:
        """The sentence's entities in order, with the word before each."""
        if not toks:
            return []
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        inside = [x for x in entities if s <= x.start and x.end <= e]
        titles = self._title_spans(text, inside)
        ends = [t.idx + len(t.text) for t in toks]
        return [self._name(text, toks, ends, titles, x) for x in inside]

    def _name(self, text: str, toks, ends: list[int], titles: list[tuple[int, int]], x) -> Name:
        """One entity as a Name: the folded word before it (before its title when it has
        one), whether it sits inside another person's title, and whether it is located."""
        k = _token_before(ends, self._opening(text, x))
        before = self.fold(toks[k].text) if k >= 0 else ""
        titled = any(a <= x.start and x.end <= b for a, b in titles)
        return Name(x, before, titled, self._located(toks, k, before))

    def _title_spans(self, text: str, inside: list) -> list[tuple[int, int]]:
        """(start of the title, start of the name) of each titled entity whose title is
        written right before it: the stretch in which other names are part of a title."""
        titles = [(self._title_start(text, x), x.start) for x in inside if x.title]
        return [(a, b) for a, b in titles if a is not None]

    def _opening(self, text: str, x) -> int:
        """Where an entity's phrase opens: at its title when the title is written before it,
        else at the name itself."""
        begin = self._title_start(text, x) if x.title else None
        return x.start if begin is None else begin

    def _located(self, toks, k: int, before: str) -> bool:
        """Whether a locative preposition governs the name whose word before is token k:
        that word, or one of the LOCATIVE_REACH words ending there with no comma among them
        ("trên bầu trời Cuba")."""
        window = [self.fold(t.text) for t in toks[max(0, k - LOCATIVE_REACH + 1):k + 1]]
        return before in self.roles["location"] or (
            any(w in self.roles["location"] for w in window) and "," not in window)

    @staticmethod
    def _title_start(text: str, x) -> int | None:
        head = text[:x.start].rstrip(" ,")
        return len(head) - len(x.title) if x.title and head.endswith(x.title) else None

    def find(self, names: list[Name], triggers: list, k: int, toks, inherited: list[Participant]):
        """(participants, location) of trigger k of the sentence; `inherited` are the
        agents of the trigger before it, shared when this one has no subject."""
        trig = triggers[k]
        left_edge, right_edge = _edges(triggers, k)
        marker = self._passive_marker(toks, trig, left_edge)
        passive = self._passive(toks, trig) or marker is not None
        etype = self.ontology.types.get(trig.type)
        subject_role, object_role = _type_roles(etype)
        after = self._names_after(names, toks, trig, right_edge)
        objects, location = self._objects(after, toks, trig, (subject_role, object_role))
        subjects, agents, place = self._subjects(_names_before(names, trig, left_edge), marker)
        objects = agents + objects
        location = location or place
        near = _nearest(subjects, toks, trig)
        implied = self.implied.of(names, triggers, k, toks, (left_edge, subjects, bool(near)))
        subjects = [implied] if implied is not None else near
        role = _subject_role(passive, objects, subject_role, object_role)
        parts = _subject_parties(subjects, inherited, passive, role) + objects[:MAX_PARTIES]
        if etype is not None and not etype.parties:
            parts = []
        return unique(parts), location

    def _names_after(self, names: list[Name], toks, trig, right_edge: int) -> list[Name]:
        """The names the trigger's objects come from: after it and before the next trigger,
        in its own comma-separated segment (what follows a comma is an apposition or another
        clause: "sinh tại Kennington, ... con của Henry Montgomery"), and before the content
        of a statement ("rằng ...")."""
        content_at = self._content_start(toks, trig)
        comma = _segment_end(toks, trig)
        return [n for n in names if trig.end <= n.entity.start and n.entity.end <= min(right_edge, comma)
                and n.entity.start < content_at]

    def _content_start(self, toks, trig) -> int:
        """Offset of the first word after the trigger that opens a statement's content
        (roles `content`, "rằng"); FAR when there is none."""
        keys = {t.idx: self.fold(t.text) for t in toks}
        return next((t.idx for t in toks if t.idx >= trig.end and keys[t.idx] in self.roles["content"]), FAR)

    def _possessor(self, n: Name, toks, trig) -> bool:
        """Whether a party is named after "của" (roles `possessive`) directly after the
        trigger, which then is an event noun and the party its subject."""
        if n.entity.label not in PARTY_LABELS or n.before not in self.roles["possessive"]:
            return False
        between = [t for t in toks if trig.end <= t.idx < n.entity.start and not t.is_space]
        return len(between) == 1

    def _aside(self, n: Name) -> bool:
        """Whether a name is no party of the event: inside a title, or an owner after a
        possessive ("của")."""
        return n.titled or n.before in self.roles["possessive"]

    def _objects(self, after: list[Name], toks, trig, roles: tuple[str, str]) -> tuple[list[Participant], tuple | None]:
        """The trigger's objects among the names after it, each with its role (`roles`: the
        type's subject and object roles), and its place there: the first of them that is one
        (_place_after). A party after "của" right after the trigger is the event's subject
        ("cái chết của Stalin", "chiến thắng của Carter": _possessor)."""
        subject_role, object_role = roles
        objects: list[Participant] = []
        location = None
        for rank, n in enumerate(after):
            e = n.entity
            if rank == 0 and self._possessor(n, toks, trig):
                objects.append(Participant(e.id, e.canonical, e.label, subject_role))
                continue
            if self._aside(n):
                continue
            if self._place_after(n, rank, toks, trig):
                location = location or (e.id, e.canonical)
            elif e.label == "LOC":
                continue  # a place named in passing ("người Bến Tre", "gần chùa Cầu" of another clause)
            elif e.label in PARTY_LABELS or e.label == "MISC":
                role = self._object_role(n, trig.type, object_role)
                objects.append(Participant(e.id, e.canonical, e.label, role))
        return objects, location

    def _place_after(self, n: Name, rank: int, toks, trig) -> bool:
        """Whether a name after the trigger (the rank-th) is its place: a place a locative
        preposition governs, or the first name right after the trigger when that is a place
        and the type takes its place there (PLACE_TAKING), or when it is a LOC; or an
        organisation's site (_site)."""
        e = n.entity
        goes = trig.type in PLACE_TAKING and rank == 0 and _next_to(toks, trig, e)
        return self._site(n, trig.type) or e.label in PLACE_LABELS and (
            n.located or goes or (e.label == "LOC" and rank == 0 and _next_to(toks, trig, e)))

    def _place_before(self, n: Name) -> bool:
        """Whether a name before a trigger is a place where it happens: a place after a
        locative preposition ("Tại Hà Nội, ..."), or an organisation's site ("Tại Bệnh viện
        Bạch Mai, ...")."""
        return n.entity.label in PLACE_LABELS and n.before in self.roles["location"] or self._site(n, None)

    def undergone(self, names: list[Name], trig, word: str, parts: list[Participant]) -> list[Participant]:
        """The parts of an event whose verb tells a change its subject undergoes (roles
        `undergoers`: "kinh tế Malaysia phục hồi", "Liên Xô tan rã", "Malaysia chuyển đổi"):
        the subject before the verb is its theme, not its agent, when it has no theme
        (GUIDELINE.md section 4: the one who undergoes it). `word`: the trigger, folded."""
        if word not in self.roles.get("undergoers", ()) or any(p.role == "theme" for p in parts):
            return parts
        before = {n.entity.id for n in names if n.entity.end <= trig.start}
        return [replace(p, role="theme") if p.role == "agent" and p.entity_id in before else p for p in parts]

    def _by_before(self, toks, entity) -> bool:
        """Whether the word two before a name is a passive's preposition (roles
        `agent_passive`: "bởi | một | Mafia Ý")."""
        words = [t for t in toks if t.idx < entity.start and not t.is_space]
        return len(words) >= 2 and self.fold(words[-2].text) in self.roles["agent_passive"]

    def _source_between(self, toks, trig, entity) -> bool:
        """Whether a word of roles `source` stands between the trigger and the name, not in the
        trigger ("rời khỏi Iraq": what a verb of leaving leaves is read by _left)."""
        return any(self.fold(t.text) in self.roles["source"] for t in toks if trig.end <= t.idx < entity.start)

    def _left(self, n: Name, toks, trig) -> bool:
        """Whether a place is what a verb of leaving (roles `leaving`: "rời", "rời khỏi")
        leaves: the name right after it, or after a lower-case place noun ("rời cảng Tam
        Quang"), not one after another name ("rời Hà Nội đi Paris")."""
        words = [self.fold(t.text) for t in toks if trig.start <= t.idx < trig.end]
        between = [t for t in toks if trig.end <= t.idx < n.entity.start and not t.is_space]
        return (" ".join(words) in self.roles.get("leaving", ()) and n.entity.label in PLACE_LABELS
                and len(between) <= 2 and all(t.text[:1].islower() for t in between))

    def _site(self, n: Name, trigger_type: str | None) -> bool:
        """Whether an organisation's name is where the event happens: after a preposition of
        roles `site` ("tử vong tại Bệnh viện Sản Nhi Nghệ An"), or of `site_goal` for a
        movement ("được chuyển đến Bệnh viện Trung ương Huế")."""
        if n.entity.label != "ORG":
            return False
        return n.before in self.roles["site"] or (
            trigger_type == "Movement.Transport" and n.before in self.roles["site_goal"])

    def _object_role(self, n: Name, trigger_type: str, object_role: str) -> str:
        """The role of a party or named thing after the trigger: the agent after a passive's
        preposition (roles `agent_passive`), the recipient of a party after a preposition of
        address (roles `recipient`) unless the type's object is its agent, a named thing's
        role (_thing_role), else the type's object role."""
        e = n.entity
        if n.before in self.roles["agent_passive"]:
            return "agent"
        if n.before in self.roles["recipient"] and e.label in PARTY_LABELS and object_role != "agent":
            return "recipient"
        if e.label == "MISC":
            return _thing_role(trigger_type)
        return object_role

    def _subjects(self, before: list[Name], marker: int | None) -> tuple[list, list[Participant], tuple | None]:
        """The names before the trigger, by case: (the parties that may be its subject, the
        agents of a passive named after its "bị"/"được" at `marker` ("bị quân Minh bắt"),
        nearest first, and the first place after a locative preposition)."""
        subjects, agents, location = [], [], None
        for n in before:
            e = n.entity
            if self._aside(n):
                continue
            if self._place_before(n):
                location = location or (e.id, e.canonical)
            elif passive_agent(e, marker):
                agents.insert(0, Participant(e.id, e.canonical, e.label, "agent"))
            elif e.label in PARTY_LABELS:
                subjects.append(e)
        return subjects, agents, location

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
        marker = self._passive_marker(toks, triggers[k], _edges(triggers, k)[0])
        out, place, seen, site = [], None, set(), None
        kept = self._appositive_subject(names, triggers[k], toks, parts)
        named_by = agent_named(names, triggers[k], marker)
        for n, role in zip(names, labels):
            e = n.entity
            if n.titled:
                continue  # inside another person's title: no party, no place (module docstring)
            grammar = self._grammar_role(n, triggers, k, toks, marker, etype) or kept.get(e.id)
            role = grammar or self._voiced(n, role, toks, triggers[k], etype, named_by)
            if grammar == PLACE:
                site = site or (e.id, e.canonical)  # the most specific place: where it happened
            if role == PLACE:
                place = place or (e.id, e.canonical)
            elif role != NONE and (etype is None or etype.parties) and (e.canonical, role) not in seen:
                seen.add((e.canonical, role))
                out.append(Participant(e.id, e.canonical, e.label, role))
        return out, self._located_after(site or place, names, triggers, k, toks)

    def _located_after(self, found, names: list[Name], triggers: list, k: int, toks) -> tuple | None:
        """The place of the event: the one `found` (the grammar's site, else the model's
        place); when there is none, the first place after the trigger, in its own stretch and
        segment, right after a word of roles `site` ("ký Hiệp định Genève tại Thụy Sĩ")."""
        if found:
            return found
        trig = triggers[k]
        end = min(_edges(triggers, k)[1], _segment_end(toks, trig))
        for n in names:
            e = n.entity
            if trig.end <= e.start and e.end <= end and e.label in PLACE_LABELS and n.before in self.roles["site"]:
                return (e.id, e.canonical)
        return None

    def _grammar_role(self, n: Name, triggers: list, k: int, toks, marker: int | None, etype) -> str | None:
        """The role the grammar gives a name whatever the model reads: the agent named after
        a passive's "bị" before the verb ("bị quân Minh bắt"), an organisation's site as the
        place in the trigger's own stretch (_site), the subject after "của" of an event noun
        (_possessor), where a movement starts after a word of roles `source` ("di cư từ
        Krefeld", "bị trục xuất khỏi Việt Nam": no place, GUIDELINE.md section 4) or what a
        verb of leaving leaves ("rời cảng Tam Quang": _left)."""
        e, trig = n.entity, triggers[k]
        if e.end <= trig.start:
            return "agent" if passive_agent(e, marker) else None
        if trig.type == MOVEMENT and (n.before in self.roles.get("source", ()) and self._source_between(toks, trig, e)
                                      or self._left(n, toks, trig)):
            return "source"
        if n.before in self.roles.get("determiners", ()) and self._by_before(toks, e):
            return "agent"  # "bị bắn chết bởi một Mafia Ý": the passive's agent past a determiner
        if self._site(n, trig.type) and e.end <= min(_edges(triggers, k)[1], _segment_end(toks, trig)):
            return PLACE
        if self._possessor(n, toks, trig):
            return _type_roles(etype)[0]
        if self._next_subject(n, triggers, k, toks):
            return NONE
        return None

    def _next_subject(self, n: Name, triggers: list, k: int, toks) -> bool:
        """Whether a party after trigger k opens the next clause as its subject: a word of
        roles `coordination` before it and only the next trigger's own words after it ("Iraq
        tấn công và Iran phản công": Iran counterattacks; it is no object of the attack)."""
        if k + 1 >= len(triggers) or n.before not in self.roles["coordination"] \
                or n.entity.label not in PARTY_LABELS:
            return False
        between = [t for t in toks if n.entity.end <= t.idx < triggers[k + 1].start and not t.is_space]
        return len(between) <= 1 and not any(t.is_punct for t in between)

    @staticmethod
    def _appositive_subject(names: list[Name], trig, toks, parts: list[Participant]) -> dict[str, str]:
        """{entity id: the rules' role} of the subject of a trigger that follows its
        apposition, which the model does not read as one: the sentence's first name opens it
        (or follows one word of address), a comma closes the name, and the next comma closes
        a stretch with no other name, directly before the trigger ("Anh Sùng Văn Páo, bảo vệ
        chợ, phát hiện ..."); {} when there is none or the rules gave it no role."""
        words = [t for t in toks if not t.is_space]
        given = {p.entity_id: p.role for p in parts}
        if not words or not names or names[0].entity.id not in given \
                or names[0].entity.start > words[min(1, len(words) - 1)].idx:
            return {}
        e = names[0].entity
        return {e.id: given[e.id]} if _apposition_between(names, words, e.end, trig.start) else {}

    def _voiced(self, n: Name, role: str, toks, trig, etype, named_by: bool) -> str:
        """The model's role of a party, or the one of an adversative passive's subject
        (voice.adversative_role) when no agent is named after the passive's marker (`named_by`)."""
        if role not in ("agent", "theme") or named_by:
            return role
        return adversative_role(self.roles, self.fold, n, toks, trig, _type_roles(etype)[1]) or role

    def _passive(self, toks, trig) -> bool:
        before = [t for t in toks if t.idx < trig.start][-PASSIVE_REACH:]
        return any(self.fold(t.text) in self.roles["passive"] for t in before)

    def _passive_marker(self, toks, trig, left_edge: int) -> int | None:
        """Offset of "bị"/"được" opening a passive with its agent named before the verb
        ("bị quân Minh bắt"), within PASSIVE_AGENT_REACH words before the trigger."""
        before = [t for t in toks if left_edge <= t.idx < trig.start][-PASSIVE_AGENT_REACH:]
        marks = [t.idx for t in before if self.fold(t.text) in self.roles["passive"]]
        return marks[-1] if marks else None

    def relative_place(self, names: list[Name], trig, toks, place) -> tuple | None:
        """The place of a trigger in a relative clause that a word of roles `relative_place`
        opens after a place ("chuyển đến Worcester, nơi ông làm việc", "trở về Maida Vale,
        Paddington, Luân Đôn, nơi Alan Turing được sinh ra"): that first place of the list
        before the word (or the name before a parenthesis after it), in place of one the
        trigger found before it; `place` when the clause has none or names a place after
        the trigger ("nơi ông làm việc tại Boston"), or the word means "here" ("nơi đây")."""
        if place is not None and any(n.entity.id == place[0] and n.entity.start >= trig.end for n in names):
            return place
        words = [t for t in toks if not t.is_space]
        k = self._relative_opener(words, trig)
        if k is None:
            return place
        return _place_listed_before(names, words, k, self.roles, self.fold) or place

    def _relative_opener(self, words, trig) -> int | None:
        """Index (in `words`) of the word of roles `relative_place` that opens the trigger's
        segment before it, when the word after it is no "here" (`relative_near`)."""
        for m in range(len(words) - 1, -1, -1):
            if words[m].idx >= trig.start:
                continue
            if words[m].text in SEGMENT_MARKS:
                return None
            if self.fold(words[m].text) in self.roles["relative_place"]:
                near = m + 1 < len(words) and self.fold(words[m + 1].text) in self.roles["relative_near"]
                return None if near else m
        return None

    def place_of_sentence(self, names: list[Name], triggers: list) -> tuple | None:
        """A place named after a locative word before the sentence's first trigger
        ("Tại Hà Nội, ..."): the place of every event of the sentence without its own; not
        one after a word of `source`, where a movement starts ("từ Đà Nẵng bay ra thăm")."""
        first = triggers[0].start if triggers else FAR
        for n in names:
            e = n.entity
            if e.end <= first and self._place_before(n) and n.before not in self.roles["source"]:
                return (e.id, e.canonical)  # not where one comes from: "cô út từ Đà Nẵng bay ra"
        return None


def _place_listed_before(names: list[Name], words, k: int, roles: dict, fold) -> tuple | None:
    """The place that ends right before word k (a comma or a parenthesis between), going
    back over a list of places that narrow it ("Maida Vale, Paddington, Luân Đôn") or a
    place a word of roles `site` puts another in ("trường Harrow tại London"): the first of
    them; none when the place is an owner ("trung tâm chính trị của Nhật Bản, nơi ...": the
    centre is meant, roles `possessive`)."""
    m = _before_aside(words, k - 1)
    found = None
    while m >= 0:
        end = words[m].idx + len(words[m].text)
        n = next((n for n in names if n.entity.end == end), None)
        if n is None or n.entity.label not in PLACE_LABELS | {"ORG"} or n.before in roles["possessive"]:
            break
        found = (n.entity.id, n.entity.canonical)
        m = next((i for i in range(m, -1, -1) if words[i].idx < n.entity.start), -1)
        if m < 0 or not (words[m].text == "," or fold(words[m].text) in roles["site"]):
            break
        m -= 1
    return found


def _before_aside(words, m: int) -> int:
    """The word at or before index m past a comma and a parenthesis that end there
    ("Nhà thi đấu Phú Thọ (TP.HCM), nơi ...": the name before the parenthesis)."""
    if m >= 0 and words[m].text == ",":
        m -= 1
    if m >= 0 and words[m].text == ")":
        while m >= 0 and words[m].text != "(":
            m -= 1
        m -= 1
    return m


def _apposition_between(names: list[Name], words, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` are one apposition between commas and
    nothing else (", bảo vệ chợ,"), with no name in it."""
    between = [t for t in words if start <= t.idx < end]
    commas = [i for i, t in enumerate(between) if t.text == ","]
    return commas == [0, len(between) - 1] and len(between) > 2 and not any(
        start <= n.entity.start < end for n in names)


def _token_before(ends: list[int], begin: int) -> int:
    """Index of the last token that ends at or before offset `begin` (-1 when none does)."""
    k = bisect_left(ends, begin + 1) - 1
    while k >= 0 and ends[k] > begin:
        k -= 1
    return k


def _edges(triggers: list, k: int) -> tuple[int, int]:
    """The stretch of the sentence trigger k reads its names in: from the end of the trigger
    before it (-1: the sentence start) to the start of the one after it (FAR: the end)."""
    left_edge = triggers[k - 1].end if k > 0 else -1
    right_edge = triggers[k + 1].start if k + 1 < len(triggers) else FAR
    return left_edge, right_edge


def _type_roles(etype) -> tuple[str, str]:
    """(subject role, object role) of an event type (ontology); agent and theme for a type
    the ontology does not know."""
    subject_role = etype.subject if etype else "agent"
    object_role = etype.object if etype else "theme"
    return subject_role, object_role


def _names_before(names: list[Name], trig, left_edge: int) -> list[Name]:
    """The names between the trigger before (`left_edge`) and this one: its subject's stretch."""
    return [n for n in names if left_edge <= n.entity.start and n.entity.end <= trig.start]


def _segment_end(toks, trig) -> int:
    """Offset of the first separator after the trigger (SEGMENT_MARKS), which closes its
    comma-separated segment; FAR when there is none."""
    return next((t.idx for t in toks if t.idx >= trig.end and t.text in SEGMENT_MARKS), FAR)


def _nearest(subjects: list, toks, trig) -> list:
    """The subjects in the trigger's own comma-separated segment, if one is named there;
    else all of them."""
    opening = max((t.idx + 1 for t in toks if t.idx < trig.start and t.text in SEGMENT_MARKS), default=-1)
    near = [e for e in subjects if e.start >= opening]
    return near or subjects


def _subject_role(passive: bool, objects: list[Participant], subject_role: str, object_role: str) -> str:
    """The role of the trigger's subject: the type's object role in the passive (the theme
    when that is the agent); the agent when the event has an object or the type's subject
    is its agent; else the type's subject role."""
    has_object = any(p.role in ("theme", "recipient") for p in objects)
    if passive:
        return object_role if object_role != "agent" else "theme"
    if has_object or subject_role == "agent":
        return "agent"
    return subject_role


def _subject_parties(subjects: list, inherited: list[Participant], passive: bool, role: str) -> list[Participant]:
    """The subject's participants: the last MAX_PARTIES subjects named; else, in the active,
    the agents of the trigger before (coordinated verbs sharing one subject); else none."""
    if subjects:
        return [Participant(e.id, e.canonical, e.label, role) for e in subjects[-MAX_PARTIES:]]
    if inherited and not passive:
        return [Participant(p.entity_id, p.canonical, p.label, role) for p in inherited]
    return []


def unique(parts: list[Participant]) -> list[Participant]:
    """The participants in order, each (name, role) once."""
    seen, unique = set(), []
    for p in parts:
        if (p.canonical, p.role) not in seen:
            seen.add((p.canonical, p.role))
            unique.append(p)
    return unique


def _thing_role(etype: str) -> str:
    """A named thing (MISC) after the trigger: what is said or written in a Contact event
    ("đọc Tuyên ngôn Độc lập"), the means in a fight or a movement (a weapon, a ship, an
    aircraft: INSTRUMENT_CATEGORIES), else what the event is done to (a trophy won, a
    work written, a law passed: the theme)."""
    if etype.startswith("Contact."):
        return "content"
    return "instrument" if etype.split(".")[0] in INSTRUMENT_CATEGORIES else "theme"


def _next_to(toks, trig, entity, reach: int = 2) -> bool:
    """Whether the name starts within `reach` words after the trigger ("chiếm Kon Tum",
    "chạy lên bán đảo Sơn Trà"): the place the event acts on or goes to."""
    after = [t for t in toks if t.idx >= trig.end]
    return any(t.idx == entity.start or t.idx <= entity.start < t.idx + len(t.text) for t in after[:reach + 1])
