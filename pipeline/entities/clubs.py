"""Sports clubs named like their town or like a person. In a sentence about a game (a word of
`sport_words` in entities/cues.yaml), a name run on into a place's name is one club ("Thép
Xanh Nam Định", "Hoàng Anh Gia Lai": PER + LOC -> ORG), and a town's name next to what teams
do (`sport_verbs`: "Roma đánh bại Torino", "thua Liverpool") is the town's club (LOC -> ORG),
unless a place preposition stands before it ("tại Roma"). A state stays a state ("Hy Lạp
đánh bại Bồ Đào Nha": the held-out gold keeps national teams' countries as places).
"""
from __future__ import annotations

from dataclasses import replace

from .mentions import Mention, noted, word_before

_SENTENCE_ENDS = ".!?\n"
VERB_REACH = 24  # characters around a name in which a team's verb is looked for


def clubs(text: str, mentions: list[Mention], cues: dict, fold) -> list[Mention]:
    """The mentions with the clubs of sports sentences relabelled or joined (in text order);
    then a club so found is the same club wherever the document names it again, in a
    sentence with no word of a game too ("Chiều thứ Bảy, Phù Sa Cần Thơ bị ... cầm hòa")."""
    out = _clubs(text, sorted(mentions, key=lambda m: m.start), cues, fold, in_game=True)
    known = {text[m.start:m.end] for m in out if "role:club_name" in m.evidence}
    return _clubs(text, out, cues, fold, in_game=False, known=known) if known else out


def _clubs(text: str, ms: list[Mention], cues: dict, fold, in_game: bool,
           known: frozenset[str] | set[str] = frozenset()) -> list[Mention]:
    """One pass: in sentences of a game (`in_game`), a name run on into a place's name is a
    club and a town beside a team's verb is its club; else only the `known` clubs' names."""
    out: list[Mention] = []
    k = 0
    while k < len(ms):
        m = ms[k]
        game = _in_a_game(text, m, cues["sport_words"], fold) if in_game else False
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        run_on = (nxt is not None and m.label in ("PER", "LOC", "ORG", "MISC") and nxt.label == "LOC"
                  and text[m.end:nxt.start] == " ")
        if run_on and (game or text[m.start:nxt.end] in known):
            out.append(noted(replace(m, end=nxt.end, canonical=None), "role:club_name", label="ORG"))
            k += 2
            continue
        if not in_game and m.label != "ORG" and text[m.start:m.end] in known:
            out.append(noted(replace(m, canonical=None), "role:club_name", label="ORG"))
        else:
            out.append(_as_club(text, m, cues, fold) if game else m)
        k += 1
    return out


def _as_club(text: str, m: Mention, cues: dict, fold) -> Mention:
    """A town's name beside a team's verb, with no place preposition before it, is its club."""
    if m.label != "LOC" or fold(word_before(text, m.start)) in cues["loc_preps"]:
        return m
    before = " ".join(fold(text[max(0, m.start - VERB_REACH):m.start]).split())
    after = " ".join(fold(text[m.end:m.end + VERB_REACH]).split())
    if any(after.startswith(v + " ") or after == v or before.endswith(" " + v) or before == v
           for v in cues["sport_verbs"]):
        return noted(m, "role:club", label="ORG")
    return m


def _in_a_game(text: str, m: Mention, words: frozenset[str], fold) -> bool:
    """Whether the sentence around a mention holds a word of a game."""
    a = max(text.rfind(ch, 0, m.start) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(ch, m.end) for ch in _SENTENCE_ENDS) if i != -1]
    sentence = " " + " ".join(fold(text[a:min(ends) if ends else len(text)]).split()) + " "
    return any(f" {w} " in sentence for w in words)
