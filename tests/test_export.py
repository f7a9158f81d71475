"""The files `vnevents run` writes: schema, CSV, TimelineJS, ordering, determinism."""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.export import writers as export
from pipeline.export.schemas import validate


def test_run_writes_every_file(corpus_run):
    code, out, err = corpus_run
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["cuban_missile_crisis.json", "report.html", "timeline.csv", "timeline.json",
                     "timeline.timelinejs.json"]


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
    assert list(frame.columns) == export.CSV_COLUMNS
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
    assert export._safe_cell(cell) == expected


def test_csv_escapes_hostile_text(tmp_path):
    record = {"doc_id": "d", "timexes": [], "entities": [], "events": [{
        "id": "EV1", "type": "Contact.Meet", "trigger": {"text": "=HYPERLINK(\"x\")", "start": 0, "end": 1},
        "time": None, "participants": [], "location": None,
        "sentence": {"index": 0, "start": 0, "end": 1, "text": "@evil"}, "confidence": 0.5}]}
    timeline = export.timeline_document([record], [])
    export.write_csv(timeline["events"], [record], tmp_path / "t.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8"))))
    assert rows[0]["trigger"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["sentence"] == "'@evil"


def test_failed_document_listed(tmp_path):
    timeline = export.timeline_document([], [{"doc_id": "bad", "source": "bad.txt", "error": "not text"}])
    validate(timeline, "timeline")
    assert timeline["documents"] == [{"doc_id": "bad", "source": "bad.txt", "error": "not text",
                                      "timexes": 0, "entities": 0, "events": 0}]


def test_to_frame_has_contract_columns(run):
    frame = run("Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký hiệp ước.").to_frame()
    assert list(frame.columns) == export.CSV_COLUMNS
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
        timeline = export.timeline_document(recs, fails)
        assert (out / "timeline.json").read_text(encoding="utf-8") == export.dumps(timeline)
        assert (out / "tl.json").read_text(encoding="utf-8") == export.dumps(export.timelinejs(timeline["events"]))
        validate(json.loads((out / "timeline.json").read_text(encoding="utf-8")), "timeline")
    ordered = export.timeline_events(records)
    assert sorted(e["doc_id"] for e in ordered) == sorted(e_doc for r in records for e_doc in [r["doc_id"]] * len(r["events"]))
    dated = [e["time"]["range"][0] for e in ordered if e["time"]]
    assert dated == sorted(dated) and dated[0].startswith("1945") and dated[-1] == "1963-08-05"
    assert all(e["time"] for e in ordered[:len(dated)])  # undated events come last
