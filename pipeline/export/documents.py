"""The files of a run that are made document by document: the TimeML and brat files of
each document (written as it comes), and what is gathered over the run and written at its
end, docs.spacy and entities.csv. They read the records and the document's text only.

entities.csv: one row per (canonical, label) over the run, in order of first mention:
`canonical, label, documents, mentions, events` (documents: doc_ids joined with "; " in run
order; mentions: how many; events: how many events name it as participant or place), and
`ids` at the end when the records give entities ids. Escaped as timeline.csv is.
"""
from __future__ import annotations

from pathlib import Path

from ..ontology import load_ontology
from .geojson import Places
from .spool import RecordFile, record_dict, section
from .table import write_table
from .writers import atomic_open, atomic_write, clear_stale, safe_cell

TEXT_FORMATS = ("timeml", "brat", "spacy")  # the formats that need each document's whole text
FOLDERS = {"timeml": ("timeml", (".tml",)), "brat": ("brat", (".ann", ".txt"))}
ENTITY_COLUMNS = ["canonical", "label", "documents", "mentions", "events", "ids"]


class EntityTable:
    """The run's entities by (canonical, label), added a document at a time."""

    def __init__(self):
        self.rows: dict[tuple[str, str], dict] = {}

    def add(self, record) -> None:
        keys = self._add_entities((record.head if isinstance(record, RecordFile) else record)["doc_id"],
                                  section(record, "entities"))
        for ev in section(record, "events"):
            named = {keys.get(p.get("entity_id")) for p in ev.get("participants") or ()}
            named.add(keys.get((ev.get("location") or {}).get("entity_id")))
            for key in named - {None}:
                self.rows[key]["events"] += 1

    def _add_entities(self, doc_id: str, entities) -> dict:
        """Count one document's entities; returns entity id -> (canonical, label)."""
        keys = {}
        for e in entities:
            keys[e["id"]] = key = (e.get("canonical") or e["text"], e["label"])
            row = self.rows.setdefault(key, {"documents": [], "mentions": 0, "events": 0, "ids": {}})
            if not row["documents"] or row["documents"][-1] != doc_id:
                row["documents"].append(doc_id)
            row["mentions"] += 1
            self._add_ids(row, e)
        return keys

    @staticmethod
    def _add_ids(row: dict, entity: dict) -> None:
        for scheme, value in (entity.get("ids") or {}).items():
            values = row["ids"].setdefault(str(scheme), [])
            if str(value) not in values:
                values.append(str(value))

    def table(self) -> list[dict]:
        """The rows of entities.csv, by column name, formula cells of the text columns escaped."""
        rows = [{"canonical": canonical, "label": label, "documents": "; ".join(row["documents"]),
                 "mentions": row["mentions"], "events": row["events"],
                 "ids": "; ".join(f"{k}:{v}" for k, vs in sorted(row["ids"].items()) for v in vs)}
                for (canonical, label), row in self.rows.items()]
        for row in rows:
            for column in ("canonical", "label", "documents", "ids"):
                row[column] = safe_cell(row[column])
        return rows

    def frame(self):
        """The table as a pandas DataFrame."""
        import pandas as pd
        return pd.DataFrame(self.table(), columns=ENTITY_COLUMNS)

    def write(self, path: Path, excel: bool = False) -> None:
        with atomic_open(path) as fh:
            fh.write("\ufeff" if excel else "")
            write_table(fh, ENTITY_COLUMNS, self.table())


class DocumentFiles:
    """The per-document formats of a run: `prepare()` before the documents, `add()` for each
    document (its record, dict or RecordFile, and its whole text), `finish()` at the end."""

    def __init__(self, out_dir: Path, formats: set[str], excel: bool = False):
        self.out_dir, self.formats, self.excel = Path(out_dir), set(formats), excel
        self.entities = EntityTable() if "csv" in self.formats else None
        self.places = Places()  # for timeline.geojson
        self.docbin = None
        self.written: set[str] = set()

    @property
    def needs_text(self) -> bool:
        return any(f in self.formats for f in TEXT_FORMATS)

    def prepare(self) -> None:
        """The subfolders of the formats asked for, created, and what a killed run left half
        written in them removed; loads spaCy when docs.spacy is asked. OSError when the
        folders cannot be made."""
        for name, (folder, _) in FOLDERS.items():
            if name in self.formats:
                (self.out_dir / folder).mkdir(exist_ok=True)
                clear_stale(self.out_dir / folder)
        if "spacy" in self.formats:
            from .docbin import DocBinWriter
            self.docbin = DocBinWriter()

    def add(self, record, text: str | None) -> None:
        """One document's files (OSError when one cannot be written); then its entities and
        Doc are kept for the run's files."""
        if self.needs_text and text is not None:
            whole = record_dict(record)
            self._write_files(whole, text)
            if self.docbin is not None:
                self.docbin.add(whole, text)
        if self.entities is not None:
            self.entities.add(record)
        if "geojson" in self.formats:
            self.places.add((record.head if isinstance(record, RecordFile) else record)["doc_id"],
                            section(record, "entities"))

    def _write_files(self, record: dict, text: str) -> None:
        doc_id = record["doc_id"]
        # each format's module is imported when a run asks for the format
        if "timeml" in self.formats:
            from .timeml import timeml_document
            atomic_write(self.out_dir / "timeml" / f"{doc_id}.tml", timeml_document(record, text))
        if "brat" in self.formats:
            from .brat import brat_ann
            atomic_write(self.out_dir / "brat" / f"{doc_id}.txt", text)
            atomic_write(self.out_dir / "brat" / f"{doc_id}.ann", brat_ann(record, text))
        self.written.add(doc_id)

    def finish(self) -> None:
        """The run's files: entities.csv, docs.spacy, brat/annotation.conf."""
        if self.entities is not None:
            self.entities.write(self.out_dir / "entities.csv", self.excel)
        if self.docbin is not None:
            self.docbin.write(self.out_dir / "docs.spacy")
        if "brat" in self.formats:
            from .brat import annotation_conf
            atomic_write(self.out_dir / "brat" / "annotation.conf", annotation_conf(load_ontology().names))

    def remove_old(self, kept: set[str]) -> list[str]:
        """The files of these formats that an earlier run left for documents not in `kept`,
        removed; returns their paths relative to the output folder."""
        removed = []
        for name, (folder, suffixes) in FOLDERS.items():
            if name not in self.formats:
                continue
            for path in sorted((self.out_dir / folder).iterdir()):
                if path.suffix in suffixes and path.stem not in kept:
                    path.unlink()
                    removed.append(f"{folder}/{path.name}")
        return removed
