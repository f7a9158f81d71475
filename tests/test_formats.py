"""The added output formats, each read back by its consumers' own library and checked
against the record: timeline.parquet (pyarrow, DuckDB), TimeML (xml.etree), brat (our own
.ann parser, and `vnevents eval` with a .ann as gold), docs.spacy (spaCy's DocBin)."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from pipeline.export import writers
from pipeline.export.brat import (annotation_conf, brat_ann, brat_type, event_type_of, fragments, gold_from_ann,
                                  parse_ann)
from pipeline.export.parquet import write_parquet
from pipeline.export.spool import spool_of
from pipeline.export.timeml import timeml_document
from tests.formats_data import BC_TEXT, TEXT, bc_record, record

# --- timeline.parquet ------------------------------------------------------------------


@pytest.fixture()
def parquet_run(tmp_path):
    """timeline.parquet and timeline.csv of the same two records."""
    pytest.importorskip("pyarrow")
    spool = spool_of([record(), bc_record()])
    try:
        writers.write_run(spool, [], tmp_path, {"csv", "parquet"}, {})
    finally:
        spool.close()
    return tmp_path / "timeline.parquet", tmp_path / "timeline.csv"


def test_parquet_columns_are_typed_as_the_csv_columns(parquet_run):
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pq.read_table(parquet_run[0])
    assert table.column_names == writers.CSV_COLUMNS
    types = {f.name: f.type for f in table.schema}
    assert types["date_start"] == types["date_end"] == pa.date32()
    assert types["agents"] == types["themes"] == types["participants"] == pa.list_(pa.string())
    assert (types["confidence"], types["negated"], types["sentence_start"]) == (pa.float64(), pa.bool_(), pa.int64())
    assert types["date_value"] == types["cluster"] == pa.string()


def test_parquet_values_are_the_records(parquet_run):
    import pyarrow.parquet as pq
    rows = pq.read_table(parquet_run[0]).to_pylist()
    assert [(r["doc_id"], r["event_id"]) for r in rows] == [("tan_han", "EV1"), ("khung_hoang", "EV1"),
                                                           ("khung_hoang", "EV2")]
    bc, statement, blockade = rows
    assert (bc["date_start"], bc["date_end"], bc["date_value"]) == (None, None, "-0255")  # BC: no date32
    assert statement["date_start"] == statement["date_end"] == date(1962, 10, 22)
    assert statement["agents"] == ["John F. Kennedy"] and statement["location"] == "Washington"
    assert blockade["agents"] == ["Hải quân Mỹ"] and blockade["themes"] == ["Cuba"]
    assert blockade["participants"] == ["Hải quân Mỹ (agent)", "Cuba (theme)"]
    assert (blockade["confidence"], blockade["negated"], blockade["modality"]) == (0.75, True, "planned")
    assert (blockade["date_text"], blockade["trigger"]) == ("Hai ngày sau", "phong tỏa")
    assert (blockade["sentence_start"], blockade["sentence_end"]) == (TEXT.index("Hai"), len(TEXT))


def test_duckdb_reads_a_date_column_with_the_csv_values(parquet_run):
    duckdb = pytest.importorskip("duckdb")
    path, csv_path = parquet_run
    con = duckdb.connect()
    described = {row[0]: row[1] for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()}
    assert described["date_start"] == "DATE" and described["date_end"] == "DATE"
    assert described["agents"] == "VARCHAR[]" and described["negated"] == "BOOLEAN"
    assert described["confidence"] == "DOUBLE"
    got = con.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    with csv_path.open(encoding="utf-8", newline="") as fh:
        expected = list(csv.DictReader(fh))
    assert len(got) == len(expected) == 3
    for values, want in zip(got, expected):
        row = dict(zip(writers.CSV_COLUMNS, values))
        assert (row["date_start"].isoformat() if row["date_start"] else want["date_start"]) == want["date_start"]
        for column in ("agents", "themes", "participants"):
            assert "; ".join(row[column]) == want[column]
        for column in ("doc_id", "event_id", "date_value", "granularity", "date_text", "type", "trigger",
                       "sentence", "modality", "time_basis"):
            assert (row[column] or "") == want[column], column
        assert str(row["sentence_start"]) == want["sentence_start"] and str(row["negated"]) == want["negated"]
        assert row["confidence"] == float(want["confidence"])


def test_parquet_bytes_are_the_same_for_the_same_records(tmp_path):
    pytest.importorskip("pyarrow")
    for name in ("a.parquet", "b.parquet"):
        spool = spool_of([record(), bc_record()])
        with (tmp_path / name).open("wb") as fh:
            write_parquet(spool.events(), fh)
        spool.close()
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_parquet_of_no_events_has_the_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with (tmp_path / "empty.parquet").open("wb") as fh:
        write_parquet(iter(()), fh)
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and table.column_names == writers.CSV_COLUMNS


# --- TimeML -------------------------------------------------------------------------


def _inline(text_elem) -> list[tuple[str, dict, int, int]]:
    """(tag, attributes, start, end) of the inline tags of TEXT, offsets counted in its text."""
    out, at = [], len(text_elem.text or "")
    for child in text_elem:
        out.append((child.tag, child.attrib, at, at + len(child.text or "")))
        at += len(child.text or "") + len(child.tail or "")
    return out


def test_timeml_text_is_the_document_and_tags_sit_at_the_offsets():
    rec = record()
    root = ET.fromstring(timeml_document(rec, TEXT).encode("utf-8"))
    assert root.tag == "TimeML" and root.findtext("DOCID") == "khung_hoang"
    dct = root.find("DCT/TIMEX3")
    assert dct.attrib["value"] == "1962-10-30" and dct.attrib["functionInDocument"] == "CREATION_TIME"
    text = root.find("TEXT")
    assert "".join(text.itertext()) == TEXT
    tags = _inline(text)
    timexes = [(a["tid"], a["type"], a["value"], s, e) for tag, a, s, e in tags if tag == "TIMEX3"]
    assert timexes == [("t1", "DATE", "1962-10-22", 0, 25),
                       ("t2", "DATE", "1962-10-24", rec["timexes"][1]["start"], rec["timexes"][1]["end"])]
    assert TEXT[rec["timexes"][1]["start"]:rec["timexes"][1]["end"]] == "Hai ngày sau"
    assert [a.get("anchorTimeID") for tag, a, _, _ in tags if tag == "TIMEX3"] == [None, "t1"]
    events = [(a["eid"], a["class"], s, e) for tag, a, s, e in tags if tag == "EVENT"]
    assert events == [("e1", "REPORTING", *_span(rec["events"][0])), ("e2", "OCCURRENCE", *_span(rec["events"][1]))]


def _span(ev):
    return ev["trigger"]["start"], ev["trigger"]["end"]


def test_timeml_instances_and_tlinks():
    root = ET.fromstring(timeml_document(record(), TEXT).encode("utf-8"))
    instances = [m.attrib for m in root.iter("MAKEINSTANCE")]
    assert [(m["eventID"], m["eiid"], m["polarity"], m.get("modality")) for m in instances] == \
        [("e1", "ei1", "POS", None), ("e2", "ei2", "NEG", "planned")]
    links = [{k: v for k, v in link.attrib.items() if k != "lid"} for link in root.iter("TLINK")]
    assert links == [
        {"relType": "IS_INCLUDED", "eventInstanceID": "ei1", "relatedToTime": "t1", "origin": "explicit"},
        {"relType": "IS_INCLUDED", "eventInstanceID": "ei2", "relatedToTime": "t2", "origin": "explicit"},
        {"relType": "BEFORE", "eventInstanceID": "ei1", "relatedToEventInstance": "ei2"}]


def test_timeml_orders_events_by_dates_in_reading_order():
    """Told later but dated earlier: the link goes from the first told, AFTER; the same day
    twice: SIMULTANEOUS."""
    rec = record()
    rec["events"][1]["time"] = {**rec["events"][1]["time"], "range": ["1962-10-20", "1962-10-20"],
                                "value": "1962-10-20"}
    root = ET.fromstring(timeml_document(rec, TEXT).encode("utf-8"))
    rels = [(t.get("relType"), t.get("eventInstanceID"), t.get("relatedToEventInstance")) for t in root.iter("TLINK")
            if t.get("relatedToEventInstance")]
    assert rels == [("AFTER", "ei1", "ei2")]
    rec["events"][1]["time"] = dict(rec["events"][0]["time"])
    root = ET.fromstring(timeml_document(rec, TEXT).encode("utf-8"))
    rels = [(t.get("relType"), t.get("eventInstanceID"), t.get("relatedToEventInstance")) for t in root.iter("TLINK")
            if t.get("relatedToEventInstance")]
    assert rels == [("SIMULTANEOUS", "ei1", "ei2")]


def test_timeml_keeps_the_order_the_text_states():
    """An event's `tlinks` (records that have them): a TLINK with the connective, undated
    events included."""
    rec = record()
    rec["events"][1]["time"] = None
    rec["events"][1]["tlinks"] = [{"relation": "AFTER", "event_id": "EV1", "signal": "sau"}]
    root = ET.fromstring(timeml_document(rec, TEXT).encode("utf-8"))
    links = [{k: v for k, v in link.attrib.items() if k != "lid"} for link in root.iter("TLINK")]
    assert links == [
        {"relType": "IS_INCLUDED", "eventInstanceID": "ei1", "relatedToTime": "t1", "origin": "explicit"},
        {"relType": "AFTER", "eventInstanceID": "ei2", "relatedToEventInstance": "ei1", "origin": "text",
         "syntax": "sau"}]


def test_timeml_overlapping_spans_go_standoff_and_text_stays_exact():
    """A trigger inside a timex, and one crossing its end: the timex stays inline, each
    trigger is written after TEXT with its offsets."""
    rec = record()
    inside = (TEXT.index("tháng 10"), TEXT.index("tháng 10") + len("tháng"))
    crossing = (TEXT.index("1962") + 2, TEXT.index(","))
    for ev, (start, end) in zip(rec["events"], (inside, crossing)):
        ev["trigger"] = {"text": TEXT[start:end], "start": start, "end": end}
    root = ET.fromstring(timeml_document(rec, TEXT).encode("utf-8"))
    assert "".join(root.find("TEXT").itertext()) == TEXT
    assert [tag for tag, *_ in _inline(root.find("TEXT"))] == ["TIMEX3", "TIMEX3"]
    standoff = [(e.attrib["eid"], int(e.attrib["start"]), int(e.attrib["end"]), e.text) for e in root.findall("EVENT")]
    assert standoff == [("e1", *inside, "tháng"), ("e2", *crossing, "62")]
    assert len(list(root.iter("MAKEINSTANCE"))) == 2


def test_timeml_escapes_what_xml_would_change():
    """&, <, > and \\r come back as they were; a control character XML 1.0 cannot hold is
    U+FFFD, one for one, so offsets hold."""
    text = "A & B <c>\r\nNgày 5/8/1963\x0b hết."
    start = text.index("Ngày")
    rec = {"doc_id": "x", "dct": None, "events": [],
           "timexes": [{"id": "T1", "text": "Ngày 5/8/1963", "start": start, "end": start + 13, "type": "DATE",
                        "value": "1963-08-05", "anchor": None, "mod": None}]}
    xml = timeml_document(rec, text)
    assert "1 characters that XML cannot hold" in xml
    root = ET.fromstring(xml.encode("utf-8"))
    assert "".join(root.find("TEXT").itertext()) == text.replace("\x0b", "\ufffd")
    assert _inline(root.find("TEXT"))[0][2:] == (start, start + 13)


# --- brat ---------------------------------------------------------------------------


def test_brat_round_trip_keeps_offsets_labels_and_values():
    rec = record()
    parsed = parse_ann(brat_ann(rec, TEXT))
    spans = list(parsed["T"].values())
    assert spans[:2] == [(t["type"], t["start"], t["end"]) for t in rec["timexes"]]
    assert spans[2:7] == [(e["label"], e["start"], e["end"]) for e in rec["entities"]]
    assert spans[7:] == [("Contact_Statement", *_span(rec["events"][0])), ("Conflict_Blockade", *_span(rec["events"][1]))]
    assert parsed["#"]["T1"] == "value=1962-10-22" and parsed["#"]["T3"] == "canonical=John F. Kennedy"
    assert parsed["E"]["E1"] == ("Contact_Statement", "T8", [("agent", "T3"), ("Place", "T4"), ("Time", "T1")])
    assert parsed["E"]["E2"] == ("Conflict_Blockade", "T9", [("agent", "T5"), ("theme", "T7"), ("Time", "T2")])
    assert parsed["A"] == [("Negated", "E2")]
    gold = gold_from_ann(brat_ann(rec, TEXT), TEXT, ["Contact.Statement", "Conflict.Blockade"])
    assert [(t["value"], t["text"]) for t in gold["timexes"]] == [(t["value"], t["text"]) for t in rec["timexes"]]
    assert [(e["type"], e["canonical"]) for e in gold["entities"]] == [(e["label"], e["canonical"])
                                                                       for e in rec["entities"]]
    ev = gold["events"][1]
    assert (ev["type"], ev["date"], ev["sentence_start"], ev["sentence_end"]) == \
        ("Conflict.Blockade", "1962-10-24", TEXT.index("Hai"), len(TEXT))
    assert [(p["role"], p["name"]) for p in ev["participants"]] == [("agent", "Hải quân Mỹ"), ("theme", "Cuba")]
    assert gold["events"][0]["location_span"]["text"] == "Washington"


def test_brat_ann_lines_are_what_brat_reads():
    ann = brat_ann(record(), TEXT).splitlines()
    assert ann[0] == "T1\tDATE 0 25\tNgày 22 tháng 10 năm 1962"
    assert "#1\tAnnotatorNotes T1\tvalue=1962-10-22" in ann
    assert any(line.startswith("E2\tConflict_Blockade:T9 ") for line in ann)
    assert f"#9\tAnnotatorNotes E2\tsentence={TEXT.index('Hai')}-{len(TEXT)} modality=planned" in ann


@pytest.mark.parametrize("etype, name", [("Contact.Meet", "Contact_Meet"), ("Life.Be-Born", "Life_Be_Born"),
                                         ("Transaction.Transfer-Ownership", "Transaction_Transfer_Ownership"),
                                         ("Other", "Other")])
def test_event_types_as_brat_names_and_back(etype, name):
    assert brat_type(etype) == name
    assert event_type_of(name) == etype


def test_a_span_across_a_line_is_written_in_fragments():
    text = "thành phố Hồ Chí\nMinh"
    assert fragments(text, 10, len(text)) == [(10, 16), (17, 21)]
    rec = {"timexes": [], "events": [], "entities": [{"id": "E1", "text": text[10:], "start": 10, "end": len(text),
                                                      "label": "LOC", "canonical": "Thành phố Hồ Chí Minh"}]}
    ann = brat_ann(rec, text)
    assert ann.splitlines()[0] == "T1\tLOC 10 16;17 21\tHồ Chí Minh"
    assert parse_ann(ann)["T"]["T1"] == ("LOC", 10, len(text))
    assert gold_from_ann(ann, text)["entities"][0]["canonical"] == "Thành phố Hồ Chí Minh"


def test_annotation_conf_declares_every_type():
    from pipeline.ontology import load_ontology
    names = load_ontology().names
    conf = annotation_conf(names).splitlines()
    entities = conf[conf.index("[entities]") + 1:conf.index("[relations]")]
    assert [e for e in entities if e] == ["PER", "LOC", "GPE", "ORG", "EVENT", "MISC", "DATE", "TIME", "DURATION", "SET"]
    declared = [line.split("\t")[0] for line in conf[conf.index("[events]") + 1:conf.index("[attributes]")] if line]
    assert declared == [brat_type(n) for n in names] and "Life_Be_Born" in declared
    assert all(name.replace("_", "").isalnum() for name in declared)
    assert "Negated\tArg:<EVENT>" in conf


def _brat_files(tmp_path, rec, text, ann=None):
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "doc.ann").write_text(ann if ann is not None else brat_ann(rec, text), encoding="utf-8")
    (tmp_path / "pred.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return str(tmp_path / "doc.ann"), str(tmp_path / "pred.json")


def _scores(output: str) -> dict:
    return {k: float(v) for k, v in (line.split() for line in output.splitlines())}


def test_eval_of_a_record_against_its_own_ann_is_perfect(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app
    result = CliRunner().invoke(app, ["eval", *_brat_files(tmp_path, record(), TEXT)])
    assert result.exit_code == 0, result.output
    scores = _scores(result.output)
    assert scores["entity_exact_f1"] == 1.0 and scores["timex_value_f1"] == 1.0
    assert scores["event_dated_f1"] == 1.0 and scores["argument_f1"] == 1.0


def test_eval_reads_the_corrections_of_an_ann(tmp_path):
    """A corrector removes the Washington entity and changes a date: the scores say so."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    rec = record()
    lines = [line.replace(" Place:T4", "").replace("value=1962-10-24", "value=1962-10-25")
             for line in brat_ann(rec, TEXT).splitlines() if "Washington" not in line]
    result = CliRunner().invoke(app, ["eval", *_brat_files(tmp_path, rec, TEXT, "\n".join(lines) + "\n")])
    assert result.exit_code == 0, result.output
    scores = _scores(result.output)
    assert scores["entity_exact_r"] == 1.0 and scores["entity_exact_p"] == pytest.approx(4 / 5)
    assert scores["timex_value_f1"] == pytest.approx(0.5)


