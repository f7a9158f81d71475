"""The shipped CRF trigger model (models/events/trigger_crf_vhe_*): it loads, tags
chronicle-style sentences written for these tests, and a broken folder is a ResourceError.
Sentences are given as the pipeline's tokenizer and POS tagger cut them (syllables of one
word joined by "_"), so the table tests the model alone and needs neither ../shared nor
underthesea's models.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ResourceError
from pipeline.events.model import (COLUMNS, FEATURES_FILE, LEXICON_FILE, MODEL_FILE, TriggerTagger, bio_spans,
                                    check_template, repair)

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "models" / "events").glob("trigger_crf_vhe_*"))
MODEL_DIR = MODELS[-1] if MODELS else ROOT / "models" / "events" / "trigger_crf_vhe_missing"


@pytest.fixture(scope="session")
def tagger():
    return TriggerTagger(MODEL_DIR).load()


def _words(sentence: str) -> tuple[list[str], list[str]]:
    pairs = [tok.rsplit("/", 1) for tok in sentence.split()]
    return [w.replace("_", " ") for w, _ in pairs], [p for _, p in pairs]


def _triggers(tagger, sentence: str) -> list[tuple[str, str]]:
    """(label, word) of every word not tagged O."""
    words, pos = _words(sentence)
    labels = tagger.tag(words, pos)
    assert len(labels) == len(words)
    return [(lab, w) for w, lab in zip(words, labels) if lab != "O"]


def _xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


@pytest.mark.parametrize("sentence, expected", [
    ("Năm/N 1428/M ,/CH Lê_Lợi/Np lên_ngôi/V hoàng_đế/N ./CH",
     [("B-Personnel.Start-Position", "lên ngôi")]),
    ("Vua/N băng_hà/V ./CH", [("B-Life.Die", "băng hà")]),
    ("Mùa/Nc xuân/N ,/CH tháng_giêng/N ,/CH vua/N băng/N ở/E điện/N Trường_Xuân/Np ./CH",
     [("B-Life.Die", "băng")]),
    ("Thái_uý/N Lý_Thường_Kiệt/Np mất/V ./CH", [("B-Life.Die", "mất")]),
    ("Hoàng_tử/N sinh/V năm/N 1072/M ./CH", [("B-Life.Be-Born", "sinh")]),
    ("Vua/N gả/V công_chúa/V cho/E tù_trưởng/N ./CH", [("B-Life.Marry", "gả")]),
    ("Lấy/V Trần_Nguyên_Đán/Np làm/V Tư_đồ/N ./CH", [("B-Personnel.Start-Position", "làm")]),
    ("Năm/N 1010/M ,/CH vua/N Lý_Thái_Tổ/Np dời_đô/V từ/E Hoa_Lư/Np ra/V Thăng_Long/Np ./CH",
     [("B-Movement.Transport", "dời đô")]),
    ("Vua/N sai_tướng/N đem/V quân/N đi/V đánh/V Chiêm_Thành/Np ./CH", [("B-Conflict.Attack", "đánh")]),
    ("Tháng/N 6/M ,/CH vua/N thân_chinh/V đánh/V Chiêm_Thành/Np ,/CH bắt/V được/R vua/N Chiêm/Np là/V "
     "Chế_Củ/Np ./CH",
     [("B-Conflict.Attack", "đánh"), ("B-Justice.Arrest-Jail", "bắt")]),
    ("Vua/N sai/V sứ/N sang/V nhà/N Tống/Np dâng/V voi/N trắng/A ./CH",
     [("B-Transaction.Transfer-Ownership", "dâng")]),
    ("Xuống/V chiếu/N đại_xá/V thiên_hạ/N ./CH", [("B-Justice.Pardon", "đại xá")]),
    # VHE's natural-disaster and natural-phenomenon are Other in the contract
    ("Tháng/N 3/M ,/CH có/V nhật_thực/N ./CH", [("B-Other", "nhật thực")]),
    ("Mùa/N hạ/V ,/CH tháng/N 4/M ,/CH động_đất/N ./CH", [("B-Other", "động đất")]),
    # no event
    ("Đất_nước/N ta/P có/V nhiều/A núi_non/N hiểm_trở/A ./CH", []),
    pytest.param("Quân_Nguyên/Np sang/V xâm_lược/V nước/N ta/P ./CH", [("B-Conflict.Attack", "xâm lược")],
                 marks=_xfail("P(B-Conflict.Attack) is 0.09: 'xâm lược' is a training trigger (5 of 8 times) "
                              "but after 'đem quân' or 'quân Minh', never after a name and 'sang'; "
                              "the hand lexicon has it")),
    pytest.param("Bắt/V được/R tướng/N giặc/N ,/CH đem/V chém/V ./CH",
                 [("B-Justice.Arrest-Jail", "Bắt"), ("B-Justice.Execute", "chém")],
                 marks=_xfail("sentence-initial 'Bắt được' with no subject: P(B-Justice.Arrest-Jail) 0.38 "
                              "against P(O) 0.62; 'chém' is found")),
    pytest.param("Năm/N 1225/M ,/CH Lý_Chiêu_Hoàng/Np nhường_ngôi/V cho/E Trần_Cảnh/Np ./CH",
                 [("B-Personnel.End-Position", "nhường ngôi")],
                 marks=_xfail("'nhường ngôi' (abdicate) comes out Start-Position (0.41 against 0.14): its "
                              "prior says End-Position, but 'X verb-ngôi cho Y' reads as Y taking the throne")),
])
def test_chronicle_sentences(tagger, sentence, expected):
    assert _triggers(tagger, sentence) == expected


def test_labels_and_types(tagger):
    assert "O" in tagger.labels
    assert all(lab == "O" or lab[:2] in ("B-", "I-") for lab in tagger.labels)
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert set(tagger.types) <= set(meta["type_map"].values())
    assert {"Life.Die", "Conflict.Attack", "Personnel.Start-Position", "Other"} <= set(tagger.types)


def test_probabilities_follow_the_tags(tagger):
    words, pos = _words("Vua/N băng_hà/V ./CH")
    probs = tagger.trigger_probabilities(words, pos)
    assert len(probs) == 3 and all(0.0 <= p <= 1.0 for p in probs)
    assert probs[1] > 0.5 > max(probs[0], probs[2])


def test_knows_its_training_words(tagger):
    assert tagger.knows(["lên ngôi"]) and tagger.knows(["Băng"])
    assert not tagger.knows(["ném", "bom"])


def test_spans_and_edge_cases(tagger):
    words, pos = _words("Năm/N 1428/M ,/CH Lê_Lợi/Np lên_ngôi/V hoàng_đế/N ./CH")
    assert tagger.spans(words, pos) == [(4, 5, "Personnel.Start-Position")]
    assert tagger.tag([], []) == []
    with pytest.raises(ValueError):
        tagger.tag(["Vua", "băng hà"], ["N"])


def test_bio_helpers():
    assert repair(["I-Life.Die", "I-Life.Die", "I-Conflict.Attack", "O", "I-Life.Die"]) == \
        ["B-Life.Die", "I-Life.Die", "B-Conflict.Attack", "O", "B-Life.Die"]
    assert bio_spans(["B-Life.Die", "I-Life.Die", "O", "B-Other", "B-Other"]) == \
        [(0, 2, "Life.Die"), (3, 4, "Other"), (4, 5, "Other")]


def test_model_folder_is_documented():
    """Named <name>_<source>_<YYYYMMDD>, small, with the source, licence and citation."""
    assert MODELS, "no models/events/trigger_crf_vhe_* folder"
    stamp = MODEL_DIR.name.rsplit("_", 1)[1]
    assert len(stamp) == 8 and stamp.isdigit()
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 5_000_000
    readme = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("VHE", "Apache-2.0", "PACLIC 2024", "hoang-etal-2024-vhe", "aclanthology.org/2024.paclic-1.59"):
        assert needle in readme
    assert json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["name"] == MODEL_DIR.name


@pytest.mark.parametrize("template, ok", [
    ("T[0]", True), ("T[-1,0]", True), ("T[0][1]", True), ("T[-2][4].lower", True), ("T[0].istitle", True),
    ("T[0].upper", False), ("X[0]", False), ("T[a]", False), ("T[0][9]", False), ("T[0,1,2]", False),
    ("T[-9]", False), ("T[0", False), ("T[0][1", False), ("T[--1]", False),
])
def test_check_template(template, ok):
    assert (check_template(template) is None) is ok


# -- broken folders: each a copy of the shipped one with one thing wrong ------------------

def _truncate(d: Path):
    data = (d / MODEL_FILE).read_bytes()
    (d / MODEL_FILE).write_bytes(data[: len(data) - 1000])


def _garbage(d: Path):
    (d / MODEL_FILE).write_bytes(b"not a model at all")


def _features(change):
    def apply(d: Path):
        data = json.loads((d / FEATURES_FILE).read_text(encoding="utf-8"))
        change(data)
        (d / FEATURES_FILE).write_text(json.dumps(data), encoding="utf-8")
    return apply


@pytest.mark.parametrize("breakage", [
    pytest.param(lambda d: shutil.rmtree(d), id="folder missing"),
    pytest.param(lambda d: (d / MODEL_FILE).unlink(), id="model missing"),
    pytest.param(_truncate, id="model truncated"),
    pytest.param(_garbage, id="model garbage"),
    pytest.param(lambda d: (d / FEATURES_FILE).unlink(), id="features missing"),
    pytest.param(lambda d: (d / FEATURES_FILE).write_text("{templates: [", encoding="utf-8"), id="features not JSON"),
    pytest.param(_features(lambda f: f["templates"].append("T[0].upper")), id="unknown template attribute"),
    pytest.param(_features(lambda f: f["templates"].append("T[0][7]")), id="unknown column"),
    pytest.param(_features(lambda f: f.update(columns=list(COLUMNS[:5]))), id="other columns"),
    pytest.param(_features(lambda f: f.update(format="something.v9")), id="unknown format"),
    pytest.param(lambda d: (d / LEXICON_FILE).unlink(), id="lexicon missing"),
    pytest.param(lambda d: (d / LEXICON_FILE).write_text(
        '{"format": "vnevents.trigger_prior.v1", "entries": [["sinh", "born", 2]]}', encoding="utf-8"),
        id="lexicon entry malformed"),
])
def test_broken_model_folder(tmp_path, breakage):
    broken = tmp_path / MODEL_DIR.name
    shutil.copytree(MODEL_DIR, broken)
    breakage(broken)
    tagger = TriggerTagger(broken)  # loading is lazy: nothing is read yet
    with pytest.raises(ResourceError) as info:
        tagger.tag(["Vua", "băng hà", "."], ["N", "V", "CH"])
    assert str(broken) in str(info.value)


def test_with_pipeline_tokens():
    """The pipeline's own tokenizer and POS tagger feed the model (underthesea only, no ../shared)."""
    pytest.importorskip("underthesea")
    from pipeline import load
    from pipeline.text.extensions import sentences
    nlp = load(overrides={"nlp.pipeline": ["vi_tagger"], "components.vi_tagger.ner": False})
    text = "Năm 1428, Lê Lợi lên ngôi hoàng đế. Vua băng ở điện Trường Xuân."
    doc = nlp.get_pipe("vi_tagger")(nlp.make_doc(text))
    tagger = TriggerTagger(MODEL_DIR)
    found = []
    for sent in sentences(doc):
        toks = [t for t in sent if not t.is_space]
        for i, j, etype in tagger.spans([t.text for t in toks], [t.tag_ for t in toks]):
            found.append((doc.text[toks[i].idx:toks[j - 1].idx + len(toks[j - 1].text)], etype))
    assert found == [("lên ngôi", "Personnel.Start-Position"), ("băng", "Life.Die")]
