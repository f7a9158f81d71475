"""docs.spacy: a spaCy DocBin of the run's documents for training, built from the records
and each document's text. Tokens are the text's syllables and punctuation marks, cut also
at every record's start and end, so that each span of a record is a span of tokens with
exactly the record's text. Per document: `doc.ents` (the entities, outermost first when
they overlap), `doc.spans["entities"]` (all of them), `doc.spans["timexes"]` (label: TIMEX3
type) and `doc.spans["events"]` (triggers, label: event type); each span's `id_` is its
record's id, and `doc.user_data["doc_id"]` the document's id.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import PipelineError
from ..spans import Occupied

LANG = "vi"


def blank_vocab():
    """The vocabulary of a blank Vietnamese pipeline (spaCy's `vi` without pyvi: no model)."""
    try:
        import spacy
    except ImportError as exc:  # spaCy is a dependency; said in one line all the same
        raise PipelineError(f"the spacy format needs spaCy ({exc}): pip install spacy") from None
    return spacy.blank(LANG, config={"nlp": {"tokenizer": {"use_pyvi": False}}}).vocab


def _kind(ch: str) -> str:
    """word (letters, digits, marks), space, or a mark of its own (punctuation, symbols)."""
    if ch.isspace():
        return "space"
    return "word" if ch.isalnum() or unicodedata.category(ch).startswith("M") else "mark"


def _pieces(text: str, cuts: set[int]):
    """The runs of the text between cuts and changes of kind; each mark alone."""
    begin = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or k in cuts or _kind(text[k]) != _kind(text[k - 1]) or _kind(text[k]) == "mark":
            yield begin, k
            begin = k


def words_and_spaces(text: str, cuts: set[int], starts: frozenset = frozenset()) -> tuple[list[str], list[bool]]:
    """spaCy's (words, spaces) of the text cut at `cuts`: a single space after a token is its
    trailing space (unless a span `starts` there), any other whitespace a token of its own;
    "".join of them is the text."""
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in _pieces(text, cuts):
        piece = text[start:end]
        if piece[0] == " " and words and not spaces[-1] and start not in starts:
            spaces[-1] = True
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
    return words, spaces


def _span(doc, item: dict, start: int, end: int, label: str):
    span = doc.char_span(start, end, label=label, span_id=item["id"])
    if span is None:  # cannot happen with tokens cut at the record's offsets; kept exact
        span = doc.char_span(start, end, label=label, span_id=item["id"], alignment_mode="expand")
    return span


def _spans(doc, items) -> list:
    """The spans of (record, start, end, label) items; an empty one has no span."""
    spans = (_span(doc, item, start, end, label) for item, start, end, label in items if start < end)
    return [span for span in spans if span is not None]


def outermost(spans) -> list:
    """The spans that overlap no earlier or longer one (doc.ents cannot overlap)."""
    taken = Occupied()
    return [span for span in sorted(spans, key=lambda s: (s.start_char, -s.end_char))
            if taken.claim(span.start_char, span.end_char)]


def make_doc(vocab, record: dict, text: str):
    """The Doc of one document record (its dict) over its text."""
    from spacy.tokens import Doc
    items = [(t, t["start"], t["end"]) for t in record["timexes"]] + \
            [(e, e["start"], e["end"]) for e in record["entities"]] + \
            [(ev, ev["trigger"]["start"], ev["trigger"]["end"]) for ev in record["events"]]
    cuts = {k for _, a, b in items for k in (a, b)}
    words, spaces = words_and_spaces(text, cuts, frozenset(a for _, a, _ in items))
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.user_data["doc_id"] = record["doc_id"]
    doc.spans["entities"] = _spans(doc, [(e, e["start"], e["end"], e["label"]) for e in record["entities"]])
    doc.ents = outermost(doc.spans["entities"])
    doc.spans["timexes"] = _spans(doc, [(t, t["start"], t["end"], t["type"]) for t in record["timexes"]])
    doc.spans["events"] = _spans(doc, [(ev, ev["trigger"]["start"], ev["trigger"]["end"], ev["type"])
                                       for ev in record["events"]])
    return doc


class DocBinWriter:
    """The Docs of a run, added as documents come, written once as docs.spacy."""

    def __init__(self):
        from spacy.tokens import DocBin
        self.vocab = blank_vocab()
        self.docbin = DocBin(store_user_data=True)

    def add(self, record: dict, text: str) -> None:
        self.docbin.add(make_doc(self.vocab, record, text))

    def write(self, path: Path) -> None:
        from .writers import atomic_open
        with atomic_open(path, binary=True) as fh:
            fh.write(self.docbin.to_bytes())
