"""The shipped CRF trigger model (models/events/trigger_crf_vi_*): it loads, tags sentences
written for these tests, and a broken folder is a ResourceError. Sentences are given as the
pipeline's tokenizer and POS tagger cut them (syllables of one word joined by "_"), so the
table tests the model alone and needs neither ../shared nor underthesea's models.
"""
from __future__ import annotations

import json
from dataclasses import replace
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ResourceError
from pipeline.events.features import COLUMNS, Word, check_template
from pipeline.events.model import FEATURES_FILE, LEXICON_FILE, MODEL_FILE, TriggerTagger, bio_spans, decode, repair

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "models" / "events").glob("trigger_crf_vi_*"))
MODEL_DIR = MODELS[-1] if MODELS else ROOT / "models" / "events" / "trigger_crf_vi_missing"


@pytest.fixture(scope="session")
def tagger():
    return TriggerTagger(MODEL_DIR).load()


def _words(sentence: str) -> list[Word]:
    """Word views of "word/POS" tokens; a name (Np) is given the label the entity stage
    would ("Np:PER" for a person), a date's words "/M" or "/T"."""
    out = []
    for tok in sentence.split():
        w, tag = tok.rsplit("/", 1)
        tag, _, label = tag.partition(":")
        out.append(Word(w.replace("_", " "), "M" if tag == "T" else tag, entity=label, timex=tag in ("M", "T")))
    return out


THRESHOLD = 0.15  # as pipeline/default_config.cfg


def _xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


@pytest.fixture(scope="module")
def events_of():
    """(type, trigger) of the events the shipped pipeline finds in a text."""
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    nlp = load()
    return lambda text: [(e.type, e.trigger_text) for e in extract(text, nlp=nlp).events]


@pytest.mark.parametrize("text, expected", [
    ("Năm 1428, Lê Lợi lên ngôi hoàng đế.", [("Personnel.Start-Position", "lên ngôi")]),
    ("Vua băng hà.", [("Life.Die", "băng hà")]),
    ("Mùa xuân, tháng giêng, vua băng ở điện Trường Xuân.", [("Life.Die", "băng")]),
    ("Thái uý Lý Thường Kiệt mất.", [("Life.Die", "mất")]),
    ("Hoàng tử sinh năm 1072.", [("Life.Be-Born", "sinh")]),
    ("Năm 1010, vua Lý Thái Tổ dời đô từ Hoa Lư ra Thăng Long.", [("Movement.Transport", "dời đô")]),
    ("Tháng 6, vua thân chinh đánh Chiêm Thành, bắt được vua Chiêm là Chế Củ.",
     [("Conflict.Attack", "đánh"), ("Justice.Arrest-Jail", "bắt")]),
    ("Quân Nguyên sang xâm lược nước ta.", [("Conflict.Attack", "xâm lược")]),
    ("Năm 1225, Lý Chiêu Hoàng nhường ngôi cho Trần Cảnh.", [("Personnel.End-Position", "nhường ngôi")]),
    # VHE's natural-disaster is Disaster.Natural, its natural-phenomenon Other
    ("Tháng 3, có nhật thực.", [("Other", "nhật thực")]),
    ("Mùa hạ, tháng 4, động đất.", [("Disaster.Natural", "động đất")]),
    # no event
    ("Đất nước ta có nhiều núi non hiểm trở.", []),
    # an offering is a gift, not a letter ("dâng" alone; "dâng thư" is one)
    ("Vua sai sứ sang nhà Tống dâng voi trắng.", [("Transaction.Transfer-Ownership", "dâng")]),
    pytest.param("Xuống chiếu đại xá thiên hạ.", [("Justice.Pardon", "đại xá")],
                 marks=_xfail("the edict that orders the pardon is tagged as a statement, and the pardon is "
                              "missed; by the guideline an order that governs an event is not one of its own")),
])
def test_chronicle_sentences(events_of, text, expected):
    assert events_of(text) == expected


def test_labels_and_types(tagger):
    from pipeline.ontology import load_ontology
    assert "O" in tagger.labels
    assert all(lab == "O" or lab[:2] in ("B-", "I-") for lab in tagger.labels)
    assert set(tagger.types) <= set(load_ontology().names)
    assert {"Life.Die", "Conflict.Attack", "Personnel.Start-Position", "Contact.Statement", "Disaster.Natural",
            "Other"} <= set(tagger.types)


def test_probabilities_follow_the_tags(tagger):
    words = _words("Vua/N băng_hà/V ./CH")
    words[1] = replace(words[1], lexicon="Life.Die")  # the hand lexicon's reading, as the event stage gives it
    probs = tagger.trigger_probabilities(words)
    assert len(probs) == 3 and all(0.0 <= p <= 1.0 for p in probs)
    assert probs[1] > THRESHOLD > max(probs[0], probs[2])
    marginals = tagger.marginals(words)
    assert [len(row) for row in marginals] == [len(tagger.labels)] * 3
    assert decode(list(tagger.labels), marginals, THRESHOLD) == [(1, 2, "Life.Die")]


