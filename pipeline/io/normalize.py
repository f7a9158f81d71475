"""Text normalisation: NFC, and a matching key that treats old and new tone-mark
placement ("hoà"/"hòa", "thuý"/"thúy") and case alike.

`fold(text)` has the same length as `text`, so a match found in the folded text
has valid offsets in the text as read. Decoding input bytes lives in encodings.py.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below).
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowel letters that carry a modifier (circumflex, breve, horn) attract the tone mark.
MODIFIED = frozenset("âăêôơư")
VOWELS = frozenset("aăâeêioôơuưy")
# Latin letters that the Vietnamese alphabet does not use.
FOREIGN = frozenset("fjwz")


def nfc(text: str) -> str:
    """NFC, with any lone surrogate (no UTF-8 file or JSON can hold one) replaced by U+FFFD."""
    text = unicodedata.normalize("NFC", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


@lru_cache(maxsize=1 << 16)  # syllables repeat: each is worked out once per process
def _place_tone(syllable: str) -> str:
    """Move the tone of one lower-case NFC syllable to the modern position."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in decomposed if ch in TONES]
    if len(tones) != 1:  # no tone, or not one Vietnamese syllable: leave it as it is
        return syllable
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    if len(bare) != len(syllable):
        return syllable
    # the vowel nucleus, skipping the consonant-like u of "qu" and i of "gi"
    start = 0
    if bare.startswith("qu") or (bare.startswith("gi") and len(bare) > 2 and bare[2] in VOWELS):
        start = 2
    group = [i for i in range(len(bare)) if bare[i] in VOWELS]
    run = [i for i in group if i >= start]
    # one group of vowels, which already carries the tone (else not a Vietnamese syllable)
    if not run or group[-1] - group[0] + 1 != len(group) or not any(
            TONES.intersection(unicodedata.normalize("NFD", syllable[i])) for i in group):
        return syllable
    modified = [i for i in run if bare[i] in MODIFIED]
    if modified:
        pos = modified[-1]
    elif len(run) == 1:
        pos = run[0]
    elif run[-1] + 1 < len(bare):  # followed by a final consonant
        pos = run[-1]
    elif len(run) == 2 and bare[run[0]:run[0] + 2] in ("oa", "oe", "uy"):
        pos = run[1]
    else:
        pos = run[-2] if len(run) == 3 else run[0]
    out = bare[:pos] + unicodedata.normalize("NFC", bare[pos] + tones[0]) + bare[pos + 1:]
    return out if len(out) == len(syllable) else syllable


def fold(text: str) -> str:
    """Lower-case, modern tone placement; same length as the input."""
    lower = text.lower()
    if len(lower) != len(text):  # a rare character whose lower case is longer
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    out, word = [], []
    for ch in lower:
        if ch.isalpha():
            word.append(ch)
            continue
        if word:
            out.append(_place_tone("".join(word)))
            word = []
        out.append(ch)
    if word:
        out.append(_place_tone("".join(word)))
    return "".join(out)
