"""Weak evidence for names: underthesea's CRF proposals and runs of capitalised words,
cut at titles, function words and dates, widened over adjacent name words and typed by
cues (titles, prepositions, place nouns, surnames)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..text.extensions import sentences
from .mentions import Mention, is_cap, overlaps_span

_CRF_TRUSTED = ("PER", "ORG", "LOC")  # CRF labels taken as they stand (its MISC only as a last resort)
_MIN_RUN_SYLLABLES = 2  # capitalised syllables a run needs before its shape alone types it
_MAX_PERSON_SYLLABLES = 4  # syllables of a Vietnamese person's name (surname first)
_MAX_FOREIGN_SYLLABLES = 3  # syllables of an unmarked foreign person's name ("Fidel Castro")
_MIN_CUT_SYLLABLES = 3  # syllables of a word glued across a name's edge: two capitals, one lower-case


class WeakNames:
    """The weak candidate finders of EntityRecognizer (a mixin: it reads self.cues,
    self.fold, self.dictionary, self.link_syllables and self.use_crf)."""

    def _weak(self, doc: Doc, blocked: list[tuple[int, int]], sent_starts: set[int]) -> list[Mention]:
        out = []
        for sent in sentences(doc):
            toks = _pieces(sent, self.dictionary, self.cues["name_particles"])
            runs = _crf_runs(toks) if self.use_crf else []  # token index range and source
            runs += self._caps_runs(toks)
            out += self._weak_mentions(toks, runs, blocked, sent_starts)
        return out

    def _caps_runs(self, toks) -> list[tuple[int, int, str]]:
        """The proposals of capitalisation: (first, last, "caps") of each run of capitalised
        words, with the particles of foreign names inside ("Rigault de Genouilly")."""
        return _runs(len(toks), lambda i: is_cap(toks[i].text) and not toks[i].is_punct,
                     lambda i, k: not toks[k].is_punct and (is_cap(toks[k].text) or self._particle(toks, k)),
                     "caps")

    def _weak_mentions(self, toks, runs: list[tuple[int, int, str]], blocked,
                       sent_starts: set[int]) -> list[Mention]:
        """The mentions the proposals make: a CRF proposal widened over the name words
        around it, each proposal cut into segments of name words, each segment typed."""
        out = []
        for i, j, source in runs:
            if source == "crf":
                i, j = self._widen(toks, i, j, blocked)
            for a, b in self._segments(toks, i, j, blocked):
                label = self._label(toks, a, b, source, sent_starts)
                if label:
                    out.append(Mention(toks[a].idx, toks[b].idx + len(toks[b].text), label, source))
        return out

    def _particle(self, toks, k: int) -> bool:
        """A lower-case particle inside a foreign name, between capitalised words: "Rigault
        de Genouilly", "Ludwig van Beethoven"."""
        return (0 < k < len(toks) - 1 and toks[k].text in self.cues["name_particles"]
                and is_cap(toks[k - 1].text) and is_cap(toks[k + 1].text))

    def _widen(self, toks, i: int, j: int, blocked) -> tuple[int, int]:
        """Grow a CRF proposal over the capitalised name words around it ("Nikita" before
        the CRF's "Khrushchev")."""
        def name_word(t):
            key = self.fold(t.text)
            return (is_cap(t.text) and not t.is_punct and key not in self.cues["person_titles"]
                    and key not in self.cues["not_names"] and key not in self.cues["title_links"]
                    and not overlaps_span(t.idx, t.idx + len(t.text), blocked))
        while i > 0 and name_word(toks[i - 1]) and name_word(toks[i]):
            i -= 1
        while j + 1 < len(toks) and name_word(toks[j]) and (
                name_word(toks[j + 1]) or (self._particle(toks, j + 1) and name_word(toks[j + 2]))):
            j += 2 if self._particle(toks, j + 1) else 1
        return i, j

    def _segments(self, toks, i: int, j: int, blocked) -> list[tuple[int, int]]:
        """Split a proposal into runs of capitalised name words outside blocked spans."""
        out = []
        for seg in self._name_word_runs(toks, i, j, blocked):
            seg = self._trimmed(toks, seg)
            if seg:
                out.append((seg[0], seg[-1]))
        return out

    def _name_word_runs(self, toks, i: int, j: int, blocked) -> list[list[int]]:
        """The token indices of toks[i..j] in runs of words that may stand in a name."""
        segs, cur = [], []
        for k in range(i, j + 1):
            if self._segment_word(toks, k, blocked):
                cur.append(k)
            elif cur:
                segs.append(cur)
                cur = []
        if cur:
            segs.append(cur)
        return segs

    def _segment_word(self, toks, k: int, blocked) -> bool:
        """Whether toks[k] may stand in a weak name: capitalised or a name particle, not
        punctuation, outside blocked spans, neither a person's title nor an organisation's head."""
        t = toks[k]
        return ((is_cap(t.text) or self._particle(toks, k)) and not t.is_punct
                and not overlaps_span(t.idx, t.idx + len(t.text), blocked)
                and self.fold(t.text) not in self.cues["person_titles"]
                and self.fold(t.text) not in self.cues["org_heads"])

    def _trimmed(self, toks, seg: list[int]) -> list[int]:
        """A run without the words that never start a name (not_names, title_links) at its
        start and those that never end one (not_names) at its end."""
        while seg and (self.fold(toks[seg[0]].text) in self.cues["not_names"]
                       or self.fold(toks[seg[0]].text) in self.cues["title_links"]):
            seg = seg[1:]
        while seg and self.fold(toks[seg[-1]].text) in self.cues["not_names"]:
            seg = seg[:-1]
        return seg

    def _label(self, toks, a: int, b: int, source: str, sent_starts: set[int]) -> str | None:
        """The label of the weak name toks[a..b] by the first case that decides: the words
        before it, its shape, a capitalised common word at a start (no name), then the CRF,
        a preposition and a foreign shape; None when it is no name."""
        c = self._candidate(toks, a, b, source)
        label = self._label_by_context(c) or self._label_by_shape(c)
        if label is None and not self._common_word_at_start(c, sent_starts):
            label = self._label_by_crf(c)
        return label

    def _candidate(self, toks, a: int, b: int, source: str) -> _Candidate:
        """toks[a..b] with what the labelling cases read off it."""
        words = " ".join(t.text for t in toks[a:b + 1])
        syllables = words.split()
        crf = [t.crf[2:] for t in toks[a:b + 1] if t.crf != "O"]
        return _Candidate(
            toks=toks, a=a, b=b, source=source,
            prev=self.fold(toks[a - 1].text) if a > 0 else "",
            prev2=self.fold(toks[a - 2].text + " " + toks[a - 1].text) if a > 1 else "",
            words=words, syllables=syllables,
            crf_label=max(sorted(set(crf)), key=crf.count) if crf else None,
            capitalised_run=all(is_cap(w) for w in syllables) and len(syllables) >= _MIN_RUN_SYLLABLES)

    def _label_by_context(self, c: _Candidate) -> str | None:
        """The case of a cue before the name: a thing cue makes MISC ("tàu", "tên lửa"); a
        person's title or cue, or a title across the words a title may hold, makes PER; a
        place or feature noun makes LOC ("đồn Ngọc Hồi", "sông Gián", "xã Cam Lâm")."""
        if c.prev in self.cues["thing_cues"] or c.prev2 in self.cues["thing_cues"]:
            return "MISC"
        if c.prev in self.cues["person_titles"] or c.prev in self.cues["person_cues"] \
                or self._after_title(c.toks, c.a):
            return "PER"
        place_cues = self.cues["place_nouns"] | self.cues["feature_nouns"]
        if c.prev in place_cues or c.prev2 in place_cues:
            return "LOC"
        return None

    def _label_by_shape(self, c: _Candidate) -> str | None:
        """The case of a person's shape, PER: a capitalised run ending in a person suffix
        ("An Dương Vương", "Lý Thái Tổ"), or a short one opened by a surname with no place
        preposition before it."""
        if c.capitalised_run and self.fold(c.syllables[-1]) in self.cues["person_suffixes"]:
            return "PER"
        person_shape = c.capitalised_run and len(c.syllables) <= _MAX_PERSON_SYLLABLES \
            and self.fold(c.syllables[0]) in self.cues["surnames"]
        if person_shape and c.prev not in self.cues["loc_preps"]:
            return "PER"
        return None

    def _common_word_at_start(self, c: _Candidate, sent_starts: set[int]) -> bool:
        """The case of a common word capitalised at the start of a sentence or heading (no
        name): a lone word first in its sentence that the dictionary knows, or a lone word
        at a sentence start that the CRF does not tag and that is no capitalised run itself."""
        if c.a == 0 and c.b == c.a and self.fold(c.toks[c.a].text) in self.dictionary:
            return True
        return (c.a == 0 and not c.crf_label and not c.capitalised_run
                and c.b == c.a and c.toks[c.a].idx in sent_starts)

    def _label_by_crf(self, c: _Candidate) -> str | None:
        """The last cases, in order: the CRF's PER, ORG or LOC; LOC after a place
        preposition; PER for a foreign person's shape; the CRF's MISC; else no name."""
        if c.crf_label in _CRF_TRUSTED:
            return c.crf_label
        if c.prev in self.cues["loc_preps"]:
            return "LOC"
        if self._foreign_person(c):
            return "PER"
        if c.crf_label == "MISC":
            return "MISC"
        return None

    def _foreign_person(self, c: _Candidate) -> bool:
        """Whether the name has a foreign person's shape: ASCII letters (and hyphens) in a
        few syllables, more than one word or a CRF proposal, with no foreign function word
        ("Africa Must Unite" is a book)."""
        foreign = c.words.replace(" ", "").replace("-", "")
        return foreign.isascii() and foreign.isalpha() and (c.b > c.a or c.source == "crf") \
            and len(c.syllables) <= _MAX_FOREIGN_SYLLABLES \
            and not any(self.fold(w) in self.cues["foreign_function_words"] for w in c.syllables)

    def _after_title(self, toks, a: int) -> bool:
        """Whether a person title stands before toks[a], across the words a title may hold
        ("Thủ tướng Cuba Fidel Castro", "Bộ trưởng Tư pháp Robert Kennedy")."""
        k = a - 1
        while k >= 0 and a - k <= 12:
            key = self.fold(toks[k].text)
            if key in self.cues["person_titles"] or any(
                    key.startswith(t + " ") for t in self.cues["person_titles"] if " " not in t and len(t) > 3):
                return True
            if not (is_cap(toks[k].text) or key in self.link_syllables or key in self.cues["title_links"]
                    or toks[k].text == ","):
                return False
            k -= 1
        return False


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A weak name, toks[a..b], with what the labelling cases of WeakNames._label read."""
    toks: list
    a: int
    b: int
    source: str  # "crf" or "caps"
    prev: str  # the word before, folded ("" at the start)
    prev2: str  # the two words before, folded
    words: str  # the name's words joined by spaces
    syllables: list[str]
    crf_label: str | None  # the CRF label most of its words carry
    capitalised_run: bool  # two or more syllables, all capitalised


@dataclass(frozen=True)
class _Piece:
    """A word of a sentence as the weak candidates see it."""
    text: str
    idx: int
    is_punct: bool
    crf: str


def _pieces(sent, dictionary=frozenset(), particles=frozenset()) -> list[_Piece]:
    """The sentence's words, except that a word the segmenter glued across a name's edge
    ("Lê Lợi lãnh đạo", "đồn Ngọc Hồi") around a run of two or more capitalised syllables
    is cut where the capitals start and stop: the name keeps the word's CRF tag, the
    lower-case parts are outside any name. A word with one capital ("Chủ tịch") stays whole."""
    out: list[_Piece] = []
    for t in sent:
        if t.is_space:
            continue
        spans = _syllable_spans(t.text)
        caps = [is_cap(t.text[a:b]) for a, b in spans]
        if _continues_name(t, caps, out, dictionary, particles) or _cut_at_capitals(caps):
            out += _cut_pieces(t, spans, caps)
        else:
            out.append(_Piece(t.text, t.idx, t.is_punct, t._.crf_ner))
    return out


def _continues_name(t, caps: list[bool], out: list[_Piece], dictionary, particles) -> bool:
    """The case of a name that goes on from the word before into this one ("Kenji |
    Nakamura nhân"): a capital then lower-case syllables, after a capitalised word or a
    particle, in a word the dictionary does not know."""
    return bool(len(caps) >= 2 and caps[0] and not any(caps[1:]) and out
                and (out[-1].text[:1].isupper() or out[-1].text in particles)
                and not out[-1].is_punct and t.text.lower() not in dictionary)


def _cut_at_capitals(caps: list[bool]) -> bool:
    """The case of a word glued across a name's edge: at least _MIN_CUT_SYLLABLES syllables,
    not all capitalised, two of them capitals in a row ("Chủ tịch" is one word)."""
    return not (len(caps) < _MIN_CUT_SYLLABLES or all(caps) or not any(a and b for a, b in zip(caps, caps[1:])))


def _cut_pieces(t, spans: list[tuple[int, int]], caps: list[bool]) -> list[_Piece]:
    """A word cut where its capitals start and stop: the capitalised parts keep the word's
    CRF tag, the lower-case parts are outside any name."""
    out = []
    k = 0
    while k < len(spans):
        m = k
        while m + 1 < len(spans) and caps[m + 1] == caps[k]:
            m += 1
        a, b = spans[k][0], spans[m][1]
        out.append(_Piece(t.text[a:b], t.idx + a, False, t._.crf_ner if caps[k] else "O"))
        k = m + 1
    return out


def _crf_runs(toks: list[_Piece]) -> list[tuple[int, int, str]]:
    """The proposals of the CRF: (first, last, "crf") of each run of one B- or I- tag and
    the I- tags of its label after it."""
    return _runs(len(toks), lambda i: toks[i].crf[:2] in ("B-", "I-"),
                 lambda i, k: toks[k].crf == "I-" + toks[i].crf[2:], "crf")


def _runs(n: int, starts, goes_on, kind: str) -> list[tuple[int, int, str]]:
    """(first, last, kind) of each run of words 0..n-1: a run starts at a word where
    `starts(i)` holds and takes each next word k while `goes_on(first, k)` holds."""
    runs = []
    i = 0
    while i < n:
        if starts(i):
            j = i
            while j + 1 < n and goes_on(i, j + 1):
                j += 1
            runs.append((i, j, kind))
            i = j + 1
        else:
            i += 1
    return runs


def _syllable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the whitespace-separated parts of a word."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans
