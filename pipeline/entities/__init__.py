"""The entity stage: a hybrid recogniser. Strong evidence first (name patterns such
as "IL-28", cue-headed phrases such as "Hội đồng Bộ trưởng Liên Xô", gazetteer
names), then underthesea's CRF proposals and runs of capitalised words, repaired:
no date, title, function word or sentence boundary inside a name. One ordered decision
list (decide.py) types the names and records why (`evidence`): cues (titles,
prepositions, classifiers), shapes, the CRF, a vote, states GPE or LOC by their role.
Titles go to `title`, aliases share one canonical name (aliases.py), and places and
organisations get their kind word, ids and coordinates (places.py).
"""
from __future__ import annotations

from functools import lru_cache

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from .aliases import link_aliases
from ..text.extensions import ModelsOnDisk, register_extensions, sentences, set_spans
from ..io.normalize import fold
from ..records import Entity
from ..resources import load_entities, models_path
from ..spans import SpanIndex
from .decide import Decisions, select
from .mentions import Mention, overlaps, overlaps_span
from .places import Places
from .strong import StrongNames
from .weak import WeakNames

SPANS_KEY = "vi_ent"


@Language.factory("vnevents_entities", assigns=["doc._.entities", "doc.spans"],
                  requires=["token.tag", "token._.crf_ner", "doc._.timexes"],
                  default_config={"models_dir": None, "use_crf": True})
def make_entities(nlp: Language, name: str, models_dir: str | None, use_crf: bool):
    return EntityRecognizer(models_dir=models_dir, use_crf=use_crf)


class EntityRecognizer(ModelsOnDisk, StrongNames, WeakNames, Decisions):
    def __init__(self, models_dir=None, use_crf=True):
        register_extensions()
        from underthesea.pipeline.chunking.tagged_feature import lower_words
        self.dictionary = lower_words
        self.res = load_entities(models_path(models_dir), fold)
        self.fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once per process
        self.use_crf = use_crf
        self.cues = self.res.cues
        self.given_names = self.res.given_names
        self.link_syllables = frozenset(s for w in self.cues["title_links"] for s in w.split())
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[dict]] = {}
        for row in self.res.gazetteer:
            entries.setdefault(fold(row["name"]), []).append(row)
        for key, rows in entries.items():
            self.automaton.add_word(key, (key, rows))
        self.automaton.make_automaton()
        self.places = Places(self.cues, self.res.places, self.fold)

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
        chosen = select([m for m in strong if not overlaps(m, blocked)], [], longest_first=True)
        weak = self._weak(doc, SpanIndex(dates + [(m.start, m.end) for m in chosen]), sent_starts)
        chosen = self.decide(text, select(weak, chosen))
        entities = link_aliases(text, chosen, self._titles(doc, text, chosen))
        return self.places.annotate(text, entities, {t.idx for t in doc})

    # -- titles --------------------------------------------------------------------
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
            lead = text[tok[0].idx:m.start].strip()  # a title glued to the name: "Sultan Saladin"
            if lead and self.fold(lead) in self.cues["person_titles"]:
                titles[m.start] = (tok[0].idx, tok[0].idx + len(lead))
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
