"""What the trigger CRF sees of a sentence: the one definition of the per-word feature
columns (`columns()`, over `Word` views built by `words_of` from the tokens and the records
of the earlier stages), the training lexicon's prior (`PriorLexicon`), and the check of a
feature template before it reaches underthesea_core's featuriser. The training script
(scripts/train_event_model.py) and the tagger (model.py) both call them, so training and
tagging cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from ..io.normalize import fold

LEXICON_FORMAT = "vnevents.trigger_prior.v1"
# Per-word feature columns, in the order the templates' "[k]" refers to them: the folded
# word, POS, shape, first and last syllables, the training lexicon's prior band and
# type@band, the hand lexicon's type (models/events/triggers.yaml, with its flag), the
# label of a name the word is part of, whether it is part of a date, and its chunk tag.
COLUMNS = ("word", "pos", "shape", "first", "last", "prior", "prior_type", "lexicon", "entity", "timex",
           "chunk")
NO_PRIOR = "none"
PRIOR_BANDS = 5  # a lexicon word's trigger share in fifths: p0 (< 0.2) ... p4 (>= 0.8)
# Template attributes underthesea_core's featuriser understands. An unknown one makes the
# compiled featuriser panic, so templates are checked before they reach it.
_ATTRIBUTES = frozenset({"", ".lower", ".isdigit", ".istitle", ".is_in_dict"})
_MAX_OFFSET = 5  # a template reaching further than this many words is refused


def shape(word: str) -> str:
    """A coarse orthographic class of a word: title, upper, lower, digit, punct or mixed.
    A word is title-cased only when every syllable starts with a capital letter."""
    if not any(ch.isalnum() for ch in word):
        return "punct"
    if all(ch.isdigit() or ch in ".,/-" for ch in word):
        return "digit"
    parts = [p for p in word.split(" ") if p]
    if all(p[:1].isupper() for p in parts):
        return "upper" if word.isupper() and sum(ch.isalpha() for ch in word) > 1 else "title"
    if word == word.lower():
        return "lower"
    return "mixed"


def syllables(words: list[str], fold=fold) -> list[tuple[int, int, str]]:
    """(word index, offset in the word, folded syllable) of every syllable of the words."""
    out = []
    for k, word in enumerate(words):
        key, at = fold(word), 0
        for part in key.split(" "):
            if part:
                out.append((k, at, part))
            at += len(part) + 1
    return out


def longest_matches(keys: list[str], lexicon, longest: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first, last + 1, key) of each run of `keys` found in `lexicon` (a container of
    tuples), scanning left to right, the longest run first, runs never overlapping."""
    out, i, n = [], 0, len(keys)
    while i < n:
        for size in range(min(longest, n - i), 0, -1):
            key = tuple(keys[i:i + size])
            if key in lexicon:
                out.append((i, i + size, key))
                i += size
                break
        else:
            i += 1
    return out


class PriorLexicon:
    """Trigger words seen in training: syllable tuple -> (most frequent type, share of the
    word's matches in the training text that were triggers)."""

    def __init__(self, entries: dict[tuple[str, ...], tuple[str, float]]):
        self.entries = entries
        self.longest = max(map(len, entries), default=1)

    def columns(self, words: list[str], fold=fold) -> list[tuple[str, str]]:
        """(band, "type@band") of each word: the best lexicon match over its syllables, so
        a trigger glued to a name by the segmenter ("Đế Minh sinh") still gets its prior."""
        out = [(NO_PRIOR, NO_PRIOR)] * len(words)
        syl = syllables(words, fold)
        for i, j, key in longest_matches([x[2] for x in syl], self.entries, self.longest):
            etype, share = self.entries[key]
            band = f"p{min(PRIOR_BANDS - 1, int(share * PRIOR_BANDS))}"
            for k in {x[0] for x in syl[i:j]}:
                if out[k][0] == NO_PRIOR or band > out[k][0]:
                    out[k] = (band, f"{etype}@{band}")
        return out

    def to_json(self) -> dict:
        return {"format": LEXICON_FORMAT,
                "entries": [[" ".join(k), t, round(p, 4)] for k, (t, p) in sorted(self.entries.items())]}

    @classmethod
    def from_json(cls, data, path: Path) -> "PriorLexicon":
        if not isinstance(data, dict) or data.get("format") != LEXICON_FORMAT:
            raise ResourceError(path, reason=f"'format' must be '{LEXICON_FORMAT}'")
        entries = {}
        for n, item in enumerate(data.get("entries") or []):
            ok = (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str) and item[0].strip()
                  and isinstance(item[1], str) and valid_label("B-" + item[1])
                  and isinstance(item[2], (int, float)) and 0 <= item[2] <= 1)
            if not ok:
                raise ResourceError(path, rule_id=f"entry {n + 1}",
                                    reason=f"{str(item)[:60]}: an entry is [word, Category.Subtype, share 0..1]")
            key = tuple(fold(item[0]).split())
            if key in entries:
                raise ResourceError(path, rule_id=f"entry {n + 1}", reason=f"duplicate word '{item[0]}'")
            entries[key] = (item[1], float(item[2]))
        if not entries:
            raise ResourceError(path, reason="no entries")
        return cls(entries)


