"""Writing a run's files: per-document JSON, timeline.json, timeline.csv (pandas),
the TimelineJS 3 file and the HTML report. Export reads only contract records
(plain dicts from `to_dict()`), and every file is written atomically.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..records import CSV_COLUMNS, CSV_TEXT_COLUMNS, SCHEMA_VERSION, events_frame  # noqa: F401 (CSV_COLUMNS re-exported)
from ..days import sort_key

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


TMP_SUFFIX = ".vnevents.tmp"  # the temporary files of atomic_open, removed by clear_stale()


@contextmanager
def atomic_open(path: Path):
    """A text file handle whose content replaces `path` only once it is complete: written
    to a temporary file beside it, synced, then renamed. Never a half-written file: on any
    failure (a full disk included, where closing fails too) the temporary file is removed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
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
            try:
                os.unlink(tmp)
            except OSError:
                pass
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


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


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


def _spill(folder: str | None = None):
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=folder)


def _end(item: dict) -> int:
    return item["end"] if "end" in item else item["trigger"]["end"]


class RecordFile:
    """One document's record, encoded as its pieces come (pipeline.extract_pieces): each
    record's JSON goes to an unnamed temporary file of its section, and each event also as
    one line for the timeline spool, so that a long document is never held whole in memory.
    `write_document` gives the same bytes as for the record's dict. The records that end
    within the first `keep_chars` characters are also kept as dicts, for the report.
    Pickled (to leave a worker process), it carries its files' text."""

    SECTIONS = ("timexes", "entities", "events")

    def __init__(self, head: dict, keep_chars: int = 0, text_chars: int = 0, folder: str | None = None):
        self.head = head  # schema_version, doc_id, source, dct, text_sha256: the record's first fields
        self.keep_chars, self.text_chars = keep_chars, text_chars
        self.counts = dict.fromkeys(self.SECTIONS, 0)
        self.dated = 0
        self.kept: dict[str, list] = {name: [] for name in self.SECTIONS}
        self._files = {name: _spill(folder) for name in self.SECTIONS + ("lines",)}

    def add(self, timexes: list[dict], entities: list[dict], events: list[dict]) -> None:
        """The records of the next piece (contract dicts, in document offsets and ids)."""
        for name, items in zip(self.SECTIONS, (timexes, entities, events)):
            fh = self._files[name]
            for item in items:
                fh.write((",\n" if self.counts[name] else "") + _indented(item, "    "))
                self.counts[name] += 1
                if _end(item) <= self.keep_chars:
                    self.kept[name].append(item)
        dates = {t["id"]: t["text"] for t in timexes}  # an event's date is a timex of its own piece
        for ev in events:
            self.dated += bool((ev.get("time") or {}).get("range"))
            tid = (ev.get("time") or {}).get("timex_id")
            self._files["lines"].write(json.dumps([ev, dates.get(tid) if tid else None], ensure_ascii=False) + "\n")

    def write_to(self, fh) -> None:
        """The record as json.dump(record, fh, indent=2) writes it, and a line end."""
        fh.write(dumps(self.head)[:-3] + ",\n")
        for k, name in enumerate(self.SECTIONS):
            if self.counts[name]:
                fh.write(f'  "{name}": [\n')
                self._files[name].seek(0)
                shutil.copyfileobj(self._files[name], fh)
                fh.write("\n  ]")
            else:
                fh.write(f'  "{name}": []')
            fh.write(",\n" if k < len(self.SECTIONS) - 1 else "\n}\n")

    def event_pairs(self):
        """(event dict, text of the timex its date came from), in reading order."""
        fh = self._files["lines"]
        fh.seek(0)
        for line in fh:
            ev, date_text = json.loads(line)
            yield ev, date_text

    def report_view(self) -> dict:
        """The record as the report reads it: the head, the records kept, and the counts."""
        return {**self.head, **self.kept, "_counts": {**self.counts, "dated": self.dated},
                "_shown": [min(self.keep_chars, self.text_chars), self.text_chars]}

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()

    def __getstate__(self):
        state = {k: v for k, v in self.__dict__.items() if k != "_files"}
        files = {}
        for name, fh in self._files.items():
            fh.seek(0)
            files[name] = fh.read()
        return state, files

    def __setstate__(self, value):
        state, files = value
        self.__dict__.update(state)
        self._files = {}
        for name, text in files.items():
            self._files[name] = _spill()
            self._files[name].write(text)


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
_CSV_CHUNK = 5000  # rows per pandas frame when the CSV is written
CLUSTER_WINDOW = 200  # earlier events of one (type, name) that a dated event is compared with


