"""The pipeline is a spaCy pipeline like any other: saved with nlp.to_disk, it loads with
spacy.load in a fresh process (the components and the tokenizer are found through the
package's entry points) and gives the same records; the document date goes in on the Doc;
nlp.pipe works with several processes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

TEXTS = [
    "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Hà Nội.",
    "Năm 1954, quân Pháp thất bại tại Điện Biên Phủ. Ngày hôm sau, Hội nghị Genève bàn về Đông Dương.",
    "Hôm qua, công an tỉnh Lào Cai bắt giữ hai nghi phạm.",
]


def _records(doc) -> dict:
    from pipeline import to_result
    r = to_result(doc).to_dict()
    return {k: r[k] for k in ("timexes", "entities", "events")}


@pytest.fixture(scope="module")
def nlp():
    from pipeline import load
    return load()


def test_a_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "nlp")
    script = ("import json, sys, spacy\n"
              "from pipeline import to_result\n"
              f"nlp = spacy.load({str(tmp_path / 'nlp')!r})\n"
              "out = []\n"
              "for text in json.loads(sys.stdin.read()):\n"
              "    r = to_result(nlp(text)).to_dict()\n"
              "    out.append({k: r[k] for k in ('timexes', 'entities', 'events')})\n"
              "print(json.dumps(out, ensure_ascii=False))\n")
    # a fresh interpreter that imports nothing of the package before spacy.load
    proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(TEXTS), capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = json.loads(proc.stdout)
    assert loaded == [_records(nlp(text)) for text in TEXTS]
    assert loaded[0]["events"][0]["trigger"]["text"] == "đọc"
    assert loaded[0]["events"][0]["time"]["value"] == "1945-09-02"


def test_the_document_date_goes_in_on_the_doc(nlp):
    doc = nlp.make_doc(TEXTS[2])
    doc._.dct = "2024-03-15"
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.timexes] == [("Hôm qua", "2024-03-14")]
    assert [t.value for t in nlp(TEXTS[2])._.timexes] != ["2024-03-14"]


def test_pipe_with_two_processes_gives_the_same_records(nlp):
    one = [_records(doc) for doc in nlp.pipe(TEXTS)]
    two = [_records(doc) for doc in nlp.pipe(TEXTS, n_process=2, batch_size=1)]
    assert one == two
    assert one[1]["timexes"][0]["value"] == "1954" and one[0]["events"][0]["time"]["value"] == "1945-09-02"


def test_spans_cover_the_records_text(nlp):
    doc = nlp(TEXTS[1])
    for key, records, label in (("vi_time", doc._.timexes, "type"), ("vi_entities", doc._.entities, "label")):
        spans = doc.spans.get(key)
        if spans is None:
            continue
        assert [(s.start_char, s.end_char) for s in spans] == [(r.start, r.end) for r in records]


def test_records_survive_a_docbin(nlp):
    """The records in the Doc's extensions are written and read back by spaCy's msgpack
    (DocBin with user data, Doc.to_bytes)."""
    from spacy.tokens import Doc, DocBin
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for doc, got in zip(docs, back):
        assert list(got._.events) == doc._.events and list(got._.timexes) == doc._.timexes
        assert list(got._.entities) == doc._.entities
    again = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert again._.events == docs[0]._.events and again._.events[0].time.range == ("1945-09-02", "1945-09-02")


def test_the_added_entity_fields_survive_a_docbin(nlp):
    """evidence, designator, ids and coordinates (issue 14) come back from msgpack as they went in."""
    from spacy.tokens import Doc, DocBin
    docs = list(nlp.pipe(TEXTS))
    back = list(DocBin().from_bytes(DocBin(store_user_data=True, docs=docs).to_bytes()).get_docs(nlp.vocab))
    hanoi = next(e for e in back[0]._.entities if e.text == "Hà Nội")
    assert (hanoi.evidence, hanoi.ids, hanoi.coordinates) == (
        ("gazetteer:curated",), (("geonames", 1581130),), (21.0245, 105.8412))
    lao_cai = next(e for e in back[2]._.entities if e.text == "Lào Cai")
    assert lao_cai.designator == ("tỉnh", TEXTS[2].index("tỉnh"), TEXTS[2].index("tỉnh") + 4)
    again = Doc(nlp.vocab).from_bytes(docs[2].to_bytes())
    assert again._.entities == docs[2]._.entities
    assert [e.to_dict() for e in again._.entities] == [e.to_dict() for e in docs[2]._.entities]
