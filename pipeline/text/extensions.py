"""Every custom attribute of Doc, Span and Token, registered once and early."""
from __future__ import annotations

from spacy.tokens import Doc, Token


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


def set_spans(doc, key: str, items) -> None:
    """Mirror a stage's records as `doc.spans[key]` for spaCy tools such as displaCy:
    `items` are (start_char, end_char, label), widened to token boundaries."""
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans
