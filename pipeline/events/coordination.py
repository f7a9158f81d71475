"""What coordination adds to the participants of a sentence's events, after the rules and
the role model have read each event (tests/data/events/GUIDELINE.md, section 4): names
listed together share a part ("quân đội Mỹ, Anh, Úc và Ba Lan tấn công"); two verbs joined
by "và" alone share the parties one of them lacks ("bị xâm lược và chiếm đóng bởi quân
Đức"); an event with a subject of its own keeps no agent named before the event before it
("Iraq tấn công và Iran phản công")."""
from __future__ import annotations

from ..records import Participant
from .arguments import FAR, PARTY_LABELS, Name, unique
from .timing import cue_size


class Coordination:
    def __init__(self, roles: dict, fold):
        """roles: the role words of triggers.yaml (`coordination`: "và", "hoặc")."""
        self.roles, self.fold = roles, fold

    def coordinated(self, text: str, names: list[Name], parts: list[Participant], place) -> list[Participant]:
        """The participants with the names coordinated with them added in the same role: a
        party listed with one ("quân đội Mỹ, Anh, Úc và Ba Lan tấn công", "giữa Iraq và Iran")
        takes its part. Names are coordinated when only commas and the words of roles
        `coordination` ("và", "hoặc") stand between them, with such a word at least once
        ("Steventon, Hampshire, Anh, Jane Austen" is no list), and when they are people alike
        or not people alike."""
        role_of = {p.entity_id: p.role for p in parts}
        out = list(parts)
        for lo, hi in self._lists(text, names):
            seeds = [n.entity for n in names[lo:hi] if n.entity.id in role_of]
            if len({role_of[e.id] for e in seeds}) != 1:
                continue
            seed = seeds[0]
            role = role_of[seed.id]
            for n in names[lo:hi]:
                e = n.entity
                if e.id not in role_of and e.label in PARTY_LABELS and not (place and e.id == place[0]) \
                        and (e.label == "PER") == (seed.label == "PER"):
                    role_of[e.id] = role
                    out.append(Participant(e.id, e.canonical, e.label, role))
        return unique(out)

    @staticmethod
    def own_agents(names: list[Name], triggers: list, found: list) -> list:
        """(participants, place) of each trigger, without the agents named before the trigger
        before it when it has one of its own after that trigger ("Iraq tấn công và Iran phản
        công": Iran's alone)."""
        start = {n.entity.id: n.entity.start for n in names}
        out = []
        for k, (parts, place) in enumerate(found):
            prev_end = triggers[k - 1].end if k else -1
            near = [p for p in parts if p.role == "agent" and prev_end <= start.get(p.entity_id, -1) < triggers[k].start]
            if k and near:
                parts = [p for p in parts if p.role != "agent" or start.get(p.entity_id, FAR) >= prev_end]
            out.append((parts, place))
        return out

    def contested(self, text: str, names: list[Name], toks, triggers: list, found: list) -> list:
        """(participants, place) of each trigger, a game named by a noun of roles `contests`
        ("trận chung kết") right after a verb of roles `contest_verbs` before it, or after a
        locative word ("đánh bại Torino ở trận chung kết", "để thua Santos ... trong trận đấu", "lọt vào
        trận chung kết"), with no comma between: its sides are that event's agent and theme
        (both agents: GUIDELINE.md section 4), in place of the parties it took before it;
        the names it has after it stay ("trận đấu giữa Eton với Harrow")."""
        start = {n.entity.id: n.entity.start for n in names}
        out = list(found)
        for k in range(1, len(triggers)):
            trig = triggers[k]
            before = triggers[k - 1]
            if not (self._listed(text, trig, "contests") and self._listed(text, before, "contest_verbs")
                    and self._right_after(toks, before, trig)):
                continue
            sides = [Participant(p.entity_id, p.canonical, p.label, "agent") for p in out[k - 1][0]
                     if p.role in ("agent", "theme")]
            if not sides:
                continue
            parts, place = out[k]
            own = [p for p in parts if p.role not in ("agent", "theme") or start.get(p.entity_id, -1) >= trig.end]
            out[k] = (unique(sides + own), place)
        return out

    def _listed(self, text: str, trig, name: str) -> bool:
        """Whether the trigger's words, folded, are one entry of the roles list `name`."""
        return self.fold(text[trig.start:trig.end]) in self.roles.get(name, ())

    def _right_after(self, toks, before, trig) -> bool:
        """Whether trigger `trig` follows `before` with no separator between, right after it
        or within two words after a locative word (roles `location`)."""
        between = [t for t in toks if before.end <= t.idx < trig.start and not t.is_space]
        if any(t.text in (",", ";", ":") for t in between):
            return False
        return not between or any(self.fold(t.text) in self.roles["location"] for t in between[-2:])

    def shared(self, toks, triggers: list, found: list) -> list:
        """(participants, place) of each trigger, with what two verbs joined by a word of
        roles `coordination` and nothing else share ("bị xâm lược và chiếm đóng bởi quân
        Đức", "xây dựng và mở rộng pháo đài"): agents, themes and place, each to the one of
        the two that has none of its own."""
        out = [(list(parts), place) for parts, place in found]
        for k in range(1, len(triggers)):
            between = [self.fold(t.text) for t in toks if triggers[k - 1].end <= t.idx < triggers[k].start
                       and not t.is_space]
            if not between or any(w not in self.roles["coordination"] for w in between):
                continue
            (first, first_place), (second, second_place) = out[k - 1], out[k]
            _share(first, second)
            out[k - 1] = (first, first_place or second_place)
            out[k] = (second, second_place or first_place)
        return out

    def continued(self, names: list[Name], triggers: list, k: int, toks, parts: list[Participant],
                  before: list[Participant], role: str) -> list[Participant]:
        """Trigger k's participants, with the agent of the event before it as its subject (in
        `role`, its type's subject role) when it has no agent, nor a theme for a type whose
        subject is its theme, and a word of roles `continuation` ("liền", "rồi", "đồng thời",
        "sau đó") opens its clause with no party named between that word and the trigger
        ("Anh Páo phát hiện khói, liền gọi điện báo ..., rồi ... dập lửa": one man does all
        three; "Lê Lợi ..., sau đó lên ngôi"). The word must be followed by a word: "lên rồi,
        ..." is a final particle, and "năm năm sau đó, thành phố ..." opens a clause with a
        subject of its own."""
        agents = [p for p in before if p.role == "agent" and all(q.entity_id != p.entity_id for q in parts)]
        if not agents or any(p.role in ("agent", role) for p in parts) or not self._goes_on(names, triggers, k, toks):
            return parts
        return parts + [Participant(p.entity_id, p.canonical, p.label, role) for p in agents]

    def _goes_on(self, names: list[Name], triggers: list, k: int, toks) -> bool:
        """Whether trigger k's clause goes on with the subject of the one before: a
        continuation cue opens it, no party is named between the cue and the trigger, and the
        trigger is no passive ("rồi bị bắt")."""
        trig = triggers[k]
        stretch = [t for t in toks if triggers[k - 1].end <= t.idx < trig.start and not t.is_space]
        cue = self._continuation(stretch)
        if cue is None or self.fold(stretch[-1].text) in self.roles["passive"]:
            return False
        return not any(cue <= n.entity.start < trig.start and n.entity.label in PARTY_LABELS for n in names)

    def _continuation(self, stretch: list) -> int | None:
        """Offset of the last continuation cue of the words before a trigger that a word
        (or the trigger) follows; None when there is none."""
        keys, cues = [self.fold(t.text) for t in stretch], self.roles.get("continuation", frozenset())
        found = None
        for i in range(len(stretch)):
            size = cue_size(keys, i, cues)
            if size and not (i + size < len(stretch) and stretch[i + size].is_punct):
                found = stretch[i].idx
        return found

    def _lists(self, text: str, names: list[Name]) -> list[tuple[int, int]]:
        """(first, last + 1) of each run of two or more coordinated names, by position in `names`."""
        runs, lo, worded = [], 0, False
        for m in range(1, len(names) + 1):
            joint = None
            if m < len(names) and not names[m].titled and not names[m - 1].titled:
                joint = self._joint(text[names[m - 1].entity.end:names[m].entity.start])
            if joint is not None:
                worded = worded or joint
                continue
            if m - lo > 1 and worded:
                runs.append((lo, m))
            lo, worded = m, False
        return runs

    def _joint(self, gap: str) -> bool | None:
        """How the text between two names joins them in a list: None when it does not (other
        words, or nothing), False by commas alone, True with a coordinating word."""
        words = [w for w in self.fold(gap.replace(",", " ")).split()]
        if not all(w in self.roles["coordination"] for w in words) or not (words or "," in gap):
            return None
        return bool(words)


def _share(first: list[Participant], second: list[Participant]) -> None:
    """Give each of two coordinated events the agents and themes of the other when it has
    none of its own (in place)."""
    for role, src, dst in (("agent", first, second), ("theme", second, first),
                           ("agent", second, first), ("theme", first, second)):
        if not any(p.role == role for p in dst):
            dst.extend(p for p in src if p.role == role and all(q.entity_id != p.entity_id for q in dst))
