"""timeline.geojson: the events whose place has coordinates, as a GeoJSON FeatureCollection
(RFC 7946), so a GIS or a web map shows the run where it happened.

One Feature per such event, in timeline order: a Point at the place's coordinates (GeoJSON
writes longitude first), `id` "<doc_id>-<event_id>", and as properties the event's
timeline.csv columns, with `place_ids` (the place's GeoNames and ISO 3166 ids). An event
whose place has no coordinates (a name the gazetteers do not know, a state), or that has no
place, is left out; the collection's `vnevents` member counts both.
"""
from __future__ import annotations

from typing import TextIO

from ..records import event_row
from .spool import EventSpool, dumps, indented


class Places:
    """The coordinates and ids of the run's located entities, by (doc_id, entity id),
    gathered a document at a time."""

    def __init__(self):
        self.by_entity: dict[tuple[str, str], tuple[list[float], dict]] = {}

    def add(self, doc_id: str, entities) -> None:
        for e in entities:
            if e.get("coordinates"):
                self.by_entity[(doc_id, e["id"])] = (list(e["coordinates"]), dict(e.get("ids") or {}))

    def of(self, ev: dict) -> tuple[list[float], dict] | None:
        place = (ev.get("location") or {}).get("entity_id")
        return self.by_entity.get((ev["doc_id"], place)) if place else None


def feature(ev: dict, date_text: str | None, coordinates: list[float], ids: dict) -> dict:
    """The Feature of one event (with its doc_id) at a place's [lat, lon]."""
    lat, lon = coordinates
    properties = event_row(ev["doc_id"], {**ev, "_date_text": date_text})
    properties["place_ids"] = ids
    return {"type": "Feature", "id": f"{ev['doc_id']}-{ev['id']}",
            "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def write_geojson(spool: EventSpool, places: Places, fh: TextIO) -> None:
    """timeline.geojson into an open text file, streamed a Feature at a time."""
    placed = unplaced = 0
    fh.write('{\n  "type": "FeatureCollection",\n  "features": [')
    for ev, date_text in spool.events():
        where = places.of(ev)
        if where is None:
            unplaced += 1
            continue
        fh.write(("\n" if not placed else ",\n") + indented(feature(ev, date_text, *where), "    "))
        placed += 1
    counts = {"vnevents": {"events_placed": placed, "events_without_coordinates": unplaced}}
    fh.write(("\n  ]," if placed else "],") + dumps(counts)[1:])
