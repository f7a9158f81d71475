"""Every custom attribute of Doc, Span and Token, registered once and early."""
from __future__ import annotations

from spacy.tokens import Doc, Token


def register_extensions() -> None:
    for name, default in (("doc_id", None), ("source", None), ("dct", None),
                          ("timexes", None), ("entities", None), ("events", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("chunk", "crf_ner"):
        if not Token.has_extension(name):
            Token.set_extension(name, default="")
