"""`vnevents run --format ...` with the added formats: a run over three short documents
about the same meeting (entities.csv lists the people across them, the report shows the
cluster once), the per-document files and their clean-up, and the one-line errors for a
missing library or a folder that cannot be written."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export.report import clusters, render_report

# three tellings of one meeting, written for this test
DOCS = {
    "a": "Ngày 10 tháng 9 năm 2023, Tổng thống Joe Biden gặp Tổng Bí thư Nguyễn Phú Trọng tại Hà Nội. "
         "Hai bên thảo luận về hợp tác kinh tế.\n",
    "b": "Tổng thống Mỹ Joe Biden đến Hà Nội. Ngày 10 tháng 9 năm 2023, ông gặp Nguyễn Phú Trọng "
         "tại trụ sở Trung ương Đảng.\n",
    "c": "Chiều ngày 10 tháng 9 năm 2023, Nguyễn Phú Trọng đã gặp Joe Biden tại Hà Nội.\n",
}
ALL = "json,csv,timelinejs,html,jsonl,parquet,timeml,brat,spacy"


def _invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    pytest.importorskip("underthesea")
    folder = tmp_path_factory.mktemp("three")
    for name, text in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = folder / "out"
    result = _invoke("run", *(folder / f"{n}.txt" for n in DOCS), "--out", out, "--format", ALL)
    assert result.exit_code == 0, result.output
    return folder, out


def test_entities_csv_lists_a_person_across_the_documents(three):
    _, out = three
    with (out / "entities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    records = [json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in DOCS]
    assert list(rows[0]) == ["canonical", "label", "documents", "mentions", "events", "ids"]
    people = {r["canonical"]: r for r in rows if r["label"] == "PER"}
    for name in ("Nguyễn Phú Trọng", "Joe Biden"):
        row = people[name]
        assert row["documents"] == "a; b; c"
        assert int(row["mentions"]) == sum(e["canonical"] == name and e["label"] == "PER"
                                           for r in records for e in r["entities"]) == 3
        assert int(row["events"]) == sum(any(p["canonical"] == name for p in ev["participants"])
                                         for r in records for ev in r["events"])
    assert len({(r["canonical"], r["label"]) for r in rows}) == len(rows)  # one row per (canonical, label)


def test_the_run_writes_each_documents_files(three):
    folder, out = three
    import xml.etree.ElementTree as ET

    from pipeline.export.brat import parse_ann
    for name, text in DOCS.items():
        record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert (out / "brat" / f"{name}.txt").read_bytes() == text.encode("utf-8")
        spans = list(parse_ann((out / "brat" / f"{name}.ann").read_text(encoding="utf-8"))["T"].values())
        assert spans[:len(record["timexes"])] == [(t["type"], t["start"], t["end"]) for t in record["timexes"]]
        root = ET.parse(out / "timeml" / f"{name}.tml").getroot()
        assert "".join(root.find("TEXT").itertext()) == text
        assert [t.get("value") for t in root.find("TEXT").iter("TIMEX3")] == [t["value"] for t in record["timexes"]]
    assert (out / "brat" / "annotation.conf").exists()
    assert (out / "timeline.parquet").read_bytes()[:4] == b"PAR1"


def test_the_report_shows_a_cluster_once_with_its_documents(three):
    _, out = three
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    grouped = clusters(timeline["events"])
    assert len(grouped) == 1
    cid, members = grouped[0]
    assert sorted({e["doc_id"] for e in members}) == ["a", "b", "c"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count(f'<tr id="cluster-{cid}">') == 1
    section = page[page.index('<section id="clusters">'):]
    section = section[:section.index("</section>")]
    assert [line.split(":")[0] for line in section.split("<li>")[1:]] == ["a", "b", "c"]


def test_a_reused_folder_loses_the_files_of_documents_not_in_the_run(three):
    folder, _ = three
    out = folder / "again"
    assert _invoke("run", folder / "a.txt", folder / "b.txt", "--out", out, "--format", "json,brat,timeml").exit_code == 0
    result = _invoke("run", folder / "a.txt", "--out", out, "--format", "json,brat,timeml")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "brat").iterdir()) == ["a.ann", "a.txt", "annotation.conf"]
    assert sorted(p.name for p in (out / "timeml").iterdir()) == ["a.tml"]
    assert "removed" in result.output and "brat/b.ann" in result.output


def test_a_missing_library_is_one_line_and_no_file(tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow fails
    (tmp_path / "a.txt").write_text(DOCS["a"], encoding="utf-8")
    result = _invoke("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--format", "json,parquet")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "pip install pyarrow" in result.output
    assert list((tmp_path / "out").iterdir()) == []


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeml").write_text("in the way", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOCS["a"], encoding="utf-8")
    result = _invoke("run", tmp_path / "a.txt", "--out", out, "--format", "json,timeml")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "cannot write in output folder" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["timeml"]


def test_entities_csv_ids_column_when_records_have_ids():
    """Entity records with `ids` (added by the entities work): an `ids` column at the end,
    each scheme:value once per row."""
    from pipeline.export.documents import EntityTable
    table = EntityTable()
    ent = {"id": "E1", "text": "Hà Nội", "start": 0, "end": 6, "label": "LOC", "canonical": "Hà Nội"}
    table.add({"doc_id": "a", "entities": [{**ent, "ids": {"geonames": 1581130, "iso3166": "VN-HN"}}], "events": []})
    table.add({"doc_id": "b", "entities": [{**ent, "ids": {"geonames": 1581130}}, {**ent, "id": "E2", "ids": {}}],
               "events": []})
    frame = table.frame()
    assert list(frame.columns) == ["canonical", "label", "documents", "mentions", "events", "ids"]
    assert frame.to_dict("records") == [{"canonical": "Hà Nội", "label": "LOC", "documents": "a; b", "mentions": 3,
                                         "events": 0, "ids": "geonames:1581130; iso3166:VN-HN"}]


def test_report_cluster_section_from_records():
    """Two documents telling one happening (cluster C1), one telling another alone."""
    def ev(doc, eid, trig, cluster):
        return {"doc_id": doc, "id": eid, "type": "Contact.Meet", "trigger": {"text": trig, "start": 0, "end": 3},
                "time": {"value": "2023-09-10", "granularity": "day", "range": ["2023-09-10", "2023-09-10"],
                         "basis": "explicit", "timex_id": None},
                "participants": [], "location": None, "sentence": {"index": 0, "start": 0, "end": 3, "text": trig},
                "confidence": 0.9, "cluster": cluster}
    events = [ev("x", "EV1", "gặp", "C1"), ev("y", "EV4", "hội đàm", "C1"), ev("z", "EV2", "gặp", None)]
    assert [(cid, [e["doc_id"] for e in members]) for cid, members in clusters(events)] == [("C1", ["x", "y"])]
    page = render_report([], [], {"events": events, "documents": []}, {})
    assert page.count('<tr id="cluster-C1">') == 1
    assert "<li>x: <b>gặp</b> <small>EV1</small></li><li>y: <b>hội đàm</b> <small>EV4</small></li>" in page
    assert '<section id="clusters">' not in render_report([], [], {"events": events[2:], "documents": []}, {})


def test_a_document_whose_files_cannot_be_written_fails_alone(tmp_path, monkeypatch):
    from pipeline.export.documents import DocumentFiles

    def full(self, record, text):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(DocumentFiles, "_write_files", full)
    (tmp_path / "a.txt").write_text(DOCS["a"], encoding="utf-8")
    result = _invoke("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--format", "json,brat")
    assert result.exit_code == 1
    assert "'a.txt': cannot write its files in" in result.output.replace(str(tmp_path) + "/", "")
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert list((tmp_path / "out" / "brat").iterdir()) == [tmp_path / "out" / "brat" / "annotation.conf"]
