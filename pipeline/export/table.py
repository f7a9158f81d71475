"""The CSV tables of a run (timeline.csv, entities.csv), written with the standard library's
csv module cell for cell as pandas' `DataFrame(rows).to_csv(index=False)` writes the same
rows: importing pandas takes longer than a one-sentence run. tests/test_export.py checks
that the two agree on rows of every kind of value the tables hold (None, bools, numbers and
text).

Each column is written as pandas writes the column its values make: numbers with a float or
a gap among them make a float column (1 is written "1.0"); a column of bools only, or of whole
numbers only, and any other column, are written with str(); a gap (None, or a float NaN) is
an empty cell."""
from __future__ import annotations

import csv
import math

# the whole numbers a float column takes, all within one of these (pandas keeps the column's
# values as they are when they fit neither: [-1, 2 ** 63] is no int64 and no uint64 column)
_FLOAT_COLUMN_INTS = (range(-(2 ** 63), 2 ** 63), range(0, 2 ** 64))


def _gap(value) -> bool:
    return value is None or (type(value) is float and math.isnan(value))


def _float_column(values: list) -> bool:
    """Whether pandas makes these values a float column: numbers only (bools are not), with a
    float or a gap among them, the whole ones all within int64 or all within uint64."""
    kinds = {type(v) for v in values if not _gap(v)}
    if not kinds or not kinds <= {int, float}:
        return False
    whole = [v for v in values if type(v) is int]
    if not any(all(v in span for v in whole) for span in _FLOAT_COLUMN_INTS):
        return False
    return float in kinds or any(_gap(v) for v in values)


def column_cells(values: list) -> list[str]:
    """The cells of one column, as pandas' to_csv writes them."""
    if _float_column(values):
        return ["" if _gap(v) else repr(float(v)) for v in values]
    return ["" if _gap(v) else str(v) for v in values]


def write_table(fh, columns: list[str], rows: list[dict], header: bool = True) -> None:
    """Write `rows` (dicts; a missing key is a gap) under `columns` to the text file `fh`:
    the header line when `header`, then a line per row, "\\n" after each."""
    writer = csv.writer(fh, lineterminator="\n")
    if header:
        writer.writerow(columns)
    cells = [column_cells([row.get(c) for row in rows]) for c in columns]
    writer.writerows(zip(*cells))
