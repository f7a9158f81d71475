"""The event stage: triggers from the lexicon in models/events/, one event per clause
(the strongest trigger, light verbs yielding to the trigger they govern), arguments
from the clause's entities by word order, prepositions and the passive, time from
the clause's or sentence's date or, failing that, carried from the narrative.
(`pipeline.to_result` turns a processed Doc into the contract records.)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..text.extensions import register_extensions, sentences, set_spans
from ..io.normalize import fold
from ..records import Event, EventTime, Participant, Sentence
from ..resources import load_events, models_path
from ..spans import SpanIndex

SPANS_KEY = "vi_event"
CARRY_SENTENCES = 2  # a narrative date carries this many sentences into its paragraph
UNCERTAIN = frozenset({"desired", "possible", "conditional", "planned", "proposed"})
PARTY_LABELS = frozenset({"PER", "ORG", "GPE"})
_LIGHT_REACH = 3  # tokens after a light verb in which the trigger it governs may start


@dataclass
class Trigger:
    i: int  # first token index in the sentence token list
    j: int  # last token index
    type: str
    flag: str


@Language.factory("vnevents_events", assigns=["doc._.events", "doc.spans"],
                  default_config={"models_dir": None, "carry_context_time": True,
                                  "trigger_model": "events/trigger_crf_vhe_20261126"})
def make_events(nlp: Language, name: str, models_dir: str | None, carry_context_time: bool,
                trigger_model: str | None):
    return EventExtractor(models_dir=models_dir, carry_context_time=carry_context_time, trigger_model=trigger_model)


def sentences_of(doc: Doc) -> list[Sentence]:
    out = []
    text = doc.text  # built from the tokens on every access: read it once
    for sent in sentences(doc):
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
    return out


class EventExtractor:
    def __init__(self, models_dir=None, carry_context_time=True, trigger_model=None):
        register_extensions()
        self.res = load_events(models_path(models_dir), fold)
        self.model = None
        if trigger_model:
            from .model import TriggerTagger
            self.model = TriggerTagger(models_path(models_dir) / trigger_model).load()
        self.fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once per process
        self.carry = carry_context_time

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.extract(doc)
        set_spans(doc, SPANS_KEY, ((e.trigger_start, e.trigger_end, e.type) for e in doc._.events))
        return doc

    # -- triggers ------------------------------------------------------------------
    def triggers(self, toks, blocked) -> list[Trigger]:
        out, i, n = [], 0, len(toks)
        keys = [self.fold(t.text) for t in toks]
        while i < n:
            found = None
            for length in range(min(self.res.max_trigger_words, n - i), 0, -1):
                key = " ".join(keys[i:i + length])
                if key not in self.res.triggers:
                    continue
                s, e = toks[i].idx, toks[i + length - 1].idx + len(toks[i + length - 1].text)
                if not blocked.hits(s, e):  # never inside a name or a date
                    found = length
                    break
            if found is None:
                i += 1
                continue
            etype, flag = self.res.triggers[" ".join(keys[i:i + found])]
            out.append(Trigger(i, i + found - 1, etype, flag))
            i += found
        return out

    def combine(self, toks, found: list[Trigger], blocked) -> list[Trigger]:
        """The lexicon's triggers, plus those only the VHE-trained CRF finds, as weak
        candidates (kept only in a clause where the lexicon finds nothing). The CRF learned
        chronicle prose: on modern prose it misses and mistypes common verbs ("gặp",
        "gửi"), so it neither vetoes nor retypes the lexicon's triggers."""
        if self.model is None or not toks:
            return found
        # a weak candidate only counts in a clause without a lexicon trigger: skip the CRF
        # (the costliest step of the stage) when every clause already has one
        clauses = _clauses(toks, ";")
        if all(any(o <= t.i < o + len(c) for t in found) for c, o in clauses):
            return found
        labels = self.model.tag([t.norm_ for t in toks], [t.tag_ for t in toks])
        taken = [(t.i, t.j) for t in found]
        out = list(found)
        for a, b, etype in _bio(labels):
            b -= 1
            s, e = toks[a].idx, toks[b].idx + len(toks[b].text)
            if any(a <= j and i <= b for i, j in taken) or blocked.hits(s, e):
                continue
            out.append(Trigger(a, b, etype, "weak"))
        out.sort(key=lambda t: t.i)
        return out

    def choose(self, cands: list[Trigger]) -> Trigger | None:
        strong = [c for c in cands if c.flag != "weak"] or cands
        for k, c in enumerate(strong):
            if c.flag == "light" and any(d.flag != "light" and 0 < d.i - c.j <= _LIGHT_REACH for d in strong[k + 1:]):
                continue
            return c
        return strong[0] if strong else None

    # -- the document -------------------------------------------------------------
    def extract(self, doc: Doc) -> list[Event]:
        text = doc.text
        timexes = [t for t in (doc._.timexes or []) if t.type in ("DATE", "TIME") and t.range]
        all_timex = doc._.timexes or []
        entities = list(doc._.entities or [])
        blocked = SpanIndex([(e.start, e.end) for e in entities if e.label != "EVENT"]
                            + [(t.start, t.end) for t in all_timex])
        events: list[Event] = []
        last_dated = None  # (sentence index, paragraph, timex)
        paragraph, prev_end = 0, 0
        sents = [s for s in sentences(doc) if any(not t.is_space for t in s)]
        for sidx, sent in enumerate(sents):
            toks = [t for t in sent if not t.is_space]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if "\n" in text[prev_end:start]:
                paragraph += 1
            prev_end = end
            record = Sentence(sidx, start, end, text[start:end])
            own = [t for t in timexes if start <= t.start < end]
            found = self.combine(toks, self.triggers(toks, blocked), blocked)
            for clause, offset in _clauses(toks, ";"):
                trig = self.choose([Trigger(t.i - offset, t.j - offset, t.type, t.flag) for t in found
                                    if offset <= t.i and t.j < offset + len(clause)])
                if trig is None:
                    continue
                events.append(self._event(text, clause, trig, record, own, entities, last_dated, sidx, paragraph,
                                          len(events) + 1))
            fine = [t for t in own if t.granularity in ("day", "part_of_day", "time")]
            if fine:
                last_dated = (sidx, paragraph, fine[-1])
        return _merge(events)

    def _event(self, text, clause, trig, sentence, own, entities, last_dated, sidx, paragraph, number) -> Event:
        t0, t1 = clause[trig.i], clause[trig.j]
        ts, te = t0.idx, t1.idx + len(t1.text)
        modality, negated = self._modality(clause, trig.i)
        time = self._time(clause, trig, own, ts)
        if time is None and self.carry and last_dated and last_dated[1] == paragraph \
                and 0 < sidx - last_dated[0] <= CARRY_SENTENCES and modality not in UNCERTAIN and not negated:
            tx = last_dated[2]
            time = EventTime(tx.id, tx.value, tx.granularity, tx.range, "context")
        participants, location = self._arguments(text, clause, trig, entities, ts, te)
        confidence = 0.45 + (0.25 if time and time.basis == "explicit" else 0.1 if time else 0.0) \
            + (0.15 if any(p.role == "agent" for p in participants) else 0.0) + (0.1 if trig.flag == "" else 0.0)
        return Event(id=f"EV{number}", type=trig.type, trigger_text=text[ts:te], trigger_start=ts,
                     trigger_end=te, time=time, participants=tuple(participants), location=location,
                     sentence=sentence, confidence=min(confidence, 0.95), modality=modality, negated=negated)

    def _modality(self, clause, i: int) -> tuple[str | None, bool]:
        window = [self.fold(t.text) for t in clause[max(0, i - 5):i]]
        joined = " ".join(window)
        modality, negated = None, False
        for cue, name in self.res.modality.items():
            if cue in window or (" " in cue and cue in joined):
                if name == "negation":
                    negated = True
                elif modality is None:
                    modality = name
        return modality, negated

    def _time(self, clause, trig, own, trigger_start) -> EventTime | None:
        if not own:
            return None
        segment = _comma_segment(clause, trig.i)
        s, e = segment[0].idx, segment[-1].idx + len(segment[-1].text)
        near = [t for t in own if s <= t.start < e]
        tx = near[0] if near else own[0]
        return EventTime(tx.id, tx.value, tx.granularity, tx.range, "explicit")

    def _arguments(self, text, clause, trig, entities, ts, te):
        cs, ce = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        titles = []  # names inside a person's title ("Thủ tướng Cuba Fidel Castro") are not parties
        for e in entities:
            if e.title and cs <= e.start <= ce:
                head = text[:e.start].rstrip(" ,")
                if head.endswith(e.title):
                    titles.append((len(head) - len(e.title), len(head)))
        inside = [e for e in entities if cs <= e.start and e.end <= ce and not (e.start <= ts and te <= e.end)
                  and not any(a <= e.start and e.end <= b for a, b in titles)]
        keys = {t.idx: self.fold(t.text) for t in clause}
        ends = [t.idx + len(t.text) for t in clause]
        before_word = {}
        for e in inside:
            begin = e.start
            if e.title:  # the word before a titled name is the word before its title
                head = text[:e.start].rstrip(" ,")
                if head.endswith(e.title):
                    begin = len(head) - len(e.title)
            k = bisect_right(ends, begin) - 1
            before_word[e.id] = keys[clause[k].idx] if k >= 0 else ""
        roles = self.res.roles
        passive_at = next((t.idx for t in clause[max(0, trig.i - 4):trig.i] if keys[t.idx] in roles["passive"]), None)
        # what follows "rằng" is the content of a statement, not its parties
        content_at = next((t.idx for t in clause[trig.j + 1:] if keys[t.idx] in roles["content"]), ce)
        parts: list[Participant] = []
        location = None
        for e in inside:
            prev = before_word[e.id]
            if prev in roles["possessive"] or e.start >= content_at:
                continue  # "máy bay U-2 của Hoa Kỳ": Hoa Kỳ owns the plane, it is not a party
            if e.label in ("LOC",) or (e.label == "GPE" and prev in roles["location"] and e.start > te):
                if location is None and (prev in roles["location"] or e.label == "LOC"):
                    location = (e.id, e.canonical)
                continue
            if e.end <= ts:
                if passive_at is not None and e.start > passive_at:
                    role = "agent"
                elif passive_at is not None:
                    role = "theme"
                elif prev in roles["agent_passive"]:
                    role = "agent"
                elif e.label in PARTY_LABELS:
                    role = "agent"
                elif e.label == "MISC":
                    role = "instrument"  # "máy bay U-2 chụp ảnh"
                else:
                    role = "theme"
            else:
                if prev in roles["recipient"] and e.label in PARTY_LABELS:
                    role = "recipient"
                elif prev in roles["agent_passive"]:
                    role = "agent"
                else:
                    role = "theme"
            if trig.type == "Contact.Meet" and role in ("theme", "recipient") and e.label == "PER":
                role = "agent"
            parts.append(Participant(e.id, e.canonical, e.label, role))
        # keep the agents nearest the trigger (one coordinated group) and the first few others
        agents = [p for p in parts if p.role == "agent"]
        others = [p for p in parts if p.role != "agent"][:3]
        seen, uniq = set(), []
        for p in agents[-3:] + others:
            if (p.canonical, p.role) not in seen:
                seen.add((p.canonical, p.role))
                uniq.append(p)
        return uniq, location

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self


