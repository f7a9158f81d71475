"""Text normalisation: NFC, and a matching key that treats old and new tone-mark
placement ("hoà"/"hòa", "thuý"/"thúy") and case alike.

`fold(text)` has the same length as `text`, so a match found in the folded text
has valid offsets in the text as read; so has `strip_marks(text)`, the text without its tone
marks and diacritics ("Đêm thứ Sáu" -> "Dem thu Sau"), as text typed without them reads.
Decoding input bytes lives in encodings.py.
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


# Open two-vowel groups that take the tone on their second vowel in the modern placement
# ("hoà", "khoẻ", "thuý"); every other open group of two takes it on the first ("mùa").
SECOND_VOWEL_TONED = frozenset({"oa", "oe", "uy"})


def nucleus_start(bare: str) -> int:
    """Where the vowel nucleus of a small-letter, toneless syllable may begin: after the
    consonant-like u of "qu" and i of "gi" (when a vowel follows it), else at 0."""
    return 2 if bare.startswith("qu") or (bare.startswith("gi") and bare[2:3] in VOWELS) else 0


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
    run = _toned_vowel_run(syllable, bare)
    if not run:
        return syllable
    pos = _tone_position(bare, run)
    out = bare[:pos] + unicodedata.normalize("NFC", bare[pos] + tones[0]) + bare[pos + 1:]
    return out if len(out) == len(syllable) else syllable


def _toned_vowel_run(syllable: str, bare: str) -> list[int]:
    """The positions of the vowel nucleus of `bare` (the syllable without its tone), or []
    when the syllable is not one group of vowels that already carries the tone (then it is
    not a Vietnamese syllable and is left as it is)."""
    group = [i for i in range(len(bare)) if bare[i] in VOWELS]
    start = nucleus_start(bare)
    run = [i for i in group if i >= start]
    if not run or group[-1] - group[0] + 1 != len(group):
        return []
    if not any(TONES.intersection(unicodedata.normalize("NFD", syllable[i])) for i in group):
        return []
    return run


def _tone_position(bare: str, run: list[int]) -> int:
    """Which vowel of the nucleus `run` takes the tone in the modern placement: the last
    modified vowel; the only vowel; the last vowel before a final consonant; the second of
    an open "oa", "oe", "uy"; the middle one of three; else the first."""
    modified = [i for i in run if bare[i] in MODIFIED]
    if modified:
        return modified[-1]
    if len(run) == 1:
        return run[0]
    if run[-1] + 1 < len(bare):  # followed by a final consonant
        return run[-1]
    if len(run) == 2 and bare[run[0]:run[0] + 2] in SECOND_VOWEL_TONED:
        return run[1]
    return run[-2] if len(run) == 3 else run[0]


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


def strip_marks(text: str) -> str:
    """The text without tone marks or diacritics, case kept ("Đêm thứ Sáu" -> "Dem thu
    Sau"); a precomposed letter becomes its Latin base, every other character stays, so the
    length is the input's (of NFC text, which holds no loose combining marks to speak of)."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d" if ch == "đ" else "D")
        elif ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(base if base.isascii() else ch)
    return "".join(out)
