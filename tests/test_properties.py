"""Properties that hold for any input (hypothesis): `extract` never raises and every
span is a slice of the text as read; `fold` keeps the length; `decode` returns NFC text
that can be written as UTF-8 JSON, or refuses with an InputError."""
from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.io.encodings import decode
from pipeline.io.normalize import fold
from tests.conftest import ROOT

# Real prose to cut pieces from, so that the pipeline meets dates, names and triggers
# and not only noise. Read from the corpus, not written here.
PROSE = (ROOT / "corpus" / "cuban_missile_crisis.txt").read_text(encoding="utf-8")


@st.composite
def documents(draw):
    """Pieces of real prose, with arbitrary Unicode (combining marks, emoji, controls,
    other scripts, odd whitespace) in and around them."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            start = draw(st.integers(0, len(PROSE) - 1))
            parts.append(PROSE[start:start + draw(st.integers(0, 160))])
        else:
            parts.append(draw(st.text(max_size=40)))
    return "".join(parts)


def _spans(result):
    record = result.to_dict()
    yield from record["timexes"]
    yield from record["entities"]
    for event in record["events"]:
        yield event["trigger"]
        yield event["sentence"]


# Any code point, lone surrogates included (a str from Python code may hold them).
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(documents(), st.text(alphabet=ANY_CHAR, max_size=200)))
def test_extract_never_raises_and_spans_are_slices(run, text):
    result = run(text)
    document = result.text
    assert unicodedata.is_normalized("NFC", document)
    assert len(document) == len(unicodedata.normalize("NFC", text))
    for span in _spans(result):
        assert 0 <= span["start"] <= span["end"] <= len(document)
        assert span["text"] == document[span["start"]:span["end"]], span
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_keeps_the_length(text):
    assert len(fold(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_fold_is_stable(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=100).map(lambda t: t.encode("utf-8")),
                 st.text(max_size=100).map(lambda t: t.encode("utf-16"))))
def test_decode_gives_nfc_utf8_text_or_an_input_error(data):
    try:
        text = decode(data, "doc.txt")
    except InputError as exc:
        assert str(exc).startswith("'doc.txt' ") and "\n" not in str(exc)
        return
    assert unicodedata.is_normalized("NFC", text)
    assert "\x00" not in text and not text.startswith("\ufeff")
    json.dumps(text, ensure_ascii=False).encode("utf-8")  # no lone surrogates


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\ufeff"),
               max_size=100))
def test_utf8_text_without_latin1_signs_reads_back_unchanged(text):
    """Only text holding Latin-1 signs or letters foreign to Vietnamese is ever repaired."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if not "\u00a1" <= ch <= "\u00ff")
    assert decode(text.encode("utf-8"), "doc.txt") == unicodedata.normalize("NFC", text)
