"""Reading input files: bytes to NFC text.

`decode(data, path, encoding)` turns the bytes of an input file into NFC text (no
lone surrogates, no leading BOM), or raises InputError with a one-line message that
names the file and the reason:

- a byte-order mark selects UTF-8, UTF-16 or UTF-32;
- a known binary signature, NUL bytes or mostly control characters are refused;
- then UTF-8. A file that is UTF-8 but for a few bytes is refused with the place of
  the first bad byte, not guessed at;
- other bytes are read as Windows-1258 (Vietnamese, with combining tone marks), TCVN3
  (ABC) or VNI, whichever gives well-formed Vietnamese syllables (models/text/
  spelling.tsv); TCVN3 and VNI are converted with models/text/tcvn3.tsv and vni.tsv;
- failing that, as the encoding charset-normalizer finds (a text in another language).

Unicode text that is TCVN3 or VNI shown as Windows-1252 ("ViÖt Nam"), or UTF-8 read as
Windows-1252 ("Viá»‡t Nam"), is repaired when that turns ill-formed Vietnamese into
well-formed Vietnamese. `encoding` forces a Python codec, or `tcvn3` or `vni`.
"""
from __future__ import annotations

import codecs
from types import MappingProxyType

from ..errors import ConfigError, InputError, Messages
from .normalize import nfc
from .orthography import MISREAD_HINTS, SAMPLE, legacy_table, load_spelling

# Byte-order marks, UTF-32 first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
# Leading bytes of file formats that end up named .txt.
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
               (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt document?)"),
               (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls?)"),
               (b"{\\rtf", "an RTF document; save it as plain text"), (b"\x1f\x8b", "a gzip archive"),
               (b"Rar!\x1a\x07", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
               (b"\x7fELF", "an executable program"), (b"SQLite format 3\x00", "an SQLite database"))
# `encoding` names of the legacy font encodings -> their table under models/text/.
_LEGACY_NAMES = MappingProxyType({"tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3",
                                  "vni": "vni", "vni-windows": "vni"})
_LEGACY_LABELS = MappingProxyType({"tcvn3": "TCVN3", "vni": "VNI"})
# Control characters that a text file does not contain, counted in its UTF-8: C0 and DEL
# are single bytes; C1 (U+0080-U+009F) are 0xC2 then 0x80-0x9F, which this table turns
# into "AB" (0xC2 only ever leads a character, so "AB" is never found across two).
_C0_BYTES = bytes([*(c for c in range(0x20) if chr(c) not in "\t\n\r\f\v"), 0x7F])
_C1_MARKS = bytes(ord("A") if b == 0xC2 else ord("B") if 0x80 <= b < 0xA0 else ord(".") for b in range(256))
# Characters that would break a one-line message about a file name -> an escape.
_ESCAPES = MappingProxyType({c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
                             for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]})
# Characters above ASCII that Western European text in Windows-1252 is made of.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœ«»°€–—‘’“”…ß¿¡")
# More control characters than this, and than this share of the text, means a binary file.
_MAX_CONTROLS, _MAX_CONTROL_SHARE = 8, 1 / 50
# A reading of 8-bit bytes is taken when at least _ACCEPT of its marked words are
# well-formed syllables. A TCVN3 or VNI reading with _LEGACY_SUSPECT or more (of at least
# _SUSPECT_MIN_WORDS marked words), under _ACCEPT and better than Windows-1258, is
# refused as a legacy file that does not convert cleanly (if it has no control characters).
_ACCEPT, _LEGACY_SUSPECT, _SUSPECT_MIN_WORDS = 0.8, 0.5, 5
# Unicode text is repaired only when at most _REPAIR_AS_IS of its marked words are
# well-formed as they stand, at least _REPAIR_ACCEPT after the repair, and at least
# _REPAIR_MIN_WORDS words carry marks.
_REPAIR_AS_IS, _REPAIR_ACCEPT, _REPAIR_MIN_WORDS = 0.5, 0.9, 5
# Bytes with at least this many valid multi-byte UTF-8 characters, this many times as
# many as invalid sequences, are damaged UTF-8 rather than another encoding.
_UTF8_MIN_CHARS, _UTF8_MAJORITY = 2, 2
# Windows-1252 characters of 0x80-0x9F -> their byte, to undo a Windows-1252 reading.
_CP1252_BYTES = MappingProxyType({ord(bytes([b]).decode("cp1252")): b for b in range(0x80, 0xA0)
                                  if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})


def check_encoding(encoding: str | None) -> None:
    """A usage error (ConfigError) unless `encoding` names a Python codec, tcvn3 or vni."""
    if not encoding or encoding.strip().lower().replace("_", "-") in _LEGACY_NAMES:
        return
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise ConfigError(f"unknown encoding '{encoding.translate(_ESCAPES)}': name a Python codec such as "
                          "utf-8, utf-16 or cp1258, or tcvn3 or vni") from None