class EventSpool:
    """The events of a run, spooled to an unnamed temporary file as documents finish, with
    only their sort keys in memory: the timeline files are then written in order without
    holding every event at once, so memory stays flat in the size of the corpus."""

    def __init__(self, folder: Path | None = None):
        self._fh = tempfile.TemporaryFile(dir=folder)
        self._keys: list[tuple] = []
        self._documents: list[dict] = []
        self._facts: list[tuple] = []  # (type, first day, last day, names, document, event) of dated events
        self._clusters: dict[tuple[int, int], str] | None = None

    def add(self, record) -> None:
        """The events of one document: its record's dict or a RecordFile."""
        if isinstance(record, RecordFile):
            head, counts, pairs = record.head, record.counts, record.event_pairs()
        else:
            head, counts = record, {k: len(record[k]) for k in ("timexes", "entities", "events")}
            dates = {t["id"]: t["text"] for t in record["timexes"]}
            pairs = ((ev, dates.get((ev.get("time") or {}).get("timex_id"))) for ev in record["events"])
        order = len(self._documents)
        self._documents.append({"doc_id": head["doc_id"], "source": head.get("source"), "error": None, **counts})
        for k, (ev, date_text) in enumerate(pairs):
            line = json.dumps([{"doc_id": head["doc_id"], **ev}, date_text],
                              ensure_ascii=False).encode("utf-8") + b"\n"
            offset = self._fh.seek(0, os.SEEK_END)
            self._fh.write(line)
            rng = ev["time"]["range"] if ev.get("time") else None
            self._keys.append((0 if rng else 1, sort_key(tuple(rng) if rng else None), order, k, offset, len(line)))
            names = {p["canonical"] for p in ev.get("participants") or ()}
            names.update([ev["location"]["canonical"]] if ev.get("location") else [])
            if rng and names:
                self._facts.append((ev["type"], sort_key((rng[0], rng[0])), sort_key((rng[1], rng[1])),
                                    frozenset(names), order, k))
        self._clusters = None

    def fail(self, failure: dict) -> None:
        self._documents.append({"doc_id": failure["doc_id"], "source": failure["source"],
                                "error": failure["error"], "timexes": 0, "entities": 0, "events": 0})

    @property
    def documents(self) -> list[dict]:
        return sorted(self._documents, key=lambda d: d["doc_id"])

    def __len__(self) -> int:
        return len(self._keys)

    def events(self, limit: int | None = None):
        """(event with its doc_id and cluster, text of the timex its date came from), dated
        events by the first day of their range then reading order, undated ones last in
        reading order."""
        self._keys.sort()
        if self._clusters is None:
            self._clusters = self._cluster()
        for key in self._keys[:limit]:
            self._fh.seek(key[4])
            ev, date_text = json.loads(self._fh.read(key[5]))
            ev["cluster"] = self._clusters.get((key[2], key[3]))
            yield ev, date_text

    def _cluster(self) -> dict[tuple[int, int], str]:
        """(document, event) -> cluster id, for the happenings told by more than one
        document: events of the same type whose date ranges overlap and that share a
        participant or place by canonical name, joined transitively. Ids C1, C2, ... in
        timeline order of each cluster's first event."""
        parent: dict[tuple[int, int], tuple[int, int]] = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        buckets: dict[tuple[str, str], list[tuple]] = {}
        for etype, first, last, names, doc, k in self._facts:
            for name in names:
                buckets.setdefault((etype, name), []).append((first, last, doc, k))
        for items in buckets.values():
            if len({doc for _, _, doc, _ in items}) < 2:
                continue
            items.sort()
            open_: list[tuple] = []
            for first, last, doc, k in items:
                open_ = [o for o in open_ if o[1] >= first][-CLUSTER_WINDOW:]
                for _, _, other_doc, other_k in open_:
                    if other_doc != doc:
                        a, b = find((doc, k)), find((other_doc, other_k))
                        if a != b:
                            parent[max(a, b)] = min(a, b)
                open_.append((first, last, doc, k))
        groups: dict[tuple[int, int], set[int]] = {}
        for x in list(parent):
            groups.setdefault(find(x), set()).add(x[0])
        out, names = {}, {}
        for key in self._keys:  # timeline order
            member = (key[2], key[3])
            if member in parent and len(groups[find(member)]) > 1:
                root = find(member)
                names.setdefault(root, f"C{len(names) + 1}")
                out[member] = names[root]
        return out

    def close(self) -> None:
        self._fh.close()


