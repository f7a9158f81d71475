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
from pathlib import Path

from ..errors import ResourceError

ROLE_FILE = "roles.crfsuite"
NONE = "O"
PLACE = "place"
_DISTANCE_BANDS = (0, 1, 2, 3, 5, 8)  # words between a name and its trigger, banded


def _band(n: int) -> str:
    for k in reversed(_DISTANCE_BANDS):
        if n >= k:
            return str(k)
    return "0"


def features(names, triggers, k: int, toks, keys: list[str], rules: dict[int, str], cues: dict) -> list[list[str]]:
    """The feature strings of each name of the sentence (`names`: arguments.Name, in order)
    for trigger k. `keys` are the folded words of `toks`; `rules` maps an entity's position in
    `names` to the role the hand rules give it; `cues` are the role words of triggers.yaml."""
    trig = triggers[k]
    starts = [t.idx for t in toks]
    first_word = bisect_right(starts, trig.start) - 1
    last_word = bisect_left(starts, trig.end) - 1
    tw = "_".join(keys[max(first_word, 0):last_word + 1]) or "?"
    ta = keys[last_word + 1] if last_word + 1 < len(keys) else "</s>"  # the word after the trigger
    tpos = toks[max(first_word, 0)].tag_ or "?"
    etype = trig.type
    category = etype.split(".")[0]
    before_trigger = keys[max(0, first_word - 2):max(first_word, 0)]
    passive = "1" if any(w in cues["passive"] for w in before_trigger) else "0"
    punct = {i for i, t in enumerate(toks) if t.text in (",", ";", ":")}
    content = {i for i, w in enumerate(keys) if w in cues["content"]}
    trig_edges = [(t.start, t.end) for t in triggers]
    rows = []
    ranks = {}
    # rank of each name on its side, nearest first
    left = [m for m, n in enumerate(names) if n.entity.end <= trig.start]
    right = [m for m, n in enumerate(names) if n.entity.start >= trig.end]
    for r, m in enumerate(reversed(left)):
        ranks[m] = r
    for r, m in enumerate(right):
        ranks[m] = r
    for m, n in enumerate(names):
        e = n.entity
        a = bisect_right(starts, e.start) - 1
        b = bisect_left(starts, e.end) - 1
        if e.end <= trig.start:
            side, lo, hi = "L", b + 1, first_word
            between = sum(1 for s, t in trig_edges if e.end <= s and t <= trig.start)
        elif e.start >= trig.end:
            side, lo, hi = "R", last_word + 1, a
            between = sum(1 for s, t in trig_edges if trig.end <= s and t <= e.start)
        else:
            side, lo, hi, between = "I", 0, 0, 0
        gap = max(0, hi - lo)
        comma = "1" if any(lo <= i < hi for i in punct) else "0"
        said = "1" if side == "R" and any(lo <= i < hi for i in content) else "0"
        rank = str(min(ranks.get(m, 0), 2))
        nw = keys[b + 1] if 0 <= b + 1 < len(keys) else "</s>"
        pw = n.before or "<s>"
        pw2 = keys[a - 2] if a >= 2 else "<s>"
        rule = rules.get(m, NONE)
        lab = e.label
        dist = _band(gap)
        nb = str(min(between, 2))
        rows.append([
            "b", f"lab={lab}", f"ty={etype}", f"cat={category}", f"d={side}", f"d={side}|lab={lab}",
            f"d={side}|ty={etype}", f"d={side}|lab={lab}|ty={etype}", f"d={side}|lab={lab}|cat={category}",
            f"d={side}|g={dist}", f"d={side}|g={dist}|lab={lab}", f"d={side}|nb={nb}", f"d={side}|nb={nb}|lab={lab}",
            f"d={side}|cm={comma}", f"d={side}|cm={comma}|nb={nb}", f"d={side}|r={rank}", f"d={side}|r={rank}|lab={lab}",
            f"pw={pw}", f"d={side}|pw={pw}", f"pw={pw}|lab={lab}", f"nw={nw}", f"d={side}|nw={nw}",
            f"tw={tw}", f"d={side}|tw={tw}", f"d={side}|tw={tw}|lab={lab}",
            f"d={side}|pas={passive}", f"d={side}|pas={passive}|cat={category}",
            f"h={rule}", f"h={rule}|d={side}", f"h={rule}|lab={lab}", f"h={rule}|ty={etype}",
            f"ttl={int(n.titled)}", f"loc={int(n.located)}", f"d={side}|loc={int(n.located)}|lab={lab}",
            f"said={said}", f"first={int(m == 0)}", f"d={side}|ta={ta}", f"d={side}|tpos={tpos}",
            f"d={side}|tpos={tpos}|lab={lab}", f"d={side}|pw2={pw2}", f"d={side}|pw={pw}|lab={lab}",
            f"d={side}|first={int(m == 0)}|lab={lab}",
        ])
    return rows


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
        if not path.is_file():
            raise ResourceError(path, reason="role model file not found")
        with path.open("rb") as fh:
            if fh.read(4) != b"lCRF":
                raise ResourceError(path, reason="not a CRFsuite model file")
        tagger = CRFTagger()
        try:
            tagger.load(str(path))
        except Exception as exc:  # the compiled loader's own error types
            raise ResourceError(path, reason=f"cannot be read: {str(exc)[:120]}") from None
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
