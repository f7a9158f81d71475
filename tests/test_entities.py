"""Entity spans, labels, titles and alias links on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

TABLE = Path(__file__).parent / "data" / "entities_vi.tsv"


def _rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, reason = (line.split("\t") + ["", ""])[:3]
        items = [tuple(x.strip().rsplit("|", 1)) for x in expected.split(";;") if x.strip()]
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason.strip() else []
        yield pytest.param(text, items, marks=marks, id=text[:40])


@pytest.mark.parametrize("text, expected", list(_rows()))
def test_entity_table(run, text, expected):
    result = run(text)
    got = {(e.text, e.label, e.start) for e in result.entities}
    want = {(surface, label, text.index(surface)) for surface, label in expected}
    assert got == want


def test_spans_point_into_text(run):
    text = "Năm 1961, Bí thư Thứ nhất Nikita Khrushchev gặp Kennedy tại Vienna."
    result = run(text)
    for e in result.entities:
        assert text[e.start:e.end] == e.text
    assert [(e.text, e.label) for e in result.entities] == [
        ("Nikita Khrushchev", "PER"), ("Kennedy", "PER"), ("Vienna", "LOC")]
    assert result.entities[0].title == "Bí thư Thứ nhất"


def test_titles_outside_spans(run):
    text = "Bộ trưởng Tư pháp Robert Kennedy gặp Đại sứ Liên Xô tại Hoa Kỳ, Anatoly Dobrynin."
    ents = {e.text: e for e in run(text).entities}
    assert ents["Robert Kennedy"].title == "Bộ trưởng Tư pháp"
    assert ents["Anatoly Dobrynin"].title == "Đại sứ Liên Xô tại Hoa Kỳ"
    assert ents["Liên Xô"].label == "GPE" and ents["Hoa Kỳ"].label == "LOC"


def test_a_title_the_segmenter_glued_to_the_name_is_cut_off(run):
    # underthesea joins "Sultan Saladin" into one word: the title is no part of the name
    ents = {e.text: e for e in run("Năm 1187, Sultan Saladin đánh bại quân Thập tự chinh.").entities}
    assert "Sultan Saladin" not in ents
    assert ents["Saladin"].label == "PER" and ents["Saladin"].title == "Sultan"
    assert (ents["Saladin"].start, ents["Saladin"].end) == (17, 24)


def test_aliases_linked(run):
    text = ("Nikita Khrushchev gặp Kennedy. Sau đó Khrushchev về Mỹ? Không, Hoa Kỳ là của Kennedy. "
            "Bộ trưởng Robert Kennedy nói chuyện với Khrushchev. Nato họp.")
    ents = run(text).entities
    canon = {}
    for e in ents:
        canon.setdefault(e.text, set()).add(e.canonical)
    assert canon["Khrushchev"] == {"Nikita Khrushchev"}
    assert canon["Kennedy"] == {"Kennedy"}  # no full name before its first use: its own referent
    assert canon["Robert Kennedy"] == {"Robert Kennedy"}
    assert canon["Mỹ"] == canon["Hoa Kỳ"] == {"Hoa Kỳ"}
    assert canon["Nato"] == {"NATO"}


def test_russia_is_ussr_when_the_text_names_it(run):
    with_ussr = {e.text: e.canonical for e in run("Liên Xô và người Nga ủng hộ Cuba.").entities}
    assert with_ussr["Nga"] == "Liên Xô"
    alone = {e.text: e.canonical for e in run("Người Nga ủng hộ Ukraina? Không, Nga tấn công Ukraina.").entities}
    assert alone["Nga"] == "Nga"


def test_no_dates_or_function_words_in_names(run):
    text = "Kennedy bị coi là yếu kém do xử lý cuộc xâm lược Vịnh Con lợn năm 1961."
    ents = run(text).entities
    assert [(e.text, e.label) for e in ents] == [("Kennedy", "PER"), ("cuộc xâm lược Vịnh Con lợn", "EVENT")]


def test_reference_entities(run, reference):
    """Exact-span F1 over PER, LOC (GPE counted as LOC) and ORG on the reference text."""
    from pipeline.evaluate import score_entities
    text, gold = reference
    scores = score_entities(gold, run(text, doc_id="ref").to_dict())
    assert scores["entity_exact_f1"] >= 0.88
    for label in ("PER", "LOC", "ORG"):
        assert scores[f"entity_{label}_f1"] >= 0.80
    assert scores["alias_pair_f1"] >= 0.9


def test_a_company_with_its_legal_form_after_a_comma(run):
    text = "Akamai Technologies, Inc. là công ty Mỹ. Năm 2010, Akamai mở văn phòng ở Ấn Độ."
    got = [(e.text, e.label, e.start, e.canonical) for e in run(text).entities if e.label == "ORG"]
    assert got == [("Akamai Technologies, Inc.", "ORG", 0, "Akamai Technologies, Inc."),
                   ("Akamai", "ORG", 51, "Akamai Technologies, Inc.")]


def test_a_person_named_in_full_is_meant_by_the_last_name_alone(run):
    from pipeline.entities.mentions import Mention, repeated_names
    text = "Fritz Haber nhận giải năm 1918. Sau đó Haber rời Berlin. Công ty Haber Partners, quá trình Haber-Bosch."
    found = repeated_names(text, [Mention(0, 11, "PER", "crf")])
    # the third "Haber" is inside a longer capitalised name, the fourth in a hyphenated word
    assert [(text[m.start:m.end], m.label, m.canonical, m.evidence) for m in found] == [
        ("Fritz Haber", "PER", None, ()), ("Haber", "PER", "Fritz Haber", ("per:repeated",))]


def test_a_person_named_by_one_uncommon_word_is_meant_wherever_it_recurs():
    from pipeline.entities.mentions import Mention, repeated_names
    text = "Năm 1988, Ashe phát hiện mình bị bệnh. Ashe mất năm 1993. Tòa xử vụ án. Tòa án tỉnh họp."
    # "Ashe" (seen as a person once) recurs alone; "Tòa", a common word misread as a name, does not
    found = repeated_names(text, [Mention(10, 14, "PER", "crf"), Mention(58, 61, "PER", "crf")],
                           lambda w: w.lower() in {"tòa"})
    assert [(text[m.start:m.end], m.start, m.evidence) for m in found] == [
        ("Ashe", 10, ()), ("Ashe", 39, ("per:repeated",)), ("Tòa", 58, ())]


def test_a_club_found_in_a_game_is_the_same_club_where_it_recurs(run):
    text = "Cầu thủ của Cánh Buồm Thái Bình ghi bàn ở phút cuối. Chiều Chủ nhật, Cánh Buồm Thái Bình về lại Hà Nội."
    got = [(e.text, e.label, e.start) for e in run(text).entities]
    second = text.index("Cánh Buồm", 20)
    assert got == [("Cánh Buồm Thái Bình", "ORG", 12), ("Cánh Buồm Thái Bình", "ORG", second), ("Hà Nội", "LOC", 96)]


def test_a_foreign_surname_recurs_as_a_person_in_a_document(run):
    text = "Năm 1988, Ashe phát hiện ra mình bị nhiễm virus HIV. Ashe mất vì biến chứng từ AIDS vào ngày 6 tháng 2 năm 1993."
    assert [(e.text, e.label, e.start) for e in run(text).entities if e.text == "Ashe"] == [
        ("Ashe", "PER", 10), ("Ashe", "PER", 53)]


def test_a_leader_after_a_word_ending_in_a_unit_syllable_stays_a_person(run):
    # "chính phủ Carter": "phủ" (a prefecture) is a syllable of "chính phủ", no unit before the name
    text = "Dù Carter ca ngợi nhà vua, khi các cuộc nổi dậy bùng nổ ở Iran, chính phủ Carter đã không can thiệp."
    got = [(e.text, e.label, e.start) for e in run(text).entities]
    assert got == [("Carter", "PER", 3), ("Iran", "LOC", text.index("Iran")), ("Carter", "PER", text.index("Carter", 10))]


def test_the_speakers_of_a_chat_are_people(run):
    text = ("Nhóm Zalo: Lớp 12A1\nLan: Cuối tuần này đi cà phê không?\nTùng: Tui bận, Chủ nhật được hông?\n"
            "Cô Hạnh GVCN: Các em nhớ nộp bài nhé.\nLan: Ok, rủ thêm Tùng với Khoa nha.")
    got = [(e.text, e.start, e.label) for e in run(text).entities if "cue:speaker" in e.evidence]
    # each speaker's name, past the title and the role ("Cô Hạnh GVCN"), and a speaker named
    # again ("rủ thêm Tùng"); not the chat's title on the first line
    assert got == [("Lan", 20, "PER"), ("Tùng", 56, "PER"), ("Hạnh", 94, "PER"), ("Lan", 129, "PER"),
                   ("Tùng", 146, "PER")]


def test_labels_of_a_post_are_no_speakers(run):
    # labels said once each ("Địa điểm:", "Giá:", "Ghi chú:") make no chat: no person
    text = "Review quán mới\nĐịa điểm: phố Huế, Hà Nội\nGiá: 45k một ly\nGhi chú: đến sớm\nGiờ mở cửa: 7h"
    assert [e.text for e in run(text).entities if e.label == "PER"] == []


def test_a_posts_tag_is_cut_off_the_name_it_runs_into(run):
    # "[Review]" and "[Nhóm Zalo]" open the post's title; the name starts after them
    assert [(e.text, e.start) for e in run("[Review] Bếp Mộc ở phố Huế ngon lắm.").entities][:1] == [("Bếp Mộc", 9)]
    text = "[Nhóm Zalo] Cư dân Khu phố 3\nAnh Tài: mai cắt điện nha."
    assert all(not e.text.startswith(("Nhóm", "Zalo")) for e in run(text).entities)