def spool_of(records: list[dict], failures: list[dict] = ()) -> EventSpool:
    spool = EventSpool()
    for r in records:
        spool.add(r)
    for f in failures:
        spool.fail(f)
    return spool


def timeline_events(records: list[dict]) -> list[dict]:
    """Every event of every document, each with its doc_id, in timeline order."""
    spool = spool_of(records)
    try:
        return [ev for ev, _ in spool.events()]
    finally:
        spool.close()


def timeline_document(records: list[dict], failures: list[dict]) -> dict:
    spool = spool_of(records, failures)
    try:
        return {"schema_version": SCHEMA_VERSION, "documents": spool.documents,
                "events": [ev for ev, _ in spool.events()]}
    finally:
        spool.close()


def _indented(obj, indent: str) -> str:
    # split at "\n" only: str.splitlines() also breaks at U+2028, U+2029, U+0085 and other
    # characters that json.dumps leaves raw inside strings, which made invalid JSON
    return "\n".join(indent + line for line in json.dumps(obj, ensure_ascii=False, indent=2).split("\n"))


def write_timeline(spool: EventSpool, path: Path) -> None:
    """timeline.json, streamed: the same bytes as json.dumps(timeline, indent=2)."""
    with atomic_open(path) as fh:
        fh.write('{\n  "schema_version": ' + json.dumps(SCHEMA_VERSION) + ',\n  "documents": ')
        fh.write(_indented(spool.documents, "  ").lstrip() + ',\n  "events": [')
        first = True
        for ev, _ in spool.events():
            fh.write(("\n" if first else ",\n") + _indented(ev, "    "))
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


def _safe_cell(value):
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
            frame = events_frame([(ev["doc_id"], ev) for ev in chunk])
            for column in CSV_TEXT_COLUMNS:
                frame[column] = frame[column].map(_safe_cell)
            fh.write(frame.to_csv(index=False, header=header, lineterminator="\n"))
            header = False
            chunk.clear()
        for ev, date_text in pairs:
            chunk.append({**ev, "_date_text": date_text})
            if len(chunk) >= _CSV_CHUNK:
                flush()
        if chunk or header:
            flush()


def write_csv(events: list[dict], records: list[dict], path: Path) -> None:
    """timeline.csv of events already in timeline order (each with its doc_id)."""
    texts = {(r["doc_id"], t["id"]): t["text"] for r in records for t in r["timexes"]}
    _write_csv_rows(((ev, texts.get((ev["doc_id"], (ev.get("time") or {}).get("timex_id"))))
                     for ev in events), path)


def _tl_date(day: str) -> dict:
    neg = day.startswith("-")
    y, m, d = (day[1:] if neg else day).split("-")
    return {"year": -int(y) if neg else int(y), "month": int(m), "day": int(d)}


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
            fh.write(("\n" if first else ",\n") + _indented(_slide(ev), "    "))
            first = False
        fh.write("]\n}\n" if first else "\n  ]\n}\n")


def write_run(spool: EventSpool, records: list[dict], out_dir: Path, formats: set[str], texts: dict,
              excel: bool = False) -> None:
    """The run's timeline files and report. `records` are the documents kept whole for the
    report (the first REPORT_TEXT_DOCS); the spool has every event."""
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
        from .report import render_report
        failures = [{"doc_id": d["doc_id"], "source": d["source"], "error": d["error"]}
                    for d in spool.documents if d["error"]]
        timeline = {"schema_version": SCHEMA_VERSION, "documents": spool.documents,
                    "events": [ev for ev, _ in spool.events(REPORT_EVENTS)]}
        atomic_write(out_dir / "report.html", render_report(records, failures, timeline, texts))
