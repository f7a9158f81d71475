"""Writing a run's files from contract records: per-document JSON, the timeline as JSON,
CSV, JSON Lines, Parquet and TimelineJS, the HTML report, the per-document formats (TimeML,
brat, a spaCy DocBin), entities.csv, and the JSON Schemas they follow."""
from .documents import TEXT_FORMATS, DocumentFiles
from .writers import (REPORT_TEXT_DOCS, TMP_SUFFIX, EventSpool, RecordFile, atomic_open, atomic_write, clear_stale,
                      remove_old_records, report_cut, write_document, write_run)

__all__ = ["REPORT_TEXT_DOCS", "TEXT_FORMATS", "TMP_SUFFIX", "DocumentFiles", "EventSpool", "RecordFile",
           "atomic_open", "atomic_write", "clear_stale", "remove_old_records", "report_cut", "write_document",
           "write_run"]
