"""Appointment frames: "phong Trần Thủ Độ làm Thái sư", "lấy Đỗ Nhân làm thị lang", "tôn Lý
Công Uẩn làm vua" are one event each (tests/data/events/GUIDELINE.md, Personnel). The copula
("làm": `copulas` of triggers.yaml) is no event of its own after an appointing verb; after a
light verb ("lấy", "cho": `light_appointers`) it carries the appointment; a verb that appoints
or demotes only in such a frame (`appointers`, `demoters` of `senses`) is its trigger,
whatever the model read there. The segmenter may glue a name's syllables to the verb or the
copula ("tôn Hiến", "làm Hoàng"): they are read past (unglued).
"""
from __future__ import annotations

from .features import Word
from .quantity import post_follows

APPOINTING = frozenset({"Personnel.Start-Position", "Personnel.Nominate", "Personnel.Elect"})


class Appointments:
    def __init__(self, copulas: frozenset[str], light: frozenset[str], senses: dict, fold):
        """copulas, light: `copulas` and `light_appointers` of triggers.yaml; senses: its
        `senses` (appointers, demoters, apposition, and the post test's lists)."""
        self.copulas, self.light, self.senses, self.fold = copulas, light, senses, fold

    def frames(self, toks, words: list[Word], runs):
        """The trigger runs (first, last + 1, type, flag) with every appointment frame of the
        sentence made one event."""
        return self._verb_frames(toks, words, self._without_copula(toks, runs))

    def _without_copula(self, toks, runs):
        """An appointment frame is one event: "phong Trần Thủ Độ làm Thái sư", "bầu ông làm
        Chủ tịch" are the appointing verb's, the copula (`copulas` in triggers.yaml) no event
        of its own; after a light verb ("lấy Đỗ Nhân làm thị lang": `light_appointers`) the
        copula carries it and the light verb yields. Only with no verb and no punctuation
        between them: "A làm X, B làm Y" after it are further appointments."""
        out = []
        for run in runs:
            prev = out[-1] if out else None
            if (prev is not None and self._opens_with_copula(toks, run)
                    and not any(t.tag_ in ("V", "CH") for t in toks[prev[1]:run[0]])):
                if run_words(toks, prev, self.fold) in self.light:
                    out[-1] = (run[0], run[1], "Personnel.Start-Position", run[3])
                    continue
                if prev[2] in APPOINTING:
                    continue
            out.append(self._to_copula(toks, run))
        return out

    def _verb_frames(self, toks, words: list[Word], runs):
        """The runs with each frame of a verb that appoints only in it (`appointers` of
        `senses`: "tôn", "lập", "thăng"; or demotes: `demoters`, "giáng", "phế") made one
        event, the verb's, whatever the model read there ("tôn Lý Công Uẩn làm vua",
        "giáng hoàng hậu làm công chúa"): a copula with a post after it and such a verb
        before it (_appointer_before)."""
        for c in range(len(toks)):
            verb = self._appointer_before(toks, words, c)
            if verb is None:
                continue
            runs = [r for r in runs if not (r[0] <= verb[0] < r[1] or r[0] <= c < r[1])] + [verb]
        return sorted(runs)

    def _appointer_before(self, toks, words: list[Word], c: int):
        """The run of the appointing verb of a frame whose copula is word c ("tôn Hiến Từ hoàng
        hậu làm Hoàng Thái hậu", "thăng X làm Lại bộ hữu thị lang"): the nearest word before
        the copula that is one of `appointers` (Personnel.Start-Position) or `demoters`
        (Personnel.End-Position), with no other verb (but `apposition`: "là") and no
        punctuation between them, and a post after the copula (quantity.post_follows); None
        when word c is no such copula or there is no such verb."""
        if toks[c].is_space or not self._opens_with_copula(toks, (c, c + 1)):
            return None
        after = word_after(toks, c + 1)
        if after is None or not post_follows(words, after, self.senses):
            return None
        for k in range(c - 1, -1, -1):
            if toks[k].is_space:
                continue
            key = self.fold(toks[k].text)
            readings = {key, unglued(toks[k].text, key), *_after_capital(toks[k].text, key)}
            for kind, etype in (("appointers", "Personnel.Start-Position"), ("demoters", "Personnel.End-Position")):
                if toks[k].tag_ == "V" and readings & self.senses.get(kind, frozenset()):  # not "Tôn Đản"
                    return k, k + 1, etype, ""
            if toks[k].tag_ in ("V", "CH") and key not in self.senses.get("apposition", ()):
                return None
        return None

    def _opens_with_copula(self, toks, run) -> bool:
        """Whether a run is a copula, alone or with the office after it the model read into
        it ("làm Chủ tịch"): its first one or two words are one of `copulas`."""
        first = toks[run[0]]
        return unglued(first.text, self.fold(first.text)) in self.copulas or any(
            " ".join(self.fold(t.text) for t in toks[run[0]:run[0] + n]) in self.copulas
            for n in (1, 2) if run[0] + n <= run[1])

    def _to_copula(self, toks, run):
        """A light verb read as the appointment ("lấy" of "lấy Đỗ Nhân làm thị lang") moves
        to the copula after its object, when there is one before any verb or punctuation."""
        if run[2] not in APPOINTING or run_words(toks, run, self.fold) not in self.light:
            return run
        for k in range(run[1], len(toks)):
            if self.fold(toks[k].text) in self.copulas:
                return k, k + 1, run[2], run[3]
            if toks[k].tag_ in ("V", "CH"):
                break
        return run


def run_words(toks, run, fold) -> str:
    """The folded words of a run (first, last + 1, ...) of tokens, white space left out."""
    return " ".join(fold(t.text) for t in toks[run[0]:run[1]] if not t.is_space)


def unglued(written: str, key: str) -> str:
    """A word's folded syllables without the capitalised ones of a name the segmenter glued
    to it: after it ("tôn Hiến", "làm Hoàng" before "Từ hoàng hậu", "Thái hậu"), then before
    it ("Argentina đoạt"); one syllable is always kept."""
    syllables, keys = written.split(" "), key.split(" ")
    last = len(syllables)
    while last > 1 and syllables[last - 1][:1].isupper():
        last -= 1
    first = 0
    while first < last - 1 and syllables[first][:1].isupper():
        first += 1
    return " ".join(keys[first:last])


def _after_capital(written: str, key: str) -> list[str]:
    """The folded endings of a word that opens with a capital, past its first syllable: a
    title or name the segmenter glued before a verb ("Thượng hoàng lập" -> "hoàng lập",
    "lập")."""
    keys = key.split(" ")
    if not written[:1].isupper():
        return []
    return [" ".join(keys[n:]) for n in range(1, len(keys))]


def word_after(toks, k: int) -> int | None:
    """Index of the first word at or after token k (white space skipped); None at the end."""
    return next((m for m in range(k, len(toks)) if not toks[m].is_space), None)