def decode(data: bytes, path: str, encoding: str | None = None, notice=None) -> str:
    """Bytes of an input file -> NFC text, or InputError with the reason. `notice(message)`
    hears of a guess the reader should know about (a text in another 8-bit encoding)."""
    shown = str(path).translate(_ESCAPES)
    legacy = _LEGACY_NAMES.get(encoding.strip().lower().replace("_", "-")) if encoding else None
    if encoding and not legacy:
        return _checked(_forced(data, shown, encoding), shown)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(Messages.E004.format(path=shown, encoding=label,
                                                      reason=_where(data, exc, len(bom)))) from None
            return _checked(_from_legacy(text, legacy) if legacy else _repair(text), shown)
    if legacy:
        return _checked(_forced_legacy(data, shown, legacy), shown)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(Messages.E002.format(path=shown, reason=f"it is {kind}"))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(Messages.E002.format(
            path=shown, reason=f"it contains NUL bytes (the first at offset {nul}): a binary file, or "
                               "UTF-16 without a byte-order mark (then pass --encoding utf-16-le or utf-16-be)"))
    _refuse_controls(len(data) - len(data.translate(None, _C0_BYTES)), len(data), shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, shown, exc)
        return _checked(_read_8bit(data, shown, notice), shown)
    return _checked(_repair(text), shown)


def _where(data: bytes, exc: UnicodeDecodeError, shift: int = 0) -> str:
    """'byte 0xE0 at offset 12 (line 1): invalid continuation byte', offsets in the file."""
    offset = exc.start + shift
    line = data.count(b"\n", 0, offset) + 1
    return f"byte 0x{data[offset]:02X} at offset {offset} (line {line}): {exc.reason}"


