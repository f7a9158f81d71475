"""The event stage: every happening a sentence tells becomes an event record (several per
clause where the text tells several), with its type, participants, place and date.

For each sentence: the triggers (triggers.py: the trigger model in context, the hand
lexicon as its feature, no trigger inside a name or a date), then for each trigger its
participants and place (arguments.py) and its date (timing.py), its modality and negation
from the cue words before it. The rules the guideline sets (tests/data/events/GUIDELINE.md)
are measured by benchmarks/bench_events.py.
(`pipeline.to_result` turns a processed Doc into the contract records.)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, Messages
from ..io.normalize import fold
from ..ontology import load_ontology
from ..records import Event, Sentence
from ..resources import load_events, models_path
from ..spans import SpanIndex
from ..text.extensions import ModelsOnDisk, register_extensions, sentence_words, set_spans
from .arguments import ArgumentFinder
from .coordination import Coordination
from .ordering import Ordering
from .timing import REPORTING, Dating, glossed
from .triggers import TriggerFinder

SPANS_KEY = "vi_event"
# carry_context_time: never, always, or only in documents with a document date (news, posts)
CARRY_MODES = (False, True, "dated")
MODALITY_REACH = 5  # words before a trigger (after the one before it) read for modality cues


@Language.factory("vnevents_events", assigns=["doc._.events", "doc.spans"],
                  requires=["doc._.timexes", "doc._.entities", "token.tag"],
                  default_config={"models_dir": None, "carry_context_time": "dated",
                                  "trigger_model": "events/trigger_crf_vi_20261207", "trigger_threshold": None,
                                  "unlisted_threshold": None, "role_model": "events/roles_crf_vi_20261207"})
def make_events(nlp: Language, name: str, models_dir: str | None, carry_context_time: bool | str,
                trigger_model: str | None, trigger_threshold: float | None, role_model: str | None = None,
                unlisted_threshold: float | None = None):
    return EventExtractor(models_dir=models_dir, carry_context_time=carry_context_time, trigger_model=trigger_model,
                          trigger_threshold=trigger_threshold, role_model=role_model,
                          unlisted_threshold=unlisted_threshold)


def sentences_of(doc: Doc) -> list[Sentence]:
    """The Sentence records of a document: each sentence that has words, numbered in order."""
    return [record for record, _, _ in _sentences_of(doc)]


class EventExtractor(ModelsOnDisk):
    def __init__(self, models_dir=None, carry_context_time="dated", trigger_model=None, trigger_threshold=None,
                 role_model=None, unlisted_threshold=None):
        register_extensions()
        folder = models_path(models_dir)
        self.fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once per process
        self.res = load_events(folder, fold)
        self.ontology = load_ontology(str(folder))
        lexicon_path = folder / "events" / "triggers.yaml"
        for etype, _ in set(self.res.triggers.values()):
            self.ontology.check(etype, lexicon_path, etype)
        model = None
        if trigger_model:
            from .model import TriggerTagger
            model = TriggerTagger(folder / trigger_model).load()
            for etype in model.types:
                self.ontology.check(etype, folder / trigger_model, "label")
        self.finder = TriggerFinder(self.res, model, self.fold, trigger_threshold, unlisted_threshold)
        self.arguments = ArgumentFinder(self.res.roles, self.ontology, self.fold)
        self.coordination = Coordination(self.res.roles, self.fold)
        self.ordering = Ordering(self.res.order, self.fold)
        self.role_tagger = None
        if role_model:
            from .roles import RoleTagger
            self.role_tagger = RoleTagger(folder / role_model).load()
            for role in self.role_tagger.labels:
                self.ontology.check_role(role, folder / role_model)
        if carry_context_time not in CARRY_MODES:
            raise ConfigError(Messages.E021.format(key="carry_context_time",
                                                   reason=f"{carry_context_time!r}: expected true, false or \"dated\""))
        self.carry = carry_context_time

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.extract(doc)
        set_spans(doc, SPANS_KEY, ((e.trigger_start, e.trigger_end, e.type) for e in doc._.events))
        return doc

    def extract(self, doc: Doc) -> list[Event]:
        """The events of a document, sentence by sentence (triggers, dates, arguments), then
        the later tellings of one happening merged (`_merge`)."""
        text = doc.text
        timexes, dated, entities, blocked, dates_index, entity_of = _document_indexes(doc)
        carry = self.carry is True or (self.carry == "dated" and doc._.dct is not None)
        dating = Dating(self.res, self.fold, carry)
        events: list[Event] = []
        for record, toks, paragraph in _sentences_of(doc):
            own = glossed([t for t in dated if record.start <= t.start < record.end],
                          [t for t in timexes if record.start <= t.start < record.end], text)
            triggers = _from_name_heads(self.finder.find(toks, entity_of, dates_index.hits, blocked), toks, entities)
            flags = [self._modality(toks, triggers, k) for k in range(len(triggers))]
            times = dating.sentence(toks, own, triggers, record.index, paragraph, flags)
            if triggers:
                self._sentence_events(text, record, toks, entities, triggers, flags, times, events)
        return self.ordering.link(text, _merge(events))

    def _sentence_events(self, text, record, toks, entities, triggers, flags, times, events: list) -> None:
        """The events of one sentence's triggers, with their arguments, appended to `events`."""
        sentence_names = self.arguments.names(text, toks, entities)
        sentence_place = self.arguments.place_of_sentence(sentence_names, triggers)
        keys = [self.fold(t.text) for t in toks]
        agents: list = []
        found = []
        for k, trig in enumerate(triggers):
            parts, place = self.arguments.find(sentence_names, triggers, k, toks, self._shared(triggers, k, agents))
            agents = [p for p in parts if p.role in ("agent", "theme")][:1] or agents
            if self.role_tagger is not None:
                parts, place = self.arguments.learned(self.role_tagger, sentence_names, triggers, k, toks, keys,
                                                      parts, place)
            if k and found:
                etype = self.arguments.ontology.types.get(trig.type)
                if etype is None or etype.parties:
                    parts = self.coordination.continued(sentence_names, triggers, k, toks, parts, found[-1][0],
                                                        etype.subject if etype else "agent")
            parts = self.arguments.undergone(sentence_names, trig, self.fold(text[trig.start:trig.end]), parts)
            place = self.arguments.relative_place(sentence_names, trig, toks, place)
            found.append((self.coordination.coordinated(text, sentence_names, parts, place or sentence_place),
                          place or sentence_place))
        found = self.coordination.own_agents(sentence_names, triggers, found)
        found = self.coordination.contested(text, sentence_names, toks, triggers, found)
        for k, (parts, place) in enumerate(self.coordination.shared(toks, triggers, found)):
            trig, time, (modality, negated) = triggers[k], times[k], flags[k]
            events.append(Event(id=f"EV{len(events) + 1}", type=trig.type, trigger_text=text[trig.start:trig.end],
                                trigger_start=trig.start, trigger_end=trig.end, time=time,
                                participants=tuple(parts), location=place, sentence=record,
                                confidence=_confidence(trig, time, parts), modality=modality, negated=negated))

    def _shared(self, triggers: list, k: int, agents: list) -> list:
        """The parties trigger k may share from the one before: none after a telling when its
        type's subject is no agent (the speaker of "cho biết đã có 3 ca tử vong" did not die;
        "Hãng cho biết đã nhận 12.000 đơn": the firm did receive them)."""
        etype = self.arguments.ontology.types.get(triggers[k].type)
        told = any(t.type in REPORTING for t in triggers[:k])
        return [] if told and etype is not None and etype.subject != "agent" else agents

    def _modality(self, toks, triggers, k: int) -> tuple[str | None, bool]:
        """Cue words in the MODALITY_REACH words before trigger k (after the one before it)."""
        trig = triggers[k]
        floor = triggers[k - 1].end if k else -1
        window = [self.fold(t.text) for t in toks if floor <= t.idx < trig.start][-MODALITY_REACH:]
        joined = " ".join(window)
        modality, negated = None, False
        for cue, name in self.res.modality.items():
            if cue in window or (" " in cue and cue in joined):
                if name == "negation":
                    negated = True
                elif modality is None:
                    modality = name
        return modality, negated


