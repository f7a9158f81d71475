"""timeline.parquet: the events of timeline.csv, in the same order and with the same
columns, typed for the tools that read Parquet (pandas, DuckDB, Spark): dates as date32,
lists as list<string>, offsets as int64, confidence as double, negated as bool. Written
a row group at a time from the event spool, with pyarrow; the same events give the same
bytes (no pandas or time metadata in the file).
"""
from __future__ import annotations

from datetime import date
from typing import BinaryIO

from ..days import parse_day
from ..errors import PipelineError
from ..records import CSV_COLUMNS, event_row

ROW_GROUP = 5000  # events per row group (and per batch held in memory)
DATE_COLUMNS = ("date_start", "date_end")
LIST_COLUMNS = ("agents", "themes", "participants")
INT_COLUMNS = ("sentence_start", "sentence_end")
# the years a Python date (and so a date32 written through it) holds; a BC or later day
# is null in the date columns, its TIMEX3 value stays in date_value
FIRST_YEAR, LAST_YEAR = 1, 9999


def arrow():
    """(pyarrow, pyarrow.parquet), or a PipelineError that says how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise PipelineError(f"the parquet format needs pyarrow ({exc}): pip install pyarrow") from None
    return pyarrow, pyarrow.parquet


def schema(pa):
    """The Arrow schema of timeline.parquet: the CSV's columns in the CSV's order."""
    types = dict.fromkeys(CSV_COLUMNS, pa.string())
    types.update(dict.fromkeys(DATE_COLUMNS, pa.date32()))
    types.update(dict.fromkeys(LIST_COLUMNS, pa.list_(pa.string())))
    types.update(dict.fromkeys(INT_COLUMNS, pa.int64()))
    types.update(confidence=pa.float64(), negated=pa.bool_())
    return pa.schema([pa.field(name, types[name]) for name in CSV_COLUMNS])


def as_date(day: str | None) -> date | None:
    """The date of an ISO day of the records, None when missing or outside FIRST_YEAR..LAST_YEAR."""
    parsed = parse_day(day)
    if parsed is None or not FIRST_YEAR <= parsed[0] <= LAST_YEAR:
        return None
    return date(*parsed)


def parquet_row(ev: dict, date_text: str | None) -> dict:
    """The row of one event (with its doc_id): the CSV row's values, typed."""
    row = event_row(ev["doc_id"], {**ev, "_date_text": date_text})
    parts = ev.get("participants") or []
    row["agents"] = [p["canonical"] for p in parts if p["role"] == "agent"]
    row["themes"] = [p["canonical"] for p in parts if p["role"] == "theme"]
    row["participants"] = [f"{p['canonical']} ({p['role']})" for p in parts]
    for column in DATE_COLUMNS:
        row[column] = as_date(row[column])
    return row


def _batch(pa, rows: list[dict], sch):
    return pa.record_batch([pa.array([r.get(f.name) for r in rows], type=f.type) for f in sch], schema=sch)


def write_parquet(pairs, fh: BinaryIO) -> None:
    """timeline.parquet, into a binary file handle, from (event with its doc_id, date text)
    pairs in timeline order."""
    pa, pq = arrow()
    sch = schema(pa)
    writer = pq.ParquetWriter(fh, sch, compression="snappy", store_schema=True)
    rows: list[dict] = []
    for ev, date_text in pairs:
        rows.append(parquet_row(ev, date_text))
        if len(rows) >= ROW_GROUP:
            writer.write_batch(_batch(pa, rows, sch))
            rows.clear()
    if rows:
        writer.write_batch(_batch(pa, rows, sch))
    writer.close()
