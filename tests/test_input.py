"""Reading input files (pipeline/io/encodings.py): encodings, the legacy Vietnamese font
encodings, tone-mark placement in `fold`, and broken or hostile files, from `decode`
up to one `vnevents run` over a batch of good and bad files."""
from __future__ import annotations

import codecs
import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.io.encodings import decode
from pipeline.io.normalize import fold
from pipeline.resources import default_models_dir

EXE = str(Path(sys.executable).with_name("vnevents"))
TONES = "\u0300\u0301\u0303\u0309\u0323"

# Samples: each legacy text is written as the characters its bytes show in Windows-1252,
# next to the Unicode text it stands for. The TCVN3 and VNI lines are the heading of
# Vietnamese official documents, as such files show it.
HANOI = "Hà Nội"
SENTENCE = "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập tại Ba Đình."
TCVN3 = ("Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc",
         "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc")
VNI = ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc",
       "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc")
FRENCH = "Le président a déclaré à la presse qu'il était très satisfait."
SIGNS = "«Hà Nội» 35°C, ½ ngày, © 2024"
ESCAPES = "Ký hiệu \x1b[1m đậm \x1b[0m"
OLD_TCVN3 = "Ngµy 2 th¸ng 9 n¨m 1945, Hå ChÝ Minh ®äc Tuyªn ng«n ®éc lËp."  # Ngày 2 tháng 9 năm 1945


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: letters with their circumflex, breve or horn
    precomposed, tone marks as combining characters after them ("Hà" = H a U+0300)."""
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


def misread(text: str) -> str:
    """UTF-8 text whose bytes were shown as Windows-1252 (a byte it lacks as Latin-1)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def random_bytes(n: int = 2000, seed: int = 7, low: int = 1) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(n))  # no NUL: that case is tested apart


DECODED = [
    pytest.param(HANOI.encode("utf-8"), HANOI, id="utf-8"),
    pytest.param(HANOI.encode("utf-8-sig"), HANOI, id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + HANOI.encode("utf-16-le"), HANOI, id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + HANOI.encode("utf-16-be"), HANOI, id="utf-16-be-bom"),
    pytest.param(HANOI.encode("utf-32"), HANOI, id="utf-32-bom"),
    pytest.param(unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), SENTENCE, id="utf-8-nfd"),
    pytest.param(cp1258(HANOI), HANOI, id="cp1258-decomposed"),
    pytest.param(cp1258(SENTENCE), SENTENCE, id="cp1258-sentence"),
    pytest.param(TCVN3[0].encode("cp1252"), TCVN3[1], id="tcvn3"),
    pytest.param(VNI[0].encode("cp1252"), VNI[1], id="vni"),
    pytest.param("Hµ Néi".encode("cp1252"), HANOI, id="tcvn3-short"),
    pytest.param(TCVN3[0].encode("utf-8"), TCVN3[1], id="tcvn3-pasted-as-unicode"),
    pytest.param(codecs.BOM_UTF16_LE + VNI[0].encode("utf-16-le"), VNI[1], id="vni-saved-as-utf-16"),
    pytest.param(misread(TCVN3[1]).encode("utf-8"), TCVN3[1], id="utf-8-read-as-cp1252"),
    pytest.param(FRENCH.encode("cp1252"), FRENCH, id="cp1252-french"),
    pytest.param(FRENCH.encode("utf-8"), FRENCH, id="utf-8-french-untouched"),
    pytest.param(SIGNS.encode("utf-8"), SIGNS, id="latin-1-signs-untouched"),
    pytest.param(ESCAPES.encode("utf-8"), ESCAPES, id="few-controls"),
    pytest.param(b"", "", id="empty"),
    pytest.param(codecs.BOM_UTF8, "", id="bom-only"),
]


@pytest.mark.parametrize("data, expected", DECODED)
def test_decode(data, expected):
    text = decode(data, "doc.txt")
    assert text == expected
    assert unicodedata.is_normalized("NFC", text)


