"""Every custom attribute of Doc, Span and Token, registered once and early."""
from __future__ import annotations

from dataclasses import fields

import srsly
from spacy.tokens import Doc, Token

from ..records import Entity, Event, EventLink, EventTime, Participant, Sentence, Timex

# The records a Doc's extensions hold, as spaCy's msgpack writes and reads them (Doc.to_bytes,
# DocBin, nlp.pipe with n_process > 1): a tagged list of their fields, rebuilt on reading.
RECORD_TYPES = {cls.__name__: cls for cls in (Timex, Entity, Participant, EventTime, Sentence, EventLink, Event)}
_RECORD_TAG = "vnevents_record"


def _encode_record(obj, chain=None):
    cls = RECORD_TYPES.get(type(obj).__name__)
    if cls is not None and type(obj) is cls:
        return {_RECORD_TAG: cls.__name__, "fields": [getattr(obj, f.name) for f in fields(cls)]}
    return obj if chain is None else chain(obj)


def _tuples(value):
    """msgpack reads sequences as lists; the records hold tuples."""
    return tuple(_tuples(v) for v in value) if isinstance(value, (list, tuple)) else value


def _decode_record(obj, chain=None):
    name = obj.get(_RECORD_TAG) if isinstance(obj, dict) else None
    if name in RECORD_TYPES:
        return RECORD_TYPES[name](*(_tuples(v) for v in obj["fields"]))
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("vnevents.records", func=_encode_record)
srsly.msgpack_decoders.register("vnevents.records", func=_decode_record)


def register_extensions() -> None:
    for name, default in (("doc_id", None), ("source", None), ("dct", None), ("sent_bounds", None),
                          ("timexes", None), ("entities", None), ("events", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("chunk", "crf_ner"):
        if not Token.has_extension(name):
            Token.set_extension(name, default="")


def sentences(doc):
    """The Doc's sentences as Spans. The tokenizer records their token bounds once, since
    `doc.sents` walks every token on each call."""
    bounds = doc._.sent_bounds
    if bounds is None:
        return list(doc.sents)
    return [doc[a:b] for a, b in bounds]


def sentence_words(doc):
    """The tokens of each sentence that has words, without its white space, in order."""
    for sent in sentences(doc):
        toks = [t for t in sent if not t.is_space]
        if toks:
            yield toks


def set_spans(doc, key: str, items) -> None:
    """Mirror a stage's records as `doc.spans[key]` for spaCy tools such as displaCy:
    `items` are (start_char, end_char, label), widened to token boundaries."""
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


class ModelsOnDisk:
    """For a component (or tokenizer) whose data all live in models/, named by its config:
    `nlp.to_disk` has nothing of its own to write and `spacy.load` nothing to read back,
    since the config that names the models folder is saved with the pipeline."""

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self