def _confidence(trig, time, parts) -> float:
    """How sure the record is: higher with a date of its own sentence (less with a carried
    one), an agent, and a trigger that is no weak or light word."""
    confidence = 0.5 + (0.25 if time and time.basis == "explicit" else 0.1 if time else 0.0) \
        + (0.15 if any(p.role == "agent" for p in parts) else 0.0) + (0.05 if trig.flag == "" else 0.0)
    return min(confidence, 0.95)


def _labeller(entities: list):
    """entity_of(start, end): the label of a name overlapping the span, "" if none."""
    starts = [e.start for e in entities]

    def entity_of(start: int, end: int) -> str:
        k = bisect_right(starts, end - 1) - 1
        while k >= 0:
            e = entities[k]
            if e.end > start:
                return e.label
            if e.start < start - 200:  # names are short: stop looking back
                break
            k -= 1
        return ""
    return entity_of


def _from_name_heads(triggers: list, toks, entities: list) -> list:
    """The triggers, each reaching back to the head of the event's name it starts inside
    (_from_name_head); one that then covers the trigger before it takes its place ("Hội nghị"
    and "thượng đỉnh" are "Hội nghị thượng đỉnh", one event)."""
    out: list = []
    for trig in triggers:
        trig = _from_name_head(trig, toks, entities)
        if out and trig.start < out[-1].end:
            out[-1] = replace(trig, type=out[-1].type) if trig.start <= out[-1].start else out[-1]
            continue
        out.append(trig)
    return out