REFUSED = [
    pytest.param(b"abc\x00def", "NUL bytes (the first at offset 3)", id="nul"),
    pytest.param(HANOI.encode("utf-16-le"), "UTF-16 without a byte-order mark", id="utf-16-no-bom"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "it is a PNG image", id="png"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "it is a PDF document", id="pdf"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (a .docx", id="docx"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Microsoft Office document", id="doc"),
    pytest.param(random_bytes(), "is not text: it is mostly control characters", id="random-bytes"),
    pytest.param(random_bytes(40, seed=8), "is not text", id="random-bytes-short"),
    pytest.param(random_bytes(low=0x80), "is not text: no text encoding fits its bytes", id="random-high-bytes"),
    pytest.param(bytes(range(1, 32)) * 20, "mostly control characters", id="control-characters"),
    pytest.param("Việt Nam, Hà Nội".encode("utf-8")[:-3], "ends in the middle of a character",
                 id="truncated-utf-8"),
    pytest.param("Việt Nam, Hà Nội".encode("utf-8").replace(b"Nam", b"N\xe0m"),
                 "byte 0xE0 at offset 8 (line 1)", id="utf-8-with-a-cp1258-byte"),
    pytest.param(codecs.BOM_UTF16_LE + b"H\x00\x00\xd8", "could not be decoded as UTF-16", id="utf-16-lone-surrogate"),
    pytest.param("Céng hoµ x· héi chñ nghÜa µµµ ¸¸¸ ¹¹¹ ¶¶¶".encode("cp1252"),
                 "legacy Vietnamese font encoding (TCVN3)", id="tcvn3-that-does-not-convert"),
]


@pytest.mark.parametrize("data, fragment", REFUSED)
def test_refused(data, fragment):
    with pytest.raises(InputError) as info:
        decode(data, "in/bad.txt")
    message = str(info.value)
    assert message.startswith("'in/bad.txt' ")
    assert fragment in message
    assert "\n" not in message


@pytest.mark.parametrize("data, encoding, expected", [
    pytest.param(HANOI.encode("utf-16-le"), "utf-16-le", HANOI, id="utf-16-le"),
    pytest.param(cp1258(HANOI), "windows-1258", HANOI, id="cp1258-to-nfc"),
    pytest.param("Hµ Néi".encode("cp1252"), "tcvn3", HANOI, id="tcvn3"),
    pytest.param("Hµ Néi".encode("utf-8"), "TCVN3", HANOI, id="tcvn3-pasted-as-unicode"),
    pytest.param("Haø Noäi".encode("cp1252"), "vni", HANOI, id="vni"),
    pytest.param(b"a\\ud800b", "unicode_escape", "a\ufffdb", id="lone-surrogate-replaced"),
    pytest.param(HANOI.encode("utf-8-sig"), "utf-8", HANOI, id="bom-dropped"),
])
def test_forced_encoding(data, encoding, expected):
    assert decode(data, "doc.txt", encoding) == expected


@pytest.mark.parametrize("data, encoding, fragment", [
    (b"abc", "no-such-codec", "unknown encoding"),
    (b"ab\xffc", "utf-8", "could not be decoded as utf-8: byte 0xFF at offset 2 (line 1)"),
    (b"\x81", "vni", "could not be decoded as VNI"),
])
def test_forced_encoding_refused(data, encoding, fragment):
    with pytest.raises(InputError, match="^'doc.txt' ") as info:
        decode(data, "doc.txt", encoding)
    assert fragment in str(info.value)


def test_message_stays_on_one_line_for_a_hostile_file_name():
    with pytest.raises(InputError) as info:
        decode(b"\x00", "evil\nname\r.txt")
    assert "\n" not in str(info.value) and "\r" not in str(info.value)
    assert "evil\\x0aname\\x0d.txt" in str(info.value)


def test_decoded_text_is_valid_utf_8_json():
    for data, encoding in [(b"\\udc80\\ud800x", "unicode_escape"), (b"+2D8-", "utf-7")]:
        text = decode(data, "doc.txt", encoding)
        json.dumps(text, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate


def _table(name: str) -> dict[int, str]:
    """byte -> replacement, read straight from the documented table."""
    rows = {}
    for line in (default_models_dir() / "text" / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            byte, points = line.split("\t")[:2]
            rows[int(byte, 16)] = "".join(chr(int(p[2:], 16)) for p in points.split())
    return rows


def _vietnamese_letters(upper: bool) -> set[str]:
    letters = {"Đ" if upper else "đ"}
    for vowel in "aăâeêioôơuưy":
        for tone in ("", *TONES):
            letters.add(unicodedata.normalize("NFC", (vowel.upper() if upper else vowel) + tone))
    return letters - set("AEIOUYaeiouy")


def test_tcvn3_table_covers_every_small_letter_once():
    table = _table("tcvn3")
    small = [v for v in table.values() if v.islower()]
    assert sorted(small) == sorted(_vietnamese_letters(upper=False))
    assert {v for v in table.values() if v.isupper()} == set("ĂÂÊÔƠƯĐ")
    text = decode(bytes(table), "doc.txt", "tcvn3")
    assert text == "".join(table[b] for b in table)


@pytest.mark.parametrize("upper", [False, True], ids=["small", "capital"])
def test_vni_spells_every_letter(upper):
    """Spell each letter the VNI way from the table (base letter, then the mark byte
    standing for its modifier and tone, or its own byte) and read it back."""
    table = _table("vni")
    singles = {v: b for b, v in table.items() if not unicodedata.combining(v[0])}
    marks = {(v, bytes([b]).decode("cp1252").isupper()): b for b, v in table.items() if unicodedata.combining(v[0])}
    for letter in sorted(_vietnamese_letters(upper)):
        if letter in singles:
            spelled = bytes([singles[letter]])
        else:
            nfd = unicodedata.normalize("NFD", letter)
            tone = "".join(c for c in nfd if c in TONES)
            rest = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            if rest in singles:  # ơ, ư with a tone
                spelled = bytes([singles[rest], marks[(tone, upper)]])
            else:
                base, modifier = nfd[0], "".join(c for c in nfd[1:] if c not in TONES)
                spelled = base.encode() + bytes([marks[(modifier + tone, upper)]])
        assert decode(spelled, "doc.txt", "vni") == letter, (letter, spelled)


@pytest.mark.parametrize("old, new", [("hòa", "hoà"), ("thúy", "thuý"), ("khỏe", "khoẻ"), ("Hóa", "hoá"),
                                      ("qúy", "quý"), ("Thủy", "THUỶ"), ("ngừơi", "người"),
                                      ("khủyu", "khuỷu")])
def test_fold_treats_old_and_new_tone_placement_alike(old, new):
    assert fold(old) == fold(new)
    assert len(fold(old)) == len(old) and len(fold(new)) == len(new)


@pytest.mark.parametrize("word", ["mớmớ", "Nụũi", "alé", "Pétain", "ǹa", "İstanbul", "giường", "quốc"])
def test_fold_does_not_drop_or_move_marks_in_what_is_not_one_syllable(word):
    folded = fold(word)
    assert len(folded) == len(word)
    assert sorted(c for c in unicodedata.normalize("NFD", folded) if c in TONES) == \
        sorted(c for c in unicodedata.normalize("NFD", word) if c in TONES)


def test_fold_offsets_point_into_the_text_as_read():
    text = "Chính phủ Hòa Bình và thúy sơn khỏe mạnh"
    start = fold(text).index(fold("hoà bình"))
    assert text[start:start + len("hoà bình")] == "Hòa Bình"


def test_cli_batch_of_good_and_bad_files(tmp_path):
    """One run over good, empty, legacy and bad files: exit 1, the good ones written,
    each bad one reported in one stderr line without a traceback and listed in the
    timeline with its error."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "good.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "old_tcvn3.txt").write_bytes(OLD_TCVN3.encode("cp1252"))
    (src / "windows1258.txt").write_bytes(cp1258(SENTENCE + "\n"))
    bad = {"image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
           "noise.txt": (random_bytes(), "is not text"),
           "huge.txt": ((SENTENCE + "\n").encode("utf-8") * 40, "over the limit of 2000 bytes (see --max-bytes)")}
    for name, (data, _) in bad.items():
        (src / name).write_bytes(data)
    proc = subprocess.run([EXE, "run", str(src), "--out", str(out), "--max-bytes", "2000"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for name, (_, reason) in bad.items():
        lines = [line for line in proc.stderr.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], proc.stderr
        assert not (out / name.replace(".txt", ".json")).exists()
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")
               if not p.name.startswith("timeline")}
    assert set(records) == {"good", "empty", "old_tcvn3", "windows1258"}
    assert records["empty"]["timexes"] == records["empty"]["events"] == []
    for doc_id in ("good", "old_tcvn3", "windows1258"):
        assert [t["value"] for t in records[doc_id]["timexes"]][:1] == ["1945-09-02"], doc_id
    assert records["old_tcvn3"]["timexes"][0]["text"] == "Ngày 2 tháng 9 năm 1945"
    assert records["windows1258"]["text_sha256"] == records["good"]["text_sha256"]
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    errors = {d["doc_id"]: d["error"] for d in timeline["documents"]}
    assert {k for k, v in errors.items() if v} == {"image", "noise", "huge"}
    for name, (_, reason) in bad.items():
        assert reason in errors[name[:-4]] and name in errors[name[:-4]]


@pytest.mark.parametrize("given, day", [
    ("2026-11-23", "2026-11-23"),
    ("23/11/2026", "2026-11-23"),  # day first, as Vietnamese writes it
    ("12/03/2026", "2026-03-12"),
    ("Thứ Hai, 23/11/2026 10:30 GMT+7", "2026-11-23"),
    ("ngày 5 tháng 3 năm 2026", "2026-03-05"),
    ("March 5, 2026", "2026-03-05"),
    ("5.3.2026", "2026-03-05"),
])
def test_document_date_in_free_form(given, day):
    from pipeline.days import validate_dct
    assert validate_dct(given) == day


@pytest.mark.parametrize("given", ["hôm qua", "nonsense", "2026-02-30", "30/02/2026", "26/13/2026", "tháng 3"])
def test_document_date_refused(given):
    from pipeline.days import validate_dct
    from pipeline.errors import ConfigError
    with pytest.raises(ConfigError, match="expected YYYY-MM-DD"):
        validate_dct(given)
