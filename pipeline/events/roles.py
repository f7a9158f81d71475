"""A learned reading of each name's part in an event: for one trigger, the names of its
sentence in order, each labelled with its role (agent, theme, recipient, ..., `place`) or
`O` (no part in it), by a linear-chain CRF over that sequence.

The model is data under models/events/roles_crf_<source>_<YYYYMMDD>/:

    roles.crfsuite  CRF weights (CRFsuite format, written by underthesea_core.CRFTrainer),
                    labels: the ontology's roles, `place` and `O`
    meta.json       source, licence, training settings, scores (not read here)
    README.md       source, licence and attribution

Each name is seen with its label, side of the trigger and distance to it (in words, and in
triggers and commas between), the word before it and after it, the trigger's word and type,
the passive before the trigger, whether it is inside a title, after "của", under a locative,
and the role the hand rules of arguments.py give it: the model learns where those rules are
right (scripts/train_role_model.py trains it on VHE's training split and the project's
annotated texts). `features()` is the one definition of them: training and tagging both
call it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from .model import load_crf

ROLE_FILE = "roles.crfsuite"
NONE = "O"
PLACE = "place"
_DISTANCE_BANDS = (0, 1, 2, 3, 5, 8)  # words between a name and its trigger, banded


def _band(n: int) -> str:
    for k in reversed(_DISTANCE_BANDS):
        if n >= k:
            return str(k)
    return "0"


@dataclass(frozen=True)
class _TriggerView:
    """What the features read of one trigger: its first and last words, folded words, the
    word after it, its POS tag, type, category, and a passive marker just before it."""
    first: int
    last: int
    words: str
    after: str
    pos: str
    etype: str
    category: str
    passive: str


def _trigger_view(trig, toks, keys: list[str], starts: list[int], cues: dict) -> _TriggerView:
    first = bisect_right(starts, trig.start) - 1
    last = bisect_left(starts, trig.end) - 1
    before = keys[max(0, first - 2):max(first, 0)]
    return _TriggerView(first, last, "_".join(keys[max(first, 0):last + 1]) or "?",
                        keys[last + 1] if last + 1 < len(keys) else "</s>", toks[max(first, 0)].tag_ or "?",
                        trig.type, trig.type.split(".")[0], "1" if any(w in cues["passive"] for w in before) else "0")


def _ranks(names, trig) -> dict[int, int]:
    """Rank of each name on its side of the trigger, nearest first."""
    left = [m for m, n in enumerate(names) if n.entity.end <= trig.start]
    right = [m for m, n in enumerate(names) if n.entity.start >= trig.end]
    return {**{m: r for r, m in enumerate(reversed(left))}, **{m: r for r, m in enumerate(right)}}


def _position(e, trig, view: _TriggerView, a: int, b: int, edges) -> tuple[str, int, int, int]:
    """(side L/R/I, first and last + 1 word between the name and the trigger, triggers between)."""
    if e.end <= trig.start:
        return "L", b + 1, view.first, sum(1 for s, t in edges if e.end <= s and t <= trig.start)
    if e.start >= trig.end:
        return "R", view.last + 1, a, sum(1 for s, t in edges if trig.end <= s and t <= e.start)
    return "I", 0, 0, 0


def features(names, triggers, k: int, toks, keys: list[str], rules: dict[int, str], cues: dict) -> list[list[str]]:
    """The feature strings of each name of the sentence (`names`: arguments.Name, in order)
    for trigger k. `keys` are the folded words of `toks`; `rules` maps an entity's position in
    `names` to the role the hand rules give it; `cues` are the role words of triggers.yaml."""
    trig = triggers[k]
    starts = [t.idx for t in toks]
    view = _trigger_view(trig, toks, keys, starts, cues)
    punct = {i for i, t in enumerate(toks) if t.text in (",", ";", ":")}
    content = {i for i, w in enumerate(keys) if w in cues["content"]}
    edges = [(t.start, t.end) for t in triggers]
    ranks = _ranks(names, trig)
    rows = []
    for m, n in enumerate(names):
        e = n.entity
        a = bisect_right(starts, e.start) - 1
        b = bisect_left(starts, e.end) - 1
        side, lo, hi, between = _position(e, trig, view, a, b, edges)
        near = {
            "dist": _band(max(0, hi - lo)), "nb": str(min(between, 2)), "rank": str(min(ranks.get(m, 0), 2)),
            "comma": "1" if any(lo <= i < hi for i in punct) else "0",
            "said": "1" if side == "R" and any(lo <= i < hi for i in content) else "0",
            "nw": keys[b + 1] if 0 <= b + 1 < len(keys) else "</s>", "pw": n.before or "<s>",
            "pw2": keys[a - 2] if a >= 2 else "<s>", "rule": rules.get(m, NONE), "first": str(int(m == 0)),
        }
        rows.append(_row(view, side, e.label, n, near))
    return rows


def _row(v: _TriggerView, d: str, lab: str, n, f: dict) -> list[str]:
    ty, cat = v.etype, v.category
    return [
        "b", f"lab={lab}", f"ty={ty}", f"cat={cat}", f"d={d}", f"d={d}|lab={lab}",
        f"d={d}|ty={ty}", f"d={d}|lab={lab}|ty={ty}", f"d={d}|lab={lab}|cat={cat}",
        f"d={d}|g={f['dist']}", f"d={d}|g={f['dist']}|lab={lab}", f"d={d}|nb={f['nb']}", f"d={d}|nb={f['nb']}|lab={lab}",
        f"d={d}|cm={f['comma']}", f"d={d}|cm={f['comma']}|nb={f['nb']}", f"d={d}|r={f['rank']}",
        f"d={d}|r={f['rank']}|lab={lab}",
        f"pw={f['pw']}", f"d={d}|pw={f['pw']}", f"pw={f['pw']}|lab={lab}", f"nw={f['nw']}", f"d={d}|nw={f['nw']}",
        f"tw={v.words}", f"d={d}|tw={v.words}", f"d={d}|tw={v.words}|lab={lab}",
        f"d={d}|pas={v.passive}", f"d={d}|pas={v.passive}|cat={cat}",
        f"h={f['rule']}", f"h={f['rule']}|d={d}", f"h={f['rule']}|lab={lab}", f"h={f['rule']}|ty={ty}",
        f"ttl={int(n.titled)}", f"loc={int(n.located)}", f"d={d}|loc={int(n.located)}|lab={lab}",
        f"said={f['said']}", f"first={f['first']}", f"d={d}|ta={v.after}", f"d={d}|tpos={v.pos}",
        f"d={d}|tpos={v.pos}|lab={lab}", f"d={d}|pw2={f['pw2']}", f"d={d}|pw={f['pw']}|lab={lab}",
        f"d={d}|first={f['first']}|lab={lab}",
    ]


class RoleTagger:
    """The role CRF of a model folder (see the module's docstring)."""

    def __init__(self, model_dir: Path):
        self.model_dir = Path(model_dir)
        self._tagger = None
        self.labels: tuple[str, ...] = ()

    def load(self) -> "RoleTagger":
        """Read the folder now. Raises ResourceError naming the file."""
        if self._tagger is not None:
            return self
        from underthesea_core import CRFTagger
        path = self.model_dir / ROLE_FILE
        tagger = load_crf(path, CRFTagger, "role model")
        labels = tuple(tagger.labels())
        if NONE not in labels:
            raise ResourceError(path, reason="labels must include 'O'")
        self._tagger, self.labels = tagger, labels
        return self

    def tag(self, rows: list[list[str]]) -> list[str]:
        """One role (or 'O') per name."""
        if not rows:
            return []
        return list(self._tagger.tag(rows))