def _forced(data: bytes, shown: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        reason = "unknown encoding (name a Python codec such as utf-8, utf-16 or cp1258, or tcvn3 or vni)"
    except UnicodeDecodeError as exc:
        reason = _where(data, exc)
    except ValueError as exc:  # a codec that fails in its own way (idna, unicode_escape)
        reason = str(exc)
    raise InputError(Messages.E004.format(path=shown, encoding=encoding.translate(_ESCAPES), reason=reason))


def _forced_legacy(data: bytes, shown: str, legacy: str) -> str:
    """`encoding` tcvn3 or vni: UTF-8 holds the characters as Windows-1252 shows them, else bytes."""
    try:
        return _from_legacy(data.decode("utf-8"), legacy)
    except UnicodeDecodeError:
        pass
    try:
        return _from_legacy(data.decode("cp1252"), legacy)
    except UnicodeDecodeError as exc:
        raise InputError(Messages.E004.format(path=shown, encoding=_LEGACY_LABELS[legacy],
                                              reason=_where(data, exc))) from None


def _refuse_damaged_utf8(data: bytes, shown: str, exc: UnicodeDecodeError) -> None:
    """UTF-8 with a few bad bytes (cut off, or two encodings mixed) is refused, not guessed at."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    if good >= _UTF8_MIN_CHARS and good >= _UTF8_MAJORITY * bad:
        if bad == 1 and exc.end == len(data):
            reason = f"it ends in the middle of a character at offset {exc.start} (a truncated file?)"
        else:
            reason = (f"{_where(data, exc)}; the rest of the file is UTF-8 ({bad} bad sequence"
                      f"{'s' if bad > 1 else ''} in all), so it is damaged or mixes two encodings")
        raise InputError(Messages.E004.format(path=shown, encoding="UTF-8", reason=reason))


def _read_8bit(data: bytes, shown: str, notice=None) -> str:
    """Not UTF-8: the reading that gives well-formed Vietnamese, else charset-normalizer's."""
    readings = _readings(data[:SAMPLE])
    taken = [r for r in readings if r[0].share >= _ACCEPT]
    if taken:  # the best share, then the more Vietnamese letters; ties go to Windows-1258
        return _decode_reading(data, shown, max(taken, key=lambda r: (r[0].share, r[0].rich))[1])
    _refuse_unclean_legacy(data, shown, readings)
    text, label = _other_encoding(data, shown)
    if notice:
        notice(f"'{shown}': neither UTF-8 nor a Vietnamese encoding; read as {label} "
               "(a guess: pass --encoding to choose)")
    return text


def _readings(head: bytes) -> list[tuple]:
    """(spelling score, legacy table name or None for Windows-1258) of each reading of the
    start of a file that its bytes allow: Windows-1258 first, then TCVN3 and VNI."""
    spelling = load_spelling()
    readings = []
    try:
        readings.append((spelling.score(head.decode("cp1258")), None))
    except UnicodeDecodeError:
        pass
    try:
        western = head.decode("cp1252")
        readings += [(spelling.score(_from_legacy(western, name)), name) for name in _LEGACY_LABELS]
    except UnicodeDecodeError:
        pass
    return readings


def _decode_reading(data: bytes, shown: str, name: str | None) -> str:
    """The whole file in the reading taken on its start: Windows-1258 (`name` None), or
    TCVN3 or VNI by their table."""
    try:
        text = data.decode("cp1258" if name is None else "cp1252")
    except UnicodeDecodeError as exc:  # a byte past the sample that the code page lacks
        raise InputError(Messages.E004.format(path=shown, encoding=_LEGACY_LABELS.get(name, "Windows-1258"),
                                              reason=_where(data, exc))) from None
    return text if name is None else _from_legacy(text, name)


def _refuse_unclean_legacy(data: bytes, shown: str, readings: list[tuple]) -> None:
    """A TCVN3 or VNI reading that is half well-formed, and better than Windows-1258, is a
    legacy file that does not convert cleanly: refused, unless the file has control
    characters (a typed legacy document has none at all)."""
    plain = readings[0][0].share if readings and readings[0][1] is None else 0.0
    for score, name in readings:
        if name and score.total >= _SUSPECT_MIN_WORDS and score.share >= _LEGACY_SUSPECT \
                and score.share > plain and len(data.translate(None, _C0_BYTES)) == len(data):
            raise InputError(Messages.E005.format(path=shown, name=_LEGACY_LABELS[name]))


def _other_encoding(data: bytes, shown: str) -> tuple[str, str]:
    """(text, encoding label) of a file in neither UTF-8 nor a Vietnamese encoding:
    Windows-1252 for Western European text, else the encoding charset-normalizer finds."""
    western = _western(data)
    if western is not None:
        return western, "Windows-1252 (Western European)"
    from charset_normalizer import from_bytes
    match = from_bytes(data).best()
    # without a byte-order mark, a UTF-16/32 guess is how random bytes come out
    if match is None or match.encoding.startswith(("utf_16", "utf_32")):
        raise InputError(Messages.E002.format(path=shown, reason="no text encoding fits its bytes"))
    return str(match), match.encoding


def _western(data: bytes) -> str | None:
    """The bytes as Windows-1252 when every character above ASCII is a Latin-1 letter or
    common punctuation (French, German, Spanish text): charset-normalizer tends to guess a
    Central European code page for short texts of this kind ("très" as "trčs")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = {ch for ch in text if ord(ch) > 0x7F}
    if not high or not all(ch in _WESTERN for ch in high):
        return None
    return text


def _repair(text: str) -> str:
    """Unicode text that is TCVN3, VNI or UTF-8 shown as Windows-1252 -> the text meant."""
    head = text[:SAMPLE]
    if MISREAD_HINTS.isdisjoint(head):
        return text
    spelling = load_spelling()
    as_is = spelling.score(head)
    if as_is.total < _REPAIR_MIN_WORDS or as_is.share > _REPAIR_AS_IS:
        return text
    best, best_share = None, _REPAIR_ACCEPT
    for name in (*_LEGACY_LABELS, "utf-8"):
        fixed = _undo_cp1252(head, head=True) if name == "utf-8" else _from_legacy(head, name)
        score = spelling.score(fixed) if fixed is not None else None
        if score and score.good >= _REPAIR_MIN_WORDS and score.share >= best_share:
            best, best_share = name, score.share
    if best == "utf-8":
        return _undo_cp1252(text) or text
    return _from_legacy(text, best) if best else text


def _undo_cp1252(text: str, head: bool = False) -> str | None:
    """UTF-8 bytes that were read as Windows-1252 -> the UTF-8 text, or None if they were not.
    With `head`, the text is the start of a longer one and may end inside a character."""
    try:
        data = text.translate(_CP1252_BYTES).encode("latin-1")
        return data.decode("utf-8")
    except UnicodeEncodeError:
        return None
    except UnicodeDecodeError as exc:
        return data[:exc.start].decode("utf-8") if head and exc.reason == "unexpected end of data" else None


def _from_legacy(text: str, name: str) -> str:
    """TCVN3 or VNI text, as Windows-1252 shows it -> Unicode."""
    return nfc(text.translate(str.maketrans(legacy_table(name))))


def _checked(text: str, shown: str) -> str:
    """NFC without lone surrogates or a leading BOM; refuse NUL and control-character soup."""
    text = nfc(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise InputError(Messages.E002.format(path=shown, reason="it contains NUL characters (a binary file?)"))
    raw = text.encode("utf-8")
    controls = len(raw) - len(raw.translate(None, _C0_BYTES)) + raw.translate(_C1_MARKS).count(b"AB")
    _refuse_controls(controls, len(text), shown)
    return text


def _refuse_controls(controls: int, length: int, shown: str) -> None:
    if controls > max(_MAX_CONTROLS, length * _MAX_CONTROL_SHARE):
        raise InputError(Messages.E002.format(
            path=shown, reason=f"it is mostly control characters ({controls} of {length}; a binary file?)"))