def _clauses(toks, sep: str):
    """(clause tokens, index of its first token in `toks`) pairs, split at `sep`."""
    out, cur, start = [], [], 0
    for k, t in enumerate(toks):
        if t.text == sep:
            if cur:
                out.append((cur, start))
            cur, start = [], k + 1
        else:
            cur.append(t)
    if cur:
        out.append((cur, start))
    return out


def _bio(labels: list[str]):
    from .model import bio_spans
    return bio_spans(labels)


def _comma_segment(clause, i: int):
    start = i
    while start > 0 and clause[start - 1].text != ",":
        start -= 1
    end = i
    while end + 1 < len(clause) and clause[end + 1].text != ",":
        end += 1
    return clause[start:end + 1]


def _parties(e: Event) -> frozenset[str]:
    return frozenset(p.canonical for p in e.participants if p.role in ("agent", "theme", "recipient"))


def _same_happening(a: Event, b: Event) -> bool:
    """The same trigger twice in one sentence; or, anywhere in the text, the same type on the
    same date with a party in common ("Hoa Kỳ và Liên Xô ký hiệp ước năm 1963" told twice)."""
    if a.type != b.type:
        return False
    if a.sentence.index == b.sentence.index:
        return fold(a.trigger_text) == fold(b.trigger_text)
    return (a.time is not None and b.time is not None and a.time.value == b.time.value
            and a.time.basis == b.time.basis == "explicit" and bool(_parties(a) & _parties(b)))


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening; a later telling is kept as a mention of the first."""
    out: list[Event] = []
    for e in events:
        k = next((k for k, o in enumerate(out) if _same_happening(o, e)), None)
        if k is None:
            out.append(e)
            continue
        first = out[k]
        extra = tuple(p for p in e.participants if (p.canonical, p.role) not in
                      {(q.canonical, q.role) for q in first.participants})
        mention = (e.trigger_text, e.trigger_start, e.trigger_end, e.sentence.index)
        out[k] = replace(first, participants=first.participants + extra, mentions=first.mentions + (mention,),
                         location=first.location or e.location)
    return [replace(e, id=f"EV{k}") for k, e in enumerate(out, 1)]
