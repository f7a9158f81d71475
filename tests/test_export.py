"""The files `vnevents run` writes: schema, CSV, TimelineJS, ordering, determinism."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.export import writers as export
from pipeline.export.schemas import validate
from tests.timelines import timeline_document, timeline_events, write_csv


# the columns of timeline.csv as ../shared/docs/contract.md lists them, written out here so
# that renaming or moving a contract column fails the tests that compare with it: the header
# a run writes, and the columns of to_frame()
CONTRACT_CSV = ["doc_id", "event_id", "date_start", "date_end", "date_value", "granularity", "date_text",
                "type", "trigger", "agents", "themes", "participants", "location", "sentence",
                "sentence_start", "sentence_end", "confidence", "negated", "modality", "time_basis", "cluster"]


def test_run_writes_every_file(corpus_run):
    code, out, err = corpus_run
    assert code == 0, err
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == ["brat/annotation.conf", "brat/cuban_missile_crisis.ann", "brat/cuban_missile_crisis.txt",
                     "cuban_missile_crisis.json", "docs.spacy", "entities.csv", "report.html", "timeline.csv",
                     "timeline.geojson", "timeline.json", "timeline.jsonl", "timeline.parquet", "timeline.timelinejs.json",
                     "timeml/cuban_missile_crisis.tml"]


def test_files_validate_against_schemas(corpus_run):
    _, out, _ = corpus_run
    doc = json.loads((out / "cuban_missile_crisis.json").read_text(encoding="utf-8"))
    validate(doc, "document")
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    validate(timeline, "timeline")
    assert doc["source"] == "corpus/cuban_missile_crisis.txt"
    assert doc["dct"] is None


def test_offsets_hold_in_written_record(corpus_run):
    from tests.conftest import ROOT
    _, out, _ = corpus_run
    doc = json.loads((out / "cuban_missile_crisis.json").read_text(encoding="utf-8"))
    text = (ROOT / "corpus" / "cuban_missile_crisis.txt").read_text(encoding="utf-8")
    for key in ("timexes", "entities"):
        for item in doc[key]:
            assert text[item["start"]:item["end"]] == item["text"]
    for ev in doc["events"]:
        tr = ev["trigger"]
        assert text[tr["start"]:tr["end"]] == tr["text"]
        s = ev["sentence"]
        assert text[s["start"]:s["end"]] == s["text"]


def test_timeline_order_and_csv(corpus_run):
    import pandas as pd
    _, out, _ = corpus_run
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    events = timeline["events"]
    dated = [e for e in events if e["time"]]
    undated = [e for e in events if not e["time"]]
    assert events == dated + undated
    starts = [e["time"]["range"][0] for e in dated]
    assert starts == sorted(starts)
    frame = pd.read_csv(out / "timeline.csv")
    assert list(frame.columns) == CONTRACT_CSV
    assert len(frame) == len(events)
    assert list(frame["event_id"]) == [e["id"] for e in events]
    first = frame.iloc[0]
    assert first["date_start"] == dated[0]["time"]["range"][0]
    assert first["date_text"] == "Năm 1961"


def test_timelinejs_slides(corpus_run):
    _, out, _ = corpus_run
    data = json.loads((out / "timeline.timelinejs.json").read_text(encoding="utf-8"))
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    dated = [e for e in timeline["events"] if e["time"]]
    assert len(data["events"]) == len(dated)
    first = data["events"][0]
    assert first["start_date"] == {"year": 1961, "display_date": "1961"}
    assert {"headline", "text"} <= set(first["text"])
    ids = [s["unique_id"] for s in data["events"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("cell, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-x", "'-x"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("Hà Nội", "Hà Nội"), (3, 3)])
def test_formula_cells_are_escaped(cell, expected):
    assert export.safe_cell(cell) == expected


def test_csv_escapes_hostile_text(tmp_path):
    record = {"doc_id": "d", "timexes": [], "entities": [], "events": [{
        "id": "EV1", "type": "Contact.Meet", "trigger": {"text": "=HYPERLINK(\"x\")", "start": 0, "end": 1},
        "time": None, "participants": [], "location": None,
        "sentence": {"index": 0, "start": 0, "end": 1, "text": "@evil"}, "confidence": 0.5}]}
    rows = list(csv.DictReader(io.StringIO(write_csv([record], tmp_path).read_text(encoding="utf-8"))))
    assert rows[0]["trigger"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["sentence"] == "'@evil"


# the values of the CSV tables' cells: gaps, flags, numbers (whole ones from small to past
# uint64) and text with the characters CSV quotes
_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2 ** 70), 2 ** 70), st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.5, 1.0, -0.0, 0.95, 1e16]),
    st.text(alphabet=st.sampled_from(list('ab ,"\n\r\tạ=-')), max_size=6))


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({"a": _CELLS, "b": _CELLS, "c": _CELLS}), max_size=6),
       header=st.booleans())
# a gap with whole numbers that fit no int64 nor uint64 together: no float column (found by hypothesis)
@example(rows=[{"a": None, "b": None, "c": None}, {"a": None, "b": -1, "c": None},
               {"a": None, "b": 2 ** 63, "c": None}], header=False)
def test_csv_tables_are_written_as_pandas_writes_them(rows, header):
    """timeline.csv and entities.csv are written without pandas (export/table.py), in the
    bytes pandas' to_csv wrote for the same rows (a column of whole numbers with a gap is a
    column of floats, and so on)."""
    import pandas as pd
    from pipeline.export.table import write_table
    out = io.StringIO(newline="")
    write_table(out, ["a", "b", "c"], rows, header=header)
    assert out.getvalue() == pd.DataFrame(rows, columns=["a", "b", "c"]).to_csv(
        index=False, header=header, lineterminator="\n")


def test_csv_header_is_the_contracts(corpus_run):
    """The header written by a run, and the columns of to_frame(), are the contract's, in
    its order (the added columns last)."""
    header = (corpus_run[1] / "timeline.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert header.split(",") == CONTRACT_CSV
    assert export.CSV_COLUMNS == CONTRACT_CSV


def _bc_record(trigger="ký"):
    return {"doc_id": "d", "timexes": [{"id": "T1", "text": "năm 257 TCN"}], "entities": [], "events": [{
        "id": "EV1", "type": "Contact.Agreement", "trigger": {"text": trigger, "start": 0, "end": 2},
        "time": {"timex_id": "T1", "value": "-0256", "granularity": "year", "range": ["-0256-01-01", "-0256-12-31"],
                 "basis": "context"},
        "participants": [], "location": None, "modality": "planned", "negated": True,
        "sentence": {"index": 0, "start": 0, "end": 2, "text": "ký"}, "confidence": 0.5}]}


def test_csv_dates_and_flags_are_never_escaped(tmp_path):
    """A BC date stays an ISO date (no quote in front), the flags and basis are there; a
    text column is still escaped."""
    import pandas as pd
    record = _bc_record("-ký")
    rows = list(csv.DictReader(io.StringIO(write_csv([record], tmp_path).read_text(encoding="utf-8"))))
    assert rows[0]["date_start"] == "-0256-01-01" and rows[0]["date_end"] == "-0256-12-31"
    assert rows[0]["date_value"] == "-0256"
    assert rows[0]["trigger"] == "'-ký"
    assert (rows[0]["negated"], rows[0]["modality"], rows[0]["time_basis"], rows[0]["cluster"]) == \
        ("True", "planned", "context", "")
    frame = pd.read_csv(tmp_path / "timeline.csv", dtype={"date_value": str})
    assert frame.iloc[0]["date_value"] == "-0256" and bool(frame.iloc[0]["negated"]) is True


def test_excel_csv_starts_with_a_byte_order_mark(tmp_path):
    import pandas as pd
    record = _bc_record()
    spool = export.EventSpool(tmp_path)
    try:
        spool.add(record)
        export.write_run(spool, [record], tmp_path, {"csv"}, {}, excel=True)
    finally:
        spool.close()
    raw = (tmp_path / "timeline.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id,event_id,")
    assert pd.read_csv(tmp_path / "timeline.csv", encoding="utf-8-sig").columns[0] == "doc_id"


def test_failed_document_listed(tmp_path):
    timeline = timeline_document([], [{"doc_id": "bad", "source": "bad.txt", "error": "not text"}])
    validate(timeline, "timeline")
    assert timeline["documents"] == [{"doc_id": "bad", "source": "bad.txt", "error": "not text",
                                      "timexes": 0, "entities": 0, "events": 0}]


def test_to_frame_has_contract_columns(run):
    frame = run("Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký hiệp ước.").to_frame()
    assert list(frame.columns) == CONTRACT_CSV
    assert frame.iloc[0]["date_value"] == "1963-08-05"
    assert frame.iloc[0]["agents"] == "Hoa Kỳ; Liên Xô"


def test_spool_streams_the_same_files_as_in_memory(tmp_path, run):
    """The streamed timeline files equal the in-memory ones, empty runs included."""
    records = [run("Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký hiệp ước.", doc_id="b").to_dict(),
               run("Năm 1945, Việt Nam tuyên bố độc lập. Quân Pháp rút khỏi Hà Nội.", doc_id="a").to_dict()]
    failures = [{"doc_id": "c", "source": "c.txt", "error": "not text"}]
    for recs, fails in ((records, failures), ([], [])):
        spool = export.spool_of(recs, fails)
        out = tmp_path / str(len(recs))
        out.mkdir()
        export.write_timeline(spool, out / "timeline.json")
        export.write_timelinejs(spool, out / "tl.json")
        spool.close()
        timeline = timeline_document(recs, fails)
        assert (out / "timeline.json").read_text(encoding="utf-8") == export.dumps(timeline)
        assert (out / "tl.json").read_text(encoding="utf-8") == export.dumps(export.timelinejs(timeline["events"]))
        validate(json.loads((out / "timeline.json").read_text(encoding="utf-8")), "timeline")
    ordered = timeline_events(records)
    assert sorted(e["doc_id"] for e in ordered) == sorted(e_doc for r in records for e_doc in [r["doc_id"]] * len(r["events"]))
    dated = [e["time"]["range"][0] for e in ordered if e["time"]]
    assert dated == sorted(dated) and dated[0].startswith("1945") and dated[-1] == "1963-08-05"
    assert all(e["time"] for e in ordered[:len(dated)])  # undated events come last


def test_a_large_document_is_streamed_to_the_same_bytes(tmp_path, monkeypatch):
    """Above STREAM_RECORDS records, write_document encodes into the file: same bytes."""
    from pipeline.export import writers
    record = {"doc_id": "d", "text": "Năm 1945\u2028x", "events": [{"id": f"EV{k}", "v": [k, None, "ạ"]} for k in range(5)],
              "entities": [], "timexes": []}
    small = writers.write_document(record, tmp_path).read_bytes()
    monkeypatch.setattr(writers, "STREAM_RECORDS", 2)
    big = writers.write_document(record, tmp_path).read_bytes()
    assert big == small == (writers.dumps(record)).encode("utf-8")


SAME_HAPPENING = [
    "Ngày 2 tháng 9 năm 1945, Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Hà Nội.",
    "Sáng 2/9/1945, tại quảng trường Ba Đình ở Hà Nội, Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn Độc lập.",
    "Hồ Chí Minh đọc Tuyên ngôn Độc lập vào ngày 2 tháng 9 năm 1945. Hàng vạn người dự lễ.",
]
UNRELATED = [
    "Năm 1010, Lý Thái Tổ dời đô từ Hoa Lư ra Thăng Long.",
    "Ngày 30 tháng 4 năm 1975, quân Giải phóng tiến vào Sài Gòn.",
    "Năm 1288, Trần Hưng Đạo đánh tan quân Nguyên trên sông Bạch Đằng.",
]


def test_one_happening_in_three_documents_is_one_cluster(run, tmp_path):
    from pipeline.export import writers
    records = [run(t, doc_id=f"d{k}").to_dict() for k, t in enumerate(SAME_HAPPENING)]
    timeline = timeline_document(records, [])
    validate(timeline, "timeline")
    clustered = [(e["doc_id"], e["trigger"]["text"], e["cluster"]) for e in timeline["events"] if e["cluster"]]
    assert clustered == [("d0", "đọc", "C1"), ("d1", "đọc", "C1"), ("d2", "đọc", "C1")]
    # "lễ" of d2 shares the day but no name: not in it
    assert all(e["cluster"] is None for e in timeline["events"] if e["trigger"]["text"] != "đọc")
    spool = writers.spool_of(records)
    try:
        writers.write_run(spool, records, tmp_path, {"csv"}, {})
    finally:
        spool.close()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "timeline.csv").read_text(encoding="utf-8"))))
    assert [r["cluster"] for r in rows if r["trigger"] == "đọc"] == ["C1", "C1", "C1"]


def test_unrelated_documents_make_no_cluster(run):
    from pipeline.export import writers
    records = [run(t, doc_id=f"d{k}").to_dict() for k, t in enumerate(UNRELATED)]
    assert all(e["cluster"] is None for e in timeline_document(records, [])["events"])


def test_one_document_alone_makes_no_cluster(run):
    """Two tellings inside one document are not a cluster: it links documents."""
    from pipeline.export import writers
    record = run(" ".join(SAME_HAPPENING[:2]), doc_id="one").to_dict()
    assert all(e["cluster"] is None for e in timeline_document([record], [])["events"])


def _record_file(record: dict, pieces: int, keep_chars: int = 0):
    from pipeline.export import writers
    head = {k: v for k, v in record.items() if k not in writers.RecordFile.SECTIONS}
    rec = writers.RecordFile(head, keep_chars=keep_chars, text_chars=keep_chars)
    for k in range(pieces):  # the records spread over `pieces` calls, in order, as a long document's come
        rec.add(*[record[name][k * len(record[name]) // pieces:(k + 1) * len(record[name]) // pieces]
                  for name in writers.RecordFile.SECTIONS])
    return rec


@pytest.mark.parametrize("pieces", [1, 3])
def test_a_record_file_writes_the_bytes_of_its_dict(tmp_path, run, pieces):
    """Encoded piece by piece (and through a pickle, as from a worker), the same bytes as
    the record's dict; odd line breaks inside strings stay inside their strings."""
    import pickle
    from pipeline.export import writers
    text = ("Ngày 5 tháng 8 năm 1963, Hoa Kỳ\u2028và Liên Xô ký hiệp ước.\u0085 "
            "Năm 1945, Việt Nam tuyên bố độc lập.\u2029 Ngày hôm sau, quân Pháp rút khỏi Hà Nội.")
    record = run(text, doc_id="d").to_dict()
    assert len(record["events"]) >= 3 and len(record["timexes"]) == 3
    rec = pickle.loads(pickle.dumps(_record_file(record, pieces)))
    path = writers.write_document(rec, tmp_path)
    assert path.read_bytes() == writers.dumps(record).encode("utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == record
    assert rec.counts == {"timexes": 3, "entities": len(record["entities"]), "events": len(record["events"])}
    rec.close()


def test_a_record_file_without_records(tmp_path):
    from pipeline.export import writers
    record = {"schema_version": "1.0", "doc_id": "e", "source": None, "dct": None, "text_sha256": "0",
              "timexes": [], "entities": [], "events": []}
    rec = _record_file(record, 1)
    assert writers.write_document(rec, tmp_path).read_text(encoding="utf-8") == writers.dumps(record)
    assert list(rec.event_pairs()) == []


def test_a_record_file_feeds_the_spool_as_its_dict_does(tmp_path, run):
    from pipeline.export import writers
    record = run("Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký hiệp ước. Năm 1945, Pháp rút quân.",
                 doc_id="d").to_dict()
    files = []
    for source in (record, _record_file(record, 2)):
        spool = writers.EventSpool()
        spool.add(source)
        files.append(tmp_path / f"t{len(files)}.json")
        writers.write_timeline(spool, files[-1])
        spool.close()
    assert files[0].read_bytes() == files[1].read_bytes()
    assert '"1963-08-05"' in files[0].read_text(encoding="utf-8")


def test_the_report_view_keeps_the_start_and_counts_the_whole(run):
    from pipeline.export import writers
    text = "Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký hiệp ước. Năm 1975, quân Giải phóng tiến vào Sài Gòn."
    record = run(text, doc_id="d").to_dict()
    cut = writers.report_cut(text, 60)
    assert text[:cut].endswith("hiệp ước. ")
    view = _record_file(record, 2, keep_chars=cut).report_view()
    assert [t["text"] for t in view["timexes"]] == ["Ngày 5 tháng 8 năm 1963"]
    assert all(ev["trigger"]["end"] <= cut for ev in view["events"]) and view["events"]
    assert view["_counts"]["timexes"] == 2 and view["_counts"]["events"] == len(record["events"])
    assert view["_counts"]["dated"] == sum(1 for ev in record["events"] if ev["time"])


def test_a_long_document_through_run_is_written_whole(tmp_path, monkeypatch):
    """A text of several pieces, run in this process with small pieces and a small report
    budget: its JSON is the record extract() gives, and the report says how much it shows."""
    from typer.testing import CliRunner

    from pipeline import extract
    from pipeline.cli import app
    from pipeline.export import writers
    from pipeline.text import pieces
    para = "Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký Hiệp ước cấm thử hạt nhân tại Moskva.\n"
    text = para * 40
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pieces, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(writers, "REPORT_TEXT_CHARS", 500)
    result = CliRunner().invoke(app, ["run", str(tmp_path / "long.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "out" / "long.json").read_text(encoding="utf-8"))
    whole = extract(text, doc_id="long", source=str(tmp_path / "long.txt")).to_dict()
    assert len(list(pieces.split(text, pieces.CHUNK_CHARS))) > 3
    assert written == whole and len(written["timexes"]) == 40
    assert [t["start"] for t in written["timexes"]] == [k * len(para) for k in range(40)]
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    shown = writers.report_cut(text, 500)
    assert f"(the first {shown:,} of {len(text):,} characters are shown)" in report
    assert f"40 dates · {len(whole['entities'])} entities · {len(whole['events'])} events" in report
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
