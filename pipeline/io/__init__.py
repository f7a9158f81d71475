"""Bytes to text: encodings (UTF-8/16/32, Windows-1258, TCVN3, VNI, other 8-bit text),
Vietnamese orthography (well-formed syllables, legacy tables), NFC and the matching key."""
from .encodings import check_encoding, decode
from .normalize import fold, nfc

__all__ = ["check_encoding", "decode", "fold", "nfc"]
