"""The run's timeline as one object in memory, for tests that compare with it: the writers
stream from an EventSpool and never hold it whole (pipeline/export/spool.py)."""
from __future__ import annotations

from pathlib import Path

from pipeline.export.writers import SCHEMA_VERSION, spool_of, write_run


def timeline_document(records: list[dict], failures: list[dict]) -> dict:
    """timeline.json's content: the documents and every event in timeline order."""
    spool = spool_of(records, failures)
    try:
        return {"schema_version": SCHEMA_VERSION, "documents": spool.documents,
                "events": [ev for ev, _ in spool.events()]}
    finally:
        spool.close()


def timeline_events(records: list[dict]) -> list[dict]:
    """Every event of every document, each with its doc_id, in timeline order."""
    return timeline_document(records, [])["events"]


def write_csv(records: list[dict], out_dir: Path) -> Path:
    """timeline.csv of the records, as a run writes it; its path."""
    spool = spool_of(records)
    try:
        write_run(spool, [], out_dir, {"csv"}, {})
    finally:
        spool.close()
    return Path(out_dir) / "timeline.csv"