def _from_name_head(trig, toks, entities: list):
    """The trigger, reaching back to the start of the event's name it starts inside when only
    capitalised words of that name (by their first letter) stand before it: "Hội nghị thượng
    đỉnh Vienna" read from "thượng đỉnh" is "Hội nghị thượng đỉnh"; "cuộc Chiến tranh ..."
    keeps "Chiến tranh"."""
    name = next((e for e in entities if e.label == "EVENT" and e.start < trig.start < e.end), None)
    if name is None:
        return trig
    before = [k for k, t in enumerate(toks) if name.start <= t.idx < trig.start]
    if not before or toks[before[0]].idx != name.start or not all(toks[k].text[:1].isupper() for k in before):
        return trig
    return replace(trig, i=before[0], start=name.start)


def _document_indexes(doc: Doc):
    """What the trigger finder and dating read of the whole document: its dates, those with a range,
    its entities in order, the spans a trigger may not take (names and dates), the dates'
    spans, and the entity label at an offset."""
    all_timex = list(doc._.timexes or [])
    dated = [t for t in all_timex if t.type in ("DATE", "TIME") and t.range]
    entities = sorted(doc._.entities or [], key=lambda e: e.start)
    names = [e for e in entities if e.label != "EVENT"]
    blocked = SpanIndex([(e.start, e.end) for e in names] + [(t.start, t.end) for t in all_timex])
    dates_index = SpanIndex([(t.start, t.end) for t in all_timex])
    return all_timex, dated, entities, blocked, dates_index, _labeller(names)


def _sentences_of(doc: Doc):
    """(Sentence record, its tokens without spaces, paragraph number) of each sentence that
    has words; a paragraph starts after a line break."""
    text = doc.text  # built from the tokens on every access: read it once
    paragraph, prev_end, index = 0, 0, 0
    for toks in sentence_words(doc):
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if "\n" in text[prev_end:start]:
            paragraph += 1
        prev_end = end
        yield Sentence(index, start, end, text[start:end]), toks, paragraph
        index += 1


def _merge(events: list[Event]) -> list[Event]:
    """The same trigger read twice is one event."""
    out: list[Event] = []
    seen: set[tuple[int, int]] = set()
    for e in events:
        key = (e.trigger_start, e.trigger_end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return [replace(e, id=f"EV{k}") for k, e in enumerate(out, 1)]
