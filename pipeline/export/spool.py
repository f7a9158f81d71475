"""The records of a run on their way to the files: one document's record encoded piece by
piece (RecordFile), and the events of every document spooled for the timelines in time
order (EventSpool), each held on disk with only what sorting needs in memory.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..days import sort_key

CLUSTER_WINDOW = 200  # earlier events of one (type, name) that a dated event is compared with


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def indented(obj, indent: str) -> str:
    # split at "\n" only: str.splitlines() also breaks at U+2028, U+2029, U+0085 and other
    # characters that json.dumps leaves raw inside strings, which made invalid JSON
    return "\n".join(indent + line for line in json.dumps(obj, ensure_ascii=False, indent=2).split("\n"))


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
                fh.write((",\n" if self.counts[name] else "") + indented(item, "    "))
                self.counts[name] += 1
                if _end(item) <= self.keep_chars:
                    self.kept[name].append(item)
        dates = {t["id"]: t["text"] for t in timexes}  # an event's date is a timex of its own piece
        for ev in events:
            self.dated += bool((ev.get("time") or {}).get("range"))
            tid = (ev.get("time") or {}).get("timex_id")
            self._files["lines"].write(json.dumps([ev, dates.get(tid) if tid else None], ensure_ascii=False) + "\n")

    def items(self, name: str):
        """The records of one section ("timexes", "entities" or "events") as dicts, in
        order, read back one at a time: an item's last line is its closing brace at the
        item's indent (json.dumps escapes every line break inside strings)."""
        fh = self._files[name]
        fh.seek(0)
        lines: list[str] = []
        for line in fh:
            lines.append(line)
            if line.rstrip("\n") in ("    }", "    },"):
                yield json.loads("".join(lines).rstrip().rstrip(","))
                lines = []

    def to_dict(self) -> dict:
        """The whole record as a dict (one document's records in memory)."""
        return {**self.head, **{name: list(self.items(name)) for name in self.SECTIONS}}

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


def record_dict(record) -> dict:
    """A document record as a dict, from its dict or a RecordFile."""
    return record.to_dict() if isinstance(record, RecordFile) else record


def section(record, name: str):
    """The items of one section of a record (its dict or a RecordFile), in order."""
    return record.items(name) if isinstance(record, RecordFile) else iter(record.get(name) or ())


def spool_of(records: list[dict], failures: list[dict] = ()) -> EventSpool:
    spool = EventSpool()
    for r in records:
        spool.add(r)
    for f in failures:
        spool.fail(f)
    return spool
