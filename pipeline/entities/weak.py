"""Weak evidence for names: underthesea's CRF proposals and runs of capitalised words,
cut at titles, function words and dates, widened over adjacent name words, and typed by
the weak label rules of decide.py (cues, shapes, the CRF)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..spans import kept_runs
from ..text.extensions import sentences
from .mentions import Mention, is_cap, overlaps_span

_MIN_CUT_SYLLABLES = 3  # syllables of a word glued across a name's edge: two capitals, one lower-case


class WeakNames:
    """The weak candidate finders of EntityRecognizer (a mixin: it reads self.cues,
    self.fold, self.dictionary and self.use_crf, and labels each run with
    Decisions._weak_label of decide.py)."""

    def _weak(self, doc: Doc, blocked: list[tuple[int, int]], sent_starts: set[int]) -> list[Mention]:
        out = []
        for sent in sentences(doc):
            toks = _pieces(sent, self.dictionary, self.cues["name_particles"], self._glued_head)
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
            for a, b in self._segments(toks, i, j, blocked, sent_starts):
                if b < len(toks) - 1 and a == b and self._acronym_then_person(toks[a].text, toks[b + 1].text):
                    out.append(Mention(toks[a].idx, toks[a].idx + len(toks[a].text), "ORG", source,
                                       evidence=(source, "shape:acronym")))
                    continue
                decided = self._weak_label(toks, a, b, source, sent_starts)
                if decided:
                    label, why = decided
                    evidence = (source,) if why == source else (source, why)
                    out.append(Mention(toks[a].idx, toks[b].idx + len(toks[b].text), label, source,
                                       evidence=evidence))
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

    def _segments(self, toks, i: int, j: int, blocked, sent_starts=frozenset()) -> list[tuple[int, int]]:
        """Split a proposal into runs of capitalised name words outside blocked spans."""
        out = []
        for seg in self._name_word_runs(toks, i, j, blocked):
            seg = self._trimmed(toks, seg)
            if len(seg) > 1 and toks[seg[0]].idx in sent_starts \
                    and self.fold(toks[seg[0]].text) in self.cues["opening_verbs"]:
                seg = seg[1:]  # "Phong Trần Thủ Độ làm Thái sư": the verb, capitalised as the sentence's first word
            elif len(seg) > 1 and toks[seg[0]].idx in sent_starts and self.fold(toks[seg[0]].text) in self.cues["opening_kin"]:
                seg = seg[1:]  # "Anh Nam thuê phòng": a word of address, capitalised as the first word
            for part in self._at_acronym_before_person(toks, seg):
                out.append((part[0], part[-1]))
        return out

    def _at_acronym_before_person(self, toks, seg: list[int]) -> list[list[int]]:
        """A run cut after an acronym that a Vietnamese full name follows ("Tổng giám đốc
        SPN | Đặng Minh Khôi", "Chủ tịch VFV | Trần Quang Vinh"): the organisation, then its
        officer; a run with no such acronym whole (empty when the run is)."""
        for n in range(len(seg) - 1):
            if self._acronym_then_person(toks[seg[n]].text, toks[seg[n + 1]].text) or (
                    self._unit_name_then_person(toks, seg, n)):
                return [seg[:n + 1], seg[n + 1:]]
        return [seg] if seg else []

    def _unit_name_then_person(self, toks, seg: list[int], n: int) -> bool:
        """Whether a run after an administrative unit word is the unit's own name (two
        syllables or more, to toks[seg[n]]) then an official's full name (a surname, then two
        more syllables: "Chủ tịch xã Tân Phú | Lê Văn Tám")."""
        if not seg[0] or self.fold(toks[seg[0] - 1].text) not in self.cues["admin_units"]:
            return False
        place = [p for k in seg[:n + 1] for p in toks[k].text.split()]
        person = [p for k in seg[n + 1:] for p in toks[k].text.split()]
        return (len(place) >= 2 and 3 <= len(person) <= 4 and self.fold(person[0]) in self.cues["surnames"]
                and all(is_cap(p) for p in person))

    def _glued_head(self, head: str, rest: str, opening: bool) -> bool:
        """Whether a word the segmenter glued is cut after its first syllable `head`, before
        the capitalised `rest`: an acronym before a full name ("SPN Đặng Minh Khôi"), an
        abbreviation that never starts a name ("TK Vietcombank": not_names), a person's title of
        one syllable ("Sultan Saladin": the title is no part of the name), or, opening its
        sentence, a kinship word or a word of address before a name (a chat's "Bố Minh Quân
        (20:45):", "Anh Tuấn cho biết"; elsewhere "Cô Lành" may be a shop's whole name)."""
        if not rest or not is_cap(rest):
            return False
        key = self.fold(head)
        return (self._acronym_then_person(head, rest) or (head.isupper() and key in self.cues["not_names"])
                or (key in self.cues["person_titles"] and is_cap(head))
                or (opening and (key in self.cues["not_names"] and key in self.cues["person_cues"]
                                 or key in self.cues["opening_kin"])))

    def _acronym_then_person(self, word: str, nxt: str) -> bool:
        """Whether `word` is an acronym (two or more capital letters) and `nxt` opens a
        Vietnamese full name (a surname, then at least one more capitalised syllable)."""
        parts = nxt.split(" ")
        return (len(word) >= 2 and word.isalpha() and word.isupper() and len(parts) >= 2
                and self.fold(parts[0]) in self.cues["surnames"] and all(is_cap(p) for p in parts))

    def _name_word_runs(self, toks, i: int, j: int, blocked) -> list[list[int]]:
        """The token indices of toks[i..j] in runs of words that may stand in a name."""
        return kept_runs([self._segment_word(toks, k, blocked) for k in range(i, j + 1)], offset=i)

    def _segment_word(self, toks, k: int, blocked) -> bool:
        """Whether toks[k] may stand in a weak name: capitalised or a name particle, not
        punctuation, outside blocked spans, neither a person's title nor an organisation's head."""
        t = toks[k]
        return ((is_cap(t.text) or self._particle(toks, k)) and not t.is_punct
                and not overlaps_span(t.idx, t.idx + len(t.text), blocked)
                and self.fold(t.text) not in self.cues["person_titles"]
                and self.fold(t.text) not in self.cues["org_heads"])

    def _place_of_kin_word(self, toks, seg: list[int]) -> bool:
        """Whether a run opens with a capitalised word of address (person_cues: "Cô", "Bà")
        right after a place noun or a locative word ("đảo Cô Tô", "từ Cô Tô", "về Bà Rịa"): a
        place's name, whole; no title before a person there."""
        k = seg[0]
        return len(seg) > 1 and k > 0 and is_cap(toks[k].text) and self.fold(toks[k].text) in self.cues["person_cues"] \
            and any(self.fold(toks[k - 1].text) in self.cues[name] for name in ("place_nouns", "feature_nouns", "loc_preps"))

    def _trimmed(self, toks, seg: list[int]) -> list[int]:
        """A run without the words that never start a name (not_names, title_links) at its
        start and those that never end one (not_names) at its end."""
        while seg and (self.fold(toks[seg[0]].text) in self.cues["not_names"]
                       or self.fold(toks[seg[0]].text) in self.cues["title_links"]) and not self._place_of_kin_word(toks, seg):
            seg = seg[1:]
        while seg and self.fold(toks[seg[-1]].text) in self.cues["not_names"]:
            seg = seg[:-1]
        return seg


@dataclass(frozen=True)
class _Piece:
    """A word of a sentence as the weak candidates see it."""
    text: str
    idx: int
    is_punct: bool
    crf: str


def _pieces(sent, dictionary=frozenset(), particles=frozenset(), glued_head=None) -> list[_Piece]:
    """The sentence's words, except that a word the segmenter glued across a name's edge
    ("Lê Lợi lãnh đạo", "đồn Ngọc Hồi") around a run of two or more capitalised syllables
    is cut where the capitals start and stop: the name keeps the word's CRF tag, the
    lower-case parts are outside any name. A word with one capital ("Chủ tịch") stays whole.
    A word glued from a head that opens no name and a name (`glued_head`: "SPN Đặng Minh
    Khôi", "Bố Minh Quân") is cut after the head, which the CRF's tag of the name does not
    cover."""
    out: list[_Piece] = []
    for t in sent:
        if t.is_space:
            continue
        spans = _syllable_spans(t.text)
        head, _, rest = t.text.partition(" ")
        if glued_head and rest and glued_head(head, rest, t.i == sent.start):
            out.append(_Piece(head, t.idx, False, "O"))
            out.append(_Piece(rest, t.idx + len(head) + 1, False, t._.crf_ner))
            continue
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
    not all capitalised, two of them capitals in a row, or a capital after a lower-case
    syllable ("Cầu thủ Thiago"; "Chủ tịch" is one word)."""
    if len(caps) < _MIN_CUT_SYLLABLES or all(caps):
        return False
    return any(a and b for a, b in zip(caps, caps[1:])) or any(b and not a for a, b in zip(caps, caps[1:]))


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
