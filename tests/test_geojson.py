"""timeline.geojson: the events whose place has coordinates, validated against a JSON
Schema of RFC 7946 (the parts a FeatureCollection of Points uses) and checked against the
records: the point is the place entity's coordinates (longitude first), the properties are
the event's timeline.csv row."""
from __future__ import annotations

import csv
import json

import jsonschema
import pytest

from pipeline.export import writers
from pipeline.export.documents import DocumentFiles
from pipeline.export.spool import spool_of

POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
GEOJSON = {  # RFC 7946, sections 3.1.2 (Point), 3.2 (Feature), 3.3 (FeatureCollection)
    "type": "object", "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"],
                             "properties": {"type": {"const": "Point"}, "coordinates": POSITION}},
                "properties": {"type": ["object", "null"]}}}}}}
TEXTS = {
    "vienna": "Năm 1961, Kennedy gặp Khrushchev tại Vienna. Năm 1962, Liên Xô đặt tên lửa ở Cuba.",
    "nowhere": "Năm 1963, hai bên ký hiệp ước.",
}


@pytest.fixture(scope="module")
def geo(nlp, tmp_path_factory):
    from pipeline import extract
    out = tmp_path_factory.mktemp("geo")
    records = [extract(text, doc_id=name, nlp=nlp).to_dict() for name, text in TEXTS.items()]
    documents = DocumentFiles(out, {"csv", "geojson"})
    for rec in records:
        documents.add(rec, None)
    spool = spool_of(records)
    try:
        writers.write_run(spool, [], out, {"csv", "geojson"}, {}, documents=documents)
    finally:
        spool.close()
    with (out / "timeline.csv").open(encoding="utf-8", newline="") as fh:
        rows = {(r["doc_id"], r["event_id"]): r for r in csv.DictReader(fh)}
    return json.loads((out / "timeline.geojson").read_text(encoding="utf-8")), records, rows


def test_valid_geojson_with_the_places_of_the_records(geo):
    collection, records, _ = geo
    jsonschema.validate(collection, GEOJSON)
    entities = {(r["doc_id"], e["id"]): e for r in records for e in r["entities"]}
    events = {(r["doc_id"], ev["id"]): ev for r in records for ev in r["events"]}
    placed = [f for f in collection["features"]]
    assert [f["properties"]["location"] for f in placed] == ["Vienna", "Cuba"]
    for f in placed:
        ev = events[(f["properties"]["doc_id"], f["properties"]["event_id"])]
        place = entities[(f["properties"]["doc_id"], ev["location"]["entity_id"])]
        lat, lon = place["coordinates"]
        assert f["geometry"]["coordinates"] == [lon, lat] and f["properties"]["place_ids"] == place["ids"]
    assert placed[0]["geometry"]["coordinates"] == [16.3721, 48.2085]  # GeoNames' Vienna
    assert placed[1]["properties"]["place_ids"]["iso3166"] == "CU"  # a state, at its capital


def test_properties_are_the_csv_row_and_unplaced_events_are_counted(geo):
    collection, records, rows = geo
    for f in collection["features"]:
        props = {k: v for k, v in f["properties"].items() if k != "place_ids"}
        row = rows[(props["doc_id"], props["event_id"])]
        assert {k: ("" if v is None else str(v)) for k, v in props.items()} == row
    total = sum(len(r["events"]) for r in records)
    assert collection["vnevents"] == {"events_placed": len(collection["features"]),
                                      "events_without_coordinates": total - len(collection["features"])}
    assert collection["vnevents"]["events_without_coordinates"] >= 1  # "ký hiệp ước" has no place
