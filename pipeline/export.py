"""Writing a run's files: per-document JSON, timeline.json, timeline.csv (pandas),
the TimelineJS 3 file and the HTML report. Export reads only contract records
(plain dicts from `to_dict()`), and every file is written atomically.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .records import SCHEMA_VERSION
from .temporal.values import sort_key

CSV_COLUMNS = ["doc_id", "event_id", "date_start", "date_end", "date_value", "granularity", "date_text",
               "type", "trigger", "agents", "themes", "participants", "location", "sentence",
               "sentence_start", "sentence_end", "confidence"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write(path: Path, data: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_document(record: dict, out_dir: Path) -> Path:
    path = Path(out_dir) / f"{record['doc_id']}.json"
    atomic_write(path, dumps(record))
    return path


def timeline_events(records: list[dict]) -> list[dict]:
    """Every event of every document, each with its doc_id: dated ones by the start of
    their calendar range, then reading order; undated ones last, in reading order."""
    rows = []
    for order, rec in enumerate(records):
        for k, ev in enumerate(rec.get("events", [])):
            rng = ev["time"]["range"] if ev.get("time") else None
            rows.append(((0 if rng else 1), sort_key(tuple(rng) if rng else None), order, k,
                         {"doc_id": rec["doc_id"], **ev}))
    rows.sort(key=lambda r: r[:4])
    return [r[4] for r in rows]


REPORT_TEXT_DOCS = 50  # documents whose full text and records a run keeps for the report


def slim(record: dict) -> dict:
    """What the timeline files need of a document once its own JSON is written: its events,
    the timexes they cite, and the counts."""
    cited = {(e.get("time") or {}).get("timex_id") for e in record["events"]}
    return {"doc_id": record["doc_id"], "source": record.get("source"),
            "timexes": [t for t in record["timexes"] if t["id"] in cited], "entities": [],
            "events": record["events"],
            "counts": {k: len(record[k]) for k in ("timexes", "entities", "events")}}


def timeline_document(records: list[dict], failures: list[dict]) -> dict:
    def count(r, key):
        return r["counts"][key] if "counts" in r else len(r[key])
    docs = [{"doc_id": r["doc_id"], "source": r.get("source"), "error": None,
             "timexes": count(r, "timexes"), "entities": count(r, "entities"), "events": count(r, "events")}
            for r in records]
    docs += [{"doc_id": f["doc_id"], "source": f["source"], "error": f["error"],
              "timexes": 0, "entities": 0, "events": 0} for f in failures]
    docs.sort(key=lambda d: d["doc_id"])
    return {"schema_version": SCHEMA_VERSION, "documents": docs, "events": timeline_events(records)}


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(doc_id: str, ev: dict) -> dict:
    time = ev.get("time") or {}
    rng = time.get("range") or [None, None]
    parts = ev.get("participants", [])
    timex_text = ev.get("_date_text")
    return {
        "doc_id": doc_id, "event_id": ev["id"], "date_start": rng[0], "date_end": rng[1],
        "date_value": time.get("value"), "granularity": time.get("granularity"), "date_text": timex_text,
        "type": ev["type"], "trigger": ev["trigger"]["text"],
        "agents": "; ".join(p["canonical"] for p in parts if p["role"] == "agent"),
        "themes": "; ".join(p["canonical"] for p in parts if p["role"] == "theme"),
        "participants": "; ".join(f"{p['canonical']} ({p['role']})" for p in parts),
        "location": (ev.get("location") or {}).get("canonical"),
        "sentence": " ".join(ev["sentence"]["text"].split()),
        "sentence_start": ev["sentence"]["start"], "sentence_end": ev["sentence"]["end"],
        "confidence": ev.get("confidence"),
    }


def events_frame(pairs):
    """pandas DataFrame of (doc_id, event dict) pairs, with the CSV columns."""
    import pandas as pd
    return pd.DataFrame([_row(doc_id, ev) for doc_id, ev in pairs], columns=CSV_COLUMNS)


def with_date_text(records: list[dict]) -> dict[tuple[str, str], str]:
    """Text of the timex each event's date came from, keyed by (doc_id, timex id)."""
    return {(r["doc_id"], t["id"]): t["text"] for r in records for t in r["timexes"]}


def write_csv(events: list[dict], records: list[dict], path: Path) -> None:
    texts = with_date_text(records)
    pairs = []
    for ev in events:
        ev = dict(ev)
        tid = (ev.get("time") or {}).get("timex_id")
        ev["_date_text"] = texts.get((ev["doc_id"], tid)) if tid else None
        pairs.append((ev["doc_id"], ev))
    frame = events_frame(pairs)
    frame = frame.map(_safe_cell) if hasattr(frame, "map") else frame.applymap(_safe_cell)
    atomic_write(path, frame.to_csv(index=False, lineterminator="\n"))


def _tl_date(day: str) -> dict:
    neg = day.startswith("-")
    y, m, d = (day[1:] if neg else day).split("-")
    return {"year": -int(y) if neg else int(y), "month": int(m), "day": int(d)}


def timelinejs(events: list[dict], title: str = "vnevents timeline") -> dict:
    """The JSON input of TimelineJS 3 (Knight Lab); undated events cannot be placed and are left out."""
    out = []
    for ev in events:
        time = ev.get("time")
        if not time or not time.get("range"):
            continue
        first, last = time["range"]
        gran = time.get("granularity")
        start = _tl_date(first)
        if gran in ("year", "decade", "century"):
            start = {"year": start["year"]}
        elif gran in ("month", "season", "quarter"):
            start = {"year": start["year"], "month": start["month"]}
        slide = {"start_date": {**start, "display_date": time["value"]},
                 "text": {"headline": f"{ev['type']}: {ev['trigger']['text']}",
                          "text": ev["sentence"]["text"]},
                 "group": ev["type"], "unique_id": f"{ev['doc_id']}-{ev['id']}"}
        if last != first and gran not in ("year", "month", "season", "quarter", "decade", "century"):
            slide["end_date"] = _tl_date(last)
        out.append(slide)
    return {"title": {"text": {"headline": title, "text": f"{len(out)} dated events"}}, "events": out}


def write_run(records: list[dict], failures: list[dict], out_dir: Path, formats: set[str], texts: dict) -> None:
    out_dir = Path(out_dir)
    timeline = timeline_document(records, failures)
    if "json" in formats:
        atomic_write(out_dir / "timeline.json", dumps(timeline))
    if "csv" in formats:
        write_csv(timeline["events"], records, out_dir / "timeline.csv")
    if "timelinejs" in formats:
        atomic_write(out_dir / "timeline.timelinejs.json", dumps(timelinejs(timeline["events"])))
    if "html" in formats:
        from .report import render_report
        atomic_write(out_dir / "report.html", render_report(records, failures, timeline, texts))