@pytest.mark.parametrize("case", ["no_txt", "other_text", "bad_line"])
def test_eval_refuses_a_bad_ann_in_one_line(tmp_path, case):
    from typer.testing import CliRunner

    from pipeline.cli import app
    rec = record()
    ann, pred = _brat_files(tmp_path, rec, TEXT, "T1\tDATE x y\tz\n" if case == "bad_line" else None)
    if case == "no_txt":
        (tmp_path / "doc.txt").unlink()
    if case == "other_text":
        (tmp_path / "doc.txt").write_text(BC_TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", ann, pred])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "not a gold annotation" in result.output
    assert "Traceback" not in result.output


# --- docs.spacy ---------------------------------------------------------------------


def test_docbin_holds_the_spans_of_the_records(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from pipeline.export.docbin import DocBinWriter
    writer = DocBinWriter()
    rec, bc = record(), bc_record()
    writer.add(rec, TEXT)
    writer.add(bc, BC_TEXT)
    writer.write(tmp_path / "docs.spacy")
    docs = list(DocBin().from_disk(tmp_path / "docs.spacy").get_docs(spacy.blank("xx").vocab))
    assert [d.text for d in docs] == [TEXT, BC_TEXT]
    doc = docs[0]
    assert doc.user_data["doc_id"] == "khung_hoang"
    assert [(s.text, s.label_, s.start_char, s.end_char) for s in doc.spans["entities"]] == \
        [(e["text"], e["label"], e["start"], e["end"]) for e in rec["entities"]]
    # "Mỹ" inside "Hải quân Mỹ": every entity in the span group, the outermost in doc.ents
    assert [(s.text, s.label_) for s in doc.ents] == [("Kennedy", "PER"), ("Washington", "LOC"),
                                                      ("Hải quân Mỹ", "ORG"), ("Cuba", "GPE")]
    assert [(s.text, s.label_, s.id_) for s in doc.spans["timexes"]] == \
        [(t["text"], t["type"], t["id"]) for t in rec["timexes"]]
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [("phát biểu", "Contact.Statement"),
                                                                ("phong tỏa", "Conflict.Blockade")]
    assert (tmp_path / "docs.spacy").read_bytes() == _docbin_bytes(tmp_path, rec, bc)


def _docbin_bytes(tmp_path, rec, bc) -> bytes:
    from pipeline.export.docbin import DocBinWriter
    writer = DocBinWriter()
    writer.add(rec, TEXT)
    writer.add(bc, BC_TEXT)
    writer.write(tmp_path / "again.spacy")
    return (tmp_path / "again.spacy").read_bytes()


@pytest.mark.parametrize("text", ["", "  hai  khoảng trắng ", "dòng\n\nmới\r\n", "Hồ Chí\nMinh", "😀 vui,vẻ!", " "])
def test_docbin_tokens_give_back_the_text(text):
    from pipeline.export.docbin import words_and_spaces
    words, spaces = words_and_spaces(text, {0, len(text)})
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    assert all(w for w in words)
