"""The voice of a trigger's clause, for its participants (tests/data/events/GUIDELINE.md,
section 4): the agent a passive names after its "bị"/"được" ("bị quân Minh bắt"), and the
subject of an adversative passive with no agent named, which undergoes the event ("Clinton
bị đình chỉ") unless the verb is a loss it suffers as the one acting ("bị thua"). The
words are `roles` of models/events/triggers.yaml (`passive`, `adversative`,
`adversative_active`, `possessive`)."""
from __future__ import annotations

PARTY_LABELS = frozenset({"PER", "ORG", "GPE"})
PASSIVE_REACH = 2  # words before a trigger in which "bị"/"được" make it passive


def passive_agent(entity, marker: int | None) -> bool:
    """Whether a party named after the passive's "bị"/"được" (at offset `marker`) is its
    agent: "bị quân Minh bắt"."""
    return marker is not None and entity.start > marker and entity.label in PARTY_LABELS


def agent_named(names: list, trig, marker: int | None) -> bool:
    """Whether a passive's agent is named between its "bị"/"được" (at `marker`) and the
    trigger ("bị quân Minh bắt")."""
    return any(passive_agent(n.entity, marker) and n.entity.end <= trig.start for n in names)


def words_between(toks, start: int, end: int, fold) -> list[str]:
    """The folded words from offset `start` (a name's end) to `end`, with what follows the
    name in a token the segmenter glued to it as words of their own ("Vĩnh bị" is one token
    in "ông Vĩnh bị khởi tố"; "chuẩn bị" stays one word)."""
    words = []
    for t in toks:
        stop = t.idx + len(t.text)
        if stop <= start or t.idx >= end:
            continue
        words += fold(t.text[start - t.idx:]).split() if t.idx < start else [fold(t.text)]
    return words


def adversative_role(roles: dict, fold, n, toks, trig, object_role: str) -> str | None:
    """The role of a name before the trigger (`n`, an arguments.Name) that is the subject of
    its adversative passive (roles `adversative` within PASSIVE_REACH words before the verb;
    the caller checks that no agent is named after the marker, "bị quân Minh bắt"): the
    type's object role (`object_role`; the theme when that is the agent), the one who
    undergoes it ("Clinton bị đình chỉ", "Hội đồng Hạt Berkshire đã bị bãi bỏ"), but the
    agent of a loss the subject suffers as the one acting (roles `adversative_active`:
    "Gremio bị thua 3-0"). None when the name is no such subject, or an owner after "của"."""
    if n.entity.end > trig.start or n.before in roles["possessive"]:
        return None
    before = words_between(toks, n.entity.end, trig.start, fold)[-PASSIVE_REACH:]
    if not any(w in roles.get("adversative", ()) for w in before):
        return None
    word = " ".join(fold(t.text) for t in toks if trig.start <= t.idx < trig.end)
    if word in roles.get("adversative_active", ()):
        return "agent"
    return object_role if object_role != "agent" else "theme"
