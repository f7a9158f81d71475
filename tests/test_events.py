"""Event triggers, types, arguments, modality and dates on sentences written for these tests."""
from __future__ import annotations

import pytest


def _events(run, text, dct=None):
    return [(e.type, e.trigger_text, e.time.value if e.time else None, e.time.basis if e.time else None)
            for e in run(text, dct=dct).events]


@pytest.mark.parametrize("text, expected", [
    ("Ngày 5 tháng 8 năm 1963, Hoa Kỳ, Liên Xô và Vương quốc Anh ký Hiệp ước cấm thử hạt nhân.",
     [("Contact.Agreement", "ký", "1963-08-05", "explicit")]),
    ("Năm 1010, vua Lý Thái Tổ dời đô từ Hoa Lư ra Thăng Long.",
     [("Movement.Transport", "dời đô", "1010", "explicit")]),
    ("Ngày 14 tháng 10 năm 1962, một máy bay U-2 chụp ảnh các căn cứ tên lửa ở Cuba. "
     "Ngày hôm sau, các bức ảnh được trình lên Nhà Trắng.",
     [("Cognition.Discover", "chụp ảnh", "1962-10-14", "explicit"),
      ("Contact.Phone-Write", "trình", "1962-10-15", "explicit")]),
    ("Ngày 30 tháng 1 năm 1968, quân giải phóng tấn công Sài Gòn. Cùng ngày, Mỹ ném bom Hà Nội. "
     "Hai ngày sau, tướng Westmoreland tuyên bố chiến thắng.",
     [("Conflict.Attack", "tấn công", "1968-01-30", "explicit"), ("Conflict.Attack", "ném bom", "1968-01-30", "explicit"),
      ("Contact.Statement", "tuyên bố", "1968-02-01", "explicit")]),
    ("Quang Trung qua đời năm 1792 tại Phú Xuân.", [("Life.Die", "qua đời", "1792", "explicit")]),
    # a light verb yields to the event it orders
    ("Vào ngày 22 tháng 10 năm 1962, tổng thống ra lệnh phong tỏa Cuba.",
     [("Conflict.Blockade", "phong tỏa", "1962-10-22", "explicit")]),
    # ... but stands when it governs a clause
    ("Ngày 3 tháng 2 năm 1930, hội nghị quyết định rằng các tổ chức sẽ hợp nhất.",
     [("Policy.Decide", "quyết định", "1930-02-03", "explicit")]),
    # two clauses, two events
    ("Ngày 25 tháng 10 năm 1962, một số tàu quay trở lại; những tàu khác bị hải quân ngăn chặn.",
     [("Conflict.Withdraw", "quay trở lại", "1962-10-25", "explicit"),
      ("Conflict.Blockade", "ngăn chặn", "1962-10-25", "explicit")]),
    # a nominal event stands when its clause has no verb trigger
    ("Hội nghị Potsdam diễn ra ở Đức từ tháng 7 năm 1945.", [("Contact.Meet", "Hội nghị", "1945-07", "explicit")]),
    ("Năm 1954, chiến dịch Điện Biên Phủ kết thúc thắng lợi.", [("Conflict.Attack", "chiến dịch", "1954", "explicit")]),
    # no trigger, no event; an undated sentence after a year-only date stays undated
    ("Năm 1961 trời rất lạnh. Người dân gặp nhiều khó khăn.", [("Contact.Meet", "gặp", None, None)]),
])
def test_event_table(run, text, expected):
    assert _events(run, text) == expected


def test_context_date_carries_within_paragraph(run):
    text = ("Ngày 27 tháng 10 năm 1962, một máy bay bị bắn rơi. Tổng thống triệu tập các cố vấn.\n"
            "Chính phủ gửi thư cho Liên hợp quốc.")
    events = _events(run, text)
    assert events == [("Conflict.Attack", "bắn rơi", "1962-10-27", "explicit"),
                      ("Contact.Meet", "triệu tập", "1962-10-27", "context"),
                      ("Contact.Phone-Write", "gửi thư", None, None)]  # a new paragraph: nothing carried


def test_modality_and_negation_are_fields(run):
    text = "Ngày 2 tháng 3 năm 1975, Liên Xô không gửi quân tới Angola. Họ muốn tấn công thành phố."
    evs = run(text).events
    assert [(e.type, e.negated, e.modality) for e in evs] == [
        ("Conflict.Deploy", True, None), ("Conflict.Attack", False, "desired")]
    assert evs[0].time.value == "1975-03-02"
    assert evs[1].time is None  # a wished-for attack gets no date from the narrative


def test_arguments_by_order_preposition_and_passive(run):
    ev = run("Năm 1972, Tổng thống Richard Nixon gửi thư cho Chủ tịch Mao Trạch Đông.").events[0]
    assert [(p.canonical, p.role) for p in ev.participants] == [
        ("Richard Nixon", "agent"), ("Mao Trạch Đông", "recipient")]
    ev = run("Năm 1407, Hồ Quý Ly bị quân Minh bắt tại Hà Tĩnh.").events[0]
    assert ev.type == "Justice.Arrest-Jail"
    # the passive's agent ("bị quân Minh bắt") is the dynasty, its subject the theme
    assert [(p.canonical, p.role) for p in ev.participants] == [("Nhà Minh", "agent"), ("Hồ Quý Ly", "theme")]
    assert ev.location[1] == "Hà Tĩnh"


def test_event_offsets_point_into_text(run):
    text = "Ngày 27 tháng 10 năm 1962 trời mưa.\nSáng hôm sau, 28 tháng 10, Khrushchev tuyên bố rút tên lửa khỏi Cuba."
    result = run(text)
    ev = result.events[0]
    assert text[ev.trigger_start:ev.trigger_end] == ev.trigger_text == "tuyên bố"
    assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    assert ev.time.value == "1962-10-28TMO" and ev.time.timex_id == "T2"


def test_reference_events(run, reference):
    from pipeline.evaluate import score_events
    text, gold = reference
    scores = score_events(gold, run(text, doc_id="ref").to_dict())
    assert scores["event_dated_f1"] >= 0.85
    assert scores["event_type_accuracy"] >= 0.80
    assert scores["timeline_dates_f1"] >= 0.95


def test_a_happening_told_twice_is_one_event_with_both_mentions(run):
    text = ("Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký Hiệp ước cấm thử hạt nhân tại Moskva. "
            "Đây là bước ngoặt. Ngày 5 tháng 8 năm 1963, Liên Xô ký hiệp ước cùng Anh.")
    events = run(text).to_dict()["events"]
    assert len(events) == 1
    ev = events[0]
    assert (ev["type"], ev["trigger"]["text"], ev["time"]["value"]) == ("Contact.Agreement", "ký", "1963-08-05")
    later = text.rindex("ký hiệp ước")
    assert ev["mentions"] == [{"text": "ký hiệp ước", "start": later, "end": later + len("ký hiệp ước"),
                               "sentence_index": 2}]
    assert {p["canonical"] for p in ev["participants"] if p["role"] == "agent"} >= {"Hoa Kỳ", "Liên Xô"}
