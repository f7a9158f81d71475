"""Weak evidence for names: underthesea's CRF proposals and runs of capitalised words,
cut at titles, function words and dates, widened over adjacent name words and typed by
cues (titles, prepositions, place nouns, surnames)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..text.extensions import sentences
from .mentions import Mention, is_cap, overlaps_span


class WeakNames:
    """The weak candidate finders of EntityRecognizer (a mixin: it reads self.cues,
    self.fold, self.dictionary, self.link_syllables and self.use_crf)."""

    def _weak(self, doc: Doc, blocked: list[tuple[int, int]], sent_starts: set[int]) -> list[Mention]:
        out = []
        for sent in sentences(doc):
            toks = _pieces(sent, self.dictionary, self.cues["name_particles"])
            runs: list[tuple[int, int, str]] = []  # token index range and source
            if self.use_crf:
                i = 0
                while i < len(toks):
                    tag = toks[i].crf
                    if tag.startswith("B-") or tag.startswith("I-"):
                        j = i
                        while j + 1 < len(toks) and toks[j + 1].crf == "I-" + tag[2:]:
                            j += 1
                        runs.append((i, j, "crf"))
                        i = j + 1
                    else:
                        i += 1
            i = 0
            while i < len(toks):
                if is_cap(toks[i].text) and not toks[i].is_punct:
                    j = i
                    while j + 1 < len(toks) and not toks[j + 1].is_punct and (
                            is_cap(toks[j + 1].text) or self._particle(toks, j + 1)):
                        j += 1
                    runs.append((i, j, "caps"))
                    i = j + 1
                else:
                    i += 1
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
        segs, cur = [], []
        for k in range(i, j + 1):
            t = toks[k]
            ok = ((is_cap(t.text) or self._particle(toks, k)) and not t.is_punct
                  and not overlaps_span(t.idx, t.idx + len(t.text), blocked)
                  and self.fold(t.text) not in self.cues["person_titles"] and self.fold(t.text) not in self.cues["org_heads"])
            if ok:
                cur.append(k)
            elif cur:
                segs.append(cur)
                cur = []
        if cur:
            segs.append(cur)
        out = []
        for seg in segs:
            while seg and (self.fold(toks[seg[0]].text) in self.cues["not_names"]
                           or self.fold(toks[seg[0]].text) in self.cues["title_links"]):
                seg = seg[1:]
            while seg and self.fold(toks[seg[-1]].text) in self.cues["not_names"]:
                seg = seg[:-1]
            if seg:
                out.append((seg[0], seg[-1]))
        return out

    def _label(self, toks, a: int, b: int, source: str, sent_starts: set[int]) -> str | None:
        prev = self.fold(toks[a - 1].text) if a > 0 else ""
        prev2 = self.fold(toks[a - 2].text + " " + toks[a - 1].text) if a > 1 else ""
        words = " ".join(t.text for t in toks[a:b + 1])
        crf = [t.crf[2:] for t in toks[a:b + 1] if t.crf != "O"]
        crf_label = max(sorted(set(crf)), key=crf.count) if crf else None
        if prev in self.cues["thing_cues"] or prev2 in self.cues["thing_cues"]:
            return "MISC"
        if prev in self.cues["person_titles"] or prev in self.cues["person_cues"] or self._after_title(toks, a):
            return "PER"
        place_cues = self.cues["place_nouns"] | self.cues["feature_nouns"]
        if prev in place_cues or prev2 in place_cues:
            return "LOC"  # "đồn Ngọc Hồi", "sông Gián", "xã Cam Lâm"
        syllables = words.split()
        all_caps = all(is_cap(w) for w in syllables)
        if all_caps and len(syllables) >= 2 and self.fold(syllables[-1]) in self.cues["person_suffixes"]:
            return "PER"  # "An Dương Vương", "Lý Thái Tổ"
        person_shape = all_caps and 2 <= len(syllables) <= 4 and self.fold(syllables[0]) in self.cues["surnames"]
        if person_shape and prev not in self.cues["loc_preps"]:
            return "PER"
        if a == 0 and b == a and self.fold(toks[a].text) in self.dictionary:
            return None  # a common word capitalised at the start of a sentence or heading
        if a == 0 and not crf_label and not (all_caps and len(syllables) >= 2):
            if b == a and toks[a].idx in sent_starts:
                return None
        if crf_label in ("PER", "ORG", "LOC"):
            return crf_label
        if prev in self.cues["loc_preps"]:
            return "LOC"
        foreign = words.replace(" ", "").replace("-", "")
        if foreign.isascii() and foreign.isalpha() and (b > a or source == "crf") and len(syllables) <= 3 \
                and not any(self.fold(w) in self.cues["foreign_function_words"] for w in syllables):
            return "PER"
        if crf_label == "MISC":
            return "MISC"
        return None

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
        # a name that goes on from the word before into this one ("Kenji | Nakamura nhân")
        continues = (len(spans) >= 2 and caps[0] and not any(caps[1:]) and out
                     and (out[-1].text[:1].isupper() or out[-1].text in particles)
                     and not out[-1].is_punct and t.text.lower() not in dictionary)
        if not continues and (len(spans) < 3 or all(caps) or not any(a and b for a, b in zip(caps, caps[1:]))):
            # "Chủ tịch" is one word: a word is cut only around a run of two capitals
            out.append(_Piece(t.text, t.idx, t.is_punct, t._.crf_ner))
            continue
        k = 0
        while k < len(spans):
            m = k
            while m + 1 < len(spans) and caps[m + 1] == caps[k]:
                m += 1
            a, b = spans[k][0], spans[m][1]
            out.append(_Piece(t.text[a:b], t.idx + a, False, t._.crf_ner if caps[k] else "O"))
            k = m + 1
    return out


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
