"""Writing a run's files: per-document JSON, timeline.json, timeline.csv,
the TimelineJS 3 file and the HTML report. Export reads only contract records
(plain dicts from `to_dict()`), and every file is written atomically.
"""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

from ..days import parse_day
from ..records import CSV_COLUMNS, CSV_TEXT_COLUMNS, SCHEMA_VERSION, event_row  # noqa: F401 (CSV_COLUMNS re-exported)
from .spool import EventSpool, RecordFile, dumps, indented, spool_of  # noqa: F401 (re-exported)
from .table import write_table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


TMP_SUFFIX = ".vnevents.tmp"  # the temporary files of atomic_open, removed by clear_stale()


@contextmanager
def atomic_open(path: Path, binary: bool = False):
    """A text file handle (`binary`: a bytes one) whose content replaces `path` only once it
    is complete: written to a temporary file beside it, synced, then renamed. Never a
    half-written file: on any failure (a full disk included, where closing fails too) the
    temporary file is removed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            fh.close()  # may fail again (ENOSPC on flush): the file goes anyway
        except OSError:
            pass
        finally:
            with suppress(OSError):
                os.unlink(tmp)
        raise


def remove_old_records(folder: Path, kept: set[str]) -> list[str]:
    """Remove the document records (`<doc_id>.json` written by `run`: a `schema_version`,
    `doc_id` and `text_sha256`) of documents not in `kept`, so that a reused output folder
    holds only this run's records; returns the names removed. Other files are left alone."""
    removed = []
    for path in sorted(Path(folder).glob("*.json")):
        stem = path.name[:-len(".json")]
        if stem in kept or stem.startswith(("timeline", "report")):
            continue
        try:
            with path.open(encoding="utf-8") as fh:
                head = fh.read(400)
            if not ('"schema_version"' in head and '"doc_id"' in head and '"text_sha256"' in head):
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("doc_id") == stem and "text_sha256" in data:
                path.unlink()
                removed.append(path.name)
        except (OSError, ValueError):
            continue
    return removed