@dataclass(frozen=True)
class Word:
    """What the tagger sees of one word: its text and tags, the hand lexicon's reading
    ("Conflict.Attack", "Contact.Meet|weak" or ""), the label of the name it is part of
    ("" if none) and whether it is part of a date."""
    text: str
    pos: str = "X"
    chunk: str = "O"
    lexicon: str = ""
    entity: str = ""
    timex: bool = False


def words_of(toks, lexicon_tags: list[str], entity_of, timex_at) -> list[Word]:
    """Word views of a sentence's tokens: entity_of(start, end) is the label of a name
    overlapping the span (or ""), timex_at(start, end) whether a date does."""
    out = []
    for tok, lex in zip(toks, lexicon_tags):
        s, e = tok.idx, tok.idx + len(tok.text)
        out.append(Word(tok.text, tok.tag_ or "X", getattr(tok._, "chunk", None) or "O", lex, entity_of(s, e),
                        timex_at(s, e)))
    return out


def columns(words: list[Word], prior: PriorLexicon | None = None, fold=fold) -> list[list[str]]:
    """The feature columns of one sentence, one row per word (see COLUMNS): the folded word
    (lower case, modern tone marks), its POS tag, its shape, its first and last folded
    syllables (so "Đế Minh sinh", glued into one word by the segmenter, still ends in "sinh"),
    its prior from the training lexicon ("none" without one), the hand lexicon's type, the
    label of the name it belongs to, "T" in a date, and its chunk tag."""
    texts = [w.text for w in words]
    priors = prior.columns(texts, fold) if prior is not None else [(NO_PRIOR, NO_PRIOR)] * len(words)
    rows = []
    for w, (band, typed) in zip(words, priors):
        key = fold(w.text)
        parts = key.split() or [key]
        rows.append([key, w.pos or "X", shape(w.text), parts[0], parts[-1], band, typed,
                     w.lexicon or NO_PRIOR, w.entity or "O", "T" if w.timex else "O", w.chunk or "O"])
    return rows


def check_template(template: str) -> str | None:
    """None when underthesea_core can read the template, else why not. Accepted forms:
    T[i], T[i,j], each optionally followed by [column] and one of the attributes above."""
    if not isinstance(template, str) or not template.startswith("T[") or "]" not in template:
        return "a template looks like 'T[0]', 'T[-1,0]', 'T[0][1]' or 'T[0].lower'"
    close = template.index("]")
    offsets = template[2:close].split(",")
    if len(offsets) > 2 or not all(o.lstrip("-").isdigit() and o.isascii() and o.count("-") <= 1
                                   and not o.startswith("--") for o in offsets):
        return "offsets are one or two integers"
    if any(abs(int(o)) > _MAX_OFFSET for o in offsets):
        return f"offsets reach at most {_MAX_OFFSET} words"
    rest = template[close + 1:]
    if rest.startswith("["):
        if "]" not in rest:
            return "unclosed column index"
        end = rest.index("]")
        col = rest[1:end]
        if not (col.isdigit() and col.isascii() and int(col) < len(COLUMNS)):
            return f"column index is 0..{len(COLUMNS) - 1} ({', '.join(COLUMNS)})"
        rest = rest[end + 1:]
    if rest not in _ATTRIBUTES:
        return f"unknown attribute '{rest}'"
    return None


def valid_label(label: str) -> bool:
    """Whether a BIO label is "O" or B-/I- of an event type (Category.Subtype or Other)."""
    if label == "O":
        return True
    return label[:2] in ("B-", "I-") and ("." in label[2:] or label[2:] == "Other")
