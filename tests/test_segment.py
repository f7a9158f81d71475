"""Tokenizer fidelity, sentence splitting, and CRF tags identical to underthesea's ner()."""
from __future__ import annotations

import pytest

FIDELITY = [
    "",
    " ",
    "\n\n",
    "Xin chào  thế giới.",
    "  Hai  khoảng trắng\tvà tab\t.",
    "Hồ Chí\nMinh là một thành phố.",
    "Hoà bình và hòa bình, thuý và thúy.",
    "Tôi 😀 thích phở 🍜!!!",
    "Dòng một\r\nDòng hai\rDòng ba",
    "Giá 1.000.000 đồng, ngày 02/09/1945, lúc 14:30.",
    "Email: abc@example.com và http://vi.wikipedia.org/wiki/Hà_Nội .",
    "“Trích dẫn” (ngoặc) [vuông] … kết thúc",
    "a\u00a0b\u2003c",
]


@pytest.mark.parametrize("text", FIDELITY)
def test_doc_text_is_input(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_words_and_offsets(nlp):
    text = "Bác sĩ bây giờ có thể thản nhiên báo tin."
    doc = nlp.make_doc(text)
    assert [(t.text, t.idx) for t in doc] == [
        ("Bác sĩ", 0), ("bây giờ", 7), ("có thể", 15), ("thản nhiên", 22), ("báo", 33), ("tin", 37), (".", 40)]


@pytest.mark.parametrize("text, words", [
    # a word glued across a name's end is cut where the capitals stop
    ("Quý Ly giết vua.", ["Quý Ly", "giết", "vua", "."]),
    # a dotted title is cut from the name the segmenter glued it to; an initial is not
    ("PGS.TS Vũ Thành Long phát biểu.", ["PGS.TS", "Vũ Thành Long", "phát biểu", "."]),
    ("Năm 1802, Nguyễn Ánh thua trận.", ["Năm", "1802", ",", "Nguyễn Ánh", "thua", "trận", "."]),
    # words glued to a name in capitals after them
    ("Tối qua, đội thắng CLB Sao Biển.", ["Tối qua", ",", "đội", "thắng", "CLB", "Sao Biển", "."]),
    # one syllable is never cut, whatever its letters
    ("అA", ["అA"]),
    # not when the last capital and the next syllable make a word: "chỉ huy"
    ("Bộ Chỉ huy quân sự tỉnh họp.", ["Bộ Chỉ huy", "quân sự", "tỉnh", "họp", "."]),
])
def test_a_name_glued_to_a_word_is_cut(nlp, text, words):
    assert [t.text for t in nlp.make_doc(text) if not t.is_space] == words


@pytest.mark.parametrize("text", ["Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư",
                                  "Chợ thịt chó nổi tiếng ở TPHCM bị truy quét",
                                  "Hội nghị thượng đỉnh Vienna diễn ra năm 1961"])
def test_words_match_underthesea(nlp, text):
    from underthesea import word_tokenize
    assert [t.text for t in nlp.make_doc(text) if not t.is_space] == word_tokenize(text)


@pytest.mark.parametrize("text, sentences", [
    ("Năm 1961 ông gặp John F. Kennedy. Sau đó ông về nước.",
     ["Năm 1961 ông gặp John F. Kennedy.", "Sau đó ông về nước."]),
    ("Hiệp ước của NATO. Liên Xô phản đối.", ["Hiệp ước của NATO.", "Liên Xô phản đối."]),
    ("Dòng thứ nhất\nDòng thứ hai", ["Dòng thứ nhất", "Dòng thứ hai"]),
    ("Ông nói: “Chúng ta sẽ thắng.” Mọi người vỗ tay.",
     ["Ông nói: “Chúng ta sẽ thắng.”", "Mọi người vỗ tay."]),
    ("Ở TP. Hồ Chí Minh trời mưa. Hà Nội nắng.", ["Ở TP. Hồ Chí Minh trời mưa.", "Hà Nội nắng."]),
    ("Giá là 1.000 đồng.", ["Giá là 1.000 đồng."]),
    # a dot glued to the next sentence, as text copied without its spaces has it
    ("Anh gia nhập Inter Milan.Nhưng Liverpool mới là đội để ý nhất.",
     ["Anh gia nhập Inter Milan.", "Nhưng Liverpool mới là đội để ý nhất."]),
    ("Trang VnExpress.net đưa tin. Ông A.Nguyễn đến sau.", ["Trang VnExpress.net đưa tin.", "Ông A.Nguyễn đến sau."]),
    ("Ông ở TP.HCM.Sau đó ông về quê.", ["Ông ở TP.HCM.Sau đó ông về quê."]),
    # a reference mark after the dot; an abbreviation's dot ends no sentence
    ("Bà là con gái một thương gia.[6] Vào năm 1760, bà lấy chồng.",
     ["Bà là con gái một thương gia.[6]", "Vào năm 1760, bà lấy chồng."]),
    ("Ông đến St. Louis năm 1990. Bà gặp Dr. Smith ở đó.", ["Ông đến St. Louis năm 1990.", "Bà gặp Dr. Smith ở đó."]),
])
def test_sentences(nlp, text, sentences):
    doc = nlp.make_doc(text)
    got = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert got == sentences


def test_long_run_without_breaks_is_cut(nlp):
    from pipeline.text.tokenizer import MAX_SENTENCE_SYLLABLES
    text = " ".join(["từ"] * (MAX_SENTENCE_SYLLABLES * 2 + 5))
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_SYLLABLES


SENTENCES = [
    "Ông Putin ca ngợi những thành tựu vĩ đại của Liên Xô.",
    "Năm 1961, Bí thư Thứ nhất Nikita Khrushchev gặp Kennedy tại Vienna.",
    "Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Quảng trường Ba Đình ngày 2 tháng 9 năm 1945.",
    "Quân đội Nhân dân Việt Nam tiến vào Sài Gòn sáng 30/4/1975.",
    "Nghi vấn 4 thi thể Triều Tiên trôi dạt bờ biển Nhật Bản.",
    "Trận Điện Biên Phủ kết thúc ngày 7 tháng 5 năm 1954 với thắng lợi của Việt Minh.",
    "Bộ trưởng Ngoại giao Mỹ Dean Rusk gặp Đại sứ Anatoly Dobrynin ở Washington.",
    "Thủ tướng Phạm Văn Đồng ký Hiệp định Genève năm 1954.",
    "Tàu Liên Xô quay trở lại, còn tàu Mỹ tiếp tục tuần tra gần Cuba.",
    "Nhà Trắng và Điện Kremlin thiết lập đường dây nóng sau khủng hoảng.",
    "Hoá đơn được thanh toán vào thứ Hai, 22/10.",
    "UBND TP.HCM họp báo lúc 14h30 chiều nay.",
]


def test_tags_identical_to_underthesea_ner(nlp):
    """The compiled-featuriser taggers give exactly what underthesea.ner() gives."""
    from underthesea import ner
    from pipeline.text.tagger import CRFTagger
    tagger = CRFTagger()
    for text in SENTENCES:
        doc = tagger(nlp.make_doc(text))
        # ner() returns normalised words ("Hoá" -> "Hóa"); the Doc keeps the text and has them as norm_
        mine = [(t.norm_, t.tag_, t._.chunk, t._.crf_ner) for t in doc if not t.is_space]
        assert mine == [tuple(x) for x in ner(text)], text


def test_tags_identical_on_reference(nlp, reference):
    from underthesea import ner
    from pipeline.text.tagger import CRFTagger
    text, _ = reference
    doc = CRFTagger()(nlp.make_doc(text))
    sents = [s for s in doc.sents if s.text.strip()]
    assert len(sents) == 54
    for s in sents:
        mine = [(t.text, t.tag_, t._.chunk, t._.crf_ner) for t in s if not t.is_space]
        assert mine == [tuple(x) for x in ner(s.text)]
