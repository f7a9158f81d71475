"""The event stage on sentences written for these tests.

The rules of dates, arguments, modality and trigger extents are tested with the hand
lexicon alone (`lexicon_run`: no trigger model), so each row checks a rule and not what
the model learned; `run` (the shipped pipeline) checks the model on clear cases.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def lexicon_run():
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    # the hand lexicon and the hand argument rules alone (no trigger or role model)
    nlp = load(overrides={"components.vi_events.trigger_model": None, "components.vi_events.role_model": None})
    return lambda text, dct=None: extract(text, doc_id="t", dct=dct, nlp=nlp)


@pytest.fixture(scope="module")
def carrying_run():
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    # the hand lexicon, with the narrative's date carried (off by default)
    nlp = load(overrides={"components.vi_events.trigger_model": None, "components.vi_events.role_model": None,
                          "components.vi_events.carry_context_time": True})
    return lambda text, dct=None: extract(text, doc_id="t", dct=dct, nlp=nlp)


def _dates(result):
    return [(e.trigger_text, e.time.value if e.time else None, e.time.basis if e.time else None)
            for e in result.events]


@pytest.mark.parametrize("text, expected", [
    # a date opening the sentence dates every event of it, coordinated or serial
    ("Năm 1789, quân Tây Sơn tiến công Ngọc Hồi, tiêu diệt quân Thanh và chiếm Thăng Long.",
     [("tiến công", "1789", "explicit"), ("tiêu diệt", "1789", "explicit"), ("chiếm", "1789", "explicit")]),
    # each event the date of its own clause: a date after its verb belongs to that verb
    ("Dili được người Bồ Đào Nha chiếm năm 1520 và được chọn làm thủ phủ năm 1596.",
     [("chiếm", "1520", "explicit"), ("chọn", "1596", "explicit")]),
    ("Ông sinh tại Huế, Thừa Thiên năm 1887 và qua đời năm 1950.",
     [("sinh", "1887", "explicit"), ("qua đời", "1950", "explicit")]),
    # a date after a verb is that verb's segment's: the next segment's verb does not share it
    ("Quân Pháp chiếm Hà Nội năm 1873, tấn công Nam Định và rút quân năm 1874.",
     [("chiếm", "1873", "explicit"), ("tấn công", None, None), ("rút quân", "1874", "explicit")]),
    # a date after a verb of an earlier segment, with a verb after it in its own: that verb's
    ("Một hội đồng tư vấn được thành lập năm 1951, và hiến pháp năm 1961 bãi bỏ hội đồng đó.",
     [("thành lập", "1951", "explicit"), ("bãi bỏ", "1961", "explicit")]),
    # ... or in the next segment, when the verb before has its own and the clause waited for it ("mới")
    ("Ông bị bắt năm 1930 nhưng mãi đến năm 1936, ông mới được trả tự do.",
     [("bị bắt", "1930", "explicit"), ("trả tự do", "1936", "explicit")]),
    # ... and when the verb before already has a date of its own
    ("Quân Pháp rút khỏi Huế, năm 1873 tấn công Nam Định và năm 1883 tấn công Thuận An.",
     [("rút khỏi", None, None), ("tấn công", "1873", "explicit"), ("tấn công", "1883", "explicit")]),
    # a connective moves the story away from the date
    ("Năm 1901 gia đình ông rời Huế, sau đó ông trở về Sài Gòn.",
     [("rời", "1901", "explicit"), ("trở về", None, None)]),
    ("Hiến pháp được ban hành năm 1777 nhưng bị bãi bỏ sau đó.",
     [("ban hành", "1777", "explicit"), ("bãi bỏ", None, None)]),
    # "sau khi" subordinates; it does not move the main clause off the sentence's date (the
    # bound itself may lie before that year: GUIDELINE.md, "a bound is not a date")
    ("Năm 1946, sau khi ký hiệp định, Pháp rút quân khỏi Trùng Khánh.",
     [("ký", None, None), ("rút quân", "1946", "explicit")]),
    # a date in parentheses: its own words, or, alone, the words before it
    ("Quốc gia Việt Nam (thành lập năm 1949) ký hiệp ước với Pháp.", [("thành lập", "1949", "explicit"),
                                                                       ("ký", None, None)]),
    ("Nông dân nổi dậy và bị đàn áp (1932).", [("nổi dậy", None, None), ("đàn áp", "1932", "explicit")]),
    # negated and planned events take only a date of their own
    ("Ngày 2 tháng 3 năm 1975, Liên Xô họp và không gửi quân tới Angola.",
     [("họp", "1975-03-02", "explicit"), ("gửi quân", None, None)]),
    # a date at the head of the sentence frames its later clauses too, unless a connective
    # moves the story away or the clause has a date of its own
    ("Năm 1509, quân Xiêm đánh chiếm thành Ayutthaya; dân chúng bỏ chạy lên núi.",
     [("đánh chiếm", "1509", "explicit"), ("bỏ chạy", "1509", "explicit")]),
    ("Năm 1509, quân Xiêm đánh chiếm thành Ayutthaya; sau đó dân chúng bỏ chạy lên núi.",
     [("đánh chiếm", "1509", "explicit"), ("bỏ chạy", None, None)]),
    ("Năm 1509, quân Xiêm đánh chiếm thành Ayutthaya; năm 1512, dân chúng nổi dậy.",
     [("đánh chiếm", "1509", "explicit"), ("nổi dậy", "1512", "explicit")]),
    # a framing word opening the sentence ("Khi", "Trong", "Năm") lets the date of its first
    # phrase frame what follows, past an event before it or a parenthesis around it
    ("Khi quân Pháp đánh Đà Nẵng năm 1858, triều đình Huế gửi quân tiếp viện.",
     [("đánh", "1858", "explicit"), ("gửi quân", "1858", "explicit")]),
    ("Năm ông 20 tuổi (1911), Nguyễn Tất Thành rời Sài Gòn.", [("rời", "1911", "explicit")]),
    ("Đến khi vua Lê Hiển Tông băng hà năm 1786, Nguyễn Huệ tiến công Thăng Long.",
     [("băng hà", "1786", "explicit"), ("tiến công", "1786", "explicit")]),
    # a date after "sau" is a bound, not the event's date: nothing is dated by it
    ("Sau mùa giải 1975-76, Bertie Mee từ chức.", [("từ chức", None, None)]),
    ("Ông từ chức sau năm 1976.", [("từ chức", None, None)]),
    # a date after "cho đến" ends a state: no event's date; the event keeps the one it has
    ("Ông Ramgoolam giữ chức Thủ tướng cho đến năm 1982.", [("giữ chức", None, None)]),
    ("Quân Pháp chiếm đóng thành phố cho tới năm 1954.", [("chiếm đóng", None, None)]),
    ("Năm 1962, ông trở về nước và giữ chức Bộ trưởng cho đến năm 1977.",
     [("trở về", "1962", "explicit"), ("giữ chức", "1962", "explicit")]),
    # ... not after "Sau khi": what follows comes later
    ("Sau khi quân Pháp đánh Đà Nẵng năm 1858, triều đình Huế gửi quân tiếp viện.",
     [("đánh", "1858", "explicit"), ("gửi quân", None, None)]),
    # ... but not what a telling announces or reports, which need not happen that day
    ("Ngày 3 tháng 5 năm 1870, nhà vua tuyên bố bãi bỏ lệnh cấm đạo.",
     [("tuyên bố", "1870-05-03", "explicit"), ("bãi bỏ", None, None)]),
    ("Sáng nay, công an tỉnh cho biết đã bắt giữ hai nghi phạm.",
     [("cho biết", "2024-03-15TMO", "explicit"), ("bắt giữ", None, None)]),
    # what follows a telling is not dated by it
    ("Hôm qua công an cho biết đã bắt giữ hai nghi phạm.", [("cho biết", "2024-03-14", "explicit"),
                                                          ("bắt giữ", None, None)]),
    # two verbs joined by "và" share the date that follows the second; a negated one does not
    ("Quân Pháp đã tấn công và đã chiếm thành ngày 22 tháng 6 năm 1857.",
     [("tấn công", "1857-06-22", "explicit"), ("chiếm", "1857-06-22", "explicit")]),
    ("Quân Pháp không tấn công và chiếm thành ngày 22 tháng 6 năm 1857.",
     [("tấn công", None, None), ("chiếm", "1857-06-22", "explicit")]),
    # a verb that happened in the event noun after it ("trong một cuộc ...") shares its date;
    # a verb that did not (negated), or a noun that is no event, does not
    ("Tổng thống bị lật đổ trong một cuộc đảo chính vào năm 1997.",
     [("bị lật đổ", "1997", "explicit"), ("đảo chính", "1997", "explicit")]),
    ("Ông bị thương trong trận tấn công ngày 3 tháng 5 năm 1968.",
     [("bị thương", "1968-05-03", "explicit"), ("tấn công", "1968-05-03", "explicit")]),
    ("Ông không bị thương trong cuộc tấn công năm 1968.", [("bị thương", None, None), ("tấn công", "1968", "explicit")]),
    ("Quân Pháp rút quân khỏi một vùng trong năm 1954.", [("rút quân", "1954", "explicit")]),
    # dates listed with "và" date their event with the interval from the first to the last
    ("Người Mapuche nổi dậy năm 1598 và 1655.", [("nổi dậy", "1598/1655", "explicit")]),
    ("Ông tái đắc cử năm 1992 và năm 1997.", [("tái đắc cử", "1992/1997", "explicit")]),
    ("Ngày 6 tháng 8 năm 1945 và ngày 9 tháng 8 năm 1945, Mỹ ném bom Nhật Bản.",
     [("ném bom", "1945-08-06/1945-08-09", "explicit")]),
    # a date glossed in parentheses is one date: the gloss a word introduces ("tức"), or
    # the gloss of a date with no calendar value, stands in its place; a bare one does not
    ("Vua Quang Trung qua đời ngày 29 tháng 7 năm Nhâm Tý (tức ngày 16 tháng 9 năm 1792) tại Phú Xuân.",
     [("qua đời", "1792-09-16", "explicit")]),
    ("Bulgaria tuyên bố độc lập ngày 5 tháng 10 năm 1908 (22 tháng 9 theo lịch cũ), rồi tấn công Serbia.",
     [("tuyên bố", "1908-10-05", "explicit"), ("tấn công", None, None)]),
    # ... also when an event follows in another clause, after a semicolon
    ("Quân Pháp tấn công Đà Nẵng các năm 1858, 1859 và 1860; năm 1861 quân Pháp chiếm Gia Định.",
     [("tấn công", "1858/1860", "explicit"), ("chiếm", "1861", "explicit")]),
    # ... not dates of two granularities
    ("Ông tái đắc cử năm 1992 và tháng 5 năm 1997.", [("tái đắc cử", "1992", "explicit")]),
    # a date right before "sẽ" and a verb is that verb's, not the promise's or the telling's
    ("Ông hứa tuần sau sẽ ký hợp đồng.", [("hứa", None, None), ("ký", "2024-W12", "explicit")]),
    ("Bộ trưởng cho biết tháng 5 sẽ thăm Lào.", [("cho biết", None, None), ("thăm", "2024-05", "explicit")]),
    # ... not before "đã": the date of a subject's event stays its own
    ("Cơn bão năm 1953 đã giết 300 người.", [("Cơn bão", "1953", "explicit"), ("giết", "1953", "explicit")]),
])
def test_dates_of_events(lexicon_run, text, expected):
    assert _dates(lexicon_run(text, dct="2024-03-15")) == expected


def test_a_listed_date_that_may_open_a_clause_is_not_joined(lexicon_run):
    # events before and after the list: the last date may be the next clause's own
    evs = lexicon_run("Quân Ả Rập chiếm thành năm 637 và năm 762 nhà vua dời đô tới Bagdad.").events
    assert evs[0].trigger_text == "chiếm" and evs[0].time.value == "0637"


@pytest.mark.parametrize("text, expected", [
    # an event after "sau", "sau khi", "cho đến khi" is the bound the other follows: no date
    ("Ngày 5 tháng 6 năm 1950, ông về Hà Nội sau ba năm kháng chiến.", [("về", "1950-06-05"), ("kháng chiến", None)]),
    ("Năm 2000, thể chế này tan rã sau chiến tranh Kosovo.", [("tan rã", "2000"), ("chiến tranh", None)]),
    # ... nor a year opening the sentence before the bound: it is the main clause's
    ("Năm 1912, sau khi triều Thanh sụp đổ, chính quyền mới chuyển tỉnh lỵ về Hợp Phì.",
     [("sụp đổ", None), ("chuyển tỉnh lỵ", "1912")]),
    ("Vào thế kỷ 15, sau khi quân Minh rút đi, vua Lê Thái Tổ lên ngôi.", [("rút đi", None), ("lên ngôi", "14")]),
    # ... but a day opening it holds the bound too ("the same evening")
    ("Tối 3 tháng 5 năm 2027, sau khi ăn cơm xong, cả nhà đi dạo ven hồ.",
     [("ăn cơm", "2027-05-03TEV"), ("đi dạo", "2027-05-03TEV")]),
    # ... and "sau" of a date is no bound ("năm sau sẽ về": the return's year)
    ("Năm 2026, tụi mình hứa năm sau sẽ về thăm trường.", [("hứa", "2026"), ("về", "2027"), ("thăm", "2027")]),
    # ... not "sau" of a place ("phía sau đường cách ly": behind it)
    ("Ngày 24 tháng 10 năm 1962, tàu Liên Xô quay lại phía sau đường cách ly.",
     [("quay lại", "1962-10-24"), ("cách ly", "1962-10-24")]),
])
def test_a_bound_event_takes_no_date(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a clause put first without a subject, with a date: its events and the main clause's
    # first event are that moment
    ("Trả lời báo chí sáng nay, bà Hương khẳng định công ty không vi phạm.",
     [("Trả lời", "2027-03-16TMO"), ("khẳng định", "2027-03-16TMO")]),
    ("Nhận tin báo lúc 23h07, Công an quận đã điều 6 xe chữa cháy đến hiện trường.",
     [("Nhận tin báo", "2027-03-16T23:07"), ("điều", "2027-03-16T23:07")]),
    ("Phát biểu tại lễ bế mạc tối qua, ông Phúc cho biết thành phố sẽ tổ chức liên hoan lần thứ hai.",
     [("Phát biểu", "2027-03-15TEV"), ("lễ bế mạc", "2027-03-15TEV"), ("cho biết", "2027-03-15TEV"),
      ("liên hoan", None)]),
    # ... so is a setting put first ("Tại", "Trong") whose event has a date; a place alone gives none
    ("Tại buổi họp báo sáng nay, ca sĩ Thảo Vy cho biết cô đã tập luyện suốt ba tháng.",
     [("họp báo", "2027-03-16TMO"), ("cho biết", "2027-03-16TMO"), ("tập luyện", None)]),
    ("Trong cuộc họp chiều qua, ông Nam khẳng định công ty không sa thải ai.",
     [("họp", "2027-03-15TAF"), ("khẳng định", "2027-03-15TAF"), ("sa thải", None)]),
    ("Tại Hà Nội, ông Nam cho biết giá rau đã tăng.", [("cho biết", None)]),
    # ... nor does a telling before one joined to it by "và" (the same moment, not its content)
    ("Hôm qua, ban nhạc đã gửi thư cho người hâm mộ và thông báo sẽ diễn thêm tại Huế vào ngày 30/11.",
     [("gửi", "2027-03-15"), ("thông báo", "2027-03-15"), ("diễn", "2027-11-30")]),
    # ... however the first telling got its date (a setting's: "Tại cuộc họp báo chiều qua")
    ("Tại cuộc họp báo chiều qua, bà Lê Thu Hằng xin lỗi khách hàng và cho biết công ty sẽ bồi thường.",
     [("họp báo", "2027-03-15TAF"), ("xin lỗi", "2027-03-15TAF"), ("cho biết", "2027-03-15TAF"), ("bồi thường", None)]),
    # ... and a date a later event owns in its clause does not keep the head date from the telling
    ("Hôm qua, công ty thông báo sẽ mở thêm một chi nhánh tại Huế vào ngày 30/11.",
     [("thông báo", "2027-03-15"), ("mở", "2027-11-30")]),
    # ... not a negated main event, nor one after a bound ("sau khi")
    ("Trả lời báo chí sáng nay, bà Hương không khẳng định điều gì.",
     [("Trả lời", "2027-03-16TMO"), ("khẳng định", None)]),
    ("Sau khi tốt nghiệp năm 1990, ông về Hà Nội.", [("tốt nghiệp", "1990"), ("về", None)]),
])
def test_a_fronted_clause_dates_the_main_one(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text, dct="2027-03-16").events] == expected


@pytest.mark.parametrize("text, expected", [
    # "đồng thời" opens a clause at the moment of its clause's first dated event, past the
    # date of a subordinate one ("do ... hôm 15/10")
    ("Sáng 23/10, HĐND tỉnh miễn nhiệm bà Hoa, do bà được bổ nhiệm làm Thứ trưởng hôm 15/10, "
     "đồng thời bầu bổ sung ông Khoa làm Ủy viên.",
     [("miễn nhiệm", "2025-10-23TMO"), ("bổ nhiệm", "2025-10-15"), ("bầu bổ sung", "2025-10-23TMO")]),
    # ... not the date of an event quoted
    ('"Đây là vụ cháy lớn nhất từ tháng 3 năm nay", ông Khải nói, đồng thời bác bỏ tin đồn.',
     [("vụ cháy", "2025-03"), ("nói", None), ("bác bỏ", None)]),
])
def test_a_simultaneous_clause_takes_its_clause_date(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text, dct="2025-10-24").events] == expected


@pytest.mark.parametrize("text, expected", [
    # a later segment that "khi", "lúc", "trong lúc" opens is told at the moment of the
    # sentence's first dated event
    ("Quân Pháp tấn công thành Hà Nội ngày 20 tháng 11 năm 1873, khi quân Nguyễn đang rút về phía tây.",
     [("tấn công", "1873-11-20"), ("rút về", "1873-11-20")]),
    # ... not one that "trước khi" or "sau khi" opens
    ("Quân Pháp tấn công thành Hà Nội ngày 20 tháng 11 năm 1873, trước khi quân Nguyễn rút về phía tây.",
     [("tấn công", "1873-11-20"), ("rút về", None)]),
    ("Quân Pháp tấn công thành Hà Nội ngày 20 tháng 11 năm 1873, sau khi quân Nguyễn rút về phía tây.",
     [("tấn công", "1873-11-20"), ("rút về", None)]),
    # a date after "nhưng", "và" ... with a comma after it opens the next clause, not the
    # event before it
    ("Nước này trở thành một nước cộng hòa nhưng vào năm 1934, quốc hội bị giải tán.",
     [("trở thành", None), ("giải tán", "1934")]),
    # ... also right after a date of the clause before ("năm 1930 nhưng vào năm 1934")
    ("Quốc hội được bầu năm 1930 nhưng vào năm 1934, quốc hội bị giải tán.",
     [("bầu", "1930"), ("giải tán", "1934")]),
    # ... not after a name joined to the one before ("Ngôn ngữ và Văn học Anh"): the verb's date
    ("Ông đổi sang học Ngôn ngữ và Văn học Anh năm 1913, tốt nghiệp năm 1915 với bằng ưu hạng.",
     [("đổi sang", "1913"), ("tốt nghiệp", "1915")]),
    # an event noun right after its verb: the noun's date dates the verb; not a negated verb,
    # nor a telling (what is warned of need not happen when it is told)
    ("Đội tuyển lọt vào trận chung kết năm 1998.", [("lọt vào", "1998"), ("trận chung kết", "1998")]),
    ("Đội tuyển không lọt vào trận chung kết năm 1998.", [("lọt vào", None), ("trận chung kết", "1998")]),
    ("Trung tâm cảnh báo mưa lớn vào ngày 26/10.", [("cảnh báo", None), ("mưa", "2025-10-26")]),
])
def test_a_clause_takes_the_date_of_its_own_moment(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text, dct="2025-10-24").events] == expected


@pytest.mark.parametrize("text, expected", [
    # a comma before an administrative unit goes on with the place: the date after it is
    # still the verb's ("cảng Tam Quang, huyện Núi Thành vào ngày 28/10")
    ("Tàu cá rời cảng Tam Quang, huyện Núi Thành vào ngày 28/10 để đánh cá.",
     [("rời", "2025-10-28"), ("đánh cá", "2025-10-28")]),
    ("Quân ta tiến vào Đông Hà, tỉnh Quảng Trị ngày 5/4/1972 để giải phóng thị xã.",
     [("tiến vào", "1972-04-05"), ("giải phóng", "1972-04-05")]),
    # ... a comma before anything else still parts the clauses
    ("Tàu cá rời cảng Tam Quang, gặp bão ngày 28/10.", [("rời", None), ("bão", "2025-10-28")]),
])
def test_a_place_apposition_does_not_part_a_clause(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text, dct="2025-11-08").events] == expected


def test_a_bound_event_takes_no_date_but_its_own_clause_goes_on():
    pytest.importorskip("underthesea")
    from pipeline import extract
    evs = extract("Sáng 4 tháng 3 năm 2027, công nhân trở lại làm việc sau khi công ty đồng ý tăng lương.").events
    assert [(e.trigger_text, e.time.value if e.time else None) for e in evs][:2] == [
        ("trở lại làm việc", "2027-03-04TMO"), ("đồng ý", None)]


def test_context_date_carries_one_sentence_within_the_paragraph(carrying_run):
    text = ("Ngày 27 tháng 10 năm 1962, một máy bay bị bắn rơi. Tổng thống triệu tập các cố vấn. "
            "Các cố vấn tranh luận.\nChính phủ gửi thư cho Liên hợp quốc.")
    assert _dates(carrying_run(text)) == [("bắn rơi", "1962-10-27", "explicit"), ("triệu tập", "1962-10-27", "context"),
                                          ("gửi thư", None, None)]  # two sentences on, and a new paragraph


def test_no_context_date_to_planned_or_reported_events(carrying_run):
    # a planned event, and what a telling reports, keep no date the narrative carries
    text = "Ngày 27 tháng 10 năm 1962, một máy bay bị bắn rơi. Tổng thống sẽ triệu tập các cố vấn."
    assert _dates(carrying_run(text))[1] == ("triệu tập", None, None)
    text = "Ngày 27 tháng 10 năm 1962, một máy bay bị bắn rơi. Bộ Quốc phòng cho biết quân đội đã bắt giữ phi công."
    assert [d for d in _dates(carrying_run(text)) if d[0] == "bắt giữ"] == [("bắt giữ", None, None)]
    # nor the telling itself: a reporter's "cho biết", "bác bỏ" is no step of the day's story
    text = "Sáng 14 tháng 3 năm 2027, cháy lớn tại chợ Bến Thành. Ông Hùng cho biết hàng hóa bị hư hại nhiều."
    assert [d for d in _dates(carrying_run(text)) if d[0] == "cho biết"] == [("cho biết", None, None)]
    text = "Sáng 14 tháng 3 năm 2027, cháy lớn tại chợ Bến Thành. Công ty bác bỏ tin đồn trên mạng."
    assert [d for d in _dates(carrying_run(text)) if d[0] == "bác bỏ"] == [("bác bỏ", None, None)]


def test_no_context_date_by_default(lexicon_run):
    text = "Ngày 27 tháng 10 năm 1962, một máy bay bị bắn rơi. Tổng thống triệu tập các cố vấn."
    assert _dates(lexicon_run(text)) == [("bắn rơi", "1962-10-27", "explicit"), ("triệu tập", None, None)]


def test_context_date_carried_only_in_dated_documents_when_asked():
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    nlp = load(overrides={"components.vi_events.trigger_model": None, "components.vi_events.role_model": None,
                          "components.vi_events.carry_context_time": "dated"})
    text = "Sáng 14/3, một máy bay bị bắn rơi. Tổng thống triệu tập các cố vấn."
    news = _dates(extract(text, doc_id="n", dct="2027-03-15", nlp=nlp))
    assert news == [("bắn rơi", "2027-03-14TMO", "explicit"), ("triệu tập", "2027-03-14TMO", "context")]
    # no document date: a history text, not carried
    assert _dates(extract(text.replace("14/3", "14/3/1962"), doc_id="h", nlp=nlp)) == [
        ("bắn rơi", "1962-03-14TMO", "explicit"), ("triệu tập", None, None)]


@pytest.mark.parametrize("value", ["yes", "news", 2])
def test_carry_context_time_refuses_other_values(value):
    pytest.importorskip("underthesea")
    from pipeline import load
    from pipeline.errors import PipelineError
    with pytest.raises(PipelineError, match="carry_context_time"):
        load(overrides={"components.vi_events.carry_context_time": value})


def test_a_year_is_not_carried(lexicon_run):
    assert _dates(lexicon_run("Năm 1961 trời rất lạnh. Nhà vua băng hà.")) == [("băng hà", None, None)]


@pytest.mark.parametrize("text, trigger, roles, place", [
    # the one who dies is the theme; a subject acts otherwise
    ("Năm 1285, Trần Bình Trọng tử trận tại Thiên Mạc.", "tử trận", [("Trần Bình Trọng", "theme")], "Thiên Mạc"),
    ("Năm 1972, Tổng thống Richard Nixon gửi thư cho Chủ tịch Mao Trạch Đông.", "gửi thư",
     [("Richard Nixon", "agent"), ("Mao Trạch Đông", "recipient")], None),
    # the passive: the subject is the theme, the one after "bị"/"bởi" the agent
    ("Năm 1407, Hồ Quý Ly bị quân Minh bắt tại Hà Tĩnh.", "bắt", [("Nhà Minh", "agent"), ("Hồ Quý Ly", "theme")],
     "Hà Tĩnh"),
    # a place attacked is the place
    ("Năm 1946, quân Pháp chiếm Hải Phòng.", "chiếm", [("Pháp", "agent")], "Hải Phòng"),
    # both sides of a meeting act
    ("Năm 1961, Kennedy gặp Khrushchev tại Vienna.", "gặp", [("Kennedy", "agent"), ("Khrushchev", "agent")], "Vienna"),
    # an owner is not a party
    ("Năm 1962, máy bay của Hoa Kỳ bị bắn rơi trên bầu trời Cuba.", "bắn rơi", [], "Cuba"),
    # ... but "của" right after an event noun names its subject
    ("Năm 1979, cuộc tấn công của Trung Quốc vào Lạng Sơn bắt đầu.", "tấn công", [("Trung Quốc", "agent")],
     "Lạng Sơn"),
    # an organisation after "tại"/"ở" is where it happened, not a party
    ("Năm 2019, bà Nguyễn Thị Lan qua đời tại Bệnh viện Bạch Mai.", "qua đời", [("Nguyễn Thị Lan", "theme")],
     "Bệnh viện Bạch Mai"),
    # a clause put first without a subject shares the main clause's
    ("Trở về từ Liên Xô năm 1930, Trần Phú soạn thảo Luận cương chính trị.", "Trở về", [("Trần Phú", "agent")],
     "Liên Xô"),
    ("Sau khi rời Paris, Nguyễn Ái Quốc đến Moskva năm 1923.", "rời", [("Hồ Chí Minh", "agent")], "Paris"),
    # a pronoun subject stands for the sentence's subject, not for the one named after "được"
    ("Năm 1288, Trần Hưng Đạo được vua Trần Nhân Tông tin dùng, ông đánh tan quân Nguyên trên sông Bạch Đằng.",
     "đánh", [("Trần Hưng Đạo", "agent")], "Nhà Nguyên"),
])
def test_arguments(lexicon_run, text, trigger, roles, place):
    ev = next(e for e in lexicon_run(text).events if e.trigger_text == trigger)
    assert sorted((p.canonical, p.role) for p in ev.participants) == sorted(roles)
    assert (ev.location[1] if ev.location else None) == place


@pytest.mark.parametrize("text, trigger, source, place", [
    # where a movement starts, after "từ" or "khỏi", is its source, not its place
    ("Năm 1693, họ di cư đến Bắc Mỹ từ Krefeld.", "di cư", "Krefeld", "Bắc Mỹ"),
    ("Năm 1645, ông bị Chúa Nguyễn vĩnh viễn trục xuất khỏi Việt Nam.", "trục xuất", "Việt Nam", None),
    # ... and so is what a verb of leaving leaves, right after it or a place noun (the read sets
    # mark it so eleven times, a place twice: GUIDELINE.md section 4, "where from: source")
    ("Ngày 19 tháng 8 năm 2010, lữ đoàn chiến đấu cuối cùng rời khỏi Iraq.", "rời khỏi", "Iraq", None),
    ("Tàu cá rời cảng Tam Quang vào ngày 28/10.", "rời", "Tam Quang", None),
    # ... not a name after another one ("rời Hà Nội đi Paris": Paris is where it goes)
    ("Năm 1990, ông rời Hà Nội đi Paris.", "rời", "Hà Nội", None),
    # ... and where one comes from, before the sentence's first event, is no place of the
    # sentence's other events
    ("Sáng nay ông Nam từ Huế bay vào thăm bạn.", "thăm", None, None),
    ("Sáng nay ông Nam từ Huế bay vào thăm bạn.", "bay", "Huế", None),
])
def test_a_movement_from_a_place_starts_there(run, text, trigger, source, place):
    ev = next(e for e in run(text).events if e.trigger_text == trigger)
    assert [p.canonical for p in ev.participants if p.role == "source"] == ([source] if source else [])
    assert (ev.location[1] if ev.location else None) == place


@pytest.mark.parametrize("text, trigger, expected", [
    # the subject of a change it undergoes is its theme
    ("Sau năm 1997, kinh tế Malaysia phục hồi sớm hơn các nước láng giềng.", "phục hồi", [("Malaysia", "theme")]),
    ("Năm 1991, Liên Xô tan rã.", "tan rã", [("Liên Xô", "theme")]),
    # ... a subject that acts on something stays its agent
    ("Năm 1991, Liên Xô tấn công Afghanistan.", "tấn công", [("Liên Xô", "agent")]),
    # the passive's agent after "bởi", a determiner between
    ("Năm 1935, Dutch Schultz bị bắn chết bởi một Mafia Ý.", "bắn chết",
     [("Dutch Schultz", "theme"), ("Mafia Ý", "agent")]),
])
def test_the_subject_of_a_change_undergoes_it(run, text, trigger, expected):
    ev = next(e for e in run(text).events if e.trigger_text == trigger)
    assert sorted((p.canonical, p.role) for p in ev.participants if p.role in ("agent", "theme")) == expected


def test_a_telling_shares_its_speaker_only_as_an_agent(lexicon_run):
    # the speaker did not die, but the firm that speaks did sign
    evs = {e.trigger_text: e for e in lexicon_run("Ông Nguyễn Văn An, Giám đốc Sở Y tế, cho biết đã có 3 ca tử vong.").events}
    assert evs["tử vong"].participants == ()
    evs = {e.trigger_text: e for e in lexicon_run("Đại diện Viettel cho biết đã ký hợp đồng với Nokia.").events}
    assert sorted((p.canonical, p.role) for p in evs["ký"].participants) == [("Nokia", "agent"), ("Viettel", "agent")]


def test_coordinated_verbs_share_their_subject(lexicon_run):
    evs = lexicon_run("Năm 1789, Quang Trung chiếm Thăng Long và trao quyền cho Ngô Thì Nhậm.").events
    assert [(e.trigger_text, [(p.canonical, p.role) for p in e.participants]) for e in evs] == [
        ("chiếm", [("Quang Trung", "agent")]),
        ("trao", [("Quang Trung", "agent"), ("Ngô Thì Nhậm", "recipient")])]


@pytest.mark.parametrize("text, trigger, expected", [
    # names listed with "và"/"hoặc" share the part one of them has (the rules name three)
    ("Năm 2003, quân đội Mỹ, Anh, Úc và Ba Lan tấn công Iraq.", "tấn công",
     [("Ba Lan", "agent"), ("Hoa Kỳ", "agent"), ("Vương quốc Anh", "agent"), ("Úc", "agent")]),
    # a place of the list keeps its own field
    ("Năm 1980, Iraq tấn công Iran và Kuwait.", "tấn công", [("Iraq", "agent"), ("Kuwait", "theme")]),
    # commas alone make no list: a village, its province, then the subject
    ("Năm 1890, tại làng Kim Liên, Nghệ An, Nguyễn Sinh Cung chào đời.", "chào đời",
     [("Hồ Chí Minh", "theme")]),  # his birth name; canonical the name he is known by
])
def test_coordinated_names_share_their_part(lexicon_run, text, trigger, expected):
    ev = next(e for e in lexicon_run(text).events if e.trigger_text == trigger)
    assert sorted((p.canonical, p.role) for p in ev.participants if p.role in ("agent", "theme")) == expected


@pytest.mark.parametrize("text, expected", [
    # a directional word before a date with no subject is a preposition of time
    ("Từ tháng 9 đến Giáng sinh năm 1939, ông ở Scotland.", []),
    ("Quân Pháp chiếm đóng Huế từ năm 1947 tới năm 1954.", ["chiếm đóng"]),
    # after a name it is the verb, the date its time
    ("Người châu Âu đến năm 1516.", ["đến"]),
])
def test_directional_before_a_date(run, text, expected):
    assert [e.trigger_text for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a support word yields to the event it carries (GUIDELINE.md)
    ("Năm 1930, nông dân Nghệ An phát động cuộc đấu tranh.", ["đấu tranh"]),
    ("Thành phố dự kiến tổ chức liên hoan lần thứ hai vào năm 2027.", ["liên hoan"]),
    pytest.param("Năm 1968, quân giải phóng mở đợt tấn công vào Sài Gòn.", ["tấn công"],
                 marks=pytest.mark.xfail(strict=True, reason="the tenth round's model reads 'giải phóng' of "
                                         "'quân giải phóng' (an army's name) as a trigger; 'mở' still yields")),
    ("Năm 1968, quân đội mở đợt tấn công vào Sài Gòn.", ["tấn công"]),
])
def test_support_words_yield_to_the_event_they_carry(run, text, expected):
    assert [e.trigger_text for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # two verbs joined by "và" alone share what one of them lacks: the passive's agent back
    ("Năm 1914, Luxembourg bị xâm lược và chiếm đóng bởi quân Đức.",
     [("xâm lược", [("Đức", "agent")]), ("chiếm đóng", [("Đức", "agent")])]),
    # a name between them: each has its own
    ("Năm 1980, Iraq tấn công và Iran phản công.", [("tấn công", [("Iraq", "agent")]), ("phản công", [("Iran", "agent")])]),
])
def test_verbs_joined_by_va_share_their_parties(run, text, expected):
    assert [(e.trigger_text, sorted((p.canonical, p.role) for p in e.participants if p.role in ("agent", "theme")))
            for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a subject before its apposition ("..., giáo viên trường tiểu học, ..."), and the clause
    # "rồi" opens goes on with it
    ("Chị Lò Thị Mai, giáo viên trường tiểu học, phát hiện đám cháy rồi gọi điện báo công an.",
     [("phát hiện", [("Lò Thị Mai", "agent")]), ("gọi điện báo", [("Lò Thị Mai", "agent")])]),
    # "sau đó" before the verb: the same subject, in the role its type gives a subject
    ("Năm 1428, Lê Lợi đánh tan quân Minh, sau đó lên ngôi hoàng đế.",
     [("đánh tan", [("Lê Lợi", "agent"), ("Nhà Minh", "theme")]), ("lên ngôi", [("Lê Lợi", "theme")])]),
    ("Năm 1802, Nguyễn Ánh chiếm Phú Xuân, tiếp đó tiến ra Bắc Hà.",
     [("chiếm", [("Gia Long", "agent")]), ("tiến ra", [("Gia Long", "agent")])]),
    # a party named after the cue is the clause's own subject
    ("Năm 1945, Nhật đảo chính Pháp, đồng thời Bảo Đại tuyên bố độc lập.",
     [("đảo chính", [("Nhật Bản", "agent"), ("Pháp", "theme")]), ("tuyên bố", [("Bảo Đại", "agent")])]),
    # "sau đó" closed by a comma opens a clause with a subject of its own ("thành phố")
    ("Tướng San Martín chiếm thành phố năm 1821 và năm năm sau đó, thành phố trở thành thủ đô của Peru.",
     [("chiếm", [("San Martín", "agent")]), ("trở thành", [])]),
])
def test_a_clause_a_continuation_word_opens_keeps_the_subject(run, text, expected):
    assert [(e.trigger_text, sorted((p.canonical, p.role) for p in e.participants if p.role in ("agent", "theme")))
            for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a date alone in parentheses after a name is the name's period, no event's
    pytest.param("Thành viên của Liên bang Trung Mỹ (1823-1838), El Salvador tuyên bố độc lập năm 1841.",
                 [("tuyên bố", None), ("độc lập", "1841")],
                 marks=pytest.mark.xfail(strict=True, reason="the tenth round's model misses 'độc lập' after "
                                         "'tuyên bố'; the declaration then takes 1841 (the period stays out)")),
    ("Dưới chế độ của Tướng Martinez (1931-1944), nông dân nổi dậy và bị đàn áp (1932).",
     [("nổi dậy", None), ("đàn áp", "1932")]),
    # a date right after an event noun is its date, though the segmenter glues its first
    # word to the noun ("Cách mạng tháng | 5 năm 1810")
    pytest.param("Cách mạng tháng 5 năm 1810 bùng nổ ở Buenos Aires.", [("Cách mạng", "1810-05")],
                 marks=pytest.mark.xfail(strict=True, reason="the tenth round's model reads no trigger in the "
                                         "glued word 'Cách mạng tháng'")),
    # after an event it is the event's
    ("Chiến tranh Đông Dương (1946-1954) kết thúc bằng hiệp định Genève.",
     [("Chiến tranh", "1946/1954"), ("kết thúc", "1946/1954")]),
])
def test_a_date_after_a_name_or_an_event(run, text, expected):
    assert [(e.trigger_text, e.time.value if e.time else None) for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # an appointment frame is one event: the appointing verb's, the copula none of its own
    ("Năm 1010, vua phong Lý Đạo Thành làm Thái sư.", [("phong", "Personnel.Nominate")]),
    ("Năm 2021, Quốc hội bầu bà Lan làm Chủ tịch.", [("bầu", "Personnel.Elect")]),
    # after a light verb the copula carries it
    ("Tháng 3 năm 1428, triều đình lấy Nguyễn Trãi làm Thừa chỉ.", [("làm", "Personnel.Start-Position")]),
    # each further appointment after a comma is its own
    ("Năm 1075, vua cho Lý Thường Kiệt làm Đại tướng, Tôn Đản làm phó tướng.",
     [("làm", "Personnel.Start-Position"), ("làm", "Personnel.Start-Position")]),
    # a verb that appoints only in the frame is its trigger, whatever the model read ("tôn" is
    # to revere, "lập" to found, "phế" to depose); the segmenter glues "tôn Hiến", "làm Hoàng"
    ("Mùa thu năm 1300, vua tôn Hiến Từ hoàng hậu làm Hoàng thái hậu.", [("tôn", "Personnel.Start-Position")]),
    ("Năm 1009, triều thần tôn Lý Công Uẩn làm vua.", [("tôn", "Personnel.Start-Position")]),
    ("Năm 1400, Quý Ly thăng Nguyễn Cảnh Chân làm An phủ sứ.", [("thăng", "Personnel.Start-Position")]),
    ("Năm 1460, các đại thần phế Lê Nghi Dân làm Lệ Đức hầu.", [("phế", "Personnel.End-Position")]),
    # ... not before what one makes a place into: "lập" keeps its own sense
    ("Năm 1812, vua lập Huế làm kinh đô.", [("lập", "Business.Start-Org")]),
])
def test_an_appointment_frame_is_one_event(run, text, expected):
    assert [(e.trigger_text, e.type) for e in run(text).events] == expected


@pytest.mark.parametrize("text, trigger", [
    ("Toa Đô tử trận.", "tử trận"),           # the segmenter glues "Đô tử trận": the name's syllable is cut
    ("Tấn công Hà Nội là mệnh lệnh.", "Tấn công"),  # a capital opening the sentence is the sentence's
])
def test_no_trigger_takes_a_syllable_of_a_name(lexicon_run, text, trigger):
    assert [e.trigger_text for e in lexicon_run(text).events] == [trigger]


@pytest.mark.parametrize("text, expected", [
    # a word of the dictionary opening the sentence is no name glued to a trigger ("trình" of it)
    ("Công trình này khởi công năm 2015.", ["khởi công"]),
    ("Công trình nhà ga được khởi công năm 2010.", ["khởi công"]),
    # ... a name glued to the verb by the segmenter still gives its trigger
    ("Hunter sinh tại Conyers, Georgia.", ["Hunter sinh"]),
    # one entry of the lexicon the model begins twice is one trigger ("bị | bắt"), two entries two
    ("Anh ấy bị bắt năm 1930.", ["bị bắt"]),
    ("Ông bị bắt năm 1930 nhưng mãi đến năm 1936, ông mới được trả tự do.", ["bị bắt", "trả tự do"]),
    ("Tháng 3 năm 1945, Hoa Kỳ ném bom không kích thủ đô Tokyo.", ["ném bom", "không kích"]),
])
def test_a_lexicon_word_is_one_trigger(run, text, expected):
    assert [e.trigger_text for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # in a sentence about a game, a win, a loss or a match is Other, not an attack
    ("Roma đánh bại Torino ở trận chung kết cúp Italia năm 1980.", [("đánh bại", "Other")]),
    ("Arsenal thua Manchester United trong trận đấu cuối mùa giải.", [("thua", "Other")]),
    ("Chiều qua, kình ngư Hoàng Thu Trang đánh bại đương kim vô địch Vũ Ngọc Mai.", [("đánh bại", "Other")]),
    ("Tối qua, tay vợt Lý Hoàng Nam đánh bại đối thủ người Thái Lan.", [("đánh bại", "Other")]),
    # ... fighting stays an attack
    ("Quân Tây Sơn đánh bại quân Thanh năm 1789.", [("đánh bại", "Conflict.Attack")]),
])
def test_a_game_is_no_fight(lexicon_run, text, expected):
    assert [(e.trigger_text, e.type) for e in lexicon_run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # moving to or from an organisation, an office or a job is joining or leaving it
    ("Năm 2015, ông về Viettel.", [("về", "Personnel.Start-Position")]),
    ("Năm 2008, ông chuyển sang dẫn dắt Chelsea.", [("chuyển sang", "Personnel.Start-Position")]),
    ("Năm 1973, ông rời quân ngũ.", [("rời", "Personnel.End-Position")]),
    # a standing won is no thing that changes hands; a medal is
    ("Năm 1971, Arsenal giành chức vô địch quốc gia.", [("giành", "Other")]),
    ("Năm 1986, đội tuyển Argentina đoạt chức vô địch World Cup.", [("đoạt", "Other")]),
    ("Năm 2022, đoàn Việt Nam giành 205 huy chương vàng.", [("giành", "Transaction.Transfer-Ownership")]),
    # a stage of a competition reached is no movement; a working session with someone a meeting
    ("Năm 2006, Bồ Đào Nha vào bán kết World Cup.", [("vào", "Other")]),
    ("Sáng nay, đoàn đã làm việc với Ban quản lý Khu kinh tế Hải Phòng.", [("làm việc", "Contact.Meet")]),
    # a hospital is no employer: being moved there stays a movement
    ("Năm 2020, ông Trần Văn Nam chuyển đến Bệnh viện Chợ Rẫy.", [("chuyển đến", "Movement.Transport")]),
    ("Tháng 6 năm 1995, Graham rời câu lạc bộ.", [("rời", "Personnel.End-Position")]),
    # ... moving to a place stays a movement
    ("Năm 1945, ông về Hà Nội.", [("về", "Movement.Transport")]),
    ("Năm 1911, ông rời Sài Gòn.", [("rời", "Movement.Transport")]),
    # becoming an office is taking it; becoming anything else is not
    ("Năm 1804, Napoléon trở thành hoàng đế.", [("trở thành", "Personnel.Start-Position")]),
    ("Năm 1990, bà trở thành huấn luyện viên.", [("trở thành", "Personnel.Start-Position")]),
    ("Năm 1749, George trở thành thanh tra quận Culpeper.", [("trở thành", "Personnel.Start-Position")]),
    ("Năm 1990, ông trở thành ủy viên Bộ Chính trị.", [("trở thành", "Personnel.Start-Position")]),
    # a message received is one sent (the message is part of the trigger), money received a
    # payment, a thing received changes hands
    ("Năm 2020, ông nhận được thư của mẹ.", [("nhận được thư", "Contact.Phone-Write")]),
    ("Sáng nay, Sở đã nhận được công văn của Bộ.", [("nhận được công văn", "Contact.Phone-Write")]),
    ("Năm 2019, ông nhận tiền hối lộ.", [("nhận", "Transaction.Transfer-Money")]),
    ("Năm 1998, ông nhận huân chương danh dự.", [("nhận", "Transaction.Transfer-Ownership")]),
    # a person sent is moved, a letter sent is written
    ("Năm 1943, họ gửi tôi đến Trại tập trung Ravensbrück.", [("gửi", "Movement.Transport")]),
    ("Năm 1960, ông gửi thư cho Tổng thống.", [("gửi", "Contact.Phone-Write")]),
    # people or vehicles dispatched are moved ("điều" before a number); "điều" of a thing is none
    ("Sáng nay, công an điều 6 xe chữa cháy đến hiện trường.", [("điều", "Movement.Transport")]),
    ("Tối qua, đội cứu hộ điều thêm hơn 20 người tới bản.", [("điều", "Movement.Transport")]),
    # ... so is sending a delegation or a crew ("cử"), not naming someone to a post
    ("Năm 2026, Bộ Y tế đã cử đoàn chuyên gia của Viện Pasteur xuống hỗ trợ.", [("cử", "Movement.Transport")]),
    ("Năm 2026, bảo tàng đã cử ba chuyên gia tới giám định bộ sưu tập.",
     [("cử", "Movement.Transport"), ("giám định", "Other")]),
    ("Năm 2026, bà Hoa được cử làm Bí thư Đảng ủy.", [("cử làm", "Personnel.Nominate")]),
    # "đặt" alone puts or names, it deploys no troops
    ("Năm 1885, Pháp đặt ách đô hộ lên toàn cõi.", [("đặt", "Other")]),
    ("Năm 1959, Nato đặt tên lửa Jupiter ở Thổ Nhĩ Kỳ.", [("đặt", "Conflict.Deploy")]),
    ("Điều này khiến công ty lo ngại.", []),
    ("Thời tiết khắc nghiệt là điều diễn ra phổ biến ở vùng này.", []),
    # a vehicle caught is a journey: public transport, or "xe" with its way; a seized lorry is not
    ("Sáng hôm đó mình với anh họ bắt xe lên Hà Nội.", [("bắt", "Movement.Transport")]),
    ("Chiều qua, cảnh sát giao thông bắt xe quá tải trên quốc lộ 1.", [("bắt", "Justice.Arrest-Jail")]),
    # a room or a seat booked is a booking, no deployment
    ("Tuần trước, mình đã đặt phòng khách sạn ở Đà Lạt.", [("đặt", "Other")]),
    # a campaign for a cause (quoted by name, or of a cause) is no attack; a military one is
    ('Chiến dịch "Áo ấm cho em" đã quyên góp được hơn 1 tỷ đồng.',
     [("Chiến dịch", "Other"), ("quyên góp", "Transaction.Transfer-Money")]),
    ("Năm 1975, quân đội mở chiến dịch Hồ Chí Minh.", [("chiến dịch", "Conflict.Attack")]),
    # words of news and posts: wages docked, an arrival, an oath of office
    ("Năm 2026, công ty trừ lương 200 công nhân nghỉ việc.",
     [("trừ lương", "Transaction.Transfer-Money"), ("nghỉ việc", "Personnel.End-Position")]),
    ("Sáu giờ chiều qua, đoàn xe tới nơi an toàn.", [("tới nơi", "Movement.Transport")]),
    ("Năm 2019, bà tuyên thệ trước Quốc hội.", [("tuyên thệ", "Personnel.Start-Position")]),
    # crowned champion is a title won; crowned emperor takes the throne
    ("Năm 2019, anh Bảo lên ngôi vô địch đơn nam.", [("lên ngôi", "Other")]),
    ("Năm 1802, Nguyễn Ánh lên ngôi hoàng đế.", [("lên ngôi", "Personnel.Start-Position")]),
])
def test_a_verb_takes_the_sense_of_what_follows_it(run, text, expected):
    assert [(e.trigger_text, e.type) for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a verb that measures a quantity names no event: a share, time spent
    ("Năm 2010, người Kurd chiếm 1,3% dân số cả nước.", []),
    ("Năm 2004, mía chiếm gần phân nửa tổng lượng xuất khẩu.", []),
    ("Năm 2024, việc sửa nhà mất gần 2 tháng.", [("sửa", "Artifact.Build")]),
    ("Năm 2008, dự án tốn nhiều thời gian hơn dự kiến.", []),
    # ... nor does a figure reached
    ("Năm 2016, công suất phòng của khách sạn đã đạt 95% và nhiều đoàn khách phải chờ.", [("chờ", "Other")]),
    ("Năm 2009, dân số toàn tỉnh đạt gần 453.200 người, trong khi đó nữ đạt 216.100 người.", []),
    ("Thu nhập bình quân đầu người đạt mốc 56 triệu đồng năm 2020.", []),
    ("Năm 2019, đội tuyển đạt thành tích cao tại SEA Games.", [("đạt", "Other")]),
    # ... a capture and a death stay events, a year is no span of time
    ("Năm 1858, quân Pháp chiếm 3 thành phố ven biển.", [("chiếm", "Conflict.Attack")]),
    ("Bà mất năm 1990 tại Hà Nội.", [("mất", "Life.Die")]),
    ("Năm 1968, ông mất hai người con trong chiến tranh.", [("mất", "Life.Die"), ("chiến tranh", "Conflict.Attack")]),
    # "làm" takes a post only before one: not before "cho", "thuê", a date or what one makes
    # something into
    ("Năm 2005, lợi tức thấp làm cho IBM sa thải 14500 nhân viên.", [("sa thải", "Personnel.End-Position")]),
    ("Năm 1896, thực dân Pháp chọn Antananarivo làm trung tâm hành chính.", [("chọn", "Policy.Decide")]),
    ("ASCII được công bố làm tiêu chuẩn lần đầu vào năm 1963.", [("công bố", "Contact.Statement")]),
    ("Năm 1990, ông làm giám đốc công ty.", [("làm", "Personnel.Start-Position")]),
    # ... nor before a verb, a pronoun or a preposition (a cause, a material), nor a trade plied
    ("Năm 2021, trận động đất làm sập hàng trăm ngôi nhà.", [("động đất", "Disaster.Natural"), ("sập", "Disaster.Natural")]),
    ("Hillary làm nghề nuôi ong từ năm 1990.", []),
    ("Năm 1995, các viên gạch được làm từ xenlulozơ.", []),
    ("Năm 1226, Trần Thủ Độ làm Thái sư.", [("làm", "Personnel.Start-Position")]),
    # idioms tell no event; an aspectual word yields to the event it carries
    ("Chiến thắng năm 1975 đánh dấu một bước ngoặt lịch sử.", [("Chiến thắng", "Other")]),
    ("Nói thật, năm 2020 mình rất buồn.", []),
    # ... nor does a thing whose name holds a trigger word with the word before or after it
    ("Anh Bảo vô địch đơn nam giải bóng bàn các câu lạc bộ toàn quốc.", [("vô địch", "Other")]),
    ("Anh là nhà vô địch thế giới.", []),
    ("Sáng Chủ nhật trời rét cắt da, tầm 9 giờ nhà trai đến.", []),
    ("Cá chết được đưa đi chôn lấp tại bãi rác Đá Mài.", [("đưa đi chôn lấp", "Other")]),
    # ... "báo" the newspaper is no report; "báo" to report stays one
    ("Năm 1992, tờ báo Đất Mới bị đóng cửa.", [("đóng cửa", "Business.End-Org")]),
    ("Bài viết đăng trên trang báo điện tử của huyện từ tháng 5.", [("đăng", "Contact.Statement")]),
    ("Ông Hùng báo cho công an ngay trong đêm.", [("báo", "Contact.Phone-Write")]),
    # ... nor the youngest of a family ("cô út"), nor letting off steam
    ("Hôm qua cô út từ Đà Nẵng bay ra thăm.", [("bay", "Movement.Transport"), ("thăm", "Contact.Meet")]),
    ("Tối qua đi xem phim với bạn, coi như xả stress.", [("xem phim", "Other")]),
    ("Năm 1880, Elgar bắt đầu học piano.", [("học", "Other")]),
    ("Năm 1943, quân Đức tiếp tục tấn công Stalingrad.", [("tấn công", "Conflict.Attack")]),
    # ... not a saying of its own
    ("Ngày 2 tháng 9 năm 1945, Bác nói chuyện với đồng bào.", [("nói chuyện", "Contact.Meet")]),
    # a launch, a name given, a record set, a win in an election are Other; a battle won stays an attack
    ("Năm 2007, hãng ra mắt mẫu điện thoại mới.", [("ra mắt", "Other")]),
    ("Năm 1967, chiếc máy bay được đặt tên lại là 737-200.", [("đặt tên lại", "Other")]),
    ("Năm 2004, anh lập kỷ lục thế giới ở nội dung 100 m.", [("lập kỷ lục", "Other")]),
    ("Năm 1996, ông đánh bại ứng cử viên Đảng Cộng hòa với 55% số phiếu.", [("đánh bại", "Other")]),
    ("Năm 1789, quân Tây Sơn đánh bại quân Thanh.", [("đánh bại", "Conflict.Attack")]),
    # a regime set up is an organisation started, diplomatic ties set up an agreement; a
    # handover changes hands
    ("Năm 1968, ông thiết lập một chế độ hà khắc.", [("thiết lập", "Business.Start-Org")]),
    ("Năm 1994, Việt Nam và Peru thiết lập quan hệ ngoại giao.", [("thiết lập", "Contact.Agreement")]),
    ("Năm 1997, Anh chuyển giao Hồng Kông cho Trung Quốc.", [("chuyển giao", "Transaction.Transfer-Ownership")]),
    # a storm's landfall is the disaster; troops landing stay a movement
    ("Tháng 9 năm 2024, cơn bão Yagi đổ bộ vào Quảng Ninh.", [("bão", "Disaster.Natural"), ("đổ bộ", "Disaster.Natural")]),
    ("Năm 1076, quân Lý Thường Kiệt đổ bộ lên châu Khâm.", [("đổ bộ", "Movement.Transport")]),
    # a rate or an index counts happenings and tells none; the happening itself stays
    ("Năm 2000, tỷ lệ tử vong của trẻ sơ sinh ở vùng núi còn cao.", []),
    ("Năm 2015, tỉ lệ sinh ở Nhật Bản giảm mạnh.", []),
    ("Năm 1990, bà tử vong ở tuổi 80.", [("tử vong", "Life.Die")]),
    # ... past the counted words between ("tỷ lệ các vụ"); an amount ("mức phạt") and sales
    # ("doanh số bán") are measures too
    ("Năm 2003, Colombia có tỷ lệ các vụ giết người cao nhất thế giới.", []),
    ("Năm 2027, đoàn kiểm tra phạt 30 hộ, mức phạt từ 500.000 đồng.", [("phạt", "Justice.Fine")]),
    ("Năm 1925, doanh số bán Model T giảm mạnh.", []),
])
def test_a_word_names_no_event_by_what_follows_it(run, text, expected):
    assert [(e.trigger_text, e.type) for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # a trigger read inside an event's name reaches back over the name's capitalised head
    ("Năm 1961, Khrushchev gặp Kennedy tại Hội nghị thượng đỉnh Vienna.", "Hội nghị thượng đỉnh"),
    # ... not over a lower-case word before it
    ("Trong cuộc Chiến tranh Nga-Thổ, quân Nga đánh bại quân Thổ.", "Chiến tranh"),
    # a name the segmenter glued to a verb is no part of the trigger ("Brasil đoạt")
    ("Năm 1994, Brasil đoạt chức vô địch World Cup.", "đoạt"),
])
def test_a_trigger_inside_an_event_name_starts_at_its_head(run, text, expected):
    assert expected in [e.trigger_text for e in run(text).events]


@pytest.mark.parametrize("text, expected", [
    # people and things are no events: nouns neither lexicon knows as a trigger are dropped
    # ("Ngồi tàu", which the model read at the lower threshold unlisted words had before the
    # twelfth round, is lost with the nouns; "Nhận tin báo" is a message received, senses.receiving)
    ("Hồi tháng 5 hai vợ chồng bay vào xem nhà mấy lần.", ["bay"]),
    ("Ngồi tàu gần 16 tiếng, bé Na say xe nôn hai lần.", ["nôn"]),
    ("Nhận tin báo, công an điều hơn 40 cán bộ, chiến sĩ và 6 xe cứu thương đến hiện trường.",
     ["Nhận tin báo", "điều"]),
])
def test_a_noun_no_lexicon_knows_is_no_trigger(run, text, expected):
    assert [e.trigger_text for e in run(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    # evacuating people is moving them (GUIDELINE.md), not a withdrawal of forces
    ("Ngày 21 tháng 10 năm 2027, xã sơ tán 300 hộ dân.", [("sơ tán", "Movement.Transport")]),
    ("Năm 1995, công ty sa thải 200 công nhân.", [("sa thải", "Personnel.End-Position")]),
    ("Năm 2005, Lenovo mua lại bộ phận máy tính của IBM.", [("mua lại", "Transaction.Transfer-Ownership")]),
    ("Năm 1009, Lý Công Uẩn lập nhà Lý.", [("lập", "Business.Start-Org")]),
    # a gift offered changes hands; a memorial submitted is a letter
    ("Năm 1010, sứ thần nước Chiêm Thành dâng một con voi trắng.", [("dâng", "Transaction.Transfer-Ownership")]),
    ("Năm 1789, Ngô Thì Nhậm dâng sớ lên vua Quang Trung.", [("dâng sớ", "Contact.Phone-Write")]),
])
def test_lexicon_types_follow_the_guideline(lexicon_run, text, expected):
    assert [(e.trigger_text, e.type) for e in lexicon_run(text).events] == expected


def test_modality_and_negation_are_fields(lexicon_run):
    evs = lexicon_run("Ngày 2 tháng 3 năm 1975, Liên Xô không gửi quân tới Angola. Họ muốn tấn công thành phố.").events
    assert [(e.type, e.negated, e.modality) for e in evs] == [
        ("Conflict.Deploy", True, None), ("Conflict.Attack", False, "desired")]


@pytest.mark.parametrize("text, expected", [
    # what almost happened did not ("suýt"); a plan told informally ("tính") is desired; a
    # demand ("đòi") proposes what it demands; a condition ("nếu") makes its clause conditional
    ("Hôm qua, tôi suýt hủy hợp đồng.", [("hủy", None, True)]),
    ("Sáng nay, hàng chục khách hàng đòi công ty trả lại tiền cọc.", [("trả lại", "proposed", False)]),
    ("Nếu sàn không xử lý thì em tính làm đơn gửi hội bảo vệ người tiêu dùng.",
     [("xử lý", "conditional", True), ("gửi", "desired", False)]),
])
def test_modality_cues_of_news_and_posts(run, text, expected):
    assert [(e.trigger_text, e.modality, e.negated) for e in run(text).events] == expected


def test_event_offsets_point_into_text(run):
    text = "Ngày 27 tháng 10 năm 1962 trời mưa.\nSáng hôm sau, 28 tháng 10, Khrushchev tuyên bố rút tên lửa khỏi Cuba."
    result = run(text)
    for ev in result.events:
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger_text
        assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    ev = next(e for e in result.events if e.trigger_text == "tuyên bố")
    assert ev.time.value == "1962-10-28TMO" and ev.time.timex_id == "T2"


def test_reference_events(run, reference):
    from pipeline.evaluate import score_events
    text, gold = reference
    scores = score_events(gold, run(text, doc_id="ref").to_dict())
    assert scores["event_dated_r"] >= 0.80
    assert scores["event_dated_f1"] >= 0.70  # the target of the events issue on unseen text
    assert scores["timeline_dates_f1"] >= 0.90


def _links(result):
    return [(e.trigger_text, [(link.relation, next(o.trigger_text for o in result.events if o.id == link.event_id),
                               link.signal) for link in e.tlinks]) for e in result.events]


@pytest.mark.parametrize("text, expected", [
    # a connective orders an event against the one told before it
    ("Năm 1954, quân Pháp rút khỏi Hà Nội, sau đó quân ta tiến vào thành phố.",
     [("rút khỏi", []), ("tiến vào", [("AFTER", "rút khỏi", "sau đó")])]),
    ("Pháp ký hiệp định năm 1946. Trước đó, hai bên đàm phán nhiều tháng.",
     [("ký", []), ("đàm phán", [("BEFORE", "ký", "Trước đó")])]),
    # a subordinate clause: the main clause's event follows or precedes its event
    ("Năm 1946, sau khi ký hiệp định, Pháp rút quân khỏi Trùng Khánh.",
     [("ký", []), ("rút quân", [("AFTER", "ký", "sau khi")])]),
    ("Pháp rút quân khỏi Trùng Khánh sau khi ký hiệp định.",
     [("rút quân", [("AFTER", "ký", "sau khi")]), ("ký", [])]),
    ("Quân Minh đốt phá thành trước khi rút về nước.",
     [("đốt phá", [("BEFORE", "rút về", "trước khi")]), ("rút về", [])]),
    # no connective, or a paragraph between: no order
    ("Năm 1954, quân Pháp rút khỏi Hà Nội. Quân ta tiến vào thành phố.", [("rút khỏi", []), ("tiến vào", [])]),
    ("Năm 1954, quân Pháp rút khỏi Hà Nội.\n\nSau đó, quân ta tiến vào thành phố.", [("rút khỏi", []), ("tiến vào", [])]),
])
def test_order_the_text_states(run, text, expected):
    assert _links(run(text)) == expected


def test_a_glued_name_is_told_from_a_word_in_either_tone_spelling():
    from pipeline.events.triggers import _glued_word
    # the dictionary spells "hoà bình"; a text's "Hòa bình" is the same word, not a name glued to "bình"
    assert not _glued_word("Hòa bình") and not _glued_word("Hoà bình") and not _glued_word("Công trình")
    assert _glued_word("Brasil đoạt") and _glued_word("Hunter sinh")


@pytest.mark.parametrize("text, expected", [
    # events the lexicon lacked until the nineteenth round (read from event sets 17 and 18)
    ("Ngày 5/3, công ty đã xin lỗi khách hàng vì sự cố.", [("xin lỗi", "Contact.Statement")]),
    ("Năm 1913, Nghê Tự Xung kế tục ông làm đốc quân.", [("kế tục", "Personnel.Start-Position")]),
    ("Năm 1937, Stalin thanh trừng hàng loạt tướng lĩnh.", [("thanh trừng", "Conflict.Attack")]),
    ("Tháng 6, công ty Sao Mai gọi vốn thành công 5 triệu USD.", [("gọi vốn", "Transaction.Transfer-Money")]),
    ("Hàng trăm người tụ tập trước trụ sở ủy ban.", [("tụ tập", "Conflict.Demonstrate")]),
    # ... and until the twentieth (read from event set 19)
    ("Sáng qua, một tàu hàng mắc cạn ở luồng Soài Rạp.", [("mắc cạn", "Other")]),
    ("Báo chí châu Âu ca ngợi chiến thắng của Skanderbeg.", [("ca ngợi", "Contact.Statement"), ("chiến thắng", "Other")]),
    ("Năm 2008, nhóm phiến quân bắt cóc hai kỹ sư.", [("bắt cóc", "Conflict.Attack")]),
])
def test_new_lexicon_words_are_events(run, text, expected):
    assert [(e.trigger_text, e.type) for e in run(text).events] == expected


@pytest.mark.parametrize("text, trigger, place", [
    # a relative clause "nơi" opens after a place tells what happened there: that place, not
    # one named earlier in the sentence ("tại Anh") nor none
    ("Gia đình muốn con lớn lên tại Anh, nên họ trở về Bristol, nơi cậu bé được sinh ra năm 1920.",
     "sinh ra", "Bristol"),
    ("Bà Lan chuyển đến Đà Lạt, nơi bà mở một tiệm bánh vào năm 1990.", "mở", "Đà Lạt"),
    # ... the first of the places that narrow it, or the one a "tại" puts another in
    ("Năm 1801, ông được gửi đến trường Harrow tại London, nơi ông học đến năm 1805.", "học", "Harrow"),
    ("Năm 1950, họ về Bến Tre, Việt Nam, nơi ông mở một trường học.", "mở", "Bến Tre"),
    # ... its own place after the trigger stands
    ("Ông chuyển đến Huế, nơi ông làm việc tại Quốc Tử Giám từ năm 1820.", "làm việc", "Quốc Tử Giám"),
    # ... nor an owner's: the centre is meant, not the country it belongs to
    ("Kamakura là trung tâm chính trị của Nhật Bản, nơi các tướng quân đặt đại bản doanh.", "đặt", None),
    # ... and "nơi đây" names none
    ("Năm 1945, quân Nhật rời Huế, nơi đây trở thành căn cứ của Việt Minh.", "rời", None),
])
def test_a_relative_clause_after_a_place_happens_there(run, text, trigger, place):
    ev = next(e for e in run(text).events if e.trigger_text == trigger)
    assert (ev.location[1] if ev.location else None) == place



@pytest.mark.parametrize("text, trigger, expected", [
    # a game's noun after a verb of the game, right after it or after a locative word: the
    # sides are that verb's agent and theme, both agents of the game
    ("Năm 1975, Ashe đánh bại Jimmy Connors trong trận chung kết.", "trận chung kết",
     [("Ashe", "agent"), ("Jimmy Connors", "agent")]),
    ("Tối qua, Phương Nam thắng Hải Đăng 3-1 ở trận bán kết.", "trận bán kết",
     [("Phương Nam", "agent"), ("Hải Đăng", "agent")]),
    ("Roma lọt vào trận chung kết Cúp C1 năm 1980.", "trận chung kết", [("Roma", "agent")]),
    # ... not a war one fought in, nor a game after a comma
    ("Năm 1916, Tolkien tham gia quân đội Anh trong chiến tranh thế giới thứ nhất.", "chiến tranh", []),
])
def test_a_game_after_its_verb_has_its_sides(run, text, trigger, expected):
    ev = next(e for e in run(text).events if e.trigger_text == trigger)
    assert sorted((p.canonical, p.role) for p in ev.participants if p.role in ("agent", "theme")) == sorted(expected)


@pytest.mark.parametrize("text, name, trigger", [
    # a one-syllable name the segmenter glued to the verb after a fronted date or a comma is
    # cut from it: the name is a party, the verb an event
    ("Năm 1841 William chuyển đến Worcester.", "William", "chuyển đến"),
    ("Năm 1980, Roma lọt vào trận chung kết.", "Roma", "lọt vào"),
    ("Sáng thứ Bảy, Khôi thắng kỳ thủ Võ Ngọc Trâm.", "Khôi", "thắng"),
])
def test_a_name_glued_to_the_verb_after_a_fronted_date_is_its_subject(run, text, name, trigger):
    result = run(text)
    assert name in [e.text for e in result.entities]
    ev = next(e for e in result.events if e.trigger_text == trigger)
    assert [p.canonical for p in ev.participants if p.role == "agent"] == [name]


def test_a_capital_glued_to_a_word_stays_whole_where_it_is_one():
    from pipeline import load
    nlp = load()
    words = lambda text: [t.text for t in nlp.tokenizer(text)]
    # a dictionary word in either tone spelling, a word the next syllable begins ("đảo chính"),
    # and lower-case syllables inside a name go on as they were
    assert "Ủy ban nhân dân" in words("Năm 2020, Ủy ban nhân dân tỉnh họp.")
    assert "Nhật" not in words("Năm 1945, Nhật đảo chính Pháp.")
    assert "Mar del" in words("Năm 1978, Mar del Plata đăng cai.")


@pytest.mark.parametrize("text, expected", [
    # a directional alone between a person, its subject, and a place is the person's movement
    # (the tagger reads a preposition there)
    ("Năm 1966, Che đến Praha.", [("đến", "Movement.Transport", "1966")]),
    ("Năm 1920, Lan sang Pháp.", [("sang", "Movement.Transport", "1920")]),
    # ... not after a verb whose object the name is
    ("Năm 1910, cư dân sáp nhập Hollywood vào Los Angeles.", []),
])
def test_a_person_going_to_a_place_moves(run, text, expected):
    got = [(e.trigger_text, e.type, e.time.value if e.time else None) for e in run(text).events
           if e.type == "Movement.Transport"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # growth as a state or a field is no happening ...
    ("Tham nhũng cản trở sự phát triển của Cameroon.", []),
    ("Năm 2018, Malaysia trở thành một nước phát triển.", []),
    ("Vùng núi vẫn kém phát triển.", []),
    # ... developing something, or a place growing, is
    ("Năm 1976, Wozniak phát triển một bản BASIC cho con chip.", ["phát triển"]),
    ("Năm 1880, một khu định cư đã phát triển quanh khu vực này.", ["phát triển"]),
])
def test_growth_as_a_state_is_no_event(run, text, expected):
    assert [e.trigger_text for e in run(text).events if "phát triển" in e.trigger_text] == expected