def clear_stale(folder: Path) -> int:
    """Remove the temporary files a killed run left in `folder`; returns how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if name.startswith(".") and name.endswith(TMP_SUFFIX):
            try:
                os.unlink(os.path.join(folder, name))
                removed += 1
            except OSError:
                pass
    return removed


def atomic_write(path: Path, data: str) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


STREAM_RECORDS = 20_000  # a document with more records than this is written as it is encoded


def write_document(record, out_dir: Path) -> Path:
    """`<doc_id>.json` from a record's dict or a RecordFile. A large record is encoded
    straight into the file, never as one string (the same bytes, without a second copy of
    the document in memory)."""
    if isinstance(record, RecordFile):
        path = Path(out_dir) / f"{record.head['doc_id']}.json"
        with atomic_open(path) as fh:
            record.write_to(fh)
        return path
    path = Path(out_dir) / f"{record['doc_id']}.json"
    size = sum(len(record.get(key) or ()) for key in ("events", "entities", "timexes"))
    if size <= STREAM_RECORDS:
        atomic_write(path, dumps(record))
        return path
    with atomic_open(path) as fh:
        json.dump(record, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return path


REPORT_TEXT_DOCS = 50  # documents whose text and records a run keeps for the report
REPORT_TEXT_CHARS = 200_000  # of each, the report shows at most about this many characters


def report_cut(text: str, size: int | None = None) -> int:
    """Where the report's copy of a document's text ends: the whole text, or the last line
    or sentence end (failing that, space) in the window before `size` characters (default
    REPORT_TEXT_CHARS)."""
    size = size or REPORT_TEXT_CHARS
    if len(text) <= size:
        return len(text)
    for sep in ("\n", ". ", " "):
        cut = text.rfind(sep, size // 2, size)
        if cut >= 0:
            return cut + len(sep)
    return size
REPORT_EVENTS = 5000  # events shown in the report's table and timeline (the first in time order)
_CSV_CHUNK = 5000  # rows written at a time (their columns are typed together, as one pandas frame was)


def write_timeline(spool: EventSpool, path: Path) -> None:
    """timeline.json, streamed: the same bytes as json.dumps(timeline, indent=2)."""
    with atomic_open(path) as fh:
        fh.write('{\n  "schema_version": ' + json.dumps(SCHEMA_VERSION) + ',\n  "documents": ')
        fh.write(indented(spool.documents, "  ").lstrip() + ',\n  "events": [')
        first = True
        for ev, _ in spool.events():
            fh.write(("\n" if first else ",\n") + indented(ev, "    "))
            first = False
        fh.write("]\n}\n" if first else "\n  ]\n}\n")


# line breaks other than "\n" that json.dumps leaves raw inside strings: escaped in JSON
# Lines, whose readers may split at any of them (str.splitlines does)
_LINE_BREAKS = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085"}


def write_jsonl(spool: EventSpool, path: Path) -> None:
    """timeline.jsonl: one event per line (with its doc_id and cluster), in timeline order,
    streamed; every line is a JSON object with the fields of timeline.json's events."""
    with atomic_open(path) as fh:
        for ev, _ in spool.events():
            fh.write(json.dumps(ev, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")


def safe_cell(value):
    """A text cell as a spreadsheet shows it, not as a formula: a leading ' when it starts like one."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv_rows(pairs, path: Path, excel: bool = False) -> None:
    """(event, date text) pairs -> CSV, a chunk of rows at a time, formula cells of the
    text columns escaped; `excel`: a UTF-8 byte order mark first, for spreadsheets."""
    with atomic_open(path) as fh:
        chunk, header = [], True
        if excel:
            fh.write("\ufeff")

        def flush():
            nonlocal header
            rows = [event_row(ev["doc_id"], ev) for ev in chunk]
            for row in rows:
                for column in CSV_TEXT_COLUMNS:
                    row[column] = safe_cell(row[column])
            write_table(fh, CSV_COLUMNS, rows, header=header)
            header = False
            chunk.clear()
        for ev, date_text in pairs:
            chunk.append({**ev, "_date_text": date_text})
            if len(chunk) >= _CSV_CHUNK:
                flush()
        if chunk or header:
            flush()


def _tl_date(day: str) -> dict:
    """A TimelineJS date of a range's ISO day (BC years negative: '-0207-01-01')."""
    y, m, d = parse_day(day)
    return {"year": y, "month": m, "day": d}


def _slide(ev: dict) -> dict | None:
    time = ev.get("time")
    if not time or not time.get("range"):
        return None  # an undated event cannot be placed
    first, last = time["range"]
    gran = time.get("granularity")
    start = _tl_date(first)
    if gran in ("year", "decade", "century"):
        start = {"year": start["year"]}
    elif gran in ("month", "season", "quarter"):
        start = {"year": start["year"], "month": start["month"]}
    slide = {"start_date": {**start, "display_date": time["value"]},
             "text": {"headline": f"{ev['type']}: {ev['trigger']['text']}", "text": ev["sentence"]["text"]},
             "group": ev["type"], "unique_id": f"{ev['doc_id']}-{ev['id']}"}
    if last != first and gran not in ("year", "month", "season", "quarter", "decade", "century"):
        slide["end_date"] = _tl_date(last)
    return slide


def timelinejs(events: list[dict], title: str = "vnevents timeline") -> dict:
    """The JSON input of TimelineJS 3 (Knight Lab); undated events cannot be placed and are left out."""
    slides = [s for s in map(_slide, events) if s]
    return {"title": {"text": {"headline": title, "text": f"{len(slides)} dated events"}}, "events": slides}


def write_timelinejs(spool: EventSpool, path: Path, title: str = "vnevents timeline") -> None:
    """timeline.timelinejs.json, streamed; the same bytes as dumps(timelinejs(events))."""
    dated = sum(1 for key in spool._keys if key[0] == 0)
    with atomic_open(path) as fh:
        head = {"title": {"text": {"headline": title, "text": f"{dated} dated events"}}}
        fh.write(dumps(head)[:-3] + ',\n  "events": [')
        first = True
        for ev, _ in spool.events(dated):
            fh.write(("\n" if first else ",\n") + indented(_slide(ev), "    "))
            first = False
        fh.write("]\n}\n" if first else "\n  ]\n}\n")


def write_run(spool: EventSpool, records: list[dict], out_dir: Path, formats: set[str], texts: dict,
              excel: bool = False, documents=None) -> None:
    """The run's timeline files and report. `records` are the documents kept whole for the
    report (the first REPORT_TEXT_DOCS); the spool has every event; `documents` (a
    DocumentFiles) has what the per-document formats gathered over the run."""
    out_dir = Path(out_dir)
    if "json" in formats:
        write_timeline(spool, out_dir / "timeline.json")
    if "csv" in formats:
        _write_csv_rows(spool.events(), out_dir / "timeline.csv", excel)
    if "timelinejs" in formats:
        write_timelinejs(spool, out_dir / "timeline.timelinejs.json")
    if "jsonl" in formats:
        write_jsonl(spool, out_dir / "timeline.jsonl")
    if "html" in formats:
        write_report(spool, records, texts, out_dir / "report.html")
    if "parquet" in formats:
        from .parquet import write_parquet
        with atomic_open(out_dir / "timeline.parquet", binary=True) as fh:
            write_parquet(spool.events(), fh)
    if "geojson" in formats and documents is not None:
        from .geojson import write_geojson
        with atomic_open(out_dir / "timeline.geojson") as fh:
            write_geojson(spool, documents.places, fh)
    if documents is not None:
        documents.finish()


def write_report(spool: EventSpool, records: list[dict], texts: dict, path: Path) -> None:
    """report.html: the documents kept whole, the first REPORT_EVENTS events, the failures."""
    from .report import render_report
    failures = [{"doc_id": d["doc_id"], "source": d["source"], "error": d["error"]}
                for d in spool.documents if d["error"]]
    timeline = {"schema_version": SCHEMA_VERSION, "documents": spool.documents,
                "events": [ev for ev, _ in spool.events(REPORT_EVENTS)]}
    atomic_write(path, render_report(records, failures, timeline, texts))
