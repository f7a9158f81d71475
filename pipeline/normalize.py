"""Text normalisation: decoding of input bytes, NFC, and a matching key that treats
old and new tone-mark placement ("hoà"/"hòa", "thuý"/"thúy") and case alike.

`fold(text)` has the same length as `text`, so a match found in the folded text
has valid offsets in the text as read.
"""
from __future__ import annotations

import codecs
import unicodedata

from .errors import InputError, Messages

# Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowel letters that carry a modifier (circumflex, breve, horn) attract the tone mark.
_MODIFIED = frozenset("âăêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")
# A byte sequence typical of the TCVN3 (ABC) and VNI legacy font encodings when read as cp1252.
_LEGACY_HINTS = {"TCVN3": ("¬", "µ", "¸", "¶", "·", "¹", "Ò", "Ó", "ë", "®"),
                 "VNI": ("aù", "aø", "eá", "oà", "öô", "ñ", "Ñ", "ö")}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _place_tone(syllable: str) -> str:
    """Move the tone of one lower-case NFC syllable to the modern position."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((ch for ch in decomposed if ch in _TONES), None)
    if tone is None:
        return syllable
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    # the vowel nucleus, skipping the consonant-like u of "qu" and i of "gi"
    start = 0
    if bare.startswith("qu") or (bare.startswith("gi") and len(bare) > 2 and bare[2] in _VOWELS):
        start = 2
    idx = [i for i in range(start, len(bare)) if bare[i] in _VOWELS]
    if not idx:
        return syllable
    # vowels must be contiguous
    run = [idx[0]]
    for i in idx[1:]:
        if i == run[-1] + 1:
            run.append(i)
    modified = [i for i in run if bare[i] in _MODIFIED]
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
    out = bare[:pos] + unicodedata.normalize("NFC", bare[pos] + tone) + bare[pos + 1:]
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


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes of an input file -> NFC text, or InputError with the reason."""
    if encoding:
        try:
            return nfc(data.decode(encoding))
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(Messages.E004.format(path=path, encoding=encoding, reason=exc)) from None
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="strict"), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError as exc:
            raise InputError(Messages.E004.format(path=path, encoding="utf-16", reason=exc)) from None
    if b"\x00" in data[:4096]:
        raise InputError(Messages.E002.format(path=path, reason="it contains NUL bytes (a binary file?)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess(data, path)
    return _checked(text, path)


def _guess(data: bytes, path: str) -> str:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        for name, hints in _LEGACY_HINTS.items():
            if sum(text.count(h) for h in hints) > max(3, len(text) // 200):
                raise InputError(Messages.E005.format(path=path, name=name))
        vietnamese = sum(1 for ch in nfc(text) if "\u1ea0" <= ch <= "\u1ef9" or ch in "đĐăĂơƠưƯ")
        if vietnamese:
            return text
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise InputError(Messages.E002.format(path=path, reason="no text encoding fits its bytes"))
    return str(best)


def _checked(text: str, path: str) -> str:
    text = nfc(text)
    controls = sum(1 for ch in text[:10000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:10000]) // 50):
        raise InputError(Messages.E002.format(path=path, reason="it is mostly control characters (a binary file?)"))
    # lone surrogates cannot be written as UTF-8 JSON
    return text.encode("utf-8", errors="replace").decode("utf-8") if any(
        "\ud800" <= ch <= "\udfff" for ch in text) else text
