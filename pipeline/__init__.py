"""vnevents: Vietnamese prose to dated event records and timelines.

    from pipeline import extract
    result = extract(text, doc_id="doc", dct=None)
    result.to_dict()   # the document record of the contract
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from .errors import ConfigError, InputError, PipelineError, ResourceError
from .records import DocumentResult

__all__ = ["load", "extract", "extract_pieces", "PipelineError", "ConfigError", "ResourceError", "InputError", "DocumentResult"]
__version__ = "0.1.0"

DEFAULT_CONFIG = Path(__file__).with_name("default_config.cfg")
TOKENIZER = "vnevents.underthesea_tokenizer.v1"  # the one tokenizer that keeps exact offsets


def load(config_path: str | Path | None = None, overrides: dict | None = None):
    """Build the spaCy pipeline from a config file (the packaged default if None)."""
    from spacy.util import load_config, load_model_from_config

    from . import entities, events, temporal  # noqa: F401  (register factories)
    from .text import tagger, tokenizer  # noqa: F401
    from .text.extensions import register_extensions

    register_extensions()
    shown = config_path or DEFAULT_CONFIG
    try:
        config = load_config(shown, overrides=overrides or {}, interpolate=True)
    except Exception as exc:  # confection raises several types for a bad file
        raise ConfigError(f"cannot read config '{shown}': {_summary(exc)}") from None
    named = ((config.get("nlp") or {}).get("tokenizer") or {}).get("@tokenizers")
    if named != TOKENIZER:
        raise ConfigError(f"config '{shown}': [nlp.tokenizer] must name @tokenizers = \"{TOKENIZER}\" "
                          f"(found {named!r})")
    try:
        return load_model_from_config(config, auto_fill=True, validate=True)
    except PipelineError:
        raise
    except Exception as exc:  # an unknown factory, a bad setting, a missing section
        raise ConfigError(f"config '{shown}' does not build the pipeline: {_summary(exc)}") from None


def _summary(exc: Exception) -> str:
    """The informative lines of a config error (confection's run over several), as one line."""
    generic = ("Config validation error", "Make sure the sections and values are formatted correctly")
    lines = [line.strip() for line in str(exc).splitlines() if line.strip() and not line.strip().startswith(generic)]
    return "; ".join(lines)[:300] or type(exc).__name__


class _Cache:
    """The default pipeline, built on first use and kept by the caller's module."""
    nlp = None


def _default_nlp():
    if _Cache.nlp is None:
        _Cache.nlp = load()
    return _Cache.nlp


def prepare(text: str):
    """NFC-normalise a text as the pipeline reads it."""
    from .io.normalize import nfc
    return nfc(text)


def make_doc(nlp, text: str, doc_id: str, dct: str | None, source: str | None):
    from .days import validate_dct
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    doc._.dct = validate_dct(dct)
    doc._.source = source
    return doc


def to_result(doc) -> DocumentResult:
    from .events import sentences_of
    text = doc.text
    return DocumentResult(doc_id=doc._.doc_id, text=text,
                          text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                          source=doc._.source, dct=doc._.dct, timexes=tuple(doc._.timexes or ()),
                          entities=tuple(doc._.entities or ()), events=tuple(doc._.events or ()),
                          sentences=tuple(sentences_of(doc)))


def extract(text: str, doc_id: str = "doc", dct: str | None = None, source: str | None = None,
            nlp=None) -> DocumentResult:
    """Run the whole pipeline over one text."""
    head, pieces = extract_pieces(text, doc_id, dct, source, nlp)
    kept: tuple[list, ...] = ([], [], [], [])
    for piece in pieces:  # each piece's records are kept, its Doc let go
        for records, new in zip(kept, (piece.timexes, piece.entities, piece.events, piece.sentences)):
            records.extend(new)
    return replace(head, timexes=tuple(kept[0]), entities=tuple(kept[1]), events=tuple(kept[2]),
                   sentences=tuple(kept[3]))


def extract_pieces(text: str, doc_id: str = "doc", dct: str | None = None, source: str | None = None,
                   nlp=None):
    """The pipeline over one text, for callers that write records as they come instead of
    holding them all (a long text is processed in pieces, see pipeline.text.pieces):
    (head, pieces). `head` is the DocumentResult without records (the text, its hash, the
    checked dct); `pieces` yields, a piece of the text at a time, a DocumentResult of that
    piece's records in document offsets and ids (its `text` is the piece's)."""
    if not isinstance(text, str):
        raise InputError(f"extract() needs a str, got {type(text).__name__}")
    from .days import validate_dct
    nlp = nlp or _default_nlp()
    text = prepare(text)
    head = DocumentResult(doc_id=doc_id, text=text, text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                          source=source, dct=validate_dct(dct))
    return head, _pieces(nlp, text, doc_id, dct, source, head.dct)


def _pieces(nlp, text: str, doc_id: str, dct: str | None, source: str | None, checked_dct: str | None):
    from .text.pieces import CHUNK_CHARS, Renumbering, split
    if len(text) <= CHUNK_CHARS:
        yield _run(nlp, text, doc_id, dct, source)
        return
    numbering = Renumbering()
    for offset, piece in split(text, CHUNK_CHARS):
        timexes, entities, events, sentences = numbering.shift(offset, _run(nlp, piece, doc_id, dct, source))
        yield DocumentResult(doc_id=doc_id, text=piece, text_sha256="", source=source, dct=checked_dct,
                             timexes=tuple(timexes), entities=tuple(entities), events=tuple(events),
                             sentences=tuple(sentences))


def _run(nlp, text: str, doc_id: str, dct: str | None, source: str | None) -> DocumentResult:
    doc = make_doc(nlp, text, doc_id, dct, source)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_result(doc)
