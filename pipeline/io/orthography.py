"""What Vietnamese words look like, for telling encodings apart: the letters of the
alphabet, which vowels may follow which and the final consonants (models/text/spelling.tsv),
a score of how many marked words of a reading are well-formed syllables, and the legacy
TCVN3 and VNI byte tables (models/text/tcvn3.tsv, vni.tsv). Used by encodings.py.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import ResourceError
from .normalize import FOREIGN, MODIFIED, TONES, VOWELS, nfc, nucleus_start

# Encodings are told apart on the start of the text only.
SAMPLE = 50_000


def _letter_table() -> dict[str, tuple[str, bool]]:
    """Each non-ASCII letter of the Vietnamese alphabet -> (small letter without tone, toned)."""
    table = {"đ": ("đ", False), "Đ": ("đ", False)}
    for base in VOWELS:
        for tone in ("", *sorted(TONES)):
            for letter in (base, base.upper()):
                ch = unicodedata.normalize("NFC", letter + tone)
                if len(ch) == 1 and not ch.isascii():
                    table[ch] = (base, bool(tone))
    return table


_LETTERS = MappingProxyType(_letter_table())
# The modified vowels and đ, with or without a tone: far commoner in Vietnamese than
# in any other language written in Latin letters.
_RICH = frozenset(ch for ch, (base, _) in _LETTERS.items() if base in MODIFIED or base == "đ")
# Vowels that end a group of two or more as a glide (ai, ao, iu, ươi): no final consonant follows.
_GLIDES = frozenset("iou")
# Latin-1 characters that are not Vietnamese letters: Unicode text with none of them is
# not a misread legacy or UTF-8 file.
MISREAD_HINTS = frozenset(chr(c) for c in range(0xA1, 0x100)) - set(_LETTERS)


@dataclass(frozen=True, slots=True)
class _Score:
    """Of the words of a text that hold a non-ASCII character: how many there are, how many
    are well-formed syllables, and how many of those hold ă â ê ô ơ ư or đ (which breaks
    ties between short readings, "mét sè" in Windows-1258 against "một số" in TCVN3)."""
    total: int
    good: int
    rich: int

    @property
    def share(self) -> float:
        return self.good / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class _Spelling:
    """The spelling rules of models/text/spelling.tsv."""
    follows: MappingProxyType  # vowel -> the vowels it may follow in one syllable
    finals: frozenset[str]

    def score(self, text: str) -> _Score:
        total = good = rich = 0
        for word in _words(nfc(text[:SAMPLE])):
            if not word.isascii():
                total += 1
                if self.well_formed(word):
                    good += 1
                    rich += not _RICH.isdisjoint(word)
        return _Score(total, good, rich)

    def well_formed(self, word: str) -> bool:
        """Could `word` be one written Vietnamese syllable? Letters of the alphabet only, no
        capital after a small one, đ only first, one vowel group whose vowels may follow
        each other, a final consonant only after a group that takes one, and at most one
        tone, on the modified vowel if there is one."""
        letters = _alphabet_letters(word)
        if letters is None:
            return False
        bare = "".join(base for base, _ in letters)
        toned = [base for base, tone in letters if tone]
        if not _letters_in_place(word, bare, toned):
            return False
        parts = _vowel_group(bare)
        if parts is None:
            return False
        group, final = parts
        return self._spelled(group, final) and _tone_on_modified(toned, group)

    def _spelled(self, group: str, final: str) -> bool:
        """The vowels of `group` may follow each other, and `final` (if any) is a final
        consonant after a group that takes one."""
        if any(a not in self.follows[b] for a, b in zip(group, group[1:])):
            return False
        if final and (final not in self.finals or (len(group) > 1 and group[-1] in _GLIDES)):
            return False  # a group that ends in a glide (ai, ao, iu, ươi) takes no final
        return True


def _alphabet_letters(word: str) -> list[tuple[str, bool]] | None:
    """(small letter without tone, toned) of each character of `word`, or None if one is
    not a letter of the Vietnamese alphabet."""
    letters = []
    for ch in word:
        if ch.isascii() and ch.lower() not in FOREIGN:
            letters.append((ch.lower(), False))
        elif ch in _LETTERS:
            letters.append(_LETTERS[ch])
        else:
            return None
    return letters


def _letters_in_place(word: str, bare: str, toned: list[str]) -> bool:
    """đ only first, at most one tone, and no capital after a small letter."""
    return not ("đ" in bare[1:] or len(toned) > 1
                or any(a.islower() and b.isupper() for a, b in zip(word, word[1:])))


def _vowel_group(bare: str) -> tuple[str, str] | None:
    """(vowel group, final consonants) of a small-letter, toneless word, or None unless its
    nucleus is one run of vowels."""
    vowels = [i for i in range(nucleus_start(bare), len(bare)) if bare[i] in VOWELS]
    if not vowels or vowels[-1] - vowels[0] + 1 != len(vowels):
        return None
    return bare[vowels[0]:vowels[-1] + 1], bare[vowels[-1] + 1:]


def _tone_on_modified(toned: list[str], group: str) -> bool:
    """A tone, if any, sits on the modified vowel when the group has one."""
    return not (toned and toned[0] not in MODIFIED and MODIFIED.intersection(group))


def _words(text: str):
    """Runs of letters, combining marks, and the Latin-1 signs that legacy fonts use as letters."""
    word: list[str] = []
    for ch in text:
        if ch.isalpha() or (not ch.isascii() and ("\u00a1" <= ch <= "\u00bf" or ch in "×÷"
                                                  or unicodedata.category(ch)[0] == "M")):
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def _table_rows(name: str):
    """(path, line number, tab-separated fields) of the data lines of models/text/<name>.tsv."""
    from ..resources import default_models_dir, table_rows
    path = default_models_dir() / "text" / f"{name}.tsv"
    return [(path, number, fields) for number, fields in table_rows(path)]


def legacy_table(name: str) -> dict[str, str]:
    """models/text/<name>.tsv: {the character a byte shows as in Windows-1252: its replacement}."""
    table: dict[str, str] = {}
    for path, number, fields in _table_rows(name):
        try:
            byte = int(fields[0], 16) if fields[0].startswith("0x") and len(fields) >= 2 else -1
            key = bytes([byte]).decode("cp1252") if 0x80 <= byte <= 0xFF else ""
            points = fields[1].split() if key else []
            if not points or not all(p.startswith("U+") for p in points):
                raise ValueError
            value = "".join(chr(int(p[2:], 16)) for p in points)
        except (ValueError, UnicodeDecodeError):
            raise ResourceError(path, line=number, reason="expected '0xHH<TAB>U+XXXX[ U+XXXX]<TAB>note', "
                                                          "a byte 0x80-0xFF that Windows-1252 defines") from None
        if key in table:
            raise ResourceError(path, line=number, reason=f"byte {fields[0]} is listed twice")
        table[key] = value
    return table


def load_spelling() -> _Spelling:
    follows: dict[str, frozenset[str]] = {}
    finals: set[str] = set()
    for path, number, fields in _table_rows("spelling"):
        kind, first, rest = fields[0], fields[1] if len(fields) > 1 else "", fields[2:]
        if kind == "follows" and first in VOWELS and first not in follows and len(rest) <= 1 \
                and set("".join(rest)) <= VOWELS:
            follows[first] = frozenset("".join(rest))
        elif kind == "final" and first.isalpha() and not rest and not VOWELS.intersection(first):
            finals.add(first)
        else:
            raise ResourceError(path, line=number, reason="expected 'follows<TAB>vowel<TAB>vowels' "
                                                          "(once per vowel) or 'final<TAB>consonants'")
    if set(follows) != VOWELS or not finals:
        raise ResourceError(path, reason=f"needs a 'follows' line for each of {''.join(sorted(VOWELS))} "
                                         "and at least one 'final'")
    return _Spelling(MappingProxyType(follows), frozenset(finals))
