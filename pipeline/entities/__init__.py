"""The entity stage: a hybrid recogniser. Strong evidence first (name patterns such
as "IL-28", cue-headed phrases such as "Hội đồng Bộ trưởng Liên Xô", gazetteer
names), then underthesea's CRF proposals and runs of capitalised words, repaired:
no date, title, function word or sentence boundary inside a name. Names are typed
by cues (titles, prepositions, classifiers), states are GPE or LOC by their role,
titles go to `title`, and aliases share one canonical name (aliases.py).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from .aliases import link_aliases
from ..text.extensions import register_extensions, sentences, set_spans
from ..io.normalize import fold
from ..records import Entity
from ..resources import load_entities, models_path
from ..spans import Occupied, SpanIndex
from .mentions import PRIORITY, Mention, acronyms, overlaps, overlaps_span, vote
from .strong import StrongNames
from .weak import WeakNames

SPANS_KEY = "vi_ent"


@Language.factory("vnevents_entities", assigns=["doc._.entities", "doc.spans"],
                  requires=["token.tag", "token._.crf_ner", "doc._.timexes"],
                  default_config={"models_dir": None, "use_crf": True})
def make_entities(nlp: Language, name: str, models_dir: str | None, use_crf: bool):
    return EntityRecognizer(models_dir=models_dir, use_crf=use_crf)


class EntityRecognizer(StrongNames, WeakNames):
    def __init__(self, models_dir=None, use_crf=True):
        register_extensions()
        from underthesea.pipeline.chunking.tagged_feature import lower_words
        self.dictionary = lower_words
        self.res = load_entities(models_path(models_dir), fold)
        self.fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once per process
        self.use_crf = use_crf
        self.cues = self.res.cues
        self.link_syllables = frozenset(s for w in self.cues["title_links"] for s in w.split())
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[dict]] = {}
        for row in self.res.gazetteer:
            entries.setdefault(fold(row["name"]), []).append(row)
        for key, rows in entries.items():
            self.automaton.add_word(key, (key, rows))
        self.automaton.make_automaton()

    # -- component --------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = self.extract(doc)
        set_spans(doc, SPANS_KEY, ((e.start, e.end, e.label) for e in doc._.entities))
        return doc

    def extract(self, doc: Doc) -> list[Entity]:
        text = doc.text
        folded = fold(text)
        dates = [(t.start, t.end) for t in (doc._.timexes or [])]
        blocked = SpanIndex(dates)
        sent_starts = {s.start_char for s in sentences(doc)}
        gazetteer = self._gazetteer(doc, text, folded, sent_starts)
        strong = self._patterns(text) + self._heads(doc, blocked, {m.start: m.end for m in gazetteer}) + gazetteer
        chosen = self._select([m for m in strong if not overlaps(m, blocked)], [], longest_first=True)
        weak = self._weak(doc, SpanIndex(dates + [(m.start, m.end) for m in chosen]), sent_starts)
        chosen = self._select(weak, chosen)
        chosen.sort(key=lambda m: m.start)
        chosen = acronyms(text, vote(text, chosen))
        chosen = [self._with_feature_noun(text, self._role(text, m)) for m in chosen]
        return link_aliases(text, chosen, self._titles(doc, text, chosen))

    # -- selection, roles, titles ----------------------------------------------------
    def _select(self, cands: list[Mention], taken: list[Mention], longest_first: bool = False) -> list[Mention]:
        out = list(taken)
        occupied = Occupied((o.start, o.end) for o in out)
        if longest_first:
            order = sorted(cands, key=lambda m: (-(m.end - m.start), -PRIORITY[m.source], m.start))
        else:
            order = sorted(cands, key=lambda m: (-PRIORITY[m.source], -(m.end - m.start), m.start))
        for m in order:
            if occupied.free(m.start, m.end):
                occupied.add(m.start, m.end)
                out.append(m)
        return out

    def _role(self, text: str, m: Mention) -> Mention:
        if m.label != "GPE":
            return m
        before = self.fold(text[max(0, m.start - 40):m.start]).split()
        prev = before[-1] if before else ""
        prev2 = " ".join(before[-2:])
        if prev in self.cues["loc_preps"] or prev2 in self.cues["loc_preps"] or \
                prev in self.cues["loc_targets"] or prev2 in self.cues["loc_targets"]:
            return replace(m, label="LOC")
        return m

    def _with_feature_noun(self, text: str, m: Mention) -> Mention:
        """A place named after a lower-case feature noun takes the noun into its span:
        "sông Gián", "đồi A1", "nhà thờ Thánh Nicolai", "bán đảo Ả Rập" (not "đồn", "xã":
        those are place_nouns)."""
        if m.label != "LOC":
            return m
        starts = []  # starts of the one and two lower-case words before the name
        pos = m.start
        for _ in range(2):
            j = pos - 1
            while j >= 0 and text[j] == " ":
                j -= 1
            i = j
            while i >= 0 and text[i].isalpha():
                i -= 1
            if j < 0 or i == j or not text[i + 1].islower():
                break
            starts.append(i + 1)
            pos = i + 1
        for start in reversed(starts):  # the longer phrase first
            if " ".join(self.fold(text[start:m.start]).split()) in self.cues["feature_nouns"]:
                return replace(m, start=start)
        return m

    def _titles(self, doc: Doc, text: str, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
        """Title span before each PER mention: "Bộ trưởng Tư pháp" before "Robert Kennedy"."""
        inside = SpanIndex((m.start, m.end) for m in mentions if m.label != "PER")
        titles = {}
        for m in mentions:
            if m.label != "PER":
                continue
            tok = doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is None:
                continue
            k = tok.start - 1
            first_title = None
            while k >= 0 and tok.start - k <= 16:
                t = doc[k]
                if t.is_space or t.is_sent_end:
                    break
                key = self.fold(t.text)
                if key in self.cues["person_titles"]:
                    first_title = t.idx
                elif not (key in self.link_syllables or key in self.cues["title_links"] or t.text == ","
                          or overlaps_span(t.idx, t.idx + len(t.text), inside)):
                    break
                k -= 1
            if first_title is not None:
                end = m.start
                while end > first_title and text[end - 1] in " ,":
                    end -= 1
                titles[m.start] = (first_title, end)
        return titles

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self
