"""The temporal stage: the table of tests/data/temporal_vi.tsv, the calendar values of
pipeline/temporal/values.py, and the offsets the whole pipeline writes."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from pipeline.temporal.values import duration_granularity, granularity_of, range_of, shift

TABLE = Path(__file__).parent / "data" / "temporal_vi.tsv"
COLUMNS = ("text", "span", "type", "value", "granularity", "dct", "mod", "xfail")


def _rows():
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    assert tuple(reader.fieldnames) == COLUMNS, reader.fieldnames
    params = []
    for number, row in enumerate(reader, 1):
        row = {k: (v or "").strip() for k, v in row.items()}
        label = f"{number:03d}:{row['span'] or '<none>'}"
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row["xfail"] else []
        params.append(pytest.param(row, id=label, marks=marks))
    return params


@pytest.fixture(scope="module")
def sentence_starts():
    """The pipeline's sentence starts after the first, as its temporal stage reads them
    (`sentences(doc)` of the tokenizer's Doc): the tokenizer alone, built once, without
    the tagger and the later stages that `load()` would build too."""
    from spacy.vocab import Vocab

    from pipeline.text.extensions import sentences
    from pipeline.text.tokenizer import UndertheseaTokenizer
    tokenizer = UndertheseaTokenizer(Vocab())

    def starts(text: str) -> list[int]:
        return [s.start_char for s in sentences(tokenizer(text))][1:]
    return starts


def _locate(text: str, span: str) -> tuple[int, int]:
    occurrence = 1
    if "#" in span:
        span, _, n = span.rpartition("#")
        occurrence = int(n)
    start = -1
    for _ in range(occurrence):
        start = text.find(span, start + 1)
        assert start >= 0, f"{span!r} (occurrence {occurrence}) is not in {text!r}"
    return start, start + len(span)


@pytest.fixture(scope="session")
def tagger():
    from pipeline.temporal import TemporalTagger
    return TemporalTagger()


def _show(timexes) -> str:
    return "; ".join(f"{t.text!r}[{t.start}:{t.end}] {t.type} {t.value} {t.granularity} mod={t.mod} ({t.rule_id})"
                     for t in timexes) or "nothing"


@pytest.mark.parametrize("row", _rows())
def test_table(tagger, sentence_starts, row):
    text = row["text"]
    found = tagger.extract(text, sentence_starts(text), row["dct"] or None)
    for t in found:
        assert text[t.start:t.end] == t.text
    if not row["span"]:
        assert not found, f"tagged {_show(found)}"
        return
    if row["span"].startswith("!"):
        s, e = _locate(text, row["span"][1:])
        hits = [t for t in found if t.start < e and s < t.end]
        assert not hits, f"trap {row['span'][1:]!r} overlapped by {_show(hits)}"
        return
    s, e = _locate(text, row["span"])
    same = [t for t in found if (t.start, t.end) == (s, e)]
    assert same, f"expected {row['span']!r}[{s}:{e}], got {_show(found)}"
    t = same[0]
    assert (t.type, t.value or "", t.granularity or "", t.mod or "") == \
        (row["type"], row["value"], row["granularity"], row["mod"]), _show([t])


def test_table_size():
    rows = _rows()
    negatives = [p for p in rows if not p.values[0]["span"] or p.values[0]["span"].startswith("!")]
    assert len(rows) >= 120 and len(negatives) >= 15


def test_extract_is_deterministic_and_ordered(tagger, sentence_starts):
    text = "Ngày 14 tháng 10 năm 1962 máy bay chụp ảnh. Ngày hôm sau, ảnh được trình lên. Đêm đó họ họp."
    first = tagger.extract(text, sentence_starts(text))
    again = tagger.extract(text, sentence_starts(text))
    assert first == again
    assert [t.start for t in first] == sorted(t.start for t in first)
    assert [t.id for t in first] == [f"T{i}" for i in range(1, len(first) + 1)]
    assert first[1].anchor == first[0].id


def test_no_timex_crosses_a_sentence_boundary(tagger, sentence_starts):
    text = "Ông về quê ngày 5.\nTháng 8 năm 1990 ông đi."
    for t in tagger.extract(text, sentence_starts(text)):
        assert "\n" not in t.text


def test_a_travel_post_heads_its_days(tagger):
    """"Ngày 1:", "Ngày 2 ..." opening lines of a travel post are the trip's days, from the
    day the story stands on; "Ngày 26," after a dated day is that day of the month."""
    text = ("Bọn mình đi Hà Giang từ 24/10 đến 27/10/2025. Xe chạy lúc 21h tối 23/10, 5h sáng hôm sau là tới.\n"
            "Ngày 1: thuê xe, chạy lên Cổng trời Quản Bạ.\nNgày 2 đi Đồng Văn, qua đèo Mã Pí Lèng.\n"
            "Ngày 3: dậy từ 4h30 lên Lũng Cú.")
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    days = {t.text: t.value for t in tagger.extract(text, starts, None)}
    assert [days["Ngày 1"], days["Ngày 2"], days["Ngày 3"], days["4h30"]] == [
        "2025-10-24", "2025-10-25", "2025-10-26", "2025-10-26T04:30"]
    history = "Ngày 13 tháng 3 năm 1954, ta nổ súng.\nNgày 26, địch phản kích dữ dội."
    assert [t.value for t in tagger.extract(history, [history.index("Ngày 26")], None)] == ["1954-03-13", "1954-03-26"]


@pytest.mark.parametrize("text, dct, span, value", [
    # a step back that opens a paragraph: the report retells the story from that day
    ("Công an tỉnh hôm qua cho biết đã phá một đường dây buôn lậu.\nTheo cơ quan điều tra, rạng sáng "
     "thứ Bảy tuần trước, tổ công tác đã chặn một xe tải. Tài xế khai nhận được thuê chở hàng.\nCùng ngày, "
     "công an khám xét một kho hàng.", "2026-11-19", "Cùng ngày", "2026-11-14"),
    ("Chiều qua, nhà máy khánh thành dây chuyền mới.\nTối thứ Năm tuần trước, các kỹ sư đã chạy thử máy. "
     "Máy chạy ổn định suốt đêm. Chiều cùng ngày, đoàn kiểm tra đến nhận bàn giao.", "2026-11-19",
     "Chiều cùng ngày", "2026-11-12TAF"),
    # told inside a paragraph, it is an aside: "cùng ngày" is the story's day
    ("Chiều qua, nhà máy khánh thành dây chuyền mới. Theo ban giám đốc, tối thứ Năm tuần trước các kỹ sư "
     "đã chạy thử máy.\nChiều cùng ngày, đoàn kiểm tra đến nhận bàn giao.", "2026-11-19", "Chiều cùng ngày",
     "2026-11-18TAF"),
    ("Hội nghị bế mạc chiều qua (24/11) tại Manila. Phát biểu hôm 23/11, ông Dizon kêu gọi hợp tác. Các "
     "bên ra tuyên bố chung. Lúc 20 giờ cùng ngày, đoàn lên máy bay về nước.", "2026-11-25", "20 giờ cùng ngày",
     "2026-11-24T20:00"),
])
def test_same_day_after_a_step_back(tagger, sentence_starts, text, dct, span, value):
    """"Cùng ngày" after a day further back than the story's: the story's own day when the
    step back was an aside, the day stepped back to when a paragraph opened on it."""
    starts = sorted({*sentence_starts(text), *(i + 1 for i, ch in enumerate(text) if ch == "\n")})
    found = {t.text: t.value for t in tagger.extract(text, starts, dct)}
    assert found.get(span) == value, _show(tagger.extract(text, starts, dct))


def test_dct_anchors_when_the_text_has_no_date(tagger):
    text = "Hôm qua trời mưa."
    assert tagger.extract(text, [], None)[0].value is None
    assert tagger.extract(text, [], "2020-01-01")[0].value == "2019-12-31"
    assert tagger.extract(text, [], "2020-01-01")[0].anchor == "DCT"


# -- values.py ------------------------------------------------------------------

@pytest.mark.parametrize("value, first, last", [
    ("1961", "1961-01-01", "1961-12-31"),
    ("1962-10", "1962-10-01", "1962-10-31"),
    ("2000-02", "2000-02-01", "2000-02-29"),
    ("1962-10-22", "1962-10-22", "1962-10-22"),
    ("1962-10-26TEV", "1962-10-26", "1962-10-26"),
    ("1962-10-26T24:00", "1962-10-26", "1962-10-26"),
    ("1962-SU", "1962-06-01", "1962-08-31"),
    ("1962-WI", "1962-12-01", "1963-02-28"),
    ("2020-Q3", "2020-07-01", "2020-09-30"),
    ("2010-W19", "2010-05-10", "2010-05-16"),
    ("196", "1960-01-01", "1969-12-31"),
    ("19", "1900-01-01", "1999-12-31"),
    ("BC0208", "-0207-01-01", "-0207-12-31"),
    ("BC05", "-0599-01-01", "-0500-12-31"),
    ("1962-10-24/1962-10-25", "1962-10-24", "1962-10-25"),
    ("1428/1789", "1428-01-01", "1789-12-31"),
    ("2005-05/2005-10", "2005-05-01", "2005-10-31"),
])
def test_range_of(value, first, last):
    assert range_of(value) == (first, last)


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "FUTURE_REF", "P3D", "XXXX-10-14", "XX6", "1962-13"])
def test_range_of_unresolved(value):
    assert range_of(value) is None


@pytest.mark.parametrize("value, granularity", [
    ("19", "century"), ("196", "decade"), ("1961", "year"), ("1962-SU", "season"), ("2020-Q3", "quarter"),
    ("1962-10", "month"), ("2010-W19", "week"), ("1962-10-22", "day"), ("1962-10-22TEV", "part_of_day"),
    ("1962-10-22T14:30", "time"), ("BC0208", "year"), ("BC05", "century"), ("BC0040-02-03", "day"),
    ("1962-10-24/1962-10-25", "day"), ("PRESENT_REF", None), ("P3D", None),
])
def test_granularity_of(value, granularity):
    assert granularity_of(value) == granularity


@pytest.mark.parametrize("value, granularity", [
    ("P13D", "day"), ("PXD", "day"), ("P3W", "week"), ("P2M", "month"), ("P30Y", "year"), ("PXDE", "decade"),
    ("P2CE", "century"), ("PT5H", "time"), ("PT2H19M", "time"), ("1962", None), (None, None),
])
def test_duration_granularity(value, granularity):
    assert duration_granularity(value) == granularity


@pytest.mark.parametrize("value, unit, n, out", [
    ("1962-10-14", "D", 1, "1962-10-15"),
    ("1962-10-31", "D", 1, "1962-11-01"),
    ("2000-03-01", "D", -1, "2000-02-29"),
    ("1962-10-27TNI", "D", 1, "1962-10-28"),
    ("1954-05", "M", 2, "1954-07"),
    ("1954-11", "M", 3, "1955-02"),
    ("1962-10-22", "M", -1, "1962-09"),
    ("1998", "Y", -1, "1997"),
    ("1962-10-22", "Y", 1, "1963"),
    ("2010-05-07", "W", 1, "2010-W19"),
    ("1962-10-24/1962-10-25", "D", 1, "1962-10-26"),
    ("1962-10-24/1962-10-25", "D", -1, "1962-10-23"),
])
def test_shift(value, unit, n, out):
    assert shift(value, unit, n) == out


@pytest.mark.parametrize("value, unit", [("1962", "D"), ("1962", "M"), ("196", "Y"), ("PAST_REF", "D")])
def test_shift_needs_precision(value, unit):
    assert shift(value, unit, 1) is None


# -- the whole pipeline -----------------------------------------------------------

FIDELITY = [
    "Ngày 14 tháng 10 năm 1962, máy bay U-2 chụp ảnh.  Ngày hôm sau,\nảnh được trình lên Nhà Trắng.",
    "Năm 1945–1954 là thời kỳ kháng chiến; từ tháng 3 đến tháng 5 năm 1954 chiến dịch diễn ra 🎉.",
    "Tết Mậu Thân 1968\n\ntối ngày 30 tháng 1, trong vòng vài ngày tới, lúc 14 giờ 30.",
]


@pytest.mark.parametrize("text", FIDELITY)
def test_pipeline_keeps_offsets(run, text):
    result = run(text)
    assert result.text == text
    assert result.timexes
    for t in result.timexes:
        assert t.text == result.text[t.start:t.end]
    for t in result.to_dict()["timexes"]:
        assert t["text"] == text[t["start"]:t["end"]]


def test_history_read_with_a_document_date_keeps_its_years(tagger, sentence_starts):
    """A document date must not pull a story set long before it into its own year: the
    reference text read with --dct 2026-11-26 keeps every date in 1961-1963."""
    from tests.conftest import ROOT
    text = (ROOT / "corpus" / "cuban_missile_crisis.txt").read_text(encoding="utf-8")
    found = tagger.extract(text, sentence_starts(text), "2026-11-26")
    years = {t.value[:4] for t in found if t.value and t.value[:4].isdigit()}
    assert years and years <= {"1961", "1962", "1963"}, years


# --- every value is a TIMEX3 value (TimeML 1.2.1, ISO 8601 with its TIMEX extensions) ----
_Y = r"(?:\d{4}|XXXX|BC\d{4,})"
_DATE = (rf"{_Y}(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-(?:SP|SU|FA|WI)|-Q[1-4]|-(?:W\d\d|WXX)(?:-(?:[1-7]|WE))?)?"
         r"|(?:BC)?\d{2,3}")
_TIME = rf"(?:{_DATE})T(?:MO|MI|AF|EV|NI|DT|\d\d(?::\d\d(?::\d\d)?)?)"
_DURATION = r"P(?:(?:[\d.]+|X)(?:CE|DE|Y|Q|M|W|D))*(?:T(?:(?:[\d.]+|X)[HMS]|(?:[\d.]+|X)MIN)+)?"
_POINT = rf"(?:{_TIME}|{_DATE})"
TIMEX3_VALUE = re.compile(rf"{_POINT}(?:/{_POINT})?|{_DURATION}|PAST_REF|PRESENT_REF|FUTURE_REF")


def _is_timex3(value: str) -> bool:
    return bool(TIMEX3_VALUE.fullmatch(value)) and value != "P"


@pytest.mark.parametrize("value, ok", [
    ("1962-10-22", True), ("1962-10-22TEV", True), ("1969-07-20T20:17", True), ("196", True), ("19", True),
    ("2026-W47-WE", True), ("2025-Q3", True), ("1945-FA", True), ("BC0257", True), ("BC05", True),
    ("1946/1954", True), ("PT2H30M", True), ("P13D", True), ("PXDE", True), ("XXXX-09", True),
    ("PAST_REF", True), ("1962-10-22TEVENING", False), ("ngày 5", False), ("P", False),
    ("1962/", False), ("-0257", False),
])
def test_the_timex3_pattern(value, ok):
    assert _is_timex3(value) == ok


def test_every_value_is_a_timex3_value(tagger, sentence_starts):
    """The values the table expects, those the tagger gives on every table text, and those of
    the shipped outputs all follow TimeML's value format."""
    values = {row.values[0]["value"] for row in _rows() if row.values[0]["value"]}
    for row in _rows():
        r = row.values[0]
        values.update(t.value for t in tagger.extract(r["text"], sentence_starts(r["text"]), r["dct"] or None)
                      if t.value)
    outputs = Path(__file__).resolve().parents[1] / "outputs"
    for path in outputs.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        values.update(t["value"] for t in data.get("timexes") or () if t.get("value"))
    bad = sorted(v for v in values if not _is_timex3(v))
    assert not bad, bad
    assert len(values) > 250


def test_unmarked_text_is_told_by_its_letters_and_words():
    from pipeline.io.normalize import strip_marks
    from pipeline.temporal.unmarked import is_unmarked
    cues = frozenset({"minh", "tuan", "truoc", "roi", "cua"})
    assert strip_marks("Đêm thứ Sáu tuần trước") == "Dem thu Sau tuan truoc"
    assert strip_marks("Giá 5€, «Ưu đãi»") == "Gia 5€, «Uu dai»"  # same length, other signs kept
    assert is_unmarked("tuan truoc minh di Da Lat roi, vui lam", cues)
    # the same words with their marks, or too few letters, or no common word: read as written
    assert not is_unmarked("tuần trước mình đi Đà Lạt rồi, vui lắm", cues)
    assert not is_unmarked("tuan truoc roi", cues)
    assert not is_unmarked("I went to Da Lat last week with friends", cues)