def test_knows_its_training_words(tagger):
    assert tagger.knows(["lên ngôi"]) and tagger.knows(["Băng"])
    assert not tagger.knows(["ngồi", "ghế"])


def test_spans_and_edge_cases(tagger):
    from dataclasses import replace
    words = _words("Năm/N 1428/T ,/CH Lê_Lợi/Np:PER lên_ngôi/V hoàng_đế/N ./CH")
    words[4] = replace(words[4], lexicon="Personnel.Start-Position")  # as the hand lexicon reads it
    assert tagger.spans(words) == [(4, 5, "Personnel.Start-Position")]
    assert tagger.tag([]) == [] and tagger.marginals([]) == []


def test_bio_helpers():
    assert repair(["I-Life.Die", "I-Life.Die", "I-Conflict.Attack", "O", "I-Life.Die"]) == \
        ["B-Life.Die", "I-Life.Die", "B-Conflict.Attack", "O", "B-Life.Die"]
    assert bio_spans(["B-Life.Die", "I-Life.Die", "O", "B-Other", "B-Other"]) == \
        [(0, 2, "Life.Die"), (3, 4, "Other"), (4, 5, "Other")]
    labels = ["O", "B-Life.Die", "I-Life.Die", "B-Other"]
    rows = [[0.9, 0.05, 0.0, 0.05], [0.2, 0.7, 0.0, 0.1], [0.3, 0.0, 0.6, 0.1], [0.8, 0.0, 0.0, 0.2]]
    assert decode(labels, rows, 0.5) == [(1, 3, "Life.Die")]
    assert decode(labels, rows, 0.15) == [(1, 3, "Life.Die"), (3, 4, "Other")]
    # one threshold per word: the last word (P 0.2 of a trigger) passes 0.15, not 0.3
    assert decode(labels, rows, [0.3, 0.3, 0.3, 0.15]) == [(1, 3, "Life.Die"), (3, 4, "Other")]
    assert decode(labels, rows, [0.15, 0.15, 0.15, 0.3]) == [(1, 3, "Life.Die")]
    assert decode(labels, rows, [0.15, 0.85, 0.15, 0.15]) == [(2, 3, "Life.Die"), (3, 4, "Other")]


def test_unlisted_words_need_the_higher_threshold():
    pytest.importorskip("underthesea")
    from pipeline import load
    finder = load().get_pipe("vi_events").finder
    assert (finder.threshold, finder.unlisted_threshold) == (0.15, 0.3)
    words = _words("Quân/N Pháp/Np:GPE tấn_công/V ,/CH Snap/Np tiên_phong/V ,/CH vua/N cho/V ông/N làm/V tướng/N")
    tags = ["", "", "Conflict.Attack", "", "", "", "", "", "", "", "", ""]
    # the lexicon's word, and "làm" of an appointment (copulas), keep the lower one
    assert finder._thresholds(words, tags) == [0.3, 0.3, 0.15, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.15, 0.3]


def test_model_folder_is_documented():
    """Named <name>_<source>_<YYYYMMDD>, not large, with the source, licence and citation."""
    assert MODELS, "no models/events/trigger_crf_vi_* folder"
    stamp = MODEL_DIR.name.rsplit("_", 1)[1]
    assert len(stamp) == 8 and stamp.isdigit()
    # 18.8 MB since sets 9, 10, 13 and 14 joined the training texts (fifteenth round; 15.4 MB
    # before): the bound catches a rare-feature cut-off left out, which triples the folder
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 20_000_000
    readme = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("VHE", "Apache-2.0", "PACLIC 2024", "hoang-etal-2024-vhe", "aclanthology.org/2024.paclic-1.59"):
        assert needle in readme
    assert json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["name"] == MODEL_DIR.name


@pytest.mark.parametrize("template, ok", [
    ("T[0]", True), ("T[-1,0]", True), ("T[0][1]", True), ("T[-2][4].lower", True), ("T[0].istitle", True),
    ("T[0].upper", False), ("X[0]", False), ("T[a]", False), ("T[0][11]", False), ("T[0,1,2]", False),
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
    pytest.param(_features(lambda f: f["templates"].append("T[0][11]")), id="unknown column"),
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
        tagger.tag(_words("Vua/N băng_hà/V ./CH"))
    assert str(broken) in str(info.value)


def test_with_pipeline_tokens():
    """The pipeline's own tokenizer, tagger, dates and names feed the model (underthesea only,
    no ../shared): the event stage finds the triggers."""
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    nlp = load()
    text = "Năm 1428, Lê Lợi lên ngôi hoàng đế. Vua băng ở điện Trường Xuân."
    found = [(e.trigger_text, e.type) for e in extract(text, nlp=nlp).events]
    assert found == [("lên ngôi", "Personnel.Start-Position"), ("băng", "Life.Die")]
